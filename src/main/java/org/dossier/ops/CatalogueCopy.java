package org.dossier.ops;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dossier.db.DefaultSchema;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.ForeignKey;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Copies a whole catalogue from one database into an empty one, whatever their vendors: every
 * table of the schema jOOQ was generated from, in foreign-key order, ids kept (permalinks must
 * not change), in batches, in one transaction on the target, then the identity sequences moved
 * past the copied ids and every table's rows counted on both sides. Written over the generated
 * tables rather than by name, so a table added by a later migration is copied with no more code.
 */
public final class CatalogueCopy {

    /**
     * Kept by triggers from the tables they count, or made by the migrations (the change feed's
     * head, which names each database's own feed): filled as the others are copied, compared after.
     */
    static final Set<String> DERIVED = Set.of("document_count", "change_head");
    /**
     * Signed-in browsers and failed sign-ins: short-lived, not part of a catalogue; and the change
     * feed, which belongs to the database it was written in (the target's starts afresh, and every
     * node's index rebuilds from the copied records). Not copied.
     */
    static final Set<String> TRANSIENT = Set.of("account_session", "login_failure", "change");

    /** Several hundred rows a statement: PostgreSQL counts a statement's new records once (V19). */
    private static final int BIND_VALUES_PER_BATCH = 10_000;

    /** Told how the copy gets on. */
    public interface Listener {
        void startTable(String table, long rows);

        void copied(long rowsOfTable);

        void finishTable(String table, long rows);
    }

    /** One table's rows on both sides after the copy. */
    public record Count(String table, long source, long target, String note) {
        public boolean matches() {
            return note.equals("not copied") || source == target;
        }
    }

    /** The target holds data already: nothing was copied. */
    public static final class TargetNotEmptyException extends Exception {
        private static final long serialVersionUID = 1L;

        TargetNotEmptyException(Map<String, Long> rows) {
            super("the target database is not empty (" + rows.entrySet().stream()
                    .map(e -> e.getKey() + ": " + e.getValue() + " rows").reduce((a, b) -> a + ", " + b).orElse("")
                    + "); copy only into a new, empty database");
        }
    }

    /** The counts differed after copying: the transaction was rolled back. */
    public static final class CountMismatchException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient List<Count> counts;

        CountMismatchException(List<Count> counts) {
            super("the copy does not match its source; nothing was kept");
            this.counts = counts;
        }

