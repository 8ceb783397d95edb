package org.dossier.documents;

import static org.dossier.db.Tables.DOCUMENT;
import static org.dossier.db.Tables.DOCUMENT_PERSON;
import static org.dossier.db.Tables.DOCUMENT_PLACE;
import static org.dossier.db.Tables.DOCUMENT_SLUG;
import static org.dossier.db.Tables.RECORD_FORM;
import static org.dossier.db.Tables.REVISION;
import static org.dossier.db.Tables.REVISION_PERSON;
import static org.dossier.db.Tables.REVISION_PLACE;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.dossier.app.Transactions;
import org.dossier.authorities.PersonRole;
import org.dossier.db.tables.records.DocumentRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record1;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.impl.DSL;

/**
 * The one way records change. Every change (import, edit, withdrawal, restore) writes the record,
 * its links, its slug history and a whole revision, inside the caller's transaction, and notes
 * the record so that the search index follows once the transaction commits.
 */
public final class RecordWriter {

    private final DSLContext db;
    private final Clock clock;
    private final Set<Integer> changed;
    private final Runnable authoritiesChanged;
    private final java.util.function.Consumer<NewRecords.Written> createdMany;
    /** When this transaction began: what it stamps on the way is stamped then or later. */
    private final Instant began;
    /** The records this transaction stamped beside {@link #changed}, each with the time it began stamping them. */
    private final List<Stamped> stamped = new ArrayList<>();

    /** What runs once this transaction's records are stamped, before it commits ({@link #onceStamped}). */
    private final List<Runnable> afterTheStamp = new ArrayList<>();

    /** How many records of {@link #changed} one statement stamps at commit. */
    private static final int STAMPED_AT_ONCE = 1_000;

    /**
     * Records that {@code among} selects, stamped by this transaction at {@code since} or later;
     * {@code allAt}, when not null, the one time every one of their rows was written with (a run
     * of new records'): a commit stamped then has nothing of theirs to stamp again.
     */
    private record Stamped(Function<Field<Integer>, Condition> among, Instant since, Instant allAt) {
        Stamped(Function<Field<Integer>, Condition> among, Instant since) {
            this(among, since, null);
        }
    }

    RecordWriter(DSLContext db, Clock clock, Set<Integer> changed, Runnable authoritiesChanged,
                 java.util.function.Consumer<NewRecords.Written> createdMany) {
        this.db = db;
        this.clock = clock;
        this.changed = changed;
        this.authoritiesChanged = authoritiesChanged;
        this.began = now();
        this.createdMany = createdMany;
    }

    /**
     * Notes that this transaction changed a person's or place's names: the change feed then tells
     * every node to reload the names that widen a search.
     */
    public void authoritiesChanged() {
        authoritiesChanged.run();
    }

    /** Adds a record at version 1; returns its new id. */
    public int create(RecordDraft draft, Attribution attribution) {
        Instant now = now();
        DocumentRecord row = db.newRecord(DOCUMENT);
        String slug = fill(row, draft);
        row.setVersion(1);
        row.setCreatedAt(now);
        row.setUpdatedAt(now);
        row.store();
        int id = row.getId();
        writeLinks(id, draft);
        rememberSlug(id, slug, now);
        writeRevision(row, draft, attribution, now);
        changed.add(id);
        return id;
    }

    /**
     * Adds a record at version 1, as {@link #create}, for the new-record form that carried
     * {@code token}; when that form created one already (it was sent twice, or again after a save
     * whose answer was lost), returns that record's id and writes nothing.
     */
    public int createOnce(FormToken token, RecordDraft draft, Attribution attribution) {
        // Two sends of one form at once on PostgreSQL: the second waits here for the first's commit,
        // then finds its row (on SQLite, writers take turns already).
        Transactions.oneAtATime(db, FORM_LOCK | (token.value().hashCode() & 0xffff_ffffL));
        Integer earlier = db.select(RECORD_FORM.DOCUMENT_ID).from(RECORD_FORM).where(RECORD_FORM.TOKEN.eq(token.value()))
                .fetchOne(RECORD_FORM.DOCUMENT_ID);
        if (earlier != null) {
            return earlier;
        }
        int id = create(draft, attribution);
        Instant now = now();
        // The tokens no send can bring any more go as a new one comes, as sessions do: one row per
        // record created through the form was kept for good.
        db.deleteFrom(RECORD_FORM).where(RECORD_FORM.CREATED_AT.lt(now.minus(FormToken.KEPT_FOR))).execute();
        db.insertInto(RECORD_FORM, RECORD_FORM.TOKEN, RECORD_FORM.DOCUMENT_ID, RECORD_FORM.CREATED_AT)
                .values(token.value(), id, now).execute();
        return id;
    }

