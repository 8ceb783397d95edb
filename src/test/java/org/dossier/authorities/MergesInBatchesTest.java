package org.dossier.authorities;

import static org.dossier.db.Tables.DOCUMENT;
import static org.dossier.db.Tables.DOCUMENT_COUNT;
import static org.dossier.db.Tables.DOCUMENT_PERSON;
import static org.dossier.db.Tables.MOVED_LINK;
import static org.dossier.db.Tables.REVISION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.dossier.documents.Attribution;
import org.dossier.documents.RecordQueries;
import org.dossier.documents.RecordStore;
import org.dossier.editing.MutableClock;
import org.dossier.editing.RecordForm;
import org.dossier.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A merge moves its records a batch a transaction (one of a quarter of a million records held the
 * write lock for minutes in one): the first batch in the editor's request, the rest as the catalogue
 * carries it on, and a restore brings them back the same way. Batches of three here, so that the
 * seeds' records of Stalin take several.
 */
class MergesInBatchesTest {

    private static final int BATCH = 3;
    private static final Clock CLOCK = Clock.systemUTC();

    @RegisterExtension
    final TestDatabase db = TestDatabase.seededForEachTest();
    private StoredAuthority stalin;
    private StoredAuthority dzhugashvili;
    private Map<Integer, String> rolesBefore;

    @BeforeEach
    void theSeedsAndASecondEntryForStalin() throws Exception {
        AuthorityRecords read = new AuthorityRecords(db.dsl());
        stalin = read.find(AuthorityKind.PERSON, "stalin").orElseThrow();
        rolesBefore = links(stalin);
        assertTrue(rolesBefore.size() > 2 * BATCH, "the seeds link Stalin to " + rolesBefore.size() + " records");
        dzhugashvili = db.store().write((records, tx) -> new AuthorityWriter(records, tx, CLOCK).create(AuthorityKind.PERSON,
                new AuthorityContent("Iosif Dzhugashvili", "Dzhugashvili, Iosif", "", EntityType.PERSON, List.of()),
                Attribution.editor("alice", "Entered under his birth name")));
    }

    private Map<Integer, String> links(StoredAuthority person) {
        return new TreeMap<>(db.dsl().select(DOCUMENT_PERSON.DOCUMENT_ID, DOCUMENT_PERSON.ROLE).from(DOCUMENT_PERSON)
                .where(DOCUMENT_PERSON.PERSON_ID.eq(person.id())).fetchMap(DOCUMENT_PERSON.DOCUMENT_ID, DOCUMENT_PERSON.ROLE));
    }

    private StoredAuthority now(StoredAuthority authority) {
        return new AuthorityRecords(db.dsl()).find(authority.kind(), authority.id()).orElseThrow();
    }

    private void mergeStalinIntoDzhugashvili() {
        db.store().write((records, tx) -> {
            new AuthorityWriter(records, tx, CLOCK, BATCH).merge(stalin, stalin.version(), dzhugashvili,
                    Attribution.editor("alice", "One man, entered twice"));
            return null;
        });
    }

    /** One call of what the catalogue does in the background: a batch, in a transaction of its own. */
    private int carryOn() {
        return db.store().write((records, tx) -> new AuthorityWriter(records, tx, CLOCK, BATCH).carryOn().records());
    }

    private List<Integer> carryOnToTheEnd() {
        List<Integer> batches = new ArrayList<>();
        for (int moved; (moved = carryOn()) > 0; ) {
            batches.add(moved);
            assertTrue(batches.size() < 1_000, "a merge that never ends");
        }
        return batches;
    }

