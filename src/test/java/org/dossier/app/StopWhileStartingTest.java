package org.dossier.app;

import static org.dossier.db.Tables.DOCUMENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dossier.testing.TestCatalogue;
import org.dossier.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A SIGTERM while {@code serve} starts (systemd, {@code docker stop}, an orchestrator giving up on a
 * slow first start): the stop hook was set only once the start was over, so the process ended
 * without a word of what it had been doing or of what the next start would do. Run as an operator
 * runs it, in a JVM of its own ({@link CommandOutputTest#java}), on SQLite and on PostgreSQL.
 */
class StopWhileStartingTest {

    @TempDir
    Path folder;

    /**
     * The import is held by a seed page that is a named pipe nobody writes to: the import waits to
     * read it, its port open and {@code /ready} saying 503, for as long as the test likes.
     */
    @Test
    void aSigtermDuringTheFirstStartsImportSaysInOneLineThatNothingWasKeptAndTheNextStartImportsAgain()
            throws Exception {
        DatabaseAddress database = TestDatabase.in(folder);
        Path seeds = Files.createDirectories(folder.resolve("seeds"));
        try (var pages = Files.list(TestCatalogue.SEEDS)) {
            for (Path page : pages.filter(p -> p.toString().endsWith(".txt")).toList()) {
                Files.copy(page, seeds.resolve(page.getFileName()));
            }
        }
        Process fifo = new ProcessBuilder("mkfifo", seeds.resolve("zz-still-coming.txt").toString()).start();
        assertEquals(0, fifo.waitFor(), "mkfifo");
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path log = folder.resolve("serve.log");
        Process node = CommandOutputTest.java(List.of("serve", "--db", database.text(), "--index",
                        folder.resolve("index").toString(), "--host", "127.0.0.1", "--port", Integer.toString(port),
                        "--seeds", seeds.toString(), "--warm-up", "0"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ready")).build();
            // A JVM of its own, started while other classes run: how long it may take, not a measure of speed.
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (true) {
                assertTrue(System.nanoTime() < deadline && node.isAlive(),
                        () -> "the node never said it was importing:\n" + CommandOutputTest.read(log));
                try {
                    HttpResponse<String> answer = http.send(ready, HttpResponse.BodyHandlers.ofString());
                    if (answer.statusCode() == 503 && answer.body().contains("the seed pages are being imported")) {
                        break;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(100);
            }

            node.destroy(); // SIGTERM
            assertTrue(node.waitFor(60, TimeUnit.SECONDS), "the node did not stop:\n" + CommandOutputTest.read(log));
            String said = CommandOutputTest.read(log);
            assertEquals(143, node.exitValue(), "as a stop while serving ends (128 + SIGTERM):\n" + said);
            assertTrue(said.contains("Stopped before it served, during the first start's import of the seed pages: "
                    + "none of it was kept, and the next start imports them again"), said);
            assertFalse(said.contains("\tat ") || said.contains("Exception"), said);
        } finally {
            node.destroyForcibly();
        }
        try (Database db = Database.open(database)) {
            assertEquals(0, db.dsl().fetchCount(DOCUMENT), "nothing of the import was kept");
        } finally {
            TestDatabase.forget(folder);
        }
    }
}
