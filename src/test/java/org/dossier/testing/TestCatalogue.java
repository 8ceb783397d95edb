package org.dossier.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.dossier.app.DossierApp;
import org.dossier.app.Protection;
import org.dossier.app.Settings;
import org.dossier.web.PublicUrl;

/**
 * A real catalogue for tests: a fresh SQLite file in a temporary folder, the project's seed pages
 * imported on start, a real server on a random port of 127.0.0.1.
 */
public final class TestCatalogue implements AutoCloseable {

    public static final Path SEEDS = Path.of("seeds");

    private final Path folder;
    private final DossierApp app;
    private final Http http;

    private TestCatalogue(Path folder, DossierApp app) {
        this.folder = folder;
        this.app = app;
        this.http = new Http(baseUrl());
    }

    /** A catalogue holding the five seed pages. */
    public static TestCatalogue withSeeds() {
        return start(SEEDS);
    }

    /** A catalogue that starts empty. */
    public static TestCatalogue empty() {
        return start(null);
    }

    /** A catalogue holding the five seed pages, guarding itself as {@code protection} says. */
    public static TestCatalogue withSeeds(Protection protection) {
        return start(SEEDS, protection);
    }

    private static TestCatalogue start(Path seeds) {
        return start(seeds, Protection.NONE);
    }

    private static TestCatalogue start(Path seeds, Protection protection) {
        try {
            Path folder = Files.createTempDirectory("dossier-test-");
            Settings settings = new Settings(folder.resolve("dossier.db"), "127.0.0.1", 0, seeds,
                    PublicUrl.fromRequests(), null, protection);
            return new TestCatalogue(folder, DossierApp.start(settings));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("the test catalogue did not start", e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + app.port();
    }

    public Path database() {
        return folder.resolve("dossier.db");
    }

    public Path folder() {
        return folder;
    }

    public Http http() {
        return http;
    }

    public DossierApp app() {
        return app;
    }

    @Override
    public void close() {
        app.close();
        deleteRecursively(folder);
    }

    public static void deleteRecursively(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
