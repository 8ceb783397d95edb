package org.dossier.ops;

import io.micrometer.core.instrument.Timer;
import java.util.Set;
import org.dossier.search.IndexStatus;
import org.dossier.search.SearchEngine;
import org.dossier.search.SearchRequest;
import org.dossier.search.SearchResults;

/** A search engine whose searches and index updates are timed into {@link Metrics}. */
final class MeasuredSearchEngine implements SearchEngine {

    private final SearchEngine engine;
    private final Timer searches;
    private final Timer hitIds;
    private final Timer updates;

    MeasuredSearchEngine(SearchEngine engine, Timer searches, Timer hitIds, Timer updates) {
        this.engine = engine;
        this.searches = searches;
        this.hitIds = hitIds;
        this.updates = updates;
    }

    @Override
    public SearchResults search(SearchRequest request) {
        return searches.record(() -> engine.search(request));
    }

    @Override
    public int[] hitIds(SearchRequest request) {
        return hitIds.record(() -> engine.hitIds(request));
    }

    @Override
    public long count(SearchRequest request) {
        return searches.record(() -> engine.count(request));
    }

    @Override
    public java.util.List<Integer> related(int documentId, int limit) {
        return engine.related(documentId, limit);
    }

    @Override
    public java.util.List<org.dossier.search.Suggestion> suggest(String text, int limit) {
        return engine.suggest(text, limit);
    }

    @Override
    public void changed(Set<Integer> documentIds) {
        updates.record(() -> engine.changed(documentIds));
    }

    @Override
    public IndexStatus status() {
        return engine.status();
    }

    @Override
    public boolean isOpen() {
        return engine.isOpen();
    }

    @Override
    public void close() {
        engine.close();
    }
}
