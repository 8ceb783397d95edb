package org.dossier.app;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import org.dossier.app.Database.Unavailable;
import org.dossier.web.WriteUnavailable;
import org.jooq.SQLDialect;
import org.sqlite.BusyHandler;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteDataSource;

/**
 * The opening of a SQLite file, which waits for another process's write as long as it was told
 * ({@code --write-wait}), once, in all: its read-only looks at the file (whether it is a
 * catalogue, whether it needs migrating) and its wait for the write lock share that one wait.
 * Those looks waited sqlite-jdbc's own busy timeout, 3 s each, beside a sqlite3 shell's
 * EXCLUSIVE lock on a file not in WAL mode, which keeps readers out: a start told to wait 5 s
 * said so after 12 s, and one told 1 s after 8.
 *
 * <p>Here too the steps of that opening, in their order ({@link #open}): the file's folder made,
 * another application's database refused, the schema looked at read-only ({@link SchemaHistory}),
 * the write lock awaited when there is something to migrate, the pool opened and the file migrated
 * ({@link Migrating}); and what is said when another process holds the file.
 */
final class SqliteOpening {

    private final Path file;
    private final WriteWait wait;
    private final long until;
    private boolean saidWaiting;

    SqliteOpening(Path file, WriteWait wait) {
        this.file = file;
        this.wait = wait;
        this.until = System.nanoTime() + wait.duration().toNanos();
    }

    /** The file, read only, each connection waiting for another writer until the opening's wait is over. */
    SQLiteDataSource readOnly() {
        SQLiteDataSource source = new SQLiteDataSource(readOnlyConfig()) {
            @Override
            public SQLiteConnection getConnection(String user, String password) throws SQLException {
                SQLiteConnection connection = super.getConnection(user, password);
                BusyHandler.setHandler(connection, Patient.until(until, SqliteOpening.this::sayWaiting));
                return connection;
            }
        };
        source.setUrl(url(file));
        return source;
    }

    /** A connection of {@code config} to the file that waits for another writer until the opening's wait is over. */
    java.sql.Connection connection(SQLiteConfig config) throws SQLException {
        java.sql.Connection connection = config.createConnection(url(file));
        BusyHandler.setHandler(connection, Patient.until(until, this::sayWaiting));
        return connection;
    }

    /** Once an opening: the one line that says it waits, and how long at most. */
    private synchronized void sayWaiting() {
        if (!saidWaiting) {
            saidWaiting = true;
            org.slf4j.LoggerFactory.getLogger(Database.class).info("Another process is writing to {}; waiting up to "
                    + "{} for it to finish before opening it", file, wait);
        }
    }

    /** The one line that refuses the opening: another process held the file for the whole wait. */
    Unavailable refusal(Throwable cause) {
        return new Unavailable(anotherWriter(file.toString(), wait.duration()), cause);
    }

    /**
     * Opens (and migrates) the SQLite file {@code file}; when it was not there and the opening fails
     * (a disk that fills up while it is migrated), takes away what the opening made: the file, its
     * write-ahead log and the folders made for it were left behind, holding that disk full, and
     * looking like a catalogue. A file that was there before is never taken away.
     */
    static Database open(Path file, WriteWait writeWait) {
        Optional<NewSqliteFile.Made> made = NewSqliteFile.madeByOpening(DatabaseAddress.sqlite(file));
        try {
            return openAsItIs(file, writeWait);
        } catch (RuntimeException | Error e) {
            made.ifPresent(NewSqliteFile.Made::takeAwayUnlessInUse);
            throw e;
        }
    }

