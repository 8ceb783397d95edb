package org.dossier.app;

import static org.dossier.db.Tables.DOCUMENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dossier.authorities.AuthorityContent;
import org.dossier.authorities.AuthorityKind;
import org.dossier.authorities.AuthorityRecords;
import org.dossier.authorities.AuthorityWriter;
import org.dossier.authorities.StoredAuthority;
import org.dossier.documents.Attribution;
import org.dossier.documents.RecordStore;
import org.dossier.testing.SameOnEveryDatabase;
import org.dossier.testing.TestCatalogue;
import org.dossier.testing.TestDatabase;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/** The jar's command line, run in-process with its output captured. */
// Alone: it checks every line a command prints, and other classes print too (servers log warnings).
@Isolated
class CommandLineTest {

    private Path folder;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream realOut;
    private PrintStream realErr;

    @BeforeEach
    void capture() throws Exception {
        folder = Files.createTempDirectory("dossier-cli-");
        realOut = System.out;
        realErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(realOut);
        System.setErr(realErr);
        TestCatalogue.deleteRecursively(folder);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private int documents(DatabaseAddress db) throws Exception {
        try (Database database = Database.open(db)) {
            return database.dsl().fetchCount(DOCUMENT);
        }
    }

    @Test
    void importReportsWhatWasNewAndWhatWasAlreadyThere() throws Exception {
        DatabaseAddress db = TestDatabase.in(folder);
        assertEquals(0, Main.run("import", "--db", db.text(), "seeds"));
        assertTrue(err().contains("Imported 49 new, 1 already there (50 entries in 5 files)"), err());
        assertEquals(0, Main.run("import", "--db", db.text(), "seeds/000_e5d1db3f1c6b46ae.txt"));
        assertTrue(err().contains("Imported 0 new, 10 already there (10 entries in 1 file)"), err());
        assertEquals(49, documents(db));
        assertFalse(out().contains("Not read"), "the seeds folder holds its pages and authorities/ only:\n" + out());
    }

    @Test
    void importListsWhatAFolderHoldsBesideItsPagesAsNotRead() throws Exception {
        DatabaseAddress db = TestDatabase.in(folder);
        Path pages = Files.createDirectory(folder.resolve("pages"));
        Files.writeString(pages.resolve("A.TXT"), "May 10, 1943\n\nLetter\n\nText.\n");
        Files.writeString(pages.resolve("notes.doc"), "about the pages");
        Files.createDirectory(pages.resolve("later"));
        assertEquals(0, Main.run("import", "--db", db.text(), pages.toString()));
        assertTrue(err().contains("Imported 1 new, 0 already there (1 entries in 1 file)"), err());
        assertTrue(out().contains("Not read (a folder's pages are its .txt files):\n  " + pages.resolve("later")
                + "/ (a folder: name it to import its pages)\n  " + pages.resolve("notes.doc") + "\n"), out());
    }

    /**
     * The import's report of its lists, each line under the heading of what happened: what the file
     * says otherwise than an editor (kept), and a form the file gives an entry that another entry has
     * already (left there), which the editors' heading headed too, though no editor had touched it.
     */
    @Test
    void importHeadsTheFormsItLeftWithAnotherEntryApartFromWhatEditorsChanged() throws Exception {
        DatabaseAddress db = TestDatabase.in(folder);
        assertEquals(0, Main.run("import", "--db", db.text(), "seeds"), err());
        try (Database database = Database.open(db)) {
            new RecordStore(database.dsl(), Clock.systemUTC()).write((records, tx) -> {
                StoredAuthority kovalev = new AuthorityRecords(tx).find(AuthorityKind.PERSON, "kovalev").orElseThrow();
                AuthorityContent was = kovalev.content();
                return new AuthorityWriter(records, tx, Clock.systemUTC()).update(kovalev, kovalev.version(),
                        new AuthorityContent("Ivan V. Kovalev", was.sortName(), was.description(), was.kind(), was.aliases()),
                        Attribution.editor("bob", "His initial"));
            });
        }
        Path lists = Files.createDirectories(folder.resolve("lists").resolve("authorities"));
        Files.write(lists.resolve("people.csv"), List.of("key,kind,name,sort_as,note",
                "kovalev,preferred,Ivan Kovalev,\"Kovalev, Ivan\",Stalin's representative in China",
                "kovalev,variant,Kovalev,,",
                "boris-maps,preferred,Boris Maps,,A clerk",
                "boris-maps,variant,V. V. Kuznetsov,,"), StandardCharsets.UTF_8);
        Files.writeString(lists.resolveSibling("page.txt"), "March 3, 1950\n\nReport of Boris Maps\n\nA report.\n");
        out.reset();

        assertEquals(0, Main.run("import", "--db", db.text(), lists.getParent().toString()), err());

        Map<String, List<String>> headed = new LinkedHashMap<>();
        List<String> under = null;
        for (String line : out().lines().toList()) {
            if (line.startsWith("  ") && under != null) {
                under.add(line.strip());
            } else {
                under = headed.computeIfAbsent(line, heading -> new ArrayList<>());
            }
        }
        assertEquals(List.of("The authority lists differ from what editors changed (the editors' work is kept):",
                "Forms of a name the lists give an entry that another entry has already (left with that one, not given "
                        + "to a second):"), List.copyOf(headed.keySet()), out());
        assertEquals(List.of("people.csv:2: kovalev: added 'Ivan Kovalev' beside an editor's changes",
                "people.csv:2: kovalev: the file names it 'Ivan Kovalev', an editor 'Ivan V. Kovalev' (kept)"),
                headed.get("The authority lists differ from what editors changed (the editors' work is kept):"), out());
        assertEquals(List.of("people.csv:4: boris-maps: 'V. V. Kuznetsov' is in the file and a name of 'kuznetsov' "
                + "already (kept there)"), headed.get("Forms of a name the lists give an entry that another entry has "
                + "already (left with that one, not given to a second):"), out());
    }

    @Test
    void aRejectedImportExitsNonZeroWithFileAndLineAndWritesNothing() throws Exception {
        DatabaseAddress db = TestDatabase.in(folder);
        Path bad = folder.resolve("bad.txt");
        Files.writeString(bad, "May 10, 1943\n\nLetter\n\nText.\n\nFebruary 30, 1950\n\nReport\n");
        assertEquals(1, Main.run("import", "--db", db.text(), "seeds", bad.toString()));
        assertTrue(err().contains(bad + ":7: 'February 30, 1950' is not a real date"), err());
        assertTrue(err().contains("Nothing was imported"), err());
        assertEquals(0, documents(db));
    }

    /**
     * "Nothing was imported", and yet a new catalogue, migrated and empty, was left at the path
     * given: the database was made before the pages were checked. A file named wrongly beside it
     * (its folder too) is not left either, so that the import run again with the path fixed is a
     * first import like any other.
     */
    // Same on every database: a SQLite file of its own, whichever database the suite runs on.
    @SameOnEveryDatabase
    @Test
    void aRejectedImportIntoANewSqliteFileLeavesNoCatalogueBehind() throws Exception {
        Path db = folder.resolve("new/dossier.db");
        Path bad = Files.writeString(folder.resolve("bad.txt"), "February 30, 1950\n\nReport\n");
        assertEquals(1, Main.run("import", "--db", db.toString(), folder.resolve("typo").toString()));
        assertEquals(1, Main.run("import", "--db", db.toString(), bad.toString()));
        assertTrue(err().contains("Nothing was imported"), err());
        assertFalse(Files.exists(folder.resolve("new")), "nothing made at " + db);
        try (var files = Files.list(folder)) {
            assertEquals(List.of(bad), files.toList());
        }
    }

    @Test
    void aPageThatCannotBeReadIsAProblemBesideTheOthersNotAStackTrace() throws Exception {
        DatabaseAddress db = TestDatabase.in(folder);
        Path bad = Files.writeString(folder.resolve("bad.txt"), "February 30, 1950\n\nReport\n");
        // A file that opens but cannot be read (Linux answers EIO whoever asks; a page this user may
        // not read, which root may, is the everyday case).
        Path unreadable = Path.of("/proc/self/mem");
        Path missing = folder.resolve("typo.txt");
        assertEquals(1, Main.run("import", "--db", db.text(), bad.toString(), unreadable.toString(), "seeds",
                missing.toString()));
        // Every problem of the run at once, the missing file's beside the others'.
        assertTrue(err().contains("  " + missing + ": no such file or folder"), err());
        assertTrue(err().contains(bad + ":1: 'February 30, 1950' is not a real date"), err());
        assertTrue(err().contains("  " + unreadable + ": cannot be read ("), err());
        assertFalse(err().contains("\tat "), "no stack trace:\n" + err());
        assertEquals(0, documents(db));
    }

    // Same on every database: the options are read before any database is named or opened.
    @SameOnEveryDatabase
    @Test
    void unknownOptionsPrintUsageAndExitTwo() {
        assertEquals(2, Main.run("import", "--frobnicate", "seeds"));
        assertTrue(err().contains("Unknown option: '--frobnicate'"), err());
        assertTrue(err().contains("Usage: dossier import"), err());
        assertEquals(2, Main.run("serve", "--port", "eighty"));
        assertEquals(2, Main.run("no-such-command"));
    }

    // Same on every database: the options are refused before anything is opened, a SQLite path given in either
    // half.
    @SameOnEveryDatabase
    @Test
    void nonsenseSearchBoundsAreRefusedWithTheOptionsNameBeforeAnythingIsOpened() {
        assertEquals(2, Main.run("serve", "--db", folder.resolve("x.db").toString(), "--max-searches", "0"));
        assertTrue(err().contains("--max-searches must be 1 or more"), err());
        assertEquals(2, Main.run("serve", "--db", folder.resolve("x.db").toString(), "--search-wait", "-1"));
        assertTrue(err().contains("--search-wait must be 0 or more"), err());
        assertEquals(2, Main.run("serve", "--db", folder.resolve("x.db").toString(), "--kept-answers", "-1"));
        assertTrue(err().contains("--kept-answers must be 0 (none) or more MB"), err());
        assertEquals(2, Main.run("serve", "--db", folder.resolve("x.db").toString(), "--max-exports", "0"));
        assertTrue(err().contains("--max-exports must be 1 or more"), err());
        assertEquals(2, Main.run("serve", "--db", folder.resolve("x.db").toString(), "--export-wait", "-1"));
        assertTrue(err().contains("--export-wait must be 0 or more"), err());
        assertEquals(2, Main.run("serve", "--db", folder.resolve("x.db").toString(), "--export-nice", "20"));
        assertTrue(err().contains("--export-nice must be 0 (exports written on their requests' threads) to 19, not 20"), err());
        assertEquals(2, Main.run("serve", "--db", folder.resolve("x.db").toString(), "--export-nice", "-1"));
        assertTrue(err().contains("--export-nice must be 0"), err());
        assertFalse(Files.exists(folder.resolve("x.db")));
    }

    // Same on every database: the usage of each command, no database opened.
    @SameOnEveryDatabase
    @Test
    void everyCommandHasHelp() {
        assertEquals(0, Main.run("--help"));
        assertTrue(out().contains("serve") && out().contains("import"), out());
        for (String command : new String[] {"serve", "import"}) {
            out.reset();
            assertEquals(0, Main.run(command, "--help"));
            assertTrue(out().contains("Usage: dossier " + command), out());
            assertTrue(out().contains("--db=DB"), out());
            assertTrue(out().contains("PostgreSQL URL"), out());
        }
    }

    // Same on every database: a usage error before anything is opened.
    @SameOnEveryDatabase
    @Test
    void importWithoutFilesIsAUsageError() {
        assertEquals(2, Main.run("import", "--db", folder.resolve("x.db").toString()));
        assertTrue(err().contains("Missing required parameter"), err());
        assertFalse(Files.exists(folder.resolve("x.db")));
    }

    // Same on every database: the address is refused before any database is opened; the same addresses in
    // either half.
    @SameOnEveryDatabase
    @Test
    void aJdbcUrlOfAnotherKindIsRefusedAndNeverBecomesAFile() {
        for (String command : new String[] {"serve", "import", "reindex"}) {
            err.reset();
            String[] args = command.equals("import")
                    ? new String[] {command, "--db", "jdbc:mysql://localhost/dossier", "seeds"}
                    : new String[] {command, "--db", "jdbc:mysql://localhost/dossier"};
            assertEquals(2, Main.run(args), command);
            assertTrue(err().contains("'jdbc:mysql:' is not a database Dossier can use"), err());
        }
        assertEquals(2, Main.run("user", "list", "--db", "JDBC:sqlite:x.db"));
        assertFalse(Files.exists(Path.of("jdbc:mysql:")));
        assertFalse(Files.exists(Path.of("JDBC:sqlite:x.db")));
    }

    // Same on every database: the addresses are refused before any database is opened; the source is a SQLite
    // file of its own in either half.
    @SameOnEveryDatabase
    @Test
    void aUrlWithoutJdbcOrACopysJdbcUrlOfAnotherKindIsRefusedAndNeverBecomesAFile() throws Exception {
        // As psql and libpq write it: without "jdbc:" it was a SQLite file in a folder "postgresql:".
        String libpq = "postgresql://127.0.0.1:1/dossier";
        Path source = folder.resolve("source.db");
        assertEquals(0, Main.run("import", "--db", source.toString(), "seeds"), err());
        for (String[] args : List.of(
                new String[] {"user", "list", "--db", libpq},
                new String[] {"import", "--db", libpq, "seeds"},
                new String[] {"copy", "--from", source.toString(), "--to", libpq},
                new String[] {"copy", "--from", libpq, "--to", folder.resolve("copy.db").toString()},
                new String[] {"copy", "--from", source.toString(), "--to", "jdbc:mysql://localhost/dossier"})) {
            err.reset();
            assertEquals(2, Main.run(args), String.join(" ", args) + ":\n" + err());
            assertTrue(err().contains("is not a database Dossier can use"), err());
            assertFalse(err().contains("\tat "), "no stack trace:\n" + err());
        }
        assertFalse(Files.exists(Path.of("postgresql:")));
        assertFalse(Files.exists(folder.resolve("copy.db")));
    }

    // Same on every database: the index folder is refused before a record is read; the import before it runs on
    // both in ImportRunTest and CommandOutputTest.
    @SameOnEveryDatabase
    @Test
    void reindexIntoAFolderThatCannotBeMadeSaysSoInOneLine() throws Exception {
        DatabaseAddress db = TestDatabase.in(folder);
        assertEquals(0, Main.run("import", "--db", db.text(), "seeds"), err());
        Path file = Files.writeString(folder.resolve("a-file"), "");
        err.reset();
        assertEquals(1, Main.run("reindex", "--db", db.text(), "--index", file.resolve("dossier.index").toString()));
        assertTrue(err().contains("Nothing was rebuilt: the search index folder " + file.resolve("dossier.index")
                + " cannot be made or written"), err());
        assertFalse(err().contains("\tat "), "no stack trace:\n" + err());
    }

    // Same on every database: a message made of an exception, no database.
    @SameOnEveryDatabase
    @Test
    void aFailureNoCommandForesawIsDescribedOnOneLine() {
        String line = Main.describe(new IllegalStateException("the index could not be written",
                new java.io.IOException("No space left on device")));
        assertEquals("the index could not be written (java.io.IOException: No space left on device)", line);
    }

    // Same on every database: the same address of a server that is not there in either half.
    @SameOnEveryDatabase
    @Test
    void aPostgresqlUrlIsNeverTakenForAFile() {
        // Nothing listens on port 1: the command fails to connect, and no SQLite file appears.
        assertEquals(1, Main.run("user", "list", "--db", "jdbc:postgresql://127.0.0.1:1/dossier?user=x&password=secret"));
        assertFalse(Files.exists(Path.of("jdbc:postgresql:")));
        assertFalse(err().contains("secret"), err());
    }

    @Test
    @org.junit.jupiter.api.Timeout(120)
    void aDatabaseWhoseMigrationsFailValidationIsOneClearLineAndExitOne() throws Exception {
        // As a scratch database had it: a later migration applied, three earlier ones never.
        DatabaseAddress db = TestDatabase.in(folder);
        try (Database database = Database.open(db)) {
            database.dsl().deleteFrom(DSL.table(DSL.name("flyway_schema_history")))
                    .where(DSL.field(DSL.name("version"), String.class).in("5", "6", "7")).execute();
        }
        String[][] commands = {
            {"reindex", "--db", db.text(), "--index", folder.resolve("reindexed").toString()},
            {"serve", "--db", db.text(), "--host", "127.0.0.1", "--port", "0", "--index",
                folder.resolve("served").toString(), "--seeds", folder.resolve("no-seeds").toString()},
        };
        for (String[] command : commands) {
            err.reset();
            assertEquals(1, Main.run(command), command[0] + ": " + err());
            String said = err().strip();
            assertFalse(said.contains("\n") || said.contains("\tat "), "one line, no stack trace: " + said);
            assertTrue(said.contains("does not match this version's migrations")
                    && said.contains("not applied to database: 5"), said);
        }
        String url = db.isSqlite() ? "jdbc:sqlite:" + db.text() : db.text();
        try (java.sql.Connection raw = java.sql.DriverManager.getConnection(url)) {
            assertEquals(0, DSL.using(raw).fetchCount(DSL.table(DSL.name("flyway_schema_history")),
                    DSL.field(DSL.name("version"), String.class).eq("5")), "nothing was migrated");
        }
    }
}
