package org.dossier.app;

import static org.dossier.db.Tables.DOCUMENT;
import static org.dossier.db.Tables.DOCUMENT_SOURCE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.dossier.testing.Http;
import org.dossier.testing.TestCatalogue;
import org.dossier.testing.TestDatabase;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * Two app nodes started at the same moment on one empty database, each told to import the seed
 * pages when it finds the database empty (as two containers of a compose file do): the seeds are
 * imported once, not twice. On PostgreSQL in the second test run, on one SQLite file in the first.
 */
class NodesStartedTogetherTest {

    /** The five seed pages hold exactly this many distinct documents. */
    private static final int SEED_RECORDS = 49;

    @Test
    void twoNodesStartedTogetherOnAnEmptyDatabaseImportTheSeedsOnce() throws Exception {
        Path folder = Files.createTempDirectory("dossier-together-");
        DatabaseAddress database = TestDatabase.in(folder);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch ready = new CountDownLatch(2);
        List<Future<DossierApp>> starting = new ArrayList<>();
        List<DossierApp> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                Settings settings = Settings.of(database, "127.0.0.1", 0).withSeeds(TestCatalogue.SEEDS)
                        .withIndex(folder.resolve("node-" + i + ".index"));
                starting.add(pool.submit(() -> {
                    ready.countDown();
                    ready.await();
                    return DossierApp.start(settings, TestCatalogue.STOPS_AT_ONCE);
                }));
            }
            for (Future<DossierApp> node : starting) {
                nodes.add(node.get(120, TimeUnit.SECONDS));
            }
            try (Database db = Database.open(database)) {
                assertEquals(SEED_RECORDS, db.dsl().fetchCount(DOCUMENT), "each seed entry became one record");
                assertEquals(0, db.dsl().fetchCount(db.dsl().select(DOCUMENT_SOURCE.IDENTITY).from(DOCUMENT_SOURCE)
                        .groupBy(DOCUMENT_SOURCE.IDENTITY)
                        .having(DSL.countDistinct(DOCUMENT_SOURCE.DOCUMENT_ID).gt(1))),
                        "no entry of the seeds names two records");
            }
            for (DossierApp node : nodes) {
                String json = new Http("http://127.0.0.1:" + node.port()).get("/search.json").body();
                assertEquals(SEED_RECORDS, new com.fasterxml.jackson.databind.ObjectMapper().readTree(json)
                        .get("total").asInt(), "each node's index holds the seeds once");
            }
        } finally {
            pool.shutdownNow();
            nodes.forEach(DossierApp::close);
            TestDatabase.forget(folder);
            TestCatalogue.deleteRecursively(folder);
        }
    }
}
