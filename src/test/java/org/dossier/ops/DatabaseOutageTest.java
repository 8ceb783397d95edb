package org.dossier.ops;

import static org.dossier.db.Tables.DOCUMENT;
import static org.dossier.db.Tables.REVISION;
import static org.dossier.ops.OperatedCatalogue.awaitReady;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dossier.accounts.Role;
import org.dossier.app.Database;
import org.dossier.app.DatabaseAddress;
import org.dossier.app.WriteWait;
import org.dossier.documents.RecordStore;
import org.dossier.editing.Editors;
import org.dossier.editing.FormFields;
import org.dossier.importing.ImportRun;
import org.dossier.search.LuceneSearchEngine;
import org.dossier.testing.Http;
import org.dossier.testing.Logged;
import org.dossier.testing.TestCatalogue;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestPostgres;
import org.dossier.web.DatabaseUnreachable;
import org.jooq.impl.DSL;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server that goes away while a node serves (stopped, restarted, cut off by the
 * network): /ready says 503 in JSON within the server's wait for a connection, pages are a 503 with
 * Retry-After, not a 500 after half a minute; once it is back, the node is ready again by itself.
 * The database is reached through a TCP relay of the test's own, which is cut and resumed.
 */
@org.junit.jupiter.api.parallel.ResourceLock(DatabaseOutageTest.OUTAGE_LOG)
class DatabaseOutageTest {

    /**
     * Held by the test classes whose nodes lose their database: this class counts the lines an
     * outage is logged in, and another class's outage at the same time would add its own.
     */
    static final String OUTAGE_LOG = "the log of database outages";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What the node must answer within while its database is gone: not a speed (that is measured in
     * BENCHMARKS.md) but the callers' own limits. Prometheus gives up on a scrape after its default
     * {@code scrape_timeout} of 10 s, and counts the node down; a gauge that waited a connection's
     * timeout each (5 s apiece, 20 s a scrape, as they did) fails this. A load balancer's readiness
     * probe gives up sooner (Kubernetes' default is 1 s, an AWS target group's shortest 2 s), and
     * counts a timeout, not the 503 that says why: /ready waited for a connection as long as a page
     * does (5 s).
     */
    private static final java.time.Duration PROMETHEUS_SCRAPE_TIMEOUT = java.time.Duration.ofSeconds(10);
    private static final java.time.Duration PROBE_TIMEOUT = java.time.Duration.ofSeconds(2);

    /**
     * How long the outage's node waits for a connection (its write wait, {@code --write-wait}): what
     * is pinned is what a page and the follower's rounds say once the wait is over, which need not
     * be the 5 s of a node's default (two pages and the follower's rounds waited it out, 15 s of the
     * test). Two seconds, not one, so that the pool connects within it again once the database is
     * back on a loaded machine, as PostgresRestartTest's second node does.
     */
    private static final WriteWait CONNECTION_WAIT = WriteWait.parse("2s");

    /**
     * How long the node of a server that takes no new connection remembers what it read of it
     * ({@link OperationsSettings#remembered}; 5 s by default): the test reads past it three times
     * (the refusal found, said once over the checks after it, the lifting found), and the migrations
     * once more.
     */
    private static final java.time.Duration REMEMBERED = java.time.Duration.ofSeconds(1);

    @TempDir
    Path folder;

