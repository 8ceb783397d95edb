package org.dossier.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.dossier.app.DatabaseAddress;
import org.dossier.app.Folders;
import org.dossier.app.SchemaHistory;
import org.sqlite.SQLiteConfig;

/**
 * Backups of a SQLite catalogue, and putting one back.
 *
 * <p>A backup is SQLite's {@code VACUUM INTO}: one read transaction, so the copy is the database
 * exactly as it was at one instant, while the server keeps serving and editors keep saving (in WAL
 * mode readers and the writer do not wait for each other). The database is opened as it is,
 * without migrating it: a backup taken before an upgrade is of the old schema.
 *
 * <p>A restore checks the file is a Dossier database, keeps the database it replaces beside it
 * ({@code dossier.db.before-restore}), puts the backup in place with every session ended
 * (everyone signs in again) and the sign-in throttle emptied, and leaves the search index to be rebuilt on the next start. The server must be stopped: see {@link #restore}.
 */
public final class Backups {

    /** What a backup or restore holds. */
    public record Summary(long documents, long revisions, long accounts, long bytes) {
        public String describe() {
            return documents + " records, " + revisions + " revisions, " + accounts + " accounts, "
                    + String.format(java.util.Locale.ROOT, "%,d", bytes) + " bytes";
        }
    }

    /** The backup or restore was refused; nothing was changed. */
    public static final class RefusedException extends Exception {
        private static final long serialVersionUID = 1L;

        public RefusedException(String message) {
            super(message);
        }
    }

    /** What backup and restore say for a database that is not a SQLite file. */
    private static final String POSTGRESQL_ADVICE = "a PostgreSQL catalogue is backed up with PostgreSQL's own tools, "
            + "while the server runs: pg_dump --format=custom --file=dossier.dump DBNAME, and restored into a new, "
            + "empty database with pg_restore --dbname=NEWDB --no-owner --role=ROLE dossier.dump, ROLE being the one the "
            + "catalogue connects as, then its sessions ended (everyone signs in again) and its sign-in throttle "
            + "emptied with psql --dbname=NEWDB --command='DELETE FROM account_session' "
            + "--command='DELETE FROM login_failure' (see the README)";

    /** What a restore says of the sessions it ended and the sign-in throttle it emptied. */
    public static final String SESSIONS_ENDED = "Every session is ended: everyone signs in again, and the sign-in "
            + "throttle starts afresh";

    private Backups() {
    }

    /**
     * The SQLite file a backup or a restore works on; a PostgreSQL catalogue is refused with what to
     * run instead, PostgreSQL's own tools.
     */
    public static Path sqliteFile(DatabaseAddress database) throws RefusedException {
        if (!database.isSqlite()) {
            throw new RefusedException(POSTGRESQL_ADVICE + ".");
        }
        return database.file();
    }

    /** Writes a consistent copy of {@code database} to {@code target}, which must not exist yet. */
    public static Summary backup(Path database, Path target) throws RefusedException, IOException, SQLException {
        if (!Files.isRegularFile(database)) {
            throw new RefusedException("there is no database at " + database);
        }
        if (Files.exists(target)) {
            throw new RefusedException(target + " exists already; give a new file name (nothing was overwritten)");
        }
        try {
            Folders.makeFor(target);
        } catch (IOException e) {
            throw new RefusedException("the folder of " + target + " cannot be made (" + e + ")");
        }
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        try {
            try {
                // What a backup stopped half-way (killed, or the machine off) left, its journal included.
                deletePartial(partial);
            } catch (IOException e) {
                throw new RefusedException(target + " cannot be written (" + e + ")");
            }
            try (Connection connection = open(database)) {
                try {
                    requireDossier(connection, database);
                } catch (SQLException e) {
                    throw notADatabase(database, e);
                }
                try (PreparedStatement vacuum = connection.prepareStatement("VACUUM INTO ?")) {
                    vacuum.setString(1, partial.toAbsolutePath().toString());
                    vacuum.execute();
                } catch (SQLException e) {
                    // The catalogue was read (it is one); what failed is writing the copy: a folder
                    // this user cannot write, a full disk.
                    if (String.valueOf(e.getMessage()).contains("SQLITE_FULL")) {
                        throw new RefusedException(diskFull(target, sizeAsRead(connection), "the catalogue", "backup",
                                "--to"));
                    }
                    throw new RefusedException(target + " cannot be written (" + e.getMessage() + ")");
                }
            } catch (SQLException e) {
                throw notADatabase(database, e);
            }
            Summary summary = check(partial);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            return summary;
        } finally {
            try {
                deletePartial(partial);
            } catch (IOException e) {
                // Nothing was written there, or nothing more can be done about it.
            }
        }
    }

