package org.dossier.documents;

import static org.dossier.db.Tables.DOCUMENT;
import static org.dossier.db.Tables.DOCUMENT_COUNT;
import static org.dossier.db.Tables.DOCUMENT_PERSON;
import static org.dossier.db.Tables.DOCUMENT_PLACE;
import static org.dossier.db.Tables.REVISION;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.dossier.db.Indexes;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Index;
import org.jooq.Query;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * What a transaction that writes records by the thousand asks of SQLite first. A million records
 * carry a dozen indexes (by date, title, person, place, slug...) that grow in random order; with
 * SQLite's default page cache of 2 MB every insert reads their pages again from the operating
 * system, and that, not the inserts themselves, is most of the time. PostgreSQL sizes its buffers
 * itself: nothing is asked of it.
 */
public final class BulkWriting {

    /** Page cache per connection while writing in bulk (negative: in KiB), 256 MiB. */
    static final int CACHE_KIB = 256 * 1024;
    /** SQLite's own default (2 MiB), which the pool's other connections keep. */
    private static final int DEFAULT_CACHE = -2000;

    private BulkWriting() {
    }

    /**
     * Runs {@code work} in the transaction {@code tx}, already begun, with SQLite's large page cache
     * when {@code large} (as {@link #onOneConnection}; commits stay as durable as they are), then
     * gives the connection its default cache again.
     */
    public static <T> T withLargeCache(DSLContext tx, boolean large, java.util.function.Supplier<T> work) {
        if (!large || tx.dialect().family() != SQLDialect.SQLITE) {
            return work.get();
        }
        tx.execute("PRAGMA cache_size = -" + CACHE_KIB);
        try {
            return work.get();
        } finally {
            tx.execute("PRAGMA cache_size = " + DEFAULT_CACHE);
        }
    }

    /**
     * Runs {@code work} on one connection of {@code db} with a large page cache (it is only used as
     * it fills), then puts the connection back as it was. With {@code durable} false, commits also
     * stop waiting for the disk ({@code synchronous=OFF}): for made-up records only, whose loss in a
     * power cut costs nothing but running {@code generate} again; an application crash loses nothing
     * either way. The settings are made outside any transaction, where SQLite allows them.
     */
    public static <T> T onOneConnection(DSLContext db, boolean durable, Function<DSLContext, T> work) {
        if (db.dialect().family() != SQLDialect.SQLITE) {
            return work.apply(db);
        }
        return db.connectionResult(connection -> {
            DSLContext one = DSL.using(connection, db.dialect(), db.settings());
            one.execute("PRAGMA cache_size = -" + CACHE_KIB);
            if (!durable) {
                one.execute("PRAGMA synchronous = OFF");
            }
            try {
                return work.apply(one);
            } finally {
                one.execute("PRAGMA cache_size = " + DEFAULT_CACHE);
                one.execute("PRAGMA synchronous = NORMAL");
            }
        });
    }

    /** A transaction begun on one connection, and the check it asks last, before it commits. */
    @FunctionalInterface
    public interface CheckedTransaction<T> {
        T run(DSLContext connection, Consumer<DSLContext> lastCheck);
    }

    /**
     * Runs {@code transaction} on one connection of {@code db} whose foreign keys SQLite does not
     * look up at each insert, handing it the check to ask last in its transaction: every foreign key
     * of the catalogue checked at once ({@code PRAGMA foreign_key_check}), a row that points nowhere
     * refused with {@link ForeignKeysBroken}, which rolls the transaction back. At 300,000 imported
     * records the look-ups were about a quarter of SQLite's insert work, 1.8 s (BENCHMARKS.md,
     * "Imports, seventh round"); the check at the end reads each table once, in order. Only for
     * runs at least as large as the catalogue: the check reads all of it. SQLite ignores the setting
     * inside a transaction, so it is made on the connection before the transaction begins, and put
     * back after it ends, whatever happened: the connection goes back to the pool as it came. No
     * foreign key of the schema acts (every one is NO ACTION), so nothing but the look-ups is left out.
     * Elsewhere (PostgreSQL) {@code transaction} runs on {@code db} as any write.
     */
    public static <T> T foreignKeysCheckedOnce(DSLContext db, CheckedTransaction<T> transaction) {
        if (db.dialect().family() != SQLDialect.SQLITE) {
            return transaction.run(db, tx -> { });
        }
        return db.connectionResult(connection -> {
            DSLContext one = DSL.using(connection, db.dialect(), db.settings());
            one.execute("PRAGMA foreign_keys = OFF");
            try {
                return transaction.run(one, BulkWriting::requireForeignKeys);
            } finally {
                one.execute("PRAGMA foreign_keys = ON");
            }
        });
    }

