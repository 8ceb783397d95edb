package org.dossier.catalogue;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * At most {@code maxExports} search exports are written at once on this node ({@code --max-exports}),
 * from their search to their last record; one that finds no turn free within {@code wait}
 * ({@code --export-wait}) is not started, and is answered 503 with Retry-After.
 *
 * <p>Why a bound of their own: an export's records are read and written outside the search engine's
 * slots ({@code --max-searches} bounds only its search), and a large one keeps a processor busy for
 * a second or more. Two at once on a two-processor node took both processors, and the pages asked for
 * meanwhile made the slowest requests of the load mix (BENCHMARKS.md, "What makes the tail at 250
 * req/s"). The turns are handed out in the order asked for, so that a waiting export is not passed by
 * one that came after it.
 */
public final class ExportSlots {

    private final Semaphore turns;
    private final int maxExports;
    private final Duration wait;

    /** {@code maxExports} and {@code wait} as {@code app.Protection} has checked them: 1 or more, not negative. */
    public ExportSlots(int maxExports, Duration wait) {
        this.maxExports = maxExports;
        this.wait = wait;
        this.turns = new Semaphore(maxExports, true);
    }

    /** Whether a turn came within the wait: then the caller must {@link #leave} when its export is written. */
    boolean enter() {
        try {
            return wait.isZero() ? turns.tryAcquire() : turns.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    void leave() {
        turns.release();
    }

    /** What a refused export's page says. */
    String refusal() {
        return "This server is already writing " + (maxExports == 1 ? "an export" : maxExports + " exports")
                + ", the most it writes at once" + (wait.isZero() ? "" : ", and this one waited " + seconds(wait)
                + " for its turn") + ". Nothing was exported: ask for it again in a moment.";
    }

    private static String seconds(Duration wait) {
        long millis = wait.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + (millis == 1000 ? " second" : " seconds") : millis + " ms";
    }
}
