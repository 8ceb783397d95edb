package org.dossier.testing;

import java.util.List;
import java.util.Set;
import org.dossier.search.IndexStatus;
import org.dossier.search.SearchEngine;
import org.dossier.search.SearchRequest;
import org.dossier.search.SearchResults;
import org.dossier.search.Suggestion;

/**
 * A search engine for the tests of what wraps one (the bound on searches, the timer): open, holding
 * nothing, finding nothing; a test overrides what it watches.
 */
public abstract class QuietSearchEngine implements SearchEngine {

    @Override
    public SearchResults search(SearchRequest request) {
        return null;
    }

    @Override
    public int[] hitIds(SearchRequest request) {
        return new int[0];
    }

    @Override
    public long count(SearchRequest request) {
        return 0;
    }

    @Override
    public IndexStatus status() {
        return new IndexStatus(true, 1, 1, 1, 0, "");
    }

    @Override
    public List<Integer> related(int documentId, int limit) {
        return List.of();
    }

    @Override
    public List<Suggestion> suggest(String text, int limit) {
        return List.of();
    }

    @Override
    public void changed(Set<Integer> documentIds) {
    }

    @Override
    public void close() {
    }
}