    /** The advisory locks of new-record forms' tokens (a namespace of their own, beside the names' locks). */
    private static final long FORM_LOCK = 0x466f_726d_0000_0000L;

    /**
     * Adds many records at version 1, each as {@link #create} would, through one batched writer
     * ({@link NewRecords}: imports); they join the change feed as one run when {@code work} is done.
     */
    public <T> T createMany(java.util.function.Function<NewRecords, T> work) {
        Instant now = now();
        return NewRecords.write(db, now, work, written -> {
            if (written.count() > 0) {
                stamped.add(new Stamped(id -> id.between(written.first(), written.last()), began, now));
            }
            createdMany.accept(written);
        });
    }

    /**
     * Replaces what a record says, if it is still at {@code expectedVersion}; returns its version
     * after the call: a new one, or {@code expectedVersion} itself when the draft says exactly what
     * the record says now (then nothing is written: no revision, no change).
     *
     * @throws StaleVersionException when someone saved a newer version in between
     * @throws NoSuchRecordException when there is no such record
     */
    public int update(int id, int expectedVersion, RecordDraft draft, Attribution attribution) {
        DocumentRecord row = claim(id, expectedVersion);
        if (draftOf(row).equals(draft)) {
            return expectedVersion;
        }
        Instant now = now();
        String slug = fill(row, draft);
        row.setVersion(expectedVersion + 1);
        row.setUpdatedAt(now);
        save(row);
        db.deleteFrom(DOCUMENT_PERSON).where(DOCUMENT_PERSON.DOCUMENT_ID.eq(id)).execute();
        db.deleteFrom(DOCUMENT_PLACE).where(DOCUMENT_PLACE.DOCUMENT_ID.eq(id)).execute();
        writeLinks(id, draft);
        rememberSlug(id, slug, now);
        writeRevision(row, draft, attribution, now);
        changed.add(id);
        return row.getVersion();
    }

    /**
     * Gives the records written since {@code since} in this transaction (of {@code ids}), and those
     * revisions, the time of the commit ({@link #stampAtCommit}), as every record this transaction
     * writes: a batch that writes record after record for as long as a second (a merge's) would
     * otherwise keep a time a harvest made meanwhile was already past (its response date, the next
     * harvest's {@code from}), and never be listed.
     */
    public void stampedAtTheEnd(Collection<Integer> ids, Instant since) {
        if (!ids.isEmpty()) {
            stampedAtTheEnd(id -> id.in(ids), since);
        }
    }

    /** As {@link #stampedAtTheEnd(Collection, Instant)}, for the records a query selects (a rename's batch). */
    public void stampedAtTheEnd(Select<? extends Record1<Integer>> ids, Instant since) {
        stampedAtTheEnd(id -> id.in(ids), since);
    }

    /** As {@link #stampedAtTheEnd(Collection, Instant)}, for the records a condition on their id selects (an import's). */
    public void stampedAtTheEnd(Function<Field<Integer>, Condition> among, Instant since) {
        stamped.add(new Stamped(among, since));
    }

    /**
     * Stamps every record this transaction wrote (and their new revisions) with the time of its commit,
     * read by {@code clock} while the transaction holds the head of the change feed to its commit
     * ({@link ChangeFeed#hold}): writers take it one after another, so the records of a write that
     * commits later never have an earlier datestamp than those of one that committed before, whichever
     * began first and whatever the clock of the node that wrote them. Call it last, before the commit.
     */
    void stampAtCommit(CommitClock clock) {
        stamp(clock);
        afterTheStamp.forEach(Runnable::run);
    }

