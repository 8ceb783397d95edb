package org.dossier.app;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import org.dossier.ops.Backups;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Writes a consistent copy of a SQLite catalogue to a new file, while the server runs and "
                + "editors save. For PostgreSQL, use pg_dump (this command says how).")
final class BackupCommand implements Callable<Integer> {

    @Mixin
    DatabaseOption databaseOption;

    @Option(names = "--to", paramLabel = "FILE", required = true, description = "The backup file to write (must not exist).")
    Path target;

    @Override
    public Integer call() throws Exception {
        DatabaseAddress database = databaseOption.address();
        try {
            Backups.Summary summary = Backups.backup(Backups.sqliteFile(database), target);
            System.err.println("Backed up " + database + " to " + target + ": " + summary.describe());
            return 0;
        } catch (Backups.RefusedException | SQLException | IOException e) {
            return new NothingWas("backed up").because(e);
        }
    }
}
