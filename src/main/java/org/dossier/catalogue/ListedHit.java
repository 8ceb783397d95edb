package org.dossier.catalogue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A hit as a result list prints it: what the list shows beside the hit itself, worked out once here
 * rather than by the template, where each was an expression with arguments or operators that OGNL
 * evaluated (six per hit, 60 of a search page's ~160 still OGNL's: BENCHMARKS.md, "What a rendered
 * page's template still asks of OGNL").
 *
 * @param href        the record's address; on a search's page it carries the search (the record's way
 *                    back and on, {@link SearchView.Trail})
 * @param titleLang   the {@code lang} of its title ({@link org.dossier.documents.Languages#of}), null
 *                    for the page's own
 * @param summary     the summary's first paragraph, printed as text when the search marked nothing in
 *                    it; null when it marked something (its snippet is printed instead) or there is none
 * @param summaryLang the {@code lang} of what is printed of the summary, the snippet or that paragraph
 * @param coins       the record's COinS ContextObject; null where the page gives none
 */
public record ListedHit(SearchOutcome.Hit hit, String href, String titleLang, String summary, String summaryLang,
                        String coins) {

    public ListedHit {
        Objects.requireNonNull(hit, "hit");
        Objects.requireNonNull(href, "href");
    }

    /**
     * A page's hits as its list prints them: {@code first} is the first one's position in the whole
     * list; {@code trail} is null where a hit's link carries no search, {@code coins} (by record id)
     * null where the page gives none, and a record it has none for gets none.
     */
    public static List<ListedHit> of(List<SearchOutcome.Hit> hits, long first, SearchView.Trail trail,
                                     Map<Integer, String> coins) {
        List<ListedHit> listed = new ArrayList<>(hits.size());
        for (int i = 0; i < hits.size(); i++) {
            SearchOutcome.Hit hit = hits.get(i);
            ListedDocument document = hit.document();
            String summary = hit.markedSnippet() ? null : hit.firstParagraph();
            listed.add(new ListedHit(hit, trail == null ? document.path() : trail.href(document.path(), first + i),
                    document.languages().of(document.title()), summary,
                    document.languages().of(hit.markedSnippet() ? hit.snippet().text() : summary),
                    coins == null ? null : coins.get(document.id())));
        }
        return List.copyOf(listed);
    }
}
