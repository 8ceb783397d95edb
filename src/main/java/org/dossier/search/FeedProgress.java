package org.dossier.search;

import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far an engine (the embedded index, or a node's view of a Solr collection) has applied the
 * change feed, and the wait of a search for what had committed when it began. One shape for both
 * engines: only their follower advances it, and searches wait on it.
 */
final class FeedProgress {

    private static final Logger LOG = LoggerFactory.getLogger(FeedProgress.class);

    /**
     * How long a search waits for the follower to apply what committed before it, while the follower
     * makes no progress; then it searches what it has.
     */
    static final long AWAIT_MILLIS = 10_000;

    private final String what;
    private final Object monitor = new Object();
    private volatile long applied;
    private volatile boolean closed;

    /** {@code what} names the engine in the log ("the search index"), {@code applied} where it starts. */
    FeedProgress(String what, long applied) {
        this.what = what;
        this.applied = applied;
    }

    /** The last change applied and searchable. */
    long applied() {
        return applied;
    }

    /** The follower has applied (and made searchable) every change up to {@code change}. */
    void advanceTo(long change) {
        if (change > applied) {
            applied = change;
            synchronized (monitor) {
                monitor.notifyAll();
            }
        }
    }

    /** No more progress will come: whoever waits stops waiting. */
    void close() {
        closed = true;
        synchronized (monitor) {
            monitor.notifyAll();
        }
    }

    /**
     * Waits (a little, at most) until change {@code head} is applied, having {@code woken} the
     * follower: a search then sees every change committed before it began, on whichever node. As long
     * as the follower is getting on (a long feed, after a bulk import) it keeps waiting; after
     * {@link #AWAIT_MILLIS} without progress it gives up and the search uses what there is.
     */
    void await(long head, Runnable woken) {
        if (applied >= head) {
            return;
        }
        woken.run();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(AWAIT_MILLIS);
        long seen = applied;
        synchronized (monitor) {
            while (applied < head && !closed) {
                if (applied > seen) {
                    seen = applied;
                    deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(AWAIT_MILLIS);
                }
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    LOG.warn("{} is behind the database (change {} of {}); searching what it has", what, applied, head);
                    return;
                }
                try {
                    monitor.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
