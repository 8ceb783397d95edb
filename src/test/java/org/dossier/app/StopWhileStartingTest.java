package org.dossier.app;

import static org.dossier.db.Tables.DOCUMENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dossier.testing.AppJvm;
import org.dossier.testing.Ports;
import org.dossier.testing.RawHttp;
import org.dossier.testing.TestCatalogue;
import org.dossier.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A SIGTERM while {@code serve} starts (systemd, {@code docker stop}, an orchestrator giving up on a
 * slow first start): the stop hook was set only once the start was over, so the process ended
 * without a word of what it had been doing or of what the next start would do. Run as an operator
 * runs it, in a JVM of its own ({@link AppJvm}), on SQLite and on PostgreSQL. The
 * test's requests are each on a connection closed after it ({@link RawHttp}): a stop waits a second
 * for a client's idle keep-alive connection to close, which is not what these tests pin.
 */
class StopWhileStartingTest {

    @TempDir
    Path folder;

    /** A node whose first start imports for as long as the test likes, its port open. */
    private record Importing(Process node, int port, Path log, DatabaseAddress database) {
    }

    /**
     * The import is held by a seed page that is a named pipe nobody writes to: the import waits to
     * read it, its port open and {@code /ready} saying 503, for as long as the test likes.
     */
    private Importing importingForever() throws Exception {
        DatabaseAddress database = TestDatabase.in(folder);
        Path seeds = Files.createDirectories(folder.resolve("seeds"));
        try (var pages = Files.list(TestCatalogue.SEEDS)) {
            for (Path page : pages.filter(p -> p.toString().endsWith(".txt")).toList()) {
                Files.copy(page, seeds.resolve(page.getFileName()));
            }
        }
        Process fifo = new ProcessBuilder("mkfifo", seeds.resolve("zz-still-coming.txt").toString()).start();
        assertEquals(0, fifo.waitFor(), "mkfifo");
        int port = Ports.free();
        Path log = folder.resolve("serve.log");
        Process node = AppJvm.of(List.of("serve", "--db", database.text(), "--index",
                        folder.resolve("index").toString(), "--host", "127.0.0.1", "--port", Integer.toString(port),
                        "--seeds", seeds.toString(), "--warm-up", "0"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        // A JVM of its own, started while other classes run: how long it may take, not a measure of speed.
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (true) {
            assertTrue(System.nanoTime() < deadline && node.isAlive(),
                    () -> "the node never said it was importing:\n" + CommandOutputTest.read(log));
            try {
                RawHttp.Response answer = RawHttp.send(port, "GET /ready HTTP/1.1", "Host: 127.0.0.1");
                if (answer.status() == 503 && answer.body().contains("the seed pages are being imported")) {
                    return new Importing(node, port, log, database);
                }
            } catch (UncheckedIOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
    }

    private static final String STOPPED_DURING_IMPORT = "Stopped before it served, during the first start's import of "
            + "the seed pages: none of it was kept, and the next start imports them again";

    /** The node ended as a stop ends, saying in one line what it interrupted, and kept none of the import. */
    private static void stoppedDuringTheImport(Importing importing) throws Exception {
        Process node = importing.node();
        assertTrue(node.waitFor(60, TimeUnit.SECONDS), "the node did not stop:\n" + CommandOutputTest.read(importing.log()));
        String said = CommandOutputTest.read(importing.log());
        assertEquals(143, node.exitValue(), "as a stop while serving ends (128 + SIGTERM):\n" + said);
        assertEquals(1, said.split(java.util.regex.Pattern.quote(STOPPED_DURING_IMPORT), -1).length - 1, said);
        assertFalse(said.contains("\tat ") || said.contains("Exception"), said);
        try (Database db = Database.open(importing.database())) {
            assertEquals(0, db.dsl().fetchCount(DOCUMENT), "nothing of the import was kept");
        }
    }

    @Test
    void aSigtermDuringTheFirstStartsImportSaysInOneLineThatNothingWasKeptAndTheNextStartImportsAgain()
            throws Exception {
        Importing importing = importingForever();
        try {
            importing.node().destroy(); // SIGTERM
            stoppedDuringTheImport(importing);
        } finally {
            importing.node().destroyForcibly();
            TestDatabase.forget(folder);
        }
    }

    /**
     * A request being answered when the SIGTERM comes (a form whose body is still on its way: in
     * flight for as long as the test likes) is answered before the port closes. The stop ended the
     * process at once, and the reader's connection was cut.
     */
    @Test
    void aSigtermDuringTheFirstStartsImportLetsTheRequestsBeingAnsweredFinishFirst() throws Exception {
        Importing importing = importingForever();
        Process node = importing.node();
        try (Socket reader = new Socket("127.0.0.1", importing.port())) {
            reader.setSoTimeout(30_000);
            String form = "username=alice&password=not-her-password";
            OutputStream out = reader.getOutputStream();
            out.write(("POST /admin/login HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + form.length() + "\r\n\r\n"
                    + form.substring(0, 10)).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // A request on another connection, answered: the server has read this one's headers by now.
            assertEquals(200, RawHttp.send(importing.port(), "GET /health HTTP/1.1", "Host: 127.0.0.1").status());

            node.destroy(); // SIGTERM
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (Ports.acceptsConnections(importing.port()) && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            assertFalse(Ports.acceptsConnections(importing.port()), "a stopping node takes no new connections");
            assertTrue(node.isAlive(), "the stop waits for the request in flight:\n" + CommandOutputTest.read(importing.log()));
            out.write(form.substring(10).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = new String(reader.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 503"), answer);
            assertTrue(answer.contains("The catalogue is being loaded"), answer);
            stoppedDuringTheImport(importing);
        } finally {
            node.destroyForcibly();
            TestDatabase.forget(folder);
        }
    }
}
