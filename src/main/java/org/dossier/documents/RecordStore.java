package org.dossier.documents;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.jooq.DSLContext;

/**
 * Runs changes to records in one transaction each and, once it has committed, tells every
 * listener which records changed. Imports and editors go through here alike.
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

    /** Runs {@code work} in one transaction: all of it is saved, or none of it. */
    public <T> T write(Function<RecordWriter, T> work) {
        Set<Integer> changed = new LinkedHashSet<>();
        T result = db.transactionResult(tx -> work.apply(new RecordWriter(tx.dsl(), clock, changed)));
        if (!changed.isEmpty()) {
            Set<Integer> committed = Set.copyOf(changed);
            listeners.forEach(l -> l.changed(committed));
        }
        return result;
    }
}
