package org.dossier.search;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.dossier.documents.BackgroundLoop;
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

    private final BackgroundLoop loop;
    private long lastPrune = System.nanoTime() - PRUNE_EVERY_NANOS;

    /**
     * @param name     the thread's name
     * @param batch    a full batch: {@code catchUp} is called again at once while it applies this many
     * @param catchUp  applies the next batch of changes and says how many
     * @param source   where the feed is pruned
     * @param progress how far the engine has applied the feed (nothing it has not applied is pruned)
     */
    FeedFollower(String name, int batch, IntSupplier catchUp, IndexSource source, FeedProgress progress) {
        this.loop = new BackgroundLoop(name, POLL_MILLIS, stopped -> {
            while (!stopped.getAsBoolean() && catchUp.getAsInt() == batch) {
                // A long feed is applied a batch at a time, each searchable as soon as it is in.
            }
            pruneNowAndThen(source, progress);
        });
    }

    void start() {
        loop.start();
    }

    /** Something committed (or a search waits): look at the feed now rather than at the next poll. */
    void wake() {
        loop.wake();
    }

    /** Stops after the batch in hand. */
    void stop() {
        loop.stop();
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
