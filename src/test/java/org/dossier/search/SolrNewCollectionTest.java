package org.dossier.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import org.apache.solr.common.cloud.ClusterState;
import org.apache.solr.common.cloud.DocCollection;
import org.dossier.testing.SameOnEveryDatabase;
import org.junit.jupiter.api.Test;

/**
 * When a collection just made is whole ({@link SolrAlias#awaitActive}): every shard led by a replica
 * that is active on a live node, as ZooKeeper's state says it. The states are read from the JSON a
 * SolrCloud keeps in ZooKeeper ({@code state.json}), as a client reads them.
 */
@SameOnEveryDatabase
class SolrNewCollectionTest {

    private static final String NODE_1 = "127.0.0.1:8983_solr";
    private static final String NODE_2 = "127.0.0.1:8984_solr";

    /** A replica of {@code shard} on {@code node}, in {@code state}, its shard's leader or not. */
    private static String replica(String name, String shard, String node, String state, boolean leader) {
        return "\"" + name + "\":{\"core\":\"plain_" + shard + "_replica_" + name + "\",\"node_name\":\"" + node
                + "\",\"base_url\":\"http://" + node.replace("_solr", "") + "/solr\",\"state\":\"" + state
                + "\",\"type\":\"NRT\"" + (leader ? ",\"leader\":\"true\"" : "") + "}";
    }

    private static String shard(String name, String range, String... replicas) {
        return "\"" + name + "\":{\"range\":\"" + range + "\",\"state\":\"active\",\"replicas\":{"
                + String.join(",", replicas) + "}}";
    }

    /** The collection {@code plain} as ZooKeeper's state holds it, with these shards. */
    private static DocCollection collection(String... shards) {
        String json = "{\"plain\":{\"configName\":\"plain\",\"router\":{\"name\":\"compositeId\"},\"shards\":{"
                + String.join(",", shards) + "}}}";
        return ClusterState.createFromJson(1, json.getBytes(StandardCharsets.UTF_8), Set.of(NODE_1, NODE_2),
                Instant.now(), null).getCollection("plain");
    }

    /** Two shards: the first led by an active replica on the first node, the second holding {@code replicas}. */
    private static DocCollection secondShardOf(String... replicas) {
        return collection(shard("shard1", "80000000-ffffffff", replica("core_node1", "shard1", NODE_1, "active", true)),
                shard("shard2", "0-7fffffff", replicas));
    }

    @Test
    void aCollectionIsWholeOnceEachOfItsShardsIsLedByAReplicaActiveOnALiveNode() {
        DocCollection whole = secondShardOf(replica("core_node2", "shard2", NODE_2, "active", true),
                replica("core_node3", "shard2", NODE_1, "recovering", false));
        assertNull(SolrAlias.withoutActiveLeader(whole, 2, Set.of(NODE_1, NODE_2)));
    }

    @Test
    void aShardWhoseOnlyReplicaIsNotYetActiveOrHasNoLeaderKeepsTheCollectionFromBeingWholeAndIsNamed() {
        DocCollection down = secondShardOf(replica("core_node2", "shard2", NODE_2, "down", true));
        assertEquals("shard2 has no active leader (core_node2 down (leader))",
                SolrAlias.withoutActiveLeader(down, 2, Set.of(NODE_1, NODE_2)));
        DocCollection leaderless = secondShardOf(replica("core_node2", "shard2", NODE_2, "active", false));
        assertEquals("shard2 has no active leader (core_node2 active)",
                SolrAlias.withoutActiveLeader(leaderless, 2, Set.of(NODE_1, NODE_2)));
    }

    /** A replica whose state still says active on a node that left the cluster (its ZooKeeper session gone) answers nothing. */
    @Test
    void aLeaderOnANodeThatIsNotLiveKeepsTheCollectionFromBeingWhole() {
        DocCollection stale = secondShardOf(replica("core_node2", "shard2", NODE_2, "active", true));
        assertEquals("shard2 has no active leader (core_node2 active on a node not live (leader))",
                SolrAlias.withoutActiveLeader(stale, 2, Set.of(NODE_1)));
    }

    @Test
    void aCollectionNotYetInTheStateOrWithFewerShardsThanAskedIsNotWhole() {
        assertEquals("not in the cluster's state", SolrAlias.withoutActiveLeader(null, 2, Set.of(NODE_1, NODE_2)));
        DocCollection one = collection(
                shard("shard1", "80000000-ffffffff", replica("core_node1", "shard1", NODE_1, "active", true)));
        assertEquals("1 of its 2 shards in the cluster's state", SolrAlias.withoutActiveLeader(one, 2, Set.of(NODE_1, NODE_2)));
    }
}