    /** The unfinished copy and every file SQLite keeps beside one (its journal, a write-ahead log). */
    private static void deletePartial(Path partial) throws IOException {
        for (String suffix : new String[] {"", "-journal", "-wal", "-shm"}) {
            Files.deleteIfExists(partial.resolveSibling(partial.getFileName() + suffix));
        }
    }

    /**
     * What to do when the disk {@code target} is on is full: how much is free there, how much the
     * copy needs, and to free space there or give {@code option} a file on another.
     *
     * @param needs    the bytes the copy takes, or a negative number when they cannot be read
     * @param copiedAs what is copied, as the message names it: "the catalogue", "the backup"
     * @param command  what to run again: "backup", "restore"
     */
    private static String diskFull(Path target, long needs, String copiedAs, String command, String option) {
        Path folder = target.toAbsolutePath().getParent();
        String free;
        try {
            free = String.format(java.util.Locale.ROOT, "%,d bytes are free there",
                    Files.getFileStore(folder).getUsableSpace());
        } catch (IOException e) {
            free = "how much is free there cannot be read";
        }
        String about = needs < 0 ? "about " + copiedAs + "'s size"
                : String.format(java.util.Locale.ROOT, "about %,d bytes, %s's size", needs, copiedAs);
        return "the disk of " + folder + " is full (" + free + "; the " + command + " needs " + about + "). Nothing was "
                + "kept there: free space on that disk, or give " + option + " a file on another, and run the "
                + command + " again";
    }

    /**
     * What a catalogue takes as SQLite reads it, less its free pages, which {@code VACUUM INTO}
     * leaves out: a served catalogue keeps its latest saves in the write-ahead log beside the file
     * (a first start's whole import, until a checkpoint), so that the file's own size said a
     * fraction of it. -1 when it cannot be read.
     */
    private static long sizeAsRead(Connection connection) {
        try (Statement statement = connection.createStatement()) {
            return (pragma(statement, "page_count") - pragma(statement, "freelist_count")) * pragma(statement, "page_size");
        } catch (SQLException e) {
            return -1;
        }
    }

    private static long pragma(Statement statement, String name) throws SQLException {
        // The names are this class's own constants, never input.
        try (ResultSet value = statement.executeQuery("PRAGMA " + name)) {
            value.next();
            return value.getLong(1);
        }
    }

