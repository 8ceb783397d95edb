package org.dossier.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dossier.app.DatabaseAddress;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test database migrated only as far as an earlier version, for a test of a later migration:
 * rows are written as that version's schema had them, then {@code Database.open} applies the rest.
 * A SQLite file in a folder of each test's own, or, in the suite's PostgreSQL half, a fresh
 * database on the shared server; made before each test and dropped after it:
 * {@code @RegisterExtension final EarlierSchema before = EarlierSchema.at("21");}.
 */
public final class EarlierSchema implements BeforeEachCallback, AfterEachCallback {

    private final String version;
    private Path folder;
    private DatabaseAddress address;

    private EarlierSchema(String version) {
        this.version = version;
    }

    /** A database at {@code version} (Flyway's, e.g. "21") for each test of the class. */
    public static EarlierSchema at(String version) {
        return new EarlierSchema(version);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        try {
            folder = Files.createTempDirectory("dossier-v" + version + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        address = TestPostgres.selected() ? TestPostgres.unmigratedDatabase()
                : DatabaseAddress.sqlite(folder.resolve("old.db"));
        Flyway.configure().dataSource(url(), null, null)
                .locations(address.isSqlite() ? "classpath:db/sqlite" : "classpath:db/postgresql")
                .target(version).load().migrate();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (address != null) {
            TestPostgres.drop(address);
        }
        TestCatalogue.deleteRecursively(folder);
    }

    /** The database, for {@code Database.open} to migrate the rest of the way. */
    public DatabaseAddress address() {
        return address;
    }

    /** The JDBC address of the database, for writing rows through a plain connection, as the earlier version did. */
    public String url() {
        return address.isSqlite() ? "jdbc:sqlite:" + address.file() : address.url();
    }

    /** The test's own folder (the SQLite file is in it), for whatever else the test writes. */
    public Path folder() {
        return folder;
    }
}
