package org.dossier.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dossier.search.IndexInUseException;
import org.dossier.search.LuceneSearchEngine;
import org.dossier.search.SolrFill;
import org.dossier.search.SolrSetup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "reindex", mixinStandardHelpOptions = true,
        description = "Rebuilds a search index from scratch (data/dossier.db has "
                + "data/dossier.index/). The server does this itself on start when the index is missing or stale; "
                + "stop it before running this.")
final class ReindexCommand implements Callable<Integer> {

    private static final NothingWas NOTHING_REBUILT = new NothingWas("rebuilt");

    @Mixin
    DatabaseOption databaseOption;

    @Mixin
    WriteWaitOption writeWaitOption;

    @Option(names = "--index", paramLabel = "DIR",
            description = "The search index folder (default: beside a SQLite file; with PostgreSQL, data/dossier.index).")
    Path index;

    @Option(names = "--search", paramLabel = "ENGINE", converter = SearchChoice.Converter.class,
            description = SearchChoice.HELP)
    SearchChoice search = SearchChoice.EMBEDDED;

    @Override
    public Integer call() throws Exception {
        DatabaseAddress database = databaseOption.address();
        Path index = this.index != null ? this.index : database.defaultIndex();
        try (Database db = Database.openExisting(database, writeWaitOption.writeWait())) {
            Progress progress = Progress.onConsole("records", 0);
            if (search.onSolr()) {
                long indexed;
                try {
                    indexed = SolrFill.rebuild(search.solr(), db.dsl(), progress::advanceTo);
                } catch (SolrSetup.OtherConfigset e) {
                    return NOTHING_REBUILT.because(e.getMessage());
                } catch (java.io.IOException | RuntimeException e) {
                    return NOTHING_REBUILT.because("the Solr collection " + search.solr() + " cannot be "
                            + "reached or written: " + Main.describe(e));
                }
                progress.finish("Indexed " + indexed + " records into " + search.solr());
                return 0;
            }
            long indexed = LuceneSearchEngine.rebuild(index, db.dsl(), progress::advanceTo);
            progress.finish("Indexed " + indexed + " records into " + index);
            return 0;
        } catch (IndexInUseException e) {
            return NOTHING_REBUILT.because(e.getMessage());
        } catch (java.nio.file.FileSystemException e) {
            // As serve says it: a folder inside a file, one this user may not write, a full disk.
            return NOTHING_REBUILT.because("the search index folder " + index + " cannot be made or written ("
                    + e + "); give --index a folder this user can write");
        }
    }
}
