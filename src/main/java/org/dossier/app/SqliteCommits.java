package org.dossier.app;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.dossier.documents.HeadWatch;
import org.sqlite.SQLiteConfig;

/**
 * Whether anything was committed to a SQLite file since last asked ({@link HeadWatch.Commits}):
 * SQLite's {@code PRAGMA data_version} changes, on the connection that asks it, whenever another
 * connection commits to the file, one of this process's pool or one of another process, and not
 * otherwise. Asked on a connection of its own, read only, which commits nothing itself: a pool's
 * connection would not see its own writes in it. The statement is kept compiled (a few microseconds
 * a search, where the head's row through the pool and jOOQ took tens) and each ask is its own read
 * transaction, ended when its row is closed: the connection holds no snapshot between two asks.
 * Opened on first use (commands that never search never open it), closed with the database.
 */
final class SqliteCommits implements HeadWatch.Commits, AutoCloseable {

    private final String url;
    private final SQLiteConfig readOnly;
    private Connection connection;
    private PreparedStatement dataVersion;
    private boolean closed;

    /** {@code readOnly}: the configuration of a read-only connection to the file at {@code url}. */
    SqliteCommits(String url, SQLiteConfig readOnly) {
        this.url = url;
        this.readOnly = readOnly;
        // Never waits: a file another process keeps from being read is read as before, waiting as it did.
        readOnly.setBusyTimeout(0);
    }

    @Override
    public synchronized long now() throws SQLException {
        if (closed) {
            throw new SQLException("the database is closed");
        }
        try {
            if (dataVersion == null) {
                connection = readOnly.createConnection(url);
                dataVersion = connection.prepareStatement("PRAGMA data_version");
            }
            try (ResultSet row = dataVersion.executeQuery()) {
                if (!row.next()) {
                    throw new SQLException("PRAGMA data_version gave no row");
                }
                return row.getLong(1);
            }
        } catch (SQLException e) {
            closeConnection(); // opened again on the next ask
            throw e;
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        closeConnection();
    }

    private void closeConnection() {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException e) {
            // nothing was written on it: nothing is lost
        } finally {
            connection = null;
            dataVersion = null;
        }
    }
}
