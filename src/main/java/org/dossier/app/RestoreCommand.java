package org.dossier.app;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import org.dossier.ops.Backups;
import org.dossier.search.LuceneSearchEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Puts the backup --from in place of the SQLite catalogue --db (stop the server first). The "
                + "catalogue it replaces is kept beside it as DB.before-restore (then DB.before-restore-2, -3 ...: an "
                + "earlier one is never overwritten); every session is ended (everyone signs in again), the sign-in throttle emptied, and the search "
                + "index is rebuilt on the next start.")
final class RestoreCommand implements Callable<Integer> {

    @Mixin
    DatabaseOption databaseOption;

    @Option(names = "--from", paramLabel = "FILE", required = true, description = "The backup to restore.")
    Path backup;

    @Override
    public Integer call() throws Exception {
        NothingWas refused = new NothingWas("restored");
        Path target;
        try {
            target = Backups.sqliteFile(databaseOption.address());
            Backups.check(backup);
            // A server whose --index is elsewhere, an import or a relink has the database open,
            // though the index beside it is free: the database itself says so.
            Backups.requireUnused(target);
        } catch (Backups.RefusedException | SQLException | IOException e) {
            return refused.because(e);
        }
        Path kept = java.nio.file.Files.exists(target) ? Backups.keptAs(target) : null;
        try {
            Backups.Summary summary = Backups.restore(backup, target);
            // The index goes once the database it followed has: a restore refused (a full disk, a
            // damaged backup) left the catalogue as it was but its index deleted, to be rebuilt.
            discardIndexBeside(target);
            System.err.println("Restored " + backup + " to " + target + ": " + summary.describe()
                    + (kept == null ? "" : ". The database it replaced is kept as " + kept)
                    + ". " + Backups.SESSIONS_ENDED + ". The search index is rebuilt on the next start.");
            return 0;
        } catch (Backups.RefusedException e) {
            // Refused before anything was moved: the backup is damaged, or its copy did not fit.
            return refused.because(e);
        } catch (SQLException | IOException e) {
            System.err.println("The restore failed: " + e.getMessage() + ". The database it was to replace is "
                    + target + (kept == null ? "." : ", or " + kept + " if it was moved already."));
            return 1;
        }
    }

    /**
     * The index of the database that was replaced: never searched again (its records are not the
     * restored ones). One that cannot be removed now is found stale on the next start and rebuilt.
     */
    private static void discardIndexBeside(Path target) {
        Path index = Settings.indexBeside(target);
        try {
            LuceneSearchEngine.discard(index);
        } catch (IOException e) {
            System.err.println("The search index " + index + " could not be removed (" + e.getMessage()
                    + "); the next start finds it does not follow the restored database and rebuilds it.");
        }
    }
}
