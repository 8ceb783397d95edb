package org.dossier.authorities;

import static org.dossier.db.Tables.DOCUMENT;
import static org.dossier.db.Tables.DOCUMENT_PERSON;
import static org.dossier.db.Tables.RESTAMP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dossier.documents.Attribution;
import org.dossier.documents.RecordStore;
import org.dossier.editing.MutableClock;
import org.dossier.testing.TestDatabase;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A rename moves the harvest datestamp of every live record linked to the name (the most-linked
 * person of a million records names 464,046): the first batch in the editor's request, the rest a
 * batch a transaction as the catalogue carries it on. Batches of three here, so that the seeds'
 * records of Stalin take several.
 */
class RenamesInBatchesTest {

    private static final int BATCH = 3;
    private static final Clock CLOCK = Clock.systemUTC();
    private static final Instant LONG_AGO = Instant.parse("2020-01-01T00:00:00Z");

    @RegisterExtension
    final TestDatabase db = TestDatabase.seededForEachTest();
    private StoredAuthority stalin;
    private List<Integer> linked;
    private int withdrawn;

    @BeforeEach
    void theSeedsWithOneOfStalinsRecordsWithdrawnAndEveryRecordDatedLongAgo() throws Exception {
        stalin = new AuthorityRecords(db.dsl()).find(AuthorityKind.PERSON, "stalin").orElseThrow();
        linked = db.dsl().select(DOCUMENT_PERSON.DOCUMENT_ID).from(DOCUMENT_PERSON)
                .where(DOCUMENT_PERSON.PERSON_ID.eq(stalin.id())).orderBy(DOCUMENT_PERSON.DOCUMENT_ID)
                .fetch(DOCUMENT_PERSON.DOCUMENT_ID);
        assertTrue(linked.size() > 3 * BATCH, "the seeds link Stalin to " + linked.size() + " records");
        withdrawn = linked.get(1);
        db.store().write((records, tx) -> records.withdraw(withdrawn, 1, "Entered twice", Attribution.editor("bob", "Twice")));
        db.dsl().update(DOCUMENT).set(DOCUMENT.UPDATED_AT, LONG_AGO).execute();
    }

    private void rename(String name) {
        StoredAuthority now = new AuthorityRecords(db.dsl()).find(AuthorityKind.PERSON, stalin.id()).orElseThrow();
        AuthorityContent was = now.content();
        db.store().write((records, tx) -> new AuthorityWriter(records, tx, CLOCK, BATCH).update(now, now.version(),
                new AuthorityContent(name, was.sortName(), was.description(), was.kind(), was.aliases()),
                Attribution.editor("alice", "His name as the catalogue writes it")));
    }

    /** The records whose datestamp moved. */
    private List<Integer> stamped() {
        return db.dsl().select(DOCUMENT.ID).from(DOCUMENT).where(DOCUMENT.UPDATED_AT.gt(LONG_AGO)).orderBy(DOCUMENT.ID)
                .fetch(DOCUMENT.ID);
    }

    private AuthorityWriter.Batch carryOn() {
        return db.store().write((records, tx) -> new AuthorityWriter(records, tx, CLOCK, BATCH).carryOn());
    }

    private List<Integer> live(List<Integer> records) {
        return records.stream().filter(id -> id != withdrawn).toList();
    }

    @Test
    void theRequestStampsOneBatchAndTheRestGoABatchATransactionUntilEveryLiveRecordOfTheNameIsStamped() {
        rename("Iosif Stalin");
        assertEquals(live(linked.subList(0, BATCH)), stamped(), "the request stamped the first batch, in record order");
        assertEquals(linked.get(BATCH - 1), db.dsl().select(RESTAMP.AFTER_DOCUMENT).from(RESTAMP).fetchSingle(RESTAMP.AFTER_DOCUMENT));

        List<Integer> batches = new ArrayList<>();
        for (AuthorityWriter.Batch done; (done = carryOn()).underWay(); ) {
            batches.add(done.records());
            assertTrue(batches.size() < 100, "a rename that never ends");
        }
        assertTrue(batches.size() > 2 && batches.stream().allMatch(b -> b <= BATCH), batches.toString());
        assertEquals(live(linked), stamped(), "every live record of his, and no other, was stamped");
        assertEquals(0, db.dsl().fetchCount(RESTAMP), "nothing is left under way");
        assertEquals(LONG_AGO, db.dsl().select(DOCUMENT.UPDATED_AT).from(DOCUMENT).where(DOCUMENT.ID.eq(withdrawn))
                .fetchSingle(DOCUMENT.UPDATED_AT), "a withdrawn record is harvested without names: its datestamp stays");
    }

