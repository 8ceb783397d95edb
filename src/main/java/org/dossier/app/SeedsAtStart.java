package org.dossier.app;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.dossier.documents.RecordStore;
import org.dossier.importing.ImportRejectedException;
import org.dossier.importing.ImportReport;
import org.dossier.importing.ImportRun;
import org.dossier.ops.FirstImport;
import org.dossier.ops.Operations;
import org.dossier.web.WriteUnavailable;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A first start's seed pages ({@code --seeds}): imported into an empty database before the index
 * opens, the port open meanwhile ({@link FirstImport}); a folder named on purpose that is not there
 * stops the start in one line.
 */
final class SeedsAtStart {

    // The start's lines keep the logger they were always written under, which a log's reader may filter on.
    private static final Logger LOG = LoggerFactory.getLogger(DossierApp.class);

    /** How long a first start keeps trying when other nodes hold the database for their own first import. */
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    private final Settings settings;

    SeedsAtStart(Settings settings) {
        this.settings = settings;
    }

    /**
     * A seeds folder named on purpose ({@code --seeds}, {@code DOSSIER_SEEDS}) that is not there, on a
     * new database (a SQLite file not there yet, a PostgreSQL database with no table): refused before
     * the database is opened, since opening it makes the file and migrates the database. The start
     * stopped in one line, but left a migrated catalogue file and an index folder behind (a migrated
     * PostgreSQL database), which the operator who then fixed the path found made by a start that
     * said it had not started. A database that holds anything is opened first, so that what is
     * wrong with it (another application's, a newer release's) is said before the seeds are.
     */
    void refuseNamedButMissing() {
        if (namedButMissing() && Database.isBlank(settings.database())) {
            throw missing();
        }
    }

    /** Whether the database is empty and there are seed pages to import (a missing folder named on purpose is refused). */
    boolean toImport(DSLContext db) throws IOException {
        if (settings.seeds() == null || db.fetchCount(org.dossier.db.Tables.DOCUMENT) > 0) {
            return false;
        }
        if (!Files.isDirectory(settings.seeds())) {
            if (namedButMissing()) {
                // Gone since the app was built (refuseNamedButMissing).
                throw missing();
            }
            LOG.warn("The database is empty and there is no seeds folder at {}", settings.seeds().toAbsolutePath());
            return false;
        }
        if (ImportRun.pagesOf(List.of(settings.seeds())).isEmpty()) {
            LOG.warn("The database is empty and the seeds folder {} holds no seed pages (.txt)",
                    settings.seeds().toAbsolutePath());
            return false;
        }
        return true;
    }

    /** Imports the seed pages, telling {@code operations} how far it is and what it imported. */
    void importInto(RecordStore store, Clock clock, Operations operations) throws IOException, ImportRejectedException {
        FirstImport progress = operations.firstImport();
        ImportReport report = importBesideOtherNodes(store, clock, progress::written);
        // Only now: a failed import stops the node, whose pages meanwhile stay the 503, not an empty catalogue.
        progress.done();
        operations.metrics().imported(report.created());
        LOG.info("First start: imported {} from {}", report.summary(), settings.seeds());
    }

    private boolean namedButMissing() {
        return settings.seeds() != null && !settings.seeds().equals(Settings.DEFAULT_SEEDS)
                && !Files.isDirectory(settings.seeds());
    }

    /**
     * A folder named on purpose that is not there is a slip (a typo, a volume not mounted): with a
     * warning only, the node served an empty catalogue and /ready said it was ready.
     */
    private StartupProblem missing() {
        return new StartupProblem("the database is empty and the seeds folder " + settings.seeds().toAbsolutePath()
                + " given with --seeds does not exist; give the folder of seed pages, or an empty folder "
                + "to start an empty catalogue", null);
    }

    /**
     * Imports the seeds; when another node started at the same moment holds the database longer
     * than a write waits (a loaded machine), waits and tries again until the patience runs out. An
     * import of pages already imported only notes the entries it finds known, so trying again is safe.
     */
    private ImportReport importBesideOtherNodes(RecordStore store, Clock clock, ImportRun.Listener progress)
            throws IOException, ImportRejectedException {
        long began = System.nanoTime();
        long giveUp = began + PATIENCE.toNanos();
        boolean waited = false;
        while (true) {
            try {
                ImportReport report = new ImportRun(store, clock).run(List.of(settings.seeds()), progress);
                if (waited) {
                    LOG.info("The database was free after {} s: the seed pages were imported",
                            Duration.ofNanos(System.nanoTime() - began).toSeconds());
                }
                return report;
            } catch (RuntimeException e) {
                boolean busy = WriteUnavailable.of(e).map(w -> !w.readOnly() && !w.unreachable() && !w.upgraded()).orElse(false);
                if (!busy) {
                    throw e;
                }
                if (System.nanoTime() > giveUp) {
                    RuntimeException sqlite = StartupProblem.orAnotherWriter(settings.database(), e, PATIENCE);
                    throw sqlite != e ? sqlite : new StartupProblem("another process held " + settings.database()
                            + " for the " + PATIENCE.toMinutes() + " min this first start waited to import "
                            + "the seed pages (" + Main.describe(e) + "): start again once it is done; nothing was "
                            + "imported", e);
                }
                // Once, not at every try (one every 5.5 s, 33 lines in the 3 minutes): the next line says
                // how long it waited, or the start stops saying so.
                if (!waited) {
                    LOG.info("Another process is writing to the database (another node's first import, an import, a "
                            + "sqlite3 shell): the seed pages are imported once it is done, waiting up to {} min",
                            PATIENCE.toMinutes());
                    waited = true;
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
