package org.dossier.search;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A search engine that opens in the background, so that the server can answer (liveness: yes;
 * readiness: not yet) while an index is checked or rebuilt, which takes a while at a million
 * records. Until it is open, searches are refused with {@link SearchUnavailableException} (a 503
 * page), changes are not lost (the engine catches up by revision when it opens), and
 * {@link #status()} says why it is not ready.
 */
public final class OpeningSearchEngine implements SearchEngine {

    /**
     * Opens the real engine: may take long, may fail. One that waits for something to come back
     * (SolrCloud, during an outage) gives up once {@code closing} says the server is stopping, as
     * {@link #close} waits for it.
     */
    @FunctionalInterface
    public interface Opener {
        SearchEngine open(BooleanSupplier closing) throws IOException;
    }

    /** What an opening says before its opener says more. */
    public static final String OPENING = "Opening the search index";
    /** What a failed opening says, before why ({@link OpeningFailure#words}). */
    public static final String COULD_NOT_OPEN = "The search index could not be opened: ";
    private static final Logger LOG = LoggerFactory.getLogger(OpeningSearchEngine.class);

    private final CompletableFuture<SearchEngine> opening = new CompletableFuture<>();
    private final Opener opener;
    private final OpeningPhase phase;
    private final AtomicBoolean begun = new AtomicBoolean();
    private volatile boolean closed;
    /** Why the opening failed, once it has; null before, and for good when it opened. */
    private volatile OpeningFailure failure;

    private OpeningSearchEngine(OpeningPhase phase, Opener opener) {
        this.phase = phase;
        this.opener = opener;
    }

    /** Starts opening the engine on a thread of its own and returns at once. */
    public static OpeningSearchEngine start(Opener opener) {
        OpeningSearchEngine engine = later(opener);
        engine.begin();
        return engine;
    }

    /**
     * An engine that opens only when {@link #begin} is called: an app can be wired (its routes built)
     * before its index is opened, and the opening waits until the seeds are imported.
     */
    public static OpeningSearchEngine later(Opener opener) {
        return later(new OpeningPhase(OPENING), opener);
    }

    /** As {@link #later(Opener)}, saying in its status what {@code phase} says the opener is doing. */
    public static OpeningSearchEngine later(OpeningPhase phase, Opener opener) {
        return new OpeningSearchEngine(phase, opener);
    }

    /** Starts opening the engine on a thread of its own and returns at once; only the first call does. */
    public void begin() {
        if (!begun.compareAndSet(false, true)) {
            return;
        }
        Thread thread = new Thread(() -> {
            try {
                opening.complete(opener.open(() -> closed));
            } catch (Throwable e) {
                // An Error too: an OutOfMemoryError (ten million records in a 1 GB heap) ended this
                // thread with the opening never completed, and the node said "Opening the search
                // index" for good, its start waiting for ever, the cause only on standard error.
                if (closed) {
                    // A stop ended it (an opener that waits for Solr gives up): the index did not fail.
                    opening.completeExceptionally(e);
                } else {
                    failed(e);
                }
            }
        }, "dossier-index-open");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * The opening failed: said once in the log, with the failure itself unless the start's one line
     * says all there is to it, and from now on by {@link #status} and {@link #failure}.
     */
    private void failed(Throwable e) {
        OpeningFailure why = OpeningFailure.of(e);
        failure = why;
        if (why.saidWhole()) {
            LOG.error("The search index could not be opened: {}", e.getMessage());
        } else {
            LOG.error("The search index could not be opened: {}", why.words(), e);
        }
        opening.completeExceptionally(e);
    }

    /**
     * Waits until the engine is open; rethrows why it could not be: an exception as the opener threw
     * it, an Error (the heap run out) as an IOException that says so in one line.
     */
    public void awaitOpen() throws IOException {
        try {
            opening.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the search index opened", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException("the search index could not be opened: " + OpeningFailure.of(cause).words()
                    + " (" + cause + ")" + (cause instanceof OutOfMemoryError
                    ? "; start the node with more heap (java -Xmx...)" : "") + "; the log has where", cause);
        }
    }

    /** The engine if it is open and not closed, else null. */
    private SearchEngine openNow() {
        SearchEngine engine = opening.isCompletedExceptionally() ? null : opening.getNow(null);
        return closed ? null : engine;
    }

    private SearchEngine engine() {
        SearchEngine engine = openNow();
        if (engine == null) {
            throw new SearchUnavailableException(status().detail());
        }
        return engine;
    }

    @Override
    public SearchResults search(SearchRequest request) {
        return engine().search(request);
    }

    @Override
    public int[] hitIds(SearchRequest request) {
        return engine().hitIds(request);
    }

    @Override
    public long count(SearchRequest request) {
        return engine().count(request);
    }

    /** While the engine opens, nothing is run: the search says why it is not answered, and took no work. */
    @Override
    public SearchResults search(SearchRequest request, Runnable beforeWork) {
        return engine().search(request, beforeWork);
    }

    @Override
    public long count(SearchRequest request, Runnable beforeWork) {
        return engine().count(request, beforeWork);
    }

    /**
     * None while the engine opens: a record page reads the database and is served meanwhile (a node
     * waiting for SolrCloud to come back, or rebuilding its index), without its related records.
     */
    @Override
    public List<Integer> related(int documentId, int limit) {
        SearchEngine engine = openNow();
        return engine == null ? List.of() : engine.related(documentId, limit);
    }

    /** None while the engine opens, as with related records: the search box is on every page. */
    @Override
    public List<Suggestion> suggest(String text, int limit) {
        SearchEngine engine = openNow();
        return engine == null ? List.of() : engine.suggest(text, limit);
    }

    @Override
    public void changed(Set<Integer> documentIds) {
        SearchEngine engine = opening.getNow(null);
        if (engine != null && !closed) {
            engine.changed(documentIds);
        }
        // Not open yet: the engine catches up with every revision written meanwhile when it opens.
    }

    @Override
    public boolean isOpen() {
        SearchEngine engine = opening.isCompletedExceptionally() ? null : opening.getNow(null);
        return !closed && engine != null && engine.isOpen();
    }

    @Override
    public IndexStatus status() {
        if (closed) {
            return IndexStatus.closed("the search index is closed: the server is stopping");
        }
        OpeningFailure failed = failure;
        if (failed != null) {
            return IndexStatus.closed("the search index could not be opened: " + failed.words() + " (the log says "
                    + "more); the node will not be ready until it is started again", COULD_NOT_OPEN + failed.words());
        }
        SearchEngine engine = opening.getNow(null);
        return engine == null ? IndexStatus.closed("the search index is being checked or rebuilt", phase.now())
                : engine.status();
    }

    @Override
    public Optional<String> failure() {
        OpeningFailure failed = failure;
        return failed == null ? Optional.empty() : Optional.of(COULD_NOT_OPEN + failed.words());
    }

    @Override
    public void close() {
        closed = true;
        if (!begun.get()) {
            return; // never asked to open: nothing to close
        }
        SearchEngine engine;
        try {
            engine = opening.join();
        } catch (RuntimeException e) {
            return; // it never opened: nothing to close
        }
        engine.close();
    }
}
