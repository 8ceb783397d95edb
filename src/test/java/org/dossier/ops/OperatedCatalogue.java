package org.dossier.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dossier.app.Database;
import org.dossier.app.DatabaseAddress;
import org.dossier.app.DossierApp;
import org.dossier.app.Protection;
import org.dossier.app.Settings;
import org.dossier.app.WriteWait;
import org.dossier.testing.Http;
import org.dossier.testing.RecordsByTitle;
import org.dossier.testing.TestCatalogue;
import org.dossier.testing.TestDatabase;

/** A real catalogue on a random port of 127.0.0.1 with operations settings of the test's choosing. */
final class OperatedCatalogue implements AutoCloseable {

    private final Path folder;
    private final DatabaseAddress database;
    private final DossierApp app;

    private OperatedCatalogue(Path folder, DatabaseAddress database, DossierApp app) {
        this.folder = folder;
        this.database = database;
        this.app = app;
    }

    /** Starts on {@code database} (seeded when empty and {@code seeds} is given). */
    static OperatedCatalogue start(Path database, Path seeds, OperationsSettings operating) {
        return started(null, Settings.of(DatabaseAddress.sqlite(database), "127.0.0.1", 0).withSeeds(seeds), operating);
    }

    /** Starts on {@code database} (a SQLite file or a PostgreSQL database) with its index in {@code index}. */
    static OperatedCatalogue start(DatabaseAddress database, Path index, OperationsSettings operating) {
        return start(database, index, operating, WriteWait.SERVER);
    }

    /**
     * As {@link #start(DatabaseAddress, Path, OperationsSettings)}, its writes and its requests for a
     * connection waiting {@code writeWait} ({@link Settings#withWriteWait}): a test of what a node
     * answers once the wait is over, which need not wait the 5 s.
     */
    static OperatedCatalogue start(DatabaseAddress database, Path index, OperationsSettings operating,
                                   WriteWait writeWait) {
        return started(null, Settings.of(database, "127.0.0.1", 0).withIndex(index)
                .withWriteWait(writeWait), operating);
    }

    /**
     * As {@link #start(DatabaseAddress, Path, OperationsSettings)}, on {@code port}: known before the
     * start returns, for a test that asks the node while it starts, or while a start that failed stops.
     */
    static OperatedCatalogue start(DatabaseAddress database, Path index, OperationsSettings operating, int port) {
        return started(null, Settings.of(database, "127.0.0.1", port).withIndex(index),
                operating);
    }

    /**
     * A catalogue of the seed pages in a folder of its own, removed on close: a copy of the one a
     * first start made ({@link TestDatabase#seededIn}), on the suite's engine, started as a node
     * starts on a catalogue that holds records and an index that is up to date.
     */
    static OperatedCatalogue seededCopy(OperationsSettings operating) {
        Path folder = newFolder("dossier-ops-");
        TestDatabase.seededIn(folder).close();
        return started(folder, Settings.of(TestDatabase.in(folder), "127.0.0.1", 0).withSeeds(TestCatalogue.SEEDS)
                .withIndex(folder.resolve("dossier.index")), operating);
    }

    /**
     * A first start on the seed pages, a SQLite file in a folder of its own, removed on close: for a
     * test of what a first start does (the seeds imported, and counted) and for a class that opens
     * no test database ({@code @SameOnEveryDatabase}); any other takes a {@link #seededCopy}.
     */
    static OperatedCatalogue withSeeds(OperationsSettings operating) {
        return withSeeds(operating, Protection.NONE);
    }

    /** As {@link #withSeeds(OperationsSettings)}, protected as {@code protection} says. */
    static OperatedCatalogue withSeeds(OperationsSettings operating, Protection protection) {
        Path folder = newFolder("dossier-ops-");
        return started(folder, Settings.of(DatabaseAddress.sqlite(folder.resolve("dossier.db")), "127.0.0.1", 0)
                .withSeeds(TestCatalogue.SEEDS).withProtection(protection), operating);
    }

    /**
     * A catalogue of the seed pages that searches the SolrCloud collection {@code collection}: as
     * {@link #seededCopy}, a copy of the one a first start made (each of SolrOutageTest's tests
     * imported the seeds itself), which the node fills the collection from as it starts.
     */
    static OperatedCatalogue seededCopyOnSolr(org.dossier.search.SolrAddress collection, OperationsSettings operating) {
        return seededCopyOnSolr(collection, operating, 0);
    }

    /** As {@link #seededCopyOnSolr(org.dossier.search.SolrAddress, OperationsSettings)}, on {@code port}: known before the start returns. */
    static OperatedCatalogue seededCopyOnSolr(org.dossier.search.SolrAddress collection, OperationsSettings operating,
                                              int port) {
        Path folder = newFolder("dossier-ops-solr-");
        TestDatabase.seededIn(folder).close();
        return started(folder, Settings.of(TestDatabase.in(folder), "127.0.0.1", port).withSeeds(TestCatalogue.SEEDS)
                .withSearch(new org.dossier.app.SearchChoice(collection)), operating);
    }

    /** A node started with {@code settings}; {@code folder}, if any, is the catalogue's own, removed on close. */
    private static OperatedCatalogue started(Path folder, Settings settings, OperationsSettings operating) {
        try {
            return new OperatedCatalogue(folder, settings.database(), DossierApp.start(settings, operating));
        } catch (Exception e) {
            throw new IllegalStateException("the catalogue did not start", e);
        }
    }

    private static Path newFolder(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until {@code http}'s node says it is ready (a restart, a rebuild, a database or Solr back); fails after two minutes. */
    static void awaitReady(Http http) throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        java.net.http.HttpResponse<String> ready;
        while ((ready = http.get(Health.READINESS)).statusCode() != 200) {
            org.junit.jupiter.api.Assertions.assertTrue(System.nanoTime() < deadline, "not ready: " + ready.body());
            Thread.sleep(100);
        }
    }

    Http http() {
        return new Http("http://127.0.0.1:" + app.port());
    }

    DatabaseAddress database() {
        return database;
    }

    /** The id of the one record whose title contains {@code words}, in a catalogue made by {@link #withSeeds}. */
    int recordTitled(String words) {
        try (Database db = Database.open(database())) {
            return RecordsByTitle.idOf(db.dsl(), words);
        }
    }

    DossierApp app() {
        return app;
    }

    /** The metrics port (started with one): /metrics, and /ready with every check's details. */
    Http operatorsPort() {
        return new Http("http://127.0.0.1:" + app.metricsPort());
    }

    String metricsUrl() {
        return "http://127.0.0.1:" + app.metricsPort() + MetricsServer.PATH;
    }

    @Override
    public void close() {
        app.close();
        if (folder != null) {
            TestDatabase.forget(folder);
            TestCatalogue.deleteRecursively(folder);
        }
    }
}
