package org.dossier.editing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.dossier.app.Database;
import org.dossier.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoginThrottleTest {

    private static final String HOME = "192.0.2.10";
    private static final String ELSEWHERE = "198.51.100.7";

    @TempDir
    Path folder;
    private Database database;
    private MutableClock clock;
    private LoginThrottle throttle;

    @BeforeEach
    void open() throws IOException {
        database = TestDatabase.openIn(folder);
        clock = new MutableClock("2026-05-01T10:00:00Z");
        throttle = new LoginThrottle(database.dsl(), clock);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private void fail(String name, String client, int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(name, client);
        }
    }

    @Test
    void fourFailuresAreFreeAndTheFifthMakesTheAccountWait() {
        fail("alice", HOME, 4);
        assertTrue(throttle.waitBefore("alice", HOME).isEmpty());
        fail("alice", HOME, 1);
        LoginThrottle.Wait wait = throttle.waitBefore("alice", HOME).orElseThrow();
        assertEquals(Duration.ofSeconds(15), wait.left());
        assertEquals("Too many failed sign-ins for 'alice'. Wait 15 seconds before trying again.", wait.message());
        assertTrue(throttle.waitBefore("Alice", ELSEWHERE).isPresent(), "the account waits from every address");
        assertTrue(throttle.waitBefore("bob", HOME).isEmpty(), "other accounts do not");
    }

    @Test
    void eachFurtherFailureDoublesTheWaitUpToFifteenMinutes() {
        fail("alice", HOME, 5);
        for (long expected : new long[] {30, 60, 120, 240, 480, 900, 900}) {
            clock.advance(Duration.ofHours(1));
            fail("alice", HOME, 1);
            assertEquals(Duration.ofSeconds(expected), throttle.waitBefore("alice", HOME).orElseThrow().left());
        }
        assertEquals("Too many failed sign-ins for 'alice'. Wait 15 minutes before trying again.",
                throttle.waitBefore("alice", HOME).orElseThrow().message());
    }

    @Test
    void theWaitRunsOut() {
        fail("alice", HOME, 5);
        clock.advance(Duration.ofSeconds(14));
        assertEquals("Too many failed sign-ins for 'alice'. Wait 1 second before trying again.",
                throttle.waitBefore("alice", HOME).orElseThrow().message());
        clock.advance(Duration.ofSeconds(1));
        assertTrue(throttle.waitBefore("alice", HOME).isEmpty());
    }

    @Test
    void oneClientTryingManyNamesWaitsToo() {
        for (int i = 0; i < 20; i++) {
            throttle.failed("user" + i, HOME);
        }
        assertTrue(throttle.waitBefore("someone-new", HOME).isEmpty());
        throttle.failed("user21", HOME);
        Optional<LoginThrottle.Wait> wait = throttle.waitBefore("someone-new", HOME);
        assertEquals("Too many failed sign-ins from your address. Wait 15 seconds before trying again.",
                wait.orElseThrow().message());
        assertFalse(wait.get().forAccount());
        assertTrue(throttle.waitBefore("someone-new", ELSEWHERE).isEmpty());
    }

    @Test
    void aSuccessClearsTheAccountsCount() {
        fail("alice", HOME, 4);
        throttle.succeeded("alice");
        fail("alice", HOME, 4);
        assertTrue(throttle.waitBefore("alice", HOME).isEmpty());
    }

    @Test
    void failuresAreForgottenAfterADayWithoutAny() {
        fail("alice", HOME, 4);
        clock.advance(Duration.ofHours(25));
        fail("bob", HOME, 1);
        fail("alice", HOME, 4);
        assertTrue(throttle.waitBefore("alice", HOME).isEmpty());
    }

    @Test
    void theCountsOutliveTheServer() throws IOException {
        fail("alice", HOME, 5);
        database.close();
        database = TestDatabase.openIn(folder);
        assertTrue(new LoginThrottle(database.dsl(), clock).waitBefore("alice", HOME).isPresent());
    }
}
