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
 * ({@code dossier.db.before-restore}), puts the backup in place, and leaves the search index to
 * be rebuilt on the next start. The server must be stopped: see {@link #restore}.
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
    public static final String POSTGRESQL_ADVICE = "a PostgreSQL catalogue is backed up with PostgreSQL's own tools, "
            + "while the server runs: pg_dump --format=custom --file=dossier.dump DBNAME, and restored into a new, "
            + "empty database with pg_restore --dbname=NEWDB --no-owner dossier.dump (see the README)";

    private Backups() {
    }

    /** Writes a consistent copy of {@code database} to {@code target}, which must not exist yet. */
    public static Summary backup(Path database, Path target) throws RefusedException, IOException, SQLException {
        if (!Files.isRegularFile(database)) {
            throw new RefusedException("there is no database at " + database);
        }
        if (Files.exists(target)) {
            throw new RefusedException(target + " exists already; give a new file name (nothing was overwritten)");
        }
        Path parent = target.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        Files.deleteIfExists(partial);
        try {
            try (Connection connection = open(database);
                 PreparedStatement vacuum = connection.prepareStatement("VACUUM INTO ?")) {
                requireDossier(connection, database);
                vacuum.setString(1, partial.toAbsolutePath().toString());
                vacuum.execute();
            }
            Summary summary = check(partial);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            return summary;
        } catch (SQLException e) {
            throw notADatabase(database, e);
        } finally {
            Files.deleteIfExists(partial);
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
        Files.copy(from, incoming, StandardCopyOption.REPLACE_EXISTING);
        if (Files.exists(database)) {
            // Fold any write-ahead log into the old file, so that the kept copy is whole and no
            // stale log is left to be replayed over the restored database.
            try (Connection connection = open(database); Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            }
            Files.move(database, database.resolveSibling(database.getFileName() + ".before-restore"),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        Files.deleteIfExists(database.resolveSibling(database.getFileName() + "-wal"));
        Files.deleteIfExists(database.resolveSibling(database.getFileName() + "-shm"));
        Files.move(incoming, database, StandardCopyOption.ATOMIC_MOVE);
        return summary;
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
            return new Summary(count(statement, "document"), count(statement, "revision"), count(statement, "account"),
                    Files.size(file));
        } catch (SQLException e) {
            throw notADatabase(file, e);
        }
    }

    /** SQLite's "not a database" as a refusal that names the file; any other error as it was. */
    private static SQLException notADatabase(Path file, SQLException e) throws RefusedException {
        if (e.getMessage() != null && e.getMessage().contains("SQLITE_NOTADB")) {
            throw new RefusedException(file + " is not a SQLite database");
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
