package org.dossier.ops;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A value a gauge reads from the database, read on another thread and waited for at most a short
 * while: when the database is slow or cannot be reached, a scrape gets the last value read rather
 * than waiting for a connection once per gauge (three index gauges and the merges at 5 s each took
 * a scrape past Prometheus' 10 s timeout, and every metric was lost just when they were wanted).
 * One read at a time: a scrape that finds the last read still waiting does not start another.
 */
final class BoundedReading<T> {

    private final Supplier<T> read;
    private final ExecutorService reader;
    private final Duration wait;
    private volatile T last;
    private Future<T> inFlight;
    private boolean waitedOut;

    BoundedReading(Supplier<T> read, T unknown, ExecutorService reader, Duration wait) {
        this.read = read;
        this.last = unknown;
        this.reader = reader;
        this.wait = wait;
    }

    synchronized T get() {
        try {
            if (inFlight == null || inFlight.isDone()) {
                inFlight = reader.submit(read::get);
                waitedOut = false;
            } else if (waitedOut) {
                // A gauge already waited this read out: the next ones of the scrape do not wait again.
                return last;
            }
            last = inFlight.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            waitedOut = true;
        } catch (ExecutionException | RejectedExecutionException e) {
            // Failed, or closing: what was read last.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return last;
    }
}
