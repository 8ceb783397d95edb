package org.dossier.accounts;

import static org.dossier.db.Tables.ACCOUNT_SESSION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.dossier.app.Database;
import org.dossier.editing.MutableClock;
import org.dossier.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionsTest {

    @TempDir
    Path folder;
    private Database database;
    private MutableClock clock;
    private Sessions sessions;
    private Account alice;

    @BeforeEach
    void open() throws IOException {
        database = TestDatabase.openIn(folder);
        clock = new MutableClock("2026-05-01T10:00:00Z");
        sessions = new Sessions(database.dsl(), clock);
        alice = new Accounts(database.dsl(), clock).add("alice", Role.EDITOR, "correct horse battery");
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void theDatabaseKeepsOnlyAHashOfTheCookiesToken() {
        Sessions.Started started = sessions.start(alice);
        String stored = database.dsl().select(ACCOUNT_SESSION.TOKEN_HASH).from(ACCOUNT_SESSION)
                .fetchSingle(ACCOUNT_SESSION.TOKEN_HASH);
        assertNotEquals(started.token(), stored);
        assertEquals(Tokens.sha256(started.token()), stored);
        Sessions.Session found = sessions.find(started.token()).orElseThrow();
        assertEquals(new CurrentUser(alice.id(), "alice", Role.EDITOR), found.user());
        assertEquals(started.csrfToken(), found.csrfToken());
        assertTrue(sessions.find(stored).isEmpty(), "the stored hash does not work as a cookie");
    }

    @Test
    void aSessionEndsAfterTwelveIdleHoursButUseKeepsItAlive() {
        Sessions.Started kept = sessions.start(alice);
        Sessions.Started idle = sessions.start(alice);
        for (int i = 0; i < 4; i++) {
            clock.advance(Duration.ofHours(6));
            assertTrue(sessions.find(kept.token()).isPresent(), "used every 6 hours, after " + (i + 1) * 6 + " h");
        }
        assertTrue(sessions.find(idle.token()).isEmpty(), "unused for 24 hours");
    }

    @Test
    void noSessionLastsLongerThanSevenDays() {
        Sessions.Started started = sessions.start(alice);
        for (int hours = 10; hours < 7 * 24; hours += 10) {
            clock.advance(Duration.ofHours(10));
            assertTrue(sessions.find(started.token()).isPresent());
        }
        clock.advance(Duration.ofHours(10));
        assertTrue(sessions.find(started.token()).isEmpty());
    }

    @Test
    void signingOutEndsTheSession() {
        Sessions.Started started = sessions.start(alice);
        sessions.end(started.token());
        assertTrue(sessions.find(started.token()).isEmpty());
        assertTrue(sessions.find(null).isEmpty());
        assertTrue(sessions.find("").isEmpty());
    }
}
