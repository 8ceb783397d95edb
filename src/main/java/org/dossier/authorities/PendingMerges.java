package org.dossier.authorities;

import java.time.Clock;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.dossier.documents.RecordStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread that carries merges and their undoing on past the request that made them: a batch of
 * {@link AuthorityWriter#MOVE_BATCH} records a transaction ({@link AuthorityWriter#carryOn}), so
 * that an editor's save waits for one batch at most, never for a whole merge. Woken by a merge or
 * restore on this node, and otherwise every {@link #POLL_MILLIS} for one another node began or one
 * a stopped node left half done: the state is in the database (records still linked to a person
 * merged away; moved links of one restored), so any node picks it up where it was left.
 */
public final class PendingMerges {

    private static final Logger LOG = LoggerFactory.getLogger(PendingMerges.class);

    /** How often a node looks for a merge under way that it was not told of. */
    static final long POLL_MILLIS = 10_000;

    /** A pause between batches, so that editors' saves go between them. */
    private static final long BETWEEN_BATCHES_MILLIS = 20;

    private final RecordStore store;
    private final Clock clock;
    private final Semaphore nudge = new Semaphore(0);
    private final Thread thread;
    private volatile boolean stopped;

    public PendingMerges(RecordStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.thread = new Thread(this::run, "dossier-pending-merges");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** A merge or restore was made here: carry it on now rather than at the next poll. */
    public void wake() {
        nudge.release();
    }

    /**
     * Carries on every merge and restore under way until none is left, in this thread; returns how
     * many records moved. What the thread does on each wake, and what a command or test can call.
     */
    public long carryOnAll() {
        long moved = 0;
        for (int batch; !stopped && (batch = store.write((records, tx) ->
                new AuthorityWriter(records, tx, clock).carryOn())) > 0; ) {
            moved += batch;
            pause(BETWEEN_BATCHES_MILLIS);
        }
        return moved;
    }

    private void run() {
        while (!stopped) {
            try {
                long moved = carryOnAll();
                if (moved > 0) {
                    LOG.info("Moved {} records of a merge or restore under way; none is left", moved);
                }
            } catch (RuntimeException e) {
                // A database that cannot be written now (another writer, read-only): the next poll tries again.
                LOG.warn("Could not carry on a merge under way; trying again in {} s", POLL_MILLIS / 1000, e);
            }
            try {
                if (nudge.tryAcquire(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                    nudge.drainPermits();
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        }
    }

    /** Stops after the batch in hand (its transaction commits or not as a whole); the rest waits for the next start. */
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
