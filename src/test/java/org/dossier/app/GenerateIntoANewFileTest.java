package org.dossier.app;

import static org.dossier.db.Tables.DOCUMENT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.dossier.testing.SameOnEveryDatabase;
import org.dossier.testing.TestCatalogue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code generate} into a SQLite file that is not there yet: the file is made under another name
 * without a journal and appears at the asked-for name only when whole, in the WAL mode the app
 * serves it in; a run that fails leaves nothing there.
 */
@SameOnEveryDatabase
class GenerateIntoANewFileTest {

    @TempDir
    Path folder;

    @Test
    void theNewFileAppearsWholeInWalModeAndNothingElseIsLeftBesideIt() throws Exception {
        Path file = folder.resolve("new.db");
        assertEquals(0, Main.run("generate", "--db", file.toString(), "--count", "300",
                "--seeds", TestCatalogue.SEEDS.toString()));
        assertEquals(List.of("new.db"), names());
        try (Connection plain = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            assertEquals("wal", one(plain, "pragma journal_mode"));
            // Written without SQLite checking each row's CHECK constraints: quick_check checks them all.
            assertEquals("ok", one(plain, "pragma quick_check"));
            // Written without checking foreign keys: none points nowhere.
            try (Statement statement = plain.createStatement();
                 ResultSet dangling = statement.executeQuery("pragma foreign_key_check")) {
                assertEquals(false, dangling.next());
            }
        }
        try (Database database = Database.open(file)) {
            assertEquals(300, database.dsl().fetchCount(DOCUMENT));
        }
    }

    @Test
    void aRunThatFailsLeavesNoFileBehind() throws Exception {
        assertEquals(1, Main.run("generate", "--db", folder.resolve("new.db").toString(), "--count", "5",
                "--seeds", folder.resolve("nowhere").toString()));
        assertEquals(List.of(), names());
    }

    /**
     * The indexes a new file's writer builds once its rows are in are sorted in runs of a bounded
     * size, written out to temporary files past it: with the connection's temporary storage in
     * memory, SQLite's sorter never writes a run out, and each CREATE INDEX held every key of its
     * table in memory, more the larger the file.
     */
    @Test
    void aNewFileIsWrittenWithItsTemporaryStorageOnDiskSoItsIndexSortsStayBounded() throws Exception {
        // PRAGMA temp_store: 0 the build's default (a file, in sqlite-jdbc's), 1 a file, 2 memory.
        Object storage = NewSqliteFile.build(folder.resolve("sorted.db"), one -> one.fetchValue("PRAGMA temp_store"));
        assertEquals("1", String.valueOf(storage));
    }

    private List<String> names() throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    private static String one(Connection connection, String pragma) throws Exception {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(pragma)) {
            result.next();
            return result.getString(1);
        }
    }
}
