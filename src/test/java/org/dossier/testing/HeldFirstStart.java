package org.dossier.testing;

import static org.dossier.db.Tables.DOCUMENT_COUNT;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.dossier.app.Database;
import org.dossier.app.DatabaseAddress;
import org.dossier.app.DossierApp;
import org.dossier.app.Settings;
import org.dossier.importing.ImportRejectedException;

/**
 * A first start on an empty database in {@code folder} whose import of the seed pages waits until
 * {@link #release}: its server listens meanwhile, answering as a node still loading its catalogue.
 * The import is held by a transaction of the test's own on the row every import takes first, as
 * another node's first import would hold it.
 */
public final class HeldFirstStart implements AutoCloseable {
    public final Http http;
    public final String baseUrl;
    private final Database holder;
    private final CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private final CompletableFuture<Void> holding;
    private final DossierApp app;
    public final CompletableFuture<DossierApp> started;

    public HeldFirstStart(Path folder) throws Exception {
        DatabaseAddress database = TestDatabase.in(folder);
        int port = Ports.free();
        Settings settings = Settings.of(database, "127.0.0.1", port).withSeeds(TestCatalogue.SEEDS)
                .withIndex(folder.resolve("dossier.index"));
        // Built first: the migrations run, and the holder then finds the table to hold.
        app = DossierApp.build(settings, TestCatalogue.STOPS_AT_ONCE);
        holder = Database.open(database);
        holding = CompletableFuture.runAsync(() -> holder.dsl().transaction(tx -> {
            tx.dsl().update(DOCUMENT_COUNT).set(DOCUMENT_COUNT.LIVE, DOCUMENT_COUNT.LIVE)
                    .where(DOCUMENT_COUNT.ID.eq(1)).execute();
            held.countDown();
            released.await();
        }));
        assertTrue(held.await(30, TimeUnit.SECONDS), "the test holds the database");
        started = CompletableFuture.supplyAsync(() -> {
            try {
                return app.start();
            } catch (IOException | ImportRejectedException e) {
                throw new IllegalStateException(e);
            }
        });
        baseUrl = "http://127.0.0.1:" + port;
        http = new Http(baseUrl);
        try {
            awaitListening(port);
        } catch (Exception | AssertionError e) {
            released.countDown();
            app.close();
            holder.close();
            throw e;
        }
    }

    /** Waits for the port to take a connection: the start is on another thread. */
    private void awaitListening(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Ports.acceptsConnections(port)) {
            if (started.isDone() || System.nanoTime() > deadline) {
                throw new AssertionError("the node never listened while it imported: " + started);
            }
            Thread.sleep(50);
        }
    }

    public void release() throws Exception {
        released.countDown();
        holding.get(30, TimeUnit.SECONDS);
    }

    /**
     * Lets the import go on, waits for the start to end and closes the node. Not
     * InterruptedException: a close that threw it from a try-with-resources could be suppressed
     * behind the test's own failure, and the interrupt lost; the thread keeps it instead.
     */
    @Override
    public void close() throws ExecutionException, TimeoutException {
        released.countDown();
        try {
            started.get(120, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            app.close();
            holder.close();
        }
    }
}