    @Test
    @org.junit.jupiter.api.parallel.ResourceLock(org.dossier.testing.SearchEngineLog.LEVEL)
    void aDatabaseThatGoesAwayIsA503AndTheNodeIsReadyAgainWhenItIsBack() throws Exception {
        assumeTrue(TestPostgres.selected(), "PostgreSQL only: a SQLite file does not go away");
        DatabaseAddress direct = TestDatabase.in(folder);
        Logger followerLog = (Logger) LoggerFactory.getLogger(LuceneSearchEngine.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        followerLog.addAppender(logged);
        // The tests run with dossier.log.level=WARN; DEBUG for the follower's rounds that fail quietly.
        followerLog.setLevel(Level.DEBUG);
        try (Relay relay = new Relay(direct)) {
            DatabaseAddress relayed = relay.address();
            OperationsSettings withMetrics = new OperationsSettings(0, "127.0.0.1",
                    OperationsSettings.DEFAULT_MAX_INDEX_LAG, java.time.Duration.ZERO);
            try (OperatedCatalogue catalogue = OperatedCatalogue.start(relayed, folder.resolve("index"), withMetrics,
                    CONNECTION_WAIT)) {
                Http http = catalogue.http();
                awaitReady(http);
                assertEquals(200, http.get("/").statusCode());
                // Scraped as Prometheus does, every few seconds, before the database goes away.
                assertTrue(http.get(catalogue.metricsUrl()).body().contains("dossier_index_open 1.0"));

                // Cleared before the cut: the follower's round that fails first may log the outage at
                // once, and a clear after the cut could drop that line.
                Logged.clear(logged);
                relay.cut();
                // At once, and at every check after it, while the pool tries to connect again.
                for (int probe = 0; probe < 3; probe++) {
                    HttpResponse<String> ready = getAsAProbeWould(http.url(Health.READINESS), PROBE_TIMEOUT);
                    assertEquals(503, ready.statusCode(), ready.body());
                    JsonNode checks = JSON.readTree(ready.body()).get("checks");
                    assertFalse(checks.get("database").get("ok").asBoolean(), ready.body());
                    Thread.sleep(500);
                }

                HttpResponse<String> page = http.get("/");
                assertEquals(503, page.statusCode(), page.body());
                assertTrue(page.headers().firstValue("Retry-After").isPresent());
                assertTrue(page.body().contains("cannot reach its database"), page.body());
                HttpResponse<String> json = http.get("/documents/1.json");
                assertEquals(503, json.statusCode(), json.body());
                assertEquals(503, JSON.readTree(json.body()).get("status").asInt(), json.body());

                // The metrics are wanted most now: a scrape does not wait for a connection per gauge
                // (it took 20 s, past Prometheus' 10 s timeout), and the open index is still open.
                HttpResponse<String> metrics = getAsAProbeWould(catalogue.metricsUrl(), PROMETHEUS_SCRAPE_TIMEOUT);
                assertEquals(200, metrics.statusCode());
                assertTrue(metrics.body().contains("dossier_index_open 1.0"), metrics.body());
                assertTrue(metrics.body().contains("status=\"503\""), "the 503s are counted");

                // The follower fails a round at every poll meanwhile (each waiting for a connection): two
                // more after the one it said, before the database is back.
                awaitQuietRounds(logged, 2);
                relay.resume();
                awaitReady(http);
                assertEquals(200, http.get("/").statusCode());
                awaitLogged(logged, "The search index: the database answers again");
            }
        } finally {
            followerLog.detachAppender(logged);
            followerLog.setLevel(null);
            TestDatabase.forget(folder);
        }
        // The outage is one line an operator can act on, and one when it is over: not a 50-line
        // stack trace at every poll. (Other test classes' servers log here too, never of an outage.)
        List<String> outage = Logged.events(logged).stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.INFO))
                .map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.contains("could not apply") || m.contains("database answers again")).toList();
        assertEquals(2, outage.size(), outage.toString());
        assertTrue(outage.get(0).contains(": the database cannot be reached ("), outage.get(0));
        assertTrue(Logged.events(logged).stream().filter(e -> e.getFormattedMessage().contains("could not apply"))
                .allMatch(e -> e.getThrowableProxy() == null), "no stack trace for an outage");
    }

    /**
     * An editor's save under way when the server goes away (here: waiting for a row another
     * transaction holds, when the connection is cut) comes back as the form with everything typed
     * and a 503 that says the database cannot be reached: it was a bare error page, and the text was
     * lost. Sent again once the database is back, it is saved once.
     */
    @Test
    void aSaveCutOffMidWayKeepsWhatWasTypedAndGoesThroughOnceWhenTheDatabaseIsBack() throws Exception {
        assumeTrue(TestPostgres.selected(), "PostgreSQL only: a SQLite file does not go away");
        DatabaseAddress direct = TestDatabase.in(folder);
        int id;
        try (Database db = Database.open(direct)) {
            new ImportRun(new RecordStore(db.dsl(), Clock.systemUTC()), Clock.systemUTC()).run(List.of(TestCatalogue.SEEDS));
            Editors.add(db.dsl(), "alice", Role.EDITOR);
            id = db.dsl().fetchValue(DSL.select(DSL.min(DOCUMENT.ID)).from(DOCUMENT));
        }
        String typedTitle = "A title typed while the database <went> away & came back";
        try (Relay relay = new Relay(direct);
             Database other = Database.open(direct)) {
            DatabaseAddress relayed = relay.address();
            // Stops at once: a grace would wait a second for the editor's idle connection (TestCatalogue.STOPS_AT_ONCE).
            try (OperatedCatalogue catalogue = OperatedCatalogue.start(relayed, folder.resolve("index"),
                    TestCatalogue.STOPS_AT_ONCE)) {
                Http alice = Editors.signIn(catalogue.http().anotherVisitor(), "alice");
                HttpResponse<String> opened = alice.get("/admin/documents/" + id + "/edit");
                assertEquals(200, opened.statusCode(), opened.body());
                FormFields form = FormFields.of(opened.body(), "form.record-form")
                        .set("title", typedTitle).set("note", "Typed during an outage");

                CountDownLatch held = new CountDownLatch(1);
                CountDownLatch release = new CountDownLatch(1);
                CompletableFuture<Void> holding = CompletableFuture.runAsync(() -> other.dsl().transaction(tx -> {
                    tx.dsl().selectFrom(DOCUMENT).where(DOCUMENT.ID.eq(id)).forUpdate().fetch();
                    held.countDown();
                    release.await(60, TimeUnit.SECONDS);
                }));
                HttpResponse<String> cutOff;
                try {
                    assertTrue(held.await(30, TimeUnit.SECONDS));
                    CompletableFuture<HttpResponse<String>> saving = CompletableFuture.supplyAsync(() ->
                            alice.post("/admin/documents/" + id + "/edit", form.entries()));
                    // The save waits for the row (up to the server's lock wait, 5 s): the server goes away then.
                    while (other.dsl().fetchCount(DSL.table("pg_stat_activity"), DSL.field("wait_event_type").eq("Lock")
                            .and(DSL.field("datname").eq(DSL.field("current_database()")))) == 0) {
                        assertFalse(saving.isDone(), "the save did not wait for the row");
                        Thread.sleep(20);
                    }
                    relay.cut();
                    cutOff = saving.get(60, TimeUnit.SECONDS);
                } finally {
                    release.countDown();
                    holding.get(60, TimeUnit.SECONDS);
                }
                assertEquals(503, cutOff.statusCode(), cutOff.body());
                assertEquals(String.valueOf(DatabaseUnreachable.RETRY_AFTER_SECONDS),
                        cutOff.headers().firstValue("Retry-After").orElse(""));
                FormFields kept = FormFields.of(cutOff.body(), "form.record-form");
                assertEquals(typedTitle, kept.get("title"));
                assertEquals("Typed during an outage", kept.get("note"));
                assertTrue(Jsoup.parse(cutOff.body()).selectFirst(".notice").text().contains("cannot reach its database"),
                        cutOff.body());

                relay.resume();
                awaitReady(catalogue.http());
                HttpResponse<String> again = alice.post("/admin/documents/" + id + "/edit", kept.entries());
                assertEquals(303, again.statusCode(), again.body());
            }
            assertEquals(1, other.dsl().fetchCount(DOCUMENT, DOCUMENT.TITLE.eq(typedTitle)));
            assertEquals(2, other.dsl().fetchCount(REVISION, REVISION.DOCUMENT_ID.eq(id)), "saved once");
        } finally {
            TestDatabase.forget(folder);
        }
    }

    /**
     * The database stops under an import (here: while the import waits for the row another
     * transaction holds, its connection is cut). It said "import failed, nothing more was done" and
     * the driver's words, leaving the operator to wonder how much was kept: it says that nothing was
     * (an import is one transaction), and to run it again once the database answers.
     */
    @Test
    @org.junit.jupiter.api.parallel.ResourceLock(org.junit.jupiter.api.parallel.Resources.SYSTEM_ERR)
    void anImportCutOffByTheDatabaseSaysNothingWasKeptAndToRunItAgain() throws Exception {
        assumeTrue(TestPostgres.selected(), "PostgreSQL only: a SQLite file does not go away");
        DatabaseAddress direct = TestDatabase.in(folder);
        java.io.PrintStream realErr = System.err;
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        try (Relay relay = new Relay(direct);
             Database other = Database.open(direct)) {
            String relayed = relay.addressText();
            CountDownLatch held = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Void> holding = CompletableFuture.runAsync(() -> other.dsl().transaction(tx -> {
                tx.dsl().selectFrom(org.dossier.db.Tables.DOCUMENT_COUNT).forUpdate().fetch();
                held.countDown();
                release.await(60, TimeUnit.SECONDS);
            }));
            int status;
            try {
                assertTrue(held.await(30, TimeUnit.SECONDS));
                System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
                CompletableFuture<Integer> importing = CompletableFuture.supplyAsync(() ->
                        org.dossier.app.Main.run("import", "--db", relayed, TestCatalogue.SEEDS.toString()));
                while (other.dsl().fetchCount(DSL.table("pg_stat_activity"), DSL.field("wait_event_type").eq("Lock")
                        .and(DSL.field("datname").eq(DSL.field("current_database()")))) == 0) {
                    assertFalse(importing.isDone(), "the import did not wait for the row: " + err);
                    Thread.sleep(20);
                }
                relay.cut();
                status = importing.get(60, TimeUnit.SECONDS);
            } finally {
                System.setErr(realErr);
                release.countDown();
                holding.get(60, TimeUnit.SECONDS);
            }
            String said = err.toString(java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(1, status, said);
            assertTrue(said.contains("Nothing was imported: the database cannot be reached ("), said);
            assertTrue(said.contains("none of its entries were kept. Run it again once the database answers again."), said);
            assertFalse(said.contains("password"), said);
            assertFalse(said.contains("\tat "), "no stack trace: " + said);
            assertEquals(0, other.dsl().fetchCount(DOCUMENT), "nothing was kept");
        } finally {
            TestDatabase.forget(folder);
        }
    }

    /**
     * Prometheus' first scrape comes after the database has gone away (a node scraped only now, or
     * just started): the index gauges had no reading to fall back on, and dossier_index_open said 0
     * of an index that was open and answering searches. Open or not is the index's own state.
     */
    @Test
    void theFirstScrapeDuringAnOutageSaysTheIndexIsOpen() throws Exception {
        assumeTrue(TestPostgres.selected(), "PostgreSQL only: a SQLite file does not go away");
        DatabaseAddress direct = TestDatabase.in(folder);
        try (Relay relay = new Relay(direct)) {
            DatabaseAddress relayed = relay.address();
            OperationsSettings withMetrics = new OperationsSettings(0, "127.0.0.1",
                    OperationsSettings.DEFAULT_MAX_INDEX_LAG, java.time.Duration.ZERO);
            try (OperatedCatalogue catalogue = OperatedCatalogue.start(relayed, folder.resolve("index"), withMetrics,
                    CONNECTION_WAIT)) {
                awaitReady(catalogue.http());
                relay.cut();
                HttpResponse<String> metrics = catalogue.http().get(catalogue.metricsUrl());
                assertEquals(200, metrics.statusCode());
                assertTrue(metrics.body().contains("dossier_index_open 1.0"), metrics.body());
            }
        } finally {
            TestDatabase.forget(folder);
        }
    }

    /**
     * PostgreSQL full (its max_connections reached by other clients; here, this node's role limited
     * to none more): the pool still holds a connection, which answered /ready's query, so /ready said
     * 200 while every request beyond what that connection served waited 5 s and was turned away. It
     * says 503 now, in one line that says why, and 200 again once the server takes connections.
     */
    @Test
    void aServerThatTakesNoNewConnectionIsNotReady() throws Exception {
        assumeTrue(TestPostgres.selected(), "PostgreSQL only: a SQLite file takes every connection");
        DatabaseAddress direct = TestDatabase.in(folder);
        String role = "dossier_few_" + ProcessHandle.current().pid() + "_" + System.nanoTime() % 1_000_000;
        try (Database admin = Database.open(direct)) {
            // Members of the tables' owner may use them; a superuser would pass any connection limit.
            admin.dsl().execute("CREATE ROLE " + role + " LOGIN");
            admin.dsl().execute("GRANT postgres TO " + role);
            admin.dsl().execute("CREATE ROLE " + role + "_other");
            try {
                DatabaseAddress limited = DatabaseAddress.postgresql(direct.text().replace("user=postgres", "user=" + role));
                // No grace: the stop is not what is checked, and with one it waits a second for the idle
                // keep-alive connections of the checks (TestCatalogue.STOPS_AT_ONCE).
                OperationsSettings withMetrics = new OperationsSettings(0, "127.0.0.1",
                        OperationsSettings.DEFAULT_MAX_INDEX_LAG, java.time.Duration.ZERO)
                        .withRemembered(REMEMBERED);
                try (OperatedCatalogue catalogue = OperatedCatalogue.start(limited, folder.resolve("index"), withMetrics)) {
                    Http http = catalogue.http();
                    awaitReady(http);

                    Logger readinessLog = (Logger) LoggerFactory.getLogger(Readiness.class);
                    ListAppender<ILoggingEvent> logged = new ListAppender<>();
                    logged.start();
                    readinessLog.addAppender(logged);
                    readinessLog.setLevel(Level.INFO); // the tests run with dossier.log.level=WARN
                    try {
                        admin.dsl().execute("ALTER ROLE " + role + " CONNECTION LIMIT 0");
                        // The last answer, that the server took one, may be remembered a few seconds yet.
                        awaitNotReady(http);
                        // Why, in full, on the metrics port: the public one's leaves PostgreSQL's words out.
                        HttpResponse<String> full = catalogue.operatorsPort().get(Health.READINESS);
                        JsonNode database = JSON.readTree(full.body()).get("checks").get("database");
                        assertFalse(database.get("ok").asBoolean(), full.body());
                        String error = database.get("details").get("error").asText();
                        assertTrue(error.contains("refuses new connections") && error.contains("connection limit"), error);
                        assertFalse(error.contains("\n"), "one line: " + error);

                        // A balancer's checks, for longer than the answer is remembered (twice as long, at
                        // four checks a remembering): the node's log says the refusal once (it said
                        // nothing, while PostgreSQL's said it at every call).
                        for (int call = 0; call < 8; call++) {
                            Thread.sleep(REMEMBERED.toMillis() / 4);
                            assertEquals(503, http.get(Health.READINESS).statusCode());
                        }
                        List<String> refusals = Logged.events(logged).stream().map(ILoggingEvent::getFormattedMessage)
                                .filter(line -> line.contains("refuses new connections")).toList();
                        assertEquals(1, refusals.size(), Logged.events(logged).toString());
                        assertTrue(refusals.get(0).startsWith("/ready found the database refusing new connections: "),
                                refusals.get(0));

                        admin.dsl().execute("ALTER ROLE " + role + " CONNECTION LIMIT -1");
                        // Ready again once the refusal it remembers is read again: within seconds.
                        long lifted = System.nanoTime();
                        int status;
                        while ((status = http.get(Health.READINESS).statusCode()) != 200) {
                            assertTrue(System.nanoTime() - lifted < TimeUnit.SECONDS.toNanos(15),
                                    "not ready after the limit was lifted, /ready says " + status);
                            Thread.sleep(100);
                        }
                        assertEquals(List.of("/ready: going through again"), Logged.events(logged).stream()
                                .map(ILoggingEvent::getFormattedMessage).filter(line -> line.startsWith("/ready: ")).toList());
                    } finally {
                        readinessLog.detachAppender(logged);
                        readinessLog.setLevel(null);
                    }

                    // Flyway's history, which /ready reads every 5 s, out of this node's reach: Flyway's
                    // message is a dozen lines (dashes, SQL state, error code), and /ready gave it whole.
                    admin.dsl().execute("ALTER TABLE flyway_schema_history OWNER TO " + role + "_other");
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                    HttpResponse<String> unread;
                    do {
                        Thread.sleep(200);
                        unread = http.get(Health.READINESS);
                    } while (unread.statusCode() == 200 && System.nanoTime() < deadline);
                    assertEquals(503, unread.statusCode(), unread.body());
                    unread = catalogue.operatorsPort().get(Health.READINESS);
                    assertEquals(503, unread.statusCode(), unread.body());
                    String migrations = JSON.readTree(unread.body()).get("checks").get("migrations").get("details")
                            .get("error").asText();
                    assertTrue(migrations.startsWith("the migrations cannot be read: "), migrations);
                    assertFalse(migrations.contains("\n"), "one line: " + migrations);
                }
            } finally {
                admin.dsl().execute("REASSIGN OWNED BY " + role + "_other TO postgres");
                admin.dsl().execute("DROP ROLE " + role);
                admin.dsl().execute("DROP ROLE " + role + "_other");
            }
        } finally {
            TestDatabase.forget(folder);
        }
    }

    /**
     * A transaction that cannot begin, because no connection can be had, asks the pool once: jOOQ's
     * rollback asked it twice more, each waiting its whole timeout (a sign-in while PostgreSQL was
     * down answered after three waits). Counted as the pool's timeouts.
     */
    @Test
    void aTransactionThatCannotBeginWaitsForAConnectionOnce() throws Exception {
        assumeTrue(TestPostgres.selected(), "PostgreSQL only: a SQLite file does not go away");
        DatabaseAddress direct = TestDatabase.in(folder);
        try (Relay relay = new Relay(direct)) {
            DatabaseAddress relayed = relay.address();
            try (Database db = Database.open(relayed, WriteWait.parse("500ms"))) {
                SimpleMeterRegistry registry = new SimpleMeterRegistry();
                db.reportTo(registry);
                relay.cut();
                // The pool's idle connections break on their next use, and the pool drops them: until
                // one query waits for a connection in vain, there is one left to break.
                io.micrometer.core.instrument.Counter timeouts = registry.get("hikaricp.connections.timeout").counter();
                for (int tries = 0; timeouts.count() == 0; tries++) {
                    assertTrue(tries < 20, "the pool never ran out of connections");
                    assertThrows(RuntimeException.class, () -> db.dsl().selectOne().fetch());
                }
                double before = timeouts.count();
                RuntimeException failed = assertThrows(RuntimeException.class,
                        () -> db.dsl().transaction(tx -> tx.dsl().selectOne().fetch()));
                assertTrue(DatabaseUnreachable.of(failed).isPresent(), failed.toString());
                assertEquals(1.0, timeouts.count() - before, "waits for a connection");
            }
        } finally {
            TestDatabase.forget(folder);
        }
    }

    private static void awaitLogged(ListAppender<ILoggingEvent> logged, String line) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (Logged.events(logged).stream().noneMatch(e -> e.getFormattedMessage().equals(line))) {
            assertTrue(System.nanoTime() < deadline, "never logged: " + line + " in " + Logged.events(logged));
            Thread.sleep(100);
        }
    }

    /** Waits for {@code rounds} of the follower's rounds that failed quietly, as the one before them did (DEBUG). */
    private static void awaitQuietRounds(ListAppender<ILoggingEvent> logged, int rounds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            List<ILoggingEvent> events = Logged.events(logged);
            if (events.stream().filter(e -> e.getLevel() == Level.DEBUG)
                    .filter(e -> e.getFormattedMessage().startsWith("The search index could not apply the changes after "))
                    .count() >= rounds) {
                return;
            }
            assertTrue(System.nanoTime() < deadline, "the follower did not fail " + rounds + " rounds quietly: " + events);
            Thread.sleep(100);
        }
    }

    private static HttpResponse<String> awaitNotReady(Http http) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        HttpResponse<String> answer;
        while ((answer = http.get(Health.READINESS)).statusCode() == 200) {
            assertTrue(System.nanoTime() < deadline, "still ready: " + answer.body());
            Thread.sleep(100);
        }
        assertEquals(503, answer.statusCode(), answer.body());
        return answer;
    }

    /** Relays TCP connections from a port of its own to the database; cut, it refuses and drops them. */
    /** A GET that gives up as its caller would, failing the test naming the limit. */
    private static HttpResponse<String> getAsAProbeWould(String url, java.time.Duration limit) throws Exception {
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                .timeout(limit).GET().build();
        try {
            return java.net.http.HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.net.http.HttpTimeoutException e) {
            throw new AssertionError(url + " did not answer within " + limit.toSeconds() + " s, when its caller gives up", e);
        }
    }

    private static final class Relay implements AutoCloseable {

        private final InetSocketAddress target;
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();
        private final int port;
        private volatile ServerSocket listening;

        private final DatabaseAddress relayed;
        private final String relayedText;

        /** A relay in front of the PostgreSQL server {@code direct} names; {@link #address} reaches it through the relay. */
        Relay(DatabaseAddress direct) throws IOException {
            Matcher host = Pattern.compile("//([^/:]+):(\\d+)/").matcher(direct.text());
            assertTrue(host.find(), direct.text());
            this.target = new InetSocketAddress(host.group(1), Integer.parseInt(host.group(2)));
            this.listening = listen(0);
            this.port = listening.getLocalPort();
            this.relayedText = direct.text().substring(0, host.start()) + "//127.0.0.1:" + port + "/"
                    + direct.text().substring(host.end());
            this.relayed = DatabaseAddress.postgresql(relayedText);
        }

        /** The database as reached through the relay. */
        DatabaseAddress address() {
            return relayed;
        }

        /** The same, as a command line's {@code --db} takes it. */
        String addressText() {
            return relayedText;
        }

        private ServerSocket listen(int on) throws IOException {
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), on));
            Thread accepting = new Thread(() -> accept(server), "relay-accept");
            accepting.setDaemon(true);
            accepting.start();
            return server;
        }

        private void accept(ServerSocket server) {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Socket database = new Socket(target.getAddress(), target.getPort());
                    sockets.add(client);
                    sockets.add(database);
                    pump(client, database);
                    pump(database, client);
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void pump(Socket from, Socket to) {
            Thread thread = new Thread(() -> {
                byte[] buffer = new byte[8192];
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    for (int n; (n = in.read(buffer)) >= 0; ) {
                        out.write(buffer, 0, n);
                        out.flush();
                    }
                } catch (IOException e) {
                    // Cut: the other side is closed too.
                } finally {
                    close(from);
                    close(to);
                }
            }, "relay-pump");
            thread.setDaemon(true);
            thread.start();
        }

        /** As a server that stops: new connections are refused, open ones break. */
        void cut() throws IOException {
            listening.close();
            for (Socket socket : sockets) {
                close(socket);
            }
            sockets.clear();
        }

        void resume() throws IOException {
            listening = listen(port);
        }

        private static void close(Socket socket) {
            try {
                socket.close();
            } catch (IOException e) {
                // Closed already.
            }
        }

        @Override
        public void close() throws IOException {
            cut();
        }
    }
}
