package org.dossier.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.dossier.testing.AppJvm;
import org.dossier.testing.AskedToLog;
import org.dossier.testing.Http;
import org.dossier.testing.Ports;
import org.dossier.testing.SameOnEveryDatabase;
import org.dossier.testing.StartedFirst;
import org.dossier.testing.TestCatalogue;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Another process holds the SQLite file's write lock (an import, a backup, a sqlite3 shell in BEGIN
 * IMMEDIATE): a start or a command that must migrate waits its stated time for it, then stops with
 * one line that says so, and changes nothing; one with nothing to migrate does not need the lock.
 * The lock is held by a connection of this JVM, the command run as a process of its own.
 */
@SameOnEveryDatabase // a SQLite file of its own: SQLite's lock is what it is about
@StartedFirst(seconds = 35) // six JVMs of their own, a few seconds of write waits
class BesideAnotherWriterTest {

    private static final String ANOTHER_WRITER = "Another process is writing to ";

    /**
     * The write waits of the nodes and commands this class runs, each in a JVM of its own, given as
     * an operator gives them ({@code --write-wait}): a second for a node (5 s by default,
     * WriteWait.SERVER) and two for a command (30 s, WriteWait.COMMAND), apart so that each test
     * sees which of the two was waited. What is pinned is that the wait given is the wait waited
     * and said; waiting out the defaults took 70 of the class's 87 s.
     */
    private static final String NODE_WRITE_WAIT = "1s";
    private static final String COMMAND_WRITE_WAIT = "2s";
    /**
     * The first start held for three of its tries: each is its write wait and half a second, so half
     * a second's wait holds it some 2.5 s where the node's second held it 4.5 s. What is pinned is how often
     * it says so and that it says how long it waited, not which wait it waited.
     */
    private static final String FIRST_START_WRITE_WAIT = "500ms";

    @TempDir
    Path folder;

    /** A catalogue file as an older release left it: migrated up to V10 of this one's migrations. */
    private Path olderCatalogue() {
        Path file = folder.resolve("older.db");
        Flyway.configure().dataSource("jdbc:sqlite:" + file, null, null).locations(Database.MIGRATIONS).target("10")
                .load().migrate();
        return file;
    }

