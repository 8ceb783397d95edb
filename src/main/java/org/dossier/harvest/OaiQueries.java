package org.dossier.harvest;

import static org.dossier.db.Tables.DOCUMENT;
import static org.dossier.db.Tables.DOCUMENT_TYPE;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.dossier.authorities.AuthorityRef;
import org.dossier.documents.DocumentDate;
import org.dossier.documents.PersonLink;
import org.dossier.documents.RecordDraft;
import org.dossier.documents.RecordQueries;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * What the OAI-PMH interface reads. A record's datestamp is {@code document.updated_at}, which
 * the write path sets to the time of the revision it writes in the same transaction, and a rename
 * of a person or place to the time it stamps the records naming them (AuthorityWriter.restamp): it
 * is when what the record's metadata says last changed, and it is indexed together with the id for
 * keyset paging.
 */
final class OaiQueries {

    /** A selective harvest's arguments; null where the harvest is not selective. */
    record Selection(OaiDate from, OaiDate until, String set) {

        Condition condition() {
            Condition c = DSL.trueCondition();
            if (from != null) {
                c = c.and(DOCUMENT.UPDATED_AT.ge(from.start()));
            }
            if (until != null) {
                c = c.and(DOCUMENT.UPDATED_AT.le(until.end()));
            }
            return set == null ? c : c.and(OaiSets.condition(set));
        }
    }

    /** A record's date, read as one value: none for an undated record. */
    private static final Field<Optional<DocumentDate>> DATE = DocumentDate.stored(DOCUMENT.DATE_KEY, DOCUMENT.DATE_PRECISION, DOCUMENT.DATE_CIRCA,
            DOCUMENT.DATE_END_KEY, DOCUMENT.DATE_END_PRECISION);

    private final DSLContext db;

    OaiQueries(DSLContext db) {
        this.db = db;
    }

    /** The earliest datestamp of any record, or empty when there is none. */
    Optional<Instant> earliestDatestamp() {
        return Optional.ofNullable(db.fetchValue(DSL.select(DSL.min(DOCUMENT.UPDATED_AT)).from(DOCUMENT)));
    }

    List<AuthorityRef> types() {
        return db.select(DOCUMENT_TYPE.ID, DOCUMENT_TYPE.KEY, DOCUMENT_TYPE.LABEL).from(DOCUMENT_TYPE)
                .orderBy(DOCUMENT_TYPE.LABEL)
                .fetch(r -> new AuthorityRef(r.get(DOCUMENT_TYPE.ID), r.get(DOCUMENT_TYPE.KEY), r.get(DOCUMENT_TYPE.LABEL)));
    }

    /**
     * The decades the records' dates may fall in, as their first years, in order: every decade a
     * span covers ("1959–1961": 1950 and 1960), and withdrawn records' too, which stay in their
     * decades' sets as deleted records. An undated record is in no decade.
     */
    List<Integer> decades() {
        TreeSet<Integer> decades = new TreeSet<>();
        // The records in the catalogue: one probe of the live records' date index a decade between
        // the first and the last, not a scan of every record.
        Condition live = DOCUMENT.WITHDRAWN_AT.isNull();
        // Undated records left out: their NULL keys sort first on SQLite and last on PostgreSQL.
        Condition dated = DOCUMENT.DATE_KEY.isNotNull();
        String first = db.select(DOCUMENT.DATE_KEY).from(DOCUMENT).where(live, dated)
                .orderBy(DOCUMENT.DATE_KEY).limit(1).fetchOne(DOCUMENT.DATE_KEY);
        String last = db.select(DOCUMENT.DATE_KEY).from(DOCUMENT).where(live, dated)
                .orderBy(DOCUMENT.DATE_KEY.desc()).limit(1).fetchOne(DOCUMENT.DATE_KEY);
        if (first != null) {
            for (int decade = decadeOf(first); decade <= decadeOf(last); decade += 10) {
                String from = String.format(java.util.Locale.ROOT, "%04d-01-01", decade);
                String to = String.format(java.util.Locale.ROOT, "%04d-01-01", decade + 10);
                if (db.fetchExists(DOCUMENT, live.and(DOCUMENT.DATE_KEY.ge(from)).and(DOCUMENT.DATE_KEY.lt(to)))) {
                    decades.add(decade);
                }
            }
        }
        // The withdrawn ones, few, read from their own index, which holds their dates.
        db.selectDistinct(DOCUMENT.DATE_KEY).from(DOCUMENT).where(DOCUMENT.WITHDRAWN_AT.isNotNull(), dated)
                .forEach(r -> decades.add(decadeOf(r.get(DOCUMENT.DATE_KEY))));
        // The decades after a span's first that it reaches into, live or withdrawn: one probe of
        // the spans' index a decade up to the latest end. Every span begins in a decade found above.
        String lastEnd = db.select(DOCUMENT.DATE_END_KEY).from(DOCUMENT).where(DOCUMENT.DATE_END_KEY.isNotNull())
                .orderBy(DOCUMENT.DATE_END_KEY.desc()).limit(1).fetchOne(DOCUMENT.DATE_END_KEY);
        if (lastEnd != null && !decades.isEmpty()) {
            for (int decade = decades.first() + 10; decade <= decadeOf(lastEnd); decade += 10) {
                if (!decades.contains(decade) && db.fetchExists(DOCUMENT, OaiSets.reachInto(decade))) {
                    decades.add(decade);
                }
            }
        }
        return new ArrayList<>(decades);
    }

