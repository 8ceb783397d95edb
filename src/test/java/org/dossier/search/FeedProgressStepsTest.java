package org.dossier.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.dossier.testing.SameOnEveryDatabase;
import org.junit.jupiter.api.Test;

/**
 * The follower's steps, by which readiness tells a node catching up from a stuck one: each record
 * written further than before is one, a batch tried again after a failure is none.
 */
@SameOnEveryDatabase
class FeedProgressStepsTest {

    private final FeedProgress progress = new FeedProgress("the index", 100);

    @Test
    void anEngineToldToLetASearchWaitNoTimeOrLessIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new FeedProgress("the index", 100, java.time.Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new FeedProgress("the index", 100, java.time.Duration.ofSeconds(-1)));
    }

    @Test
    void eachRecordWrittenOfABatchIsAStepBeforeTheBatchIsSearchable() {
        progress.writing(100, 1);
        progress.writing(100, 2);
        assertEquals(2, progress.steps());
        assertEquals(100, progress.applied(), "nothing searchable yet");
        progress.advanceTo(1_100);
        progress.writing(1_100, 1);
        assertEquals(4, progress.steps());
    }

    @Test
    void aBatchTriedAgainAfterAFailureTakesNoStepUntilItPassesWhereItFailed() {
        for (int written = 1; written <= 500; written++) {
            progress.writing(100, written);
        }
        long failedAt = progress.steps();
        // The same batch, after the failure, written again from its first record: the same ground.
        for (int written = 1; written <= 500; written++) {
            progress.writing(100, written);
        }
        assertEquals(failedAt, progress.steps());
        progress.writing(100, 501);
        assertEquals(failedAt + 1, progress.steps());
    }

    @Test
    void aBatchMadeSearchableAgainIsNoStep() {
        progress.advanceTo(1_100);
        progress.advanceTo(1_100);
        progress.advanceTo(900);
        assertEquals(1, progress.steps());
    }

    /**
     * An export waits as long as the follower gets on, and a record written is getting on: a batch
     * written and made searchable took longer than the whole wait on a loaded machine, and the
     * export gave up ("made no progress") while the follower was writing, short of records.
     */
    @Test
    void anExportWaitsForAFollowerWritingOneBatchForLongerThanTheWait() throws Exception {
        long head = 1_100;
        CompletableFuture<Long> lacking = CompletableFuture.supplyAsync(() -> progress.awaitWhole(head, () -> { }));
        long writing = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(FeedProgress.AWAIT_MILLIS + 2_000);
        for (int written = 1; System.nanoTime() < writing; written++) {
            progress.writing(100, written);
            Thread.sleep(200);
        }
        assertFalse(lacking.isDone(), "it gave up while records were being written");
        progress.advanceTo(head);
        assertEquals(0, lacking.get(10, TimeUnit.SECONDS), "the export holds every change committed before it");
    }
}
