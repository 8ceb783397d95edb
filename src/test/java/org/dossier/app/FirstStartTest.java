package org.dossier.app;

import static org.dossier.db.Tables.DOCUMENT;
import static org.dossier.db.Tables.DOCUMENT_COUNT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.dossier.importing.ImportRejectedException;
import org.dossier.testing.Axe;
import org.dossier.testing.Browser;
import org.dossier.testing.Http;
import org.dossier.testing.Ports;
import org.dossier.testing.TestCatalogue;
import org.dossier.testing.TestDatabase;
import org.dossier.web.PublicUrl;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A first start on an empty database imports the seed pages with its port already open: a health
 * check finds the node alive and not ready, a reader a 503 that says the catalogue is being loaded
 * (a node that imported first and listened after was "connection refused" for as long as the import
 * took). The import is held by a transaction of the test's own on the row every import takes first,
 * as another node's first import would hold it; on SQLite and on PostgreSQL.
 */
class FirstStartTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A first start whose import waits until {@link #release}: its server listens meanwhile. */
    private static final class HeldFirstStart implements AutoCloseable {

        final Http http;
        final String baseUrl;
        private final Database holder;
        private final CountDownLatch held = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);
        private final CompletableFuture<Void> holding;
        private final DossierApp app;
        final CompletableFuture<DossierApp> started;

        HeldFirstStart(Path folder) throws Exception {
            DatabaseAddress database = TestDatabase.in(folder);
            int port = Ports.free();
            Settings settings = new Settings(database, "127.0.0.1", port, TestCatalogue.SEEDS, PublicUrl.fromRequests(),
                    null, Protection.NONE, folder.resolve("dossier.index"));
            // Built first: the migrations run, and the holder then finds the table to hold.
            app = DossierApp.build(settings, TestCatalogue.STOPS_AT_ONCE);
            holder = Database.open(database);
            holding = CompletableFuture.runAsync(() -> holder.dsl().transaction(tx -> {
                tx.dsl().update(DOCUMENT_COUNT).set(DOCUMENT_COUNT.LIVE, DOCUMENT_COUNT.LIVE)
                        .where(DOCUMENT_COUNT.ID.eq(1)).execute();
                held.countDown();
                released.await();
            }));
            assertTrue(held.await(30, TimeUnit.SECONDS), "the test holds the database");
            started = CompletableFuture.supplyAsync(() -> {
                try {
                    return app.start();
                } catch (IOException | ImportRejectedException e) {
                    throw new IllegalStateException(e);
                }
            });
            baseUrl = "http://127.0.0.1:" + port;
            http = new Http(baseUrl);
            try {
                awaitListening(port);
            } catch (Exception | AssertionError e) {
                released.countDown();
                app.close();
                holder.close();
                throw e;
            }
        }

