package org.dossier.documents;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A thread that does a round of work as soon as it starts, then whenever it is woken and otherwise
 * every {@code pollMillis}: how a node follows what was written without a request waiting for it
 * (the change feed into its search index, a merge's records still to move). Stopping lets the round
 * in hand finish: the thread is woken and told, never interrupted (an interrupt in the middle of a
 * Lucene write closes the writer).
 */
public final class BackgroundLoop {

    /** One round of the work; a long one asks {@code stopped} between its steps. */
    @FunctionalInterface
    public interface Round {
        void run(BooleanSupplier stopped);
    }

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundLoop.class);

    private final Semaphore nudge = new Semaphore(0);
    private final Thread thread;
    private volatile boolean stopped;

    public BackgroundLoop(String name, long pollMillis, Round round) {
        RoundFailures failures = new RoundFailures(LOG, name, "at the next");
        this.thread = new Thread(() -> {
            while (!stopped) {
                try {
                    round.run(() -> stopped);
                    failures.succeeded();
                } catch (RuntimeException e) {
                    // A database or engine that cannot be reached now: the next round tries again.
                    failures.failed(e, "failed a round");
                }
                try {
                    if (nudge.tryAcquire(pollMillis, TimeUnit.MILLISECONDS)) {
                        nudge.drainPermits();
                    }
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, name);
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Something was written (or someone waits): a round now rather than at the next poll. */
    public void wake() {
        nudge.release();
    }

    /** Stops after the round in hand, waiting up to ten seconds for it. */
    public void stop() {
        stopped = true;
        nudge.release();
        if (thread.isAlive()) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
