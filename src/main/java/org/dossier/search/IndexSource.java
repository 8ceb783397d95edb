package org.dossier.search;

import static org.dossier.db.Tables.DOCUMENT;
import static org.dossier.db.Tables.DOCUMENT_PERSON;
import static org.dossier.db.Tables.DOCUMENT_PLACE;
import static org.dossier.db.Tables.PERSON;
import static org.dossier.db.Tables.PERSON_ALIAS;
import static org.dossier.db.Tables.PLACE;
import static org.dossier.db.Tables.PLACE_ALIAS;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import org.dossier.authorities.AuthorityKind;
import org.dossier.app.Transactions;
import org.dossier.authorities.AuthorityLists;
import org.dossier.documents.ChangeFeed;
import org.dossier.documents.DatePrecision;
import org.dossier.documents.DocumentDate;
import org.dossier.documents.HeadWatch;
import org.dossier.documents.Languages;
import org.jooq.DSLContext;
import org.jooq.Field;

/**
 * Reads what the index is derived from out of the database, the one source of truth: every
 * record in the catalogue (withdrawn ones are not searchable), and the change feed that says which
 * records changed since.
 */
final class IndexSource {

    /**
     * How far the database has got: the feed's head (read first: every record read after it is at
     * least as new as the feed says), the oldest change the feed still keeps, and the records a
     * reader can find.
     */
    record State(ChangeFeed.Head head, long oldestChange, long documents) {
    }

    /** Told each record of a full read, in id order. */
    @FunctionalInterface
    interface Sink {
        void accept(IndexedRecord record) throws Exception;
    }

    /** Rows fetched at a time on a full read: PostgreSQL then streams through a cursor instead of loading it all. */
    private static final int STREAM = 2_000;

    private final DSLContext db;
    private final HeadWatch head;

    IndexSource(DSLContext db) {
        this.db = db;
        this.head = HeadWatch.of(db);
    }

    State state() {
        return Transactions.reading(db, IndexSource::state);
    }

    private static State state(DSLContext tx) {
        ChangeFeed.Head head = ChangeFeed.head(tx);
        return new State(head, ChangeFeed.oldestKept(tx, head), tx.fetchCount(DOCUMENT, DOCUMENT.WITHDRAWN_AT.isNull()));
    }

    /** The feed's head now, read before every search: its row is read again only once something was committed. */
    ChangeFeed.Head head() {
        return head.now();
    }

    /** How many times {@link #head} read the head's row: for the tests of what is kept. */
    long headReads() {
        return head.reads();
    }

    /** Removes the feed's changes older than {@code olderThan} that this node has applied (see ChangeFeed). */
    int prune(java.time.Instant olderThan, long applied) {
        return ChangeFeed.prune(db, olderThan, applied);
    }

    /** Up to {@code limit} changes after {@code after}, in commit order, never past one still in flight. */
    List<ChangeFeed.Change> changesAfter(long after, int limit) {
        return ChangeFeed.after(db, after, limit);
    }

    /** Every form of every person's and place's name, for widening a search to the records linked to it. */
    List<Names.Form> nameForms() {
        List<Names.Form> forms = new ArrayList<>();
        db.select(PERSON.KEY, PERSON.NAME, PERSON_ALIAS.ALIAS, PERSON_ALIAS.KIND).from(PERSON)
                .join(PERSON_ALIAS).on(PERSON_ALIAS.PERSON_ID.eq(PERSON.ID))
                .forEach(r -> forms.add(new Names.Form(Facet.PERSON, r.get(PERSON.KEY), r.get(PERSON.NAME),
                        r.get(PERSON_ALIAS.ALIAS), r.get(PERSON_ALIAS.KIND))));
        db.select(PLACE.KEY, PLACE.NAME, PLACE_ALIAS.ALIAS, PLACE_ALIAS.KIND).from(PLACE)
                .join(PLACE_ALIAS).on(PLACE_ALIAS.PLACE_ID.eq(PLACE.ID))
                .forEach(r -> forms.add(new Names.Form(Facet.PLACE, r.get(PLACE.KEY), r.get(PLACE.NAME),
                        r.get(PLACE_ALIAS.ALIAS), r.get(PLACE_ALIAS.KIND))));
        return forms;
    }

