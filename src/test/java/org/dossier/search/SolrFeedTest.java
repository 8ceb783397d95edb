package org.dossier.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.common.SolrInputDocument;
import org.dossier.app.Database;
import org.dossier.documents.Attribution;
import org.dossier.documents.ChangeFeed;
import org.dossier.documents.DocumentDate;
import org.dossier.documents.RecordDraft;
import org.dossier.documents.RecordStore;
import org.dossier.testing.Logged;
import org.dossier.testing.TestCatalogue;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestSolrCloud;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.dossier.testing.StartedFirst;

/**
 * The SolrCloud engine follows the database's change feed as the embedded index does: a save is
 * found by the next search, a withdrawal leaves search, a change written while no node was
 * running is applied when one starts (from the position the collection keeps), two nodes on one
 * collection both find what either wrote, an older write never replaces a newer one, and
 * highlighted text is escaped before it is marked.
 */
@StartedFirst(seconds = 20)
class SolrFeedTest {

    private static Path folder;
    private static Database database;
    private static RecordStore store;
    private static SolrAddress collection;
    private static SolrSearchEngine engine;

    @BeforeAll
    static void open() throws Exception {
        TestSolrCloud.startSoon(); // while the catalogue is copied
        folder = Files.createTempDirectory("dossier-solr-feed-");
        database = TestDatabase.seededIn(folder);
        store = new RecordStore(database.dsl(), Clock.systemUTC());
        collection = TestSolrCloud.freshCollection(2);
        engine = SolrSearchEngine.open(collection, database.dsl());
        store.onChange(ids -> engine.changed(ids));
    }

    @AfterAll
    static void close() {
        if (engine != null) {
            engine.close();
        }
        database.close();
        TestCatalogue.deleteRecursively(folder);
    }

    private static int create(String title, String summary) {
        return store.write(w -> w.create(new RecordDraft(title, List.of(summary), DocumentDate.ofDay(1961, 8, 13)),
                Attribution.editor("tester", "a record for a Solr test")));
    }

    private static List<Integer> found(SearchEngine engine, String words) {
        return engine.search(SearchRequest.of(words)).hits().stream().map(SearchHit::id).toList();
    }

