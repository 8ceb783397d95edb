package org.dossier.app;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.dossier.authorities.AuthorityLists;
import org.dossier.search.IndexInUseException;
import org.dossier.search.LuceneSearchEngine;
import org.dossier.search.OpeningFailure;
import org.dossier.search.OpeningPhase;
import org.dossier.search.OpeningSearchEngine;
import org.dossier.search.SolrSearchEngine;
import org.jooq.DSLContext;

/**
 * Search as a start opens it: a Lucene index beside the database (or a SolrCloud collection every
 * node shares), checked (and rebuilt if stale) on every start, then kept up to date by every write
 * through the store. It opens in the background once started: the server answers /health
 * meanwhile, and /ready says 503 until it is open. What stops a start on its account is said in one
 * line that names the option to change ({@link StartupProblem}), not in Lucene's words.
 */
final class SearchAtStart {

    private final Settings settings;

    SearchAtStart(Settings settings) {
        this.settings = settings;
    }

    /** The engine, opening once {@link OpeningSearchEngine#begin} is called. */
    OpeningSearchEngine engine(DSLContext db, AuthorityLists authorityLists) {
        // What the opening is doing, said by /ready meanwhile: the words of its log lines.
        OpeningPhase phase = new OpeningPhase(OpeningSearchEngine.OPENING);
        return OpeningSearchEngine.later(phase, closing -> {
            if (settings.search().onSolr()) {
                // A SolrCloud collection shared by every node, fed from the change feed like the index.
                SolrSearchEngine engine = SolrSearchEngine.openOnceItAnswers(settings.search().solr(), db,
                        settings.protection().keptAnswers(), closing, phase);
                engine.onAuthoritiesChanged(authorityLists::reload);
                authorityLists.reload(); // what other nodes changed while the collection opened
                return engine;
            }
            try {
                LuceneSearchEngine engine = LuceneSearchEngine.open(settings.searchIndex(), db,
                        settings.protection().keptAnswers(), phase);
                engine.onAuthoritiesChanged(authorityLists::reload);
                authorityLists.reload(); // what other nodes changed while the index opened
                return engine;
            } catch (IndexInUseException e) {
                // Two nodes given one --index is the likely slip with several nodes on one database;
                // another --db would be no answer to it.
                throw new StartupProblem("the search index " + settings.searchIndex() + " is in use: another "
                        + "Dossier server (or a reindex) has it open; stop it first, or give this one an --index "
                        + "of its own (every node keeps its own index)", e);
            } catch (IOException e) {
                if (OpeningFailure.of(e) == OpeningFailure.DAMAGED) {
                    throw damaged(e);
                }
                if (e instanceof FileSystemException) {
                    throw cannotWrite(e);
                }
                throw diskFull(e).orElseThrow(() -> e);
            }
        });
    }

    /**
     * Checked before the seeds are imported, so that a start refused for its index has changed
     * nothing: the index itself opens later, in the background. A SolrCloud collection has no folder here.
     */
    void refuseUnwritableFolder() {
        if (settings.search().onSolr()) {
            return;
        }
        Path folder = settings.searchIndex();
        try {
            Files.createDirectories(folder);
            if (Files.isWritable(folder)) {
                return;
            }
        } catch (IOException e) {
            throw cannotWrite(e);
        }
        throw cannotWrite(new AccessDeniedException(folder.toString()));
    }

    /**
     * The index's disk filled while it was built: said with the folder and what to do, not as a bare
     * "No space left on device" (Java gives a full disk as a plain IOException with that message).
     */
    Optional<StartupProblem> diskFull(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (OpeningFailure.saysDiskFull(t)) {
                return Optional.of(new StartupProblem("the search index " + settings.searchIndex()
                        + " could not be built: its disk is full (" + t.getMessage() + "); free space there, or give "
                        + "--index a folder on a disk with room, and start again", e));
            }
        }
        return Optional.empty();
    }

    /**
     * A file of the index cut short or altered (a disk that failed, a copy stopped half-way): said
     * with the folder and the way out, not in Lucene's words ("checksum status indeterminate: remaining=0;
     * please run checkindex"), which the log keeps. The index holds nothing the database does not.
     */
    private StartupProblem damaged(IOException e) {
        return new StartupProblem("the search index " + settings.searchIndex() + " could not be opened: "
                + OpeningFailure.DAMAGED.words() + " (the log has Lucene's words); remove the folder and start again: "
                + "the index is rebuilt from the database", e);
    }

    private StartupProblem cannotWrite(IOException e) {
        return new StartupProblem("the search index folder " + settings.searchIndex() + " cannot be made "
                + "or written (" + e + "); give --index a folder this user can write", e);
    }
}
