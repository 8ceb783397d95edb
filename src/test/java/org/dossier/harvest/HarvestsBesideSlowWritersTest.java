package org.dossier.harvest;

import static org.dossier.db.Tables.DOCUMENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.dossier.app.Database;
import org.dossier.documents.Attribution;
import org.dossier.documents.DocumentDate;
import org.dossier.documents.RecordDraft;
import org.dossier.documents.RecordStore;
import org.dossier.testing.SeededCatalogue;
import org.dossier.testing.Latches;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.w3c.dom.Document;

/**
 * A harvester that asks again from the response date of its last list never misses a record, when
 * the write of that record began before the list and committed after it: a long write on another
 * node, a node whose clock is behind, a write that was committing as the list was read. The app
 * node serves the harvest; a second connection to its database is the other node, whose writes are
 * held open between the two lists. On PostgreSQL (several nodes) and SQLite (one file, the
 * {@code import} command writing beside the server) alike.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HarvestsBesideSlowWritersTest {

    private static final String FROM_THE_START = "verb=ListIdentifiers&metadataPrefix=oai_dc";

    @RegisterExtension
    final SeededCatalogue catalogue = SeededCatalogue.ownedByTheClass();
    private Database otherNode;

    @BeforeAll
    void open() {
        otherNode = Database.open(catalogue.database());
    }

    @AfterAll
    void close() {
        otherNode.close();
    }

    @Test
    void aRecordWrittenOnANodeWhoseClockIsBehindComesInTheHarvestFromTheLastResponseDate() throws Exception {
        int record = catalogue.recordTitled("Apollon Petrov and Zhou Enlai");
        RecordStore behind = otherNode.recordStore(Clock.offset(Clock.systemUTC(), Duration.ofSeconds(-30)));
        CountDownLatch harvested = new CountDownLatch(1);
        CompletableFuture<Integer> write = heldOpen(behind, record, harvested);

        String responseDate = listedBeforeTheCommit(write, harvested);
        assertTrue(harvestedFrom(responseDate).contains(identifier(record)),
                "the record a node 30 s behind wrote is in the harvest from " + responseDate);
    }

    @Test
    void aRecordWhoseWriteBeganBeforeAListAndCommittedSecondsAfterItComesInTheHarvestFromTheLastResponseDate()
            throws Exception {
        int record = catalogue.recordTitled("Malik, 'On the Question of a United Government in Korea'");
        RecordStore slow = otherNode.recordStore(Clock.systemUTC());
        CountDownLatch harvested = new CountDownLatch(1);
        Instant began = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        CompletableFuture<Integer> write = heldOpen(slow, record, harvested);

        // The list is read in a later second than the one the write began (and wrote its record) in.
        untilAfter(began);
        String responseDate = listedBeforeTheCommit(write, harvested);
        assertTrue(harvestedFrom(responseDate).contains(identifier(record)),
                "the record a long write committed after the list is in the harvest from " + responseDate);
    }

    @Test
    void aListReadWhileAWriteCommitsAnswersADateNotAfterThatWritesRecords() throws Exception {
        int record = catalogue.recordTitled("Ciphered Telegram No. 405976 from Shtykov");
        RecordStore committing = otherNode.recordStore(Clock.systemUTC());
        CountDownLatch stamped = new CountDownLatch(1);
        CountDownLatch harvested = new CountDownLatch(1);
        // Asked last before the commit, after the records were stamped: the write holds the feed's head meanwhile.
        Instant[] stamp = new Instant[1];
        committing.checkBeforeCommit(tx -> {
            stamp[0] = tx.select(DOCUMENT.UPDATED_AT).from(DOCUMENT).where(DOCUMENT.ID.eq(record)).fetchSingle(DOCUMENT.UPDATED_AT);
            stamped.countDown();
            Latches.await(harvested, java.time.Duration.ofSeconds(30), "the harvest beside the open write");
        });
        CompletableFuture<Integer> write = CompletableFuture.supplyAsync(() -> committing.write(w -> w.update(record,
                version(record), draft(), Attribution.editor("tester", "committing during a harvest"))));
        began(stamped, write);

        untilAfter(stamp[0]);
        String responseDate = listedBeforeTheCommit(write, harvested);
        assertTrue(!Instant.parse(responseDate).isAfter(stamp[0]),
                "a list read while a write commits answers " + responseDate + ", not after its stamp " + stamp[0]);
        assertTrue(harvestedFrom(responseDate).contains(identifier(record)));
    }

    @Test
    void aListReadWithNoWriteUnderWayAnswersTheTimeNow() throws Exception {
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant answered = Instant.parse(XPaths.value(OaiSchema.harvest(catalogue.http(), FROM_THE_START), "//o:responseDate"));
        Instant after = Instant.now();
        assertTrue(!answered.isBefore(before) && !answered.isAfter(after), before + " <= " + answered + " <= " + after);
    }

    /**
     * On PostgreSQL a list finds whether a writer holds the change feed's head without writing: it
     * tried the head's row FOR SHARE, which wrote its own transaction id into the row (its xmax) at
     * every list, a write a read-only standby refuses and a page dirtied.
     */
    @Test
    void aListsResponseDateLeavesTheChangeFeedsHeadAsItWas() throws Exception {
        assumeTrue(otherNode.dsl().dialect().family() == SQLDialect.POSTGRES, "the head's row versions are PostgreSQL's");
        String before = headLockedBy();
        OaiSchema.harvest(catalogue.http(), FROM_THE_START);
        otherNode.earliestPendingStamp();
        assertEquals(before, headLockedBy(), "no transaction locked the head's row");
    }

    /** The head's row's xmax: the last transaction that updated or locked it. */
    private String headLockedBy() {
        return otherNode.dsl().resultQuery("select xmax::text as locked_by from change_head where id = 1").fetchSingle("locked_by", String.class);
    }

    /** A write of {@code record} on {@code store}, begun, and kept from committing until {@code harvested}. */
    private CompletableFuture<Integer> heldOpen(RecordStore store, int record, CountDownLatch harvested)
            throws Exception {
        CountDownLatch wrote = new CountDownLatch(1);
        int version = version(record);
        CompletableFuture<Integer> write = CompletableFuture.supplyAsync(() -> store.write(w -> {
            int saved = w.update(record, version, draft(), Attribution.editor("tester", "a long write"));
            wrote.countDown();
            Latches.await(harvested, java.time.Duration.ofSeconds(30), "the harvest beside the open write");
            return saved;
        }));
        began(wrote, write);
        return write;
    }

    /** Waits for {@code latch}, or for {@code write} to fail, and says why it did. */
    private static void began(CountDownLatch latch, CompletableFuture<Integer> write) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!latch.await(20, TimeUnit.MILLISECONDS)) {
            if (write.isDone()) {
                write.get();
            }
            assertTrue(System.nanoTime() < deadline, "the write did not begin within 30 s");
        }
    }

    /**
     * Lists every record while {@code write} is held open, then lets it commit and waits for it;
     * returns the list's response date, which a harvester gives as {@code from} next.
     */
    private String listedBeforeTheCommit(CompletableFuture<Integer> write, CountDownLatch harvested) throws Exception {
        Document before = OaiSchema.harvest(catalogue.http(), FROM_THE_START);
        assertTrue(write.getNow(null) == null, "the write had not committed while the list was read");
        harvested.countDown();
        write.get(30, TimeUnit.SECONDS);
        return XPaths.value(before, "//o:responseDate");
    }

    private List<String> harvestedFrom(String from) throws Exception {
        Document after = OaiSchema.harvest(catalogue.http(), FROM_THE_START + "&from=" + from);
        assertEquals(List.of(), XPaths.values(after, "//o:error/@code"));
        return XPaths.values(after, "//o:header/o:identifier");
    }

    private String identifier(int record) {
        return "oai:127.0.0.1:" + record;
    }

    private int version(int record) {
        return otherNode.dsl().select(DOCUMENT.VERSION).from(DOCUMENT).where(DOCUMENT.ID.eq(record)).fetchSingle(DOCUMENT.VERSION);
    }

    private static RecordDraft draft() {
        return new RecordDraft("Report corrected while a harvester asked", List.of("Corrected."), DocumentDate.ofYear(1950));
    }

    /** Waits until the clock is in a later second than {@code instant}'s. */
    private static void untilAfter(Instant instant) throws InterruptedException {
        Instant next = instant.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        while (Instant.now().isBefore(next)) {
            Thread.sleep(20);
        }
    }
}
