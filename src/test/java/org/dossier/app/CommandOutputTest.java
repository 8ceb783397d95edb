package org.dossier.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dossier.testing.AppJvm;
import org.dossier.testing.Ports;
import org.dossier.testing.RawHttp;
import org.dossier.testing.SameOnEveryDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a command prints, run as an operator runs it: in a JVM of its own started by
 * {@link Main#main} ({@link AppJvm}), with the log configuration the jar has (the test JVMs quiet
 * their log, so in-process runs cannot show this). A command's standard output is its answer; its log goes to
 * standard error; and neither the server's log nor a command's carries the libraries' chatter.
 */
@SameOnEveryDatabase
class CommandOutputTest {

    /** Lines the libraries said at INFO on every start, and /ready every five seconds. */
    private static final List<String> CHATTER = List.of("Thank you for using jOOQ", "jOOQ tip of the day",
            "com.zaxxer.hikari", "FlywayExecutor", "@@@@@@@@@@", "you never started it");

    @TempDir
    Path folder;

    @Test
    void userListPrintsOnlyTheAccountsOnStandardOutputAndItsLogOnStandardError() throws Exception {
        // The list of a file that is not there runs beside the two commands on another: a JVM's start
        // is most of each command's time, and the two files have nothing to do with each other.
        Started listing = start(folder, List.of("user", "list", "--db", folder.resolve("new.db").toString()), null);
        Path created = folder.resolve("created.db");
        Finished add = run(List.of("user", "add", "--role", "admin", "--db", created.toString(), "ada"),
                "a long enough password\n");
        Finished listed = run(List.of("user", "list", "--db", created.toString()), null);
        Finished list = listing.finished();

        assertEquals(1, list.status(), list.toString());
        assertEquals("", list.out(), list.toString());
        assertEquals(0, add.status(), add.toString());
        assertEquals(List.of("Added admin 'ada' to " + created + "."), add.out().lines().toList(), add.toString());
        assertEquals(0, listed.status(), listed.toString());
        List<String> accounts = listed.out().lines().toList();
        assertEquals(1, accounts.size(), listed.toString());
        assertTrue(accounts.get(0).matches("ada +admin +active +added \\S+"), listed.toString());
        // The migrations a new file gets are still said, where an operator looks for them.
        assertTrue(add.err().contains("Successfully applied"), add.toString());
        // The second command on the file migrates nothing, and Flyway has nothing to say about it:
        // not "Successfully validated 23 migrations", nor that the schema is up to date.
        for (String flyway : List.of("flywaydb", "o.f.core", "Successfully validated", "is up to date")) {
            assertFalse(listed.err().contains(flyway), flyway + " in " + listed);
        }
        for (Finished finished : List.of(add, listed)) {
            for (String chatter : CHATTER) {
                assertFalse(finished.err().contains(chatter), chatter + " in " + finished);
            }
        }
    }

    /**
     * A new catalogue on a disk that fills up while it is migrated said "could not be brought to this
     * version's schema (Unable to commit transaction)", after Flyway's three errors that it could not
     * roll back, a hundred lines of stack traces. It says the disk is full, and what to do, in one
     * line; and it takes away the file it made, its write-ahead log and the folder it made for it,
     * which were left behind holding the disk full. A real full disk: a small tmpfs, which only root
     * may mount (skipped otherwise).
     */
    @Test
    void aNewCatalogueOnAFullDiskSaysTheDiskIsFullInOneLineAndLeavesNothingBehind() throws Exception {
        Path small = smallDisk();
        try {
            Path created = small.resolve("catalogues").resolve("dossier.db");
            Finished add = run(List.of("user", "add", "--db", created.toString(), "ada"), "a long enough password\n");
            assertEquals(1, add.status(), add.toString());
            assertTrue(add.err().contains("The disk of the database " + created + " is full"), add.toString());
            assertTrue(add.err().contains("Free space on that disk, or give --db a file on another"), add.toString());
            assertFalse(add.err().contains("\tat "), "no stack trace:\n" + add);
            assertFalse(add.err().contains("Unable to rollback"), add.toString());
            try (var left = Files.list(small)) {
                assertEquals(List.of(), left.toList(), "nothing of the new catalogue is left on the disk:\n" + add);
            }
        } finally {
            new ProcessBuilder("umount", small.toString()).start().waitFor();
        }
    }

