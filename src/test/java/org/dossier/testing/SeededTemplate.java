package org.dossier.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.dossier.app.DatabaseAddress;
import org.dossier.app.DossierApp;
import org.dossier.app.Settings;
import org.dossier.ops.OperationsSettings;

/**
 * The seed pages' catalogue, made once per test JVM and database engine by a real first start (the
 * seeds imported into an empty database, the index built), then copied for every test catalogue
 * that holds the seeds: the SQLite file and the index folder copied, or on PostgreSQL a database
 * made from it as a template. A first start costs a migration, an import and an index build (about
 * a quarter of a second of CPU and as much again waiting for the index, a hundred times a run);
 * a copy, a few milliseconds. The catalogue then starts as any catalogue does on a database that
 * holds records and an index that is up to date.
 */
final class SeededTemplate {

    /** Made on first use; each test JVM runs on one engine (TestPostgres#selected). */
    private static SeededTemplate made;

    private final Path folder;

    private SeededTemplate(Path folder) {
        this.folder = folder;
    }

    /** Puts a copy of the seeds' catalogue, on the engine of this thread's class, into {@code target}. */
    static void copyInto(Path target, OperationsSettings operating) {
        once(operating).copyTo(target);
    }

    private static synchronized SeededTemplate once(OperationsSettings operating) {
        if (made == null) {
            made = make(operating);
        }
        return made;
    }

    private static SeededTemplate make(OperationsSettings operating) {
        try {
            Path folder = Files.createTempDirectory("dossier-seeded-");
            DatabaseAddress database = TestDatabase.in(folder);
            Settings settings = Settings.of(database, "127.0.0.1", 0).withSeeds(TestCatalogue.SEEDS)
                    .withIndex(index(folder));
            // Started, the seeds are imported and the index open; closed, it leaves both on disk.
            DossierApp.start(settings, operating).close();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> TestCatalogue.deleteRecursively(folder)));
            return new SeededTemplate(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("the seeds' catalogue did not start", e);
        }
    }

    static Path index(Path folder) {
        return folder.resolve("dossier.index");
    }

    private void copyTo(Path target) {
        try {
            copyFolder(index(folder), index(target));
            // The app closed its pool: nothing has the database open.
            TestDatabase.copy(folder, target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyFolder(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Files.copy(path, to.resolve(from.relativize(path).toString()));
            }
        }
    }
}
