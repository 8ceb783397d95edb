package org.dossier.documents;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.jooq.DSLContext;

/**
 * Runs changes to records in one transaction each, adding them to the change feed in that same
 * transaction ({@link ChangeFeed}), and once it has committed tells every listener which records
 * changed (this node's search index then reads the feed at once rather than at its next poll).
 * Imports and editors go through here alike.
 */
public final class RecordStore {

    private final DSLContext db;
    private final Clock clock;
    private final List<ChangeListener> listeners = new CopyOnWriteArrayList<>();

    public RecordStore(DSLContext db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public void onChange(ChangeListener listener) {
        listeners.add(listener);
    }

    /** What runs in one write: the record writer and, for the caller's own reads and writes beside it, the transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(RecordWriter records, DSLContext tx);
    }

    /** Runs {@code work} in one transaction: all of it is saved, or none of it. */
    public <T> T write(Function<RecordWriter, T> work) {
        return write((records, tx) -> work.apply(records));
    }

    /**
     * Runs {@code work} in one transaction, handing it that transaction too: what it reads and writes
     * beside the records (an import's sources, the authority lists) commits with them or not at all.
     */
    public <T> T write(Work<T> work) {
        Set<Integer> changed = new LinkedHashSet<>();
        boolean[] authorities = {false};
        T result = db.transactionResult(tx -> {
            T done = work.run(new RecordWriter(tx.dsl(), clock, changed, () -> authorities[0] = true), tx.dsl());
            ChangeFeed.append(tx.dsl(), changed, authorities[0], Instant.now(clock).truncatedTo(ChronoUnit.SECONDS));
            return done;
        });
        if (!changed.isEmpty() || authorities[0]) {
            Set<Integer> committed = Set.copyOf(changed);
            listeners.forEach(l -> l.changed(committed));
        }
        return result;
    }
}
