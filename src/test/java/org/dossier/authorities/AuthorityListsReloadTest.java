package org.dossier.authorities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.dossier.documents.Attribution;
import org.dossier.testing.TestDatabase;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The lists are reloaded from two threads: a request's after its own write, and the change feed's
 * after a write it reads there (another node's, or this node's own coming back). A reload that read
 * before a write and finished after one that read after it put the old lists back: a person just
 * added was "no person" to every search and page until the next write.
 */
class AuthorityListsReloadTest {

    private static final String STALE = "a reload that read before the write";
    /** The lists' read of the places, as jOOQ writes it for SQLite ({@code from place}) or PostgreSQL ({@code from "public"."place"}). */
    private static final Pattern READS_PLACES = Pattern.compile("(?i) from (\\S+\\.)?\"?place\"? ");

    @RegisterExtension
    final TestDatabase db = TestDatabase.emptyForEachTest();

    @Test
    void aReloadThatReadBeforeAWriteNeverPutsBackTheListsWithoutIt() throws Exception {
        CountDownLatch staleHasReadThePeople = new CountDownLatch(1);
        CountDownLatch letItFinish = new CountDownLatch(1);
        ExecuteListener pauseBeforeThePlaces = new ExecuteListener() {
            @Override
            public void executeStart(ExecuteContext ctx) {
                if (Thread.currentThread().getName().equals(STALE) && READS_PLACES.matcher(ctx.sql()).find()) {
                    staleHasReadThePeople.countDown();
                    await(letItFinish);
                }
            }
        };
        DSLContext pausing = db.dsl().configuration().deriveAppending(new DefaultExecuteListenerProvider(pauseBeforeThePlaces)).dsl();
        AuthorityLists lists = AuthorityLists.load(pausing);

        Thread stale = new Thread(lists::reload, STALE);
        stale.start();
        await(staleHasReadThePeople);
        StoredAuthority added = db.store().write((records, tx) -> new AuthorityWriter(records, tx, Clock.systemUTC())
                .create(AuthorityKind.PERSON, new AuthorityContent("Politburo", "Politburo", "", EntityType.PERSON, List.of()),
                        Attribution.editor("alice", "Named in the records")));
        Thread fresh = new Thread(lists::reload, "a reload after the write");
        fresh.start();
        // It finishes, or it waits for the first: either way, only then may the first go on.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (fresh.getState() == Thread.State.NEW || fresh.getState() == Thread.State.RUNNABLE) {
            assertTrue(System.nanoTime() < deadline, "the second reload neither finished nor waited");
            Thread.sleep(5);
        }
        letItFinish.countDown();
        stale.join();
        fresh.join();

        assertEquals(List.of("politburo"), lists.current().of(AuthorityKind.PERSON).stream().map(AuthorityLists.Entry::key)
                .toList(), "the lists as the last reload began: " + added.key() + " added");
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(20, TimeUnit.SECONDS), "the other thread never came");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
