package org.dossier.search;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.curator.retry.RetryNTimes;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.impl.ZkClientClusterStateProvider;
import org.apache.solr.client.solrj.jetty.HttpJettySolrClient;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.cloud.ZkStateReader;
import org.apache.zookeeper.ClientCnxnSocketNetty;
import org.apache.zookeeper.client.ZKClientConfig;

/**
 * The SolrJ clients this process makes for a collection ({@link SolrAddress}): a reader's
 * ({@link #of}), whose requests give up soon and whose reads of ZooKeeper are not tried again, a
 * fill's or the follower's writer ({@link #writer}), whose batches may wait for Solr's merges, and
 * the builder every one of them is begun with ({@link #builder}), which talks to ZooKeeper through
 * Netty.
 */
public final class SolrClients {

    /** How long a connection to a Solr node may take to open. */
    static final int CONNECT_SECONDS = 5;
    /** How long a reader's request (the follower's reading of its position too) may wait without a byte from Solr. */
    static final int IDLE_SECONDS = 15;
    /**
     * How long a fill's batch or commit may wait: one that waited behind a segment merge on a loaded
     * node failed a rebuild of a million records at 15 s. Waiting longer rather than retrying, because
     * the batch timed out is still being written by Solr: sent again, it would queue behind itself.
     */
    static final int WRITE_SECONDS = 600;

    private SolrClients() {
    }

    /**
     * How long a reader's request waits for a connection to ZooKeeper each time its client must read
     * the collection's state there (the state it holds is a minute old, or names no live replica, or
     * a Solr node says it is stale): it then asks once, and a ZooKeeper that is gone is a 503 within
     * about three seconds (two such waits and an attempt each). See {@link #of}.
     */
    static final Duration ZOOKEEPER_WAIT = Duration.ofSeconds(1);
    /**
     * How long a client waits for its first connection to ZooKeeper, and a fill's or the follower's
     * writes for one each time, asking again as Curator does: a fill rides over a blip of ZooKeeper.
     */
    private static final Duration ZOOKEEPER_PATIENCE = Duration.ofSeconds(15);

    /**
     * A client for the collection at {@code address}, through its ZooKeeper ensemble: readers'
     * requests. Connected to ZooKeeper before it is returned (waiting up to {@link
     * #ZOOKEEPER_PATIENCE} for it, as before); afterwards a read of ZooKeeper waits {@link
     * #ZOOKEEPER_WAIT} for a connection and is not tried again.
     */
    public static CloudSolrClient of(SolrAddress address) {
        // A Solr node that accepts connections but does not answer (stopped, swapping, in a long
        // pause) gives up a reader's request after this long: Jetty's default kept a search
        // waiting two minutes.
        CloudSolrClient client = client(address, IDLE_SECONDS, ZOOKEEPER_WAIT);
        try {
            // A reader's request whose client had to read the collection's state from a ZooKeeper that
            // is gone waited out Curator's retries (SolrJ's own policy, which no setting changes: three
            // more attempts, sleeping 1, 1-3 and 1-7 s) after a wait of 15 s for a connection, twice
            // (SolrJ asks whether the state changed, then reads it): 27-43 s for a search, while /ready
            // said 200. Set on the connected client: SolrJ makes its ZooKeeper client on first use.
            connected(client).getZkClient().getCuratorFramework().getZookeeperClient()
                    .setRetryPolicy(new RetryNTimes(0, 0));
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        return client;
    }

    /**
     * {@code client}'s ZooKeeper state reader, connecting it first: a connection that takes longer
     * than the client's own short wait (a ZooKeeper busy writing its log on a loaded machine) is
     * waited for again, up to {@link #ZOOKEEPER_PATIENCE} in all, as a node's start waited for it.
     */
    private static ZkStateReader connected(CloudSolrClient client) {
        long giveUp = System.nanoTime() + ZOOKEEPER_PATIENCE.toNanos();
        while (true) {
            try {
                return ZkClientClusterStateProvider.from(client).getZkStateReader();
            } catch (SolrException e) {
                if (!(e.getCause() instanceof java.util.concurrent.TimeoutException) || System.nanoTime() - giveUp > 0) {
                    throw e;
                }
            }
        }
    }

    /** A client for a fill's writes and commits, which may wait {@link #WRITE_SECONDS} each. */
    static CloudSolrClient writer(SolrAddress address) {
        return client(address, WRITE_SECONDS, ZOOKEEPER_PATIENCE);
    }

    private static CloudSolrClient client(SolrAddress address, int idleSeconds, Duration zooKeeperWait) {
        return builder(address)
                .withDefaultCollection(address.collection())
                .withZkConnectTimeout(Math.toIntExact(zooKeeperWait.toMillis()), TimeUnit.MILLISECONDS)
                .withHttpClientBuilder(new HttpJettySolrClient.Builder()
                        .withConnectionTimeout(CONNECT_SECONDS, TimeUnit.SECONDS)
                        .withIdleTimeout(idleSeconds, TimeUnit.SECONDS)
                        .withRequestTimeout(idleSeconds, TimeUnit.SECONDS))
                .build();
    }

    /**
     * A builder of a client for the collection at {@code address}: every SolrCloud client this
     * process makes is begun here, so that each one's ZooKeeper client talks to ZooKeeper through
     * Netty. ZooKeeper's default socket (NIO) sleeps 100 ms in each close, by design
     * ({@code ClientCnxnSocketNIO.cleanup}, ZooKeeper 3.9): a node's stop closes two clients, each
     * fill and solr-setup one, and a run of the Solr test classes some 250 (25 s); Netty's closes in
     * about 10 ms, and connects and asks as fast. ZooKeeper reads the choice from a system property
     * as each client is made (SolrJ passes it no configuration of its own): set here unless the
     * operator gave one ({@code -Dzookeeper.clientCnxnSocket}). Netty is ZooKeeper's own
     * dependency, the transport it needs for TLS; its event loop's thread is a daemon.
     */
    static CloudSolrClient.Builder builder(SolrAddress address) {
        if (System.getProperty(ZKClientConfig.ZOOKEEPER_CLIENT_CNXN_SOCKET) == null) {
            System.setProperty(ZKClientConfig.ZOOKEEPER_CLIENT_CNXN_SOCKET, ClientCnxnSocketNetty.class.getName());
        }
        return new CloudSolrClient.Builder(address.zkHosts(), address.chroot());
    }
}
