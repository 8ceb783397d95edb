package org.dossier.editing;

import static org.dossier.db.Tables.CHANGE_HEAD;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.dossier.documents.RecordStore;
import org.dossier.testing.CatalogueDatabase;
import org.dossier.testing.RunningCatalogue;
import org.jooq.DSLContext;

/**
 * Another process's write transaction, begun before this returns and held open until closed; closing
 * lets it commit and waits for it. What the test sends meanwhile meets it: on SQLite, where writing
 * transactions begin IMMEDIATE, the write lock; on PostgreSQL the rows {@code write} touched.
 */
final class HeldWrite implements AutoCloseable {

    private final CountDownLatch release;
    private final CompletableFuture<Void> writer;

    private HeldWrite(CountDownLatch release, CompletableFuture<Void> writer) {
        this.release = release;
        this.writer = writer;
    }

    /** {@code write} in a transaction of its own connection to {@code catalogue}'s database, held open. */
    static HeldWrite begun(RunningCatalogue catalogue, Consumer<DSLContext> write) throws InterruptedException {
        return held(catalogue, (other, hold) -> other.dsl().transaction(tx -> {
            write.accept(tx.dsl());
            hold.run();
        }));
    }

    /**
     * {@code write} through the catalogue's one write path ({@link RecordStore}), as another node's
     * editor makes it, held open before it commits: what it changed is seen only once it is closed.
     */
    static HeldWrite throughTheStore(RunningCatalogue catalogue, RecordStore.Work<?> write) throws InterruptedException {
        return held(catalogue, (other, hold) -> new RecordStore(other.dsl(), Clock.systemUTC()).write((records, tx) -> {
            write.run(records, tx);
            hold.run();
            return null;
        }));
    }

    /** A transaction of {@code other}, the connection of its own, which runs {@code hold} where it is to wait. */
    @FunctionalInterface
    private interface Transaction {
        void run(CatalogueDatabase other, Runnable hold);
    }

    private static HeldWrite held(RunningCatalogue catalogue, Transaction transaction) throws InterruptedException {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Runnable hold = () -> {
            held.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("the held write was interrupted", e);
            }
        };
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try (CatalogueDatabase other = CatalogueDatabase.of(catalogue)) {
                transaction.run(other, hold);
            }
        });
        assertTrue(held.await(30, TimeUnit.SECONDS), "the writer began");
        return new HeldWrite(release, writer);
    }

    /**
     * A write that every write waits for: on PostgreSQL the change feed's head, whose row every write
     * that changes something updates ({@code ChangeFeed.append}).
     */
    static HeldWrite ofEveryWrite(RunningCatalogue catalogue) throws InterruptedException {
        return begun(catalogue, tx -> tx.update(CHANGE_HEAD).set(CHANGE_HEAD.LAST, CHANGE_HEAD.LAST)
                .where(CHANGE_HEAD.ID.eq(1)).execute());
    }

    /** Whether the writer has ended: committed once closed, or given up. */
    boolean ended() {
        return writer.isDone();
    }

    /** The write is still held: what was checked meanwhile met it, not a writer that had already given up. */
    void assertStillHeld() {
        assertFalse(ended(), () -> "the other writer ended before the checks did: " + writer);
    }

    /**
     * Not InterruptedException: a close that threw it from a try-with-resources could be
     * suppressed behind the test's own failure, and the interrupt lost; the thread keeps it instead.
     */
    @Override
    public void close() throws ExecutionException, TimeoutException {
        release.countDown();
        try {
            writer.get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
