package org.dossier.ops;

import static org.dossier.db.Tables.DOCUMENT;
import static org.dossier.db.Tables.DOCUMENT_COUNT;
import static org.dossier.db.Tables.REVISION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.dossier.app.Database;
import org.dossier.app.DatabaseAddress;
import org.dossier.app.Main;
import org.dossier.app.Settings;
import org.dossier.documents.Attribution;
import org.dossier.documents.RecordStore;
import org.jooq.impl.DSL;
import org.dossier.accounts.Accounts;
import org.dossier.accounts.LoginThrottle;
import org.dossier.editing.Editors;
import org.dossier.editing.FormFields;
import org.dossier.editing.MutableClock;
import org.dossier.accounts.Role;
import org.dossier.testing.LaterRelease;
import org.dossier.testing.Http;
import org.dossier.testing.RecordsByTitle;
import org.dossier.testing.TestCatalogue;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Resources;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.dossier.testing.StartedFirst;

/**
 * Backups taken while editors save, restored with the server stopped; and a whole catalogue
 * copied into an empty database, serving the same pages. Everything through the jar's commands.
 */
@ResourceLock(Resources.SYSTEM_ERR)
@StartedFirst(seconds = 16)
class BackupAndCopyTest {

    private Path folder;
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream realErr;

    /**
     * The seed pages as the {@code import} command writes them into a new SQLite file, imported once
     * for the class: the tests that only need a catalogue to back up, restore or copy take a copy of
     * the file ({@link #imported}), a few milliseconds where each import took a second or more. The
     * file is SQLite on both halves (backups are SQLite's), so it is not {@code TestDatabase.seeded()}.
     */
    private static Path importedOnce;

