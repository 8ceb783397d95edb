package org.dossier.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.dossier.testing.LaterRelease;
import org.dossier.testing.SameOnEveryDatabase;
import org.dossier.testing.TestCatalogue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/** Every command given a database it cannot open says why in a line, exits 1, and changes nothing. */
@SameOnEveryDatabase
@ResourceLock(Resources.SYSTEM_ERR)
class CommandsThatCannotOpenTheirDatabaseTest {

    @TempDir
    Path folder;

    /** The exit status and what the command wrote to stderr. */
    private record Run(int status, String err) {
    }

    private static Run run(String... args) {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int status = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(60),
                    () -> Main.run(args));
            return new Run(status, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(original);
        }
    }

    private static void refused(Run run, String because, String... args) {
        String command = String.join(" ", args);
        assertEquals(1, run.status(), command + ":\n" + run.err());
        assertTrue(run.err().contains(because), command + ":\n" + run.err());
        assertFalse(run.err().contains("\tat "), command + ", no stack trace:\n" + run.err());
    }

    @Test
    void aFileThatIsNotADatabaseIsNamedAndLeftAsItWas() throws Exception {
        Path text = Files.writeString(folder.resolve("notes.db"), "not a database\n");
        String db = text.toString();
        for (String[] args : List.of(
                new String[] {"import", "--db", db, TestCatalogue.SEEDS.toString()},
                new String[] {"reindex", "--db", db},
                new String[] {"relink", "--db", db, "--person", "stalin"},
                new String[] {"generate", "--db", db, "--count", "10", "--seeds", TestCatalogue.SEEDS.toString()},
                new String[] {"user", "list", "--db", db},
                new String[] {"backup", "--db", db, "--to", folder.resolve("backup.db").toString()})) {
            refused(run(args), "is not a SQLite database", args);
            assertEquals("not a database\n", Files.readString(text));
        }
        assertFalse(Files.exists(folder.resolve("backup.db")));
    }

    @Test
    void aSqliteDatabaseOfSomethingElseIsNamedAndLeftAsItWas() throws Exception {
        Path other = folder.resolve("accounts.db");
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + other);
             java.sql.Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE ledger (entry TEXT)");
            statement.execute("INSERT INTO ledger VALUES ('keep me')");
        }
        byte[] before = Files.readAllBytes(other);
        String db = other.toString();
        for (String[] args : List.of(
                new String[] {"import", "--db", db, TestCatalogue.SEEDS.toString()},
                new String[] {"reindex", "--db", db},
                new String[] {"user", "list", "--db", db},
                new String[] {"serve", "--db", db, "--host", "127.0.0.1", "--port", "0", "--seeds", "no-seeds-here"})) {
            refused(run(args), "The database " + db + " holds tables but is not a Dossier catalogue", args);
            assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(other)), String.join(" ", args) + " changed it");
        }
    }

    @Test
    void aCatalogueANewerReleaseMigratedIsRefusedByThisOneAndLeftAsItWas() throws Exception {
        Path newer = folder.resolve("newer.db");
        try (Database later = Database.open(newer)) {
            LaterRelease.migrate(later.dsl());
        }
        byte[] before = Files.readAllBytes(newer);
        String db = newer.toString();
        for (String[] args : List.of(
                new String[] {"user", "list", "--db", db},
                new String[] {"serve", "--db", db, "--host", "127.0.0.1", "--port", "0", "--seeds", "no-seeds-here"})) {
            refused(run(args), "was migrated by another version of Dossier", args);
            assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(newer)), String.join(" ", args) + " changed it");
        }
    }

    /** An import that a newer version's migration cut off (a rolling upgrade) says to run it with that version. */
    @Test
    void anImportANewerVersionCutOffSaysToRunItWithThatVersion() {
        String said = ImportCommand.cutOff(DatabaseAddress.sqlite(folder.resolve("dossier.db")),
                org.dossier.web.WriteUnavailable.schemaUpgraded("V99 from a later release was applied since; run this "
                        + "node or command with the version that applied it"));
        assertTrue(said.startsWith("Nothing was imported: a newer version of Dossier migrated the database since this "
                + "process opened it ("), said);
        assertTrue(said.contains("none of its entries were kept. Run it again with the version that applied it."), said);
    }

    @Test
    void aCatalogueThatIsNotThereIsNotMadeEmptyByACommandThatWorksOnOne() {
        Path missing = folder.resolve("typo.db");
        for (String[] args : List.of(
                new String[] {"reindex", "--db", missing.toString()},
                new String[] {"relink", "--db", missing.toString(), "--place", "korea"})) {
            refused(run(args), "There is no catalogue at " + missing, args);
            assertFalse(Files.exists(missing), String.join(" ", args) + " made " + missing);
        }
    }

    /** A PostgreSQL host that names nothing (a typo) was said as the name alone: "…: db-prod.internl". */
    @Test
    void aPostgresqlHostThatNamesNothingIsSaidToBeOne() {
        // .invalid names nothing, anywhere (RFC 6761).
        String db = "jdbc:postgresql://no-such-db.invalid:5432/dossier?user=dossier&password=secret";
        for (String[] args : List.of(
                new String[] {"user", "list", "--db", db},
                new String[] {"serve", "--db", db, "--host", "127.0.0.1", "--port", "0", "--seeds", "no-seeds-here"})) {
            Run run = run(args);
            refused(run, "Cannot connect to the database jdbc:postgresql://no-such-db.invalid:5432/dossier?user=dossier"
                    + "&password=***: no address has the name no-such-db.invalid (check the host in the address)", args);
            assertFalse(run.err().contains("secret"), run.err());
        }
    }

    @Test
    void aDatabaseWhoseFolderCannotBeMadeSaysSo() throws Exception {
        // Its folder would be inside a file.
        Path file = Files.writeString(folder.resolve("a-file"), "");
        String[] args = {"import", "--db", file.resolve("inside").resolve("dossier.db").toString(),
                TestCatalogue.SEEDS.toString()};
        refused(run(args), "cannot be made", args);
    }
}
