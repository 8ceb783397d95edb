package org.dossier.search;

import java.io.IOException;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.dossier.documents.RoundFailures;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's opening of {@link SolrSearchEngine} on the collection: its clients, the configset
 * checked, the collection filled from the database when it cannot follow the feed from where it is,
 * the changes it has not seen applied, and the follower started; asked again while Solr is away.
 */
final class SolrOpening {

    /** The engine's lines, under its logger's name, which operators' and the tests' filters know. */
    private static final Logger LOG = LoggerFactory.getLogger(SolrSearchEngine.class);

    private SolrOpening() {
    }

    /**
     * Opens the engine on the collection at {@code address}, as {@link SolrSearchEngine#open(SolrAddress, DSLContext, long)} says.
     */
    static SolrSearchEngine open(SolrAddress address, DSLContext db, long keptAnswers) throws IOException {
        OpeningPhase phase = new OpeningPhase(OpeningSearchEngine.OPENING);
        return open(address, db, keptAnswers, () -> false, phase, connecting(address, phase));
    }

    /** Says that the opening begins (once, not at each attempt while Solr is away); returns when (System.nanoTime()). */
    private static long connecting(SolrAddress address, OpeningPhase phase) {
        LOG.info("Opening the Solr collection {}: connecting", address);
        phase.now("Opening the Solr collection: connecting");
        return System.nanoTime();
    }

    /**
     * {@link #open}, giving up a wait for another node's fill once {@code closing}, saying in the log
     * and in {@code phase} what it does, as a Lucene index's opening does: a node opening on Solr said
     * nothing from its start until its first search. {@code opening} is when it began (System.nanoTime()).
     */
    private static SolrSearchEngine open(SolrAddress address, DSLContext db, long keptAnswers, BooleanSupplier closing,
                                         OpeningPhase phase, long opening) throws IOException {
        if (keptAnswers < 0) {
            throw new IllegalArgumentException("kept answers must weigh 0 bytes or more, not " + keptAnswers);
        }
        IndexSource source = new IndexSource(db);
        CloudSolrClient client = SolrClients.of(address);
        CloudSolrClient writes = SolrClients.writer(address);
        try {
            SolrSetup.refuseOtherConfigsets(client, address);
            LOG.info("The Solr collection {} has this build's configset: checking it against the database", address);
            phase.now("Opening the Solr collection: checking it against the database");
            IndexSource.State state = source.state();
            SolrDocuments.Position position = SolrDocuments.position(client);
            String stale = SolrFill.staleness(position, state);
            if (stale != null) {
                String filling = "Filling the Solr collection (" + stale + ")";
                phase.now(filling);
                SolrFill.ifStale(address, source, new LoggedProgress(LOG, filling, "records", phase), closing, false);
                // Read where the alias points now: this client may not have heard of its move yet.
                position = SolrDocuments.position(client, SolrAlias.liveNow(client, address.collection()));
            }
            SolrSearchEngine engine = new SolrSearchEngine(client, writes, address, source, state.head().feed(),
                    position.applied(), keptAnswers);
            long from = position.applied();
            long behind = source.head().last() - from;
            IndexProgress catchingUp = new LoggedProgress(LOG,
                    "Applying the changes made while the Solr collection was not followed", "changes", phase);
            if (behind > 0) {
                LOG.info("The Solr collection {} applies the {} changes made since it was last followed", address, behind);
                catchingUp.indexed(0, behind);
            }
            while (engine.follower().catchUp() == SolrFollower.BATCH) {
                // Every change committed before the start is applied before the first search.
                long applied = engine.appliedChange() - from;
                catchingUp.indexed(applied, Math.max(behind, applied));
            }
            engine.follower().start();
            LOG.info("The Solr collection {} is open after {} ms, up to change {}", address,
                    (System.nanoTime() - opening) / 1_000_000, engine.appliedChange());
            return engine;
        } catch (IOException | RuntimeException e) {
            client.close();
            writes.close();
            throw e;
        }
    }

    /**
     * How long a node started while Solr is away waits before asking it again: 5 s, unless the system
     * property {@code dossier.solr-open-again} gives other whole seconds (1 or more), which only the
     * tests set, so that SolrOutageTest outlasts a pause of a second rather than five, and finds Solr
     * back at the node's next attempt a second later rather than up to five.
     */
    static final Duration OPEN_AGAIN_AFTER = Duration.ofSeconds(Math.max(1, Long.getLong("dossier.solr-open-again", 5)));

    /**
     * {@link #open}, asked again every {@link #OPEN_AGAIN_AFTER} while Solr (or its ZooKeeper) is
     * away, until it answers or {@code closing}: a node started during an outage serves meanwhile what
     * reads the database (record pages, the listing; /ready says 503), and its searches once Solr
     * answers. It gave up after 15 s and the node exited, so that nodes restarted during an outage (by
     * a scheduler, a host's reboot) left no site at all. The log says it once, and once when Solr
     * answers. A collection of another configset, or any failure that is not Solr being away, still
     * stops the start.
     */
    static SolrSearchEngine openOnceItAnswers(SolrAddress address, DSLContext db, long keptAnswers,
                                          BooleanSupplier closing, OpeningPhase phase) throws IOException {
        RoundFailures failures = new RoundFailures(LOG, "The Solr collection " + address,
                "every " + OPEN_AGAIN_AFTER.toSeconds() + " s (serving what reads the database meanwhile)");
        long opening = connecting(address, phase);
        while (true) {
            try {
                SolrSearchEngine engine = open(address, db, keptAnswers, closing, phase, opening);
                failures.succeeded();
                return engine;
            } catch (IOException | RuntimeException e) {
                if (!SolrAway.in(e) || closing.getAsBoolean()) {
                    throw e;
                }
                failures.unreachable("Solr", RoundFailures.firstLine(e), "could not be opened");
                phase.now("Waiting for Solr to answer: asked again every " + OPEN_AGAIN_AFTER.toSeconds() + " s");
            }
            try {
                Thread.sleep(OPEN_AGAIN_AFTER.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for Solr to answer", e);
            }
            if (closing.getAsBoolean()) {
                throw new IOException("the server stopped before Solr answered");
            }
        }
    }
}
