package org.dossier.documents;

import static org.dossier.db.Tables.CHANGE;
import static org.dossier.db.Tables.CHANGE_HEAD;
import static org.dossier.db.Tables.DOCUMENT;
import static org.dossier.db.Tables.DOCUMENT_COUNT;
import static org.dossier.db.Tables.DOCUMENT_PERSON;
import static org.dossier.db.Tables.DOCUMENT_PLACE;
import static org.dossier.db.Tables.DOCUMENT_SLUG;
import static org.dossier.db.Tables.REVISION;
import static org.dossier.db.Tables.REVISION_PERSON;
import static org.dossier.db.Tables.REVISION_PLACE;

import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.Record4;
import org.jooq.Row4;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * New records by the thousand, for imports and {@code generate}: each written exactly as
 * {@link RecordWriter#create} writes one (the record, its links, its slug, its whole revision 1),
 * but as batched inserts of bind values, with ids numbered after the highest there is, in the
 * caller's transaction. The records join the change feed as one run of changes when the work is
 * done, so nothing here grows with the number of records written.
 *
 * <p>Numbering after the highest id is safe because the first thing done is to take the one row
 * of {@code document_count}, which every other writer of a new record takes too (its trigger),
 * and hold it to the commit: nobody else adds a record meanwhile. On SQLite, writers take turns
 * anyway.
 *
 * <p>On SQLite the records' and revisions' rows leave their ids out, and SQLite numbers them as it
 * numbers any new row of an AUTOINCREMENT table: one after the highest it ever handed out
 * ({@link #lastHandedOut}), in the order the rows are sent, which is the order ids are counted here.
 * Each flush checks that it did ({@link #numbered}); the changes of the feed likewise, after the
 * first ({@link #joinTheFeed}). A statement of many rows that gives the
 * INTEGER PRIMARY KEY itself makes SQLite 3.54 keep an undo journal for that statement whatever its
 * conflict clause (its {@code sqlite3Insert} marks every such insert as one that may abort, for the
 * rowid's {@code OP_MustBeInt}), and once the page cache is full every page it spills goes through
 * that journal first: 400 MB of temporary files at 300,000 imported entries (BENCHMARKS.md,
 * "Imports, ninth round" and "tenth round").
 */
public final class NewRecords {

    /** Rows are sent to the database every this many records (records first, then what refers to them). */
    static final int FLUSH_EVERY = 1_000;

    /** What a run of new records wrote: ids {@code first} to {@code last}, none when {@code last < first}. */
    public record Written(int first, int last) {
        public int count() {
            return Math.max(0, last - first + 1);
        }
    }

    private final DSLContext tx;
    private final Instant now;
    private final int firstDocument;
    private int document;
    private int revision;
    private final boolean postgresql;
    /** The ids SQLite has been seen to number up to: the records' and the revisions' ({@link #numbered}). */
    private int documentChecked;
    private int revisionChecked;
    /** On PostgreSQL, revision ids drawn from the sequence ahead of use, and how many of them are used. */
    private List<Integer> drawn = List.of();
    private int used;
    private int unflushed;
    private final BatchInsert documents;
    private final BatchInsert slugs;
    private final BatchInsert people;
    private final BatchInsert places;
    private final BatchInsert revisions;
    private final BatchInsert revisionPeople;
    private final BatchInsert revisionPlaces;
    /**
     * On SQLite, revisions and their links, and the slugs' rows, are not bound value by value: at
     * each flush INSERT … SELECT copies them from the records' own rows just sent (revision ids keep
     * step with record ids there), so each title, summary, slug and link goes through the driver
     * once, not twice. While every
     * record added has had the same attribution (a generated catalogue's) it is written into that
     * statement once; from the first record of another attribution on (an import's records each
     * name their own source) each record's attribution is bound beside its ids ({@link #attributed}),
     * a few short values instead of the fourteen of its revision.
     */
    private final boolean copying;
    /** The one attribution of every record so far, while {@link #shared}. */
    private Attribution everyone;
    private boolean shared = true;
    /** The first record whose revision is still to be copied. */
    private int copyFrom;
    /** Once attributions differ: each record's revision, copied from its row with its own attribution. */
    private final BatchInsert attributed;

    private NewRecords(DSLContext tx, Connection connection, Instant now) {
        this.tx = tx;
        this.now = now;
        tx.update(DOCUMENT_COUNT).set(DOCUMENT_COUNT.LIVE, DOCUMENT_COUNT.LIVE).where(DOCUMENT_COUNT.ID.eq(1)).execute();
        this.postgresql = tx.dialect().family() == SQLDialect.POSTGRES;
        this.document = postgresql ? highest(tx, DOCUMENT.ID) : lastHandedOut(tx, DOCUMENT.ID);
        if (!postgresql) {
            this.revision = lastHandedOut(tx, REVISION.ID);
        }
        this.firstDocument = document + 1;
        this.documentChecked = document;
        this.revisionChecked = revision;
        this.copying = !postgresql;
        this.copyFrom = firstDocument;
        List<Field<?>> documentFields = new ArrayList<>(List.of(DOCUMENT.TITLE, DOCUMENT.SUMMARY,
                DOCUMENT.DATE_KEY, DOCUMENT.DATE_PRECISION, DOCUMENT.DATE_CIRCA, DOCUMENT.DATE_END_KEY, DOCUMENT.DATE_END_PRECISION, DOCUMENT.TYPE_ID, DOCUMENT.SORT_TITLE, DOCUMENT.SLUG,
                DOCUMENT.VERSION, DOCUMENT.CREATED_AT, DOCUMENT.UPDATED_AT, DOCUMENT.LANGUAGES));
        if (postgresql) {
            // Given here, from the highest there is; SQLite numbers its own (see numbered).
            documentFields.add(0, DOCUMENT.ID);
        }
        documents = BatchInsert.into(tx, connection, DOCUMENT, documentFields.toArray(Field[]::new));
        slugs = BatchInsert.into(tx, connection, DOCUMENT_SLUG, DOCUMENT_SLUG.DOCUMENT_ID, DOCUMENT_SLUG.SLUG,
                DOCUMENT_SLUG.CREATED_AT);
        people = BatchInsert.into(tx, connection, DOCUMENT_PERSON, DOCUMENT_PERSON.DOCUMENT_ID,
                DOCUMENT_PERSON.PERSON_ID, DOCUMENT_PERSON.ROLE, DOCUMENT_PERSON.POSITION);
        places = BatchInsert.into(tx, connection, DOCUMENT_PLACE, DOCUMENT_PLACE.DOCUMENT_ID, DOCUMENT_PLACE.PLACE_ID);
        revisions = BatchInsert.into(tx, connection, REVISION, REVISION.ID, REVISION.DOCUMENT_ID, REVISION.NUMBER,
                REVISION.CREATED_AT, REVISION.AUTHOR, REVISION.NOTE, REVISION.SOURCE, REVISION.TITLE,
                REVISION.SUMMARY, REVISION.DATE_KEY, REVISION.DATE_PRECISION, REVISION.DATE_CIRCA, REVISION.DATE_END_KEY, REVISION.DATE_END_PRECISION, REVISION.TYPE_ID, REVISION.SLUG,
                REVISION.LANGUAGES);
        revisionPeople = BatchInsert.into(tx, connection, REVISION_PERSON, REVISION_PERSON.REVISION_ID,
                REVISION_PERSON.PERSON_ID, REVISION_PERSON.ROLE, REVISION_PERSON.POSITION);
        revisionPlaces = BatchInsert.into(tx, connection, REVISION_PLACE, REVISION_PLACE.REVISION_ID,
                REVISION_PLACE.PLACE_ID);
        attributed = copying ? BatchInsert.of(tx, connection, NewRecords::revisionsCopied,
                REVISION.DOCUMENT_ID, REVISION.AUTHOR, REVISION.NOTE, REVISION.SOURCE) : null;
    }

    /** The highest {@code id} of its table, 0 when it has no row. */
    private static int highest(DSLContext tx, TableField<?, Integer> id) {
        Integer highest = tx.fetchValue(DSL.select(DSL.max(id)).from(id.getTable()));
        return highest == null ? 0 : highest;
    }

    private static final Table<?> SEQUENCES = DSL.table(DSL.name("sqlite_sequence"));
    private static final Field<String> SEQUENCE_NAME = DSL.field(DSL.name("name"), String.class);
    private static final Field<Integer> SEQUENCE = DSL.field(DSL.name("seq"), Integer.class);

    /**
     * On SQLite, the highest {@code id} its AUTOINCREMENT table ever handed out: its highest row, or
     * the table's counter in {@code sqlite_sequence} where that is higher (a catalogue copied from
     * one whose highest ids were given out and not kept). SQLite numbers the next new row one after it.
     */
    private static int lastHandedOut(DSLContext tx, TableField<?, Integer> id) {
        Integer counter = tx.select(SEQUENCE).from(SEQUENCES).where(SEQUENCE_NAME.eq(id.getTable().getName()))
                .fetchOne(SEQUENCE);
        return Math.max(highest(tx, id), counter == null ? 0 : counter);
    }

    /**
     * The revisions of {@code rows} records, each copied from its record's row with its attribution
     * bound beside it: {@code (record id, author, note, source)} a record. SQLite numbers them in
     * the records' order, as {@link #add} counted them.
     */
    private static Query revisionsCopied(DSLContext tx, int rows) {
        List<Row4<Integer, String, String, String>> bound = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            bound.add(DSL.row(DSL.val(null, REVISION.DOCUMENT_ID), DSL.val(null, REVISION.AUTHOR),
                    DSL.val(null, REVISION.NOTE), DSL.val(null, REVISION.SOURCE)));
        }
        @SuppressWarnings("unchecked")
        Table<Record4<Integer, String, String, String>> given = DSL.values(bound.toArray(Row4[]::new))
                .as("given", "document_id", "author", "note", "source");
        Field<Integer> documentId = given.field("document_id", Integer.class);
        return tx.insertInto(REVISION, REVISION.DOCUMENT_ID, REVISION.NUMBER, REVISION.CREATED_AT,
                        REVISION.AUTHOR, REVISION.NOTE, REVISION.SOURCE, REVISION.TITLE, REVISION.SUMMARY,
                        REVISION.DATE_KEY, REVISION.DATE_PRECISION, REVISION.DATE_CIRCA, REVISION.DATE_END_KEY, REVISION.DATE_END_PRECISION, REVISION.TYPE_ID, REVISION.SLUG, REVISION.LANGUAGES)
                .select(DSL.select(DOCUMENT.ID, DOCUMENT.VERSION, DOCUMENT.CREATED_AT,
                                given.field("author", String.class), given.field("note", String.class),
                                given.field("source", String.class), DOCUMENT.TITLE, DOCUMENT.SUMMARY,
                                DOCUMENT.DATE_KEY, DOCUMENT.DATE_PRECISION, DOCUMENT.DATE_CIRCA, DOCUMENT.DATE_END_KEY, DOCUMENT.DATE_END_PRECISION, DOCUMENT.TYPE_ID, DOCUMENT.SLUG,
                                DOCUMENT.LANGUAGES)
                        .from(given).join(DOCUMENT).on(DOCUMENT.ID.eq(documentId))
                        .orderBy(DOCUMENT.ID));
    }

    /**
     * Runs {@code work} with a writer of new records in the transaction {@code tx}, then sends what is
     * left and adds every record written to the change feed. Returns what {@code work} returns.
     */
    public static <T> T write(DSLContext tx, Instant now, Function<NewRecords, T> work) {
        return write(tx, now, work, written -> { });
    }

    /** The same, telling {@code written} which ids were written once they are all in. */
    static <T> T write(DSLContext tx, Instant now, Function<NewRecords, T> work,
                       java.util.function.Consumer<Written> written) {
        return tx.connectionResult(connection -> {
            NewRecords records = new NewRecords(tx, connection, now);
            T result;
            try {
                result = work.apply(records);
                records.flush();
            } catch (RuntimeException | Error e) {
                // The transaction rolls back: the statements are closed, their unsent rows dropped.
                records.close(e);
                throw e;
            }
            records.close(null);
            Written range = new Written(records.firstDocument, records.document);
            records.joinTheFeed(range);
            records.identitiesFollow(range);
            written.accept(range);
            return result;
        });
    }

    /**
     * A draft with what its rows need worked out of it (the summary as stored, the slug, the sort
     * key, the date's keys): made by {@link #ready} on any thread, so that a caller with a thread
     * beside the writing one (an import, {@code generate}) can take that work off the writer. The
     * date's keys are written out here too: formatting them on the writing thread was half a second
     * of its time at a million generated records (BENCHMARKS.md).
     */
    public record Ready(RecordDraft draft, String summary, String slug, String sortKey, String dateKey,
                        String dateEndKey) {
    }

    /** What {@link #add} works out of a draft, worked out now; safe on any thread. */
    public static Ready ready(RecordDraft draft) {
        return new Ready(draft, draft.summaryText(), Slugs.slugify(draft.title()), Slugs.sortKey(draft.title()),
                draft.dateKey(), draft.dateEndKey());
    }

    /** Adds a record at version 1; returns its id. Its rows are sent with the next {@link #flush}. */
    public int add(RecordDraft draft, Attribution attribution) {
        return add(ready(draft), attribution);
    }

    /** The same, for a draft made {@link #ready} already. */
    public int add(Ready ready, Attribution attribution) {
        RecordDraft draft = ready.draft();
        if (copying && shared && everyone != null && !everyone.equals(attribution)) {
            flush();
            shared = false;
        }
        everyone = attribution;
        int id = ++document;
        int revisionId = nextRevision();
        String title = draft.title();
        String summary = ready.summary();
        String slug = ready.slug();
        String dateKey = ready.dateKey();
        String dateEndKey = ready.dateEndKey();
        DatePrecision precision = draft.datePrecision();
        if (postgresql) {
            documents.add(id, title, summary, dateKey, precision, draft.dateCirca(), dateEndKey,
                    draft.dateEndPrecision(), draft.typeId(), ready.sortKey(), slug, 1, now, now,
                    draft.languages());
        } else {
            documents.add(title, summary, dateKey, precision, draft.dateCirca(), dateEndKey,
                    draft.dateEndPrecision(), draft.typeId(), ready.sortKey(), slug, 1, now, now,
                    draft.languages());
        }
        if (!copying) {
            slugs.add(id, slug, now);
            revisions.add(revisionId, id, 1, now, attribution.author(), attribution.note(), attribution.source(), title,
                    summary, dateKey, precision, draft.dateCirca(), dateEndKey, draft.dateEndPrecision(),
                    draft.typeId(), slug, draft.languages());
        } else if (!shared) {
            attributed.add(id, attribution.author(), attribution.note(), attribution.source());
        }
        int position = 1;
        for (var link : draft.people().entrySet()) {
            people.add(id, link.getKey(), link.getValue().key(), position);
            if (!copying) {
                revisionPeople.add(revisionId, link.getKey(), link.getValue().key(), position);
            }
            position++;
        }
        for (int place : draft.places()) {
            places.add(id, place);
            if (!copying) {
                revisionPlaces.add(revisionId, place);
            }
        }
        if (++unflushed >= FLUSH_EVERY) {
            flush();
        }
        return id;
    }

    /**
     * The next revision id. On SQLite, the next after the highest: writers take turns. On PostgreSQL
     * an editor's save beside the import makes a revision with an id from the sequence while this
     * transaction is open, so ids are drawn from the same sequence, a thousand at a time.
     */
    private int nextRevision() {
        if (!postgresql) {
            return ++revision;
        }
        if (used == drawn.size()) {
            Field<Integer> next = DSL.field("nextval(pg_get_serial_sequence({0}, 'id'))", Integer.class,
                    DSL.inline(REVISION.getName()));
            drawn = tx.select(next).from(DSL.table("generate_series(1, {0})", DSL.val(FLUSH_EVERY))).fetch(next);
            used = 0;
        }
        return drawn.get(used++);
    }

    /**
     * Sends every row added so far, records before the rows that refer to them: after this, the
     * transaction sees them (a caller's own rows that refer to them may follow).
     */
    public void flush() {
        documents.flush();
        documentChecked = numbered(DOCUMENT.ID, documentChecked, document);
        for (BatchInsert batch : List.of(slugs, people, places)) {
            batch.flush();
        }
        copyRevisions();
        for (BatchInsert batch : List.of(revisions, revisionPeople, revisionPlaces)) {
            batch.flush();
        }
        unflushed = 0;
    }

    /**
     * On SQLite, that the rows sent since ids up to {@code checked} were seen numbered end at
     * {@code expected}, the id counted for the last of them: SQLite numbered them one after another
     * from where this writer began counting, as the links and sources bound with those ids assume.
     * Returns {@code expected}. A difference stops the write (its transaction rolls back).
     */
    private int numbered(TableField<?, Integer> id, int checked, int expected) {
        if (!copying || expected == checked) {
            return expected;
        }
        int highest = highest(tx, id);
        if (highest != expected) {
            throw new IllegalStateException("SQLite numbered the new rows of " + id.getTable().getName() + " up to "
                    + highest + ", not " + expected + " as counted: nothing was written");
        }
        return expected;
    }

    /**
     * Each record's slug, and its revision 1 and its links, from the record's rows, as {@link #add}
     * would have bound them.
     */
    private void copyRevisions() {
        if (!copying || document < copyFrom) {
            return;
        }
        // The slug each record was given, with the record's own time, as add would have bound them.
        failing(tx.insertInto(DOCUMENT_SLUG, DOCUMENT_SLUG.DOCUMENT_ID, DOCUMENT_SLUG.SLUG, DOCUMENT_SLUG.CREATED_AT)
                .select(DSL.select(DOCUMENT.ID, DOCUMENT.SLUG, DOCUMENT.CREATED_AT)
                        .from(DOCUMENT).where(DOCUMENT.ID.between(copyFrom, document))));
        if (!shared) {
            attributed.flush();
        } else {
            copyShared();
        }
        // The revisions' links name them by id: record id + offset, as add counted them.
        revisionChecked = numbered(REVISION.ID, revisionChecked, revision);
        int offset = revision - document;
        failing(tx.insertInto(REVISION_PERSON, REVISION_PERSON.REVISION_ID, REVISION_PERSON.PERSON_ID, REVISION_PERSON.ROLE,
                        REVISION_PERSON.POSITION)
                .select(DSL.select(DOCUMENT_PERSON.DOCUMENT_ID.plus(offset), DOCUMENT_PERSON.PERSON_ID, DOCUMENT_PERSON.ROLE,
                                DOCUMENT_PERSON.POSITION)
                        .from(DOCUMENT_PERSON).where(DOCUMENT_PERSON.DOCUMENT_ID.between(copyFrom, document))));
        failing(tx.insertInto(REVISION_PLACE, REVISION_PLACE.REVISION_ID, REVISION_PLACE.PLACE_ID)
                .select(DSL.select(DOCUMENT_PLACE.DOCUMENT_ID.plus(offset), DOCUMENT_PLACE.PLACE_ID)
                        .from(DOCUMENT_PLACE).where(DOCUMENT_PLACE.DOCUMENT_ID.between(copyFrom, document))));
        copyFrom = document + 1;
    }

    /** The revisions of records {@link #copyFrom} to {@link #document}, all under {@link #everyone}'s attribution. */
    private void copyShared() {
        // Numbered by SQLite in the records' order: record id + offset, as add counted them.
        failing(tx.insertInto(REVISION, REVISION.DOCUMENT_ID, REVISION.NUMBER, REVISION.CREATED_AT,
                        REVISION.AUTHOR, REVISION.NOTE, REVISION.SOURCE, REVISION.TITLE, REVISION.SUMMARY,
                        REVISION.DATE_KEY, REVISION.DATE_PRECISION, REVISION.DATE_CIRCA, REVISION.DATE_END_KEY, REVISION.DATE_END_PRECISION, REVISION.TYPE_ID, REVISION.SLUG, REVISION.LANGUAGES)
                .select(DSL.select(DOCUMENT.ID, DOCUMENT.VERSION, DOCUMENT.CREATED_AT,
                                DSL.val(everyone.author(), REVISION.AUTHOR), DSL.val(everyone.note(), REVISION.NOTE),
                                DSL.val(everyone.source(), REVISION.SOURCE), DOCUMENT.TITLE, DOCUMENT.SUMMARY,
                                DOCUMENT.DATE_KEY, DOCUMENT.DATE_PRECISION, DOCUMENT.DATE_CIRCA, DOCUMENT.DATE_END_KEY, DOCUMENT.DATE_END_PRECISION, DOCUMENT.TYPE_ID, DOCUMENT.SLUG,
                                DOCUMENT.LANGUAGES)
                        .from(DOCUMENT).where(DOCUMENT.ID.between(copyFrom, document)).orderBy(DOCUMENT.ID)));
    }

    /**
     * One change per record written, as {@link ChangeFeed#append} makes them, but in one statement
     * that numbers them from the records themselves rather than from a list of ids held in memory.
     * Taken last: the head's row then stays locked only to the commit.
     */
    private void joinTheFeed(Written range) {
        if (range.count() == 0) {
            return;
        }
        tx.update(CHANGE_HEAD).set(CHANGE_HEAD.LAST, CHANGE_HEAD.LAST.plus(range.count())).where(CHANGE_HEAD.ID.eq(1))
                .execute();
        int last = tx.select(CHANGE_HEAD.LAST).from(CHANGE_HEAD).where(CHANGE_HEAD.ID.eq(1)).fetchSingle(CHANGE_HEAD.LAST);
        int offset = last - range.last();
        if (!copying) {
            failing(tx.insertInto(CHANGE, CHANGE.ID, CHANGE.DOCUMENT_ID, CHANGE.CHANGED_AT)
                    .select(DSL.select(DOCUMENT.ID.plus(offset), DOCUMENT.ID, DSL.val(now, CHANGE.CHANGED_AT))
                            .from(DOCUMENT).where(DOCUMENT.ID.between(range.first(), range.last()))));
            return;
        }
        // On SQLite the first change is given its id from the head, in a statement of one row (which
        // keeps no journal), and SQLite numbers the rest after it, in the records' order
        // (see the class's comment): the feed may have been pruned of every change before.
        tx.insertInto(CHANGE, CHANGE.ID, CHANGE.DOCUMENT_ID, CHANGE.CHANGED_AT)
                .values(range.first() + offset, range.first(), now).execute();
        failing(tx.insertInto(CHANGE, CHANGE.DOCUMENT_ID, CHANGE.CHANGED_AT)
                .select(DSL.select(DOCUMENT.ID, DSL.val(now, CHANGE.CHANGED_AT))
                        .from(DOCUMENT).where(DOCUMENT.ID.between(range.first() + 1, range.last())).orderBy(DOCUMENT.ID)));
        numbered(CHANGE.ID, range.first() + offset, last);
    }

    /**
     * Runs one of the statements that copy many rows at once, failing rather than aborting on a
     * conflict on SQLite: SQLite then keeps no undo journal for it (its pages, rewritten flush after
     * flush, went to temporary files), and the caller's transaction rolls back on the error anyway
     * ({@link BulkWriting#failingOnConflict(DSLContext, Query)}).
     */
    private void failing(Query copy) {
        BulkWriting.failingOnConflict(tx, copy).execute();
    }

    /**
     * On PostgreSQL, record ids given explicitly do not move the identity's sequence: move it past
     * them, so that the next record made one at a time gets a new id. (SQLite's AUTOINCREMENT follows
     * by itself.)
     */
    private void identitiesFollow(Written range) {
        if (range.count() == 0 || !postgresql) {
            return;
        }
        tx.resultQuery("select setval(pg_get_serial_sequence({0}, 'id'), coalesce(max(id), 0) + 1, false) from {1}",
                DSL.inline(DOCUMENT.getName()), DSL.name(DOCUMENT.getName())).fetch();
    }

    private void close(Throwable failure) {
        List<BatchInsert> all = new ArrayList<>(List.of(documents, slugs, revisions, people, places, revisionPeople,
                revisionPlaces));
        if (attributed != null) {
            all.add(attributed);
        }
        for (BatchInsert batch : all) {
            if (failure == null) {
                batch.close();
            } else {
                batch.discard(failure);
            }
        }
    }
}
