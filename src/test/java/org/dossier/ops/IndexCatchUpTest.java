package org.dossier.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.dossier.editing.MutableClock;
import org.dossier.ops.IndexCatchUp.Verdict;
import org.dossier.testing.SameOnEveryDatabase;
import org.junit.jupiter.api.Test;

/** When an index further behind than --max-index-lag still says it is ready: while it is seen catching up. */
@SameOnEveryDatabase
class IndexCatchUpTest {

    private final MutableClock clock = new MutableClock("2026-12-03T06:00:00Z");
    private final IndexCatchUp catchUp = new IndexCatchUp(1_000);

    @Test
    void aBulkWriteThatEveryNodeAppliesKeepsTheNodeReadyOnceItIsSeenMoving() {
        assertEquals(Verdict.WITHIN_LAG, catchUp.judge(100, 0, clock.instant()));
        // An import of 100,000 records commits: found behind, not yet seen applying.
        assertEquals(Verdict.BEHIND, catchUp.judge(100, 100_000, clock.instant()));
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Verdict.CATCHING_UP, catchUp.judge(5_100, 95_000, clock.instant()));
        // A reading between two published batches finds it where it was: still catching up.
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Verdict.CATCHING_UP, catchUp.judge(5_100, 95_000, clock.instant()));
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Verdict.CATCHING_UP, catchUp.judge(9_100, 91_000, clock.instant()));
        assertEquals(Verdict.WITHIN_LAG, catchUp.judge(99_500, 600, clock.instant()));
    }

    @Test
    void anIndexThatStopsApplyingIsNotReadyOnceItHasStoodStillTooLong() {
        assertEquals(Verdict.BEHIND, catchUp.judge(100, 5_000, clock.instant()));
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Verdict.CATCHING_UP, catchUp.judge(200, 4_900, clock.instant()));
        clock.advance(IndexCatchUp.STALLED.minusSeconds(1));
        assertEquals(Verdict.CATCHING_UP, catchUp.judge(200, 4_950, clock.instant()));
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Verdict.BEHIND, catchUp.judge(200, 5_000, clock.instant()));
        // Moving again, it is ready again.
        assertEquals(Verdict.CATCHING_UP, catchUp.judge(300, 4_900, clock.instant()));
    }

    @Test
    void aNodeFoundBehindAgainAfterCatchingUpStartsAfresh() {
        catchUp.judge(100, 5_000, clock.instant());
        catchUp.judge(200, 4_900, clock.instant());
        assertEquals(Verdict.WITHIN_LAG, catchUp.judge(5_100, 0, clock.instant()));
        assertEquals(Verdict.BEHIND, catchUp.judge(5_100, 2_000, clock.instant()));
    }
}
