package org.dossier.search;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.dossier.app.Database;
import org.dossier.documents.RecordStore;
import org.dossier.testing.RecordsByTitle;
import org.dossier.testing.TestCatalogue;
import org.dossier.testing.TestDatabase;

/** A real database in a temporary folder holding the seed pages' catalogue, and its search index. */
final class SeedIndex implements AutoCloseable {

    final Path folder;
    final Database database;
    final RecordStore store;
    LuceneSearchEngine engine;

    private SeedIndex(Path folder, Database database, RecordStore store) {
        this.folder = folder;
        this.database = database;
        this.store = store;
    }

    static SeedIndex open() throws Exception {
        Path folder = Files.createTempDirectory("dossier-search-");
        Database database = TestDatabase.seededIn(folder);
        RecordStore store = new RecordStore(database.dsl(), Clock.systemUTC());
        SeedIndex index = new SeedIndex(folder, database, store);
        index.reopen();
        store.onChange(ids -> index.engine.changed(ids));
        // the listener reads the field at each change: reopening the engine keeps it following
        return index;
    }

    /** The id of the one record whose title contains {@code words}: see {@link RecordsByTitle}. */
    int recordTitled(String words) {
        return RecordsByTitle.idOf(database.dsl(), words);
    }

    Path indexFolder() {
        return folder.resolve("dossier.index");
    }

    /** Closes the engine and opens it again, as a restart does. */
    void reopen() throws Exception {
        if (engine != null) {
            engine.close();
        }
        engine = LuceneSearchEngine.open(indexFolder(), database.dsl());
    }

    @Override
    public void close() {
        if (engine != null) {
            engine.close();
        }
        database.close();
        TestDatabase.forget(folder);
        TestCatalogue.deleteRecursively(folder);
    }
}
