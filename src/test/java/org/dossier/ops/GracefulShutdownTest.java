package org.dossier.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.dossier.search.LuceneSearchEngine;
import org.dossier.testing.Logged;
import org.dossier.testing.Ports;
import org.dossier.testing.TestCatalogue;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.dossier.testing.SameOnEveryDatabase;
import org.dossier.testing.StartedFirst;

/**
 * A server told to stop (what `serve` does on SIGTERM) while a request is in flight: it stops
 * taking new connections, finishes that request, then closes the index cleanly.
 */
@SameOnEveryDatabase
@StartedFirst(seconds = 9)
class GracefulShutdownTest {
    // The SIGTERM hook itself (ServeCommand) calls DossierApp.close(), which this test calls directly:
    // a process started from the test JVM did not receive the signal's hook in this environment.

    @Test
    @org.junit.jupiter.api.parallel.ResourceLock(org.dossier.testing.SearchEngineLog.LEVEL)
    void onStopARequestInFlightIsAnsweredNewOnesAreNotAndTheIndexIsClosedCleanly() throws Exception {
        Path folder = Files.createTempDirectory("dossier-sigterm-");
        Path db = folder.resolve("dossier.db");
        assertEquals(0, org.dossier.app.Main.run("import", "--db", db.toString(), TestCatalogue.SEEDS.toString()));
        assertEquals(0, org.dossier.app.Main.run("generate", "--db", db.toString(), "--count", "6000",
                "--seeds", TestCatalogue.SEEDS.toString()));
        OperatedCatalogue server = OperatedCatalogue.start(db, null,
                new OperationsSettings(null, null, 1_000, java.time.Duration.ofSeconds(20)));
        java.util.concurrent.ExecutorService stopping = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            int port = server.app().port();
            java.util.concurrent.Future<?> stopped;
            // A reader downloads every hit as CSV through a small window: the export is still
            // being written when the server is told to stop.
            try (Socket reader = new Socket()) {
                reader.setReceiveBufferSize(2048);
                reader.connect(new java.net.InetSocketAddress("127.0.0.1", port));
                reader.getOutputStream().write(("GET /search.csv HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                InputStream in = reader.getInputStream();
                java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
                body.write(in.readNBytes(4096));

                // What the SIGTERM hook of `serve` does.
                stopped = stopping.submit(server::close);
                // The connector closes as the stop begins; on a busy machine that can take a moment.
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (Ports.acceptsConnections(port) && System.nanoTime() < until) {
                    Thread.sleep(50);
                }
                assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close(),
                        "a stopping server takes no new connections");
                assertFalse(stopped.isDone(), "the stop waits for the request in flight");

                byte[] chunk = new byte[65536];
                String end = "\r\n0\r\n\r\n";
                for (int n; (n = in.read(chunk)) > 0; ) {
                    body.write(chunk, 0, n);
                    String tail = body.toString(StandardCharsets.ISO_8859_1);
                    if (tail.endsWith(end)) {
                        break;
                    }
                }
                String response = body.toString(StandardCharsets.UTF_8);
                assertTrue(response.startsWith("HTTP/1.1 200"), response.substring(0, Math.min(500, response.length())));
                assertTrue(response.endsWith(end), "the whole export arrived, to its last chunk");
                assertTrue(body.size() > 1_000_000, "big enough to have been in flight: " + body.size());
            }
            stopped.get(60, TimeUnit.SECONDS);
        } finally {
            stopping.shutdownNow();
        }

        // Closed cleanly: the next start finds the index in step with the database, nothing to rebuild.
        Logger search = (Logger) LoggerFactory.getLogger(LuceneSearchEngine.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        search.addAppender(logged);
        search.setLevel(Level.INFO);
        try (OperatedCatalogue again = OperatedCatalogue.start(db, null, OperationsSettings.DEFAULT)) {
            assertEquals(200, again.http().get(Health.READINESS).statusCode());
        } finally {
            search.detachAppender(logged);
            search.setLevel(null);
            TestCatalogue.deleteRecursively(folder);
        }
        // Its own index's lines only: other test classes start servers at the same time.
        assertTrue(Logged.events(logged).stream().map(ILoggingEvent::getFormattedMessage)
                        .noneMatch(m -> m.startsWith("Rebuilding") && m.contains(folder.toString())),
                Logged.events(logged).toString());
    }

    @Test
    void withAShutdownDelayAStoppingNodeSays503OnReadyAndGoesOnServingUntilTheDelayIsOver() throws Exception {
        java.time.Duration delay = java.time.Duration.ofSeconds(3);
        OperatedCatalogue server = OperatedCatalogue.withSeeds(new OperationsSettings(null, null, 1_000,
                java.time.Duration.ZERO, 0, java.time.Duration.ofSeconds(60), delay));
        java.util.concurrent.ExecutorService stopping = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            assertEquals(200, server.http().get(Health.READINESS).statusCode());
            int port = server.app().port();
            long asked = System.nanoTime();
            java.util.concurrent.Future<?> stopped = stopping.submit(server::close);
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            java.net.http.HttpResponse<String> ready;
            while ((ready = server.http().get(Health.READINESS)).statusCode() != 503) {
                assertTrue(System.nanoTime() < until, "/ready never said 503");
                Thread.sleep(20);
            }
            assertTrue(ready.body().contains("\"status\":\"stopping\"") && ready.body().contains("\"phase\":\"Stopping\""),
                    ready.body());
            var page = server.http().get("/");
            assertTrue(System.nanoTime() - asked < delay.toNanos(), "checked within the delay: the machine was too slow");
            assertEquals(200, page.statusCode(), "a reader the balancer still sends is answered");
            assertFalse(stopped.isDone(), "the stop waits out the delay");
            stopped.get(60, TimeUnit.SECONDS);
            assertTrue(System.nanoTime() - asked >= delay.toNanos(), "the connector closed only after the delay");
            assertFalse(Ports.acceptsConnections(port), "then it takes no new connections");
        } finally {
            stopping.shutdownNow();
        }
    }

