package org.dossier.authorities;

import java.time.Clock;
import java.util.function.BooleanSupplier;
import org.dossier.documents.BackgroundLoop;
import org.dossier.documents.RecordStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread that carries merges and their undoing on past the request that made them: a batch of
 * {@link AuthorityWriter#MOVE_BATCH} records a transaction ({@link AuthorityWriter#carryOn}), so
 * that an editor's save waits for one batch at most, never for a whole merge; and the stamping of a
 * renamed person's or place's records, which moves their harvest datestamps, the same way. Woken by a merge or
 * restore on this node, and otherwise every {@link #POLL_MILLIS} for one another node began or one
 * a stopped node left half done: the state is in the database (records still linked to a person
 * merged away; moved links of one restored; the {@code restamp} rows of one renamed), so any node picks it up where it was left.
 */
public final class PendingMerges {

    private static final Logger LOG = LoggerFactory.getLogger(PendingMerges.class);

    /** How often a node looks for a merge under way that it was not told of. */
    static final long POLL_MILLIS = 10_000;

    /** A pause between batches, so that editors' saves go between them. */
    private static final long BETWEEN_BATCHES_MILLIS = 20;

    private final RecordStore store;
    private final Clock clock;
    private final BackgroundLoop loop;

    public PendingMerges(RecordStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.loop = new BackgroundLoop("dossier-pending-merges", POLL_MILLIS, stopped -> {
            long moved = carryOnAll(stopped);
            if (moved > 0) {
                LOG.info("Moved or stamped {} records of a merge, restore or rename under way; none is left", moved);
            }
        });
    }

    public void start() {
        loop.start();
    }

    /** A merge or restore was made here: carry it on now rather than at the next poll. */
    public void wake() {
        loop.wake();
    }

    /**
     * Carries on every merge, restore and rename under way until none is left, in this thread; returns how
     * many records moved or were stamped. What a command or test can call; the thread does it on each wake.
     */
    public long carryOnAll() {
        return carryOnAll(() -> false);
    }

    private long carryOnAll(BooleanSupplier stopped) {
        long moved = 0;
        // Looked for with a read first: a write transaction every poll, with nothing to do, took
        // SQLite's write lock (or waited for an import's, then failed) on every node every 10 s.
        for (AuthorityWriter.Batch batch; !stopped.getAsBoolean() && store.read(db -> new AuthorityRecords(db).anythingToCarryOn())
                && (batch = store.write((records, tx) -> new AuthorityWriter(records, tx, clock).carryOn())).underWay(); ) {
            moved += batch.records();
            try {
                Thread.sleep(BETWEEN_BATCHES_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return moved;
    }

    /** Stops after the batch in hand (its transaction commits or not as a whole); the rest waits for the next start. */
    public void stop() {
        loop.stop();
    }
}
