package org.dossier.search;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.Lock;
import org.dossier.app.Database;
import org.dossier.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code .building} folder a reindex writes beside the index, as large as the index: one that a
 * killed reindex left stayed until the next build, which a server whose index needed none never
 * made. A server removes it when it opens the index, unless a build in another process holds it.
 */
class AbandonedBuildTest {

    @TempDir
    Path folder;

    @AfterEach
    void forget() {
        TestDatabase.forget(folder);
    }

    @Test
    void aServerRemovesWhatAKilledReindexLeft() throws Exception {
        try (Database db = TestDatabase.seededIn(folder)) {
            Path index = folder.resolve("dossier.index");
            Path building = leftBy(index);
            try (LuceneSearchEngine engine = LuceneSearchEngine.open(index, db.dsl())) {
                assertTrue(engine.size() > 0);
            }
            assertFalse(Files.exists(building), "the killed build's folder is still there");
        }
    }

    @Test
    void aBuildUnderWayInAnotherProcessKeepsItsFolder() throws Exception {
        try (Database db = TestDatabase.seededIn(folder)) {
            Path index = folder.resolve("dossier.index");
            Path building = leftBy(index);
            try (Directory directory = FSDirectory.open(building);
                 Lock underWay = directory.obtainLock(IndexBuilder.BUILD_LOCK)) {
                try (LuceneSearchEngine engine = LuceneSearchEngine.open(index, db.dsl())) {
                    assertTrue(engine.size() > 0);
                }
                underWay.ensureValid();
                assertTrue(Files.exists(building.resolve("part-0").resolve("_0.cfs")), "a server removed a build under way");
                // A second reindex removed the first one's folder before it looked whether the index was in use.
                assertThrows(IndexInUseException.class, () -> LuceneSearchEngine.rebuild(index, db.dsl(), (done, total) -> { }));
                assertTrue(Files.exists(building.resolve("part-0").resolve("_0.cfs")), "a second build removed a build under way");
            }
            LuceneSearchEngine.rebuild(index, db.dsl(), (done, total) -> { });
            assertFalse(Files.exists(building));
        }
    }

    /** What a reindex killed while it wrote its partitions leaves beside {@code index}. */
    private static Path leftBy(Path index) throws Exception {
        Path building = IndexBuilder.sibling(index, ".building");
        Files.createDirectories(building.resolve("part-0"));
        Files.write(building.resolve("part-0").resolve("_0.cfs"), new byte[4096]);
        return building;
    }
}
