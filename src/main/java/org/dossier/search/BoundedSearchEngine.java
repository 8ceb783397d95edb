package org.dossier.search;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
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
 *
 * <p>An answer the engine has kept, and a page whose answers and rendering are all kept, take no
 * slot: they cost a lookup, and waiting in line behind searches that count had them turned away with
 * those (under the load mix, as many browses and searches of words kept from before as searches with
 * filters, BENCHMARKS.md, "Kept answers take no slot"). The engine says when it must work: the slot
 * is taken in its own lookup's miss ({@link SearchEngine#search(SearchRequest, Runnable)}), so that a
 * search that counts looks once, as it did before kept answers took no slot.
 */
public final class BoundedSearchEngine extends ForwardingSearchEngine {

    /** Where this thread is: in no page and no search, in a page without a slot yet, or holding one. */
    private enum Holding { NOTHING, PAGE, SLOT }

    private final Semaphore slots;
    private final int maxSearches;
    private final long waitNanos;
    /** Whether this thread holds a slot ({@link #holdingOneSlot}): its searches take no second one. */
    private final ThreadLocal<Holding> holding = ThreadLocal.withInitial(() -> Holding.NOTHING);

    /** {@code maxSearches} and {@code wait} as {@code app.Protection} has checked them: 1 or more, not negative. */
    public BoundedSearchEngine(SearchEngine engine, int maxSearches, Duration wait) {
        super(engine);
        this.maxSearches = maxSearches;
        this.slots = new Semaphore(maxSearches, true);
        this.waitNanos = wait.toNanos();
    }

    @Override
    public SearchResults search(SearchRequest request) {
        return search(request, NOTHING_BEFORE);
    }

    @Override
    public SearchResults search(SearchRequest request, Runnable beforeWork) {
        return inASlotIfWorked(takeSlot -> engine.search(request, then(takeSlot, beforeWork)));
    }

    @Override
    public int[] hitIds(SearchRequest request) {
        return admitted(() -> engine.hitIds(request));
    }

    @Override
    public long count(SearchRequest request) {
        return count(request, NOTHING_BEFORE);
    }

    @Override
    public long count(SearchRequest request, Runnable beforeWork) {
        return inASlotIfWorked(takeSlot -> engine.count(request, then(takeSlot, beforeWork)));
    }

    /**
     * Runs {@code page} — its searches and the page made of their answers — in one slot at most,
     * taken when it first must search (or {@link #takeSlot}) and held until the page is made:
     * refused as a search is when none is free within the wait, and every search it makes after
     * runs in that slot instead of asking for another (which could wait on itself). A page whose
     * answers are all kept and whose rendering is kept too takes none.
     */
    public <T> T holdingOneSlot(Supplier<T> page) {
        if (holding.get() != Holding.NOTHING) {
            return page.get();
        }
        holding.set(Holding.PAGE);
        try {
            return page.get();
        } finally {
            if (holding.get() == Holding.SLOT) {
                slots.release();
            }
            holding.set(Holding.NOTHING);
        }
    }

    /**
     * Takes the slot of the page being made ({@link #holdingOneSlot}) now, if it holds none yet:
     * before work of its own that the engine does not see (rendering a page from kept answers),
     * refused as a search is when none is free within the wait.
     *
     * @throws IllegalStateException outside a page
     */
    public void takeSlot() {
        if (holding.get() == Holding.NOTHING) {
            throw new IllegalStateException("a slot is taken for a page, inside holdingOneSlot");
        }
        holdSlot();
    }

    /**
     * Runs {@code work}, giving it what takes a slot for this thread ({@link #holdSlot}) for the engine
     * to run once it must work; the slot is given back when {@code work} ends, unless a page holds it
     * ({@link #holdingOneSlot}). Nothing is taken when the engine gives what it kept.
     */
    private <T> T inASlotIfWorked(Function<Runnable, T> work) {
        Holding before = holding.get();
        if (before == Holding.SLOT) {
            return work.apply(NOTHING_BEFORE);
        }
        try {
            return work.apply(this::holdSlot);
        } finally {
            if (before == Holding.NOTHING && holding.get() == Holding.SLOT) {
                holding.set(Holding.NOTHING);
                slots.release();
            }
        }
    }

    /** Takes a slot for this thread unless it holds one: refused as a search is when none is free within the wait. */
    private void holdSlot() {
        if (holding.get() != Holding.SLOT) {
            acquire();
            holding.set(Holding.SLOT);
        }
    }

    private <T> T admitted(Supplier<T> work) {
        return inASlotIfWorked(takeSlot -> {
            takeSlot.run();
            return work.get();
        });
    }

    /** {@code first}, then {@code second} if the first did not throw. */
    private static Runnable then(Runnable first, Runnable second) {
        return () -> {
            first.run();
            second.run();
        };
    }

    private void acquire() {
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
    }
}
