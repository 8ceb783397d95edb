package org.dossier.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.dossier.app.Database;
import org.dossier.documents.RecordStore;
import org.dossier.importing.ImportRun;
import org.dossier.search.LuceneSearchEngine;
import org.dossier.testing.SameOnEveryDatabase;
import org.dossier.testing.TestCatalogue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The requests a node asks of itself before it says it is ready. */
@SameOnEveryDatabase
class WarmUpTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private static List<String> paths(int n) {
        return IntStream.range(0, n).mapToObj(i -> "/search?q=word" + i).toList();
    }

    /** Waits until the warm-up says it is over; fails after ten seconds. */
    private static Readiness.Check over(WarmUp warmUp) throws InterruptedException {
        for (int i = 0; i < 1_000 && !warmUp.check().ok(); i++) {
            Thread.sleep(10);
        }
        Readiness.Check check = warmUp.check();
        assertTrue(check.ok(), "the warm-up is not over: " + check.details());
        return check;
    }

    @Test
    void aNodeIsNotReadyWhileItsWarmUpIsStillAsking() throws Exception {
        CountDownLatch answer = new CountDownLatch(1);
        AtomicInteger asked = new AtomicInteger();
        WarmUp warmUp = new WarmUp(5, MINUTE);
        warmUp.begin(() -> paths(5), null, path -> {
            answer.await();
            asked.incrementAndGet();
            return 200;
        });
        Thread.sleep(50);
        assertFalse(warmUp.check().ok(), "ready while every request of the warm-up was still waiting");
        answer.countDown();
        Readiness.Check check = over(warmUp);
        assertEquals(5, asked.get());
        assertEquals(Map.of("requests", 5, "asked", 5, "failed", 0), check.details());
    }

    @Test
    void failuresAreCountedAndTheWarmUpGoesOnToTheEnd() throws Exception {
        // A record withdrawn since its id was drawn is gone, not a failure; a 429 or a 500 is one.
        Map<String, Integer> statuses = Map.of("/search?q=word1", 500, "/search?q=word2", 404,
                "/search?q=word3", 410, "/search?q=word4", 429);
        WarmUp warmUp = new WarmUp(8, MINUTE);
        warmUp.begin(() -> paths(8), null, path -> {
            if (path.equals("/search?q=word5")) {
                throw new java.io.IOException("no answer within 30 s");
            }
            return statuses.getOrDefault(path, 200);
        });
        assertEquals(Map.of("requests", 8, "asked", 8, "failed", 3), over(warmUp).details());
    }

    @Test
    void aNodeStoppingEndsItsWarmUpWithoutAskingTheRest() throws Exception {
        CountDownLatch answer = new CountDownLatch(1);
        WarmUp warmUp = new WarmUp(1_000, MINUTE);
        warmUp.begin(() -> paths(1_000), null, path -> {
            answer.await();
            return 200;
        });
        Thread.sleep(50);
        warmUp.stop();
        answer.countDown();
        int asked = (Integer) over(warmUp).details().get("asked");
        assertTrue(asked <= Runtime.getRuntime().availableProcessors(), asked + " asked after the node stopped");
    }

    @Test
    void theWarmUpEndsAtItsLimitWithWhatItHasAsked() throws Exception {
        WarmUp warmUp = new WarmUp(1_000, Duration.ofMillis(300));
        warmUp.begin(() -> paths(1_000), null, path -> {
            Thread.sleep(20);
            return 200;
        });
        int asked = (Integer) over(warmUp).details().get("asked");
        assertTrue(asked > 0 && asked < 1_000, asked + " asked in 300 ms of 20 ms each");
    }

    @Test
    void noWarmUpMeansReadyAtOnceAndANegativeCountIsRefused() {
        WarmUp none = new WarmUp(0, MINUTE);
        none.begin(() -> {
            throw new AssertionError("no warm-up asked for, none drawn");
        }, null, path -> 200);
        assertTrue(none.check().ok());
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new OperationsSettings(null, null, 0, Duration.ZERO, -1, MINUTE));
        assertEquals("--warm-up takes a number of requests, 0 or more, not -1", refused.getMessage());
        assertEquals("--warm-up-limit takes a number of seconds, 1 or more", assertThrows(IllegalArgumentException.class,
                () -> new OperationsSettings(null, null, 0, Duration.ZERO, 10, Duration.ZERO)).getMessage());
    }

    @Test
    void theAddressesAreReadersShapesDrawnFromTheCatalogueTheSameEachTime(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("dossier.db");
        try (Database db = Database.open(file)) {
            new ImportRun(new RecordStore(db.dsl(), Clock.systemUTC()), Clock.systemUTC()).run(List.of(TestCatalogue.SEEDS));
        }
        try (Database db = Database.open(file);
             LuceneSearchEngine engine = LuceneSearchEngine.open(folder.resolve("dossier.index"), db.dsl())) {
            List<String> paths = WarmUpPaths.of(engine, 400);
            assertEquals(400, paths.size());
            assertEquals(paths, WarmUpPaths.of(engine, 400));
            for (String shape : List.of("/documents/", "/search?q=", "/search?person=", "/search?type=", "&from=",
                    "&page=", "&sort=date", "/search.json?")) {
                assertTrue(paths.stream().anyMatch(p -> p.contains(shape)), "no " + shape + " among " + paths);
            }
            assertTrue(paths.contains("/"), "the listing is not asked");
            // Words with a facet value: the request readers find slowest when it is new.
            assertTrue(paths.stream().anyMatch(p -> p.startsWith("/search?q=") && p.contains("&place=")));
        }
    }
}
