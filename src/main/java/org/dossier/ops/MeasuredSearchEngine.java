package org.dossier.ops;

import io.micrometer.core.instrument.Timer;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.dossier.search.ForwardingSearchEngine;
import org.dossier.search.SearchEngine;
import org.dossier.search.SearchRequest;
import org.dossier.search.SearchResults;

/** A search engine whose searches and index updates are timed into {@link Metrics}. */
final class MeasuredSearchEngine extends ForwardingSearchEngine {

    private final Timer searches;
    private final Timer hitIds;
    private final Timer updates;

    MeasuredSearchEngine(SearchEngine engine, Timer searches, Timer hitIds, Timer updates) {
        super(engine);
        this.searches = searches;
        this.hitIds = hitIds;
        this.updates = updates;
    }

    @Override
    public SearchResults search(SearchRequest request) {
        return searches.record(() -> engine.search(request));
    }

    /** An answer kept is a search answered, timed as one; none kept is no search yet (the search that follows is timed). */
    @Override
    public Optional<SearchResults> keptAnswer(SearchRequest request) {
        long started = System.nanoTime();
        Optional<SearchResults> kept = engine.keptAnswer(request);
        kept.ifPresent(answer -> searches.record(System.nanoTime() - started, TimeUnit.NANOSECONDS));
        return kept;
    }

    @Override
    public OptionalLong keptTotal(SearchRequest request) {
        long started = System.nanoTime();
        OptionalLong kept = engine.keptTotal(request);
        if (kept.isPresent()) {
            searches.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
        return kept;
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
    public void changed(Set<Integer> documentIds) {
        updates.record(() -> engine.changed(documentIds));
    }
}
