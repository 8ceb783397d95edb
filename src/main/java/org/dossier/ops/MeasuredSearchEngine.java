package org.dossier.ops;

import io.micrometer.core.instrument.Timer;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
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
        return search(request, NOTHING_BEFORE);
    }

    /**
     * Timed from when it was let in to work ({@code beforeWork} done: a wait for a slot is not the
     * search's own time), or whole when it was given kept; turned away ({@code beforeWork} threw), not
     * timed at all, as it was no search.
     */
    @Override
    public SearchResults search(SearchRequest request, Runnable beforeWork) {
        return timedOnceAdmitted(beforeWork, admitted -> engine.search(request, admitted));
    }

    @Override
    public long count(SearchRequest request, Runnable beforeWork) {
        return timedOnceAdmitted(beforeWork, admitted -> engine.count(request, admitted));
    }

    private <T> T timedOnceAdmitted(Runnable beforeWork, Function<Runnable, T> search) {
        Admitted admitted = new Admitted(beforeWork);
        try {
            return search.apply(admitted);
        } finally {
            admitted.timeInto(searches);
        }
    }

    /** When a search began: asked, then again once let in to work; never, if it was turned away. */
    private static final class Admitted implements Runnable {
        private final Runnable beforeWork;
        private long started = System.nanoTime();
        private boolean turnedAway;

        Admitted(Runnable beforeWork) {
            this.beforeWork = beforeWork;
        }

        @Override
        public void run() {
            turnedAway = true;
            beforeWork.run();
            turnedAway = false;
            started = System.nanoTime();
        }

        void timeInto(Timer timer) {
            if (!turnedAway) {
                timer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            }
        }
    }

    @Override
    public int[] hitIds(SearchRequest request) {
        return hitIds.record(() -> engine.hitIds(request));
    }

    @Override
    public long count(SearchRequest request) {
        return count(request, NOTHING_BEFORE);
    }

    @Override
    public void changed(Set<Integer> documentIds) {
        updates.record(() -> engine.changed(documentIds));
    }
}
