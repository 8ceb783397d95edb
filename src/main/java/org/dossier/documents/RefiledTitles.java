package org.dossier.documents;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Gives every stored record the sort key {@link Slugs#sortKey} gives it now: what a migration
 * does when the rule changes (V16: titles in other scripts filed by their own letters, where they
 * had an empty key). Plain JDBC, because it runs inside Flyway, before the app is built; the
 * records are read as a stream and only the keys that differ are written, in batches.
 */
public final class RefiledTitles {

    private static final int BATCH = 1_000;

    private RefiledTitles() {
    }

    /** Rewrites the sort keys that differ from the rule's; returns how many. */
    public static int refile(Connection connection) throws SQLException {
        int changed = 0;
        try (Statement read = connection.createStatement();
             PreparedStatement write = connection.prepareStatement("UPDATE document SET sort_title = ? WHERE id = ?")) {
            read.setFetchSize(BATCH);
            try (ResultSet rows = read.executeQuery("SELECT id, title, sort_title FROM document")) {
                int pending = 0;
                while (rows.next()) {
                    String key = Slugs.sortKey(rows.getString(2));
                    if (key.equals(rows.getString(3))) {
                        continue;
                    }
                    write.setString(1, key);
                    write.setInt(2, rows.getInt(1));
                    write.addBatch();
                    changed++;
                    if (++pending == BATCH) {
                        write.executeBatch();
                        pending = 0;
                    }
                }
                if (pending > 0) {
                    write.executeBatch();
                }
            }
        }
        return changed;
    }
}
