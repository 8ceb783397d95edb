package org.dossier.ops;

import static org.dossier.ops.OperatedCatalogue.awaitReady;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.dossier.app.Database;
import org.dossier.documents.Attribution;
import org.dossier.documents.DocumentDate;
import org.dossier.documents.RecordDraft;
import org.dossier.documents.RecordStore;
import org.dossier.search.SolrAddress;
import org.dossier.search.SolrSearchEngine;
import org.dossier.testing.AskedToLog;
import org.dossier.testing.Http;
import org.dossier.testing.Logged;
import org.dossier.testing.Ports;
import org.dossier.testing.StartedFirst;
import org.dossier.testing.TestSolrCloud;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.LoggerFactory;

/**
 * A node on SolrCloud whose Solr nodes and ZooKeeper go away while it serves, on a cluster of the
 * class's own: what a reader, a load balancer, Prometheus and an operator reading the log see.
 */
@StartedFirst(seconds = 75)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SolrOutageTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * How long a reader's search may take while ZooKeeper is gone: a few seconds, as a page may wait
     * for its database; well over the client's own wait (SolrClients.ZOOKEEPER_WAIT, twice, with
     * an attempt each), for a loaded machine, and well under the 27 s it took.
     */
    private static final long A_PAGE_MAY_WAIT_SECONDS = 10;
    private static TestSolrCloud.Own cluster;

    @BeforeAll
    static void start() {
        cluster = TestSolrCloud.Own.start();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /**
     * A node started while every Solr node is away serves what reads the database (the listing, a
     * record page), says 503 to /ready and to a search, and opens the collection once Solr answers,
     * without a restart: it exited after 15 s, so nodes restarted during an outage left no site.
     */
    @Test
    @Order(1)
    void aNodeStartedWhileSolrIsAwayServesRecordPagesAndSearchesOnceSolrAnswers() throws Exception {
        SolrAddress collection = cluster.freshCollection(1, 1);
        int port = Ports.free();
        OperationsSettings noMetrics = new OperationsSettings(null, "127.0.0.1",
                OperationsSettings.DEFAULT_MAX_INDEX_LAG, java.time.Duration.ZERO);
        cluster.stopNode(0);
        cluster.stopNode(1);
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        root.addAppender(logged);
        AskedToLog engineLog = AskedToLog.by(SolrSearchEngine.class);
        CompletableFuture<OperatedCatalogue> starting = CompletableFuture.supplyAsync(
                () -> OperatedCatalogue.seededCopyOnSolr(collection, noMetrics, port));
        try {
            Http http = new Http("http://127.0.0.1:" + port);
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (answered(http, "/") != 200) {
                assertFalse(starting.isDone(), () -> "the start ended: " + starting.handle((c, e) -> e).join());
                assertTrue(System.nanoTime() < deadline, "the listing never answered");
                Thread.sleep(200);
            }
            assertEquals(200, http.get(recordPage(http, 1)).statusCode(), "a record page reads the database");
            assertEquals(503, http.get(Health.READINESS).statusCode());
            assertEquals(503, http.get("/search?q=korea").statusCode());
            // Its first attempt to open the collection failed (the failure that ended the start, after
            // 15 s, when it gave up): then it must outlast its pause before asking again, and ask again.
            awaitCouldNotBeOpened(logged, collection, starting);
            // Its next attempt, after its pause, failing as the first did (said quietly, at DEBUG): asked
            // again, and not given up. (It was a wait of the pause and a second for the start not to end.)
            awaitAskedAgain(engineLog, collection, starting);
            assertFalse(starting.isDone(), "still waiting for Solr, not given up");

            cluster.startNode(0);
            cluster.startNode(1);
            awaitReady(http);
            assertEquals(200, http.get("/search?q=korea").statusCode());
            assertTrue(total(http, "/search.json") > 0, "the collection was filled from the database");
        } finally {
            engineLog.close();
            root.detachAppender(logged);
            cluster.startWhatIsStopped();
            starting.join().close();
        }
    }

    /**
     * Waits until the starting node has tried to open {@code collection} again after its first
     * failure, and failed as quietly; fails if the start ends first or no attempt comes within two
     * minutes.
     */
    private static void awaitAskedAgain(AskedToLog engineLog, SolrAddress collection,
                                        CompletableFuture<OperatedCatalogue> starting) throws InterruptedException {
        String again = "DEBUG The Solr collection " + collection + " could not be opened again";
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (engineLog.count(again) == 0) {
            assertFalse(starting.isDone(), () -> "the start ended: " + starting.handle((c, e) -> e).join());
            assertTrue(System.nanoTime() < deadline, "the node never asked Solr again");
            Thread.sleep(10);
        }
    }

    /**
     * Waits until the starting node says it could not open {@code collection} and will try again;
     * fails if the start ends first or nothing is said within two minutes.
     */
    private static void awaitCouldNotBeOpened(ListAppender<ILoggingEvent> logged, SolrAddress collection,
                                              CompletableFuture<OperatedCatalogue> starting) throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (lines(logged, collection).stream().noneMatch(line -> line.contains("could not be opened"))) {
            assertFalse(starting.isDone(), () -> "the start ended: " + starting.handle((c, e) -> e).join());
            assertTrue(System.nanoTime() < deadline, "the node never said it could not open the collection");
            Thread.sleep(100);
        }
    }

    private static int answered(Http http, String path) {
        try {
            return http.get(path).statusCode();
        } catch (RuntimeException notListeningYet) {
            return 0;
        }
    }

    /**
     * With two replicas of each shard, a Solr node that stops changes nothing a reader sees. With
     * both stopped, a search is the 503 page with Retry-After (not where the collection lives), the
     * listing and record pages go on, /ready says 503 and why, {@code dossier_index_open} is 0, and
     * the log says it once: not SolrJ's "Re-trying request" five times a poll (25 lines a second)
     * nor ZooKeeper's client at each attempt to reconnect, with its stack trace. A record saved
     * meanwhile is found once Solr is back, once, with no restart. ZooKeeper stopped: a search is
     * answered from the collection's last known state or is the same 503, never a 500, and the log
     * has no line at each of its client's attempts to reconnect, and the search is answered within
     * seconds. (ZooKeeper's return is the test before's.)
     */
    @Test
    @Order(3) // last: it stops ZooKeeper for good
    void solrNodesAndZooKeeperThatGoAwayAreA503AndOneLineAndComeBackWithoutARestart() throws Exception {
        SolrAddress collection = cluster.freshCollection(2, 2);
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        root.addAppender(logged);
        AskedToLog engineLog = AskedToLog.by(SolrSearchEngine.class);
        AskedToLog zooKeeperClients = AskedToLog.by("org.apache.zookeeper.ClientCnxn");
        OperationsSettings withMetrics = new OperationsSettings(0, "127.0.0.1",
                OperationsSettings.DEFAULT_MAX_INDEX_LAG, java.time.Duration.ZERO);
        try (OperatedCatalogue catalogue = OperatedCatalogue.seededCopyOnSolr(collection, withMetrics)) {
            Http http = catalogue.http();
            long records = total(http, "/search.json");
            assertEquals(200, http.get("/search?q=korea").statusCode());

            cluster.stopNode(0);
            assertEquals(200, http.get("/search?q=korea").statusCode(), "one replica of each shard is left");
            awaitReady(http);

            Logged.clear(logged);
            cluster.stopNode(1);
            // A search asked before is given from what was kept at the collection's position until the
            // follower's next poll (every 200 ms) finds Solr away, as /ready then says; from then on
            // it is the 503 page, as any other.
            HttpResponse<String> ready = awaitNotReady(http);
            HttpResponse<String> page = http.get("/search?q=korea");
            assertEquals(503, page.statusCode(), page.body());
            assertTrue(page.headers().firstValue("Retry-After").isPresent());
            assertFalse(page.body().contains(collection.ensemble().toString()), page.body());
            assertTrue(page.body().contains("korea"), "the search box keeps what was typed");
            HttpResponse<String> json = http.get("/search.json?q=korea");
            assertEquals(503, JSON.readTree(json.body()).get("status").asInt(), json.body());
            assertEquals(503, http.get("/search.csv?q=korea").statusCode());
            assertEquals(200, http.get("/").statusCode(), "the listing reads the database");
            assertEquals(200, http.get(recordPage(http, 1)).statusCode(), "a record page reads the database");
            assertFalse(ready.body().contains(collection.ensemble().toString()), "ZooKeeper's address is the operators' "
                    + "business: " + ready.body());
            assertTrue(ready.body().contains("\"phase\":\"Waiting for the Solr collection to answer\""), ready.body());
            HttpResponse<String> inFull = catalogue.operatorsPort().get(Health.READINESS);
            assertTrue(inFull.body().contains("does not answer"), inFull.body());
            assertTrue(http.get(catalogue.metricsUrl()).body().contains("dossier_index_open 0.0"));
            int saved;
            try (Database db = Database.open(catalogue.database())) {
                saved = save(db, "Memo on the plonkwater affair");
            }
            // Five polls of the follower after the save, each failing (said or not): it slept 3 s for
            // fifteen, which it could not see.
            String round = "The Solr collection " + collection + " could not apply the changes after";
            engineLog.await(engineLog.count(round), 5, Duration.ofMinutes(1), round);
            List<String> outage = lines(logged, collection);
            assertEquals(1, outage.size(), outage.toString());
            assertTrue(outage.get(0).contains("SolrSearchEngine") && outage.get(0).contains("Solr cannot be reached"),
                    outage.toString());

            cluster.startNode(0);
            cluster.startNode(1);
            awaitReady(http);
            assertEquals(List.of(saved), ids(http, "/search.json?q=plonkwater"), "applied once Solr is back, once");
            assertEquals(records + 1, total(http, "/search.json"), "every record, once");
            assertTrue(http.get(catalogue.metricsUrl()).body().contains("dossier_index_open 1.0"));

            Logged.clear(logged);
            // Of this class's cluster: other classes' clients connect to the shared one meanwhile.
            String[] attempt = {"Opening socket connection to server", collection.zkHosts().get(0)};
            int attemptsBefore = zooKeeperClients.count(attempt);
            cluster.stopZooKeeper();
            // Answered from the collection's last known state, or (when the client must read it again
            // from ZooKeeper) the same 503 page; never a 500. The record pages read the database.
            long asked = System.nanoTime();
            HttpResponse<String> duringZooKeeper = http.get("/search?q=korea");
            long seconds = (System.nanoTime() - asked) / 1_000_000_000L;
            assertTrue(List.of(200, 503).contains(duringZooKeeper.statusCode()), duringZooKeeper.body());
            assertTrue(seconds < A_PAGE_MAY_WAIT_SECONDS, "the search took " + seconds + " s");
            assertEquals(200, http.get(recordPage(http, 1)).statusCode());
            // The node's two ZooKeeper clients try to reconnect meanwhile, each about once a second
            // (ZooKeeper's client says so at INFO, which its logger's level keeps out of the log): six
            // attempts. It slept 3 s for them, which it could not see.
            zooKeeperClients.await(attemptsBefore, 6, Duration.ofMinutes(1), attempt);
            // At most the follower's one line (when it needed ZooKeeper) and Curator's on the session.
            List<String> zooKeeperAway = lines(logged, collection).stream()
                    .filter(line -> !line.startsWith("org.apache.curator.framework.state.ConnectionStateManager")).toList();
            assertTrue(zooKeeperAway.size() <= 2, "not a line at each poll or attempt: " + zooKeeperAway);
            assertTrue(zooKeeperAway.stream().allMatch(line -> line.contains("Solr cannot be reached")), zooKeeperAway.toString());
        } finally {
            engineLog.close();
            zooKeeperClients.close();
            root.detachAppender(logged);
        }
    }

    /**
     * Solr's nodes gone, then ZooKeeper: the client knows of no live replica, so that every search
     * must read the collection's state again from ZooKeeper, as any search must once the state it
     * holds is a minute old. Each is the 503 page with Retry-After within seconds, not after
     * Curator's retries of the stopped ZooKeeper (27-43 s a search); /ready says 503 at once; the
     * listing and the record pages, which read the database, go on. ZooKeeper and the nodes back,
     * the node is ready again and searches, with no restart. On the class's cluster, before the test
     * that stops its ZooKeeper for good: it starts ZooKeeper and the nodes again (a cluster of its own
     * cost another 5 to 10 s to start).
     */
    @Test
    @Order(2)
    void aSearchThatMustAskAStoppedZooKeeperIsA503WithinSecondsAndSearchesOnceItIsBack() throws Exception {
        SolrAddress collection = cluster.freshCollection(1, 1);
        OperationsSettings noMetrics = new OperationsSettings(null, "127.0.0.1",
                OperationsSettings.DEFAULT_MAX_INDEX_LAG, java.time.Duration.ZERO);
        try (OperatedCatalogue catalogue = OperatedCatalogue.seededCopyOnSolr(collection, noMetrics)) {
            Http http = catalogue.http();
            assertEquals(200, http.get("/search?q=korea").statusCode());
            cluster.stopNode(0);
            cluster.stopNode(1);
            awaitNotReady(http);
            cluster.stopZooKeeper();
            for (String words : List.of("korea", "soviet", "berlin")) {
                long asked = System.nanoTime();
                HttpResponse<String> page = http.get("/search?q=" + words);
                long seconds = (System.nanoTime() - asked) / 1_000_000_000L;
                assertEquals(503, page.statusCode(), page.body());
                assertTrue(seconds < A_PAGE_MAY_WAIT_SECONDS, "a search for " + words + " took " + seconds + " s");
                assertTrue(page.headers().firstValue("Retry-After").isPresent());
                assertTrue(page.body().contains(words), "the search box keeps what was typed");
                asked = System.nanoTime();
                assertEquals(503, http.get(Health.READINESS).statusCode());
                assertTrue(System.nanoTime() - asked < 2_000_000_000L, "a balancer's probe gives up after a second or two");
            }
            assertEquals(200, http.get("/").statusCode(), "the listing reads the database");
            assertEquals(200, http.get(recordPage(http, 1)).statusCode(), "a record page reads the database");

            cluster.startZooKeeper();
            cluster.startNode(0);
            cluster.startNode(1);
            awaitReady(http);
            assertTrue(total(http, "/search.json?q=korea") > 0, "searched again, with no restart");
        } finally {
            cluster.startWhatIsStopped();
        }
    }

    /**
     * What was logged at WARN or above about this class's cluster, as "LOGGER MESSAGE": naming its
     * collection or its ZooKeeper, in the message or in its stack trace's (as the follower's, SolrJ's
     * and ZooKeeper's client's lines do: Netty's socket says "future isn't success." with the refused
     * address in its exception alone), since other classes' nodes, running beside this one, log too
     * (a node started without --public-url says so, at WARN).
     */
    private static List<String> lines(ListAppender<ILoggingEvent> logged, SolrAddress collection) {
        List<String> cluster = new java.util.ArrayList<>(collection.zkHosts());
        cluster.add(collection.collection());
        return Logged.events(logged).stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                .filter(e -> cluster.stream().anyMatch(said(e)::contains))
                .map(e -> e.getLoggerName() + " " + e.getFormattedMessage()).toList();
    }

    /** Everything {@code event} says: its logger, its message and each message of its exception's causes. */
    private static String said(ILoggingEvent event) {
        StringBuilder said = new StringBuilder(event.getLoggerName()).append(' ').append(event.getFormattedMessage());
        for (ch.qos.logback.classic.spi.IThrowableProxy cause = event.getThrowableProxy(); cause != null; cause = cause.getCause()) {
            said.append('\n').append(cause.getMessage());
        }
        return said.toString();
    }

    private static int save(Database db, String title) {
        // Written by another node (or a command): this one learns of it from the change feed.
        return new RecordStore(db.dsl(), Clock.systemUTC()).write(w -> w.create(new RecordDraft(title,
                List.of("Saved while part of SolrCloud was away."), DocumentDate.ofDay(1961, 8, 13)),
                Attribution.editor("tester", "saved during an outage")));
    }

    private static long total(Http http, String path) throws Exception {
        HttpResponse<String> answer = http.get(path);
        assertEquals(200, answer.statusCode(), answer.body());
        return JSON.readTree(answer.body()).get("total").asLong();
    }

    private static List<Integer> ids(Http http, String path) throws Exception {
        HttpResponse<String> answer = http.get(path);
        assertEquals(200, answer.statusCode(), answer.body());
        List<Integer> ids = new java.util.ArrayList<>();
        JSON.readTree(answer.body()).get("documents").forEach(d -> ids.add(d.get("id").asInt()));
        return ids;
    }

    private static String recordPage(Http http, int id) {
        return http.get("/documents/" + id).headers().firstValue("Location").orElseThrow().replaceAll("^https?://[^/]+", "");
    }

    private static HttpResponse<String> awaitNotReady(Http http) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        HttpResponse<String> ready;
        while ((ready = http.get(Health.READINESS)).statusCode() != 503) {
            assertTrue(System.nanoTime() < deadline, "still ready: " + ready.body());
            Thread.sleep(100);
        }
        return ready;
    }
}
