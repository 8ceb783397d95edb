package org.dossier.catalogue;

import java.util.ArrayList;
import java.util.List;
import org.dossier.search.Facet;
import org.dossier.web.UrlState;

/**
 * What a search page says in words about how its search was read: for each facet with two or
 * more values ticked, whether a record needs any of them or all of them (with the link that
 * switches), and "Did you mean" when the words find few records and a respelling finds more.
 */
public record SearchWording(List<FacetLogic> facetLogic, DidYouMean didYouMean) {

    /**
     * @param mode        "any of" or "all of"
     * @param labels      the names of the values ticked, in URL order
     * @param switchText  what the switch does ("Require all of them", "Any of them is enough")
     */
    public record FacetLogic(String facet, String mode, List<String> labels, String switchHref, String switchText) {

        public String joined() {
            String last = labels.get(labels.size() - 1);
            String rest = String.join(", ", labels.subList(0, labels.size() - 1));
            return rest + (mode.equals("all of") ? " and " : " or ") + last;
        }
    }

    /** A respelt search: its words and the link that searches them, with the same filters. */
    public record DidYouMean(String text, String href) {
    }

    public SearchWording {
        facetLogic = List.copyOf(facetLogic);
    }

    public static SearchWording of(SearchOutcome outcome, UrlState url) {
        SearchParams params = outcome.params();
        List<FacetLogic> logic = new ArrayList<>();
        for (Facet facet : SearchParams.MULTI_VALUED) {
            List<String> keys = params.selected(facet);
            if (keys.size() < 2) {
                continue;
            }
            List<String> labels = keys.stream().map(k -> outcome.labels().of(facet, k).name()).toList();
            String title = facet == Facet.PERSON ? "People" : "Places";
            logic.add(params.requiresAll(facet)
                    ? new FacetLogic(title, "all of", labels, url.remove("all", facet.key()), "Any of them is enough")
                    : new FacetLogic(title, "any of", labels, url.add("all", facet.key()), "Require all of them"));
        }
        logic.sort(java.util.Comparator.comparing(FacetLogic::facet));
        String suggestion = outcome.results().suggestion();
        return new SearchWording(logic, suggestion == null ? null : new DidYouMean(suggestion, url.set("q", suggestion)));
    }
}
