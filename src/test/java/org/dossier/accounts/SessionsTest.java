package org.dossier.accounts;

import static org.dossier.db.Tables.ACCOUNT_SESSION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.dossier.app.Database;
import org.dossier.app.WriteWait;
import org.dossier.editing.MutableClock;
import org.dossier.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SessionsTest {

    @RegisterExtension
    final TestDatabase database = TestDatabase.emptyForEachTest();
    private MutableClock clock;
    private Sessions sessions;
    private Account alice;

    @BeforeEach
    void open() throws IOException {
        clock = new MutableClock("2026-05-01T10:00:00Z");
        sessions = new Sessions(database.dsl(), clock);
        alice = new Accounts(database.dsl(), clock).add("alice", Role.EDITOR, "correct horse battery");
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

    /**
     * A page a signed-in editor opens beside another writer — an import holding a SQLite file's write
     * lock for minutes, or on PostgreSQL a write holding the session's row — is answered without
     * waiting for it: the session is used as it is, and kept alive by the first page after the
     * writer is done. Its refresh waited the server's whole write wait (5 s) before every such page.
     * Here the sessions wait up to two minutes for a writer, and the writer lets go only once the
     * session was found, or after a minute: a refresh that waited would be found after it let go.
     */
    @Test
    void aSessionIsFoundAtOnceBesideAnotherWriterAndKeptAliveOnceItIsDone() throws Exception {
        Sessions.Started started = sessions.start(alice);
        clock.advance(Sessions.TOUCH_AFTER.plusMinutes(1));
        Instant due = clock.instant();
        try (Database patient = Database.open(database.address(), WriteWait.parse("2m"))) {
            Sessions waiting = new Sessions(patient.dsl(), clock);
            CountDownLatch held = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            AtomicBoolean letGo = new AtomicBoolean();
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> database.dsl().transaction(tx -> {
                tx.dsl().update(ACCOUNT_SESSION).set(ACCOUNT_SESSION.LAST_SEEN_AT, ACCOUNT_SESSION.LAST_SEEN_AT)
                        .where(ACCOUNT_SESSION.TOKEN_HASH.eq(Tokens.sha256(started.token()))).execute();
                held.countDown();
                release.await(60, TimeUnit.SECONDS);
                letGo.set(true);
            }));
            try {
                assertTrue(held.await(30, TimeUnit.SECONDS), "the writer began");
                assertEquals(new CurrentUser(alice.id(), "alice", Role.EDITOR),
                        waiting.find(started.token()).orElseThrow().user());
                assertFalse(letGo.get(), "the session was found while the writer held the database");
            } finally {
                release.countDown();
                writer.get(60, TimeUnit.SECONDS);
            }
            assertTrue(lastSeen(started).isBefore(due), "not kept alive while the writer held the database");
            assertTrue(waiting.find(started.token()).isPresent());
            assertEquals(due, lastSeen(started), "kept alive by the first use after the writer");
        }
    }

    private Instant lastSeen(Sessions.Started session) {
        return database.dsl().select(ACCOUNT_SESSION.LAST_SEEN_AT).from(ACCOUNT_SESSION)
                .where(ACCOUNT_SESSION.TOKEN_HASH.eq(Tokens.sha256(session.token()))).fetchSingle(ACCOUNT_SESSION.LAST_SEEN_AT);
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