    @Test
    void theRequestMovesOneBatchAndTheRestGoABatchATransactionUntilEveryLinkIsTheSurvivors() {
        mergeStalinIntoDzhugashvili();
        AuthorityRecords read = new AuthorityRecords(db.dsl());
        assertTrue(now(stalin).merged(), "merged at once: his page already leads to the survivor");
        assertEquals(BATCH, links(dzhugashvili).size(), "the request moved one batch");
        assertEquals(rolesBefore.size() - BATCH, links(stalin).size());
        assertEquals(rolesBefore.size() - BATCH, read.stillToMove(now(dzhugashvili)));
        assertEquals(rolesBefore.size() - BATCH, read.stillToMove(), "in the whole catalogue too (the operators' gauge)");
        assertEquals(List.of(new AuthorityRecords.UnderWay(AuthorityKind.PERSON, "stalin", stalin.name(),
                dzhugashvili.key(), "Iosif Dzhugashvili", false, rolesBefore.size() - BATCH)), read.underWay(),
                "and on the editors' start page");

        List<Integer> batches = carryOnToTheEnd();
        assertEquals(rolesBefore.size() - BATCH, batches.stream().mapToInt(Integer::intValue).sum());
        assertTrue(batches.stream().allMatch(b -> b <= BATCH), "no batch is larger than its bound: " + batches);
        assertEquals(rolesBefore, links(dzhugashvili), "every link moved, with its role");
        assertTrue(links(stalin).isEmpty());
        assertEquals(0, read.stillToMove(now(dzhugashvili)));
        assertEquals(0, read.stillToMove(), "a finished merge's moved links are kept, and not counted as still to move");
        assertEquals(List.of(), read.underWay());
        assertEquals(rolesBefore.size(), db.dsl().fetchCount(MOVED_LINK), "each move is written down for a restore");
        // Every record moved in the background is attributed to the editor who merged, with her note.
        for (int record : rolesBefore.keySet()) {
            var latest = db.dsl().selectFrom(REVISION).where(REVISION.DOCUMENT_ID.eq(record))
                    .orderBy(REVISION.NUMBER.desc()).limit(1).fetchSingle();
            assertEquals("alice", latest.getAuthor());
            assertTrue(latest.getNote().contains("One man, entered twice"), latest.getNote());
        }
    }

    /**
     * A batch also ends once it has held the write lock for its time (a second), after the record it
     * is on: with no time at all, a record a transaction, the request's included, and still every one
     * moves and comes back. (The batches above are bounded by their count alone, so that a busy
     * machine, where the second ran out after one record, does not change what they count.)
     */
    @Test
    void aBatchWhoseTimeRanOutEndsAfterTheRecordItIsOnAndTheRestStillMove() {
        java.time.Duration none = java.time.Duration.ZERO;
        db.store().write((records, tx) -> {
            new AuthorityWriter(records, tx, CLOCK, BATCH, none).merge(stalin, stalin.version(), dzhugashvili,
                    Attribution.editor("alice", "One man, entered twice"));
            return null;
        });
        assertEquals(1, links(dzhugashvili).size(), "the request moved one record, then its time was up");
        List<Integer> batches = new ArrayList<>();
        for (int moved; (moved = db.store().write((records, tx) -> new AuthorityWriter(records, tx, CLOCK, BATCH, none)
                .carryOn().records())) > 0; ) {
            batches.add(moved);
            assertTrue(batches.size() < 1_000, "a merge that never ends");
        }
        assertEquals(java.util.Collections.nCopies(rolesBefore.size() - 1, 1), batches);
        assertEquals(rolesBefore, links(dzhugashvili), "every link moved, with its role");

        db.store().write((records, tx) -> new AuthorityWriter(records, tx, CLOCK, BATCH, none)
                .restore(now(stalin), now(stalin).version(), 1, Attribution.editor("bob", "Two men after all")));
        assertEquals(1, links(stalin).size(), "the restore's request put one record back");
        for (int back = 0; db.store().write((records, tx) -> new AuthorityWriter(records, tx, CLOCK, BATCH, none)
                .carryOn().records()) > 0; back++) {
            assertEquals(2 + back, links(stalin).size(), "a record a transaction");
        }
        assertEquals(rolesBefore, links(stalin), "every link is his again");
        assertEquals(0, db.dsl().fetchCount(MOVED_LINK));
    }

