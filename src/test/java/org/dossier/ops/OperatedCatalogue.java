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
import org.dossier.testing.Http;
import org.dossier.testing.RecordsByTitle;
import org.dossier.testing.TestCatalogue;
import org.dossier.web.PublicUrl;

/** A real catalogue on a random port of 127.0.0.1 with operations settings of the test's choosing. */
final class OperatedCatalogue implements AutoCloseable {

    private final Path folder;
    private final DossierApp app;

    private OperatedCatalogue(Path folder, DossierApp app) {
        this.folder = folder;
        this.app = app;
    }

    /** Starts on {@code database} (seeded when empty and {@code seeds} is given). */
    static OperatedCatalogue start(Path database, Path seeds, OperationsSettings operating) {
        try {
            Settings settings = new Settings(database, "127.0.0.1", 0, seeds, PublicUrl.fromRequests());
            return new OperatedCatalogue(null, DossierApp.start(settings, operating));
        } catch (Exception e) {
            throw new IllegalStateException("the catalogue did not start", e);
        }
    }

    /** Starts on {@code database} (a SQLite file or a PostgreSQL database) with its index in {@code index}. */
    static OperatedCatalogue start(DatabaseAddress database, Path index, OperationsSettings operating) {
        try {
            Settings settings = new Settings(database, "127.0.0.1", 0, null, PublicUrl.fromRequests(), null, index);
            return new OperatedCatalogue(null, DossierApp.start(settings, operating));
        } catch (Exception e) {
            throw new IllegalStateException("the catalogue did not start", e);
        }
    }

    /** A fresh catalogue of the seed pages in a folder of its own, removed on close. */
    static OperatedCatalogue withSeeds(OperationsSettings operating) {
        return withSeeds(operating, Protection.NONE);
    }

    /** As {@link #withSeeds(OperationsSettings)}, protected as {@code protection} says. */
    static OperatedCatalogue withSeeds(OperationsSettings operating, Protection protection) {
        try {
            Path folder = Files.createTempDirectory("dossier-ops-");
            Settings settings = new Settings(folder.resolve("dossier.db"), "127.0.0.1", 0, TestCatalogue.SEEDS,
                    PublicUrl.fromRequests(), null, protection);
            return new OperatedCatalogue(folder, DossierApp.start(settings, operating));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("the catalogue did not start", e);
        }
    }

    /** A fresh catalogue of the seed pages that searches the SolrCloud collection {@code collection}. */
    static OperatedCatalogue withSeedsOnSolr(org.dossier.search.SolrAddress collection, OperationsSettings operating) {
        return withSeedsOnSolr(collection, operating, 0);
    }

    /** As {@link #withSeedsOnSolr(org.dossier.search.SolrAddress, OperationsSettings)}, on {@code port}: known before the start returns. */
    static OperatedCatalogue withSeedsOnSolr(org.dossier.search.SolrAddress collection, OperationsSettings operating,
                                             int port) {
        try {
            Path folder = Files.createTempDirectory("dossier-ops-solr-");
            Settings settings = new Settings(org.dossier.app.DatabaseAddress.sqlite(folder.resolve("dossier.db")),
                    "127.0.0.1", port, TestCatalogue.SEEDS, PublicUrl.fromRequests(), null, Protection.NONE, null,
                    new org.dossier.app.SearchChoice(collection));
            return new OperatedCatalogue(folder, DossierApp.start(settings, operating));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("the catalogue did not start", e);
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

    Path database() {
        return folder.resolve("dossier.db");
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
            TestCatalogue.deleteRecursively(folder);
        }
    }
}