    @BeforeAll
    static void importTheSeedsOnce() throws Exception {
        importedOnce = Files.createTempDirectory("dossier-backup-seeds-").resolve("dossier.db");
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        PrintStream before = System.err;
        System.setErr(new PrintStream(said, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, Main.run("import", "--db", importedOnce.toString(), TestCatalogue.SEEDS.toString()),
                    () -> said.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(before);
        }
    }

    @AfterAll
    static void forgetTheImport() {
        if (importedOnce != null) {
            TestCatalogue.deleteRecursively(importedOnce.getParent());
        }
    }

    /** A copy of the seed pages as {@code import} writes them into a new file, at {@code db}. */
    private static void imported(Path db) throws java.io.IOException {
        Files.copy(importedOnce, db);
        // The command closed its connections, which folds SQLite's write-ahead log into the file;
        // should one be left, it is part of the catalogue.
        Path log = importedOnce.resolveSibling("dossier.db-wal");
        if (Files.exists(log)) {
            Files.copy(log, db.resolveSibling(db.getFileName() + "-wal"));
        }
    }

    @BeforeEach
    void capture() throws Exception {
        folder = Files.createTempDirectory("dossier-backup-");
        realErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void release() {
        System.setErr(realErr);
        TestCatalogue.deleteRecursively(folder);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static OperatedCatalogue serve(Path database) {
        return OperatedCatalogue.start(database, TestCatalogue.SEEDS, TestCatalogue.STOPS_AT_ONCE);
    }

    private static void addEditor(Path database, String name) throws Exception {
        try (Database db = Database.open(database)) {
            Editors.add(db.dsl(), name, Role.EDITOR);
        }
    }

    /** Saves a new title through the edit form; true when the save was acknowledged. */
    private static boolean save(Http editor, int id, String title) {
        HttpResponse<String> page = editor.get("/admin/documents/" + id + "/edit");
        FormFields form = FormFields.of(page.body(), "form.record-form");
        HttpResponse<String> saved = editor.post("/admin/documents/" + id + "/edit",
                form.set("title", title).set("note", "Backup burst").entries());
        return saved.statusCode() == 303;
    }

    @Test
    void aBackupTakenDuringABurstOfSavesRestoresEveryAcknowledgedSaveWithItsHistory() throws Exception {
        Path db = folder.resolve("dossier.db");
        Path backup = folder.resolve("backups/dossier-backup.db");
        Map<Integer, String> acknowledgedBeforeBackup = new ConcurrentHashMap<>();
        try (OperatedCatalogue catalogue = serve(db)) {
            addEditor(db, "bea");
            Http bea = Editors.signIn(catalogue.http(), "bea");
            AtomicBoolean backupStarted = new AtomicBoolean();
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService editors = Executors.newSingleThreadExecutor();
            Future<Integer> saves = editors.submit(() -> {
                int n = 0;
                while (!stop.get() && n < 200) {
                    int id = 1 + n % 20; // the first twenty records, whichever they are
                    String title = "Burst " + n + " of record " + id;
                    // Acknowledged before the backup began: committed before its snapshot, so in it.
                    if (save(bea, id, title) && !backupStarted.get()) {
                        acknowledgedBeforeBackup.put(id, title);
                    }
                    n++;
                }
                return n;
            });
            while (acknowledgedBeforeBackup.size() < 8) {
                Thread.sleep(20);
            }
            backupStarted.set(true);
            assertEquals(0, Main.run("backup", "--db", db.toString(), "--to", backup.toString()), err());
            Thread.sleep(300);
            stop.set(true);
            assertTrue(saves.get() > 5);
            editors.shutdown();
            assertTrue(err().contains("Backed up " + db + " to " + backup), err());

            // A server running on the database: restore refuses and changes nothing.
            assertEquals(1, Main.run("restore", "--db", db.toString(), "--from", backup.toString()));
            assertTrue(err().contains("in use by another process"), err());
        }

        // The backup is consistent: every record's version is its newest revision, and holds its title.
        try (Database copy = Database.open(backup)) {
            for (var document : copy.dsl().selectFrom(DOCUMENT).fetch()) {
                var latest = copy.dsl().selectFrom(REVISION).where(REVISION.DOCUMENT_ID.eq(document.getId()))
                        .orderBy(REVISION.NUMBER.desc()).limit(1).fetchOne();
                assertEquals(document.getVersion(), latest.getNumber());
                assertEquals(document.getTitle(), latest.getTitle());
            }
        }

        assertEquals(0, Main.run("restore", "--db", db.toString(), "--from", backup.toString()), err());
        assertTrue(Files.exists(folder.resolve("dossier.db.before-restore")));
        assertFalse(Files.exists(Settings.indexBeside(db)), "the index is rebuilt from what was restored");
        try (OperatedCatalogue restored = serve(db)) {
            Http http = restored.http();
            for (Map.Entry<Integer, String> save : acknowledgedBeforeBackup.entrySet()) {
                int id = save.getKey();
                HttpResponse<String> json = http.get("/documents/" + id + ".json");
                assertEquals(200, json.statusCode());
                String history = http.get("/documents/" + id + "/history").body();
                String everyHit = http.get("/search.csv?q=burst").body();
                assertTrue(java.util.regex.Pattern.compile("of record " + id + "\\b").matcher(everyHit).find(),
                        "searchable after the rebuild: " + id);
                // The save acknowledged before the backup, or a later one, is there with its version.
                assertTrue(json.body().contains("Burst "), json.body());
                assertTrue(history.contains("Backup burst"), "its history names the save");
            }
        }
    }

    /**
     * A restore put back the backup's sessions: an editor signed out since (here by a password
     * changed) was signed in again with the old cookie.
     */
    @Test
    void aRestoreEndsEverySessionSoACookieSignedOutAfterTheBackupStaysSignedOut() throws Exception {
        Path db = folder.resolve("dossier.db");
        Path backup = folder.resolve("dossier-backup.db");
        Http bea;
        try (OperatedCatalogue catalogue = serve(db)) {
            addEditor(db, "bea");
            bea = Editors.signIn(catalogue.http(), "bea");
            assertEquals(200, bea.get("/admin").statusCode());
            assertEquals(0, Main.run("backup", "--db", db.toString(), "--to", backup.toString()), err());
            try (Database database = Database.open(db)) {
                new Accounts(database.dsl(), Clock.systemUTC()).setPassword("bea", "a new and longer passphrase");
            }
            assertEquals(303, bea.get("/admin").statusCode(), "signed out by the new password");
        }
        assertEquals(0, Main.run("restore", "--db", db.toString(), "--from", backup.toString()), err());
        assertTrue(err().contains("Every session is ended: everyone signs in again, and the sign-in throttle starts afresh."), err());
        try (OperatedCatalogue restored = serve(db)) {
            HttpResponse<String> admin = bea.at(restored.http().url("")).get("/admin");
            assertEquals(303, admin.statusCode(), "the old cookie is not let back in");
            assertTrue(admin.headers().firstValue("Location").orElseThrow().contains("/admin/login"));
            assertEquals(200, Editors.signIn(restored.http(), "bea").get("/admin").statusCode(),
                    "she signs in again with the backup's password");
        }
    }

    /**
     * A restore put back the sign-in throttle's counts of the backup's time: an editor who mistyped
     * her password then was made to wait again, her next slip doubling a wait from a day no one
     * remembers. The throttle starts afresh, as the sessions do (an attacker gets only the free
     * guesses again, per address and per name).
     */
    @Test
    void aRestoreForgetsTheSignInThrottlesCountsSoALockoutOfTheBackupsTimeDoesNotComeBack() throws Exception {
        Path db = folder.resolve("dossier.db");
        Path backup = folder.resolve("dossier-backup.db");
        try (OperatedCatalogue catalogue = serve(db)) {
            addEditor(db, "bea");
            try (Database database = Database.open(db)) {
                // Sixteen minutes of wrong passwords from her own address, each as soon as she was let
                // try again: her wait has doubled to its longest, so that it still runs when the node is
                // asked below however slow a busy machine is (the first wait, 15 s, did not always).
                MutableClock guessing = new MutableClock(
                        Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(16)).toString());
                LoginThrottle throttle = new LoginThrottle(database.dsl(), guessing);
                Instant longAfterTheRequestBelow = Instant.now().plus(Duration.ofMinutes(5));
                for (int attempt = 0; attempt < 50; attempt++) { // a dozen suffice; bounded if none waits
                    Optional<LoginThrottle.Wait> wait = throttle.admit("bea", "127.0.0.1").refusal();
                    if (wait.isPresent() && guessing.instant().plus(wait.get().left()).isAfter(longAfterTheRequestBelow)) {
                        break;
                    }
                    wait.ifPresent(w -> guessing.advance(w.left()));
                }
                assertTrue(new LoginThrottle(database.dsl(), Clock.systemUTC()).admit("bea", "127.0.0.1").refused(),
                        "she is throttled");
            }
            Http bea = catalogue.http().anotherVisitor();
            assertEquals(429, Editors.attempt(bea, Editors.csrf(bea.get("/admin/login").body()), "bea", Editors.PASSWORD,
                    "127.0.0.1").statusCode(), "the running node makes her wait, her password right or not");
            assertEquals(0, Main.run("backup", "--db", db.toString(), "--to", backup.toString()), err());
        }
        try (Database held = Database.open(backup)) {
            assertTrue(held.dsl().fetchCount(org.dossier.db.Tables.LOGIN_FAILURE) > 0, "the backup holds her failures");
        }
        assertEquals(0, Main.run("restore", "--db", db.toString(), "--from", backup.toString()), err());
        assertTrue(err().contains("the sign-in throttle starts afresh"), err());
        try (Database restored = Database.open(db)) {
            assertEquals(0, restored.dsl().fetchCount(org.dossier.db.Tables.LOGIN_FAILURE), "no count of the backup's time");
        }
        try (OperatedCatalogue restored = serve(db)) {
            assertEquals(200, Editors.signIn(restored.http(), "bea").get("/admin").statusCode(), "she signs in at once");
        }
    }

    /**
     * A backup and a restore of a PostgreSQL catalogue each refuse it first, before any file is looked
     * at, in one line of the same advice: PostgreSQL's own tools.
     */
    @Test
    void backupAndRestoreRefusePostgresqlFirstInOneLineOfTheSameAdvice() {
        String postgresql = "jdbc:postgresql://db.example/dossier";
        assertEquals(1, Main.run("backup", "--db", postgresql, "--to", folder.resolve("x.db").toString()));
        String backedUp = err();
        err.reset();
        assertEquals(1, Main.run("restore", "--db", postgresql, "--from", folder.resolve("no-backup.db").toString()));
        String restored = err();
        assertTrue(backedUp.startsWith("Nothing was backed up: a PostgreSQL catalogue is backed up with PostgreSQL's "
                + "own tools, while the server runs: pg_dump ") && backedUp.endsWith(" (see the README).\n"), backedUp);
        assertEquals(1, backedUp.lines().count(), backedUp);
        assertEquals(backedUp.replace("Nothing was backed up: ", "Nothing was restored: "), restored);
    }

    @Test
    void backupRefusesPostgresqlWithAdviceAndNeverOverwrites() throws Exception {
        assertEquals(1, Main.run("backup", "--db", "jdbc:postgresql://db.example/dossier", "--to",
                folder.resolve("x.db").toString()));
        assertTrue(err().contains("pg_dump") && err().contains("pg_restore"), err());
        Path db = folder.resolve("d.db");
        Database.open(db).close(); // a catalogue to back up
        Path existing = Files.writeString(folder.resolve("existing.db"), "keep me");
        assertEquals(1, Main.run("backup", "--db", db.toString(), "--to", existing.toString()));
        assertEquals("keep me", Files.readString(existing));
        assertEquals(1, Main.run("restore", "--db", db.toString(), "--from", folder.resolve("existing.db").toString()));
        assertTrue(err().contains("not a SQLite database") || err().contains("damaged"), err());
    }

    @Test
    void restoreRefusesWhileAServerWithItsIndexElsewhereServesTheDatabase() throws Exception {
        Path db = folder.resolve("dossier.db");
        Path backup = folder.resolve("dossier-backup.db");
        try (OperatedCatalogue catalogue = OperatedCatalogue.start(DatabaseAddress.sqlite(db), folder.resolve("node.index"),
                TestCatalogue.STOPS_AT_ONCE)) {
            assertEquals(0, Main.run("import", "--db", db.toString(), TestCatalogue.SEEDS.toString()), err());
            assertEquals(0, Main.run("backup", "--db", db.toString(), "--to", backup.toString()), err());
            long before = Files.size(db);
            // The index beside the database is not the server's: only the database says it is in use.
            assertEquals(1, Main.run("restore", "--db", db.toString(), "--from", backup.toString()), err());
            assertTrue(err().contains("Nothing was restored: the database " + db + " is in use"), err());
            assertFalse(Files.exists(folder.resolve("dossier.db.before-restore")), "nothing was moved");
            assertEquals(before, Files.size(db));
            assertEquals(200, catalogue.http().get("/").statusCode(), "the server still serves its database");
        }
        assertEquals(0, Main.run("restore", "--db", db.toString(), "--from", backup.toString()), err());
        Path kept = folder.resolve("dossier.db.before-restore");
        byte[] beforeTheFirstRestore = Files.readAllBytes(kept);
        // A second restore (the first backup was the wrong one) keeps what it replaces beside the first.
        assertEquals(0, Main.run("restore", "--db", db.toString(), "--from", backup.toString()), err());
        assertTrue(err().contains("kept as " + folder.resolve("dossier.db.before-restore-2")), err());
        assertTrue(java.util.Arrays.equals(beforeTheFirstRestore, Files.readAllBytes(kept)),
                "the catalogue as it was before the first restore is still there");
        assertFalse(err().contains("\tat "), "no stack trace:\n" + err());
    }

    @Test
    void aBackupCutShortOrATargetThatCannotBeWrittenIsRefusedInALine() throws Exception {
        Path db = folder.resolve("dossier.db");
        imported(db);
        Path backup = folder.resolve("whole.db");
        assertEquals(0, Main.run("backup", "--db", db.toString(), "--to", backup.toString()), err());

        // A copy that did not finish: SQLite finds it malformed.
        byte[] whole = Files.readAllBytes(backup);
        Path cut = Files.write(folder.resolve("cut.db"), java.util.Arrays.copyOf(whole, whole.length / 3));
        Path target = folder.resolve("restored.db");
        assertEquals(1, Main.run("restore", "--db", target.toString(), "--from", cut.toString()));
        assertTrue(err().contains("Nothing was restored: " + cut + " is damaged"), err());
        assertFalse(Files.exists(target));

        // A folder where there is a file, and a file where SQLite cannot make one.
        Path file = Files.writeString(folder.resolve("a-file"), "keep me");
        assertEquals(1, Main.run("backup", "--db", db.toString(), "--to", file.resolve("b.db").toString()));
        assertTrue(err().contains("Nothing was backed up: the folder of " + file.resolve("b.db") + " cannot be made"),
                err());
        // Linux's /proc takes no new file, whoever asks (a read-only folder would not stop root).
        Path unwritable = Path.of("/proc", "dossier-backup-" + ProcessHandle.current().pid() + ".db");
        assertEquals(1, Main.run("backup", "--db", db.toString(), "--to", unwritable.toString()));
        assertTrue(err().contains("Nothing was backed up: " + unwritable + " cannot be written"), err());
        assertEquals("keep me", Files.readString(file));
        assertFalse(err().contains("\tat "), "no stack trace:\n" + err());
    }

    /** A real disk of {@code bytes} that fills up: a tmpfs, which only root may mount (the test is skipped otherwise). Unmount it after. */
    private Path smallDisk(long bytes) throws Exception {
        Path small = Files.createDirectories(folder.resolve("small-disk"));
        org.junit.jupiter.api.Assumptions.assumeTrue(new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + bytes,
                "tmpfs", small.toString()).redirectErrorStream(true).start().waitFor() == 0, "cannot mount a tmpfs here");
        return small;
    }

    @FunctionalInterface
    private interface OnDisk {
        void run(Path disk) throws Exception;
    }

    /** Runs {@code work} on a real disk of {@code bytes} that fills up ({@link #smallDisk}), unmounted after. */
    private void onSmallDisk(long bytes, OnDisk work) throws Exception {
        Path small = smallDisk(bytes);
        try {
            work.run(small);
        } finally {
            new ProcessBuilder("umount", small.toString()).start().waitFor();
        }
    }

    private static void assertHoldsNothing(Path disk) throws java.io.IOException {
        try (var files = Files.list(disk)) {
            assertEquals(List.of(), files.toList(), "nothing is left on " + disk);
        }
    }

    /**
     * A backup to a disk that fills up said SQLite's "database or disk is full" and no more. It says
     * which disk, how much the copy needs and how much is free, and what to do; nothing is left there.
     * A real full disk: a small tmpfs, which only root may mount (skipped otherwise).
     */
    @Test
    void aBackupToAFullDiskSaysToFreeSpaceAndLeavesNothing() throws Exception {
        Path db = folder.resolve("dossier.db");
        imported(db);
        onSmallDisk(Files.size(db) / 2, small -> {
            Path backup = small.resolve("backup.db");
            assertEquals(1, Main.run("backup", "--db", db.toString(), "--to", backup.toString()));
            assertTrue(err().contains("Nothing was backed up: the disk of " + small + " is full ("), err());
            assertTrue(err().contains("free space on that disk, or give --to a file on another"), err());
            assertHoldsNothing(small);
            assertFalse(err().contains("\tat "), "no stack trace:\n" + err());
        });
    }

    /**
     * A served catalogue keeps what was saved lately in its write-ahead log, beside the file: a
     * first start's whole import stayed there, and the file itself was 4 KB. A backup to a disk
     * too small said "204,800 bytes are free there; the backup needs about 4,096 bytes" — less
     * than was free. It says what the catalogue takes as SQLite reads it, write-ahead log and all.
     */
    @Test
    void aBackupToAFullDiskSaysWhatTheCatalogueTakesWithWhatIsStillInItsWriteAheadLog() throws Exception {
        Path db = folder.resolve("dossier.db");
        imported(db);
        long imported = Files.size(db);
        // A writer that keeps its saves in the log, as a serving node does between checkpoints.
        try (java.sql.Connection serving = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db);
             java.sql.Statement statement = serving.createStatement()) {
            statement.execute("PRAGMA wal_autocheckpoint = 0");
            statement.executeUpdate("UPDATE document SET summary = hex(randomblob(20000))");
            onSmallDisk(imported * 2, small -> {
                assertEquals(1, Main.run("backup", "--db", db.toString(), "--to", small.resolve("backup.db").toString()));
                java.util.regex.Matcher said = java.util.regex.Pattern
                        .compile("\\(([\\d,]+) bytes are free there; the backup needs about ([\\d,]+) bytes").matcher(err());
                assertTrue(said.find(), err());
                long free = Long.parseLong(said.group(1).replace(",", ""));
                long needs = Long.parseLong(said.group(2).replace(",", ""));
                assertTrue(needs > free, "a backup that did not fit needs more than was free: " + err());
                assertTrue(needs > imported * 4, "the summaries in the log are counted: " + err());
            });
        }
    }

