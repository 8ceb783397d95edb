package org.dossier.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.common.SolrInputDocument;
import org.dossier.documents.ChangeFeed;
import org.dossier.documents.RoundFailures;
import org.dossier.web.WriteUnavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's follower of the change feed on the collection (its thread is a {@link FeedFollower}, as
 * the embedded index's): writes what changed, then moves the feed's position in the collection, and
 * keeps what it found there for the engine's searches to read: how far the collection is
 * ({@link #progress}), the answers kept at that position ({@link #kept}), the names a reader's words
 * are read with, and whether the collection answers ({@link #unanswered}, {@link #away},
 * {@link #refused}).
 *
 * <p>Who writes what, on which thread: every field here that changes is written by a round of
 * {@link #catchUp} alone, one round at a time (this object's lock): on the follower's thread, or, before
 * that thread starts, on the thread opening the engine. The searches' threads only read them (each
 * field volatile). Why: with one writer no
 * store or flag needs a compare-and-set, and a store of answers put in place before {@link #progress}
 * moves is seen by every search that waited for that position ({@link SolrSearchEngine#search}).
 */
final class SolrFollower {

    /** The engine's lines, under its logger's name, which operators' and the tests' filters know. */
    private static final Logger LOG = LoggerFactory.getLogger(SolrSearchEngine.class);
    /** A round applies at most so many changes; the follower asks again at once after a full one. */
    static final int BATCH = 1_000;
    private static final int LOAD_CHUNK = 1_000;

    private final CloudSolrClient client;
    /**
     * The follower's writes and commits, which may wait {@link SolrClients#WRITE_SECONDS} as a fill's do: a
     * catch-up after an import writes batches of a thousand records, and one that waited behind a
     * merge longer than a reader's {@link SolrClients#IDLE_SECONDS} failed, was sent again at the next poll while
     * Solr still wrote the first, and queued behind itself.
     */
    private final SolrClient writes;
    private final SolrAddress address;
    private final IndexSource source;
    private final CatalogueAnalyzer analyzer;
    private final String feed;
    private volatile Names names;
    /** What the answers kept at one position may weigh, in bytes (the operator's {@code --kept-answers}); 0 keeps none. */
    private final long keptAnswers;
    /**
     * The answers kept at the position of the feed the collection is at (see {@link SolrSearchEngine#search}): a
     * new, empty store is put here by the follower before {@link #progress} moves, and none while the
     * follower finds the collection elsewhere than this node left it (away, being filled, behind).
     */
    private volatile Kept kept = Kept.NOTHING;

    /** Answers kept on the collection holding every change up to {@code position} and none after it. */
    record Kept(long position, KeptAnswers answers) {
        /** Before the follower has found where the collection is, or while it finds it elsewhere. */
        static final Kept NOTHING = new Kept(-1, KeptAnswers.NONE);
    }
    /** The same names as a reader may be offered them while typing (see {@link SolrSearchEngine#suggest}). */
    private volatile Suggestions suggestions;
    private final List<Runnable> authorityListeners = new CopyOnWriteArrayList<>();
    private final FeedProgress progress;
    private volatile boolean closed;
    /**
     * Why the collection did not answer the last time the feed was followed, quoting Solr (the
     * status's detail), and in this program's words only (its phase); null while it answers.
     */
    private volatile Unanswered unanswered;

    /** {@code phase} is read at each asking: a refill's count goes on while it is unanswered. */
    record Unanswered(String detail, OpeningPhase phase) {

        Unanswered(String detail, String phase) {
            this(detail, new OpeningPhase(phase));
        }
    }
    /**
     * Whether the follower found Solr away at its last poll: related records and suggestions, a
     * record page's and a search box's extras, are then left off at once instead of each waiting
     * for Solr's timeout (a record page took 15 s while Solr hung).
     */
    private volatile boolean away;
    /** Whether the follower found the collection made again with another configset, which it does not fill. */
    private volatile boolean refused;
    private final FeedFollower thread;
    /** Solr or a database that cannot be reached is logged once while the follower keeps trying, not every poll. */
    private final RoundFailures failures;

    /** Following from {@code applied}, the position the collection holds of {@code feed}, the database's feed. */
    SolrFollower(CloudSolrClient client, SolrClient writes, SolrAddress address, IndexSource source,
                 CatalogueAnalyzer analyzer, String feed, long applied, long keptAnswers) {
        this.client = client;
        this.keptAnswers = keptAnswers;
        this.writes = writes;
        this.address = address;
        this.source = source;
        this.analyzer = analyzer;
        this.feed = feed;
        this.progress = new FeedProgress("The Solr collection", applied);
        this.failures = new RoundFailures(LOG, "The Solr collection " + address, "at the next poll");
        this.thread = new FeedFollower("dossier-solr-follower", BATCH, this::catchUp, source, progress);
        List<Names.Form> forms = source.nameForms();
        this.names = Names.of(forms, analyzer);
        this.suggestions = Suggestions.of(forms, names, analyzer);
    }

    /** Starts the follower's thread, once every change committed before the start is applied. */
    void start() {
        thread.start();
    }

    /** Something committed (or a search waits): look at the feed now rather than at the next poll. */
    void wake() {
        thread.wake();
    }

    /** Stops following after the round in hand (its stop waits up to ten seconds for it). */
    void close() {
        closed = true;
        progress.close();
        thread.stop();
    }

    /** How far the collection has applied the feed, as this node's follower last found it; searches wait on it. */
    FeedProgress progress() {
        return progress;
    }

    /** The answers kept at the collection's position ({@link Kept#NOTHING} while it is found elsewhere). */
    Kept kept() {
        return kept;
    }

    /** The names a reader's words are read with, as the feed last brought them. */
    Names names() {
        return names;
    }

    /** What a reader may be offered while typing, from the same names. */
    Suggestions suggestions() {
        return suggestions;
    }

    /** Why the collection did not answer at the last round; null while it answers. */
    Unanswered unanswered() {
        return unanswered;
    }

    /** Whether the last round found Solr away. */
    boolean away() {
        return away;
    }

    /** Whether the collection was found made again with another configset. */
    boolean refused() {
        return refused;
    }

    /**
     * Tells {@code listener} whenever the feed has moved past changes this node has not seen, which
     * may have changed the people and places: what keeps the lists in memory follows other nodes.
     */
    void onAuthoritiesChanged(Runnable listener) {
        authorityListeners.add(listener);
    }

    /**
     * Applies up to {@value #BATCH} changes after the collection's position (another node
     * may have moved it): writes each changed record as it is now (a stub if it was withdrawn),
     * commits, then moves the position. Failures are logged; the next poll tries again.
     */
    synchronized int catchUp() {
        if (closed) {
            return 0;
        }
        String live = null;
        try {
            // Read, written and committed in the one collection the alias names as this poll begins:
            // a fill that moves the alias meanwhile is given no records past the position it holds.
            live = SolrAlias.live(client, address.collection());
            SolrDocuments.Position held = SolrDocuments.position(client, live);
            if (held.feed() == null || held.applied() < progress.applied()) {
                // The collection lost changes (or everything): nothing kept is its answer now, nor
                // would what it answers be kept, until it is given them again (below).
                kept = Kept.NOTHING;
                held = refillIfStale(held);
                live = SolrAlias.live(client, address.collection());
            }
            // The collection's own place: past this node's when another node moved it; before it
            // when the collection lost changes (restored from a snapshot), which are given again.
            long from = held.applied();
            List<ChangeFeed.Change> changes = source.changesAfter(from, BATCH);
            if (!changes.isEmpty()) {
                Map<Integer, Long> versions = new HashMap<>();
                changes.stream().filter(ChangeFeed.Change::ofRecord)
                        .forEach(c -> versions.merge(c.documentId(), c.id(), Math::max));
                List<Integer> ids = new ArrayList<>(versions.keySet());
                for (int at = 0; at < ids.size(); at += LOAD_CHUNK) {
                    List<Integer> chunk = ids.subList(at, Math.min(ids.size(), at + LOAD_CHUNK));
                    Map<Integer, IndexedRecord> current = source.load(chunk);
                    List<SolrInputDocument> docs = new ArrayList<>(chunk.size());
                    for (int id : chunk) {
                        IndexedRecord record = current.get(id);
                        docs.add(record == null ? SolrDocuments.stub(id, versions.get(id)) : SolrDocuments.of(record, versions.get(id)));
                    }
                    writes.add(live, docs);
                    progress.writing(from, at + chunk.size());
                }
                long last = changes.get(changes.size() - 1).id();
                // Not waited for on every replica, as a fill waits before it moves the alias
                // (SolrAlias.awaitReplicasAgree): a replica the leader skipped (down or not live in
                // its view, or its term already lower) or could not reach is given a lower term than
                // the leader's once the leader has written, and its own watch of the terms puts it
                // into recovery from the leader, which takes it out of the readers' way (Solr 9.10.1's
                // DistributedZkUpdateProcessor.doDistribFinish and RecoveringCoreTermWatcher, read in
                // its source and its jar). Short of these changes for a moment, then, not for good; a
                // fill's collection short on one replica would be short of a shard's every record.
                // Searchable first; only then may any node believe the position.
                writes.commit(live, true, true, true);
                writes.add(live, SolrDocuments.positionDocument(feed, last));
                from = last;
            }
            if (from > progress.applied()) {
                // The feed moved, here or through another node (whose changes this node then never
                // reads): any of them may have brought names, or changed the people and places.
                List<Names.Form> forms = source.nameForms();
                names = Names.of(forms, analyzer);
                suggestions = Suggestions.of(forms, names, analyzer);
                authorityListeners.forEach(Runnable::run);
            }
            if (kept.position() != from) {
                // The collection now holds every change up to here: answers from before are not
                // its answers. Put in place before the position moves, so that a search that waited
                // for this position finds this store, or a later one (see SolrSearchEngine.search).
                kept = new Kept(from, KeptAnswers.weighing(keptAnswers));
            }
            progress.advanceTo(from);
            failures.succeeded();
            unanswered = null;
            away = false;
            return changes.size();
        } catch (IOException | SolrServerException | RuntimeException e) {
            // Whatever failed, the collection may not be where this node left it: nothing kept is
            // given again, until a poll goes through.
            kept = Kept.NOTHING;
            if (movedFrom(live)) {
                // A fill moved the alias during this poll and deleted the collection it wrote to: no
                // outage, and nothing lost (the new collection's position is before these changes).
                return 0;
            }
            // Said once, not at every poll while the collection is away; readiness says it meanwhile.
            String what = "could not apply the changes after " + progress.applied();
            if (SolrAway.in(e)) {
                away = true;
                failures.unreachable("Solr", RoundFailures.firstLine(e), what);
                unanswered = new Unanswered("the Solr collection " + address + " does not answer: "
                        + RoundFailures.firstLine(e), "Waiting for the Solr collection to answer");
            } else if (e instanceof SolrSetup.OtherConfigset) {
                // What to do, in one line: no stack trace of ours would say more.
                failures.failed(e.getMessage(), what);
                unanswered = new Unanswered("the Solr collection " + address + " is not followed: " + e.getMessage(),
                        "The Solr collection is not followed: it was made again with another configset");
            } else {
                failures.failed(e, what);
                if (WriteUnavailable.of(e).isEmpty()) {
                    // (The database being away is /ready's database check: the collection still answers.)
                    unanswered = new Unanswered("the Solr collection " + address + " is not followed: "
                            + RoundFailures.firstLine(e), "The Solr collection is not followed (the node's log says why)");
                }
            }
            return 0;
        }
    }

    /** Whether the alias names another collection now than {@code live}, which a poll began in. */
    private boolean movedFrom(String live) {
        try {
            return live != null && !live.equals(SolrAlias.live(client, address.collection()));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * A collection that holds less than this node has applied — deleted and made again, emptied, or
     * restored from an older snapshot while the nodes served — is filled again from the database as
     * at start ({@link SolrFill#staleness}) when it cannot be given the changes it lost: it was never
     * refilled until a node restarted, and meanwhile searches found nothing, with every node ready.
     * A collection of another configset is refused before anything is written, as at start.
     */
    private SolrDocuments.Position refillIfStale(SolrDocuments.Position at) throws IOException {
        String stale = SolrFill.staleness(at, source.state());
        if (stale == null) {
            return at;
        }
        try {
            SolrSetup.refuseOtherConfigsets(client, address);
        } catch (SolrSetup.OtherConfigset e) {
            // Its searches would be refused by Solr (no field live, say): they are a 503 meanwhile.
            refused = true;
            throw e;
        }
        refused = false;
        String filling = "Filling the Solr collection again from the database (" + stale + ")";
        // How far it has got, in /ready's phase as in a start's fill: it said what it did, not how far.
        OpeningPhase phase = new OpeningPhase(filling);
        unanswered = new Unanswered("the Solr collection " + address + " is being filled again from the database: " + stale,
                phase);
        SolrFill.ifStale(address, source, new LoggedProgress(LOG, filling, "records", phase), () -> closed, true);
        SolrDocuments.Position filled = SolrDocuments.position(client, SolrAlias.liveNow(client, address.collection()));
        LOG.info("The Solr collection {} is filled again, up to change {}", address, filled.applied());
        return filled;
    }
}
