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
import org.apache.solr.client.solrj.impl.CloudHttp2SolrClient;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.impl.ZkClientClusterStateProvider;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.client.solrj.request.QueryRequest;
import org.apache.solr.client.solrj.request.json.JsonQueryRequest;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.cloud.DocCollection;
import org.apache.solr.common.cloud.Replica;
import org.apache.solr.common.cloud.Slice;
import org.apache.solr.common.cloud.ZkStateReader;
import org.apache.solr.common.params.ModifiableSolrParams;
import org.apache.solr.common.util.NamedList;
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
    private static final long LOOK_AGAIN_MILLIS = 200;

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

    /**
     * Waits until every replica of {@code collection} on a live node is active and holds what its
     * shard's leader holds, each asked alone ({@code distrib=false}), at most {@link #READY_MILLIS}:
     * what a fill waits for, its writes committed, before it moves the alias. A leader sends a write
     * only to the replicas its own view of the state says are not down, and that view may lag the
     * one CREATE waited on (the receiving node's): a replica it skipped is told so through the
     * shard's terms, and until its watch of them fires and it goes into recovery it is active and
     * answers searches without its shard's records (Solr 9.10's DistributedZkUpdateProcessor and
     * ZkController, read, not seen happen). SolrOutageTest's node, at a load of 40, said 29 of the
     * seeds' 49 records after its start's fill onto two shards of two replicas, and 49 + 1 once both
     * Solr nodes had restarted (and every replica recovered): records missing at first, none counted
     * twice after.
     */
    static void awaitReplicasAgree(CloudSolrClient client, String collection) throws IOException {
        awaitReplicasAgree(client, collection, System.currentTimeMillis() + READY_MILLIS);
    }

    /** {@link #awaitReplicasAgree(CloudSolrClient, String)}, giving up at {@code deadline} (System.currentTimeMillis()). */
    static void awaitReplicasAgree(CloudSolrClient client, String collection, long deadline) throws IOException {
        while (true) {
            String disagreeing = disagreeing(client, collection);
            if (disagreeing == null) {
                return;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IOException("the collection " + collection + " was filled but not every replica holds it: "
                        + disagreeing, new SolrServerException(disagreeing));
            }
            lookAgainSoon();
        }
    }

    /**
     * Which replicas of {@code collection} on a live node are not active or hold another number of
     * documents than their shard's leader, as ZooKeeper says the state is now; null when none.
     */
    private static String disagreeing(CloudSolrClient client, String collection) throws IOException {
        ZkStateReader reader = ZkClientClusterStateProvider.from(client).getZkStateReader();
        try {
            reader.forceUpdateCollection(collection);
        } catch (org.apache.zookeeper.KeeperException e) {
            throw new IOException("the state of the collection " + collection + " cannot be read: " + e.getMessage(),
                    new SolrServerException(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading the state of the collection " + collection, e);
        }
        DocCollection state = reader.getClusterState().getCollectionOrNull(collection);
        Set<String> liveNodes = reader.getClusterState().getLiveNodes();
        if (state == null) {
            return "not in the cluster's state";
        }
        List<String> disagreeing = new ArrayList<>();
        for (Slice shard : state.getSlices()) {
            Replica leader = shard.getLeader();
            if (leader == null || !leader.isActive(liveNodes)) {
                disagreeing.add(shard.getName() + " has no active leader");
                continue;
            }
            long led = held(client, leader);
            if (led < 0) {
                disagreeing.add(leader.getName() + " of " + shard.getName() + ", its leader, does not answer");
                continue;
            }
            for (Replica replica : shard.getReplicas()) {
                if (replica.equals(leader) || !liveNodes.contains(replica.getNodeName())) {
                    continue; // a replica on a node that left recovers from its leader before it is active again
                }
                if (replica.getState() != Replica.State.ACTIVE) {
                    disagreeing.add(replica.getName() + " of " + shard.getName() + " is "
                            + replica.getState().toString().toLowerCase(Locale.ROOT));
                    continue;
                }
                long its = held(client, replica);
                if (its != led) {
                    disagreeing.add(replica.getName() + " of " + shard.getName()
                            + (its < 0 ? " does not answer" : " holds " + its + " documents") + ", its leader " + led);
                }
            }
        }
        return disagreeing.isEmpty() ? null : String.join("; ", disagreeing);
    }

    /**
     * How many documents {@code replica} holds, asked alone (a search of it, not of the collection);
     * -1 when it does not answer, which is waited out as a replica behind is.
     */
    private static long held(CloudSolrClient client, Replica replica) {
        QueryRequest alone = new QueryRequest(new ModifiableSolrParams().set("q", "*:*").set("rows", 0).set("distrib", false));
        try {
            NamedList<Object> answer = ((CloudHttp2SolrClient) client).getHttpClient()
                    .requestWithBaseUrl(replica.getBaseUrl(), alone, replica.getCoreName());
            return new QueryResponse(answer).getResults().getNumFound();
        } catch (SolrServerException | SolrException | IOException e) {
            return -1;
        }
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
                lookAgainSoon();
            }
        }
    }

    /**
     * The pause between two looks at a collection that is not yet as it is waited for (its replicas
     * agreeing, its answer to a search); an interruption is said as an IOException, as Solr away is.
     */
    private static void lookAgainSoon() throws IOException {
        try {
            Thread.sleep(LOOK_AGAIN_MILLIS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", interrupted);
        }
    }
}