    /** The first year of the decade of a stored date ("1953-07-27" is in the decade 1950). */
    private static int decadeOf(String dateKey) {
        return Integer.parseInt(dateKey.substring(0, 3)) * 10;
    }

    /**
     * Up to {@code limit} records of the selection after the key (datestamp, id), in that order;
     * from the start when {@code afterDatestamp} is null.
     */
    List<OaiItem> page(Selection selection, Instant afterDatestamp, int afterId, int limit, boolean withSubjects) {
        List<OaiItem> items = items()
                .where(selection.condition().and(after(afterDatestamp, afterId)))
                .orderBy(DOCUMENT.UPDATED_AT, DOCUMENT.ID)
                .limit(limit)
                .fetch(OaiQueries::item);
        return withSubjects ? withSubjects(items) : items;
    }

    /**
     * The last record of the selection at or before the key (datestamp, id): one the harvester was
     * sent already, for a list whose records left after its last token all moved out of it.
     */
    Optional<OaiItem> lastUpTo(Selection selection, Instant datestamp, int id, boolean withSubjects) {
        return items()
                .where(selection.condition().and(DSL.row(DOCUMENT.UPDATED_AT, DOCUMENT.ID).le(datestamp, id)))
                .orderBy(DOCUMENT.UPDATED_AT.desc(), DOCUMENT.ID.desc())
                .limit(1)
                .fetchOptional(OaiQueries::item)
                .map(i -> withSubjects ? withSubjects(List.of(i)).get(0) : i);
    }

    /** How many records the selection holds. */
    int count(Selection selection) {
        Optional<OaiSets.DecadeRanges> decade = selection.from() == null && selection.until() == null && selection.set() != null
                ? OaiSets.decadeAsRanges(selection.set()) : Optional.empty();
        if (decade.isPresent()) {
            // A decade from the start: its live records from their date index, its withdrawn ones
            // from theirs (a range on the date, which the page's own condition is not, on purpose),
            // and the spans that reach into it from an earlier decade from the spans' index.
            return db.fetchCount(DOCUMENT, DOCUMENT.WITHDRAWN_AT.isNull().and(decade.get().beginIn()))
                    + db.fetchCount(DOCUMENT, DOCUMENT.WITHDRAWN_AT.isNotNull().and(decade.get().beginIn()))
                    + db.fetchCount(DOCUMENT, decade.get().reachInto());
        }
        Condition where = selection.condition();
        if (selection.set() == null || !selection.set().startsWith(OaiSets.TYPE + ":")) {
            // Only a set of one type needs the type's key; anything else counts an index of document alone.
            return db.fetchCount(DOCUMENT, where);
        }
        return db.fetchCount(db.select(DOCUMENT.ID)
                .from(DOCUMENT).leftJoin(DOCUMENT_TYPE).on(DOCUMENT_TYPE.ID.eq(DOCUMENT.TYPE_ID))
                .where(where));
    }

    Optional<OaiItem> item(int id) {
        return items()
                .where(DOCUMENT.ID.eq(id))
                .fetchOptional(OaiQueries::item)
                .map(i -> withSubjects(List.of(i)).get(0));
    }

    /** What an item is read from: a record and its type. */
    private org.jooq.SelectOnConditionStep<Record> items() {
        return db.select(List.of(DOCUMENT.ID, DOCUMENT.UPDATED_AT, DOCUMENT.WITHDRAWN_AT, DOCUMENT.TITLE,
                        DOCUMENT.SUMMARY, DATE, DOCUMENT_TYPE.KEY, DOCUMENT_TYPE.LABEL, DOCUMENT.LANGUAGES))
                .from(DOCUMENT).leftJoin(DOCUMENT_TYPE).on(DOCUMENT_TYPE.ID.eq(DOCUMENT.TYPE_ID));
    }

    private static Condition after(Instant datestamp, int id) {
        return datestamp == null ? DSL.trueCondition() : DSL.row(DOCUMENT.UPDATED_AT, DOCUMENT.ID).gt(datestamp, id);
    }

    private static OaiItem item(Record r) {
        return new OaiItem(r.get(DOCUMENT.ID), r.get(DOCUMENT.UPDATED_AT), r.get(DOCUMENT.WITHDRAWN_AT) != null,
                r.get(DOCUMENT_TYPE.KEY), r.get(DOCUMENT_TYPE.LABEL), r.get(DOCUMENT.LANGUAGES),
                r.get(DATE),
                r.get(DOCUMENT.TITLE), RecordDraft.paragraphs(r.get(DOCUMENT.SUMMARY)), List.of(), List.of());
    }

    /** The items with their people and places: two queries for the whole page. */
    private List<OaiItem> withSubjects(List<OaiItem> items) {
        if (items.isEmpty()) {
            return items;
        }
        List<Integer> ids = items.stream().map(OaiItem::id).toList();
        RecordQueries records = new RecordQueries(db);
        Map<Integer, List<PersonLink>> people = records.peopleOf(ids);
        Map<Integer, List<String>> places = records.placeNamesOf(ids);
        return items.stream().map(i -> i.withSubjects(people.getOrDefault(i.id(), List.of()),
                places.getOrDefault(i.id(), List.of()))).toList();
    }
}
