package org.dossier.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.dossier.app.Database;
import org.dossier.search.OpeningFailure;
import org.dossier.search.OpeningSearchEngine;
import org.dossier.search.SearchRequest;
import org.dossier.search.SearchUnavailableException;
import org.dossier.testing.Http;
import org.dossier.testing.Ports;
import org.dossier.testing.TestCatalogue;
import org.dossier.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A node whose search index cannot be opened says so, and stops, as a node does whose database
 * cannot be opened: it said "Opening the search index" on /ready for good when the opening died of
 * an Error (an OutOfMemoryError at ten million records in a 1 GB heap), /health said "alive", and the
 * cause was only on standard error; a damaged index stopped the start in Lucene's words ("checksum
 * status indeterminate: remaining=0; please run checkindex"), /ready meanwhile saying "Stopping".
 */
class IndexThatCannotBeOpenedTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Cuts every field-infos file of the index in {@code folder} short, inside a compound file or not. */
    private static void damage(Path folder) throws IOException {
        List<Path> cut;
        try (Stream<Path> files = Files.list(folder)) {
            cut = files.filter(f -> f.toString().endsWith(".fnm") || f.toString().endsWith(".cfs")).toList();
        }
        assertFalse(cut.isEmpty(), "no segment file to damage in " + folder);
        for (Path file : cut) {
            byte[] whole = Files.readAllBytes(file);
            Files.write(file, java.util.Arrays.copyOf(whole, whole.length / 2));
        }
    }

    /**
     * A real node on an index cut short: while the failed start stops (its shutdown delay, for the
     * asking), /ready says the index could not be opened and why, in words of its own, on the public
     * port as on the metrics port, /health fails, and the metrics say so; the start ends in one line
     * that says what to do, the log keeps Lucene's failure, and doing what it says starts the node.
     */
    @Test
    void aNodeWhoseIndexIsDamagedSaysSoOnReadyHealthAndMetricsAndStopsSayingWhatToDo(@TempDir Path folder)
            throws Exception {
        TestDatabase.seededIn(folder).close();
        Path index = folder.resolve("dossier.index");
        damage(index);
        int port = Ports.free();
        int metricsPort = Ports.free();
        // The stop of a failed start keeps its port for the shutdown delay, as any stop does: long
        // enough to be asked on a busy machine.
        OperationsSettings delayed = new OperationsSettings(metricsPort, "127.0.0.1",
                OperationsSettings.DEFAULT_MAX_INDEX_LAG, Duration.ofSeconds(2), 0, Duration.ofSeconds(60),
                Duration.ofSeconds(6));
        Logger log = (Logger) LoggerFactory.getLogger(OpeningSearchEngine.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        log.addAppender(logged);
        CompletableFuture<OperatedCatalogue> starting = CompletableFuture.supplyAsync(
                () -> OperatedCatalogue.start(TestDatabase.in(folder), index, delayed, port));
        try {
            Http http = new Http("http://127.0.0.1:" + port);
            Http operators = new Http("http://127.0.0.1:" + metricsPort);
            String said = OpeningSearchEngine.COULD_NOT_OPEN + OpeningFailure.DAMAGED.words();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            HttpResponse<String> ready = null;
            while (ready == null || !ready.body().contains(said)) {
                assertTrue(System.nanoTime() < deadline, "never said: " + (ready == null ? "nothing" : ready.body()));
                assertFalse(starting.isDone() && !Ports.acceptsConnections(port),
                        "stopped without saying it: " + (ready == null ? "nothing" : ready.body()));
                ready = Ports.acceptsConnections(port) ? http.get(Health.READINESS) : null;
                Thread.sleep(20);
            }
            HttpResponse<String> health = http.get(Health.LIVENESS);
            HttpResponse<String> inFull = operators.get(Health.READINESS);
            String metrics = operators.get(MetricsServer.PATH).body();

            assertEquals(503, ready.statusCode(), ready.body());
            JsonNode body = JSON.readTree(ready.body());
            assertEquals(Health.FAILED, body.get("status").asText(), ready.body());
            assertEquals(said, body.get("phase").asText(), ready.body());
            JsonNode indexCheck = body.get("checks").get("index");
            assertFalse(indexCheck.get("ok").asBoolean(), ready.body());
            assertTrue(indexCheck.get("details").get("failed").asBoolean(), ready.body());
            assertFalse(ready.body().contains("checksum") || ready.body().contains(index.toString()),
                    "the public port quotes neither Lucene nor the server's folders: " + ready.body());

            assertEquals(503, health.statusCode(), health.body());
            JsonNode alive = JSON.readTree(health.body());
            assertEquals(Health.FAILED, alive.get("status").asText(), health.body());
            assertEquals(said, alive.get("phase").asText(), health.body());

            assertEquals(503, inFull.statusCode(), inFull.body());
            assertTrue(JSON.readTree(inFull.body()).get("checks").get("index").get("details").get("detail").asText()
                    .contains("could not be opened: " + OpeningFailure.DAMAGED.words()), inFull.body());
            assertTrue(metrics.contains("dossier_index_failed 1.0"), metrics);
            assertTrue(metrics.contains("dossier_index_open 0.0"), metrics);

            Throwable failed = assertThrows(Exception.class, starting::join).getCause().getCause();
            assertTrue(failed.getMessage().startsWith("the search index " + index + " could not be opened: "
                    + OpeningFailure.DAMAGED.words()), failed.getMessage());
            assertTrue(failed.getMessage().contains("remove the folder and start again"), failed.getMessage());
            assertFalse(failed.getMessage().contains("checksum"), "in its own words: " + failed.getMessage());
            ILoggingEvent cause = logged.list.stream().filter(e -> e.getFormattedMessage().contains("could not be opened"))
                    .findFirst().orElseThrow(() -> new AssertionError("not logged: " + logged.list));
            assertEquals("ERROR", cause.getLevel().toString());
            boolean lucenes = false;
            for (IThrowableProxy t = cause.getThrowableProxy(); t != null && !lucenes; t = t.getCause()) {
                lucenes = t.getClassName().startsWith("org.apache.lucene.index.Corrupt");
            }
            assertTrue(lucenes, "the log keeps Lucene's failure: " + cause);
        } finally {
            log.detachAppender(logged);
            starting.handle((node, e) -> node).thenAccept(node -> {
                if (node != null) {
                    node.close();
                }
            }).join();
        }

        // What the start said to do: the folder removed, the next start rebuilds it and is ready.
        TestCatalogue.deleteRecursively(index);
        try (OperatedCatalogue rebuilt = OperatedCatalogue.start(TestDatabase.in(folder), index,
                new OperationsSettings(null, "127.0.0.1", OperationsSettings.DEFAULT_MAX_INDEX_LAG, Duration.ZERO))) {
            OperatedCatalogue.awaitReady(rebuilt.http());
            assertEquals(200, rebuilt.http().get(Health.LIVENESS).statusCode());
        } finally {
            TestDatabase.forget(folder);
        }
    }

    /**
     * An opening that dies of an Error (the heap run out) ends the wait for it with a failure that
     * says so, and readiness says the index could not be opened, rather than that it is being
     * checked or rebuilt, for good. No real heap is run out here: the opener throws what the JVM
     * would, as an opener given to the engine may (HealthTest holds one at a phase the same way).
     */
    @Test
    void anOpeningThatRunsOutOfHeapFailsTheStartAndReadinessSaysSoForGood() throws Exception {
        try (TestDatabase db = TestDatabase.withAuthorities();
             Database database = Database.open(db.address())) {
            OpeningSearchEngine opening = OpeningSearchEngine.later(closing -> {
                throw new OutOfMemoryError("Java heap space");
            });
            opening.begin();
            IOException failed = assertTimeoutPreemptively(Duration.ofSeconds(60),
                    () -> assertThrows(IOException.class, opening::awaitOpen), "the start waited for ever");
            assertTrue(failed.getMessage().contains(OpeningFailure.HEAP.words()), failed.getMessage());
            assertTrue(failed.getMessage().contains("-Xmx"), failed.getMessage());

            Metrics metrics = new Metrics();
            Readiness readiness = new Readiness(database, metrics.measure(opening), 0,
                    new WarmUp(0, Duration.ofSeconds(60)), new FirstImport(), Clock.systemUTC());
            try {
                String said = OpeningSearchEngine.COULD_NOT_OPEN + OpeningFailure.HEAP.words();
                Readiness.Report report = readiness.check();
                assertFalse(report.ready());
                assertEquals(said, report.phase());
                assertEquals(true, report.checks().get("index").details().get("failed"), report.toString());
                assertEquals(java.util.Optional.of(said), readiness.failure());
                Health.Answer answer = new Health(BuildInfo.current(), readiness).readiness(false);
                assertEquals(503, answer.status());
                assertEquals(Map.of("status", Health.FAILED, "phase", said), Map.of("status", answer.body().get("status"),
                        "phase", answer.body().get("phase")));
                assertEquals(1.0, metrics.registry().get("dossier.index.failed").gauge().value());
                assertThrows(SearchUnavailableException.class, () -> opening.search(SearchRequest.everything(10)));
            } finally {
                readiness.close();
                metrics.close();
                opening.close();
            }
        }
    }

    /**
     * An opening that gives up because the node is stopping (an opener waiting for Solr to answer
     * does) is no failure of the index: nothing is said to have failed, and the log says nothing of it.
     */
    @Test
    void anOpeningGivenUpForAStopIsNoFailureOfTheIndex() throws Exception {
        java.util.concurrent.CountDownLatch waiting = new java.util.concurrent.CountDownLatch(1);
        OpeningSearchEngine opening = OpeningSearchEngine.later(closing -> {
            waiting.countDown();
            while (!closing.getAsBoolean()) {
                java.util.concurrent.locks.LockSupport.parkNanos(10_000_000);
            }
            throw new IOException("the server stopped before Solr answered");
        });
        try (org.dossier.testing.AskedToLog log = org.dossier.testing.AskedToLog.by(OpeningSearchEngine.class)) {
            opening.begin();
            waiting.await();
            opening.close();
            assertEquals(java.util.Optional.empty(), opening.failure());
            assertEquals(0, log.count("could not be opened"), "nothing said of a failure");
        }
    }
}
