package org.dossier.search;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.common.SolrException;
import org.dossier.web.WriteUnavailable;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalogue's search engine on a SolrCloud collection, shared by every app node: for a
 * catalogue that outgrows one machine's index. Same answers as the embedded engine
 * ({@link LuceneSearchEngine}): the reader's words are read by the same {@link QueryReader} and sent
 * as they were read ({@link SolrQueries}); each filter is a tagged filter query, and each count
 * excludes the tag of its own filter (drill sideways), counted with the JSON Facet API with no
 * limit, which is exact across shards; a date range is met by the same rule on the record's
 * earliest and latest day (see {@link Dated}); every hit of an export is read with a cursor.
 *
 * <p>Fed from the database's change feed like the embedded index: every node follows the feed and
 * writes what changed. A document carries the change it was read at ({@code feed_version}), and
 * the collection ignores a write older than what it holds, so two nodes applying the same changes
 * (at least once, in any order) leave the newest state. The position of the feed the collection
 * has applied is a document of its own ({@value SolrDocuments#FEED_ID}), written only after the records it
 * covers are committed: after a crash the feed is applied again from there, never skipping a
 * change.
 *
 * <p>Answers and totals, related records and suggestions are kept per position of the feed, as the
 * embedded index keeps them per snapshot ({@link KeptAnswers}): see {@link #search} for when an
 * answer is given again, and {@link #unfenced} for related records and suggestions, which do not
 * wait for the feed.
 */
public final class SolrSearchEngine implements SearchEngine {

    private static final Logger LOG = LoggerFactory.getLogger(SolrSearchEngine.class);

    private final CloudSolrClient client;
    /** The follower's writes and commits ({@link SolrFollower}), closed with the engine. */
    private final SolrClient writes;
    private final IndexSource source;
    /** What is asked of the collection, and how ({@link SolrSearching}). */
    private final SolrSearching searching;
    /** The follower of the change feed, and what it found of the collection: the state this engine reads. */
    private final SolrFollower follower;
    private volatile boolean closed;

    SolrSearchEngine(CloudSolrClient client, SolrClient writes, SolrAddress address, IndexSource source, String feed,
                             long applied, long keptAnswers) {
        this.client = client;
        this.writes = writes;
        this.source = source;
        CatalogueAnalyzer analyzer = new CatalogueAnalyzer();
        this.follower = new SolrFollower(client, writes, address, source, analyzer, feed, applied, keptAnswers);
        this.searching = new SolrSearching(client, address, analyzer);
    }

    /**
     * Opens the engine on the collection at {@code address}: refills it from the database when it
     * cannot follow the feed from where it is (empty, filled from another database, too far behind),
     * applies the changes it has not seen, and starts following ({@link SolrOpening}).
     */
    public static SolrSearchEngine open(SolrAddress address, DSLContext db) throws IOException {
        return open(address, db, LuceneSearchEngine.DEFAULT_KEPT_ANSWERS);
    }

    /**
     * As {@link #open(SolrAddress, DSLContext)}, keeping the answers given at each position of the
     * feed up to {@code keptAnswers} bytes (0: none, so that every search asks the collection).
     */
    public static SolrSearchEngine open(SolrAddress address, DSLContext db, long keptAnswers) throws IOException {
        return SolrOpening.open(address, db, keptAnswers);
    }

    /**
     * {@link #open}, asked again while Solr (or its ZooKeeper) is away, until it answers or
     * {@code closing}, saying in the log and in {@code phase} what it does ({@link SolrOpening#openOnceItAnswers}).
     */
    public static SolrSearchEngine openOnceItAnswers(SolrAddress address, DSLContext db, long keptAnswers,
                                                     BooleanSupplier closing, OpeningPhase phase) throws IOException {
        return SolrOpening.openOnceItAnswers(address, db, keptAnswers, closing, phase);
    }

    // Following the feed.

    @Override
    public void changed(Set<Integer> documentIds) {
        follower.wake();
    }

    /**
     * Tells {@code listener} whenever the feed has moved past changes this node has not seen, which
     * may have changed the people and places: what keeps the lists in memory follows other nodes.
     */
    public void onAuthoritiesChanged(Runnable listener) {
        follower.onAuthoritiesChanged(listener);
    }

    /** The follower of the change feed: started by the opening once the feed is applied, asked by tests for a round now. */
    SolrFollower follower() {
        return follower;
    }

    /** The last change of the feed the collection has applied, as this node knows it. */
    public long appliedChange() {
        return follower.progress().applied();
    }

    // Searching.

    /**
     * The answer as kept at the collection's position, or asked of the collection and kept there.
     *
     * <p>What "the same snapshot" is on SolrCloud: the position of the feed the collection holds,
     * as this node's follower last found it ({@link SolrFollower#progress}), on which every search is fenced
     * already: it waits until that position reaches the database's newest change. The collection
     * then holds every change up to that position, and its documents change only by changes after
     * it, which any node's follower writes only once they are in the database. So an answer is
     * kept only when, once Solr has given it, the database's newest change is still the position
     * it is kept at (no node could have written a later change into the collection meanwhile) and
     * the follower has put no other store in place (the collection was not found away, refilled or
     * behind); and a kept answer is given only to a search that waited for nothing (its changes
     * pending are 0), whose position is then the store's or an earlier one. A write through any
     * node moves the database's newest change, so the next search on every node waits for its
     * follower to reach it, which puts a new, empty store in place first: nothing is invalidated by
     * hand, and nothing stale is given.
     */
    @Override
    public SearchResults search(SearchRequest request) {
        return search(request, NOTHING_BEFORE);
    }

    @Override
    public SearchResults search(SearchRequest request, Runnable beforeWork) {
        long pending = awaitFeed(false);
        if (pending > 0) {
            // Behind the database: the collection may already hold some of what this node has not
            // seen applied, so that its answer belongs to no position. Asked, and kept nowhere.
            beforeWork.run();
            return searching.search(request, follower.names()).withChangesPending(pending);
        }
        SolrFollower.Kept at = follower.kept();
        return at.answers().answer(follower.names(), request, () -> {
            beforeWork.run();
            return searching.search(request, follower.names());
        }, () -> stillAt(at));
    }

    /**
     * Whether the collection has held the changes up to {@code at}'s position and none after it
     * since {@code at} was put in place: the follower has put no other store in place, and no change
     * after that position is in the database (nor, then, in the collection).
     */
    private boolean stillAt(SolrFollower.Kept at) {
        try {
            return follower.kept() == at && source.head().last() == at.position();
        } catch (org.jooq.exception.DataAccessException e) {
            // The database stopped answering since the search began: the answer is given, and kept nowhere.
            return false;
        }
    }

    /**
     * Before a search: refuses while the collection is refused, then waits for the feed up to the
     * database's newest change: a little, at most, or for an export ({@code whole}) as long as the
     * follower gets on ({@link FeedProgress}).
     *
     * @return how many changes committed before now the search will not see (0: none)
     */
    private long awaitFeed(boolean whole) {
        if (follower.refused()) {
            throw SolrAway.unavailable();
        }
        long head = source.head().last();
        FeedProgress progress = follower.progress();
        return whole ? progress.awaitWhole(head, follower::wake) : progress.await(head, follower::wake);
    }

    @Override
    public int[] hitIds(SearchRequest request) {
        // An export is read whole by a program: it waits for the follower as long as it gets on.
        awaitFeed(true);
        return searching.hitIds(request, follower.names());
    }

    /** A total counted alone (a decade's link, the other way of meeting a range): kept as answers are ({@link #search}). */
    @Override
    public long count(SearchRequest request) {
        return count(request, NOTHING_BEFORE);
    }

    @Override
    public long count(SearchRequest request, Runnable beforeWork) {
        long pending = awaitFeed(false);
        if (pending > 0) {
            beforeWork.run();
            return searching.count(request, follower.names());
        }
        SolrFollower.Kept at = follower.kept();
        return at.answers().total(follower.names(), request.forCounts(), () -> {
            beforeWork.run();
            return searching.count(request, follower.names());
        }, () -> stillAt(at));
    }

    // The rest of the interface.

    @Override
    public boolean isOpen() {
        return !closed && follower.unanswered() == null;
    }

    @Override
    public IndexStatus status() {
        if (closed) {
            return IndexStatus.closed("the search engine is closed");
        }
        SolrFollower.Unanswered away = follower.unanswered();
        if (away != null) {
            // Solr's own words stay in the detail (the metrics port's); the phase is said to anyone.
            return IndexStatus.closed(away.detail(), away.phase().now());
        }
        try {
            FeedProgress progress = follower.progress();
            return new IndexStatus(true, progress.applied(), source.head().last(), progress.applied(), progress.steps(), "");
        } catch (RuntimeException e) {
            if (WriteUnavailable.of(e).filter(WriteUnavailable::crowded).isPresent()) {
                throw e; // the database is there, every connection busy: the asker decides (Readiness)
            }
            return IndexStatus.closed("the database does not answer");
        }
    }

    /**
     * {@link Related}'s query on the collection, as kept at the collection's position ({@link
     * #unfenced}): a record page asks it, and a record read again before the next change is not
     * asked of Solr again.
     */
    @Override
    public List<Integer> related(int documentId, int limit) {
        if (follower.away() || follower.refused()) {
            return List.of();
        }
        try {
            SolrFollower.Kept at = unfenced();
            return at.answers().related(documentId, limit, () -> searching.related(documentId, limit), () -> stillAt(at));
        } catch (IOException | SolrException | SearchUnavailableException e) {
            // Solr away is the follower's one line for the outage, not one per record page.
            if (!(e instanceof SearchUnavailableException) && !SolrAway.in(e)) {
                LOG.warn("The Solr collection could not find records related to {}", documentId, e);
            }
            return List.of();
        }
    }

    /**
     * What a reader is offered for {@code text}, as kept at the collection's position ({@link
     * #unfenced}): every keystroke asks it (four requests of the collection), and the same text typed
     * again before the next change, by this reader or another, is not asked of Solr again.
     */
    @Override
    public List<Suggestion> suggest(String text, int limit) {
        if (follower.away() || follower.refused()) {
            return List.of();
        }
        try {
            SolrFollower.Kept at = unfenced();
            Suggestions offering = follower.suggestions();
            // Keyed by the names offered from, which a move of the feed may replace before the store.
            return at.answers().suggestions(offering, text, limit, () -> searching.suggestions(offering, text, limit, follower.names()),
                    () -> stillAt(at));
        } catch (IOException e) {
            if (!(e.getCause() instanceof SearchUnavailableException) && !SolrAway.in(e)) {
                LOG.warn("The Solr collection could not suggest anything for {}", text, e);
            }
            return List.of();
        }
    }

    /**
     * The store kept at the collection's position, for what does not wait for the feed (related
     * records, suggestions: a record page and a keystroke are answered from the collection as it is):
     * given only while the database's newest change is that position, so that nothing kept outlives
     * a change through this node or another; else none, and asked of Solr. The database not
     * answering is none too: Solr is still asked, as before anything was kept.
     */
    private SolrFollower.Kept unfenced() {
        SolrFollower.Kept at = follower.kept();
        if (at.answers() == KeptAnswers.NONE) {
            // Nothing kept here (none found yet, or --kept-answers 0): no need to read the database.
            return at;
        }
        try {
            if (source.head().last() == at.position()) {
                return at;
            }
        } catch (org.jooq.exception.DataAccessException e) {
            return SolrFollower.Kept.NOTHING;
        }
        // Behind the database: the follower is woken, as a search wakes it, so that the next finds a store.
        follower.wake();
        return SolrFollower.Kept.NOTHING;
    }

    /**
     * Lets the follower's round in hand finish (its stop waits up to ten seconds), then closes the
     * clients without waiting for the round any longer: a round still going is stuck asking Solr or
     * ZooKeeper, and closing its client is what ends it. The close waited for the lock the round
     * holds (the engine's, then): with ZooKeeper away, it waited out the round's retries of ZooKeeper, about
     * 45 s (SolrOutageTest's second test, 88 s when its client had to read the collection's state again).
     */
    @Override
    public void close() {
        closed = true;
        follower.close();
        for (SolrClient each : List.of(client, writes)) {
            try {
                each.close();
            } catch (IOException e) {
                LOG.warn("Closing the Solr client", e);
            }
        }
    }

    /** How many queries this engine has asked of the collection so far: searches, counts and word statistics. */
    long queriesAsked() {
        return searching.queriesAsked();
    }

    /** How many records a reader can find, for checks and tests. */
    public long size() {
        return searching.size();
    }
}
