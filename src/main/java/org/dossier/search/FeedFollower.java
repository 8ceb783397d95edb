package org.dossier.search;

import java.time.Instant;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.dossier.documents.ChangeFeed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread that applies the change feed to an engine (the embedded index, or a node's share of a
 * Solr collection) as it grows: woken by this node's writes and by searches that wait for it, and
 * otherwise every {@link #POLL_MILLIS} for what other nodes and processes wrote. Once an hour it
 * also prunes the feed. One shape for both engines: each gives only how to apply a batch.
 */
final class FeedFollower {

    private static final Logger LOG = LoggerFactory.getLogger(FeedFollower.class);

    /** How often the follower looks for changes other nodes and processes wrote. */
    static final long POLL_MILLIS = 200;

    /** How often a node prunes the change feed. */
    private static final long PRUNE_EVERY_NANOS = TimeUnit.HOURS.toNanos(1);

    private final Semaphore nudge = new Semaphore(0);
    private final Thread thread;
    private volatile boolean stopped;
    private long lastPrune = System.nanoTime() - PRUNE_EVERY_NANOS;

    /**
     * @param name     the thread's name
     * @param batch    a full batch: {@code catchUp} is called again at once while it applies this many
     * @param catchUp  applies the next batch of changes and says how many
     * @param source   where the feed is pruned
     * @param progress how far the engine has applied the feed (nothing it has not applied is pruned)
     */
    FeedFollower(String name, int batch, IntSupplier catchUp, IndexSource source, FeedProgress progress) {
        this.thread = new Thread(() -> {
            while (!stopped) {
                try {
                    if (nudge.tryAcquire(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                        nudge.drainPermits();
                    }
                } catch (InterruptedException e) {
                    return;
                }
                while (!stopped && catchUp.getAsInt() == batch) {
                    // A long feed is applied a batch at a time, each searchable as soon as it is in.
                }
                pruneNowAndThen(source, progress);
            }
        }, name);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Something committed (or a search waits): look at the feed now rather than at the next poll. */
    void wake() {
        nudge.release();
    }

    /** Stops after the batch in hand: woken, not interrupted (an interrupt in the middle of a Lucene write closes the writer). */
    void stop() {
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

    /**
     * Once an hour, removes from the feed what this node has applied and is older than
     * {@link ChangeFeed#KEPT_FOR}: the change table does not grow forever. Failing is harmless: the
     * next hour tries again.
     */
    private void pruneNowAndThen(IndexSource source, FeedProgress progress) {
        long now = System.nanoTime();
        if (now - lastPrune < PRUNE_EVERY_NANOS) {
            return;
        }
        lastPrune = now;
        try {
            int pruned = source.prune(Instant.now().minus(ChangeFeed.KEPT_FOR), progress.applied());
            if (pruned > 0) {
                LOG.info("Pruned {} changes older than {} from the change feed", pruned, ChangeFeed.KEPT_FOR);
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not prune the change feed; trying again in an hour", e);
        }
    }
}