    @Test
    void aRestoreBeforeTheMergeIsDoneBringsBackWhatMovedAndLeavesWhatHadNotMoved() {
        mergeStalinIntoDzhugashvili();
        carryOn();
        assertEquals(2 * BATCH, links(dzhugashvili).size());
        db.store().write((records, tx) -> new AuthorityWriter(records, tx, CLOCK, BATCH)
                .restore(now(stalin), now(stalin).version(), 1, Attribution.editor("bob", "Two men after all")));
        AuthorityRecords read = new AuthorityRecords(db.dsl());
        assertFalse(now(stalin).merged(), "his page is his own again at once");
        assertEquals(BATCH, links(dzhugashvili).size(), "the restore put one batch back in its request");
        assertTrue(read.restoreUnderWay(now(stalin)));
        assertEquals(BATCH, read.stillToMove(now(stalin)));
        assertEquals(BATCH, read.stillToMove());
        assertEquals(List.of(new AuthorityRecords.UnderWay(AuthorityKind.PERSON, "stalin", stalin.name(),
                dzhugashvili.key(), "Iosif Dzhugashvili", true, BATCH)), read.underWay());
        assertThrows(IllegalStateException.class, () -> db.store().write((records, tx) -> {
            new AuthorityWriter(records, tx, CLOCK, BATCH).merge(now(stalin), now(stalin).version(), now(dzhugashvili),
                    Attribution.editor("alice", "Again"));
            return null;
        }), "no new merge while the last is being undone");

        assertEquals(List.of(BATCH), carryOnToTheEnd());
        assertEquals(rolesBefore, links(stalin), "every link is his again, with its role");
        assertTrue(links(dzhugashvili).isEmpty());
        assertFalse(read.restoreUnderWay(now(stalin)));
        assertEquals(0, db.dsl().fetchCount(MOVED_LINK));
        assertFalse(now(dzhugashvili).content().aliases().stream().anyMatch(a -> a.name().equals(stalin.name())),
                "the survivor gave back his forms of the name");
        var latest = db.dsl().selectFrom(REVISION).where(REVISION.DOCUMENT_ID.eq(rolesBefore.keySet().iterator().next()))
                .orderBy(REVISION.NUMBER.desc()).limit(1).fetchSingle();
        assertEquals("bob", latest.getAuthor(), "a record put back is attributed to the restore");
    }

    @Test
    void aMergeMadeBeforeMovedLinksKeptItsListInItsVersionAndARestoreStillUndoesIt() {
        mergeStalinIntoDzhugashvili();
        carryOnToTheEnd();
        // As a merge made before V12 left it: the moved links in the version's JSON, none in moved_link.
        List<AuthorityMerge.MovedLink> moved = db.dsl().selectFrom(MOVED_LINK).orderBy(MOVED_LINK.DOCUMENT_ID)
                .fetch(r -> new AuthorityMerge.MovedLink(r.getDocumentId(), r.getRole(), r.getSurvivorRole()));
        var versions = org.dossier.db.Tables.AUTHORITY_VERSION;
        String json = db.dsl().select(versions.MERGE).from(versions).where(versions.AUTHORITY_ID.eq(stalin.id()))
                .and(versions.FACET.eq("person")).and(versions.MERGE.isNotNull()).fetchSingle(versions.MERGE);
        AuthorityMerge merge = AuthorityMerge.fromJson(json);
        String old = new AuthorityMerge(merge.merged(), merge.survivor(), moved, merge.addedForms()).json();
        db.dsl().update(versions).set(versions.MERGE, old).where(versions.MERGE.eq(json)).execute();
        db.dsl().deleteFrom(MOVED_LINK).execute();

        db.store().write((records, tx) -> new AuthorityWriter(records, tx, CLOCK, BATCH)
                .restore(now(stalin), now(stalin).version(), 1, Attribution.editor("bob", "Two men after all")));
        assertEquals(rolesBefore, links(stalin), "every link came back in the restore's request, as before");
        assertTrue(links(dzhugashvili).isEmpty());
        assertEquals(List.of(), carryOnToTheEnd());
    }

    @Test
    void aMergeAStoppedNodeLeftHalfDoneIsCarriedOnByTheNextOneToLook() {
        mergeStalinIntoDzhugashvili();
        PendingMerges another = new PendingMerges(db.store(), CLOCK);
        assertEquals(rolesBefore.size() - BATCH, another.carryOnAll());
        assertEquals(rolesBefore, links(dzhugashvili));
        assertEquals(0, another.carryOnAll(), "nothing is left to do");
    }

    @Test
    void aLookForMergesUnderWayThatFindsNoneWaitsForNoWriter() throws Exception {
        // An import holds its transaction (on SQLite, the one write lock) for as long as it runs. Each
        // node's look every 10 s for a merge under way was a write of its own: with none under way it
        // still waited for the import's lock, and failed when the wait ran out.
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        ExecutorService importing = Executors.newSingleThreadExecutor();
        Future<?> anImport = importing.submit(() -> db.dsl().transaction(tx -> {
            tx.dsl().update(DOCUMENT_COUNT).set(DOCUMENT_COUNT.LIVE, DOCUMENT_COUNT.LIVE)
                    .where(DOCUMENT_COUNT.ID.eq(1)).execute();
            holding.countDown();
            done.await();
        }));
        try {
            holding.await();
            assertEquals(0, new PendingMerges(db.store(), CLOCK).carryOnAll(), "nothing is under way");
        } finally {
            done.countDown();
            anImport.get();
            importing.shutdown();
        }
    }

