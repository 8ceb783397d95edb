package org.dossier.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.SolrInputDocument;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collection filled whole from the database: a new collection beside the live one, which the
 * alias moves to once it is whole ({@link SolrAlias}), under the collection's {@link SolrFillLock};
 * by {@code reindex} ({@link #rebuild}), or by a node that finds the collection unable to follow the
 * feed from where it is ({@link #staleness}): at its start, or while it follows.
 */
public final class SolrFill {

    /** The engine's lines, under its logger's name, which operators' and the tests' filters know. */
    private static final Logger LOG = LoggerFactory.getLogger(SolrSearchEngine.class);
    private static final int WRITE_BATCH = 2_000;

    private SolrFill() {
    }

    /**
     * Fills a new collection from the database and moves the alias at {@code address} to it
     * ({@link SolrAlias}); returns how many records.
     */
    public static long rebuild(SolrAddress address, DSLContext db, IndexProgress listener) throws IOException {
        try (CloudSolrClient client = SolrClients.of(address)) {
            SolrSetup.refuseOtherConfigsets(client, address);
        }
        try (CloudSolrClient client = SolrClients.writer(address);
             SolrFillLock.Taken lock = SolrFillLock.take(client, address, () -> false)) {
            return fill(client, address, new IndexSource(db), listener, lock.lock());
        }
    }

    /**
     * Fills the collection at {@code address} from the database, if it still cannot follow the feed
     * once no other fill runs: with two nodes started on an empty collection, the one that fills
     * first does it, and the other follows the feed from where it left the collection. Said in the
     * log with why, as a warning when {@code again}: a running node's follower found the collection
     * lost what it had.
     */
    static void ifStale(SolrAddress address, IndexSource source, IndexProgress listener,
                        BooleanSupplier stopWaiting, boolean again) throws IOException {
        try (CloudSolrClient client = SolrClients.writer(address);
             SolrFillLock.Taken lock = SolrFillLock.take(client, address, stopWaiting)) {
            String stale = staleness(SolrDocuments.position(client, SolrAlias.liveNow(client, address.collection())), source.state());
            if (stale == null) {
                LOG.info("The Solr collection {} was filled by another node meanwhile: following the feed from there", address);
                return;
            }
            if (again) {
                LOG.warn("Filling the Solr collection {} again from the database: {}", address, stale);
            } else {
                LOG.info("Filling the Solr collection {} from the database: {}", address, stale);
            }
            long started = System.nanoTime();
            long filled = fill(client, address, source, listener, lock.lock());
            LOG.info("Filled the Solr collection {} with {} records in {} ms", address, filled,
                    (System.nanoTime() - started) / 1_000_000);
        }
    }

    /** Why the collection cannot follow the database's feed from where it is; null when it can. */
    static String staleness(SolrDocuments.Position position, IndexSource.State database) {
        if (position.feed() == null) {
            return "the collection holds no catalogue yet";
        }
        if (!database.head().feed().equals(position.feed())) {
            return "the collection was filled from another database";
        }
        long last = database.head().last();
        if (position.applied() > last) {
            return "the collection has changes up to " + position.applied() + ", the database only up to " + last;
        }
        if (position.applied() + 1 < database.oldestChange()) {
            return "the feed no longer holds the changes after " + position.applied();
        }
        if (last - position.applied() > LuceneSearchEngine.REBUILD_PAST) {
            return "the collection is " + (last - position.applied()) + " changes behind: refilling is faster";
        }
        return null;
    }

    /**
     * Fills a new collection beside the live one ({@link SolrAlias}) with every searchable record
     * and the feed's position they were read at, then moves the alias to it and deletes the one it
     * replaced: readers searching meanwhile, on every node, find the old catalogue until the new one
     * is whole, never an emptied or partial one (a collection of another database's records was
     * emptied first, in place). The feed's followers go on writing into the old collection
     * meanwhile; the new one's position is where they go on from once the alias moved.
     *
     * <p>Run under the collection's {@link SolrFillLock}, which is asked again before each batch
     * and before the alias moves: a fill whose lock went with its ZooKeeper session (so that another
     * may have begun) stops, deletes its collection and leaves the alias as it is.
     */
    private static long fill(CloudSolrClient client, SolrAddress address, IndexSource source, IndexProgress listener,
                             SolrFillLock lock) throws IOException {
        String alias = address.collection();
        String live = SolrAlias.liveNow(client, alias);
        String target = SolrAlias.newCollection(alias, java.time.Instant.now());
        boolean created = false;
        boolean swapped = false;
        try {
            SolrAlias.createLike(client, target, live);
            created = true;
            // Every record read below is at least as new as this head: a later change of one,
            // applied after the swap by a follower from the position below, carries a higher number and is kept.
            long version = source.head().last();
            // Of how many, as a Lucene index's rebuild says it (IndexBuilder): read before, so at most a few off.
            long expected = source.state().documents();
            List<SolrInputDocument> batch = new ArrayList<>(WRITE_BATCH);
            long[] written = {0};
            IndexSource.State state = source.readAll(record -> {
                batch.add(SolrDocuments.of(record, version));
                if (batch.size() == WRITE_BATCH) {
                    lock.ensureHeld();
                    client.add(target, batch);
                    written[0] += batch.size();
                    listener.indexed(written[0], Math.max(written[0], expected));
                    batch.clear();
                }
            });
            lock.ensureHeld();
            if (!batch.isEmpty()) {
                client.add(target, batch);
                written[0] += batch.size();
            }
            client.add(target, SolrDocuments.positionDocument(state.head().feed(), state.head().last()));
            client.commit(target);
            // Held by every replica a reader may be sent to, not by the leaders alone (SolrAlias.awaitReplicasAgree).
            SolrAlias.awaitReplicasAgree(client, target);
            // Every record written and searchable in the new collection, the alias still on the old.
            listener.indexed(written[0], written[0]);
            lock.ensureHeld();
            SolrAlias.swap(client, alias, target);
            swapped = true;
            return state.documents();
        } catch (SolrServerException | SolrException e) {
            throw new IOException("the Solr collection could not be filled: " + e.getMessage(), e);
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            // The lock lost, or Solr away, while the database was read: said as themselves.
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof IOException io) {
                    throw io;
                }
            }
            throw new IOException(e);
        } finally {
            if (created && !swapped) {
                SolrAlias.delete(client, target);
            }
        }
    }
}
