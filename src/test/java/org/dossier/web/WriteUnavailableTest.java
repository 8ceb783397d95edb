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
    void otherFailuresAreNeither() {
        assertTrue(WriteUnavailable.of(new SQLException("no such table: x", null, 1)).isEmpty());
        assertTrue(WriteUnavailable.of(new IllegalStateException("x")).isEmpty());
    }
}
