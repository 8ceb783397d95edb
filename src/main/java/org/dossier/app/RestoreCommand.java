package org.dossier.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dossier.ops.Backups;
import org.dossier.search.IndexInUseException;
import org.dossier.search.LuceneSearchEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Puts a backup in place of a SQLite catalogue (stop the server first). The database it "
                + "replaces is kept beside it as .before-restore; the search index is rebuilt on the next start.")
final class RestoreCommand implements Callable<Integer> {

    @Mixin
    DatabaseOption databaseOption;

    @Option(names = "--from", paramLabel = "FILE", required = true, description = "The backup to restore.")
    Path backup;

    @Override
    public Integer call() throws Exception {
        DatabaseAddress database = databaseOption.address();
        if (!database.isSqlite()) {
            System.err.println("Nothing was restored: " + Backups.POSTGRESQL_ADVICE + ".");
            return 1;
        }
        Path target = database.file();
        try {
            Backups.check(backup);
            LuceneSearchEngine.discard(Settings.indexBeside(target));
            Backups.Summary summary = Backups.restore(backup, target);
            System.err.println("Restored " + backup + " to " + target + ": " + summary.describe()
                    + ". The search index is rebuilt on the next start.");
            return 0;
        } catch (Backups.RefusedException | IndexInUseException e) {
            System.err.println("Nothing was restored: " + e.getMessage());
            return 1;
        }
    }
}