    private static final Field<String> CHILD = DSL.field(DSL.name("table"), String.class);
    private static final Field<String> PARENT = DSL.field(DSL.name("parent"), String.class);
    /** How many of the rows that point nowhere a refusal names. */
    private static final int NAMED = 5;

    /** Refuses, in {@code tx}, when a row of the catalogue points to a row that is not there. */
    static void requireForeignKeys(DSLContext tx) {
        List<String> broken = tx.resultQuery("PRAGMA foreign_key_check")
                .fetch(r -> r.get(CHILD) + " names a " + r.get(PARENT) + " that is not there");
        if (!broken.isEmpty()) {
            throw new ForeignKeysBroken(broken);
        }
    }

    /** Rows that point to rows that are not there, found before a commit: the transaction rolls back. */
    public static final class ForeignKeysBroken extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ForeignKeysBroken(List<String> broken) {
            super(broken.size() + (broken.size() == 1 ? " foreign key points" : " foreign keys point") + " to rows that are not there ("
                    + String.join("; ", broken.subList(0, Math.min(NAMED, broken.size())))
                    + (broken.size() > NAMED ? "; ..." : "") + "): nothing was written");
        }
    }

    /**
     * {@code query}, an INSERT or UPDATE, run on SQLite with FAIL as its conflict resolution
     * ({@link #failingOnConflict(SQLDialect, String)}), its bind values bound as jOOQ binds them;
     * elsewhere {@code query} itself.
     */
    public static Query failingOnConflict(DSLContext tx, Query query) {
        if (tx.dialect().family() != SQLDialect.SQLITE) {
            return query;
        }
        // Each of the query's own parameters in its place: bound through its field's converter, as the query binds it.
        return tx.query(failingOnConflict(tx.dialect(), tx.render(query)), query.getParams().values().toArray());
    }

    /**
     * {@code sql}, an INSERT or UPDATE jOOQ rendered, as {@code INSERT OR FAIL} or {@code UPDATE OR FAIL}
     * on SQLite; as it is elsewhere. Inside a transaction SQLite keeps an undo journal of its own for
     * every statement that may change several rows and may stop part-way with ABORT, the conflict
     * resolution every NOT NULL, UNIQUE and PRIMARY KEY constraint has unless told otherwise, so that
     * the statement alone can be undone; past 64 KiB that journal is a temporary file, and a bulk
     * write's statements change pages the statements before them wrote, so nearly every page went
     * through one: 392 MB of temporary files for a 30,000-entry import, six times its write-ahead log,
     * and kept in memory instead (a larger {@code temp_store}) it grew with the import (BENCHMARKS.md,
     * "Imports, eighth round"). A statement that may only FAIL keeps what it wrote before the conflict
     * and needs no journal; every caller rolls its whole transaction back on the error, so nothing of
     * it is kept either way, and the error is SQLite's same message. Foreign keys looked up at each
     * insert still need one (SQLite aborts on them whatever the statement says): a bulk write checks
     * them once, at the end ({@link #foreignKeysCheckedOnce}). So, on SQLite 3.54, does a statement of
     * many rows that gives an INTEGER PRIMARY KEY, whatever its conflict clause (its rowid's
     * {@code OP_MustBeInt} may abort): {@link NewRecords} lets SQLite number the records, revisions and
     * changes; and so does every CREATE INDEX ({@link #rebuild}). Such a journal stays in memory below
     * 64 KiB, and reaches a file once the page cache is full and spills through it ("Imports, ninth
     * round" and "tenth round").
     */
    static String failingOnConflict(SQLDialect dialect, String sql) {
        if (dialect.family() != SQLDialect.SQLITE) {
            return sql;
        }
        for (String verb : List.of("insert ", "update ")) {
            if (sql.regionMatches(true, 0, verb, 0, verb.length())) {
                return sql.substring(0, verb.length()) + "or fail " + sql.substring(verb.length());
            }
        }
        throw new IllegalArgumentException("only an INSERT or an UPDATE fails on a conflict: " + sql);
    }

    /** The trigger that counts each new live record into {@code document_count} (V6), one row at a time. */
    static final String COUNTING_TRIGGER = "document_count_on_insert";

    /**
     * Runs {@code work}, which adds records to a SQLite catalogue nobody reads before it is whole
     * (a new file, made by one writer and renamed into place at the end: {@code app/NewSqliteFile}),
     * in transactions of its own, without the two things SQLite does for each new record's row that
     * the writer has already made sure of ({@link CountingTrigger}). At a million generated records
     * the document table's checks (two GLOBs a date, the title trimmed) were about 1.6 s and the
     * trigger 0.8 s of the writing thread's time (BENCHMARKS.md). Whatever {@code work} does, the
     * count and the trigger are put right after it, for the records committed. Elsewhere
     * (PostgreSQL) it only runs {@code work}.
     */
    public static <T> T uncheckedIntoANewFile(DSLContext one, Supplier<T> work) {
        if (one.dialect().family() != SQLDialect.SQLITE) {
            return work.get();
        }
        CountingTrigger trigger = one.transactionResult(tx -> CountingTrigger.drop(tx.dsl()));
        try {
            return checksIgnored(one, work);
        } finally {
            one.transaction(tx -> trigger.makeAgain(tx.dsl()));
        }
    }

    /**
     * As {@link #uncheckedIntoANewFile}, inside the transaction {@code tx}, already begun: an import's
     * new records. The trigger is dropped and made again in that transaction, so a failure rolls
     * both back with the records, and nobody else sees the schema without it (SQLite's other
     * connections see the catalogue as its last commit left it; no other writer runs meanwhile). The
     * checks are SQLite's setting for this connection only, put back whatever {@code work} does.
     * The import's rows are written from {@link RecordDraft}s (and links to the people, places and
     * types it found in this transaction), which hold what the checks check. At 300,000 imported
     * records the writing thread spent 1.4 s less in SQLite without them, of 9.3 s (BENCHMARKS.md,
     * "Imports, seventh round").
     */
    public static <T> T uncheckedIn(DSLContext tx, Supplier<T> work) {
        if (tx.dialect().family() != SQLDialect.SQLITE) {
            return work.get();
        }
        CountingTrigger trigger = CountingTrigger.drop(tx);
        T result = checksIgnored(tx, work);
        trigger.makeAgain(tx);
        return result;
    }

    /** {@code work} with SQLite's CHECK constraints not checked on {@code connection}, put back whatever it does. */
    private static <T> T checksIgnored(DSLContext connection, Supplier<T> work) {
        connection.execute(IGNORE_CHECKS);
        try {
            return work.get();
        } finally {
            connection.execute(CHECK);
        }
    }

    private static final String IGNORE_CHECKS = "PRAGMA ignore_check_constraints = ON";
    private static final String CHECK = "PRAGMA ignore_check_constraints = OFF";

    /**
     * What SQLite does for each new record's row that a writer of records by the thousand has made
     * sure of already: its CHECK constraints ({@code PRAGMA ignore_check_constraints}: every row is
     * written from a {@link RecordDraft}, which holds what they check, and {@code PRAGMA quick_check}
     * still checks them in the file), and the trigger that adds one to the live count for each
     * record, dropped here and made again by {@link #makeAgain} with the statement that first made
     * it, the new live records counted once: {@code sql} that statement, {@code before} the highest
     * record id before it was dropped.
     */
    private record CountingTrigger(String sql, int before) {

        CountingTrigger {
            if (sql.isBlank() || before < 0) {
                throw new IllegalArgumentException("a counting trigger needs its CREATE TRIGGER and the highest id before");
            }
        }

        static CountingTrigger drop(DSLContext tx) {
            String sql = tx.select(SQL).from(SCHEMA).where(TYPE.eq("trigger")).and(NAME.eq(COUNTING_TRIGGER))
                    .fetchSingle(SQL);
            Integer highest = tx.select(DSL.max(DOCUMENT.ID)).from(DOCUMENT).fetchOne(DSL.max(DOCUMENT.ID));
            // jOOQ's open-source edition has no DROP TRIGGER of its own: the name is quoted by jOOQ, not pasted in.
            tx.execute("DROP TRIGGER {0}", DSL.name(COUNTING_TRIGGER));
            return new CountingTrigger(sql, highest == null ? 0 : highest);
        }

        void makeAgain(DSLContext tx) {
            // As the trigger counts them: the records added, those not withdrawn.
            int added = tx.fetchCount(DOCUMENT, DOCUMENT.ID.gt(before).and(DOCUMENT.WITHDRAWN_AT.isNull()));
            tx.update(DOCUMENT_COUNT).set(DOCUMENT_COUNT.LIVE, DOCUMENT_COUNT.LIVE.plus(added))
                    .where(DOCUMENT_COUNT.ID.eq(1)).execute();
            // The schema's own text, read from sqlite_master: no value of anyone's is in it.
            tx.execute(sql);
        }
    }

    /** An index as SQLite keeps it: its name and the statement that made it, word for word. */
    public record SecondaryIndex(String name, String sql) {
        public SecondaryIndex {
            if (name.isBlank() || sql.isBlank()) {
                throw new IllegalArgumentException("an index needs a name and its CREATE INDEX");
            }
        }
    }

    private static final Table<?> SCHEMA = DSL.table(DSL.name("sqlite_master"));
    private static final Field<String> TYPE = DSL.field(DSL.name("type"), String.class);
    private static final Field<String> NAME = DSL.field(DSL.name("name"), String.class);
    private static final Field<String> TABLE = DSL.field(DSL.name("tbl_name"), String.class);
    private static final Field<String> SQL = DSL.field(DSL.name("sql"), String.class);

    /**
     * The indexes a run of new records fills in key order, or not at all, and which are therefore
     * kept: by id, and by the time the run writes on every record it adds (one {@code now}) then
     * id, whose entries are appended at the end, as cheaply as the rows themselves, where dropping
     * them made each a scan of its whole table and a sort at the end (about 5 s of 70 s of CPU in
     * the index builds at three million records); by type then that time, where a run's records
     * go in key order at the end of their type's entries, a dozen places at most; the
     * withdrawn records', which a run's new records never enter; and the links by person and by
     * place (then record), where a run's links go in at the end of their person's or place's
     * entries: a few thousand places, each a page SQLite's cache holds at any size of run, where
     * built at the end each was a scan of its table and a sort of every link (at a million
     * records, 3.7 and 2.4 s of the writing thread's time against 1.5-2 s more for the inserts,
     * BENCHMARKS.md).
     */
    private static final Set<String> KEPT = Set.of(Indexes.DOCUMENT_BY_UPDATE.getName(),
            Indexes.DOCUMENT_LIVE_BY_ID.getName(), Indexes.DOCUMENT_BY_TYPE.getName(), Indexes.REVISION_BY_TIME.getName(),
            Indexes.DOCUMENT_WITHDRAWN.getName(), Indexes.DOCUMENT_PERSON_BY_PERSON.getName(),
            Indexes.DOCUMENT_PLACE_BY_PLACE.getName());

    /**
     * Of {@link #KEPT}, those on the times a run's records and revisions are written with. A run
     * stamped again as it commits ({@link RecordWriter#stampAtCommit}: an import's, which takes
     * minutes) rewrites every one of those times, and each entry of these indexes was then deleted
     * and made again at the end: in key order twice. Such a run drops them too, and builds them
     * once the stamp is made ({@link RecordWriter#onceStamped}).
     */
    private static final Set<String> ON_THE_TIMES = Set.of(Indexes.DOCUMENT_BY_UPDATE.getName(),
            Indexes.DOCUMENT_LIVE_BY_ID.getName(), Indexes.DOCUMENT_BY_TYPE.getName(), Indexes.REVISION_BY_TIME.getName());

    /** What becomes of the times a run's records are written with: whether the indexes on them are dropped too. */
    public enum Times {
        /** Kept, or stamped again within a transaction of seconds ({@code generate}'s): those indexes are kept. */
        AS_WRITTEN,
        /** Stamped again as the run commits, minutes later ({@link RecordWriter#stampAtCommit}: an import's): dropped too. */
        STAMPED_AT_COMMIT
    }

    /**
     * SQLite's page cache while the indexes are made again, 64 MiB (negative: in KiB). Each CREATE
     * INDEX reads its table in order and appends its new index in key order, so it needs few pages
     * at once; but SQLite's sorter holds as many keys in memory as the page cache may hold before it
     * writes a sorted run to a temporary file, so with the run's 256 MiB the sorts, up to that much,
     * came on top of the full cache: at a million new entries into a catalogue in use the
     * process's own memory peaked at 668 MB, 592 MB with this (BENCHMARKS.md, "Imports, fourteenth
     * round"). No memory map either: the builds read the file through one, and every page of each
     * table they scanned stayed in the process's resident memory until the map went, 770 MB at a
     * million entries into a new file, for 3 % of the builds' processor time ("Generate, third
     * round": 67.5 against 69.6 s at three million).
     */
    private static final int CACHE_KIB_WHILE_REBUILDING = 64 * 1024;

    /**
     * On SQLite, when {@code adding} records are at least as many as the catalogue holds already,
     * drops the indexes a new record's rows go into besides their tables' own keys (the live
     * records by date and title, the spans) and returns them, to be made again
     * by {@link #rebuild} once every record is in. Indexes grown one random entry at a time cost
     * SQLite more than the rows themselves; built once at the end they are a sort. Those it fills in
     * key order or not at all are kept ({@link #KEPT}). Only for runs at least as large as
     * what is there: rebuilding reads every record, old and new. Keys and unique constraints stay
     * (they are checked, not only used), and so does the index of where records were seen, which an
     * import looks entries up in. Returns nothing otherwise, and on PostgreSQL, where dropping an
     * index would lock the table against every reader until the commit.
     */
    public static List<SecondaryIndex> dropBeforeAdding(DSLContext tx, long adding) {
        return dropBeforeAdding(tx, adding, Times.AS_WRITTEN);
    }

    /**
     * As {@link #dropBeforeAdding(DSLContext, long)}; for a run whose {@code times} are
     * {@link Times#STAMPED_AT_COMMIT}, the indexes on those times too ({@link #ON_THE_TIMES}), to be
     * built by {@link #rebuild} once they are stamped.
     */
    public static List<SecondaryIndex> dropBeforeAdding(DSLContext tx, long adding, Times times) {
        if (!dropsIndexes(tx.dialect()) || tx.fetchCount(DOCUMENT) > adding) {
            return List.of();
        }
        Set<String> kept = new HashSet<>(KEPT);
        if (times == Times.STAMPED_AT_COMMIT) {
            kept.removeAll(ON_THE_TIMES);
        }
        List<SecondaryIndex> indexes = tx.select(NAME, SQL).from(SCHEMA)
                .where(TYPE.eq("index")).and(SQL.isNotNull())
                .and(TABLE.in(DOCUMENT.getName(), DOCUMENT_PERSON.getName(), DOCUMENT_PLACE.getName(), REVISION.getName()))
                .and(NAME.notIn(kept))
                .orderBy(NAME)
                .fetch(r -> new SecondaryIndex(r.get(NAME), r.get(SQL)));
        indexes.forEach(index -> tx.dropIndex(DSL.name(index.name())).execute());
        return indexes;
    }

    /**
     * On SQLite, drops {@code index} and returns it, to be made again by {@link #rebuild}: for a run
     * that answers what the index would answer another way meanwhile (an import into a new file, the
     * entries it made: {@code importing/IdentitiesMadeHere}).
     */
    public static SecondaryIndex dropIndex(DSLContext tx, Index index) {
        if (!dropsIndexes(tx.dialect())) {
            throw new IllegalStateException("indexes are dropped for a run on SQLite only, not on " + tx.dialect());
        }
        SecondaryIndex dropped = tx.select(NAME, SQL).from(SCHEMA).where(TYPE.eq("index")).and(NAME.eq(index.getName()))
                .fetchSingle(r -> new SecondaryIndex(r.get(NAME), r.get(SQL)));
        tx.dropIndex(DSL.name(dropped.name())).execute();
        return dropped;
    }

    /** Whether {@link #dropBeforeAdding} ever drops an index on this database: on SQLite only. */
    public static boolean dropsIndexes(SQLDialect dialect) {
        return dialect.family() == SQLDialect.SQLITE;
    }

    /**
     * Makes {@code indexes} again with the statements that first made them: the schema ends as it
     * began. The page cache is smaller meanwhile ({@link #CACHE_KIB_WHILE_REBUILDING}), which bounds
     * SQLite's sorts by it (on a connection whose temporary storage is a file: an in-memory one
     * never sorts in runs), and the connection's own setting is put back after.
     */
    public static void rebuild(DSLContext tx, List<SecondaryIndex> indexes) {
        if (indexes.isEmpty()) {
            return;
        }
        Object cache = tx.fetchValue("PRAGMA cache_size");
        tx.execute("PRAGMA cache_size = -" + CACHE_KIB_WHILE_REBUILDING);
        try {
            // The schema's own text, read from sqlite_master: no value of anyone's is in it.
            indexes.forEach(index -> tx.execute(index.sql()));
        } finally {
            tx.execute("PRAGMA cache_size = " + Long.parseLong(String.valueOf(cache)));
        }
    }
}
