package org.dossier.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.dossier.app.Database;
import org.dossier.editing.MutableClock;
import org.dossier.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LoginThrottleTest {

    private static final String HOME = "192.0.2.10";
    private static final String ELSEWHERE = "198.51.100.7";

    @RegisterExtension
    final TestDatabase database = TestDatabase.emptyForEachTest();
    private MutableClock clock;
    private LoginThrottle throttle;

    @BeforeEach
    void open() throws IOException {
        clock = new MutableClock("2026-05-01T10:00:00Z");
        throttle = new LoginThrottle(database.dsl(), clock);
    }

    /** Attempts that all fail their password check; each must be admitted. */
    private void fail(String name, String client, int times) {
        for (int i = 0; i < times; i++) {
            assertFalse(throttle.admit(name, client).refused(), "attempt " + (i + 1) + " is checked");
        }
    }

    @Test
    void fourFailuresAreFreeAndTheFifthMakesThatNameFromThatAddressWait() {
        fail("alice", HOME, 4);
        fail("alice", HOME, 1);
        LoginThrottle.Admission refused = throttle.admit("alice", HOME);
        assertTrue(refused.refused());
        assertEquals(Duration.ofSeconds(15), refused.refusal().orElseThrow().left());
        assertEquals("Too many failed sign-ins for 'alice' from your address. Wait 15 seconds before trying again.",
                refused.refusal().get().message());
        assertTrue(throttle.admit("Alice", HOME).refused(), "names are counted in lower case");
        assertFalse(throttle.admit("bob", HOME).refused(), "other accounts are not held up");
    }

    @Test
    void aNameWithAControlCharacterIsCountedLikeAnyOther() {
        // PostgreSQL keeps no NUL in text: a sign-in typed with one was a 500 there, before any check.
        fail("ali\u0000ce", HOME, LoginThrottle.FREE_PER_PAIR + 1);
        assertTrue(throttle.admit("ali\u0000ce", HOME).refused());
        assertFalse(throttle.admit("alice", HOME).refused(), "another name");
    }

    @Test
    void anAddressThatIsWaitingAddsNoRowsWhateverNamesItTries() {
        for (int i = 0; i < LoginThrottle.FREE_PER_CLIENT + 1; i++) {
            throttle.admit("name" + i, HOME);
        }
        int rows = database.dsl().fetchCount(org.dossier.db.Tables.LOGIN_FAILURE);
        for (int i = 0; i < 200; i++) {
            assertTrue(throttle.admit("another name " + i, HOME).refused());
        }
        assertEquals(rows, database.dsl().fetchCount(org.dossier.db.Tables.LOGIN_FAILURE),
                "a refused attempt is not written down: it was two rows a request, kept for a day");
        assertFalse(throttle.admit("another name", ELSEWHERE).refused(), "other addresses are not held up");
    }

    @Test
    void theOwnerSignsInFromTheirOwnAddressWhateverIsTriedFromElsewhere() {
        for (int i = 0; i < 200; i++) {
            throttle.admit("alice", "203.0.113." + (i % 50));
        }
        LoginThrottle.Admission owner = throttle.admit("alice", HOME);
        assertFalse(owner.refused(), "a flood from other addresses never locks the owner out");
        assertEquals(LoginThrottle.CEILING_DELAY, owner.delay(), "past the account's ceiling it is only slowed");
        throttle.succeeded("alice", HOME);
    }

    @Test
    void belowTheCeilingNothingIsDelayed() {
        fail("alice", ELSEWHERE, 3);
        assertEquals(Duration.ZERO, throttle.admit("alice", HOME).delay());
    }

    @Test
    void eachFurtherFailureDoublesTheWaitUpToFifteenMinutes() {
        fail("alice", HOME, 5);
        for (long expected : new long[] {30, 60, 120, 240, 480, 900, 900}) {
            clock.advance(Duration.ofHours(1));
            fail("alice", HOME, 1);
            assertEquals(Duration.ofSeconds(expected), throttle.admit("alice", HOME).refusal().orElseThrow().left());
        }
        assertEquals("Too many failed sign-ins for 'alice' from your address. Wait 15 minutes before trying again.",
                throttle.admit("alice", HOME).refusal().orElseThrow().message());
    }

    @Test
    void aNameLockedOutMaySignInAgainTheMomentItsWaitRunsOut() {
        fail("alice", HOME, 5);
        clock.advance(Duration.ofSeconds(14));
        assertEquals("Too many failed sign-ins for 'alice' from your address. Wait 1 second before trying again.",
                throttle.admit("alice", HOME).refusal().orElseThrow().message());
        clock.advance(Duration.ofSeconds(1));
        assertFalse(throttle.admit("alice", HOME).refused());
    }

    @Test
    void oneClientTryingManyNamesWaitsToo() {
        for (int i = 0; i < 21; i++) {
            fail("user" + i, HOME, 1);
        }
        LoginThrottle.Admission refused = throttle.admit("someone-new", HOME);
        assertEquals("Too many failed sign-ins from your address. Wait 15 seconds before trying again.",
                refused.refusal().orElseThrow().message());
        assertFalse(refused.refusal().get().forAccount());
        assertFalse(throttle.admit("someone-new", ELSEWHERE).refused());
    }

    @Test
    void aRightPasswordTakesItsAttemptBackAndClearsThatNameFromThatAddress() {
        fail("alice", HOME, 4);
        assertFalse(throttle.admit("alice", HOME).refused());
        throttle.succeeded("alice", HOME);
        fail("alice", HOME, 5);
        assertTrue(throttle.admit("alice", HOME).refused());
    }

    @Test
    void failuresAreForgottenAfterADayWithoutAny() {
        fail("alice", HOME, 5);
        clock.advance(Duration.ofHours(25));
        fail("alice", HOME, 5);
        assertTrue(throttle.admit("alice", HOME).refused());
    }

    @Test
    void theCountsOutliveTheServer() throws IOException {
        fail("alice", HOME, 5);
        database.reopen();
        assertTrue(new LoginThrottle(database.dsl(), clock).admit("alice", HOME).refused());
    }

    @Test
    void fortyParallelAttemptsCheckOnlyTheFreeOnesAndTheOneThatStartsTheWait() throws Exception {
        // Two throttles on two connection pools, as two app nodes sharing one database.
        try (Database otherNode = Database.open(database.address())) {
            LoginThrottle[] nodes = {throttle, new LoginThrottle(otherNode.dsl(), clock)};
            ExecutorService pool = Executors.newFixedThreadPool(40);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> admitted = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                LoginThrottle node = nodes[i % 2];
                admitted.add(pool.submit(() -> {
                    start.await();
                    return !node.admit("alice", HOME).refused();
                }));
            }
            start.countDown();
            int checked = 0;
            for (Future<Boolean> f : admitted) {
                checked += f.get() ? 1 : 0;
            }
            pool.shutdown();
            assertEquals(LoginThrottle.FREE_PER_PAIR + 1, checked);
        }
    }
}
