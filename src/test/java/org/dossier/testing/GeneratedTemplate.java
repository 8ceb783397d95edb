package org.dossier.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.dossier.app.Database;
import org.dossier.authorities.AuthorityFileException;
import org.dossier.importing.SeedFormatException;
import org.dossier.synthetic.Generator;

/**
 * A generated catalogue of {@value #RECORDS} records (the seed pages' words, seed 7), made once per
 * test JVM and database engine and copied for each test that fills a search collection from it, as
 * {@link SeededTemplate} is for the seeds: the SolrCloud classes each generated the same catalogue,
 * several seconds on a loaded machine and more on PostgreSQL. More records than one batch of a
 * SolrCloud fill (2,000), so that a fill reports progress half-way.
 */
final class GeneratedTemplate {

    static final int RECORDS = 2_500;

    /** Made on first use; each test JVM runs on one engine (TestPostgres#selected). */
    private static Path made;

    private GeneratedTemplate() {
    }

    /** Makes a copy of the generated catalogue the database of {@code target}. */
    static void copyInto(Path target) {
        TestDatabase.copy(once(), target);
    }

    private static synchronized Path once() {
        if (made == null) {
            try {
                Path folder = Files.createTempDirectory("dossier-generated-");
                // Closed before it is copied: a PostgreSQL template may have no connection open.
                try (Database generating = TestDatabase.openIn(folder)) {
                    new Generator(generating.dsl(), Clock.systemUTC()).generate(TestCatalogue.SEEDS, RECORDS, 7, (done, total) -> { });
                }
                Runtime.getRuntime().addShutdownHook(new Thread(() -> TestCatalogue.deleteRecursively(folder)));
                made = folder;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (SeedFormatException | AuthorityFileException e) {
                throw new IllegalStateException("the seed pages the catalogue is generated from did not read", e);
            }
        }
        return made;
    }
}
