package org.dossier.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dossier.search.LuceneSearchEngine;
import org.dossier.search.SearchRequest;
import org.dossier.testing.TestCatalogue;
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
        Path db = folder.resolve("big.db");
        assertEquals(0, Main.run("generate", "--db", db.toString(), "--count", "300"));
        assertEquals(0, Main.run("reindex", "--db", db.toString()));
        assertTrue(Files.isDirectory(folder.resolve("big.index")));
        try (Database database = Database.open(db);
             LuceneSearchEngine engine = LuceneSearchEngine.open(folder.resolve("big.index"), database.dsl())) {
            assertEquals(300, engine.search(SearchRequest.everything(1)).total());
        }
    }

    @Test
    void reindexRefusesAnIndexAServerHasOpen() throws Exception {
        Path db = folder.resolve("dossier.db");
        assertEquals(0, Main.run("generate", "--db", db.toString(), "--count", "20"));
        try (Database database = Database.open(db);
             LuceneSearchEngine engine = LuceneSearchEngine.open(Settings.indexBeside(db), database.dsl())) {
            assertEquals(1, Main.run("reindex", "--db", db.toString()));
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
