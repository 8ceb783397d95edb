package org.dossier.catalogue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dossier.documents.DocumentJson;
import org.dossier.search.Facet;
import org.dossier.search.SearchRequest;
import org.dossier.web.Pagination;

/**
 * What {@code /search.json} answers for one page of a search: the counts, the pages before and
 * after, the hits and every facet's values in {@code body}; the first, previous, next and last
 * pages by their link relations (RFC 8288) in {@code links}, for its {@code Link} header.
 */
record SearchJsonBody(Map<String, Object> body, Map<String, String> links) {

    static SearchJsonBody of(SearchOutcome outcome, String site) {
        Map<String, String> links = pageLinks(outcome, site);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total", outcome.results().total());
        body.put("page", outcome.request().page());
        body.put("pageSize", outcome.request().pageSize());
        body.put("sort", outcome.request().effectiveSort().key());
        if (links.containsKey("prev")) {
            body.put("prev", links.get("prev"));
        }
        if (links.containsKey("next")) {
            body.put("next", links.get("next"));
        }
        if (outcome.results().notice() != null) {
            body.put("notice", outcome.results().notice());
        }
        if (outcome.results().changesPending() > 0) {
            // Changes committed before the search that it does not show yet: ask again shortly.
            body.put("changesPending", outcome.results().changesPending());
        }
        if (outcome.results().suggestion() != null) {
            body.put("suggestion", outcome.results().suggestion());
        }
        DateInWords dateInWords = outcome.dateInWords();
        if (dateInWords != null && outcome.datedInstead() > 0) {
            // What the search page offers as "Looking for records dated September 1950?".
            Map<String, Object> offer = new LinkedHashMap<>();
            offer.put("date", dateInWords.display());
            offer.put("q", dateInWords.rest());
            offer.put("total", outcome.datedInstead());
            offer.put("url", site + dateInWords.instead().on(SearchPage.JSON));
            body.put("dateOffer", offer);
        }
        body.put("documents", outcome.hits().stream().map(hit -> document(hit, site)).toList());
        body.put("facets", facets(outcome));
        return new SearchJsonBody(body, links);
    }

    /** The {@code Link} header: each page's address with its relation. */
    String linkHeader() {
        return String.join(", ", links.entrySet().stream()
                .map(link -> "<" + link.getValue() + ">; rel=\"" + link.getKey() + "\"").toList());
    }

    /**
     * The addresses of the first, previous, next and last pages of a search's JSON, for a program
     * paging through every hit: the previous and next only where there is one (a page past the
     * last is a 404 before it gets here), the last the last a search may be paged to.
     */
    private static Map<String, String> pageLinks(SearchOutcome outcome, String site) {
        Pagination pages = outcome.pagination();
        SearchRequest asked = outcome.request();
        Map<String, String> links = new LinkedHashMap<>();
        links.put("first", site + asked.onPage(1).on(SearchPage.JSON));
        if (pages.hasPrevious()) {
            links.put("prev", site + asked.onPage(pages.page() - 1).on(SearchPage.JSON));
        }
        if (pages.hasNext()) {
            links.put("next", site + asked.onPage(pages.page() + 1).on(SearchPage.JSON));
        }
        links.put("last", site + asked.onPage(pages.lastPage()).on(SearchPage.JSON));
        return links;
    }

    /** A hit with the keys the record's JSON twin gives it, and its marked words where it has any. */
    private static Map<String, Object> document(SearchOutcome.Hit hit, String site) {
        ListedDocument d = hit.document();
        Map<String, Object> json = DocumentJson.core(d.id(), d.title(), d.date(), d.summary(), site);
        json.put("url", site + d.path());
        json.put("type", DocumentJson.type(d.type()));
        if (hit.markedTitle() || hit.markedSnippet()) {
            Map<String, Object> marked = new LinkedHashMap<>();
            marked.put("title", hit.title().html());
            marked.put("snippet", hit.snippet().html());
            json.put("highlight", marked);
        }
        return json;
    }

    private static Map<String, Object> facets(SearchOutcome outcome) {
        Map<String, Object> facets = new LinkedHashMap<>();
        for (Facet facet : Facet.values()) {
            facets.put(facet.key(), SearchView.values(facet, outcome, false).stream()
                    .map(v -> facetValue(v.key(), v.label(), v.count())).toList());
        }
        List<Map<String, Object>> years = new ArrayList<>();
        outcome.results().years().forEach((year, count) -> {
            String value = SearchRequest.yearValue(year);
            years.add(facetValue(value, value, count));
        });
        facets.put(SearchRequest.YEAR, years);
        // The undated records as one more value of the date, "Undated", with what choosing it finds.
        SearchView.FacetValue undated = SearchView.undated(outcome);
        facets.put(SearchRequest.UNDATED, undated == null ? List.of()
                : List.of(facetValue(undated.key(), undated.label(), undated.count())));
        return facets;
    }

    private static Map<String, Object> facetValue(String value, String label, long count) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("value", value);
        json.put("label", label);
        json.put("count", count);
        return json;
    }
}
