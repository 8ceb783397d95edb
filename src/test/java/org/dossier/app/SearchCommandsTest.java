package org.dossier.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dossier.search.LuceneSearchEngine;
import org.dossier.search.SearchRequest;
import org.dossier.testing.TestCatalogue;
import org.dossier.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code generate} and {@code reindex} from the command line. */
class SearchCommandsTest {

    private Path folder;

    @BeforeEach
    void folder() throws Exception {
        folder = Files.createTempDirectory("dossier-commands-");
    }

    @AfterEach
    void clean() {
        TestCatalogue.deleteRecursively(folder);
    }

    @Test
    void generatedRecordsAreIndexedByReindexBesideTheDatabase() throws Exception {
        DatabaseAddress db = TestDatabase.in(folder);
        Path index = folder.resolve("big.index");
        assertEquals(0, Main.run("generate", "--db", db.text(), "--count", "300"));
        assertEquals(0, Main.run("reindex", "--db", db.text(), "--index", index.toString()));
        assertTrue(Files.isDirectory(index));
        try (Database database = Database.open(db);
             LuceneSearchEngine engine = LuceneSearchEngine.open(folder.resolve("big.index"), database.dsl())) {
            assertEquals(300, engine.search(SearchRequest.everything(1)).total());
        }
    }

    @Test
    void reindexRefusesAnIndexAServerHasOpen() throws Exception {
        DatabaseAddress db = TestDatabase.in(folder);
        Path index = folder.resolve("dossier.index");
        assertEquals(0, Main.run("generate", "--db", db.text(), "--count", "20"));
        try (Database database = Database.open(db);
             LuceneSearchEngine engine = LuceneSearchEngine.open(index, database.dsl())) {
            assertEquals(1, Main.run("reindex", "--db", db.text(), "--index", index.toString()));
            assertEquals(20, engine.search(SearchRequest.everything(1)).total());
        }
    }

    @Test
    void generateWithoutSeedsSaysWhatIsMissing() {
        assertEquals(1, Main.run("generate", "--db", folder.resolve("x.db").toString(), "--count", "5",
                "--seeds", folder.resolve("nowhere").toString()));
        assertEquals(2, Main.run("generate", "--db", folder.resolve("x.db").toString()));
    }
}
