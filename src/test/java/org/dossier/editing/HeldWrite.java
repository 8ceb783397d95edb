package org.dossier.editing;

import static org.dossier.db.Tables.CHANGE_HEAD;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
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
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try (CatalogueDatabase other = CatalogueDatabase.of(catalogue)) {
                other.dsl().transaction(tx -> {
                    write.accept(tx.dsl());
                    held.countDown();
                    release.await(60, TimeUnit.SECONDS);
                });
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
