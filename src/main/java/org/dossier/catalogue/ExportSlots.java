package org.dossier.catalogue;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.dossier.ops.NicedThreads;

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
 *
 * <p>With {@code --export-nice} above 0 (default 0: off), an export admitted is written whole — its
 * search, its rows, its bytes — on a thread of its own
 * whose nice value is {@code --export-nice} ({@link NicedThreads}), while its request's thread waits
 * for it. Why: one export at a time still held one of two processors for up to a second, and the
 * slowest requests of the load mix were those answered beside it (BENCHMARKS.md, "The session's
 * merges on the load mix at 1M, by kind: exports bounded and cheaper"); at a lower priority the
 * export takes what the readers leave.
 */
public final class ExportSlots {

    private final Semaphore turns;
    private final int maxExports;
    private final Duration wait;
    /**
     * The threads exports are written on, or null to write each on its request's thread. As many as
     * are writing (the turns bound them); an idle one ends after a minute, so that a node, or a
     * test's, keeps none while no export is asked for.
     */
    private final ExecutorService writers;

    /**
     * {@code maxExports}, {@code wait} and {@code nice} as {@code app.Protection} has checked them: 1 or more,
     * not negative, 0 (on the request's thread) to 19.
     */
    public ExportSlots(int maxExports, Duration wait, int nice) {
        this.maxExports = maxExports;
        this.wait = wait;
        this.turns = new Semaphore(maxExports, true);
        this.writers = nice == 0 ? null : Executors.newCachedThreadPool(new NicedThreads("dossier-export", nice));
    }

    /** Work that writes an export. */
    interface Writing {
        void write() throws IOException;
    }

    /**
     * Writes an export in a turn, on an export thread: false, with nothing written, when no turn came
     * within the wait. What {@code writing} throws is thrown here, as if it had run on this thread.
     */
    boolean written(Writing writing) throws IOException {
        if (!enter()) {
            return false;
        }
        try {
            if (writers == null) {
                writing.write();
            } else {
                awaitWhole(writers.submit(() -> {
                    writing.write();
                    return null;
                }));
            }
            return true;
        } finally {
            leave();
        }
    }

    /**
     * Waits until the export is written, even if this thread is interrupted meanwhile (the
     * interruption is kept for its caller): the response is the export thread's until then, and the
     * request must not end, nor the turn be handed on, while it still writes to it.
     */
    private static void awaitWhole(Future<?> written) throws IOException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    written.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            // Not thrown: Writing throws no other checked exception.
            throw new IllegalStateException(cause);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Whether a turn came within the wait: then the caller must {@link #leave} when its export is written. */
    private boolean enter() {
        try {
            return wait.isZero() ? turns.tryAcquire() : turns.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void leave() {
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
