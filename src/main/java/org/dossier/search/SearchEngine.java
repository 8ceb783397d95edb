package org.dossier.search;

import java.util.List;
import java.util.Optional;
import org.dossier.documents.ChangeListener;

/**
 * What the catalogue knows of its search engine: ask a question, and hear of every change to the
 * records. The embedded Lucene index ({@link LuceneSearchEngine}) is one answer; a deployment on
 * several machines can put a shared engine behind the same two methods.
 */
public interface SearchEngine extends ChangeListener, AutoCloseable {

    /** Nothing to do before an engine's own work ({@link #search(SearchRequest, Runnable)}). */
    Runnable NOTHING_BEFORE = () -> { };

    /** One page of hits for {@code request}, with exact totals and facet counts. */
    SearchResults search(SearchRequest request);

    /**
     * The ids of every hit of {@code request}, in its order, whatever its page window: for exports,
     * which read the records themselves a batch at a time. Four bytes a hit.
     */
    int[] hitIds(SearchRequest request);

    /**
     * How many records {@code request} finds, and nothing else: a number beside a link. Cheaper
     * than {@link #search}, which counts every facet value of every hit too.
     */
    long count(SearchRequest request);

    /**
     * As {@link #search}, running {@code beforeWork} first if answering takes work of the engine's own
     * (a search, a count), and not when the engine gives an answer kept from before on its index as it
     * is now: nothing searched or counted. {@code beforeWork} may throw (a node too busy
     * to search, {@link SearchBusyException}), and then nothing is searched. Why: an answer kept costs a
     * lookup, and should not wait in line with the searches that must count ({@link BoundedSearchEngine});
     * asked here, in the one lookup the search makes anyway, a search that must count does not look twice.
     * An engine that keeps nothing runs it always.
     */
    default SearchResults search(SearchRequest request, Runnable beforeWork) {
        beforeWork.run();
        return search(request);
    }

    /** As {@link #count}, running {@code beforeWork} first unless the total is kept, as {@link #search(SearchRequest, Runnable)}. */
    default long count(SearchRequest request, Runnable beforeWork) {
        beforeWork.run();
        return count(request);
    }

    /**
     * Whether the engine answers, and how far behind the database it is: what readiness checks and
     * metrics ask. Cheap: one look at the newest change in the database. An engine fed by a change
     * feed answers with the feed's position.
     */
    IndexStatus status();

    /**
     * Whether the engine answers searches, as {@link #status} says, but without asking the database:
     * a metric scraped while the database cannot be reached says what the index is, not that the
     * database is away (which {@code /ready} says).
     */
    default boolean isOpen() {
        return status().open();
    }

    /**
     * Why the engine will never answer, in a few words of this program's own (they are said to anyone
     * who asks {@code /ready} or {@code /health}); empty while it answers, or may yet. An engine whose
     * opening failed (its index damaged, the heap run out) stays closed until the node is started
     * again: a balancer waiting for it to open, or a probe of liveness, should hear that it will not.
     * Cheap, as {@link #isOpen} is: it asks nothing of the database.
     */
    default Optional<String> failure() {
        return Optional.empty();
    }

    /**
     * Up to {@code limit} records most like record {@code documentId} (people and places they share,
     * distinctive words), most alike first; empty for a record the engine does not hold.
     */
    List<Integer> related(int documentId, int limit);

    /**
     * Up to {@code limit} things to offer a reader typing {@code text} into a search box: people and
     * places by any form of their name, then words completing the last one typed. Cheap and bounded.
     */
    List<Suggestion> suggest(String text, int limit);

    @Override
    void close();
}