    /**
     * What readiness tells a node catching up from a stuck one by: the follower's steps, which grow
     * as it writes records into the collection, before the batch is committed and searchable, and
     * not while it finds nothing new.
     */
    @Test
    void theFollowerTakesStepsForWhatItWritesAndNoneWhenThereIsNothingNew() throws Exception {
        long before = engine.status().steps();
        create("Steps of the follower", "Written into the collection.");
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (engine.status().lag() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(0, engine.status().lag(), "the follower applied the new record");
        long after = engine.status().steps();
        // A record written, then its batch made searchable: two steps.
        assertEquals(before + 2, after);
        engine.follower().catchUp();
        assertEquals(after, engine.status().steps(), "nothing new, no step");
    }

    /**
     * A collection deleted while nodes serve (an operator's slip, a cluster rebuilt) is Solr being
     * away, not a request Solr refuses: searches are unavailable (a 503 page), not a 500 logged at
     * every request (the client says "Collection not found" with a 400, which was taken for a bad
     * request), and the reader is not told where the collection lives. The follower says so in one
     * line, with no stack trace; related records and suggestions are left off without a line each.
     * Made again (empty), the collection is filled from the database by the running node, with what
     * was saved meanwhile, each record once: it stayed empty, with the node ready, until a restart.
     */
    @Test
    void aCollectionDeletedAndMadeAgainIsUnavailableThenFilledAgainWithoutARestart() throws Exception {
        SolrAddress lost = TestSolrCloud.freshCollection(1);
        ch.qos.logback.classic.Logger log = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(SolrSearchEngine.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged = new ch.qos.logback.core.read.ListAppender<>();
        try (SolrSearchEngine node = SolrSearchEngine.open(lost, database.dsl());
             CloudSolrClient admin = SolrClients.of(lost)) {
            long searchable = node.size();
            logged.start();
            log.addAppender(logged);
            log.setLevel(ch.qos.logback.classic.Level.INFO); // the tests run with dossier.log.level=WARN
            deleteWithItsCollection(admin, lost);
            SearchUnavailableException away = assertThrows(SearchUnavailableException.class,
                    () -> node.search(SearchRequest.of("korea")));
            assertFalse(away.getMessage().contains(lost.ensemble().toString()), away.getMessage());
            assertThrows(SearchUnavailableException.class, () -> node.search(SearchRequest.everything(10)));
            assertThrows(SearchUnavailableException.class, () -> node.hitIds(SearchRequest.everything(10).withoutPaging()));
            assertTrue(awaitOpen(node, false), "not open while the collection is gone: " + node.status());
            assertTrue(node.status().detail().contains("does not answer"), node.status().detail());
            int savedMeanwhile = create("Minute on the zorbleford crossing", "Saved while the collection was gone.");
            for (int i = 0; i < 3; i++) {
                assertEquals(List.of(), node.related(1, 5));
                assertEquals(List.of(), node.suggest("kor", Suggestions.MAX));
            }
            List<String> outage = lines(logged, lost);
            assertEquals(1, outage.size(), outage.toString());
            assertTrue(outage.get(0).startsWith("WARN The Solr collection " + lost + " could not apply the changes after "),
                    outage.get(0));
            assertTrue(outage.get(0).contains("Solr cannot be reached"), outage.get(0));
            assertTrue(Logged.events(logged).stream().filter(e -> e.getFormattedMessage().contains(lost.toString()))
                    .allMatch(e -> e.getThrowableProxy() == null), "no stack trace for an outage");
            // Lines of this node's: about its collection, or said on this thread (which asked for the
            // related records and suggestions); other classes' nodes log beside it in this JVM.
            String asker = Thread.currentThread().getName();
            assertEquals(1, Logged.events(logged).stream().filter(e -> e.getThreadName().equals(asker)
                    || e.getFormattedMessage().contains(lost.toString())).count(),
                    "and no line for each related record or suggestion: " + lines(logged, null));

            SolrSetup.create(lost, 1, 1);
            assertTrue(awaitOpen(node, true), "open again by itself: " + node.status());
            assertEquals(searchable + 1, node.size(), "every searchable record, once");
            assertEquals(List.of(savedMeanwhile), found(node, "zorbleford"));
            assertEquals(engine.count(SearchRequest.of("korea")), node.count(SearchRequest.of("korea")));
            assertTrue(lines(logged, lost).stream().anyMatch(line -> line.startsWith("INFO The Solr collection " + lost
                    + ": Solr answers again")), lines(logged, lost).toString());
        } finally {
            log.detachAppender(logged);
            log.setLevel(null);
        }
    }

    /** Deletes the alias at {@code address} and the collection it names, as an operator would (or a plain collection). */
    static void deleteWithItsCollection(CloudSolrClient admin, SolrAddress address) throws Exception {
        String live = SolrAlias.liveNow(admin, address.collection());
        if (!live.equals(address.collection())) {
            CollectionAdminRequest.deleteAlias(address.collection()).process(admin);
        }
        CollectionAdminRequest.deleteCollection(live).process(admin);
    }

    /** The lines logged about {@code collection} (every line for null), as "LEVEL message". */
    private static List<String> lines(ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged,
                                      SolrAddress collection) {
        return Logged.events(logged).stream().map(e -> e.getLevel() + " " + e.getFormattedMessage())
                .filter(line -> collection == null || line.contains(collection.toString())).toList();
    }

    /**
     * A reindex while nodes serve writes every record over the collection's: a search meanwhile
     * finds the whole catalogue, not an emptied collection filling up. What the database no longer
     * holds as searchable (a record withdrawn while no node followed the feed) is gone after it.
     */
    @Test
    void aReindexWhileServingNeverShowsReadersAnEmptiedCollection() throws Exception {
        Path generatedFolder = Files.createTempDirectory("dossier-solr-refill-");
        try (Database generated = TestDatabase.generatedIn(generatedFolder)) {
            SolrAddress address = TestSolrCloud.freshCollection(2);
            SolrFill.rebuild(address, generated.dsl(), (done, total) -> { });
            int withdrawnUnseen = generated.dsl().select(org.dossier.db.Tables.DOCUMENT.ID).from(org.dossier.db.Tables.DOCUMENT)
                    .orderBy(org.dossier.db.Tables.DOCUMENT.ID).limit(1).fetchSingle(org.dossier.db.Tables.DOCUMENT.ID);
            new RecordStore(generated.dsl(), Clock.systemUTC()).write(w -> w.withdraw(withdrawnUnseen, 1, "a test",
                    Attribution.editor("tester", "withdrawn while no node ran")));
            try (CloudSolrClient reader = SolrClients.of(address)) {
                List<Long> seenMeanwhile = new java.util.ArrayList<>();
                SolrFill.rebuild(address, generated.dsl(), (done, total) -> {
                    try {
                        seenMeanwhile.add(reader.query(new org.apache.solr.common.params.ModifiableSolrParams()
                                .set("q", "*:*").set("fq", "live:true").set("rows", 0)).getResults().getNumFound());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                assertFalse(seenMeanwhile.isEmpty(), "the fill reported progress");
                assertEquals(List.of(2_500L), seenMeanwhile.stream().distinct().toList(),
                        "what readers found while the collection was filled again");
                assertEquals(null, reader.getById(Integer.toString(withdrawnUnseen)), "the withdrawn record is gone");
                assertEquals(2_499, reader.query(new org.apache.solr.common.params.ModifiableSolrParams()
                        .set("q", "*:*").set("fq", "live:true").set("rows", 0)).getResults().getNumFound());
            }
        } finally {
            TestCatalogue.deleteRecursively(generatedFolder);
        }
    }

    /**
     * A collection filled from another database (here the seed catalogue's, then a generated one's)
     * is filled again in a new collection beside it, and the alias moved once that one is whole:
     * readers find the old catalogue until then, and the new one after. It was emptied first, in
     * place (the other database's versions would outrank the new records), and readers of every
     * node found an empty, then partial, catalogue until the fill ended. The old collection is deleted.
     */
    @Test
    void aRefillFromAnotherDatabaseShowsReadersTheOldCatalogueUntilTheNewOneIsWhole() throws Exception {
        Path generatedFolder = Files.createTempDirectory("dossier-solr-other-db-");
        try (Database generated = TestDatabase.generatedIn(generatedFolder)) {
            SolrAddress address = TestSolrCloud.freshCollection(2);
            long seeds = SolrFill.rebuild(address, database.dsl(), (done, total) -> { });
            try (CloudSolrClient reader = SolrClients.of(address)) {
                String before = SolrAlias.liveNow(reader, address.collection());
                assertEquals(seeds, HeldFill.searchable(reader));
                List<Long> seenMeanwhile = new java.util.ArrayList<>();
                SolrFill.rebuild(address, generated.dsl(), (done, total) -> {
                    try {
                        seenMeanwhile.add(HeldFill.searchable(reader));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                assertEquals(List.of(seeds), seenMeanwhile.stream().distinct().toList(),
                        "what readers found while the new collection was filled");
                assertEquals(2_500, HeldFill.searchable(reader), "the new catalogue once the alias moved");
                String after = SolrAlias.liveNow(reader, address.collection());
                assertFalse(after.equals(before), "a new collection: " + after);
                assertFalse(CollectionAdminRequest.listCollections(reader).contains(before), "the old one deleted");
            }
        } finally {
            TestCatalogue.deleteRecursively(generatedFolder);
        }
    }

    /**
     * A collection made by an older Dossier is a plain collection named as --search names it, not
     * an alias: a node serves it as it is, and its first fill moves it behind an alias of that name
     * (the plain collection deleted), after which saves are followed and found as before.
     */
    @Test
    void aPlainCollectionOfAnOlderDossierIsMovedBehindAnAliasOfItsNameByItsFirstFill() throws Exception {
        SolrAddress plain = TestSolrCloud.freshCollection(1).ensemble().collection("plain_" + ProcessHandle.current().pid());
        try (CloudSolrClient admin = SolrClients.of(plain)) {
            Path zip = SolrSetup.configsetZip();
            try {
                new org.apache.solr.client.solrj.request.ConfigSetAdminRequest.Upload().setConfigSetName(plain.collection())
                        .setUploadFile(zip, "application/zip").setOverwrite(true).process(admin);
            } finally {
                Files.deleteIfExists(zip);
            }
            CollectionAdminRequest.createCollection(plain.collection(), plain.collection(), 2, 1).process(admin);
            SolrAlias.awaitActive(admin, plain.collection(), 2);
            assertEquals(plain.collection(), SolrAlias.liveNow(admin, plain.collection()), "a plain collection, no alias");
            try (SolrSearchEngine node = SolrSearchEngine.open(plain, database.dsl())) {
                String live = SolrAlias.liveNow(admin, plain.collection());
                assertTrue(SolrAlias.isCollectionOf(plain.collection(), live) && !live.equals(plain.collection()),
                        "behind an alias now: " + live);
                assertFalse(CollectionAdminRequest.listCollections(admin).contains(plain.collection()),
                        "the plain collection deleted");
                assertEquals(engine.count(SearchRequest.of("korea")), node.count(SearchRequest.of("korea")));
                int id = create("Despatch on the plumbrook matter", "Saved after the move.");
                assertEquals(List.of(id), found(node, "plumbrook"));
            }
        }
    }

    /**
     * Two fills of one empty collection at once (two nodes started together, or a node started
     * while a {@code reindex} runs): the first to take the collection's fill lock fills it, the
     * other waits, then follows the feed from where the first left the collection. The first is
     * held here with every record written in its collection and the alias not yet moved to it: when
     * fills wrote in place, the other found records of no known origin there, emptied the collection
     * and filled it again, and readers of the first found nothing meanwhile.
     */
    @Test
    void twoFillsOfAnEmptyCollectionAtOnceFillItOnceAndNeverEmptyIt() throws Exception {
        Path generatedFolder = Files.createTempDirectory("dossier-solr-two-fills-");
        Logger locks = (Logger) LoggerFactory.getLogger(SolrFillLock.class);
        Logger engines = (Logger) LoggerFactory.getLogger(SolrSearchEngine.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        locks.addAppender(logged);
        engines.addAppender(logged);
        // The tests run with dossier.log.level=WARN; what is said here is INFO.
        locks.setLevel(ch.qos.logback.classic.Level.INFO);
        engines.setLevel(ch.qos.logback.classic.Level.INFO);
        try (Database generated = TestDatabase.generatedIn(generatedFolder)) {
            SolrAddress address = TestSolrCloud.freshCollection(2);
            try (HeldFill first = HeldFill.start(address, generated.dsl(), 2_500)) {
                CompletableFuture<SolrSearchEngine> second = CompletableFuture.supplyAsync(() -> {
                    try {
                        return SolrSearchEngine.open(address, generated.dsl());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                try (CloudSolrClient reader = SolrClients.of(address)) {
                    // Until the second waits for the first (said in the log), or has done without waiting.
                    for (int i = 0; i < 1_200 && !second.isDone() && said(logged, "waiting for it to finish").isEmpty(); i++) {
                        Thread.sleep(100);
                    }
                    assertEquals(1, said(logged, "is being filled by process " + ProcessHandle.current().pid()).size(),
                            "the second waited for the first fill: " + said(logged, ""));
                    // The first fills a collection of its own: readers find the one it replaces (empty) until that is whole.
                    assertEquals(0, HeldFill.searchable(reader), "readers find the collection as it was while the second waits");
                    first.letGo();
                    assertEquals(2_500, first.result.get(2, TimeUnit.MINUTES));
                    try (SolrSearchEngine node = second.get(2, TimeUnit.MINUTES)) {
                        assertEquals(ChangeFeed.head(generated.dsl()).last(), node.appliedChange());
                        assertEquals(2_500, node.size());
                    }
                    assertEquals(1, said(logged, "was filled by another node meanwhile").size(),
                            "the second did not fill it again: " + said(logged, ""));
                    assertEquals(2_500, HeldFill.searchable(reader));
                }
            }
        } finally {
            locks.detachAppender(logged);
            engines.detachAppender(logged);
            locks.setLevel(null);
            engines.setLevel(null);
            TestCatalogue.deleteRecursively(generatedFolder);
        }
    }

    private static List<String> said(ListAppender<ILoggingEvent> logged, String words) {
        return Logged.events(logged).stream().map(ILoggingEvent::getFormattedMessage).filter(line -> line.contains(words)).toList();
    }

    /**
     * A node far behind the feed (an import written elsewhere, being followed) answers a search at
     * once from what the collection holds and says how many changes it lacks, as the embedded
     * engine does; it waited until it had sent Solr all of them.
     */
    @Test
    void aSearchFarBehindTheFeedAnswersAtOnceSayingHowManyChangesItLacks() throws Exception {
        Path behindFolder = Files.createTempDirectory("dossier-solr-behind-");
        // The seeds' catalogue, imported elsewhere.
        try (Database behind = TestDatabase.seededIn(behindFolder)) {
            try (SolrSearchEngine node = SolrSearchEngine.open(TestSolrCloud.freshCollection(1), behind.dsl())) {
                // Not the node's first (slow) search under test: the follower would catch up meanwhile.
                node.search(SearchRequest.of("telegram"));
                List<Integer> seeds = behind.dsl().select(org.dossier.db.Tables.DOCUMENT.ID)
                        .from(org.dossier.db.Tables.DOCUMENT).fetch(org.dossier.db.Tables.DOCUMENT.ID);
                // Far behind: more than FeedProgress.NO_WAIT_PAST (2,000) changes, past which a search
                // does not wait. 6,000, not 20,000: the follower would have to apply four batches of
                // 1,000 between the write and the search for it to find 2,000 or fewer (it had applied
                // none when the search began with 20,000, in 220 ms at a load of 22), and it catches up
                // in 7 batches rather than 21 (5 s of this test at that load).
                List<Integer> rewritten = new java.util.ArrayList<>();
                for (int i = 0; i < 6_000; i++) {
                    rewritten.add(seeds.get(i % seeds.size()));
                }
                behind.dsl().transaction(tx -> ChangeFeed.append(tx.dsl(), rewritten, java.time.Instant.now()));
                new RecordStore(behind.dsl(), Clock.systemUTC()).write(w -> w.create(
                        new RecordDraft("Circular on the okapi question", List.of("The okapi."), DocumentDate.ofYear(1960)),
                        Attribution.editor("tester", "import")));

                SearchResults lacking = node.search(SearchRequest.of("okapi"));
                assertTrue(lacking.changesPending() > 0, "what the search lacks: " + lacking.changesPending());
                assertEquals(0, lacking.total(), "the new record is not in yet");
                SearchResults found = lacking;
                for (int i = 0; i < 600 && found.changesPending() > 0; i++) {
                    Thread.sleep(100);
                    found = node.search(SearchRequest.of("okapi"));
                }
                assertEquals(0, found.changesPending());
                assertEquals(1, found.total(), "caught up, the search finds the new record");
            }
        } finally {
            TestCatalogue.deleteRecursively(behindFolder);
        }
    }

    /** Waits, at most a minute, until the engine's status says {@code open}; whether it did. */
    static boolean awaitOpen(SearchEngine engine, boolean open) throws InterruptedException {
        for (int i = 0; i < 6_000 && engine.status().open() != open; i++) {
            Thread.sleep(10);
        }
        return engine.status().open() == open;
    }

    @Test
    void aSaveIsFoundByTheNextSearchAndAWithdrawalLeavesSearch() {
        int id = create("Memorandum on the quuxberry question", "Nothing else.");
        assertEquals(List.of(id), found(engine, "quuxberry"));
        store.write(w -> w.withdraw(id, 1, "a duplicate", Attribution.editor("tester", "withdrawn for a test")));
        assertEquals(List.of(), found(engine, "quuxberry"));
        assertEquals(0, engine.hitIds(SearchRequest.of("quuxberry").withoutPaging()).length);
    }

    @Test
    void aChangeWrittenWhileNoNodeRanIsAppliedWhenOneStarts() throws Exception {
        SolrSearchEngine stopped = SolrSearchEngine.open(collection, database.dsl());
        stopped.close();
        // Written with no engine told: as if every node were down, or had crashed before applying it.
        RecordStore alone = new RecordStore(database.dsl(), Clock.systemUTC());
        int id = alone.write(w -> w.create(new RecordDraft("Letter about the wobbleton affair", List.of("Text."),
                DocumentDate.ofDay(1962, 1, 2)), Attribution.editor("tester", "written while stopped")));
        try (SolrSearchEngine restarted = SolrSearchEngine.open(collection, database.dsl())) {
            assertEquals(ChangeFeed.head(database.dsl()).last(), restarted.appliedChange());
            assertEquals(List.of(id), found(restarted, "wobbleton"));
        }
    }

    /**
     * A node's close lets the follower's round in hand finish, then closes its clients even while the
     * round goes on: a round stuck asking ZooKeeper (stopped for good) held the engine's lock, and the
     * close, waiting for that lock, waited out the round's retries of ZooKeeper, about 45 s
     * (SolrOutageTest). The round is played here by a thread that holds the lock as a round does, until
     * the close has returned.
     */
    @Test
    void aCloseDoesNotWaitForARoundStuckAskingSolr() throws Exception {
        SolrSearchEngine closing = SolrSearchEngine.open(collection, database.dsl());
        // The stuck round takes the lock as the follower's round that brings the node to a new record
        // lets it go: a round the follower began after the stuck one took the lock would wait for it,
        // and the close would wait the ten seconds the follower's stop gives a round (10.2 s on CI's
        // PostgreSQL half). The follower's next round is then a poll (200 ms) away.
        create("Minute on the trundlewick lock", "Applied before the round is stuck.");
        long written = ChangeFeed.head(database.dsl()).last();
        java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
        Thread round = new Thread(() -> {
            // The follower's round moves the node's position last of all, still holding the lock.
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            while (closing.appliedChange() < written && System.nanoTime() < deadline) {
                java.util.concurrent.locks.LockSupport.parkNanos(100_000);
            }
            synchronized (closing.follower()) {
                held.countDown();
                try {
                    closed.await(2, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "a round stuck asking Solr");
        round.start();
        try {
            held.await();
            CompletableFuture<Void> close = CompletableFuture.runAsync(closing::close);
            // A minute: the follower's stop waits ten seconds for it; the stuck round would hold the close for two.
            close.get(1, TimeUnit.MINUTES);
            assertTrue(round.isAlive(), "the round was still going when the close returned");
        } finally {
            closed.countDown();
            round.join();
        }
    }

    /**
     * A node opening on SolrCloud says in its log what it does, as one opening a Lucene index does
     * ({@code IndexOpeningLogTest}): connecting, the collection checked, a fill and why, the changes
     * made while no node followed it, and when it is open with the time taken. It said nothing from
     * its start until its first search.
     */
    @Test
    void aNodeOpeningOnSolrSaysWhatItDoesAndWhenItIsOpenWithTheTimeTaken() throws Exception {
        SolrAddress fresh = TestSolrCloud.freshCollection(1);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        Logger log = (Logger) LoggerFactory.getLogger(SolrSearchEngine.class);
        logged.start();
        log.addAppender(logged);
        log.setLevel(ch.qos.logback.classic.Level.INFO); // the tests run with dossier.log.level=WARN
        try {
            SolrSearchEngine.open(fresh, database.dsl()).close();
            // (Other tests write meanwhile: changes made while it filled may be applied too, and said.)
            List<String> first = lines(logged, fresh).stream().filter(line -> !line.contains(" applies the ")).toList();
            assertEquals(List.of("INFO Opening the Solr collection " + fresh + ": connecting",
                    "INFO The Solr collection " + fresh + " has this build's configset: checking it against the database",
                    "INFO Filling the Solr collection " + fresh + " from the database: the collection holds no catalogue yet",
                    "INFO Filled the Solr collection " + fresh + " with ",
                    "INFO The Solr collection " + fresh + " is open after "), first.stream()
                    .map(line -> line.replaceAll("( with | open after ).*", "$1")).toList());
            assertTrue(first.get(3).matches(".* with \\d+ records in \\d+ ms"), first.get(3));
            assertTrue(first.get(4).matches(".* is open after \\d+ ms, up to change \\d+"), first.get(4));

            Logged.clear(logged);
            // Written with no engine told, as if every node were down.
            new RecordStore(database.dsl(), Clock.systemUTC()).write(w -> w.create(new RecordDraft(
                    "Note on the quillimore lease", List.of("Text."), DocumentDate.ofDay(1963, 3, 4)),
                    Attribution.editor("tester", "written while no node followed")));
            try (SolrSearchEngine again = SolrSearchEngine.open(fresh, database.dsl())) {
                assertEquals(List.of("INFO Opening the Solr collection " + fresh + ": connecting",
                        "INFO The Solr collection " + fresh + " has this build's configset: checking it against the database",
                        "INFO The Solr collection " + fresh + " applies the N changes made since it was last followed",
                        "INFO The Solr collection " + fresh + " is open after "), lines(logged, fresh).stream()
                        .map(line -> line.replaceAll(" open after .*", " open after ")
                                .replaceAll(" applies the \\d+ changes", " applies the N changes")).toList());
            }
        } finally {
            log.detachAppender(logged);
            log.setLevel(null);
        }
    }

    @Test
    void twoNodesOnOneCollectionBothFindWhatEitherWrote() throws Exception {
        try (SolrSearchEngine other = SolrSearchEngine.open(collection, database.dsl())) {
            // Only the first node hears of the save; the other learns of it from the feed.
            int id = create("Report on the frobnitz talks", "Talks.");
            assertEquals(List.of(id), found(other, "frobnitz"));
            assertEquals(List.of(id), found(engine, "frobnitz"));
        }
    }

    @Test
    void anOlderWriteNeverReplacesANewerOne() throws Exception {
        int id = create("Cable on the glimmerdown matter", "Cable.");
        assertEquals(List.of(id), found(engine, "glimmerdown"));
        try (CloudSolrClient client = SolrClients.of(collection)) {
            // A slow node writing what it read at change 0: the collection keeps the newer record.
            SolrInputDocument stale = SolrDocuments.of(new IndexedRecord(id, "Cable on something else",
                    "Cable.", java.time.LocalDate.of(1961, 1, 1), java.time.LocalDate.of(1961, 1, 1), null,
                    List.of(), List.of(), "cable on something else"), 0);
            client.add(stale);
            client.commit();
        }
        assertEquals(List.of(id), found(engine, "glimmerdown"));
    }

    @Test
    void highlightedTextIsEscapedBeforeItIsMarked() {
        int id = create("Note on <b>snorkelwise</b> & \"others\"", "A <script>alert(1)</script> snorkelwise summary.");
        SearchHit hit = engine.search(SearchRequest.of("snorkelwise")).hits().get(0);
        assertEquals(id, hit.id());
        String title = hit.title().html();
        assertTrue(title.contains("&lt;b&gt;<mark>snorkelwise</mark>&lt;"), title);
        assertFalse(title.contains("<b>"), title);
        assertTrue(hit.snippet().html().contains("&lt;script&gt;"), hit.snippet().html());
        assertFalse(hit.snippet().html().contains("<script>"), hit.snippet().html());
    }

    @Test
    void relatedRecordsShareAPersonOrPlaceOrTwoWordsWithTheRecord() throws Exception {
        int record = 1;
        IndexSource source = new IndexSource(database.dsl());
        IndexedRecord seen = source.load(List.of(record)).get(record);
        List<Integer> related = engine.related(record, 5);
        assertFalse(related.isEmpty());
        assertFalse(related.contains(record));
        for (int other : related) {
            IndexedRecord candidate = source.load(List.of(other)).get(other);
            java.util.Set<String> words = stems(candidate);
            words.retainAll(stems(seen));
            assertTrue(candidate.people().stream().anyMatch(seen.people()::contains)
                    || candidate.places().stream().anyMatch(seen.places()::contains) || words.size() >= 2,
                    other + " shares nothing with " + record);
        }
    }

    private static java.util.Set<String> stems(IndexedRecord record) throws java.io.IOException {
        java.util.Set<String> stems = new java.util.HashSet<>();
        try (var stream = new CatalogueAnalyzer().tokenStream(IndexLayout.STEM, record.title() + "\n\n" + record.summary())) {
            var term = stream.addAttribute(org.apache.lucene.analysis.tokenattributes.CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                stems.add(term.toString());
            }
            stream.end();
        }
        return stems;
    }
}
