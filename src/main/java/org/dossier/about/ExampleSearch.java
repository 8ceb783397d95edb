package org.dossier.about;

import java.util.Objects;
import org.dossier.catalogue.SearchLinks;
import org.dossier.catalogue.SearchPage;
import org.dossier.search.SearchRequest;

/**
 * A search the help page offers as a link, built as every link of the search page is, from a
 * {@link SearchRequest}, so that its address is the one the search page would write.
 *
 * @param shows   what the link says: the words as typed, or the filter in words
 * @param request the search it asks
 * @param expect  what it finds on the catalogue the seeds make, which the tests hold it to
 */
public record ExampleSearch(String shows, SearchRequest request, Expect expect) {

    /** What an example is there to show. */
    public enum Expect {
        /** Records: at least one. */
        RECORDS,
        /** A misspelling: few records or none, and a spelling that finds more offered. */
        RESPELLING
    }

    public ExampleSearch {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(expect, "expect");
        if (shows == null || shows.isBlank()) {
            throw new IllegalArgumentException("an example says what it searches");
        }
    }

    /** Words typed into the box, shown as typed. */
    static ExampleSearch typed(String words) {
        return new ExampleSearch(words, SearchRequest.of(words), Expect.RECORDS);
    }

    /** The search page's address. */
    public String href() {
        return SearchLinks.search(request);
    }

    /** The same search for programs. */
    public String jsonHref() {
        return request.on(SearchPage.JSON);
    }

    /** The same search on another path: an export, a facet's page. */
    public String on(String path) {
        return request.withoutPaging().on(path);
    }

    public boolean respelling() {
        return expect == Expect.RESPELLING;
    }
}
