package org.dossier.search;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.impl.ZkClientClusterStateProvider;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.client.solrj.request.json.JsonQueryRequest;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.cloud.DocCollection;
import org.apache.solr.common.cloud.Replica;
import org.apache.solr.common.cloud.Slice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The name every node searches ({@code --search solr:zk=…/NAME}) is a SolrCloud alias, and the
 * catalogue is in the collection it names, {@code NAME_yyyyMMdd_HHmmss_SSS} (made then, in UTC). A
 * fill builds a new collection of that form beside the live one and moves the alias to it once it
 * is whole (Solr's CREATEALIAS replaces an alias atomically), then deletes the one it replaced: the
 * readers of every node find the old catalogue until the new one is whole. A collection filled from
 * another database was emptied in place first, and readers found an empty, then partial,
 * catalogue until the fill ended.
 *
 * <p>A collection made by an older Dossier, a plain collection named {@code NAME}, keeps serving as
 * it is; its next fill builds {@code NAME_…}, makes the alias {@code NAME} (which Solr lets shadow
 * the collection of that name) and deletes the plain collection.
 */
final class SolrAlias {

    private static final Logger LOG = LoggerFactory.getLogger(SolrAlias.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss_SSS").withZone(ZoneOffset.UTC);
    private static final long READY_MILLIS = 60_000;

    private SolrAlias() {
    }

    /** A new collection's name for {@code alias}, made at {@code now}. */
    static String newCollection(String alias, Instant now) {
        return alias + "_" + STAMP.format(now);
    }

    /** Whether {@code collection} is one of {@code alias}'s collections (made by a fill or solr-setup), or its plain one of old. */
    static boolean isCollectionOf(String alias, String collection) {
        return collection.equals(alias)
                || Pattern.matches(Pattern.quote(alias) + "_[0-9]{8}_[0-9]{6}_[0-9]{3}", collection);
    }

    /**
     * The collection {@code name} reads now, as this client last heard from ZooKeeper: the one its
     * alias names, or {@code name} itself when it is a plain collection (an older Dossier's).
     */
    static String live(CloudSolrClient client, String name) {
        return client.getClusterStateProvider().resolveSimpleAlias(name);
    }

    /** {@link #live}, read from ZooKeeper now rather than from what the client last heard. */
    static String liveNow(CloudSolrClient client, String name) throws IOException {
        try {
            ZkClientClusterStateProvider.from(client).getZkStateReader().aliasesManager.update();
        } catch (org.apache.zookeeper.KeeperException e) {
            throw new IOException("the Solr aliases cannot be read: " + e.getMessage(), new SolrServerException(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading the Solr aliases", e);
        }
        return live(client, name);
    }

    /** Whether {@code name} is an alias or a collection already. */
    static boolean exists(CloudSolrClient client, String name) throws IOException {
        return !liveNow(client, name).equals(name) || collections(client).contains(name);
    }

    /**
     * Makes the collection {@code collection} with the configset {@code configset}, {@code shards}
     * shards of {@code replicas} replicas each, and waits until each shard has an active leader and
     * the collection answers ({@link #awaitActive}).
     */
    static void create(CloudSolrClient client, String collection, String configset, int shards, int replicas)
            throws IOException {
        try {
            CollectionAdminRequest.createCollection(collection, configset, shards, replicas).process(client);
        } catch (SolrServerException | SolrException e) {
            throw new IOException("the Solr collection " + collection + " could not be created: " + e.getMessage(), e);
        }
        awaitActive(client, collection, shards);
    }

    /**
     * Makes {@code collection} as {@code like} is made (its configset, shards and replicas of each):
     * the collection a fill of {@code like}'s alias builds beside it.
     */
    static void createLike(CloudSolrClient client, String collection, String like) throws IOException {
        DocCollection live = client.getClusterStateProvider().getCollection(like);
        if (live == null) {
            throw new IOException("the Solr collection " + like + " does not answer: it is not in the cluster's state",
                    new SolrServerException("no collection " + like));
        }
        Slice first = live.getSlices().iterator().next();
        create(client, collection, live.getConfigName(), live.getSlices().size(), Math.max(1, first.getReplicas().size()));
    }

    /**
     * Points {@code alias} at {@code collection} (at once for every reader), then deletes the
     * alias's other collections: the one it named, a plain collection of that name, and any a fill
     * left (its process died, or lost its fill lock, before it could delete it).
     */
    static void swap(CloudSolrClient client, String alias, String collection) throws IOException {
        try {
            CollectionAdminRequest.createAlias(alias, collection).process(client);
        } catch (SolrServerException | SolrException e) {
            throw new IOException("the Solr alias " + alias + " could not be moved to " + collection + ": "
                    + e.getMessage(), e);
        }
        // The alias moved: what follows only tidies, and is said rather than thrown (the next swap tidies too).
        List<String> all;
        try {
            all = collections(client);
        } catch (IOException e) {
            LOG.warn("The Solr alias {} names {} now, but the collection it named could not be deleted ({}); "
                    + "the next fill deletes it", alias, collection, e.getMessage());
            return;
        }
        for (String other : all) {
            if (!other.equals(collection) && isCollectionOf(alias, other)) {
                delete(client, other);
            }
        }
    }

    /** Deletes {@code collection}; said in the log, not thrown, when it cannot be (it goes at the next swap). */
    static void delete(CloudSolrClient client, String collection) {
        try {
            CollectionAdminRequest.deleteCollection(collection).process(client);
        } catch (SolrServerException | SolrException | IOException e) {
            if (gone(client, collection)) {
                return; // deleted already: by the fill that took the lock of one that lost it
            }
            LOG.warn("The Solr collection {} could not be deleted ({}); the next fill deletes it", collection,
                    org.dossier.documents.RoundFailures.firstLine(e));
        }
    }

    private static boolean gone(CloudSolrClient client, String collection) {
        try {
            return !collections(client).contains(collection);
        } catch (IOException e) {
            return false;
        }
    }

    private static List<String> collections(CloudSolrClient client) throws IOException {
        try {
            return new ArrayList<>(CollectionAdminRequest.listCollections(client));
        } catch (SolrServerException | SolrException e) {
            throw new IOException("the Solr collections cannot be listed: " + e.getMessage(), e);
        }
    }

    /**
     * Waits until the collection {@code collection}, just made, has its {@code shards} shards each
     * with a leader active on a live node, as ZooKeeper says (a watch on the collection's state, not
     * a poll), then until it answers a search ({@link #awaitAnswer}). A fill writes through the
     * leaders and a search needs a replica of every shard, so that is what a new collection must
     * have before either. CREATE's answer does not promise it (the node that took the request waits
     * for the replicas in its own view of the state, and gives up on its own timeout), and a search
     * refused meanwhile says only "no active servers hosting shard". Solr's own tools wait the same
     * way: MiniSolrCloudCluster.waitForActiveCollection with SolrCloudTestCase.activeClusterShape,
     * ZkStateReader.waitForState with a predicate over the live nodes and the collection's state.
     */
    static void awaitActive(CloudSolrClient client, String collection, int shards) throws IOException {
        long deadline = System.currentTimeMillis() + READY_MILLIS;
        AtomicReference<String> lastSeen = new AtomicReference<>("not in the cluster's state");
        try {
            ZkClientClusterStateProvider.from(client).getZkStateReader().waitForState(collection, READY_MILLIS,
                    TimeUnit.MILLISECONDS, (liveNodes, state) -> {
                        String missing = withoutActiveLeader(state, shards, liveNodes);
                        lastSeen.set(missing);
                        return missing == null;
                    });
        } catch (TimeoutException e) {
            throw new IOException("the collection " + collection + " was created but is not whole after "
                    + READY_MILLIS / 1_000 + " s: " + lastSeen.get(), new SolrServerException(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the collection " + collection, e);
        }
        awaitAnswer(client, collection, deadline);
    }

    /**
     * Why {@code state} is not yet a collection of {@code shards} shards each led by a replica active
     * on one of {@code liveNodes} (the shards without one, and their replicas' states); null when it is.
     */
    static String withoutActiveLeader(DocCollection state, int shards, Set<String> liveNodes) {
        if (state == null) {
            return "not in the cluster's state";
        }
        if (state.getSlices().size() != shards) {
            return state.getSlices().size() + " of its " + shards + " shards in the cluster's state";
        }
        List<String> without = new ArrayList<>();
        for (Slice shard : state.getSlices()) {
            Replica leader = shard.getLeader();
            if (leader == null || !leader.isActive(liveNodes)) {
                List<String> replicas = new ArrayList<>();
                for (Replica replica : shard.getReplicas()) {
                    replicas.add(replica.getName() + " " + replica.getState().toString().toLowerCase(Locale.ROOT)
                            + (liveNodes.contains(replica.getNodeName()) ? "" : " on a node not live")
                            + (replica.equals(leader) ? " (leader)" : ""));
                }
                without.add(shard.getName() + " has no active leader ("
                        + (replicas.isEmpty() ? "no replica" : String.join(", ", replicas)) + ")");
            }
        }
        return without.isEmpty() ? null : String.join("; ", without);
    }

    /** Waits until {@code collection} (or the alias of that name) answers a search, at most {@link #READY_MILLIS}. */
    static void awaitAnswer(CloudSolrClient client, String collection) throws IOException {
        awaitAnswer(client, collection, System.currentTimeMillis() + READY_MILLIS);
    }

    private static void awaitAnswer(CloudSolrClient client, String collection, long deadline) throws IOException {
        while (true) {
            try {
                new JsonQueryRequest().setQuery("*:*").setLimit(0).process(client, collection);
                return;
            } catch (SolrServerException | SolrException e) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IOException("the collection " + collection + " was created but does not answer: "
                            + e.getMessage(), e);
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", interrupted);
                }
            }
        }
    }
}