    /** {@code file}'s write lock, held by a connection of its own until closed ({@code mode}: IMMEDIATE, EXCLUSIVE). */
    private static WriteLock holding(Path file, String mode) throws SQLException {
        Connection writer = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement statement = writer.createStatement()) {
            statement.execute("BEGIN " + mode);
        }
        return new WriteLock(file, writer);
    }

    /** Another writer's hold on a SQLite file's write lock, as an import or a sqlite3 shell has it. */
    private record WriteLock(Path file, Connection writer) implements AutoCloseable {

        /**
         * The lock is still held: what ran meanwhile ran beside it, not after a writer that had let
         * go. Asked by a connection of its own that does not wait.
         */
        void assertStillHeld() throws SQLException {
            try (Connection probe = DriverManager.getConnection("jdbc:sqlite:" + file);
                 Statement statement = probe.createStatement()) {
                statement.execute("PRAGMA busy_timeout = 0");
                SQLException busy = assertThrows(SQLException.class, () -> statement.execute("BEGIN IMMEDIATE"),
                        "another writer holds " + file);
                assertTrue(busy.getMessage().contains("SQLITE_BUSY"), busy.getMessage());
            }
        }

        @Override
        public void close() throws SQLException {
            writer.close();
        }
    }

    private static String lastMigration(Path file) throws Exception {
        try (Connection reader = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = reader.createStatement();
             ResultSet last = statement.executeQuery("SELECT max(installed_rank) FROM flyway_schema_history")) {
            return last.next() ? last.getString(1) : null;
        }
    }

    private record Finished(int status, String said) {
    }

    private Finished run(String... args) throws Exception {
        Path said = Files.createTempFile(folder, "said", ".txt");
        Process command = AppJvm.of(List.of(args)).redirectErrorStream(true)
                .redirectOutput(said.toFile()).start();
        assertTrue(command.waitFor(5, TimeUnit.MINUTES), "the command did not end: " + String.join(" ", args));
        return new Finished(command.exitValue(), CommandOutputTest.read(said));
    }

    private Finished serve(Path db) throws Exception {
        List<String> args = new ArrayList<>(List.of("serve", "--db", db.toString(), "--index",
                folder.resolve("index").toString(), "--host", "127.0.0.1", "--port", "0", "--seeds",
                TestCatalogue.SEEDS.toString(), "--warm-up", "0", "--write-wait", NODE_WRITE_WAIT));
        return run(args.toArray(String[]::new));
    }

    /** {@code finished} said, in one line, that another process held {@code db} for the wait it was given ({@code waited}). */
    private static void saidInOneLine(Finished finished, Path db, String waited) {
        assertEquals(1, finished.status(), finished.said());
        assertTrue(finished.said().contains(ANOTHER_WRITER + db + " (an import, a backup, a sqlite3 shell; waited "
                + WriteWait.parse(waited).duration().toSeconds() + " s for it): wait for it to finish or stop it, then start "
                + "again"), finished.said());
        assertFalse(finished.said().contains("\tat ") || finished.said().contains("Exception"),
                "no stack trace:\n" + finished.said());
    }

    @Test
    void aStartThatMustMigrateBesideAnotherWriterWaitsItsWriteWaitThenSaysSoInOneLineAndMigratesNothing() throws Exception {
        Path db = olderCatalogue();
        try (WriteLock writer = holding(db, "IMMEDIATE")) {
            saidInOneLine(serve(db), db, NODE_WRITE_WAIT);
            writer.assertStillHeld();
        }
        assertEquals("10", lastMigration(db));
    }

    @Test
    void aFirstStartBesideAnotherWritersExclusiveLockSaysSoInOneLineAndImportsNothing() throws Exception {
        Path db = Files.createFile(folder.resolve("new.db"));
        try (WriteLock writer = holding(db, "EXCLUSIVE")) {
            saidInOneLine(serve(db), db, NODE_WRITE_WAIT);
            writer.assertStillHeld();
        }
        assertEquals(0, Files.size(db));
    }

    @Test
    void anImportThatMustMigrateBesideAnotherWriterWaitsACommandsWriteWaitThenSaysSoInOneLine() throws Exception {
        Path db = olderCatalogue();
        try (WriteLock writer = holding(db, "IMMEDIATE")) {
            saidInOneLine(run("import", "--db", db.toString(), "--write-wait", COMMAND_WRITE_WAIT,
                    TestCatalogue.SEEDS.toString()), db, COMMAND_WRITE_WAIT);
            writer.assertStillHeld();
        }
        assertEquals("10", lastMigration(db));
    }

    /**
     * Another process's EXCLUSIVE lock on a file not in WAL mode (a new file, or one an older
     * release left) keeps readers out too: the opening's first looks at the file, read-only, waited
     * sqlite-jdbc's own busy timeout, 3 s each, before its wait for the write lock began, so that an
     * opening told to wait a second said so after 7 s, and a node told 5 s after 12. The opening
     * waits what it was told in all. Told half a second here, it says so before one such read's
     * 3 s are over: not a measure of speed, but of which wait was waited.
     */
    @Test
    void anOpeningBesideAnotherWritersExclusiveLockWaitsItsWriteWaitInAllThenSaysSo() throws Exception {
        WriteWait wait = WriteWait.parse("500ms");
        Duration aReadsOwnBusyTimeout = Duration.ofSeconds(3);
        for (Path db : List.of(Files.createFile(folder.resolve("new.db")), olderCatalogue())) {
            try (WriteLock writer = holding(db, "EXCLUSIVE")) {
                long began = System.nanoTime();
                Database.Unavailable refused = assertThrows(Database.Unavailable.class, () -> Database.open(db, wait).close());
                Duration waited = Duration.ofNanos(System.nanoTime() - began);
                assertTrue(refused.getMessage().startsWith(ANOTHER_WRITER + db + " (an import, a backup, a sqlite3 shell; "
                        + "waited 500 ms for it)"), refused.getMessage());
                assertTrue(waited.compareTo(wait.duration()) >= 0, "it waited for the lock: " + waited);
                assertTrue(waited.compareTo(aReadsOwnBusyTimeout) < 0,
                        "it waited its write wait, not its reads' own busy timeouts: " + waited);
                writer.assertStillHeld();
            }
        }
    }

    @Test
    void aCatalogueAtThisVersionOpensWithoutTheWriteLockAnotherWriterHolds() throws Exception {
        Path db = folder.resolve("current.db");
        Database.open(db).close();
        try (WriteLock writer = holding(db, "IMMEDIATE");
             Database opened = Database.open(db, WriteWait.parse("1s"))) {
            assertEquals(lastMigration(db), opened.migrations().current().getInstalledRank() + "");
            writer.assertStillHeld();
        }
    }

    /**
     * The index's first reads (the feed's head, then every record for a rebuild) began as a writer's
     * transaction, IMMEDIATE: beside an import the start waited 5 s for the write lock and stopped.
     * Here the index folder is new, so the start reads the feed and rebuilds from every record.
     */
    @Test
    void aServeOfACatalogueAtThisVersionBesideAnotherWriterStartsAndServesReaders() throws Exception {
        Path db = folder.resolve("current.db");
        assertEquals(0, Main.run("import", "--db", db.toString(), TestCatalogue.SEEDS.toString()));
        int port = Ports.free();
        Path said = folder.resolve("serve.log");
        try (WriteLock writer = holding(db, "IMMEDIATE")) {
            Process node = AppJvm.of(List.of("serve", "--db", db.toString(), "--index",
                            folder.resolve("index").toString(), "--host", "127.0.0.1", "--port", Integer.toString(port),
                            "--warm-up", "0", "--write-wait", NODE_WRITE_WAIT,
                            // Stopped at once: with a grace, the stop waits a second (Jetty's shutdown idle
                            // timeout) for this test's idle keep-alive connection, and the stop is not what is pinned.
                            "--shutdown-grace", "0"))
                    .redirectErrorStream(true).redirectOutput(said.toFile()).start();
            try {
                Http http = new Http("http://127.0.0.1:" + port);
                awaitSaid(node, said, "Dossier is serving");
                assertEquals(200, http.get("/ready").statusCode(), () -> http.get("/ready").body());
                org.jsoup.nodes.Document listing = http.page("/");
                String record = listing.select("a[href^=/documents/]").first().attr("href");
                assertEquals(200, http.get(record).statusCode(), record);
                assertTrue(http.json("/search.json?q=moscow").get("total").asInt() > 0, "the index was built");
                assertEquals(200, http.get("/oai?verb=Identify").statusCode());
                assertTrue(node.isAlive(), CommandOutputTest.read(said));
            } finally {
                node.destroy();
                assertTrue(node.waitFor(60, TimeUnit.SECONDS), CommandOutputTest.read(said));
            }
            writer.assertStillHeld();
        }
        assertFalse(CommandOutputTest.read(said).contains(ANOTHER_WRITER), CommandOutputTest.read(said));
    }

    /**
     * A first start whose import of the seeds finds another process writing tries again after each
     * write wait (5 s; here half a second, {@link #FIRST_START_WRITE_WAIT}) and half a second, for up
     * to 3 min: it said so at every try, 33 lines. Held here for three tries.
     */
    @Test
    void aFirstStartWaitingForAnotherWriterSaysOnceThatItWaitsAndOnceHowLongItWaited() throws Exception {
        Path db = folder.resolve("empty.db");
        Database.open(db).close(); // migrated, with no record: a first start imports the seeds
        Path said = folder.resolve("serve.log");
        Process node;
        try (WriteLock writer = holding(db, "IMMEDIATE")) {
            node = AppJvm.of(List.of("serve", "--db", db.toString(), "--index",
                            folder.resolve("index").toString(), "--host", "127.0.0.1", "--port", "0",
                            "--seeds", TestCatalogue.SEEDS.toString(), "--warm-up", "0",
                            "--write-wait", FIRST_START_WRITE_WAIT))
                    .redirectErrorStream(true).redirectOutput(said.toFile()).start();
            // Held from its first try, which it says it waits after, for two more: a hold counted from
            // the port's opening instead was over, on a loaded machine, before the import first tried.
            awaitSaid(node, said, "the seed pages are imported once it is done");
            Thread.sleep(WriteWait.parse(FIRST_START_WRITE_WAIT).duration().plusMillis(500).multipliedBy(2).toMillis());
            writer.assertStillHeld();
        }
        try {
            awaitSaid(node, said, "Dossier is serving");
        } finally {
            node.destroy();
            assertTrue(node.waitFor(60, TimeUnit.SECONDS), CommandOutputTest.read(said));
        }
        String log = CommandOutputTest.read(said);
        assertEquals(1, log.split("the seed pages are imported once it is done, waiting up to 3 min", -1).length - 1, log);
        java.util.regex.Matcher waited = java.util.regex.Pattern
                .compile("The database was free after (\\d+) s: the seed pages were imported").matcher(log);
        assertTrue(waited.find(), log);
        assertTrue(Integer.parseInt(waited.group(1)) >= WriteWait.parse(FIRST_START_WRITE_WAIT).duration().multipliedBy(2).toSeconds(), log);
    }

    /** Waits for {@code node} to print {@code words}; fails, with what it printed, should it end first. */
    private static void awaitSaid(Process node, Path said, String words) throws InterruptedException {
        // A JVM of its own, started while other classes run: how long it may take, not a measure of speed.
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!CommandOutputTest.read(said).contains(words)) {
            assertTrue(node.isAlive() && System.nanoTime() < deadline,
                    () -> "the node never said \"" + words + "\":\n" + CommandOutputTest.read(said));
            Thread.sleep(100);
        }
    }

    @Test
    void besideAnotherWriterAReadTransactionReadsAtOnceAndAWriteStillWaitsItsWriteWait() throws Exception {
        Path db = folder.resolve("current.db");
        Database.open(db).close();
        WriteWait wait = WriteWait.parse("1s");
        try (WriteLock writer = holding(db, "IMMEDIATE");
             Database opened = Database.open(db, wait)) {
            assertEquals(Integer.valueOf(0), Transactions.reading(opened.dsl(), read -> read.fetchCount(org.dossier.db.Tables.DOCUMENT)));
            long began = System.nanoTime();
            assertThrows(RuntimeException.class, () -> opened.dsl().transaction(
                    tx -> tx.dsl().fetchCount(org.dossier.db.Tables.DOCUMENT)));
            assertTrue(System.nanoTime() - began >= wait.duration().toNanos(), "the write waited for the lock");
            writer.assertStillHeld();
        }
    }

    /**
     * The other writer finishes once the opening has met its lock and said that it waits (it let go
     * after a fixed second, which a loaded machine could spend before the opening even began, and
     * which was a second of the class's time otherwise).
     */
    @Test
    void aCatalogueThatMustMigrateIsMigratedOnceTheOtherWriterFinishesWithinTheWait() throws Exception {
        Path db = olderCatalogue();
        WriteLock writer = holding(db, "IMMEDIATE");
        try (AskedToLog asked = AskedToLog.by(Database.class)) {
            FutureTask<Void> finishing = new FutureTask<>(() -> {
                try {
                    asked.await(0, 1, Duration.ofSeconds(15), ANOTHER_WRITER + db, "waiting up to");
                } finally {
                    writer.close();
                }
                return null;
            });
            new Thread(finishing, "another-writer").start();
            try (Database opened = Database.open(db, WriteWait.parse("20s"))) {
                assertEquals(0, opened.migrations().pending().length);
            }
            finishing.get(30, TimeUnit.SECONDS); // fails should the opening never have said that it waits

        }
    }
}