    @Test
    void twoNodesCarryingOnTheSameMergeAtOnceMoveEachRecordOnce() throws Exception {
        mergeStalinIntoDzhugashvili();
        // Two stores over the one database: two nodes' background threads, each in its own transactions.
        List<RecordStore> nodes = List.of(new RecordStore(db.dsl(), CLOCK), new RecordStore(db.dsl(), CLOCK));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<Integer>> done = new ArrayList<>();
            for (RecordStore node : nodes) {
                done.add(pool.submit(() -> {
                    int moved = 0;
                    for (int batch; (batch = node.write((records, tx) ->
                            new AuthorityWriter(records, tx, CLOCK, BATCH).carryOn().records())) > 0; ) {
                        moved += batch;
                    }
                    return moved;
                }));
            }
            int moved = 0;
            for (var node : done) {
                moved += node.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
            assertEquals(rolesBefore.size() - BATCH, moved, "between them they moved each record once");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(rolesBefore, links(dzhugashvili));
        assertEquals(rolesBefore.size(), db.dsl().fetchCount(MOVED_LINK));
        for (int record : rolesBefore.keySet()) {
            assertEquals(1, db.dsl().fetchCount(REVISION, REVISION.DOCUMENT_ID.eq(record)
                    .and(REVISION.NOTE.contains("One man, entered twice"))), "one revision of the merge for record " + record);
        }
    }

    @Test
    void aRecordOpenedInTheMiddleOfAMergeIsOfferedWithTheSurvivorSoSavingKeepsTheLink() {
        mergeStalinIntoDzhugashvili();
        int unmoved = links(stalin).keySet().iterator().next();
        AuthorityLists.Lists lists = AuthorityLists.load(db.dsl()).current();
        assertEquals(dzhugashvili.id(), lists.standing(AuthorityKind.PERSON, stalin.id()));
        assertEquals(dzhugashvili.id(), lists.standing(AuthorityKind.PERSON, dzhugashvili.id()));
        RecordForm form = RecordForm.of(new RecordQueries(db.dsl()).find(unmoved).orElseThrow(), lists);
        assertTrue(form.hasPerson(dzhugashvili.id()), "the form ticks the survivor");
        assertFalse(form.hasPerson(stalin.id()), "and not the one merged away, which it does not offer");
        assertEquals(rolesBefore.get(unmoved), form.roleOf(dzhugashvili.id()));
    }

    /**
     * A batch writes record after record for up to a second before it commits. A harvester that
     * asked meanwhile saw none of them and was given a later time (the response date), which it
     * harvests from next: every record of the batch, and its revision (the Atom feed's time), gets
     * the batch's end, so that the next harvest lists them all, with their new dc:creator.
     */
    @Test
    void everyRecordABatchMovedHasTheTimeTheBatchEndedAsItsDatestampSoTheNextHarvestListsThem() {
        // A second a reading: a batch that takes its time.
        Clock ticking = new MutableClock("2031-01-01T00:00:00Z", t -> t.plusSeconds(1));
        RecordStore store = new RecordStore(db.dsl(), ticking);
        store.write((records, tx) -> {
            new AuthorityWriter(records, tx, ticking, BATCH).merge(stalin, stalin.version(), dzhugashvili,
                    Attribution.editor("alice", "One man, entered twice"));
            return null;
        });
        assertOneDatestampAsTheirRevisions(links(dzhugashvili).keySet(), "the request's batch");
        java.util.Set<Integer> before = links(dzhugashvili).keySet();
        store.write((records, tx) -> new AuthorityWriter(records, tx, ticking, BATCH).carryOn().records());
        java.util.Set<Integer> carried = new java.util.TreeSet<>(links(dzhugashvili).keySet());
        carried.removeAll(before);
        assertEquals(BATCH, carried.size());
        assertOneDatestampAsTheirRevisions(carried, "a batch carried on");
    }

    private void assertOneDatestampAsTheirRevisions(java.util.Set<Integer> moved, String batch) {
        var stamps = db.dsl().selectDistinct(DOCUMENT.UPDATED_AT).from(DOCUMENT).where(DOCUMENT.ID.in(moved))
                .fetch(DOCUMENT.UPDATED_AT);
        assertEquals(1, stamps.size(), batch + ": one datestamp, the batch's end, not one a record: " + stamps);
        for (int record : moved) {
            var latest = db.dsl().selectFrom(REVISION).where(REVISION.DOCUMENT_ID.eq(record))
                    .orderBy(REVISION.NUMBER.desc()).limit(1).fetchSingle();
            assertEquals(stamps.get(0), latest.getCreatedAt(), batch + ": the revision has the record's time");
        }
    }
}
