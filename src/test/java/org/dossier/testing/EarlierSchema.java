package org.dossier.testing;

import java.nio.file.Path;
import org.dossier.app.DatabaseAddress;
import org.flywaydb.core.Flyway;

/**
 * A test database migrated only as far as an earlier version, for a test of a later migration:
 * rows are written as that version's schema had them, then {@code Database.open} applies the rest.
 * A SQLite file in the test's folder, or, in the suite's PostgreSQL half, a fresh database on the
 * shared server ({@link #drop} it after).
 */
public final class EarlierSchema {

    private EarlierSchema() {
    }

    /** A database at {@code version} (Flyway's, e.g. "21"), its SQLite file (if any) in {@code folder}. */
    public static DatabaseAddress at(String version, Path folder) {
        DatabaseAddress address = TestPostgres.selected() ? TestPostgres.unmigratedDatabase()
                : DatabaseAddress.sqlite(folder.resolve("old.db"));
        Flyway.configure().dataSource(url(address), null, null)
                .locations(address.isSqlite() ? "classpath:db/sqlite" : "classpath:db/postgresql")
                .target(version).load().migrate();
        return address;
    }

    /** The JDBC address of {@code address}, for writing rows through a plain connection, as the earlier version did. */
    public static String url(DatabaseAddress address) {
        return address.isSqlite() ? "jdbc:sqlite:" + address.file() : address.url();
    }

    /** Drops the PostgreSQL database {@link #at} made; nothing for a SQLite file, which goes with its folder. */
    public static void drop(DatabaseAddress address) {
        TestPostgres.drop(address);
    }
}
