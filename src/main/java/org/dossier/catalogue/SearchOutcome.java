package org.dossier.catalogue;

import java.util.List;
import org.dossier.search.HighlightedText;
import org.dossier.search.SearchRequest;
import org.dossier.search.SearchResults;
import org.dossier.web.Pagination;

/**
 * A search answered: the engine's results, the records of the page as the database has them,
 * and the labels to show for facet keys.
 *
 * @param wordsAlone   on a page with nothing found, how many records the words find without the
 *                     filters; -1 when not asked
 * @param filtersAlone likewise, how many the filters find without the words
 * @param otherDated   on a search page whose date range starts or ends inside a year, how many
 *                     records the range's other way of being met finds ({@link SearchRequest#dated()});
 *                     -1 when not asked
 * @param dateInWords  on a search page, a date the reader typed among the words; null for none
 * @param datedInstead how many records the other words find dated that date; -1 when not asked
 * @param took         what answering took, for {@code Server-Timing}
 */
public record SearchOutcome(SearchRequest request, SearchResults results, List<Hit> hits, AuthorityLabels labels,
                            long wordsAlone, long filtersAlone, long otherDated, DateInWords dateInWords,
                            long datedInstead, Took took) {

    /** A record on the page, with its title and snippet as marked by the search (empty when there are no words). */
    public record Hit(ListedDocument document, HighlightedText title, HighlightedText snippet) {

        public boolean markedTitle() {
            return !title.isEmpty();
        }

        public boolean markedSnippet() {
            return !snippet.isEmpty();
        }

        /** The summary's first paragraph, shown when the search marked nothing in it; null for none. */
        public String firstParagraph() {
            return document.summary().isEmpty() ? null : document.summary().get(0);
        }
    }

    /**
     * What answering took, in nanoseconds: the engine's search, the further counts the page shows
     * beside its hits (the other way of meeting a range, what the words find
     * alone), and reading the page's records from the database.
     */
    public record Took(long search, long counts, long records) {

        public Took {
            if (search < 0 || counts < 0 || records < 0) {
                throw new IllegalArgumentException("a time taken is not below 0: " + search + ", " + counts + ", " + records);
            }
        }
    }

    public SearchOutcome {
        hits = List.copyOf(hits);
    }

    public Pagination pagination() {
        return pagination(request, results);
    }

    /** The pages of a search's answer, known before its page's records are read. */
    static Pagination pagination(SearchRequest request, SearchResults results) {
        // The pager goes as deep as a search may be paged, not to the end of a million hits.
        return new Pagination(request.page(), request.pageSize(), results.total(), SearchRequest.MAX_WINDOW);
    }
}