    private static Database openAsItIs(Path file, WriteWait writeWait) {
        makeFolderOf(file);
        SqliteOpening opening = new SqliteOpening(file, writeWait);
        refuseAnotherApplications(opening);
        SchemaHistory.Seen current = atThisVersion(opening);
        if (current.current() == null) {
            awaitWriteLock(opening);
        }
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        sqlite.enforceForeignKeys(true);
        sqlite.setBusyTimeout((int) writeWait.duration().toMillis());
        // Writers take the write lock when they begin: two writers never deadlock upgrading a read lock.
        sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        long waitNanos = writeWait.duration().toNanos();
        GivingWay givingWay = GivingWay.forAPool();
        SQLiteDataSource source = new SQLiteDataSource(sqlite) {
            @Override
            public SQLiteConnection getConnection(String user, String password) throws SQLException {
                SQLiteConnection connection = super.getConnection(user, password);
                BusyHandler.setHandler(connection, new Patient(waitNanos, givingWay));
                return connection;
            }
        };
        source.setUrl("jdbc:sqlite:" + file.toAbsolutePath());

        HikariConfig config = Database.poolSettings("dossier-sqlite", 8, writeWait);
        config.setDataSource(source);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw unopenable(file, e, writeWait);
        }
        return Migrating.migrated(pool, Database.MIGRATIONS, SQLDialect.SQLITE, file.toString(), null, readOnly(file), current, writeWait,
                givingWay);
    }

    /**
     * The last migration applied to the SQLite file being opened (Flyway's installed_rank) when it
     * holds this version's schema, with nothing to migrate, looked at read-only ({@link SchemaHistory.Seen}); none
     * when it needs migrating, is not there yet, or cannot be read (opening it says why). Such a file is opened
     * without Flyway's migrate, which on SQLite reads the history in a writer's transaction: beside
     * another process's write (an import, a backup, a sqlite3 shell in BEGIN IMMEDIATE) a start
     * that had nothing to migrate waited for the write lock, failed, and logged four stack traces.
     * Refuses, in the one line, when another process's exclusive lock kept it from reading for the
     * whole write wait.
     */
    private static SchemaHistory.Seen atThisVersion(SqliteOpening opening) {
        if (!Files.isRegularFile(opening.file)) {
            return SchemaHistory.Seen.TO_MIGRATE;
        }
        return SchemaHistory.atThisVersion(opening.readOnly(), Database.MIGRATIONS, SQLDialect.SQLITE, opening);
    }

    /**
     * Waits, for what is left of the opening's write wait, for the write lock of the SQLite file,
     * which a migration needs, and lets it go at once; refuses, in one line, when another process
     * held it all that time. Waiting here, before Flyway, rather than in Flyway's own transactions,
     * which log a stack trace for each one the lock refused and then say it "could not be brought
     * to this version's schema". What else goes wrong is left to the opening, which says why.
     */
    private static void awaitWriteLock(SqliteOpening opening) {
        if (!Files.isRegularFile(opening.file)) {
            return;
        }
        try (java.sql.Connection connection = opening.connection(new SQLiteConfig());
             java.sql.Statement statement = connection.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            statement.execute("ROLLBACK");
        } catch (SQLException e) {
            if (anotherWriterHeld(e)) {
                throw opening.refusal(e);
            }
        }
    }

    /**
     * {@code failure} said in one line when it is another process's write lock on the SQLite file
     * {@code address}, held longer than {@code wait}: a start's seed import met it, or anything
     * else of the start that writes. Empty for anything else.
     */
    static Optional<Unavailable> anotherWriter(DatabaseAddress address, Throwable failure, Duration wait) {
        if (!address.isSqlite() || !anotherWriterHeld(failure)) {
            return Optional.empty();
        }
        return Optional.of(new Unavailable(anotherWriter(address.file().toString(), wait), failure));
    }

    /** Whether {@code failure} is a write lock held by another connection longer than this one waited. */
    static boolean anotherWriterHeld(Throwable failure) {
        return WriteUnavailable.of(failure).map(WriteUnavailable::busy).orElse(false);
    }

    static String anotherWriter(String name, Duration wait) {
        return "Another process is writing to " + name + " (an import, a backup, a sqlite3 shell; waited "
                + WriteWait.said(wait) + " for it): wait for it to finish or stop it, then start again; nothing was changed.";
    }

    /**
     * Refuses a SQLite file that holds tables but no migration history: another application's
     * database, given to --db by mistake. Looked at read-only, before the pool opens it, because
     * opening it for the catalogue would already switch it to WAL mode. What cannot be read here
     * (not a database at all) is left to the opening, which says why; another process's exclusive
     * lock held for the whole write wait is said at once.
     */
    private static void refuseAnotherApplications(SqliteOpening opening) {
        Path file = opening.file;
        if (!Files.isRegularFile(file)) {
            return;
        }
        boolean tables;
        boolean history;
        try (java.sql.Connection connection = opening.readOnly().getConnection();
             java.sql.Statement statement = connection.createStatement();
             java.sql.ResultSet found = statement.executeQuery("SELECT count(*), "
                     + "count(CASE WHEN name = 'flyway_schema_history' THEN 1 END) FROM sqlite_master WHERE type = 'table'")) {
            found.next();
            tables = found.getInt(1) > 0;
            history = found.getInt(2) > 0;
        } catch (SQLException e) {
            if (anotherWriterHeld(e)) {
                throw opening.refusal(e);
            }
            return;
        }
        if (tables && !history) {
            throw new Unavailable(Migrating.notACatalogue(file.toString()), null);
        }
    }

    /** Why SQLite could not open {@code file}, in one line that says what to do; else {@code e} itself. */
    private static RuntimeException unopenable(Path file, RuntimeException e, WriteWait writeWait) {
        if (anotherWriterHeld(e)) {
            return new Unavailable(anotherWriter(file.toString(), writeWait.duration()), e);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t instanceof SQLException ? String.valueOf(t.getMessage()) : "";
            if (message.contains("SQLITE_NOTADB")) {
                return new Unavailable("The file " + file + " is not a SQLite database (" + t.getMessage()
                        + "); nothing was changed. Give --db a catalogue's file, or a new name for a new one.", e);
            }
            if (message.contains("SQLITE_CANTOPEN") || message.contains("SQLITE_READONLY")) {
                return new Unavailable("The database " + file + " cannot be opened by this user (" + t.getMessage()
                        + "); the file and its folder must be readable, and the folder writable (SQLite keeps its "
                        + "-wal and -shm files there).", e);
            }
        }
        return e;
    }

    /**
     * The SQLite file {@code file}, read only: each connection a reader that never waits for a writer
     * (SQLite's WAL), where the catalogue's own connections begin every transaction IMMEDIATE, as a
     * writer, and wait for the write lock.
     */
    static SQLiteDataSource readOnly(Path file) {
        SQLiteDataSource source = new SQLiteDataSource(readOnlyConfig());
        source.setUrl(url(file));
        return source;
    }

    static SQLiteConfig readOnlyConfig() {
        SQLiteConfig readOnly = new SQLiteConfig();
        readOnly.setReadOnly(true);
        return readOnly;
    }

    private static String url(Path file) {
        return "jdbc:sqlite:" + file.toAbsolutePath();
    }

    /** Makes the folders a SQLite file {@code file} is to be in; one that cannot be made is {@link Unavailable}, said in one line. */
    static void makeFolderOf(Path file) {
        try {
            Folders.makeFor(file);
        } catch (IOException e) {
            throw new Unavailable("The folder of the database " + file + " cannot be made (" + e + ").", e);
        }
    }
}
