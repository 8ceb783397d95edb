package org.dossier.search;

import java.time.Duration;
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
     * How long a search waits, at most, for the follower to apply what committed before it; then it
     * searches what there is and says how many changes it lacks. Long enough for an edit made on
     * any node (applied within a poll); far shorter than a bulk import takes to follow, which left
     * every search on every node waiting tens of seconds. A node's engine waits this long; a test
     * may give its engine longer (see {@link #FeedProgress(String, long, Duration)}).
     */
    static final long AWAIT_MILLIS = 5_000;

    /**
     * So many changes behind, a search does not wait at all: they are a bulk write (an import, a
     * merge of a person named in thousands of records), which the follower takes seconds to apply,
     * and waiting would make every search slow while it does. An editor's save is one change, a
     * withdrawal of a record or a relinked authority a few: searches wait for those.
     */
    static final long NO_WAIT_PAST = 2_000;

    private final String what;
    /** {@link #AWAIT_MILLIS}, unless this engine was told otherwise. */
    private final long awaitMillis;
    private final Object monitor = new Object();
    private volatile long applied;
    private volatile boolean closed;
    /** The batch being written (the change it follows) and how many of its records, at the furthest yet. */
    private long furthestAfter = -1;
    private int furthestWritten;
    /** How many times the follower got further than ever before: see {@link #steps()}. */
    private volatile long steps;

    /** {@code what} names the engine in the log ("the search index"), {@code applied} where it starts. */
    FeedProgress(String what, long applied) {
        this(what, applied, Duration.ofMillis(AWAIT_MILLIS));
    }

    /**
     * As {@link #FeedProgress(String, long)}, a search waiting at most {@code await} for the follower
     * (an export, that long without progress). A test whose search must see a whole feed of 1,900
     * changes gives its engine longer: on a machine at a load of 20 the follower took more than the
     * node's 5 s to apply them, and the search rightly answered without the last batch.
     */
    FeedProgress(String what, long applied, Duration await) {
        if (await.isNegative() || await.isZero()) {
            throw new IllegalArgumentException("a search's wait for the follower must be positive, not " + await);
        }
        this.what = what;
        this.applied = applied;
        this.awaitMillis = await.toMillis();
    }

    /** The last change applied and searchable. */
    long applied() {
        return applied;
    }

    /**
     * How many times the follower has got further than ever before: a record more of a batch written
     * (searchable or not yet), or a batch made searchable. It grows while a long feed is applied,
     * from the first record on, long before the first batch is searchable: readiness tells a node
     * catching up from a stuck one by it. A batch tried again after a failure takes no step until it
     * passes the record where it failed.
     */
    long steps() {
        return steps;
    }

    /** The follower has written {@code written} records so far of the batch of changes after change {@code after}. */
    synchronized void writing(long after, int written) {
        if (after > furthestAfter || (after == furthestAfter && written > furthestWritten)) {
            furthestAfter = after;
            furthestWritten = written;
            steps++;
        }
    }

    /** The follower has applied (and made searchable) every change up to {@code change}. */
    void advanceTo(long change) {
        if (change > applied) {
            applied = change;
            synchronized (this) {
                steps++;
            }
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
     * follower: a search then sees every change committed before it began, on whichever node. A
     * search far behind (a bulk import being followed) does not wait; none waits longer than
     * {@link #AWAIT_MILLIS} (or what this engine was told).
     *
     * @return how many changes committed before the search it will not see: 0 when it is caught up
     */
    long await(long head, Runnable woken) {
        if (applied >= head) {
            return 0;
        }
        woken.run();
        if (head - applied > NO_WAIT_PAST) {
            return head - applied;
        }
        return waitFor(head, false);
    }

    /**
     * Waits until change {@code head} is applied, as long as the follower is getting on (a long
     * feed, after a bulk import), having {@code woken} it; after {@link #AWAIT_MILLIS} without
     * progress it gives up. For an export, which a program reads whole and nobody watches load: it
     * should hold every record committed before it was asked for, however long that takes.
     *
     * @return how many changes committed before the export it will not hold: 0 when it is caught up
     */
    long awaitWhole(long head, Runnable woken) {
        if (applied >= head) {
            return 0;
        }
        woken.run();
        return waitFor(head, true);
    }

    private long waitFor(long head, boolean whileProgressing) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(awaitMillis);
        // Progress is a step (a record more written, or a batch made searchable), not only a batch
        // made searchable: a batch of 1,000 records and its refresh took more than the whole wait on
        // a loaded machine (load 20), and an export after 10,250 generated records gave up at change
        // 4,000 while the follower was writing, "no progress" though there was.
        long seen = steps;
        synchronized (monitor) {
            while (applied < head && !closed) {
                if (whileProgressing && steps > seen) {
                    seen = steps;
                    deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(awaitMillis);
                }
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    if (steps == seen) {
                        LOG.warn("{} is behind the database (change {} of {}) and made no progress in {} ms; "
                                + "searching what it has", what, applied, head, awaitMillis);
                    }
                    return Math.max(0, head - applied);
                }
                try {
                    monitor.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        return Math.max(0, head - applied);
    }
}