        public List<Count> counts() {
            return counts;
        }
    }

    private CatalogueCopy() {
    }

    /** The tables to copy, each after every table it refers to. */
    static List<Table<?>> tablesInDependencyOrder() {
        List<Table<?>> all = new ArrayList<>(DefaultSchema.DEFAULT_SCHEMA.getTables());
        all.sort(Comparator.comparing(Table::getName));
        List<Table<?>> ordered = new ArrayList<>();
        Set<String> placed = new LinkedHashSet<>();
        while (ordered.size() < all.size()) {
            boolean progress = false;
            for (Table<?> table : all) {
                if (placed.contains(table.getName())) {
                    continue;
                }
                boolean ready = table.getReferences().stream()
                        .map(fk -> fk.getKey().getTable().getName())
                        .allMatch(name -> name.equals(table.getName()) || placed.contains(name));
                if (ready) {
                    ordered.add(table);
                    placed.add(table.getName());
                    progress = true;
                }
            }
            if (!progress) {
                throw new IllegalStateException("the schema's foreign keys form a cycle among " + all);
            }
        }
        return ordered;
    }

    /**
     * Copies everything in {@code source} into {@code target}, which must hold no catalogue yet.
     * Returns every table's count on both sides; throws, having changed nothing, when the target
     * is not empty or a count differs at the end.
     */
    public static List<Count> copy(DSLContext source, DSLContext target, Listener listener)
            throws TargetNotEmptyException {
        List<Table<?>> tables = tablesInDependencyOrder();
        Map<String, Long> occupied = new LinkedHashMap<>();
        for (Table<?> table : tables) {
            if (!DERIVED.contains(table.getName())) {
                long rows = target.fetchCount(table);
                if (rows > 0) {
                    occupied.put(table.getName(), rows);
                }
            }
        }
        if (!occupied.isEmpty()) {
            throw new TargetNotEmptyException(occupied);
        }
        return source.transactionResult(read -> target.transactionResult(write -> {
            DSLContext from = read.dsl();
            DSLContext to = write.dsl();
            oneInstant(from);
            for (Table<?> table : tables) {
                if (DERIVED.contains(table.getName()) || TRANSIENT.contains(table.getName())) {
                    continue;
                }
                copyTable(from, to, table, listener);
                continueIdentity(from, to, table);
            }
            List<Count> counts = new ArrayList<>();
            for (Table<?> table : tables) {
                String note = TRANSIENT.contains(table.getName()) ? "not copied"
                        : DERIVED.contains(table.getName()) ? "kept by triggers" : "";
                counts.add(new Count(table.getName(), from.fetchCount(table), to.fetchCount(table), note));
            }
            if (!counts.stream().allMatch(Count::matches)) {
                throw new CountMismatchException(counts);
            }
            return counts;
        }));
    }

    /**
     * On a PostgreSQL source, every table read as of one instant, the transaction's first read: in
     * PostgreSQL's default, each statement reads what had committed when it began, so that an
     * editor's save on a node still serving the source, landing between the records' table and the
     * revisions', copied the record as it was before and its new version beside it, and the counts
     * matched. (A SQLite source is read in one transaction that holds its write lock: nothing writes.)
     */
    private static void oneInstant(DSLContext from) {
        if (from.dialect().family() == SQLDialect.POSTGRES) {
            from.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
        }
    }

    private static <R extends Record> void copyTable(DSLContext from, DSLContext to, Table<R> table, Listener listener) {
        long total = from.fetchCount(table);
        listener.startTable(table.getName(), total);
        Field<?>[] fields = table.fields();
        int batchSize = Math.max(1, BIND_VALUES_PER_BATCH / fields.length);
        long copied = 0;
        try (Cursor<R> rows = from.selectFrom(table).orderBy(orderOf(table)).fetchSize(batchSize).fetchLazy()) {
            while (rows.hasNext()) {
                List<R> batch = rows.fetchNext(batchSize);
                insert(to, table, fields, batch);
                copied += batch.size();
                listener.copied(copied);
            }
        }
        listener.finishTable(table.getName(), copied);
    }

    private static <R extends Record> void insert(DSLContext to, Table<R> table, Field<?>[] fields,
                                                  Collection<R> batch) {
        to.insertInto(table).columns(fields).valuesOfRecords(batch).execute();
    }

    /** By primary key: parents before children where a table refers to itself, and a stable order. */
    private static List<? extends Field<?>> orderOf(Table<?> table) {
        return table.getPrimaryKey() != null ? table.getPrimaryKey().getFields() : List.of(table.fields());
    }

    /**
     * Moves the target's counter for new ids past every id copied (and past the source's own
     * counter, so that an id once given out is never given again), where the vendor keeps one:
     * SQLite's sqlite_sequence for AUTOINCREMENT tables, PostgreSQL's identity sequences.
     */
    private static void continueIdentity(DSLContext from, DSLContext to, Table<?> table) {
        if (table.getIdentity() == null) {
            return;
        }
        Field<?> id = table.getIdentity().getField();
        long next = Math.max(maxOf(to, table, id), highWaterMark(from, table, id));
        SQLDialect dialect = to.dialect().family();
        if (dialect == SQLDialect.SQLITE) {
            Table<?> sequences = DSL.table(DSL.name("sqlite_sequence"));
            Field<String> name = DSL.field(DSL.name("name"), String.class);
            Field<Long> seq = DSL.field(DSL.name("seq"), Long.class);
            if (to.update(sequences).set(seq, next).where(name.eq(table.getName())).execute() == 0 && next > 0) {
                to.insertInto(sequences).columns(name, seq).values(table.getName(), next).execute();
            }
        } else if (dialect == SQLDialect.POSTGRES) {
            // setval(seq, n, true): the next id is n + 1; on an empty table, (1, false): the next is 1.
            to.select(DSL.field("setval(pg_get_serial_sequence({0}, {1}), {2}, {3})", Long.class,
                    DSL.val(table.getName()), DSL.val(id.getName()), DSL.val(Math.max(1, next)), DSL.val(next > 0)))
                    .fetch();
        }
    }

    private static long maxOf(DSLContext db, Table<?> table, Field<?> id) {
        Long max = db.fetchValue(DSL.select(DSL.max(id).cast(Long.class)).from(table));
        return max == null ? 0 : max;
    }

    /** The highest id the source ever gave out, which may be above its highest row (ids are never reused). */
    private static long highWaterMark(DSLContext from, Table<?> table, Field<?> id) {
        if (from.dialect().family() == SQLDialect.SQLITE) {
            Field<Long> seq = DSL.field(DSL.name("seq"), Long.class);
            Long given = from.select(seq).from(DSL.table(DSL.name("sqlite_sequence")))
                    .where(DSL.field(DSL.name("name"), String.class).eq(table.getName()))
                    .fetchOne(seq);
            return given == null ? 0 : given;
        }
        return maxOf(from, table, id);
    }
}