        /** Waits for the port to take a connection: the start is on another thread. */
        private void awaitListening(int port) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Ports.acceptsConnections(port)) {
                if (started.isDone() || System.nanoTime() > deadline) {
                    throw new AssertionError("the node never listened while it imported: " + started);
                }
                Thread.sleep(50);
            }
        }

        void release() throws Exception {
            released.countDown();
            holding.get(30, TimeUnit.SECONDS);
        }

        /**
         * Lets the import go on, waits for the start to end and closes the node. Not
         * InterruptedException: a close that threw it from a try-with-resources could be suppressed
         * behind the test's own failure, and the interrupt lost; the thread keeps it instead.
         */
        @Override
        public void close() throws ExecutionException, TimeoutException {
            released.countDown();
            try {
                started.get(120, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                app.close();
                holder.close();
            }
        }
    }

    @Test
    void aFirstStartListensAtOnceSaying503UntilTheSeedsAreInThenServesThem(@TempDir Path folder) throws Exception {
        try (HeldFirstStart start = new HeldFirstStart(folder)) {
            HttpResponse<String> health = start.http.get("/health");
            assertEquals(200, health.statusCode(), health.body());
            assertEquals("alive", JSON.readTree(health.body()).get("status").asText());

            HttpResponse<String> ready = start.http.get("/ready");
            assertEquals(503, ready.statusCode(), ready.body());
            JsonNode seeds = JSON.readTree(ready.body()).get("checks").get("seeds");
            assertFalse(seeds.get("ok").asBoolean(), ready.body());
            assertEquals("the seed pages are being imported", seeds.get("details").get("loading").asText(), ready.body());
            String phase = JSON.readTree(ready.body()).get("phase").asText();
            assertTrue(phase.startsWith("Importing the seed pages: "), ready.body());

            // A page: the 503 that says why and when to come back, what was typed kept and escaped.
            HttpResponse<String> page = start.http.get("/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E");
            assertEquals(503, page.statusCode(), page.body());
            assertEquals(String.valueOf(org.dossier.ops.FirstImport.RETRY_AFTER_SECONDS),
                    page.headers().firstValue("Retry-After").orElse(""));
            assertTrue(page.body().contains("The catalogue is being loaded"), page.body());
            assertTrue(Jsoup.parse(page.body()).selectFirst("main").text().contains(
                    "This catalogue is starting for the first time and is not open yet. " + phase + "."),
                    "the page says what /ready says, from the same phase: " + page.body());
            assertTrue(page.body().contains("&lt;script&gt;alert(1)&lt;/script&gt;"), page.body());
            assertFalse(page.body().contains("<script>alert"), page.body());
            assertFalse(page.body().contains("\tat ") || page.body().contains("Exception"), page.body());
            assertEquals(503, start.http.get("/").statusCode());
            assertEquals(503, start.http.get("/admin/login").statusCode());
            // A program's address answers in JSON; the page's stylesheet is served.
            HttpResponse<String> json = start.http.get("/search.json?q=korea");
            assertEquals(503, json.statusCode(), json.body());
            assertEquals("The catalogue is being loaded", JSON.readTree(json.body()).get("error").asText());
            assertEquals(200, start.http.get("/static/dossier.css").statusCode());

            start.release();
            start.started.get(120, TimeUnit.SECONDS);
            assertEquals(200, start.http.get("/").statusCode());
            JsonNode found = JSON.readTree(start.http.get("/search.json").body());
            try (Database db = Database.open(TestDatabase.in(folder))) {
                assertEquals(db.dsl().fetchCount(DOCUMENT), found.get("total").asInt(), "every seed record is searchable");
            }
            HttpResponse<String> readyNow = start.http.get("/ready");
            assertEquals(200, readyNow.statusCode(), readyNow.body());
            assertFalse(JSON.readTree(readyNow.body()).get("checks").has("seeds"), readyNow.body());
        } finally {
            TestDatabase.forget(folder);
        }
    }

    @Test
    @ResourceLock(Browser.ONE_AT_A_TIME)
    void thePageOfACatalogueBeingLoadedPassesAxeAtBothWidths(@TempDir Path folder) throws Exception {
        try (HeldFirstStart start = new HeldFirstStart(folder); Browser browser = Browser.start()) {
            browser.open(start.baseUrl + "/search?q=korea");
            assertEquals("korea", browser.find("#site-search-q").getAttribute("value"), "what was typed is kept");
            String phase = JSON.readTree(start.http.get("/ready").body()).get("phase").asText();
            assertTrue(browser.find("main").getText().contains(phase + "."), browser.find("main").getText());
            List<String> failures = new ArrayList<>();
            for (boolean phone : new boolean[] {false, true}) {
                browser.screen(phone);
                Axe.violations(browser).forEach(v -> failures.add((phone ? "phone: " : "desktop: ") + v));
            }
            browser.desktop();
            assertTrue(failures.isEmpty(), String.join("\n", failures));
        } finally {
            TestDatabase.forget(folder);
        }
    }

    /**
     * Seed pages that cannot be imported stop the node, as before the port opened early: the start
     * fails with the problems (which `serve` prints, exit status 1: SecondServerTest), and the port is
     * closed again, not left answering 503 for ever.
     */
    @Test
    void aFirstStartWhoseSeedsCannotBeImportedStopsAndClosesItsPort(@TempDir Path folder) throws Exception {
        Path seeds = Files.createDirectories(folder.resolve("seeds"));
        Files.writeString(seeds.resolve("bad.txt"), "March 1, 1950\n\nA telegram\n\nFebruary 30, 1950\n\nAnother\n");
        int port = Ports.free();
        Settings settings = new Settings(TestDatabase.in(folder), "127.0.0.1", port, seeds, PublicUrl.fromRequests(),
                null, Protection.NONE, folder.resolve("dossier.index"));
        try {
            ImportRejectedException refused = assertThrows(ImportRejectedException.class,
                    () -> DossierApp.start(settings, TestCatalogue.STOPS_AT_ONCE));
            assertTrue(refused.problems().get(0).contains("'February 30, 1950' is not a real date"), refused.problems().toString());
            assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close(), "the port is closed");
        } finally {
            TestDatabase.forget(folder);
        }
    }
}