    /**
     * Runs {@code work} in this transaction once its records and revisions are stamped with the
     * commit's time ({@link #stampAtCommit}), before it commits: for an index on those times that a
     * large run builds at the end (an import's on SQLite), which built before the stamp had every
     * entry of the run moved once more. Where anything was stamped it runs holding the change feed's
     * head, which the stamp took: on PostgreSQL every other writer waits for this commit meanwhile, so
     * only what has to follow the stamp goes here.
     */
    public void onceStamped(Runnable work) {
        afterTheStamp.add(work);
    }

    private void stamp(CommitClock clock) {
        // A thousand ids a statement: a relink's or a merge's write changes more records than a
        // statement may carry values (32,767 on PostgreSQL).
        List<Integer> ids = List.copyOf(changed);
        for (int at = 0; at < ids.size(); at += STAMPED_AT_ONCE) {
            List<Integer> some = ids.subList(at, Math.min(ids.size(), at + STAMPED_AT_ONCE));
            stamped.add(new Stamped(id -> id.in(some), began));
        }
        if (stamped.isEmpty()) {
            return;
        }
        ChangeFeed.hold(db);
        Instant end = clock.stamp(db);
        for (Stamped s : stamped) {
            if (end.equals(s.allAt())) {
                // Written at the commit's own second: the UPDATEs would read every row and change none.
                continue;
            }
            // Created in this transaction: created then too (an import's records, a new one's). Each
            // statement fails rather than aborts on a conflict: it rewrites rows written before it
            // began (all of an import's), and one that may abort had SQLite journal every such page
            // (BulkWriting.failingOnConflict); a failure rolls the whole transaction back anyway.
            BulkWriting.failingOnConflict(db, db.update(DOCUMENT).set(DOCUMENT.UPDATED_AT, end)
                    .set(DOCUMENT.CREATED_AT, DSL.when(DOCUMENT.CREATED_AT.ge(s.since()), DSL.val(end, DOCUMENT.CREATED_AT)).otherwise(DOCUMENT.CREATED_AT))
                    .where(s.among().apply(DOCUMENT.ID)).and(DOCUMENT.UPDATED_AT.ge(s.since())).and(DOCUMENT.UPDATED_AT.ne(end)))
                    .execute();
            BulkWriting.failingOnConflict(db, db.update(REVISION).set(REVISION.CREATED_AT, end)
                    .where(s.among().apply(REVISION.DOCUMENT_ID)).and(REVISION.CREATED_AT.ge(s.since())).and(REVISION.CREATED_AT.ne(end)))
                    .execute();
        }
    }