    /**
     * A copy into a new SQLite file on a disk that filled up said "copy failed, nothing more was
     * done: Cannot commit transaction (org.sqlite.SQLiteException: [SQLITE_FULL] ...)" and left the
     * file and its write-ahead log, the disk still full. It says the disk is full, that the copy
     * kept nothing, and what to do; and takes away the file it made.
     */
    @Test
    void aCopyIntoANewFileOnAFullDiskSaysSoAndLeavesNothingThere() throws Exception {
        Path db = folder.resolve("dossier.db");
        imported(db);
        try (java.sql.Connection writer = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db);
             java.sql.Statement statement = writer.createStatement()) {
            // Records that take more room than the disk has, once its schema is in.
            statement.executeUpdate("UPDATE document SET summary = hex(randomblob(20000))");
        }
        onSmallDisk(1500 * 1024, small -> {
            Path copy = small.resolve("copy.db");
            assertEquals(1, Main.run("copy", "--from", db.toString(), "--to", copy.toString()));
            assertTrue(err().contains("Nothing was copied: the database's disk is full"), err());
            assertTrue(err().contains("Free space on that disk (or make the target writable), or give --to a file on another"),
                    err());
            assertHoldsNothing(small);
            assertFalse(err().contains("failed, nothing more was done"), err());
        });
    }

    /**
     * A restore onto a disk without room for the backup said "the backup cannot be copied beside ...
     * (java.nio.file.FileSystemException: ...)". It says what a backup to a full disk says, through the
     * same words: which disk, how much is free, how much the copy needs, and what to do; nothing is
     * left there. A real full disk: a small tmpfs, which only root may mount (skipped otherwise).
     */
    @Test
    void aRestoreToAFullDiskSaysToFreeSpaceAndLeavesNothing() throws Exception {
        Path db = folder.resolve("dossier.db");
        imported(db);
        Path backup = folder.resolve("backup.db");
        assertEquals(0, Main.run("backup", "--db", db.toString(), "--to", backup.toString()), err());
        Path small = smallDisk(Files.size(backup) / 2);
        try {
            Path restored = small.resolve("dossier.db");
            // The index of what the restore was to replace: a refused restore leaves it, as it leaves the database.
            Path index = Files.createDirectories(Settings.indexBeside(restored));
            Files.writeString(index.resolve("segments_1"), "an index");
            assertEquals(1, Main.run("restore", "--db", restored.toString(), "--from", backup.toString()));
            assertTrue(err().contains("Nothing was restored: the disk of " + small + " is full ("), err());
            assertTrue(err().contains("the restore needs about "), err());
            assertTrue(err().contains("free space on that disk, or give --db a file on another"), err());
            try (var files = Files.list(small)) {
                assertEquals(List.of(index), files.toList(), "no partial copy; the index kept");
            }
            assertEquals("an index", Files.readString(index.resolve("segments_1")));
            assertFalse(err().contains("\tat "), "no stack trace:\n" + err());
        } finally {
            new ProcessBuilder("umount", small.toString()).start().waitFor();
        }
    }

    /**
     * Going back to an older release and restoring a backup a newer one made: the restore put it in
     * place, removed the index, and the server then refused to start on it. A backup this version
     * cannot open is refused before anything is moved; an older one is restored, and migrated on start.
     */
    @Test
    void aBackupANewerVersionMadeIsRefusedBeforeItReplacesTheCatalogueAndAnOlderOneIsRestored() throws Exception {
        Path db = folder.resolve("dossier.db");
        imported(db);
        Path index = Files.createDirectories(Settings.indexBeside(db));
        Files.writeString(index.resolve("segments_1"), "an index");
        Path newer = folder.resolve("newer.db");
        assertEquals(0, Main.run("backup", "--db", db.toString(), "--to", newer.toString()), err());
        try (Database later = Database.open(newer)) {
            LaterRelease.migrate(later.dsl());
        }
        byte[] catalogue = Files.readAllBytes(db);
        byte[] backup = Files.readAllBytes(newer);
        assertEquals(1, Main.run("restore", "--db", db.toString(), "--from", newer.toString()));
        assertTrue(err().contains("Nothing was restored: " + newer + " does not match this version's migrations ("
                + "Detected applied migration not resolved locally: 99): it was made by a newer version of Dossier"), err());
        assertTrue(err().contains("Restore it with the version that made it"), err());
        assertTrue(java.util.Arrays.equals(catalogue, Files.readAllBytes(db)), "the catalogue is as it was");
        assertTrue(java.util.Arrays.equals(backup, Files.readAllBytes(newer)), "the backup is as it was");
        assertFalse(Files.exists(folder.resolve("dossier.db.before-restore")), "nothing was moved");
        assertEquals("an index", Files.readString(index.resolve("segments_1")), "the index is kept");

        // A backup of an earlier release (its schema at V4) is restored, and brought to this version on start.
        Path older = folder.resolve("older.db");
        org.sqlite.SQLiteDataSource source = new org.sqlite.SQLiteDataSource();
        source.setUrl("jdbc:sqlite:" + older);
        org.flywaydb.core.Flyway.configure().dataSource(source).locations("classpath:db/sqlite").target("4").load().migrate();
        assertEquals(0, Main.run("restore", "--db", db.toString(), "--from", older.toString()), err());
        try (OperatedCatalogue restored = OperatedCatalogue.start(db, null, TestCatalogue.STOPS_AT_ONCE)) {
            HttpResponse<String> ready = restored.http().get(Health.READINESS);
            assertEquals(200, ready.statusCode(), ready.body());
            assertTrue(ready.body().contains("\"pending\":0"), ready.body());
        }
        assertFalse(err().contains("\tat "), "no stack trace:\n" + err());
    }

    /**
     * SQLite to the test run's database (PostgreSQL in the PostgreSQL run, so a catalogue moves
     * onto it), and back again to a SQLite file (taken home): the same pages at every step.
     */
    @Test
    void aCopyServesTheSamePagesKeepsIdsAndPasswordsAndRefusesATargetThatIsNotEmpty() throws Exception {
        Path original = folder.resolve("original.db");
        Path copyFolder = folder.resolve("copy");
        DatabaseAddress copy = TestDatabase.in(copyFolder);
        Path home = folder.resolve("home.db");
        List<Integer> ids;
        int corrected;
        int withdrawn;
        try (OperatedCatalogue catalogue = serve(original)) {
            try (Database db = Database.open(original)) {
                corrected = RecordsByTitle.idOf(db.dsl(), "Malik, 'On the Question of a United Government in Korea'");
                withdrawn = RecordsByTitle.idOf(db.dsl(), "Concentering the Situation on Taiwan");
            }
            addEditor(original, "cy");
            Http cy = Editors.signIn(catalogue.http(), "cy");
            assertTrue(save(cy, corrected, "A corrected title for the copy"));
            HttpResponse<String> withdraw = cy.get("/admin/documents/" + withdrawn + "/withdraw");
            FormFields form = FormFields.of(withdraw.body(), "form.stacked-form");
            assertEquals(303, cy.post("/admin/documents/" + withdrawn + "/withdraw",
                    form.set("reason", "A duplicate of 8").entries()).statusCode());

            // Copied while the server still serves it: refused, and the copy is left empty (it is
            // filled below).
            assertEquals(1, Main.run("copy", "--from", original.toString(), "--to", copy.text()));
            assertTrue(err().contains("Nothing was copied: the database " + original + " is in use by another process"),
                    err());
        }
        try (Database db = Database.open(original)) {
            ids = db.dsl().select(DOCUMENT.ID).from(DOCUMENT).orderBy(DOCUMENT.ID).fetch(DOCUMENT.ID);
        }

        // A password in the URL (the test server trusts, so any will do) is never printed.
        String to = copy.isSqlite() ? copy.text()
                : copy.text() + (copy.text().contains("?") ? "&" : "?") + "password=never-shown";
        assertEquals(0, Main.run("copy", "--from", original.toString(), "--to", to), err());
        assertTrue(err().contains("every count matches"), err());
        assertFalse(err().contains("never-shown"), err());
        assertTrue(err().matches("(?s).*revision\\s+5\\d\\s+5\\d.*"), err());

        assertEquals(1, Main.run("copy", "--from", original.toString(), "--to", copy.text()));
        assertTrue(err().contains("the target database is not empty"), err());

        Map<String, String> pages = new java.util.LinkedHashMap<>();
        List<String> paths = new java.util.ArrayList<>(List.of("/search.json", "/search.json?q=stalin&sort=-date",
                "/documents/" + corrected + "/history"));
        for (int id : ids) {
            paths.add("/documents/" + id + ".json");
        }
        try (OperatedCatalogue catalogue = serve(original)) {
            for (String path : paths) {
                HttpResponse<String> page = catalogue.http().get(path);
                pages.put(path, page.statusCode() + " " + page.body().replace(catalogue.http().url(""), "BASE"));
            }
        }
        try {
            // Taken home again before anything is written to the copy.
            assertEquals(0, Main.run("copy", "--from", copy.text(), "--to", home.toString()), err());
            assertServesTheSame(OperatedCatalogue.start(copy, copyFolder.resolve("index"), TestCatalogue.STOPS_AT_ONCE),
                    pages, paths, ids, withdrawn);
            assertServesTheSame(serve(home), pages, paths, ids, withdrawn);
        } finally {
            TestDatabase.forget(copyFolder);
        }
    }

    /**
     * A copy's records are counted once, when they are all in, not once a record: on PostgreSQL each
     * record's trigger updated the count's one row, and n versions of a row in one transaction made
     * the copy quadratic (100,000 records, 10 min 37 s). The count is still right, withdrawn records
     * left out.
     */
    @Test
    void aCopyCountsItsRecordsOnceWhenTheyAreAllIn() throws Exception {
        Path original = folder.resolve("original.db");
        // More records than one page of PostgreSQL holds versions of the count's row.
        assertEquals(0, Main.run("generate", "--count", "400", "--db", original.toString(), "--seeds",
                TestCatalogue.SEEDS.toString()), err());
        try (Database db = Database.open(original)) {
            db.dsl().update(DOCUMENT).set(DOCUMENT.WITHDRAWN_AT, java.time.Instant.parse("2026-12-03T00:00:00Z"))
                    .set(DOCUMENT.WITHDRAWN_REASON, "a test")
                    .where(DOCUMENT.ID.in(db.dsl().select(DOCUMENT.ID).from(DOCUMENT).orderBy(DOCUMENT.ID).limit(3)))
                    .execute();
        }
        Path copyFolder = folder.resolve("copy");
        DatabaseAddress copy = TestDatabase.in(copyFolder);
        try {
            String before;
            // Closed during the copy: a SQLite file open elsewhere is refused.
            try (Database target = Database.open(copy)) {
                before = rowVersion(target);
            }
            assertEquals(0, Main.run("copy", "--from", original.toString(), "--to", copy.text()), err());
            try (Database target = Database.open(copy)) {
                assertEquals(397, live(target), "the live records, the withdrawn left out");
                if (!copy.isSqlite()) {
                    // (page, item) of the count's row: the copy wrote one version of it after the one before.
                    int[] was = pageAndItem(before);
                    assertEquals(List.of(was[0], was[1] + 1),
                            java.util.Arrays.stream(pageAndItem(rowVersion(target))).boxed().toList());
                }
                target.dsl().update(DOCUMENT).set(DOCUMENT.WITHDRAWN_AT, (java.time.Instant) null)
                        .set(DOCUMENT.WITHDRAWN_REASON, (String) null).where(DOCUMENT.WITHDRAWN_AT.isNotNull()).execute();
                assertEquals(400, live(target), "the triggers count again after the copy");
            }
        } finally {
            TestDatabase.forget(copyFolder);
        }
    }

    private static long live(Database db) {
        return db.dsl().select(DOCUMENT_COUNT.LIVE).from(DOCUMENT_COUNT).fetchSingle(DOCUMENT_COUNT.LIVE).longValue();
    }

    /**
     * A PostgreSQL backup restored as the README said, by the postgres user (who ran the setup's psql),
     * leaves tables the catalogue's own role may not read: every command and the server stopped
     * saying the database "could not be brought to this version's schema" and that "what the failed
     * migration did was rolled back", where no migration had run. It says whose the tables are not,
     * and the pg_restore option that makes them the catalogue's.
     */
    @Test
    void tablesRestoredAsAnotherRoleAreSaidToBelongToItWithTheOptionThatMakesThemTheCatalogues() throws Exception {
        assumeTrue(TestPostgres.selected(), "PostgreSQL only: a SQLite file has no roles");
        Path owned = folder.resolve("owned");
        DatabaseAddress byPostgres = TestDatabase.in(owned);
        try {
            try (Database db = Database.open(byPostgres)) {
                db.dsl().execute("DO $$ BEGIN CREATE ROLE dossier_restorer LOGIN; "
                        + "EXCEPTION WHEN duplicate_object THEN NULL; END $$");
            }
            String asAnotherRole = byPostgres.url().replace("user=postgres", "user=dossier_restorer");
            assertEquals(1, Main.run("user", "list", "--db", asAnotherRole), err());
            assertTrue(err().contains("cannot be read by the role its address connects as (ERROR: permission denied for "
                    + "table flyway_schema_history): its tables belong to another role"), err());
            assertTrue(err().contains("pg_restore --no-owner --role=ROLE"), err());
            assertFalse(err().contains("rolled back") || err().contains("\tat "), err());
        } finally {
            TestDatabase.forget(owned);
        }
    }

    /**
     * A copy from PostgreSQL while a node still serves it and an editor saves: every table is read as
     * of the copy's first read. Each was read as of its own statement, so that a withdrawal saved
     * between the records' table and the revisions' left the copy's record live with the withdrawal
     * as its newest version, and every count matching.
     */
    @Test
    void aCopyFromPostgresqlIsOfOneInstantThoughAnEditorSavesMeanwhile() throws Exception {
        assumeTrue(TestPostgres.selected(), "PostgreSQL only: a SQLite source is read holding its write lock");
        Path fromFolder = Files.createDirectories(folder.resolve("from"));
        Path toFolder = folder.resolve("to");
        try (Database source = TestDatabase.seededIn(fromFolder); Database editors = TestDatabase.openIn(fromFolder);
             Database target = TestDatabase.openIn(toFolder)) {
            int id = RecordsByTitle.idOf(source.dsl(), "Concentering the Situation on Taiwan");
            int version = source.dsl().select(DOCUMENT.VERSION).from(DOCUMENT).where(DOCUMENT.ID.eq(id))
                    .fetchSingle(DOCUMENT.VERSION);
            RecordStore store = new RecordStore(editors.dsl(), Clock.systemUTC());
            AtomicBoolean saved = new AtomicBoolean();
            List<CatalogueCopy.Count> counts = CatalogueCopy.copy(source.dsl(), target.dsl(), new CatalogueCopy.Listener() {
                @Override
                public void startTable(String table, long rows) {
                }

                @Override
                public void copied(long rowsOfTable) {
                }

                @Override
                public void finishTable(String table, long rows) {
                    if (table.equals("document") && saved.compareAndSet(false, true)) {
                        store.write(w -> w.withdraw(id, version, "A duplicate", new Attribution("alice", "duplicate", null)));
                    }
                }
            });
            assertTrue(saved.get());
            assertTrue(counts.stream().allMatch(CatalogueCopy.Count::matches), counts.toString());
            assertEquals(version, target.dsl().fetchValue(DSL.select(DSL.max(REVISION.NUMBER)).from(REVISION)
                    .where(REVISION.DOCUMENT_ID.eq(id))), "the record as it was, its versions too");
            assertEquals(version + 1, source.dsl().select(DOCUMENT.VERSION).from(DOCUMENT).where(DOCUMENT.ID.eq(id))
                    .fetchSingle(DOCUMENT.VERSION), "the withdrawal was saved on the source");
        } finally {
            TestDatabase.forget(fromFolder);
            TestDatabase.forget(toFolder);
        }
    }

    /** Where the count's row lies on PostgreSQL (its ctid), or nothing on SQLite. */
    private static String rowVersion(Database db) {
        return db.dsl().dialect().family() == org.jooq.SQLDialect.POSTGRES
                ? String.valueOf(db.dsl().fetchValue("select ctid::text from document_count")) : "";
    }

    private static int[] pageAndItem(String ctid) {
        String[] parts = ctid.replaceAll("[()]", "").split(",");
        return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
    }

    private static void assertServesTheSame(OperatedCatalogue served, Map<String, String> pages, List<String> paths,
                                            List<Integer> ids, int withdrawn) {
        try (OperatedCatalogue catalogue = served) {
            for (String path : paths) {
                HttpResponse<String> page = catalogue.http().get(path);
                assertEquals(pages.get(path), page.statusCode() + " " + page.body().replace(catalogue.http().url(""), "BASE"),
                        path);
            }
            assertTrue(pages.get("/documents/" + withdrawn + ".json").startsWith("410"),
                    "the withdrawn record came along");
            Editors.signIn(catalogue.http(), "cy"); // with the password set on the original
            // New ids continue after the copied ones, never reusing one.
            Http cy = Editors.signIn(catalogue.http(), "cy");
            FormFields blank = FormFields.at(cy, "/admin/documents/new", "form.record-form");
            HttpResponse<String> created = cy.post("/admin/documents/new", blank.set("title", "A new record on the copy")
                    .set("date", "1950").set("note", "New").entries());
            assertEquals(303, created.statusCode(), created.body());
            int newest = ids.get(ids.size() - 1) + 1;
            assertTrue(created.headers().firstValue("Location").orElse("").startsWith("/documents/" + newest + "/"),
                    created.headers().toString());
        }
    }
}