    /** The searchable records among {@code ids}: a withdrawn or unknown id is left out. */
    Map<Integer, IndexedRecord> load(Collection<Integer> ids) {
        AuthorityLists.Lists lists = AuthorityLists.read(db);
        Map<Integer, List<String>> people = new HashMap<>();
        Map<Integer, List<String>> authors = new HashMap<>();
        Map<Integer, List<String>> recipients = new HashMap<>();
        db.select(DOCUMENT_PERSON.DOCUMENT_ID, DOCUMENT_PERSON.PERSON_ID, DOCUMENT_PERSON.ROLE).from(DOCUMENT_PERSON)
                .where(DOCUMENT_PERSON.DOCUMENT_ID.in(ids))
                .forEach(r -> {
                    int document = r.get(DOCUMENT_PERSON.DOCUMENT_ID);
                    String key = lists.key(AuthorityKind.PERSON, r.get(DOCUMENT_PERSON.PERSON_ID));
                    String role = r.get(DOCUMENT_PERSON.ROLE);
                    people.computeIfAbsent(document, k -> new ArrayList<>()).add(key);
                    if (AUTHOR.equals(role)) {
                        authors.computeIfAbsent(document, k -> new ArrayList<>()).add(key);
                    } else if (RECIPIENT.equals(role)) {
                        recipients.computeIfAbsent(document, k -> new ArrayList<>()).add(key);
                    }
                });
        Map<Integer, List<String>> places = new HashMap<>();
        db.select(DOCUMENT_PLACE.DOCUMENT_ID, DOCUMENT_PLACE.PLACE_ID).from(DOCUMENT_PLACE)
                .where(DOCUMENT_PLACE.DOCUMENT_ID.in(ids))
                .forEach(r -> places.computeIfAbsent(r.get(DOCUMENT_PLACE.DOCUMENT_ID), k -> new ArrayList<>())
                        .add(lists.key(AuthorityKind.PLACE, r.get(DOCUMENT_PLACE.PLACE_ID))));
        Map<Integer, IndexedRecord> records = new LinkedHashMap<>();
        Field<Optional<DocumentDate>> date = DocumentDate.stored(DOCUMENT.DATE_KEY, DOCUMENT.DATE_PRECISION, DOCUMENT.DATE_CIRCA,
            DOCUMENT.DATE_END_KEY, DOCUMENT.DATE_END_PRECISION);
        db.select(DOCUMENT.ID, DOCUMENT.TITLE, DOCUMENT.SUMMARY, date, DOCUMENT.TYPE_ID, DOCUMENT.SORT_TITLE,
                        DOCUMENT.LANGUAGES)
                .from(DOCUMENT)
                .where(DOCUMENT.ID.in(ids)).and(DOCUMENT.WITHDRAWN_AT.isNull())
                .forEach(r -> {
                    int id = r.get(DOCUMENT.ID);
                    records.put(id, record(id, r.get(DOCUMENT.TITLE), r.get(DOCUMENT.SUMMARY), r.get(date),
                            lists.typeKey(r.get(DOCUMENT.TYPE_ID)), people.getOrDefault(id, List.of()),
                            places.getOrDefault(id, List.of()), r.get(DOCUMENT.SORT_TITLE),
                            authors.getOrDefault(id, List.of()), recipients.getOrDefault(id, List.of()),
                            r.get(DOCUMENT.LANGUAGES)));
                });
        return records;
    }

