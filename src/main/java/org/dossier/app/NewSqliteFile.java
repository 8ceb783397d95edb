package org.dossier.app;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.dossier.db.Tables;
import org.dossier.ops.Backups;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.sqlite.SQLiteConfig;

/**
 * A SQLite catalogue that does not exist yet, made whole by one bulk writer ({@code generate}, or
 * {@code import}) and only then put where it was asked for. While it is made it has a name of its own beside the file
 * (a failed or killed run leaves at most that file, never something at the asked-for name that looks
 * like a catalogue), and nobody else can open it, so it is written without a journal
 * ({@code journal_mode=OFF}: no rollback journal, and no write-ahead log that would hold every page
 * a second time and then be copied into the file at the end), without waiting for the disk and
 * without checking foreign keys on each insert. At the end it is put back in WAL mode, the mode the
 * app serves a file in, and renamed into place.
 */
final class NewSqliteFile {

    /** The work done on the new file, through the one connection it has, and what it tells of it (an import's report). */
    @FunctionalInterface
    interface Work<T> {
        T on(DSLContext db) throws Exception;
    }

    /**
     * SQLite's worker threads for sorting: CREATE INDEX over millions of rows sorts them, and sorts
     * on both cores with this. The writer has the file to itself by then.
     */
    private static final String SORT_ON_TWO_THREADS = "PRAGMA threads = 2";

    private NewSqliteFile() {
    }

    /** True when {@code address} is a SQLite file that is not there yet. */
    static boolean isNew(DatabaseAddress address) {
        return address.isSqlite() && !Files.exists(address.file());
    }

    /**
     * Makes the catalogue at {@code file} (which must not exist) by migrating a new file under
     * another name, running {@code work} on it, and renaming it to {@code file}; on any failure the
     * other file is deleted and nothing is at {@code file}. Returns what {@code work} returned.
     */
    static <T> T build(Path file, Work<T> work) throws Exception {
        Path absolute = file.toAbsolutePath();
        Path folder = absolute.getParent();
        // The folders made for it go too if it fails (an import whose pages are refused leaves no
        // empty folder where the catalogue was asked for).
        Path highestMissing = highestMissing(absolute);
        SqliteOpening.makeFolderOf(absolute);
        // A name of its own, made by this process (with the permissions any new file gets here).
        Path building = Files.createFile(folder.resolve(absolute.getFileName() + "." + ProcessHandle.current().pid()
                + ".building"));
        T made;
        try {
            // The schema exactly as every catalogue gets it (Flyway, in WAL mode), then closed: the
            // rest is written on a connection of its own settings.
            Database.open(building).close();
            try (Connection connection = unjournaled(building)) {
                DSLContext db = DSL.using(connection, SQLDialect.SQLITE, new Settings().withExecuteLogging(false));
                made = work.on(db);
                String mode = String.valueOf(db.fetchValue("PRAGMA journal_mode = WAL"));
                if (!"wal".equalsIgnoreCase(mode)) {
                    throw new IOException("could not put " + building + " back in WAL mode (it is in " + mode + ")");
                }
            }
            if (Files.exists(Path.of(building + "-wal"))) {
                throw new IOException(building + " was closed but its write-ahead log is still there");
            }
            if (Files.exists(absolute)) {
                throw new IOException(absolute + " appeared while it was being made: it is left as it is");
            }
            // Written without waiting for the disk (synchronous=OFF): the whole file reaches it now,
            // before the rename can, so that a crash never leaves a torn catalogue under its name.
            try (FileChannel whole = FileChannel.open(building, StandardOpenOption.WRITE)) {
                whole.force(true);
            }
            Files.move(building, absolute, StandardCopyOption.ATOMIC_MOVE);
        } catch (Exception | Error e) {
            takeAway(building, highestMissing, e);
            throw e;
        }
        return made;
    }

    /**
     * {@code file} and what SQLite keeps beside it; what cannot be deleted is added to
     * {@code failure} (when there is one: a refusal already said is not an exception).
     */
    private static void deleteWithItsJournals(Path file, Throwable failure) {
        for (Path leftover : List.of(file, Path.of(file + "-wal"), Path.of(file + "-shm"), Path.of(file + "-journal"))) {
            try {
                Files.deleteIfExists(leftover);
            } catch (IOException deleting) {
                if (failure != null) {
                    failure.addSuppressed(deleting);
                }
            }
        }
    }

