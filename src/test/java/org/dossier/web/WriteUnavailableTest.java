package org.dossier.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.dossier.app.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;
import org.dossier.testing.SameOnEveryDatabase;

/** What a failed write on a real SQLite file means: busy (another writer) or read-only, or neither. */
@SameOnEveryDatabase
class WriteUnavailableTest {

    @TempDir
    Path folder;

    private Connection connect(SQLiteConfig config) throws SQLException {
        return config.createConnection("jdbc:sqlite:" + folder.resolve("dossier.db").toAbsolutePath());
    }

    @Test
    void aWriteOnAReadOnlyDatabaseIsReadOnly() throws Exception {
        Database.open(folder.resolve("dossier.db")).close();
        SQLiteConfig readOnly = new SQLiteConfig();
        readOnly.setReadOnly(true);
        try (Connection connection = connect(readOnly); Statement statement = connection.createStatement()) {
            SQLException e = assertThrows(SQLException.class,
                    () -> statement.executeUpdate("delete from login_failure"));
            assertTrue(WriteUnavailable.of(new RuntimeException(e)).orElseThrow().readOnly());
        }
    }

    @Test
    void aWriteWhileAnotherWriterHoldsTheDatabaseIsBusy() throws Exception {
        Database.open(folder.resolve("dossier.db")).close();
        SQLiteConfig impatient = new SQLiteConfig();
        impatient.setBusyTimeout(100);
        try (Connection holder = connect(new SQLiteConfig()); Connection other = connect(impatient);
                Statement hold = holder.createStatement(); Statement write = other.createStatement()) {
            hold.execute("begin immediate");
            SQLException e = assertThrows(SQLException.class, () -> write.executeUpdate("delete from login_failure"));
            assertFalse(WriteUnavailable.of(e).orElseThrow().readOnly());
            hold.execute("rollback");
        }
    }

    @Test
    void aWriteOnAFullDiskIsAFullDiskThatWaitingWillNotHelp() throws Exception {
        Database.open(folder.resolve("dossier.db")).close();
        try (Connection connection = connect(new SQLiteConfig()); Statement statement = connection.createStatement()) {
            statement.execute("create table filler (x BLOB)");
            // The file may grow no further than it is: what a full disk does to SQLite (SQLITE_FULL).
            try (var pages = statement.executeQuery("pragma page_count")) {
                pages.next();
                statement.execute("pragma max_page_count = " + pages.getLong(1));
            }
            SQLException e = assertThrows(SQLException.class, () -> {
                for (int i = 0; i < 10_000; i++) {
                    statement.executeUpdate("insert into filler (x) values (randomblob(4000))");
                }
            });
            WriteUnavailable full = WriteUnavailable.of(new RuntimeException(e)).orElseThrow(() -> new AssertionError(e));
            assertTrue(full.readOnly(), "waiting will not help");
            assertTrue(full.getMessage().contains("disk is full"), full.getMessage());
        }
    }

    @Test
    void otherFailuresAreNeither() {
        assertTrue(WriteUnavailable.of(new SQLException("no such table: x", null, 1)).isEmpty());
        assertTrue(WriteUnavailable.of(new IllegalStateException("x")).isEmpty());
    }
}