    /**
     * An empty file that was there before (made by {@code touch}, to be a catalogue) is a new
     * catalogue to migrate, but not this command's to take away when the disk fills up: it stays.
     */
    @Test
    void aFileThatWasThereBeforeIsNeverTakenAwayWhenItsSetupFails() throws Exception {
        Path small = smallDisk();
        try {
            Path existing = Files.createFile(small.resolve("dossier.db"));
            Finished add = run(List.of("user", "add", "--db", existing.toString(), "ada"), "a long enough password\n");
            assertEquals(1, add.status(), add.toString());
            assertTrue(add.err().contains("The disk of the database " + existing + " is full"), add.toString());
            assertTrue(Files.exists(existing), "the file that was there is still there:\n" + add);
        } finally {
            new ProcessBuilder("umount", small.toString()).start().waitFor();
        }
    }

    /** A real disk of 64 KB that fills up: a tmpfs, which only root may mount (the test is skipped otherwise). */
    private Path smallDisk() throws Exception {
        Path small = Files.createDirectories(folder.resolve("small-disk"));
        org.junit.jupiter.api.Assumptions.assumeTrue(new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs",
                small.toString()).redirectErrorStream(true).start().waitFor() == 0, "cannot mount a tmpfs here");
        return small;
    }

    /**
     * The logs of two servers, each started and stopped by SIGTERM: one with its defaults, which two
     * tests read, and one that logs JSON. Both JVMs run at once, the first time a test asks (a JVM's
     * start is most of a server's time here, and the two share nothing but the machine).
     */
    private record ServersLogs(String plain, String json) {
    }

    private static ServersLogs serversLogs;

    private ServersLogs serversLogs() throws Exception {
        if (serversLogs == null) {
            Node plain = startNode("plain", List.of());
            Node json = null;
            try {
                json = startNode("json", List.of("--log-format", "json"));
                json.awaitReady();
                assertEquals(200, RawHttp.send(json.port(), "GET /search?q=hushhushword HTTP/1.1", "Host: 127.0.0.1",
                        "Cookie: dossier_session=cookievalue").status());
                json.stop();
                plain.awaitReady();
            } finally {
                if (json != null) {
                    json.stop();
                }
                plain.stop();
            }
            String plainLog = read(plain.log());
            String jsonLog = read(json.log());
            serversLogs = new ServersLogs(plainLog, jsonLog);
        }
        return serversLogs;
    }

    private String plainServersLog() throws Exception {
        return serversLogs().plain();
    }

    @Test
    void theServersLogSaysWhatItDidWithoutTheLibrariesChatter() throws Exception {
        String said = plainServersLog();
        assertTrue(said.contains("Successfully applied"), said);
        assertTrue(said.contains("GET /ready 200"), said);
        for (String chatter : CHATTER) {
            assertFalse(said.contains(chatter), chatter + " in\n" + said);
        }
    }

    /**
     * Stopped by SIGTERM, a server's log ended at Jetty's "Shutdown": logback's own shutdown hook ran
     * beside the server's and stopped the log first, so what the stop did — the requests it let
     * finish, the index closed, anything that went wrong — was never written.
     */
    @Test
    void aServerStoppedBySigtermLogsItsStopToTheEnd() throws Exception {
        String said = plainServersLog();
        assertTrue(said.contains("The server has stopped taking requests; closing the search index"), said);
        assertTrue(said.strip().endsWith("Stopped"), said);
    }

    @Test
    void theServersJsonLogIsOneJsonObjectALineWithoutWhatWasSearchedOrTheCookie() throws Exception {
        String said = serversLogs().json();
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        List<String> lines = said.lines().filter(line -> !line.isBlank()).toList();
        for (String line : lines) {
            try {
                assertTrue(json.readTree(line).isObject(), line);
            } catch (IOException e) {
                throw new AssertionError("not one JSON object: " + line + "\nin\n" + said, e);
            }
        }
        assertTrue(lines.stream().anyMatch(line -> line.contains("Dossier is serving")), said);
        assertTrue(said.contains("\"path\":\"\\/search\""), said);
        assertFalse(said.contains("hushhushword") || said.contains("cookievalue"), said);
    }

    /**
     * A server started, with {@code options}, on an empty catalogue of its own (an empty seeds
     * folder: quick to start), its log kept. Each request is on a connection closed after it
     * ({@link RawHttp}): the stop waits a second for a client's idle keep-alive connection to close
     * (Jetty's shutdown idle timeout), which a log of what the stop did need not wait for.
     */
    private Node startNode(String name, List<String> options) throws Exception {
        int port = Ports.free();
        Path log = Files.createTempFile(folder, name, ".log");
        Path noSeeds = Files.createDirectories(folder.resolve("no-seeds"));
        List<String> args = new ArrayList<>(List.of("serve", "--db", folder.resolve(name + ".db").toString(), "--host",
                "127.0.0.1", "--port", Integer.toString(port), "--seeds", noSeeds.toString(), "--warm-up", "0"));
        args.addAll(options);
        return new Node(port, log, AppJvm.of(args).redirectErrorStream(true).redirectOutput(log.toFile()).start());
    }

    private record Node(int port, Path log, Process process) {

        /** Waits until /ready says 200 twice. */
        void awaitReady() throws Exception {
            // A JVM of its own, started while other classes run: how long it may take, not a measure of speed.
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            int probes = 0;
            while (probes < 2) {
                assertTrue(System.nanoTime() < deadline && process.isAlive(), () -> "the server did not start:\n" + read(log));
                try {
                    if (RawHttp.send(port, "GET /ready HTTP/1.1", "Host: 127.0.0.1").status() == 200) {
                        probes++;
                    }
                } catch (UncheckedIOException notYet) {
                    Thread.sleep(100);
                }
            }
        }

        /** Stops the server by SIGTERM, and waits for it to end. */
        void stop() throws InterruptedException {
            process.destroy();
            process.waitFor(60, TimeUnit.SECONDS);
            process.destroyForcibly();
        }
    }

    record Finished(int status, String out, String err) {
        @Override
        public String toString() {
            return "exit " + status + "\n--- standard output:\n" + out + "--- standard error:\n" + err;
        }
    }

    private Finished run(List<String> args, String input) throws Exception {
        return run(folder, args, input);
    }

    /** Runs a command in a JVM of its own ({@link AppJvm}), {@code input} on its standard input, its output kept in {@code folder}. */
    static Finished run(Path folder, List<String> args, String input) throws Exception {
        return start(folder, args, input).finished();
    }

    /** A command started in a JVM of its own, as {@link #run} starts it, not yet waited for. */
    record Started(List<String> args, Process command, Path out, Path err) {

        /** Waits for the command to end: what it said and its exit status. */
        Finished finished() throws InterruptedException {
            assertTrue(command.waitFor(5, TimeUnit.MINUTES), "the command did not end: " + args);
            return new Finished(command.exitValue(), read(out), read(err));
        }
    }

    /** Starts a command as {@link #run} does, and returns without waiting for it. */
    static Started start(Path folder, List<String> args, String input) throws Exception {
        Path out = Files.createTempFile(folder, "out", ".txt");
        Path err = Files.createTempFile(folder, "err", ".txt");
        Process command = AppJvm.of(args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try (var stdin = command.getOutputStream()) {
            if (input != null) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
        }
        return new Started(args, command, out, err);
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(could not read " + file + ": " + e.getMessage() + ")";
        }
    }
}