    /**
     * Reads every searchable record, in id order, in one read transaction so that the state it
     * returns is exactly what was read. Records and their links are read as three ordered
     * streams and joined here: one pass, whatever the size of the catalogue.
     */
    State readAll(Sink sink) {
        return Transactions.reading(db, read -> {
            State state = state(read);
            // The lists as this transaction sees them, so that every key read matches the links read.
            AuthorityLists.Lists lists = AuthorityLists.read(read);
            try (ResultSet docs = read.select(DOCUMENT.ID, DOCUMENT.TITLE, DOCUMENT.SUMMARY, DOCUMENT.DATE_KEY,
                            DOCUMENT.DATE_PRECISION, DOCUMENT.TYPE_ID, DOCUMENT.SORT_TITLE, DOCUMENT.LANGUAGES,
                            DOCUMENT.DATE_CIRCA, DOCUMENT.DATE_END_KEY, DOCUMENT.DATE_END_PRECISION)
                    .from(DOCUMENT).where(DOCUMENT.WITHDRAWN_AT.isNull()).orderBy(DOCUMENT.ID).fetchSize(STREAM).fetchResultSet();
                 ResultSet personLinks = read.select(DOCUMENT_PERSON.DOCUMENT_ID, DOCUMENT_PERSON.PERSON_ID,
                                 DOCUMENT_PERSON.ROLE)
                         .from(DOCUMENT_PERSON).orderBy(DOCUMENT_PERSON.DOCUMENT_ID).fetchSize(STREAM).fetchResultSet();
                 ResultSet placeLinks = read.select(DOCUMENT_PLACE.DOCUMENT_ID, DOCUMENT_PLACE.PLACE_ID)
                         .from(DOCUMENT_PLACE).orderBy(DOCUMENT_PLACE.DOCUMENT_ID).fetchSize(STREAM).fetchResultSet()) {
                Links people = new Links(personLinks, id -> lists.key(AuthorityKind.PERSON, id));
                Links places = new Links(placeLinks, id -> lists.key(AuthorityKind.PLACE, id));
                while (docs.next()) {
                    int id = docs.getInt(1);
                    int typeId = docs.getInt(6);
                    String type = docs.wasNull() ? null : lists.typeKey(typeId);
                    List<String> authors = new ArrayList<>();
                    List<String> recipients = new ArrayList<>();
                    List<String> named = people.of(id, (key, role) -> {
                        if (AUTHOR.equals(role)) {
                            authors.add(key);
                        } else if (RECIPIENT.equals(role)) {
                            recipients.add(key);
                        }
                    });
                    // Read straight from JDBC for speed at a million records, with the precision column's converter.
                    Optional<DocumentDate> date = DocumentDate.stored(docs.getString(4), PRECISION.from(docs.getString(5)),
                            docs.getBoolean(9), docs.getString(10), PRECISION.from(docs.getString(11)));
                    sink.accept(record(id, docs.getString(2), docs.getString(3), date,
                            type, named, places.of(id), docs.getString(7), authors, recipients,
                            Languages.stored(docs.getString(8))));
                }
            }
            return state;
        });
    }

    /** {@code date} empty for an undated record (V22): indexed with no period. */
    private static IndexedRecord record(int id, String title, String summary, Optional<DocumentDate> date,
                                        String type, List<String> people, List<String> places, String sortTitle,
                                        List<String> authors, List<String> recipients, Languages languages) {
        return new IndexedRecord(id, title, summary, date.map(DocumentDate::earliest).orElse(null),
                date.map(DocumentDate::latest).orElse(null), type, people, places, sortTitle,
                authors, recipients, languages.tags());
    }

    private static final DatePrecision.Stored PRECISION = new DatePrecision.Stored();

    /** The roles that are facets of their own ({@code author=}, {@code recipient=}). */
    private static final String AUTHOR = "author";
    private static final String RECIPIENT = "recipient";

    /** One ordered stream of (document, authority) links, read as far as the document asked for. */
    private static final class Links {
        private final ResultSet rows;
        private final IntFunction<String> keys;
        private boolean more;

        Links(ResultSet rows, IntFunction<String> keys) throws SQLException {
            this.rows = rows;
            this.keys = keys;
            this.more = rows.next();
        }

        List<String> of(int documentId) throws SQLException {
            return of(documentId, null);
        }

        /** The keys linked to the document; {@code roles}, if given, hears each key with its third column. */
        List<String> of(int documentId, java.util.function.BiConsumer<String, String> roles) throws SQLException {
            List<String> found = new ArrayList<>(4);
            while (more && rows.getInt(1) <= documentId) {
                if (rows.getInt(1) == documentId) {
                    String key = keys.apply(rows.getInt(2));
                    found.add(key);
                    if (roles != null) {
                        roles.accept(key, rows.getString(3));
                    }
                }
                more = rows.next();
            }
            return found;
        }
    }
}