    /** True when the disk {@code target} is on has less room than {@code copied} takes: why a copy there failed. */
    private static boolean tooSmallFor(Path target, Path copied) {
        try {
            return Files.getFileStore(target.toAbsolutePath().getParent()).getUsableSpace() < Files.size(copied);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Refuses when anything has {@code database} open: a server (whatever its {@code --index}), an
     * import, a relink, in this process or another. Every connection to a catalogue in WAL mode
     * holds a shared lock on its file for as long as it is open; a connection in exclusive locking
     * mode that gets its exclusive lock at once is therefore the only one.
     */
    public static void requireUnused(Path database) throws RefusedException, SQLException {
        boolean inUse;
        try {
            inUse = inUse(database);
        } catch (SQLException e) {
            throw notADatabase(database, e);
        }
        if (inUse) {
            throw new RefusedException("the database " + database + " is in use by another process (is a server, "
                    + "an import or a relink running on it?); stop it first");
        }
    }

    /**
     * Whether anything has {@code database} open (as {@link #requireUnused} judges it); false when
     * there is no such file. What else SQLite says of the file (not a database, damaged) is thrown.
     */
    public static boolean inUse(Path database) throws SQLException {
        if (!Files.isRegularFile(database)) {
            return false;
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(0);
        config.setLockingMode(SQLiteConfig.LockingMode.EXCLUSIVE);
        try (Connection connection = config.createConnection("jdbc:sqlite:" + database.toAbsolutePath());
             Statement statement = connection.createStatement()) {
            statement.execute("BEGIN EXCLUSIVE");
            statement.execute("COMMIT");
            return false;
        } catch (SQLException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("SQLITE_BUSY") || message.contains("SQLITE_LOCKED")) {
                return true;
            }
            throw e;
        }
    }

    /**
     * Puts the backup {@code from} in place of {@code database}; the database replaced is kept as
     * {@code database.before-restore}. The server must be stopped, and the search index beside
     * the database discarded first (so that it is rebuilt from what was restored).
     */
    public static Summary restore(Path from, Path database) throws RefusedException, IOException, SQLException {
        Summary summary = check(from);
        Path incoming = database.resolveSibling(database.getFileName() + ".restoring");
        try {
            Files.copy(from, incoming, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // A folder this user cannot write, a full disk: the database is still as it was.
            Files.deleteIfExists(incoming);
            if (tooSmallFor(database, from)) {
                throw new RefusedException(diskFull(database, Files.size(from), "the backup", "restore", "--db"));
            }
            throw new RefusedException("the backup cannot be copied beside " + database + " (" + e
                    + "); nothing was changed");
        }
        try {
            forgetSignIns(incoming);
        } catch (SQLException e) {
            Files.deleteIfExists(incoming);
            throw e;
        }
        if (Files.exists(database)) {
            // Fold any write-ahead log into the old file, so that the kept copy is whole and no
            // stale log is left to be replayed over the restored database.
            try (Connection connection = open(database); Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            }
            Files.move(database, keptAs(database));
        }
        Files.deleteIfExists(database.resolveSibling(database.getFileName() + "-wal"));
        Files.deleteIfExists(database.resolveSibling(database.getFileName() + "-shm"));
        Files.move(incoming, database, StandardCopyOption.ATOMIC_MOVE);
        return summary;
    }

    /**
     * Ends every session the backup holds, in the copy about to be put in place: a session ended
     * since the backup was taken (a sign-out, an admin's, a password changed) would otherwise be
     * valid again with its old cookie. Everyone signs in again after a restore. And empties the
     * sign-in throttle: its counts are of the backup's time, so that an editor's slips then made
     * her next one wait twice as long, while the guesses counted since are in the database replaced;
     * starting afresh gives anyone only the free attempts again.
     */
    private static void forgetSignIns(Path copy) throws SQLException {
        try (Connection connection = open(copy); Statement statement = connection.createStatement()) {
            statement.executeUpdate("DELETE FROM account_session");
            statement.executeUpdate("DELETE FROM login_failure");
        }
    }

    /**
     * Where a restore keeps the database it replaces: {@code dossier.db.before-restore}, or when an
     * earlier restore kept one there already, {@code dossier.db.before-restore-2}, {@code -3} ...: a
     * second restore (the first backup was the wrong one) never overwrites the catalogue as it was
     * before the first.
     */
    public static Path keptAs(Path database) {
        Path kept = database.resolveSibling(database.getFileName() + ".before-restore");
        for (int n = 2; Files.exists(kept, java.nio.file.LinkOption.NOFOLLOW_LINKS); n++) {
            kept = database.resolveSibling(database.getFileName() + ".before-restore-" + n);
        }
        return kept;
    }

    /** Checks that {@code file} is a whole Dossier database and says what it holds. */
    public static Summary check(Path file) throws RefusedException, SQLException, IOException {
        if (!Files.isRegularFile(file)) {
            throw new RefusedException("there is no file at " + file);
        }
        try (Connection connection = open(file); Statement statement = connection.createStatement()) {
            try (ResultSet ok = statement.executeQuery("PRAGMA quick_check")) {
                if (!ok.next() || !"ok".equals(ok.getString(1))) {
                    throw new RefusedException(file + " is damaged: " + (ok.getRow() > 0 ? ok.getString(1) : "no answer"));
                }
            }
            requireDossier(connection, file);
            Optional<String> problems = SchemaHistory.schemaProblems(file);
            if (problems.isPresent()) {
                throw new RefusedException(file + " does not match this version's migrations (" + problems.get()
                        + "): it was made by a newer version of Dossier, or changed by hand, and this version would refuse "
                        + "to open it. Restore it with the version that made it, or give a backup made by this version or "
                        + "an earlier one");
            }
            return new Summary(count(statement, "document"), count(statement, "revision"), count(statement, "account"),
                    Files.size(file));
        } catch (SQLException e) {
            throw notADatabase(file, e);
        }
    }

    /** SQLite's "not a database" or "malformed" as a refusal that names the file; any other error as it was. */
    private static SQLException notADatabase(Path file, SQLException e) throws RefusedException {
        String message = String.valueOf(e.getMessage());
        if (message.contains("SQLITE_NOTADB")) {
            throw new RefusedException(file + " is not a SQLite database");
        }
        if (message.contains("SQLITE_CORRUPT")) {
            // A file cut short (a copy that did not finish) or damaged where SQLite reads first.
            throw new RefusedException(file + " is damaged: " + e.getMessage());
        }
        return e;
    }

    private static void requireDossier(Connection connection, Path file) throws SQLException, RefusedException {
        try (PreparedStatement tables = connection.prepareStatement(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('flyway_schema_history', "
                        + "'document', 'revision')");
             ResultSet found = tables.executeQuery()) {
            if (!found.next() || found.getInt(1) != 3) {
                throw new RefusedException(file + " is not a Dossier catalogue");
            }
        }
    }

    private static long count(Statement statement, String table) throws SQLException {
        // The table names are this class's own constants, never input.
        try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static Connection open(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(30_000);
        config.enforceForeignKeys(true);
        return config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
    }
}
