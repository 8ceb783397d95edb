package org.dossier.ops;

import static org.dossier.db.Tables.CHANGE;
import static org.dossier.db.Tables.CHANGE_HEAD;
import static org.dossier.db.Tables.DOCUMENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.dossier.app.Database;
import org.dossier.app.WriteWait;
import org.dossier.documents.Attribution;
import org.dossier.documents.ChangeFeed;
import org.dossier.documents.RecordStore;
import org.dossier.editing.MutableClock;
import org.dossier.search.IndexStatus;
import org.dossier.search.LuceneSearchEngine;
import org.dossier.search.OpeningPhase;
import org.dossier.search.OpeningSearchEngine;
import org.dossier.search.SearchRequest;
import org.dossier.search.SearchUnavailableException;
import org.dossier.testing.SameOnEveryDatabase;
import org.dossier.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /health and /ready on a real catalogue, and readiness while the index opens or lags. */
class HealthTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static OperatedCatalogue catalogue;

    @BeforeAll
    static void start() {
        // No lag allowed: one change written behind the server's back makes it not ready. No shutdown
        // grace, here and in the nodes of the tests below but the one that watches a node stop: with
        // one, a node's close waits a second (Jetty's shutdown idle timeout) for the idle keep-alive
        // connections of the test's client (TestCatalogue.STOPS_AT_ONCE).
        catalogue = OperatedCatalogue.seededCopy(new OperationsSettings(null, null, 0, Duration.ZERO));
    }

    @AfterAll
    static void stop() {
        catalogue.close();
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        return JSON.readTree(response.body());
    }

    // Same on every database: /health reads no database: it says the process is alive.
    @SameOnEveryDatabase
    @Test
    void healthSaysAliveWithTheVersionAndBuildAndSetsNoCookie() throws Exception {
        HttpResponse<String> health = catalogue.http().get(Health.LIVENESS);
        assertEquals(200, health.statusCode());
        JsonNode body = json(health);
        assertEquals("alive", body.get("status").asText());
        assertEquals(BuildInfo.current().version(), body.get("version").asText());
        assertFalse(body.get("version").asText().contains("${"), "the version is filled in at build time");
        assertFalse(body.get("build").asText().isBlank());
        assertTrue(health.headers().firstValue("Set-Cookie").isEmpty());
        assertEquals("no-store", health.headers().firstValue("Cache-Control").orElse(""));
    }

    @Test
    void readyListsEveryCheckAndTurns503WhileTheIndexLagsThenCatchesUp() throws Exception {
        HttpResponse<String> ready = catalogue.http().get(Health.READINESS);
        assertEquals(200, ready.statusCode(), ready.body());
        JsonNode checks = json(ready).get("checks");
        assertTrue(checks.get("database").get("ok").asBoolean());
        assertEquals(0, checks.get("migrations").get("details").get("pending").asInt());
        assertEquals(0, checks.get("index").get("details").get("lag").asInt());
        assertTrue(checks.get("index").get("details").get("generation").asLong() >= 1);
        assertFalse(json(ready).has("phase"), "a ready node's answer is as it was: " + ready.body());

        // Another process (an import, another node) writes a record: this node's index is behind. The
        // node applies others' writes at its next poll (every 200 ms), which on a busy machine may come
        // before /ready is asked; then another record is written, until /ready is asked in between.
        HttpResponse<String> behind = null;
        try (Database other = Database.open(catalogue.database())) {
            RecordStore store = new RecordStore(other.dsl(), Clock.systemUTC());
            for (int id = 1; id <= 5 && (behind == null || behind.statusCode() == 200); id++) {
                int record = id;
                int version = other.dsl().select(DOCUMENT.VERSION).from(DOCUMENT).where(DOCUMENT.ID.eq(record))
                        .fetchSingle(DOCUMENT.VERSION);
                store.write(w -> w.withdraw(record, version, "A duplicate", new Attribution("alice", "duplicate", null)));
                behind = catalogue.http().get(Health.READINESS);
            }
        }
        assertEquals(503, behind.statusCode(), behind.body());
        JsonNode body = json(behind);
        assertEquals("not ready", body.get("status").asText());
        assertFalse(body.get("checks").get("index").get("ok").asBoolean());
        assertEquals(1, body.get("checks").get("index").get("details").get("lag").asInt());
        assertEquals("Catching up with the change feed: 1 change behind", body.get("phase").asText());

        // A node taken out of rotation gets no searches; asking it whether it is ready catches it up.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        int status;
        do {
            Thread.sleep(100);
            status = catalogue.http().get(Health.READINESS).statusCode();
        } while (status != 200 && System.nanoTime() < deadline);
        assertEquals(200, status);
    }

    @Test
    void whileTheIndexOpensSearchesAre503AndReadinessSaysWhy() throws Exception {
        try (TestDatabase db = TestDatabase.withAuthorities()) {
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch rebuilding = new CountDownLatch(1);
            OpeningPhase phase = new OpeningPhase(OpeningSearchEngine.OPENING);
            OpeningSearchEngine opening = OpeningSearchEngine.later(phase, closing -> {
                // Held where a rebuild at a million records spends a minute.
                phase.now("Rebuilding the search index (there is no index yet): 412,000 of 1,000,000 records");
                rebuilding.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return LuceneSearchEngine.open(db.folder().resolve("dossier.index"), db.dsl(), 0, phase);
            });
            assertEquals(OpeningSearchEngine.OPENING, opening.status().phase(), "not begun yet");
            opening.begin();
            rebuilding.await();
            try (Database database = Database.open(db.address())) {
                Readiness readiness = new Readiness(database, opening, 0, new WarmUp(0, Duration.ofSeconds(60)),
                        new FirstImport(), Clock.systemUTC());
                Readiness.Report report = readiness.check();
                assertFalse(report.ready());
                assertTrue(report.checks().get("database").ok());
                assertTrue(report.checks().get("migrations").ok());
                assertEquals("the search index is being checked or rebuilt",
                        report.checks().get("index").details().get("detail"));
                assertEquals("Rebuilding the search index (there is no index yet): 412,000 of 1,000,000 records",
                        report.phase());
                assertThrows(SearchUnavailableException.class, () -> opening.search(SearchRequest.everything(10)));

                release.countDown();
                opening.awaitOpen();
                assertTrue(readiness.check().ready());
                assertEquals("", readiness.check().phase());
                IndexStatus status = opening.status();
                assertTrue(status.open());
                assertEquals(0, status.lag());
                readiness.close();
            } finally {
                opening.close();
            }
            assertFalse(opening.status().open(), "closed, it says so");
        }
    }

    /**
     * A node that is not ready yet says what it is doing, on a real server: an operator watching a
     * start of a minute or more, or a balancer's log, saw only "not ready". Held in its warm-up
     * (more requests than it asks within its limit), it answers 503 naming the warm-up and how far
     * it is, each earlier answer of the start named what it was doing then, and nothing else changed.
     */
    // Same on every database: the warm-up's phase and its headers are the node's own; the database's and the
    // index's checks are read on both by the tests beside it.
    @SameOnEveryDatabase
    @Test
    void aNodeWarmingUpAnswers503NamingItsPhaseAndHowFarItIs() throws Exception {
        try (OperatedCatalogue warming = OperatedCatalogue.seededCopy(new OperationsSettings(null, null,
                OperationsSettings.DEFAULT_MAX_INDEX_LAG, Duration.ZERO, 1_000_000, Duration.ofMinutes(5)))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            HttpResponse<String> ready;
            JsonNode body;
            do {
                ready = warming.http().get(Health.READINESS);
                assertEquals(503, ready.statusCode(), ready.body());
                body = json(ready);
                assertEquals("not ready", body.get("status").asText());
                String phase = body.get("phase").asText();
                assertTrue(phase.startsWith("Opening the search index") || phase.startsWith("Applying the changes")
                        || phase.startsWith("Warming up: "), ready.body());
                assertTrue(System.nanoTime() < deadline, ready.body());
                Thread.sleep(50);
            } while (!body.get("phase").asText().startsWith("Warming up: "));
            assertTrue(body.get("phase").asText().matches("Warming up: [0-9,]+ of 1,000,000 requests"), ready.body());
            assertTrue(body.get("checks").get("index").get("ok").asBoolean(), ready.body());
            assertFalse(body.get("checks").get("warmUp").get("ok").asBoolean(), ready.body());
            assertEquals("no-store", ready.headers().firstValue("Cache-Control").orElse(""));
            assertEquals(String.valueOf(Health.RETRY_AFTER_SECONDS), ready.headers().firstValue("Retry-After").orElse(""),
                    ready.headers().map().toString());
        }
    }

    /**
     * Every 503 says when to ask again: /ready's did not, on either port, while every page's did (a
     * first start's import, a search while the index opens or past the node's bound, a database busy,
     * read-only, away or upgraded: FirstStartTest, SuggestBrowserTest, SearchesPastTheBoundTest,
     * WritesBesideAnImportTest, DatabaseOutageTest, RollingUpgradeTest, SolrOutageTest). Walked here
     * on one node: not ready while it warms up, on the public port and in full on the metrics port,
     * then stopping; and a 200 says nothing of when to come back.
     */
    // Same on every database: the headers of /ready while a node warms up and stops are the node's own; the
    // database's check is read on both by the tests beside it.
    @SameOnEveryDatabase
    @Test
    void every503OfReadySaysWhenToAskAgainOnBothPortsWhileStartingAndWhileStopping() throws Exception {
        OperationsSettings warmingWithMetrics = new OperationsSettings(0, "127.0.0.1",
                OperationsSettings.DEFAULT_MAX_INDEX_LAG, Duration.ofSeconds(2), 1_000_000, Duration.ofMinutes(5),
                Duration.ofSeconds(3));
        java.util.concurrent.ExecutorService stopping = java.util.concurrent.Executors.newSingleThreadExecutor();
        OperatedCatalogue node = OperatedCatalogue.seededCopy(warmingWithMetrics);
        java.util.concurrent.Future<?> stopped = null;
        try {
            List<HttpResponse<String>> answers = new ArrayList<>();
            answers.add(node.http().get(Health.READINESS));
            answers.add(node.operatorsPort().get(Health.READINESS));
            stopped = stopping.submit(node::close);
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            HttpResponse<String> stoppingAnswer;
            while (!(stoppingAnswer = node.http().get(Health.READINESS)).body().contains("\"status\":\"stopping\"")) {
                assertTrue(System.nanoTime() < until, "never said it was stopping: " + stoppingAnswer.body());
                Thread.sleep(20);
            }
            answers.add(stoppingAnswer);
            answers.add(node.operatorsPort().get(Health.READINESS));
            for (HttpResponse<String> answer : answers) {
                assertEquals(503, answer.statusCode(), answer.uri() + ": " + answer.body());
                assertEquals(String.valueOf(Health.RETRY_AFTER_SECONDS), answer.headers().firstValue("Retry-After")
                        .orElse("none"), answer.uri() + ": " + answer.headers().map());
            }
            stopped.get(60, TimeUnit.SECONDS);
        } finally {
            if (stopped == null) {
                node.close();
            }
            stopping.shutdownNow();
        }
        HttpResponse<String> ready = catalogue.http().get(Health.READINESS);
        assertEquals(200, ready.statusCode(), ready.body());
        assertTrue(ready.headers().firstValue("Retry-After").isEmpty(), ready.headers().map().toString());
    }

    /**
     * A pool whose every connection is in use (a node under load) is no database that does not
     * answer: /ready's database check waits for a connection only briefly, so that an outage is a
     * 503 at once, and a wait that ends with no connection having failed is the pool busy, ready.
     * It waited the pool's 5 s and said 503, so that a loaded node left the rotation.
     */
    @Test
    void aPoolWhoseEveryConnectionIsInUseIsBusyNotADatabaseThatDoesNotAnswer() throws Exception {
        // Opened with a server's write wait, as the node's pool is, not a command's 30 s (the other
        // checks' readings through the pool: aNodeWhosePoolStaysBusyIsReadyFromWhatItLastReadAndSaysItIsBusy).
        try (TestDatabase db = TestDatabase.withAuthorities();
             Database database = Database.open(db.address(), WriteWait.SERVER)) {
            org.jooq.ConnectionProvider pool = database.dsl().configuration().connectionProvider();
            List<java.sql.Connection> held = new ArrayList<>();
            // Every connection the pool may hold, taken: the pool opens them one at a time as asked,
            // and one still opening after a quarter of a second on a loaded machine (load 19) was
            // taken for a full pool, the test stopped taking, and the check then got that one.
            SimpleMeterRegistry gauges = new SimpleMeterRegistry();
            database.reportTo(gauges);
            int size = (int) gauges.get("hikaricp.connections.max").gauge().value();
            assertTrue(size > 0 && size < 100, "a pool of " + size);
            try {
                while (held.size() < size) {
                    held.add(pool.acquire());
                }
                assertEquals(Database.Answer.POOL_BUSY, database.answers(Duration.ofMillis(250)));
                Readiness readiness = new Readiness(database, OpeningSearchEngine.later(closing -> null), 0,
                        new WarmUp(0, Duration.ofSeconds(60)), new FirstImport(), Clock.systemUTC());
                Readiness.Check check = readiness.check().checks().get("database");
                assertTrue(check.ok(), check.toString());
                assertEquals(true, check.details().get("poolBusy"), check.toString());
                readiness.close();
            } finally {
                held.forEach(pool::release);
            }
            assertEquals(Database.Answer.ANSWERED, database.answers(Duration.ofMillis(250)));
        }
    }

    /**
     * A node whose every connection of the pool stays in use for longer than a request waits (a node
     * under load) is busy, not down: /ready read the schema's migrations (Flyway, on PostgreSQL
     * through the pool) and the index's lag (the change feed's head) on connections of the pool too,
     * each waited the pool's whole timeout (5 s), and said 503 with those checks failed, so that a
     * balancer took a loaded, healthy node out. Each reading now waits as briefly as the database
     * check does, and with the pool busy answers from what the node last read, saying it is busy.
     */
    @Test
    void aNodeWhosePoolStaysBusyIsReadyFromWhatItLastReadAndSaysItIsBusy(@TempDir Path folder) throws Exception {
        try (TestDatabase db = TestDatabase.withAuthorities();
             Database database = Database.open(db.address(), WriteWait.SERVER);
             LuceneSearchEngine index = LuceneSearchEngine.open(folder.resolve("dossier.index"), database.dsl())) {
            MutableClock clock = new MutableClock(Instant.now().toString());
            Readiness readiness = new Readiness(database, index, 0, new WarmUp(0, Duration.ofSeconds(60)),
                    new FirstImport(), clock);
            Readiness.Report free = readiness.check();
            assertTrue(free.ready(), free.toString());
            org.jooq.ConnectionProvider pool = database.dsl().configuration().connectionProvider();
            List<java.sql.Connection> held = new ArrayList<>();
            SimpleMeterRegistry gauges = new SimpleMeterRegistry();
            database.reportTo(gauges);
            int size = (int) gauges.get("hikaricp.connections.max").gauge().value();
            try {
                while (held.size() < size) {
                    held.add(pool.acquire());
                }
                // Past the 5 s that Flyway's view of the migrations is kept: this check reads it again.
                clock.advance(Duration.ofSeconds(6));
                Readiness.Report busy = readiness.check();
                assertTrue(busy.ready(), busy.toString());
                assertEquals("", busy.phase());
                // On SQLite Flyway reads its history outside the pool, which its busy connections do not hold up,
                // and the index's head is read again only once something was committed (HeadWatch): nothing was.
                boolean onPostgres = database.dsl().dialect().family() == org.jooq.SQLDialect.POSTGRES;
                for (String name : onPostgres ? List.of("database", "migrations", "index") : List.of("database")) {
                    Readiness.Check check = busy.checks().get(name);
                    assertTrue(check.ok(), name + ": " + check);
                    assertEquals(true, check.details().get("poolBusy"), name + ": " + check);
                }
                if (!onPostgres) {
                    Readiness.Check lag = busy.checks().get("index");
                    assertTrue(lag.ok(), lag.toString());
                    assertFalse(lag.details().containsKey("poolBusy"), "the head kept, no connection asked: " + lag);
                }
                assertTrue(busy.checks().get("migrations").ok(), busy.toString());
                assertEquals(free.checks().get("migrations").details().get("current"),
                        busy.checks().get("migrations").details().get("current"), "as last read");
                assertEquals(0L, ((Number) busy.checks().get("index").details().get("lag")).longValue(), "as last read");
            } finally {
                held.forEach(pool::release);
            }
            Readiness.Report again = readiness.check();
            assertTrue(again.ready(), again.toString());
            assertFalse(again.checks().get("index").details().containsKey("poolBusy"), again.toString());
            readiness.close();
        }
    }

    /**
     * The database restored from an older backup (or replaced) under a running node: its change feed
     * ends before what the node's index applied, and the index would miss every save until the feed
     * passed its old end while /ready said 200 with no lag. It says 503, and why.
     */
    @Test
    void aDatabaseWhoseFeedEndsBeforeTheIndexIsNotReady() throws Exception {
        OperationsSettings withMetrics = new OperationsSettings(0, "127.0.0.1", OperationsSettings.DEFAULT_MAX_INDEX_LAG,
                Duration.ZERO);
        try (OperatedCatalogue restored = OperatedCatalogue.seededCopy(withMetrics)) {
            assertEquals(200, restored.http().get(Health.READINESS).statusCode());
            // What restoring a backup taken three changes ago does to the feed.
            try (Database db = Database.open(restored.database())) {
                db.dsl().transaction(tx -> {
                    int last = tx.dsl().select(CHANGE_HEAD.LAST).from(CHANGE_HEAD).fetchSingle(CHANGE_HEAD.LAST);
                    tx.dsl().deleteFrom(CHANGE).where(CHANGE.ID.gt(last - 3)).execute();
                    tx.dsl().update(CHANGE_HEAD).set(CHANGE_HEAD.LAST, last - 3).execute();
                });
            }
            HttpResponse<String> ready = restored.operatorsPort().get(Health.READINESS);
            assertEquals(503, ready.statusCode(), ready.body());
            JsonNode index = json(ready).get("checks").get("index");
            assertFalse(index.get("ok").asBoolean());
            assertTrue(index.get("details").get("detail").asText().contains("restored or replaced"), ready.body());
            assertEquals("no-store", ready.headers().firstValue("Cache-Control").orElse(""));

            // The public port's says the same, less the words: they may quote the database or Solr,
            // with hosts, ports and users of the network behind the site (Solr's collection did).
            HttpResponse<String> told = restored.http().get(Health.READINESS);
            assertEquals(503, told.statusCode(), told.body());
            JsonNode publicIndex = json(told).get("checks").get("index");
            assertFalse(publicIndex.get("ok").asBoolean());
            assertEquals(Health.WITHHELD, publicIndex.get("details").get("detail").asText(), told.body());
            assertEquals(index.get("details").get("open"), publicIndex.get("details").get("open"));
            assertFalse(told.body().contains("restored or replaced"), told.body());
        }
    }

    /**
     * Another process writing on and on (a bulk import committing, here a record withdrawn and
     * reinstated over and over): every node is as far behind as this one, and said 503 until it had
     * caught up, leaving a load balancer that follows /ready with no node. A node seen applying the
     * changes says 200 while it catches up, and that it does.
     */
    @Test
    void aNodeBehindButCatchingUpStaysReady() throws Exception {
        try (OperatedCatalogue busy = OperatedCatalogue.seededCopy(new OperationsSettings(null, null, 0, Duration.ZERO))) {
            int record = 1;
            AtomicBoolean writing = new AtomicBoolean(true);
            CompletableFuture<Void> writer;
            try (Database other = Database.open(busy.database())) {
                RecordStore store = new RecordStore(other.dsl(), Clock.systemUTC());
                writer = CompletableFuture.runAsync(() -> {
                    Attribution by = new Attribution("alice", "a bulk write", null);
                    while (writing.get()) {
                        var now = other.dsl().select(DOCUMENT.VERSION, DOCUMENT.WITHDRAWN_AT).from(DOCUMENT)
                                .where(DOCUMENT.ID.eq(record)).fetchSingle();
                        int version = now.get(DOCUMENT.VERSION);
                        boolean withdrawn = now.get(DOCUMENT.WITHDRAWN_AT) != null;
                        store.write(w -> withdrawn ? w.reinstate(record, version, by) : w.withdraw(record, version, "again", by));
                    }
                });
                JsonNode catchingUp = null;
                try {
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                    while (catchingUp == null && System.nanoTime() < deadline && !writer.isDone()) {
                        HttpResponse<String> ready = busy.http().get(Health.READINESS);
                        JsonNode index = json(ready).get("checks").get("index");
                        if (ready.statusCode() == 200 && index.get("details").get("lag").asLong() > 0) {
                            catchingUp = index;
                        }
                        Thread.sleep(50);
                    }
                } finally {
                    writing.set(false);
                }
                writer.get(30, TimeUnit.SECONDS);
                assertTrue(catchingUp != null, "never ready while behind");
                assertTrue(catchingUp.get("details").get("catchingUp").asBoolean(), catchingUp.toString());
            }
        }
    }

    /**
     * A write of 20,000 changes elsewhere: the follower writes its first records within
     * milliseconds, but makes the first batch searchable only a second or more later (seconds on a
     * busy machine), and a node judged by what is searchable said 503 all that time — 8 checks
     * after a write of 20,000 on a loaded machine, where the README promises one. Seen writing, it
     * says 200 and that it is catching up while none of the write is searchable yet.
     */
    @Test
    void aNodeFarBehindIsReadyAsSoonAsItIsSeenWritingBeforeAnyOfItIsSearchable(@TempDir Path folder) throws Exception {
        TestDatabase.seededIn(folder).close();
        try (OperatedCatalogue node = OperatedCatalogue.start(TestDatabase.in(folder), folder.resolve("dossier.index"),
                new OperationsSettings(null, null, 0, Duration.ZERO));
             Database other = TestDatabase.openIn(folder)) {
            assertEquals(200, node.http().get(Health.READINESS).statusCode());
            List<Integer> seeds = other.dsl().select(DOCUMENT.ID).from(DOCUMENT).fetch(DOCUMENT.ID);
            List<Integer> rewritten = new ArrayList<>();
            for (int i = 0; i < 20_000; i++) {
                rewritten.add(seeds.get(i % seeds.size()));
            }
            other.dsl().transaction(tx -> ChangeFeed.append(tx.dsl(), rewritten, Instant.now()));

            List<String> seen = new ArrayList<>();
            JsonNode readyUntouched = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            long lag = Long.MAX_VALUE;
            while (readyUntouched == null && lag > 0 && System.nanoTime() < deadline) {
                HttpResponse<String> ready = node.http().get(Health.READINESS);
                JsonNode index = json(ready).get("checks").get("index");
                lag = index.get("details").get("lag").asLong();
                seen.add(ready.statusCode() + " lag " + lag);
                if (ready.statusCode() == 200 && lag == rewritten.size()) {
                    readyUntouched = index;
                }
            }
            assertTrue(readyUntouched != null, "never ready before the first batch was searchable: " + seen);
            assertTrue(readyUntouched.get("details").get("catchingUp").asBoolean(), readyUntouched.toString());
        }
    }
}