    /**
     * Takes a record out of the catalogue; it keeps its id, and its permalink shows why it went.
     * Returns the new version.
     */
    public int withdraw(int id, int expectedVersion, String reason, Attribution attribution) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a withdrawal needs a reason");
        }
        return setWithdrawal(id, expectedVersion, reason.strip(), attribution);
    }

    /** Brings a withdrawn record back into the catalogue; returns the new version. */
    public int reinstate(int id, int expectedVersion, Attribution attribution) {
        return setWithdrawal(id, expectedVersion, null, attribution);
    }

    /**
     * Withdraws the record for {@code reason}, or with null reinstates it, as a new version whose
     * content is the record's as it stands; returns that version.
     */
    private int setWithdrawal(int id, int expectedVersion, String reason, Attribution attribution) {
        DocumentRecord row = claim(id, expectedVersion);
        Instant now = now();
        row.setWithdrawnAt(reason == null ? null : now);
        row.setWithdrawnReason(reason);
        row.setVersion(expectedVersion + 1);
        row.setUpdatedAt(now);
        save(row);
        writeRevision(row, draftOf(row), attribution, now);
        changed.add(id);
        return row.getVersion();
    }

    /**
     * Makes what the record said at revision {@code number} its content again, as a new revision
     * (its withdrawal state stays as it is); returns the new version, or {@code expectedVersion}
     * when the record already says that (nothing is written).
     *
     * @throws NoSuchRecordException when there is no such record
     * @throws org.dossier.web.NotFound when it has no version {@code number} ({@link NoSuchVersion})
     */
    public int restore(int id, int expectedVersion, int number, Attribution attribution) {
        return update(id, expectedVersion, draftAt(id, number), attribution);
    }

    /**
     * What the record says now, for a change made from it ({@link #update} at the version it is at
     * now): its row stays locked until this transaction ends where rows lock (PostgreSQL; SQLite's
     * writers take turns anyway), so that no editor's save comes between this read and that update.
     * One that did was lost when it committed between the two reads (the update claimed its version,
     * with the draft from before it), or failed the whole change as stale (a 500 for the editor who
     * linked or merged).
     */
    public RecordDraft draft(int id) {
        DocumentRecord row = Transactions.lockingRows(db, db.selectFrom(DOCUMENT).where(DOCUMENT.ID.eq(id)))
                .fetchOne();
        if (row == null) {
            throw new NoSuchRecordException(id);
        }
        return draftOf(row);
    }

    /**
     * What the record said at revision {@code number}, read as every version is ({@link RecordVersions}).
     *
     * @throws NoSuchRecordException when there is no such record
     * @throws org.dossier.web.NotFound when it has no version {@code number} ({@link NoSuchVersion})
     */
    public RecordDraft draftAt(int id, int number) {
        // Its history page asks first (and versions are never taken away), so no page reaches the
        // miss: should a caller, the 404 its history answers, in the same words.
        return new RecordVersions(db).find(id, number).map(RecordVersion::draft).orElseThrow(() -> {
            Integer latest = db.select(DOCUMENT.VERSION).from(DOCUMENT).where(DOCUMENT.ID.eq(id)).fetchOne(DOCUMENT.VERSION);
            return latest == null ? new NoSuchRecordException(id) : NoSuchVersion.ofRecord(id, number, latest).notFound();
        });
    }

    /** Puts what the draft says into the row; returns the slug its title makes. */
    private static String fill(DocumentRecord row, RecordDraft draft) {
        String slug = Slugs.slugify(draft.title());
        row.setTitle(draft.title());
        row.setSummary(draft.summaryText());
        row.setDateKey(draft.dateKey());
        row.setDatePrecision(draft.datePrecision());
        row.setDateCirca(draft.dateCirca());
        row.setDateEndKey(draft.dateEndKey());
        row.setDateEndPrecision(draft.dateEndPrecision());
        row.setTypeId(draft.typeId());
        row.setLanguages(draft.languages());
        row.setSortTitle(Slugs.sortKey(draft.title()));
        row.setSlug(slug);
        return slug;
    }

    /**
     * The one check that a change is based on the version saved now, made by the database itself:
     * a compare-and-set that touches the row only if it is still at {@code expectedVersion}. On
     * PostgreSQL the row then stays locked to the commit, so a second writer that passed the same
     * version waits here and then finds the row moved on; on SQLite writers take turns anyway.
     * Returns the row as it is.
     */
    private DocumentRecord claim(int id, int expectedVersion) {
        int claimed = db.update(DOCUMENT).set(DOCUMENT.VERSION, DOCUMENT.VERSION)
                .where(DOCUMENT.ID.eq(id).and(DOCUMENT.VERSION.eq(expectedVersion))).execute();
        if (claimed != 1) {
            Integer now = db.select(DOCUMENT.VERSION).from(DOCUMENT).where(DOCUMENT.ID.eq(id)).fetchOne(DOCUMENT.VERSION);
            if (now == null) {
                throw new NoSuchRecordException(id);
            }
            throw new StaleVersionException(id, expectedVersion, now);
        }
        return db.selectFrom(DOCUMENT).where(DOCUMENT.ID.eq(id)).fetchSingle();
    }

    /** Writes what changed in a row {@link #claim}ed in this transaction. */
    private void save(DocumentRecord row) {
        db.executeUpdate(row, DOCUMENT.ID.eq(row.getId()));
    }

    private RecordDraft draftOf(DocumentRecord row) {
        var people = new java.util.LinkedHashMap<Integer, PersonRole>();
        db.select(DOCUMENT_PERSON.PERSON_ID, DOCUMENT_PERSON.ROLE).from(DOCUMENT_PERSON)
                .where(DOCUMENT_PERSON.DOCUMENT_ID.eq(row.getId()))
                .orderBy(DOCUMENT_PERSON.POSITION, DOCUMENT_PERSON.PERSON_ID)
                .forEach(r -> people.put(r.get(DOCUMENT_PERSON.PERSON_ID), PersonRole.stored(r.get(DOCUMENT_PERSON.ROLE))));
        var places = new java.util.TreeSet<>(db.select(DOCUMENT_PLACE.PLACE_ID).from(DOCUMENT_PLACE)
                .where(DOCUMENT_PLACE.DOCUMENT_ID.eq(row.getId())).fetch(DOCUMENT_PLACE.PLACE_ID));
        return new RecordDraft(row.getTitle(), RecordDraft.paragraphs(row.getSummary()),
                DocumentDate.stored(row.getDateKey(), row.getDatePrecision(), row.getDateCirca(),
                        row.getDateEndKey(), row.getDateEndPrecision()), row.getTypeId(), people, places,
                row.getLanguages());
    }

    private void writeLinks(int id, RecordDraft draft) {
        insertPeople(DOCUMENT_PERSON, DOCUMENT_PERSON.DOCUMENT_ID, DOCUMENT_PERSON.PERSON_ID, DOCUMENT_PERSON.ROLE,
                DOCUMENT_PERSON.POSITION, id, draft);
        insertPlaces(DOCUMENT_PLACE, DOCUMENT_PLACE.DOCUMENT_ID, DOCUMENT_PLACE.PLACE_ID, id, draft);
    }

    /** A record's (or revision's) people, in one statement, each with its place in the draft's order (1 for the first). */
    private <R extends Record> void insertPeople(Table<R> table, TableField<R, Integer> owner,
                                                 TableField<R, Integer> person, TableField<R, String> role,
                                                 TableField<R, Integer> position, int ownerId, RecordDraft draft) {
        if (draft.people().isEmpty()) {
            return;
        }
        var insert = db.insertInto(table, owner, person, role, position);
        int next = 1;
        for (var link : draft.people().entrySet()) {
            insert.values(ownerId, link.getKey(), link.getValue().key(), next++);
        }
        insert.execute();
    }

    /** A record's (or revision's) places, in one statement. */
    private <R extends Record> void insertPlaces(Table<R> table, TableField<R, Integer> owner,
                                                 TableField<R, Integer> place, int ownerId, RecordDraft draft) {
        if (draft.places().isEmpty()) {
            return;
        }
        var insert = db.insertInto(table, owner, place);
        draft.places().forEach(placeId -> insert.values(ownerId, placeId));
        insert.execute();
    }

    private void rememberSlug(int id, String slug, Instant now) {
        db.insertInto(DOCUMENT_SLUG, DOCUMENT_SLUG.DOCUMENT_ID, DOCUMENT_SLUG.SLUG, DOCUMENT_SLUG.CREATED_AT)
                .values(id, slug, now)
                .onConflictDoNothing()
                .execute();
    }

    private void writeRevision(DocumentRecord row, RecordDraft draft, Attribution attribution, Instant now) {
        int revisionId = db.insertInto(REVISION)
                .set(REVISION.DOCUMENT_ID, row.getId())
                .set(REVISION.NUMBER, row.getVersion())
                .set(REVISION.CREATED_AT, now)
                .set(REVISION.AUTHOR, attribution.author())
                .set(REVISION.NOTE, attribution.note())
                .set(REVISION.SOURCE, attribution.source())
                .set(REVISION.TITLE, row.getTitle())
                .set(REVISION.SUMMARY, row.getSummary())
                .set(REVISION.DATE_KEY, row.getDateKey())
                .set(REVISION.DATE_PRECISION, row.getDatePrecision())
                .set(REVISION.DATE_CIRCA, row.getDateCirca())
                .set(REVISION.DATE_END_KEY, row.getDateEndKey())
                .set(REVISION.DATE_END_PRECISION, row.getDateEndPrecision())
                .set(REVISION.TYPE_ID, row.getTypeId())
                .set(REVISION.LANGUAGES, row.getLanguages())
                .set(REVISION.SLUG, row.getSlug())
                .set(REVISION.WITHDRAWN_REASON, row.getWithdrawnReason())
                .returningResult(REVISION.ID)
                .fetchOne(REVISION.ID);
        insertPeople(REVISION_PERSON, REVISION_PERSON.REVISION_ID, REVISION_PERSON.PERSON_ID, REVISION_PERSON.ROLE,
                REVISION_PERSON.POSITION, revisionId, draft);
        insertPlaces(REVISION_PLACE, REVISION_PLACE.REVISION_ID, REVISION_PLACE.PLACE_ID, revisionId, draft);
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS);
    }
}