    /**
     * What opening {@code address} would make, to be taken away again by a command that then
     * changes nothing (an import whose pages are refused): the file, when it is not there yet, and
     * the folders above it that are missing. Empty for a file that is there, or PostgreSQL.
     */
    static Optional<Made> madeByOpening(DatabaseAddress address) {
        if (!isNew(address)) {
            return Optional.empty();
        }
        Path file = address.file().toAbsolutePath();
        return Optional.of(new Made(file, highestMissing(file)));
    }

    /** The highest folder above {@code file} (absolute) that is not there, {@code null} when every one is. */
    private static Path highestMissing(Path file) {
        Path highestMissing = file.getParent();
        while (highestMissing.getParent() != null && !Files.exists(highestMissing.getParent())) {
            highestMissing = highestMissing.getParent();
        }
        return Files.exists(highestMissing) ? null : highestMissing;
    }

    /**
     * Deletes {@code file}, its journals and the folders made for it up to {@code highestFolder}
     * (none when {@code null}), those left empty; what cannot be deleted is added to {@code failure}
     * when there is one.
     */
    private static void takeAway(Path file, Path highestFolder, Throwable failure) {
        deleteWithItsJournals(file, failure);
        if (highestFolder == null) {
            return;
        }
        for (Path folder = file.getParent(); folder.startsWith(highestFolder); folder = folder.getParent()) {
            try {
                Files.deleteIfExists(folder);
            } catch (IOException notEmpty) {
                // Something else was put there meanwhile: it stays, and so does the folder.
                return;
            }
        }
    }

    /**
     * A new SQLite file and the highest folder above it that opening it made ({@code null} when
     * every folder was there).
     */
    record Made(Path file, Path highestFolder) {

        /**
         * Deletes the file, its journals and the folders made for it, those left empty; unless
         * another process has the file open (a server that started on the same new path
         * meanwhile), or it holds a record or an account: then it is left as it is.
         */
        void takeAwayUnlessOpened() {
            try {
                Backups.requireUnused(file);
                try (Database db = Database.open(file)) {
                    if (db.dsl().fetchCount(Tables.DOCUMENT) > 0
                            || db.dsl().fetchCount(Tables.ACCOUNT) > 0) {
                        return;
                    }
                }
            } catch (Backups.RefusedException | SQLException | RuntimeException inUseOrUnreadable) {
                return;
            }
            takeAway();
        }

        /**
         * Deletes the file, its journals and the folders made for it, those left empty, after an
         * opening that failed (a full disk while it was migrated): whatever it holds, it was made
         * by this process and is no catalogue yet. Unless another process has it open (a server
         * that started on the same new path meanwhile): then it is left as it is.
         */
        void takeAwayUnlessInUse() {
            try {
                if (Backups.inUse(file)) {
                    return;
                }
            } catch (SQLException unreadable) {
                // No SQLite file yet (the disk filled up before its first page was whole): this process made it.
            }
            takeAway();
        }

        private void takeAway() {
            NewSqliteFile.takeAway(file, highestFolder, null);
        }
    }

    private static Connection unjournaled(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.OFF);
        config.setSynchronous(SQLiteConfig.SynchronousMode.OFF);
        // Temporary storage a file, as the app's other connections have it: in memory, SQLite's
        // sorter never writes a sorted run out, and each CREATE INDEX at the end held all its keys
        // in memory, more the larger the file (documents/BulkWriting#rebuild bounds the sorts).
        config.setTempStore(SQLiteConfig.TempStore.FILE);
        // A page cache of 256 MB (SQLite's default is 2 MB) while the rows are written: the indexes
        // kept live grow in it. The index builds at the end run with less (documents/BulkWriting#rebuild).
        config.setCacheSize(-256 * 1024);
        // Every row of a new file is written by the one bulk writer, with record ids it numbers
        // itself and people, places and types read from the same file: a foreign key cannot point
        // nowhere, and checking each on each insert (about twenty look-ups a record) cost a tenth
        // of the run. The app's own connections check them as ever (the setting is the connection's).
        config.enforceForeignKeys(false);
        Connection connection = config.createConnection("jdbc:sqlite:" + file);
        try (var statement = connection.createStatement()) {
            statement.execute(SORT_ON_TWO_THREADS);
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }
}
