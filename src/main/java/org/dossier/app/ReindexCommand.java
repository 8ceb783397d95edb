package org.dossier.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dossier.search.IndexInUseException;
import org.dossier.search.LuceneSearchEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "reindex", mixinStandardHelpOptions = true,
        description = "Rebuilds the search index beside the database from scratch (data/dossier.db has "
                + "data/dossier.index/). The server does this itself on start when the index is missing or stale; "
                + "stop it before running this.")
final class ReindexCommand implements Callable<Integer> {

    @Option(names = "--db", paramLabel = "PATH", description = "The SQLite database (default: ${DEFAULT-VALUE}).")
    Path database = Settings.DEFAULT_DATABASE;

    @Override
    public Integer call() throws Exception {
        Path index = Settings.indexBeside(database);
        try (Database db = Database.open(database)) {
            Progress progress = Progress.onConsole("records", 0);
            long indexed = LuceneSearchEngine.rebuild(index, db.dsl(), progress::advanceTo);
            progress.finish("Indexed " + indexed + " records into " + index);
            return 0;
        } catch (IndexInUseException e) {
            System.err.println("Nothing was rebuilt: " + e.getMessage());
            return 1;
        }
    }
}
