package org.dossier.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dossier.search.LuceneSearchEngine;
import org.dossier.testing.TestCatalogue;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The server as a process of its own, configured from the environment, told to stop with SIGTERM
 * while a request is in flight: it stops taking new ones, finishes that one, closes the index.
 */
class GracefulShutdownTest {

    @Test
    void onSigtermARequestInFlightIsAnsweredNewOnesAreNotAndTheIndexIsClosedCleanly() throws Exception {
        Path folder = Files.createTempDirectory("dossier-sigterm-");
        Path db = folder.resolve("dossier.db");
        assertEquals(0, org.dossier.app.Main.run("import", "--db", db.toString(), TestCatalogue.SEEDS.toString()));
        assertEquals(0, org.dossier.app.Main.run("generate", "--db", db.toString(), "--count", "6000",
                "--seeds", TestCatalogue.SEEDS.toString()));
        List<String> output = Collections.synchronizedList(new ArrayList<>());
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), "org.dossier.app.Main", "serve")
                .redirectErrorStream(true);
        builder.environment().put("DOSSIER_DB", db.toString());
        builder.environment().put("DOSSIER_PORT", "0");
        builder.environment().put("DOSSIER_HOST", "127.0.0.1");
        builder.environment().put("DOSSIER_SEEDS", TestCatalogue.SEEDS.toString());
        builder.environment().put("DOSSIER_SHUTDOWN_GRACE", "20");
        Process server = builder.start();
        try {
            int port = awaitPort(server, output);

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

                server.destroy(); // SIGTERM
                awaitLine(output, "Stopping Javalin");
                Thread.sleep(500);
                assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close(),
                        "a stopping server takes no new connections");

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
            assertTrue(server.waitFor(60, TimeUnit.SECONDS), "the server stopped");
            assertEquals(143, server.exitValue(), String.join("\n", output));
            assertTrue(output.stream().anyMatch(l -> l.contains("DossierApp - Stopped")), String.join("\n", output));
            assertFalse(output.stream().anyMatch(l -> l.contains(" ERROR ")), String.join("\n", output));
        } finally {
            server.destroyForcibly();
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
        assertTrue(logged.list.stream().noneMatch(e -> e.getFormattedMessage().startsWith("Rebuilding")),
                logged.list.toString());
    }

    private static int awaitPort(Process server, List<String> output) throws Exception {
        Pattern serving = Pattern.compile("Dossier is serving .* at http://[^:]+:(\\d+)/");
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    output.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "server-output");
        reader.setDaemon(true);
        reader.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            for (String line : List.copyOf(output)) {
                Matcher m = serving.matcher(line);
                if (m.find()) {
                    return Integer.parseInt(m.group(1));
                }
            }
            if (!server.isAlive()) {
                throw new AssertionError("the server ended:\n" + String.join("\n", output));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the server did not start:\n" + String.join("\n", output));
    }

    private static void awaitLine(List<String> output, String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (List.copyOf(output).stream().anyMatch(l -> l.contains(text))) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no line '" + text + "' in:\n" + String.join("\n", output));
    }
}