    @Test
    void aSecondRenameBeforeTheFirstIsDoneStartsAgainFromTheFirstRecordAndEachBatchIsStampedWithItsOwnTime() {
        rename("Iosif Stalin");
        carryOn();
        db.dsl().update(DOCUMENT).set(DOCUMENT.UPDATED_AT, LONG_AGO).execute();
        rename("I. V. Stalin");
        assertEquals(live(linked.subList(0, BATCH)), stamped(), "the second rename's first batch starts at his first record");
        Map<Integer, Instant> before = new TreeMap<>(db.dsl().select(DOCUMENT.ID, DOCUMENT.UPDATED_AT).from(DOCUMENT)
                .where(DOCUMENT.ID.in(stamped())).fetchMap(DOCUMENT.ID, DOCUMENT.UPDATED_AT));
        while (carryOn().underWay()) {
            assertTrue(db.dsl().fetchCount(RESTAMP) <= 1, "one row for the name, however often it was renamed");
        }
        assertEquals(live(linked), stamped());
        before.forEach((id, at) -> assertEquals(at, db.dsl().select(DOCUMENT.UPDATED_AT).from(DOCUMENT)
                .where(DOCUMENT.ID.eq(id)).fetchSingle(DOCUMENT.UPDATED_AT), "a record is stamped once a rename"));
        Instant first = before.values().iterator().next();
        assertTrue(db.dsl().select(DOCUMENT.UPDATED_AT).from(DOCUMENT).where(DOCUMENT.ID.in(linked))
                .fetch(DOCUMENT.UPDATED_AT).stream().filter(at -> !at.equals(LONG_AGO)).noneMatch(at -> at.isBefore(first)),
                "a later batch is never stamped earlier than the first");
    }

    @Test
    void aBatchOfWithdrawnRecordsIsCarriedOnAndCountedAsNoneStamped() {
        List<Integer> afterTheFirstBatch = linked.subList(BATCH, linked.size());
        for (int id : afterTheFirstBatch) {
            db.store().write((records, tx) -> records.withdraw(id, 1, "Entered twice",
                    Attribution.editor("bob", "Twice")));
        }
        db.dsl().update(DOCUMENT).set(DOCUMENT.UPDATED_AT, LONG_AGO).execute();
        rename("Iosif Stalin");
        assertEquals(live(linked.subList(0, BATCH)), stamped());
        assertEquals(0, new PendingMerges(db.store(), CLOCK).carryOnAll(),
                "the log's count is of records stamped: every one left is withdrawn");
        assertEquals(0, db.dsl().fetchCount(RESTAMP), "the rename was carried on to its end all the same");
    }

    @Test
    void anotherFormOfTheNameOrANoteShowsOnNoRecordAndStampsNone() {
        StoredAuthority now = new AuthorityRecords(db.dsl()).find(AuthorityKind.PERSON, stalin.id()).orElseThrow();
        AuthorityContent was = now.content();
        List<AuthorityContent.Alias> forms = new ArrayList<>(was.aliases());
        forms.add(new AuthorityContent.Alias("Koba", AliasKind.PSEUDONYM));
        db.store().write((records, tx) -> new AuthorityWriter(records, tx, CLOCK, BATCH).update(now, now.version(),
                new AuthorityContent(was.name(), was.sortName(), "General Secretary", was.kind(), forms),
                Attribution.editor("alice", "His party name")));
        assertEquals(List.of(), stamped());
        assertEquals(0, db.dsl().fetchCount(RESTAMP));
    }

    /**
     * A batch's UPDATE takes its time (a quarter of a second at a million records): a harvester
     * that asked meanwhile was given a later time than the batch's start (its response date, the
     * next harvest's {@code from}), so the records get the time the batch ended, as a merge's do.
     * The clock here moves a second a record stamped, as the writing transaction sees them.
     */
    @Test
    void everyRecordABatchStampedHasTheTimeTheBatchEndedSoAHarvestMadeWhileItWroteListsThemNext() {
        Instant start = Instant.parse("2031-01-01T00:00:00Z");
        DSLContext[] writing = new DSLContext[1];
        Clock moving = new MutableClock(start.toString(), t -> start.plusSeconds(
                writing[0] == null ? 0 : writing[0].fetchCount(DOCUMENT, DOCUMENT.UPDATED_AT.gt(LONG_AGO))));
        RecordStore store = new RecordStore(db.dsl(), moving);
        StoredAuthority now = new AuthorityRecords(db.dsl()).find(AuthorityKind.PERSON, stalin.id()).orElseThrow();
        AuthorityContent was = now.content();
        store.write((records, tx) -> {
            writing[0] = tx;
            return new AuthorityWriter(records, tx, moving, BATCH).update(now, now.version(),
                    new AuthorityContent("Iosif Stalin", was.sortName(), was.description(), was.kind(), was.aliases()),
                    Attribution.editor("alice", "His name as the catalogue writes it"));
        });
        List<Integer> first = assertStampedWhenTheBatchEnded(List.of(), start, "the request's batch");
        store.write((records, tx) -> {
            writing[0] = tx;
            return new AuthorityWriter(records, tx, moving, BATCH).carryOn();
        });
        assertStampedWhenTheBatchEnded(first, start, "a batch carried on");
    }

    /** The records stamped since {@code before} have one datestamp: the clock's start and a second a record stamped. */
    private List<Integer> assertStampedWhenTheBatchEnded(List<Integer> before, Instant start, String batch) {
        List<Integer> stamped = stamped();
        List<Integer> batchOf = stamped.stream().filter(id -> !before.contains(id)).toList();
        assertTrue(!batchOf.isEmpty(), batch + " stamped records");
        assertEquals(List.of(start.plusSeconds(stamped.size())), db.dsl().selectDistinct(DOCUMENT.UPDATED_AT).from(DOCUMENT)
                .where(DOCUMENT.ID.in(batchOf)).fetch(DOCUMENT.UPDATED_AT),
                batch + ": its records have the time it ended, not the one it began");
        return stamped;
    }
}
