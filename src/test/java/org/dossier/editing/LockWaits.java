package org.dossier.editing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Until requests sent meanwhile wait for a lock that a test holds open: on PostgreSQL as the server
 * lists them; on SQLite, which lists no one waiting, as threads of the catalogue's server (in this
 * JVM) waiting for the write lock in the database's busy handler. Sleeping instead let a request come
 * after the commit and meet nothing.
 */
final class LockWaits {

    /**
     * The lock every class holds whose tests count the threads waiting here, or whose requests wait
     * in SQLite's busy handler inside a form's handler while a write is held open
     * ({@code @ResourceLock(LockWaits.PARKED_IN_SQLITE)}): the threads are looked for in the whole
     * JVM, by the handler they wait in, and another class's request waiting in the same handler was
     * counted as the test's own. Seen once, in a run whose classes were ordered otherwise: two merge
     * tests of FormsRefusedByAChangeMadeWhileTheyWaitedTest got 422 where they wait for 409 (their held
     * write committed before their own form had read) in the same seconds as WritesBesideAnImportTest
     * sent person and merge forms that wait in the same handler for its import (BENCHMARKS.md, "The
     * test suite: two Chromiums at once").
     */
    static final String PARKED_IN_SQLITE = "threads waiting in SQLite's busy handler";

    /** The SQLite pool's busy handler (app's Patient, not visible here): it looks again for the write lock every 2 ms until the write wait is over. */
    private static final String SQLITE_BUSY_HANDLER = "org.dossier.app.Patient";

    private LockWaits() {
    }

    /** Until at least {@code count} requests wait for a lock in the database {@code db} reads. */
    static void awaitWaiting(DSLContext db, int count) throws InterruptedException {
        awaitWaiting(db, count, Object.class);
    }

    /**
     * As above, counting on SQLite only the threads that wait inside a method of {@code handler}: a
     * class running beside the test (they run side by side) may have a thread of its own waiting in
     * the busy handler, which counted alone let a test go on before its own request waited.
     * PostgreSQL lists those waiting in the test's own database.
     */
    static void awaitWaiting(DSLContext db, int count, Class<?> handler) throws InterruptedException {
        awaitWaiting(db, count, handler, new java.util.concurrent.CompletableFuture<>());
    }

    /**
     * As above, or until {@code unlessEnded} has ended without waiting: a write that met no lock where
     * the test expected one (what the test then asserts finds out what it wrote), rather than a minute
     * spent waiting for a wait that never comes.
     */
    static void awaitWaiting(DSLContext db, int count, Class<?> handler, java.util.concurrent.Future<?> unlessEnded)
            throws InterruptedException {
        boolean postgresql = db.dialect().family() == SQLDialect.POSTGRES;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!unlessEnded.isDone() && (postgresql ? db.fetchCount(DSL.table("pg_stat_activity"), DSL.field("wait_event_type").eq("Lock")
                .and(DSL.field("datname").eq(DSL.field("current_database()")))) : threadsWaitingForSqlitesWriteLock(handler)) < count) {
            assertTrue(System.nanoTime() < deadline, "no " + count + " requests came to wait for the write held open");
            Thread.sleep(10);
        }
    }

    /**
     * Threads of this JVM that wait in the busy handler SQLite calls while another holds the write
     * lock: parked there, not a write that gives way at once (a session's) passing through.
     */
    private static long threadsWaitingForSqlitesWriteLock(Class<?> handler) {
        return Thread.getAllStackTraces().values().stream().filter(stack -> stack.length > 1
                && Arrays.stream(stack).anyMatch(frame -> frame.getMethodName().equals("parkNanos"))
                && Arrays.stream(stack).anyMatch(frame -> frame.getClassName().equals(SQLITE_BUSY_HANDLER)
                        && frame.getMethodName().equals("callback"))
                && (handler == Object.class
                        || Arrays.stream(stack).anyMatch(frame -> frame.getClassName().startsWith(handler.getName())))).count();
    }
}
