package org.dossier.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.dossier.app.Database;
import org.dossier.authorities.AuthorityLoader;
import org.dossier.documents.RecordStore;
import org.jooq.DSLContext;

/** A real SQLite database in a temporary folder, migrated, for tests that need no server. */
public final class TestDatabase implements AutoCloseable {

    private final Path folder;
    private final Database database;

    private TestDatabase(Path folder, Database database) {
        this.folder = folder;
        this.database = database;
    }

    public static TestDatabase empty() {
        try {
            Path folder = Files.createTempDirectory("dossier-db-");
            return new TestDatabase(folder, Database.open(folder.resolve("dossier.db")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A database holding the authority lists from seeds/authorities, and no documents. */
    public static TestDatabase withAuthorities() {
        TestDatabase db = empty();
        try {
            var lists = AuthorityLoader.read(TestCatalogue.SEEDS.resolve("authorities"));
            db.dsl().transaction(tx -> AuthorityLoader.store(tx.dsl(), lists));
        } catch (Exception e) {
            db.close();
            throw new IllegalStateException("the authority lists did not load", e);
        }
        return db;
    }

    public DSLContext dsl() {
        return database.dsl();
    }

    public RecordStore store() {
        return new RecordStore(database.dsl(), Clock.systemUTC());
    }

    public Path file() {
        return folder.resolve("dossier.db");
    }

    public Path folder() {
        return folder;
    }

    @Override
    public void close() {
        database.close();
        TestCatalogue.deleteRecursively(folder);
    }
}
