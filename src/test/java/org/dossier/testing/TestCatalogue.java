package org.dossier.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.dossier.app.Database;
import org.dossier.app.DatabaseAddress;
import org.dossier.app.DossierApp;
import org.dossier.app.Protection;
import org.dossier.app.Settings;
import org.dossier.app.WriteWait;
import org.dossier.ops.OperationsSettings;
import org.dossier.web.PublicUrl;

/**
 * A real catalogue for tests: a fresh database (SQLite in a temporary folder, or PostgreSQL: see
 * {@link TestDatabase#in}) holding the project's seed pages (a copy of the catalogue one real first
 * start made of them: {@link SeededTemplate}), a real server on a random port of 127.0.0.1.
 */
public final class TestCatalogue implements RunningCatalogue, AutoCloseable {

    public static final Path SEEDS = Path.of("seeds");

    private static final java.util.concurrent.atomic.AtomicInteger NODES = new java.util.concurrent.atomic.AtomicInteger();
    /**
     * A test's server stops at once when the test is done with it. With a grace period Jetty gives
     * the idle keep-alive connections the tests' client leaves open a second to close (its
     * shutdownIdleTimeout): a second of every class's teardown, a hundred times a run. The grace
     * itself, requests in flight let finish, is what GracefulShutdownTest checks.
     */
    public static final OperationsSettings STOPS_AT_ONCE = new OperationsSettings(null, "127.0.0.1",
            OperationsSettings.DEFAULT_MAX_INDEX_LAG, Duration.ZERO);

    private final Path folder;
    private final DossierApp app;
    private final Http http;
    /** Whether closing this catalogue removes its database: false for a second node on another's. */
    private final boolean ownsDatabase;
    /**
     * The database as {@link #recordTitled} reads it, opened on first use and kept: a lookup is then
     * one query, not a connection pool and a migration check each time.
     */
    private Database lookups;

    private TestCatalogue(Path folder, DossierApp app, boolean ownsDatabase) {
        this.folder = folder;
        this.app = app;
        this.http = new Http(baseUrl());
        this.ownsDatabase = ownsDatabase;
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
            if (SEEDS.equals(seeds)) {
                SeededTemplate.copyInto(folder, STOPS_AT_ONCE);
            }
            Settings settings = Settings.of(TestDatabase.in(folder), "127.0.0.1", 0).withSeeds(seeds)
                    .withProtection(protection).withIndex(SeededTemplate.index(folder));
            return new TestCatalogue(folder, DossierApp.start(settings, STOPS_AT_ONCE), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("the test catalogue did not start", e);
        }
    }

    /**
     * Another app node on this catalogue's database, with a search index of its own, as a second
     * machine behind a load balancer would be. Close it before this one.
     */
    public TestCatalogue anotherNode() {
        return anotherNode(Protection.NONE);
    }

    /** Another app node on this catalogue's database, guarding itself as {@code protection} says. */
    public TestCatalogue anotherNode(Protection protection) {
        return anotherNode(protection, PublicUrl.fromRequests());
    }

    /** Another app node on this catalogue's database, for readers who reach it at {@code site}. */
    public TestCatalogue anotherNode(Protection protection, PublicUrl site) {
        return anotherNode(protection, site, WriteWait.SERVER);
    }

    /**
     * Another app node on this catalogue's database whose writes wait {@code writeWait} for another
     * writer rather than the server's 5 s, and whose {@code /ready} reads what it remembers again
     * after {@code remembered} rather than 5 s ({@link OperationsSettings#remembered}): for what a
     * node answers once the wait is over, and what a reading made again finds.
     */
    public TestCatalogue anotherNodeWaiting(WriteWait writeWait, Duration remembered) {
        return anotherNode(Protection.NONE, PublicUrl.fromRequests(), writeWait, STOPS_AT_ONCE.withRemembered(remembered));
    }

    private TestCatalogue anotherNode(Protection protection, PublicUrl site, WriteWait writeWait) {
        return anotherNode(protection, site, writeWait, STOPS_AT_ONCE);
    }

    private TestCatalogue anotherNode(Protection protection, PublicUrl site, WriteWait writeWait,
                                      OperationsSettings operating) {
        Path index = folder.resolve("node-" + NODES.incrementAndGet() + ".index");
        Settings settings = Settings.of(database(), "127.0.0.1", 0).withPublicUrl(site)
                .withProtection(protection).withIndex(index).withWriteWait(writeWait);
        try {
            return new TestCatalogue(folder, DossierApp.start(settings, operating), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("another node did not start", e);
        }
    }

    @Override
    public String baseUrl() {
        return "http://127.0.0.1:" + app.port();
    }

    @Override
    public DatabaseAddress database() {
        return TestDatabase.in(folder);
    }

    @Override
    public Path folder() {
        return folder;
    }

    @Override
    public synchronized int recordTitled(String words) {
        if (lookups == null) {
            lookups = Database.open(database());
        }
        return RecordsByTitle.idOf(lookups.dsl(), words);
    }

    @Override
    public Http http() {
        return http;
    }

    @Override
    public DossierApp app() {
        return app;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (lookups != null) {
                lookups.close();
            }
        }
        app.close();
        if (ownsDatabase) {
            TestDatabase.forget(folder);
            deleteRecursively(folder);
        }
    }

    public static void deleteRecursively(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
