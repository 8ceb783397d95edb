package org.dossier.testing;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Waiting, in a test, for another thread to get somewhere: never for ever, and never silently. */
public final class Latches {

    private Latches() {
    }

    /**
     * Waits for {@code latch}, at most {@code limit}; past it, or when interrupted (the interrupt kept),
     * fails naming {@code waitingFor}, so that a thread that never got there is said, not waited out.
     */
    public static void await(CountDownLatch latch, Duration limit, String waitingFor) {
        try {
            if (!latch.await(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("waited " + limit.toSeconds() + " s for " + waitingFor);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + waitingFor, e);
        }
    }
}
