package org.dossier.documents;

import static org.dossier.db.Tables.DOCUMENT;
import static org.dossier.db.Tables.DOCUMENT_SOURCE;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.AbstractSet;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;

/**
 * Runs changes to records in one transaction each, adding them to the change feed in that same
 * transaction ({@link ChangeFeed}), and once it has committed tells every listener which records
 * changed (this node's search index then reads the feed at once rather than at its next poll).
 * Imports and editors go through here alike.
 */
public final class RecordStore {

    private final DSLContext db;
    private final Clock clock;
    private final CommitClock commitClock;
    private final List<ChangeListener> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<DSLContext>> checks = new CopyOnWriteArrayList<>();

    /** Writes whose records are stamped by {@code clock}: for tests that choose the time writes are made at. */
    public RecordStore(DSLContext db, Clock clock) {
        this(db, clock, CommitClock.of(clock));
    }

    /** Writes whose records are stamped as they commit by {@code commitClock} (the database's, in production). */
    public RecordStore(DSLContext db, Clock clock, CommitClock commitClock) {
        this.db = db;
        this.clock = clock;
        this.commitClock = commitClock;
    }

    /**
     * Writes made and stamped at {@code at}, whenever they commit: for a catalogue nobody reads
     * before it is whole (a new SQLite file, put where it was asked for only at the end:
     * {@code app/NewSqliteFile}). Stamping at the commit keeps a harvest that reads between two
     * commits from passing a record it cannot see yet, and no harvest reads such a file before it is
     * whole; stamped again at the commit, every new record's row and its revision's were written
     * twice, and their entries in the indexes by time moved (a sixth of {@code generate}'s writing
     * thread at a million records, BENCHMARKS.md).
     */
    public static RecordStore stampedAt(DSLContext db, Instant at) {
        Clock stopped = Clock.fixed(at, java.time.ZoneOffset.UTC);
        return new RecordStore(db, stopped, CommitClock.of(stopped));
    }

    public void onChange(ChangeListener listener) {
        listeners.add(listener);
    }

    /** Asks {@code check} last in every write's transaction, before it commits: it may refuse the write by throwing. */
    public void checkBeforeCommit(Consumer<DSLContext> check) {
        checks.add(check);
    }

    /** The database's dialect: what a caller asks of it depends on it (see {@link BulkWriting}). */
    public SQLDialect dialect() {
        return db.dialect();
    }

    /** What {@code query} reads as the last commit left the catalogue, outside any write of this store's: it takes no write lock. */
    public <T> T read(Function<DSLContext, T> query) {
        return query.apply(db);
    }

    /** How many records the catalogue holds as its last commit left it, read outside any write of this store's. */
    public long recordCount() {
        return db.fetchCount(DOCUMENT);
    }

    /**
     * The records that entries of {@code identities} were imported as, as the last commit left the
     * catalogue, read outside any write of this store's: an import's reading thread asks while its
     * transaction writes. Where a record was seen is never deleted, so what this finds holds inside
     * that transaction too.
     */
    public Map<String, Integer> importedAs(Set<String> identities) {
        return importedAs(db, identities);
    }

    /** The records that entries of {@code identities} were imported as, as {@code db} (a transaction, say) sees them. */
    public static Map<String, Integer> importedAs(DSLContext db, Set<String> identities) {
        Map<String, Integer> records = new HashMap<>();
        db.select(DOCUMENT_SOURCE.IDENTITY, DOCUMENT_SOURCE.DOCUMENT_ID).from(DOCUMENT_SOURCE)
                .where(DOCUMENT_SOURCE.IDENTITY.in(identities))
                .forEach(r -> records.putIfAbsent(r.get(DOCUMENT_SOURCE.IDENTITY), r.get(DOCUMENT_SOURCE.DOCUMENT_ID)));
        return records;
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
        return write(db, work, tx -> { });
    }

    /**
     * As {@link #write(Work)}, for a run of new records at least as large as the catalogue (an
     * import that outgrows it): on SQLite its rows are not checked against their foreign keys one
     * insert at a time, and every foreign key of the catalogue is checked once, last, before the
     * commit ({@link BulkWriting#foreignKeysCheckedOnce}); one that points nowhere rolls it all back.
     */
    public <T> T writeInBulk(Work<T> work) {
        return BulkWriting.foreignKeysCheckedOnce(db, (connection, lastCheck) -> write(connection, work, lastCheck));
    }

    /** {@code work} in one transaction of {@code on}, {@code lastCheck} asked after every other check. */
    private <T> T write(DSLContext on, Work<T> work, Consumer<DSLContext> lastCheck) {
        Set<Integer> changed = new LinkedHashSet<>();
        boolean[] authorities = {false};
        List<NewRecords.Written> many = new ArrayList<>();
        T result = on.transactionResult(tx -> {
            many.clear();
            RecordWriter writer = new RecordWriter(tx.dsl(), clock, changed, () -> authorities[0] = true, many::add);
            T done = work.run(writer, tx.dsl());
            ChangeFeed.append(tx.dsl(), changed, authorities[0], Instant.now(clock).truncatedTo(ChronoUnit.SECONDS));
            writer.stampAtCommit(commitClock);
            checks.forEach(check -> check.accept(tx.dsl()));
            lastCheck.accept(tx.dsl());
            return done;
        });
        if (!changed.isEmpty() || authorities[0] || many.stream().anyMatch(w -> w.count() > 0)) {
            Set<Integer> committed = new Committed(Set.copyOf(changed), List.copyOf(many));
            listeners.forEach(l -> l.changed(committed));
        }
        return result;
    }

    /**
     * The records a transaction changed: those changed one by one, and the runs of ids written in
     * bulk, which are not listed one by one (an import of millions would hold them all).
     */
    private static final class Committed extends AbstractSet<Integer> {

        private final Set<Integer> single;
        private final List<NewRecords.Written> runs;

        Committed(Set<Integer> single, List<NewRecords.Written> runs) {
            this.single = single;
            this.runs = runs;
        }

        @Override
        public int size() {
            return single.size() + runs.stream().mapToInt(NewRecords.Written::count).sum();
        }

        @Override
        public boolean contains(Object o) {
            return single.contains(o) || o instanceof Integer id && runs.stream().anyMatch(r -> id >= r.first() && id <= r.last());
        }

        @Override
        public Iterator<Integer> iterator() {
            return java.util.stream.Stream.concat(single.stream(),
                    runs.stream().flatMap(r -> java.util.stream.IntStream.rangeClosed(r.first(), r.last()).boxed()))
                    .iterator();
        }
    }
}
