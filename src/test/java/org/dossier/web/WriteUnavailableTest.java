package org.dossier.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.dossier.app.Database;
import org.dossier.app.WriteWait;
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
            assertEquals(30, WriteUnavailable.of(e).orElseThrow().retryAfterSeconds(), "an import holds it for minutes");
            hold.execute("rollback");
        }
    }

    @Test
    void aRequestThatFindsEveryConnectionInUseForTheWholeWaitIsACrowdToTryAgainInMoments() throws Exception {
        int connections = 8; // the pool's, for a SQLite file
        try (Database database = Database.open(folder.resolve("dossier.db"), WriteWait.parse("300ms"))) {
            CountDownLatch lent = new CountDownLatch(connections);
            CountDownLatch giveBack = new CountDownLatch(1);
            ExecutorService holders = Executors.newFixedThreadPool(connections);
            try {
                for (int i = 0; i < connections; i++) {
                    holders.submit(() -> {
                        // Each asks again until it holds one: on a loaded machine the pool may take
                        // longer than its 300 ms wait to open a new connection, and a holder that gave up
                        // left the pool one short of full for good.
                        while (true) {
                            try {
                                database.dsl().connection(c -> {
                                    lent.countDown();
                                    giveBack.await();
                                });
                                return;
                            } catch (RuntimeException notYet) {
                                if (WriteUnavailable.of(notYet).isEmpty()) {
                                    throw notYet;
                                }
                            }
                        }
                    });
                }
                assertTrue(lent.await(30, TimeUnit.SECONDS), "the pool lends every connection it has");
                RuntimeException e = assertThrows(RuntimeException.class, () -> database.dsl().fetchValue("select 1"));
                WriteUnavailable crowded = WriteUnavailable.of(e).orElseThrow();
                assertFalse(crowded.readOnly(), "waiting helps");
                assertEquals(2, crowded.retryAfterSeconds());
                assertTrue(crowded.getMessage().startsWith("The catalogue is answering many requests at once"),
                        crowded.getMessage());
                assertTrue(DatabaseUnreachable.of(e).isEmpty(), "the database is there");
            } finally {
                giveBack.countDown();
                holders.shutdown();
                assertTrue(holders.awaitTermination(30, TimeUnit.SECONDS));
            }
            assertEquals(1, ((Number) database.dsl().fetchValue("select 1")).intValue(), "served once they are given back");
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
