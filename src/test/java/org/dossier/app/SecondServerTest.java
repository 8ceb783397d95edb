package org.dossier.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.dossier.testing.AppJvm;
import org.dossier.testing.Http;
import org.dossier.testing.SameOnEveryDatabase;
import org.dossier.testing.TestCatalogue;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Resources;
import org.junit.jupiter.api.parallel.ResourceLock;

/** Starting a server that cannot serve: one line that says what to do, exit status 1, no stack trace. */
@ResourceLock(Resources.SYSTEM_ERR)
class SecondServerTest {

    private static List<String> ownLines(String stderr) {
        // The logger's lines start with a date; what the command itself prints starts with its name.
        return stderr.lines().filter(l -> l.startsWith("dossier")).toList();
    }

    private static String[] serve(String... args) {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int status = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> Main.run(args));
            return new String[] {String.valueOf(status), err.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setErr(original);
        }
    }

    @Test
    void aSecondServerOnADatabaseInUseSaysSoInOneLine() {
        try (TestCatalogue running = TestCatalogue.withSeeds()) {
            // The same database and index folder: on SQLite both are in use, on PostgreSQL (where
            // nodes share the database) the index folder is.
            String[] result = serve("serve", "--db", running.database().text(), "--index",
                    running.folder().resolve("dossier.index").toString(), "--host", "127.0.0.1",
                    "--port", "0", "--seeds", TestCatalogue.SEEDS.toString());
            assertEquals("1", result[0], result[1]);
            List<String> lines = ownLines(result[1]);
            assertEquals(1, lines.size(), result[1]);
            assertTrue(lines.get(0).contains("is in use") && lines.get(0).contains("stop it first"), lines.get(0));
            // Nodes share a database, never an index: the way out is an index folder of its own.
            assertTrue(lines.get(0).contains("give this one an --index of its own"), lines.get(0));
            assertFalse(result[1].contains("\tat "), "no stack trace:\n" + result[1]);
        }
    }

    /** An empty seeds folder, for a server that starts an empty catalogue. */
    private static String noSeeds(Path folder) {
        try {
            return Files.createDirectories(folder.resolve("no-seeds")).toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // Same on every database: the second server's database is a SQLite file of its own in either half; the
    // first is only there to hold the port.
    @SameOnEveryDatabase
    @Test
    void aPortInUseSaysSoInOneLine() {
        try (TestCatalogue running = TestCatalogue.withSeeds()) {
            String[] result = serve("serve", "--db", running.folder().resolve("other.db").toString(), "--host",
                    "127.0.0.1", "--port", String.valueOf(running.app().port()), "--seeds", noSeeds(running.folder()));
            assertEquals("1", result[0], result[1]);
            List<String> lines = ownLines(result[1]);
            assertEquals(1, lines.size(), result[1]);
            assertTrue(lines.get(0).contains("is in use"), lines.get(0));
            assertFalse(result[1].contains("\tat "), "no stack trace:\n" + result[1]);
        }
    }

    /**
     * A start refused for its port on a catalogue whose index must be rebuilt: the index opened
     * before the port, and the stop waited for its opening, so that the one line came only after a
     * whole rebuild (5 s at 50,000 records, minutes at a million). The port is tried first.
     */
    // Same on every database: the order of the start's steps (the port before the index) is the app's own;
    // a start on PostgreSQL, in a JVM of its own too, is checked by FirstStartTest and StopWhileStartingTest.
    @SameOnEveryDatabase
    @Test
    void aPortInUseIsSaidWithoutRebuildingTheSearchIndexFirst(@TempDir Path folder) throws Exception {
        TestDatabase.seededIn(folder).close();
        Path index = folder.resolve("dossier.index");
        TestCatalogue.deleteRecursively(index); // removed: the next start must rebuild it
        Path log = folder.resolve("serve.log");
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            // A JVM of its own, as an operator runs it: the log (standard output) is read whole.
            Process node = AppJvm.of(List.of("serve", "--db", TestDatabase.in(folder).text(), "--index",
                            index.toString(), "--host", "127.0.0.1", "--port", String.valueOf(taken.getLocalPort()),
                            "--seeds", noSeeds(folder), "--warm-up", "0"))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                // How long a JVM started beside other classes may take, not a measure of speed.
                assertTrue(node.waitFor(5, java.util.concurrent.TimeUnit.MINUTES), CommandOutputTest.read(log));
                String said = CommandOutputTest.read(log);
                assertEquals(1, node.exitValue(), said);
                assertTrue(said.contains("dossier serve: port " + taken.getLocalPort() + " on 127.0.0.1 is in use"), said);
                assertFalse(said.contains("Rebuilding the search index"), "no rebuild began:\n" + said);
                assertFalse(said.contains("\tat "), "no stack trace:\n" + said);
            } finally {
                node.destroyForcibly();
            }
        } finally {
            TestDatabase.forget(folder);
        }
    }

    // Same on every database: a folder given as a SQLite file, in either half.
    @SameOnEveryDatabase
    @Test
    void aDatabaseThatCannotBeOpenedSaysSoInOneLine() {
        try (TestCatalogue running = TestCatalogue.empty()) {
            // A folder where the database file should be: SQLite cannot open it (SQLITE_CANTOPEN).
            String[] result = serve("serve", "--db", running.folder().toString(), "--host", "127.0.0.1",
                    "--port", "0", "--seeds", "no-seeds-here");
            assertEquals("1", result[0], result[1]);
            List<String> lines = ownLines(result[1]);
            assertEquals(1, lines.size(), result[1]);
            assertTrue(lines.get(0).contains("cannot be opened by this user"), lines.get(0));
            assertFalse(result[1].contains("\tat "), "no stack trace:\n" + result[1]);
        }
    }

    // Same on every database: a SQLite file of its own in either half.
    @SameOnEveryDatabase
    @Test
    void aMetricsPortInUseOrAHostThatIsNotThisMachinesSaysSoInOneLine(@TempDir Path folder) throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            String[] result = serve("serve", "--db", folder.resolve("dossier.db").toString(), "--host", "127.0.0.1",
                    "--port", "0", "--seeds", noSeeds(folder), "--warm-up", "0",
                    "--metrics-port", String.valueOf(taken.getLocalPort()));
            assertEquals("1", result[0], result[1]);
            List<String> lines = ownLines(result[1]);
            assertEquals(1, lines.size(), result[1]);
            assertTrue(lines.get(0).contains("the metrics port " + taken.getLocalPort() + " on 127.0.0.1 is in use"),
                    lines.get(0));
            assertFalse(result[1].contains("\tat "), "no stack trace:\n" + result[1]);
        }
        // 192.0.2.1 is kept for documentation (RFC 5737): no machine has it.
        String[] result = serve("serve", "--db", folder.resolve("dossier.db").toString(), "--host", "192.0.2.1",
                "--port", "0", "--seeds", noSeeds(folder), "--warm-up", "0");
        assertEquals("1", result[0], result[1]);
        List<String> lines = ownLines(result[1]);
        assertEquals(1, lines.size(), result[1]);
        assertTrue(lines.get(0).contains("cannot listen on 192.0.2.1: it is not an address of this machine"),
                lines.get(0));
    }

    /**
     * A host name that names no address (a typo in --host or --metrics-host) was said to be a port in
     * use ("port 7070 on archive-nod.internal is in use"), sending the operator to look for another
     * process; the metrics host's only after the catalogue's port had opened. It is said as such,
     * before the database is opened: nothing is imported.
     */
    // Same on every database: a SQLite file of its own in either half, refused before it is made.
    @SameOnEveryDatabase
    @Test
    void aHostNameThatNamesNoAddressIsSaidToBeOneNotAPortInUse(@TempDir Path folder) throws Exception {
        // .invalid names nothing, anywhere (RFC 6761).
        for (String[] hosts : List.of(new String[] {"--host", "no-such-node.invalid"},
                new String[] {"--metrics-host", "no-such-node.invalid", "--metrics-port", "0"})) {
            List<String> args = new java.util.ArrayList<>(List.of("serve", "--db", folder.resolve("dossier.db").toString(),
                    "--port", "0", "--seeds", TestCatalogue.SEEDS.toString(), "--warm-up", "0"));
            args.addAll(List.of(hosts));
            if (!hosts[0].equals("--host")) {
                args.addAll(List.of("--host", "127.0.0.1"));
            }
            String[] result = serve(args.toArray(String[]::new));
            assertEquals("1", result[0], result[1]);
            List<String> lines = ownLines(result[1]);
            assertEquals(1, lines.size(), result[1]);
            assertTrue(lines.get(0).contains("cannot listen on no-such-node.invalid: no address has that name; give "
                    + hosts[0]), lines.get(0));
            assertFalse(lines.get(0).contains("in use"), lines.get(0));
            assertFalse(result[1].contains("\tat "), "no stack trace:\n" + result[1]);
            assertFalse(Files.exists(folder.resolve("dossier.db")), "the database was not even made");
        }
    }

    // Same on every database: a SQLite file of its own in either half.
    @SameOnEveryDatabase
    @Test
    void anIndexFolderThatCannotBeMadeSaysSoInOneLineBeforeTheSeedsAreImported(@TempDir Path folder) throws Exception {
        Path file = Files.writeString(folder.resolve("a-file"), "");
        Path database = folder.resolve("dossier.db");
        String[] result = serve("serve", "--db", database.toString(), "--index",
                file.resolve("dossier.index").toString(), "--host", "127.0.0.1", "--port", "0", "--seeds", "seeds");
        assertEquals("1", result[0], result[1]);
        List<String> lines = ownLines(result[1]);
        assertEquals(1, lines.size(), result[1]);
        assertTrue(lines.get(0).contains("the search index folder " + file.resolve("dossier.index") + " cannot be made"),
                lines.get(0));
        assertFalse(result[1].contains("\tat "), "no stack trace:\n" + result[1]);
        try (Database opened = Database.open(database)) {
            assertEquals(0, opened.dsl().fetchCount(org.dossier.db.Tables.DOCUMENT), "nothing was imported");
        }
    }

    // Same on every database: a SQLite file of its own in either half; the pages are refused before anything is
    // written.
    @SameOnEveryDatabase
    @Test
    void seedPagesThatCannotBeImportedAreListedByLineWithoutAStackTrace(@TempDir Path folder) throws Exception {
        Path seeds = Files.createDirectories(folder.resolve("seeds"));
        Path bad = Files.writeString(seeds.resolve("bad.txt"), "March 1, 1950\n\nA telegram\n\nFebruary 30, 1950\n\nAnother\n");
        String[] result = serve("serve", "--db", folder.resolve("dossier.db").toString(), "--host", "127.0.0.1",
                "--port", "0", "--seeds", seeds.toString());
        assertEquals("1", result[0], result[1]);
        assertTrue(result[1].contains("dossier serve: the seed pages in " + seeds + " were not imported"), result[1]);
        assertTrue(result[1].contains("  " + bad + ":5: 'February 30, 1950' is not a real date"), result[1]);
        assertFalse(result[1].contains("\tat "), "no stack trace:\n" + result[1]);
    }

    /**
     * A seeds folder named on the command line that is not there (a typo, a volume not mounted) on an
     * empty database: the node warned, served an empty catalogue and said it was ready. It stops in
     * one line that names the folder, having imported nothing. (The default folder missing is still a
     * warning: a server run away from the project has none, and starts empty.) And it stops before
     * the database is opened: it left a new SQLite file migrated, its index folder made (or a
     * PostgreSQL database migrated), for a start that said it had not started; the start with the
     * path fixed is then a first start like any other, and imports the seeds.
     */
    @Test
    void aSeedsFolderNamedButMissingOnAnEmptyDatabaseSaysSoInOneLineAndMakesNothing(@TempDir Path folder)
            throws Exception {
        Path missing = folder.resolve("seeds-not-mounted");
        DatabaseAddress database = TestPostgres.selected() ? TestPostgres.unmigratedDatabase()
                : DatabaseAddress.sqlite(folder.resolve("dossier.db"));
        Path index = folder.resolve("dossier.index");
        try {
            String[] result = serve("serve", "--db", database.text(), "--index", index.toString(), "--host",
                    "127.0.0.1", "--port", "0", "--seeds", missing.toString(), "--warm-up", "0");
            assertEquals("1", result[0], result[1]);
            List<String> lines = ownLines(result[1]);
            assertEquals(1, lines.size(), result[1]);
            assertTrue(lines.get(0).contains("the database is empty and the seeds folder " + missing.toAbsolutePath()
                    + " given with --seeds does not exist"), lines.get(0));
            assertFalse(result[1].contains("\tat "), "no stack trace:\n" + result[1]);
            assertFalse(Files.exists(index), "no index folder was made");
            if (database.isSqlite()) {
                assertFalse(Files.exists(database.file()), "no database file was made");
            } else {
                try (java.sql.Connection connection = java.sql.DriverManager.getConnection(database.url());
                     java.sql.ResultSet tables = connection.createStatement().executeQuery(
                             "select count(*) from information_schema.tables where table_schema = 'public'")) {
                    tables.next();
                    assertEquals(0, tables.getInt(1), "no table was made in the empty database");
                }
            }
            Settings fixed = Settings.of(database, "127.0.0.1", 0).withSeeds(TestCatalogue.SEEDS).withIndex(index);
            DossierApp.start(fixed, TestCatalogue.STOPS_AT_ONCE).close();
            try (Database opened = Database.open(database)) {
                assertTrue(opened.dsl().fetchCount(org.dossier.db.Tables.DOCUMENT) > 0, "the retry imported the seeds");
            }
        } finally {
            TestPostgres.drop(database);
        }
    }

    /** A seeds folder missing on a catalogue that has records is no slip: the seeds are for a first start only. */
    @Test
    void aSeedsFolderNamedButMissingBesideRecordsIsNoMatter(@TempDir Path folder) throws Exception {
        TestDatabase.seededIn(folder).close();
        Settings settings = Settings.of(TestDatabase.in(folder), "127.0.0.1", 0).withSeeds(folder.resolve("gone"))
                .withIndex(folder.resolve("dossier.index"));
        try (DossierApp app = DossierApp.start(settings, TestCatalogue.STOPS_AT_ONCE)) {
            assertEquals(200, new Http("http://127.0.0.1:" + app.port()).get("/").statusCode());
        } finally {
            TestDatabase.forget(folder);
        }
    }

    // Same on every database: a SQLite file of its own in either half.
    @SameOnEveryDatabase
    @Test
    void anEmptySeedsFolderStartsAnEmptyCatalogue(@TempDir Path folder) throws Exception {
        Path seeds = Files.createDirectories(folder.resolve("seeds"));
        Settings settings = Settings.of(DatabaseAddress.sqlite(folder.resolve("dossier.db")), "127.0.0.1", 0)
                .withSeeds(seeds);
        try (DossierApp app = DossierApp.start(settings)) {
            assertEquals(200, new Http("http://127.0.0.1:" + app.port()).get("/search").statusCode());
        }
    }

    // Same on every database: a usage error before any database is opened.
    @SameOnEveryDatabase
    @Test
    void aBadProxyOrHostNameIsAUsageError() {
        String[] proxy = serve("serve", "--trusted-proxy", "proxy.example", "--port", "0");
        assertEquals("2", proxy[0], proxy[1]);
        assertTrue(proxy[1].contains("--trusted-proxy takes IP addresses"), proxy[1]);
        String[] host = serve("serve", "--allowed-host", "exa_mple.com", "--port", "0");
        assertEquals("2", host[0], host[1]);
    }

    /**
     * A node whose index folder's disk fills while it builds the index stops in one line that names
     * the folder and says what to do; it said only "No space left on device". (A real full disk needs
     * a small mount, which a test cannot make: this is what Java reports for one.)
     */
    // Same on every database: a message made of the settings and an exception, no database.
    @SameOnEveryDatabase
    @Test
    void anIndexWhoseDiskFillsSaysWhichAndWhatToDo(@TempDir Path folder) {
        Settings settings = Settings.of(DatabaseAddress.sqlite(folder.resolve("dossier.db")), "127.0.0.1", 0);
        StartupProblem full = new SearchAtStart(settings).diskFull(
                new java.io.IOException("No space left on device")).orElseThrow();
        assertTrue(full.getMessage().startsWith("the search index " + settings.searchIndex() + " could not be built: "
                + "its disk is full (No space left on device); free space there"), full.getMessage());
        assertTrue(new SearchAtStart(settings).diskFull(new java.io.IOException("Input/output error")).isEmpty(),
                "another failure is not said to be a full disk");
    }
}