    /**
     * A form still on its way when the stop began (an editor's save over a slow connection): its
     * body is gathered before a thread is given to it (web/BodyBeforeThread), outside what the
     * graceful stop counted, so the stop found nothing in flight and closed its connection at once,
     * the grace unused. It is answered, as any request in flight is.
     */
    @Test
    void aFormWhoseBodyIsStillComingWhenTheStopBeginsIsAnswered() throws Exception {
        OperatedCatalogue server = OperatedCatalogue.withSeeds(new OperationsSettings(null, null, 1_000,
                java.time.Duration.ofSeconds(20)));
        java.util.concurrent.ExecutorService stopping = java.util.concurrent.Executors.newSingleThreadExecutor();
        int port = server.app().port();
        try (Socket editor = new Socket("127.0.0.1", port)) {
            editor.setSoTimeout(30_000);
            String form = "username=alice&password=not-her-password&csrf=none";
            var out = editor.getOutputStream();
            out.write(("POST /admin/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded"
                    + "\r\nContent-Length: " + form.length() + "\r\n\r\n" + form.substring(0, 10))
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // A request on another connection, answered: the server has read this one's headers by now.
            assertEquals(200, server.http().get(Health.LIVENESS).statusCode());
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            java.util.concurrent.Future<?> stopped = stopping.submit(server::close);
            while (Ports.acceptsConnections(port) && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            assertFalse(stopped.isDone(), "the stop waits for the form in flight");
            out.write(form.substring(10).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = new String(editor.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertTrue(answer.startsWith("HTTP/1.1 ") && !answer.startsWith("HTTP/1.1 503"),
                    "the application answered it: " + answer);
            stopped.get(60, TimeUnit.SECONDS);
        } finally {
            stopping.shutdownNow();
        }
    }

    /**
     * A request the server reads only once the stop has begun, on a connection it had accepted
     * before (its header fields still coming, or its bytes waiting for a thread on a loaded
     * machine): it is answered as any request in flight is, and the connection then closed. Jetty
     * turned it away with its own "503 Something went wrong" page, which said nothing of the stop
     * (and, during a first start's import, was not the catalogue's "being loaded" page).
     */
    @Test
    void aRequestReadAfterTheStopBeganOnAConnectionAlreadyOpenIsAnsweredAndTheConnectionClosed() throws Exception {
        OperatedCatalogue server = OperatedCatalogue.withSeeds(new OperationsSettings(null, null, 1_000,
                java.time.Duration.ofSeconds(20)));
        java.util.concurrent.ExecutorService stopping = java.util.concurrent.Executors.newSingleThreadExecutor();
        int port = server.app().port();
        try (Socket reader = new Socket("127.0.0.1", port)) {
            reader.setSoTimeout(30_000);
            var out = reader.getOutputStream();
            out.write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Still-Coming: ".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertEquals(200, server.http().get(Health.LIVENESS).statusCode());
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            java.util.concurrent.Future<?> stopped = stopping.submit(server::close);
            // A byte of the header field now and then: a connection the stop finds idle is closed after a second.
            while (Ports.acceptsConnections(port) && System.nanoTime() < until) {
                out.write('a');
                out.flush();
                Thread.sleep(20);
            }
            assertFalse(stopped.isDone(), "the stop waits for the connection with a request on its way");
            out.write("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = new String(reader.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
            assertTrue(answer.contains("\"status\":\"alive\""), answer);
            assertTrue(answer.toLowerCase(java.util.Locale.ROOT).contains("connection: close"), answer);
            stopped.get(60, TimeUnit.SECONDS);
        } finally {
            stopping.shutdownNow();
        }
    }
}
