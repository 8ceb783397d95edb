package org.dossier.app;

import static org.dossier.db.Tables.DOCUMENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ConnectException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.dossier.importing.ImportRejectedException;
import org.dossier.testing.HeldFirstStart;
import org.dossier.testing.Ports;
import org.dossier.testing.TestCatalogue;
import org.dossier.testing.TestDatabase;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A first start on an empty database imports the seed pages with its port already open: a health
 * check finds the node alive and not ready, a reader a 503 that says the catalogue is being loaded
 * (a node that imported first and listened after was "connection refused" for as long as the import
 * took). The import is held by a transaction of the test's own on the row every import takes first,
 * as another node's first import would hold it ({@link HeldFirstStart}); on SQLite and on PostgreSQL.
 * The page a browser shows meanwhile is checked with axe where the browsers run, in
 * AccessibilityBrowserTest: a browser test here waited, holding one of the three workers, for the
 * one Chromium while the browser classes had it (BENCHMARKS.md, the nineteenth round).
 */
class FirstStartTest {

    private static final ObjectMapper JSON = new ObjectMapper();

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
        Settings settings = Settings.of(TestDatabase.in(folder), "127.0.0.1", port).withSeeds(seeds)
                .withIndex(folder.resolve("dossier.index"));
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
