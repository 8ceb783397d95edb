package org.dossier.search;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * At most {@code maxSearches} searches and exports run in the engine at once; one that finds no
 * slot free within {@code wait} is refused with {@link SearchBusyException} (a 503 with
 * Retry-After). Why: past the point where the processors are busy, every search admitted makes all
 * the others slower, so under a burst everybody waits seconds; refusing the excess early keeps the
 * admitted searches fast and tells the rest when to come back. Record pages, related records,
 * suggestions as one types and index updates are never refused (they are passed on as they come): they are
 * cheap, and a reader who reached a record should see it.
 *
 * <p>A search page holds its slot until it is rendered ({@link #holdingOneSlot}): its rendering is
 * the larger part of its work once the answer is kept, and a node that bounded only the searches
 * let the renders after them pile up unbounded — on a node just started, under 50 requests a second,
 * 250 at once, queued one by one on a lock inside the template engine, answered after up to a
 * minute (BENCHMARKS.md, "A node's first minute under load").
 */
public final class BoundedSearchEngine extends ForwardingSearchEngine {

    private final Semaphore slots;
    private final int maxSearches;
    private final long waitNanos;
    /** Whether this thread already holds a slot ({@link #holdingOneSlot}): its searches take no second one. */
    private final ThreadLocal<Boolean> holding = ThreadLocal.withInitial(() -> false);

    /** {@code maxSearches} and {@code wait} as {@code app.Protection} has checked them: 1 or more, not negative. */
    public BoundedSearchEngine(SearchEngine engine, int maxSearches, Duration wait) {
        super(engine);
        this.maxSearches = maxSearches;
        this.slots = new Semaphore(maxSearches, true);
        this.waitNanos = wait.toNanos();
    }

    @Override
    public SearchResults search(SearchRequest request) {
        return admitted(() -> engine.search(request));
    }

    @Override
    public int[] hitIds(SearchRequest request) {
        return admitted(() -> engine.hitIds(request));
    }

    @Override
    public long count(SearchRequest request) {
        return admitted(() -> engine.count(request));
    }

    /**
     * Runs {@code page} — a search and the page made of its answer — in one slot: refused as a
     * search is when none is free within the wait, and every search it makes runs in that slot
     * instead of asking for another (which could wait on itself).
     */
    public <T> T holdingOneSlot(Supplier<T> page) {
        return admitted(page);
    }

    private <T> T admitted(Supplier<T> work) {
        if (holding.get()) {
            return work.get();
        }
        boolean admitted;
        try {
            admitted = waitNanos == 0 ? slots.tryAcquire() : slots.tryAcquire(waitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SearchBusyException(maxSearches);
        }
        if (!admitted) {
            throw new SearchBusyException(maxSearches);
        }
        holding.set(true);
        try {
            return work.get();
        } finally {
            holding.set(false);
            slots.release();
        }
    }
}
