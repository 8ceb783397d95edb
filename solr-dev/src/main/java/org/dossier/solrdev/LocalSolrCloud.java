package org.dossier.solrdev;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.apache.solr.cloud.MiniSolrCloudCluster;
import org.apache.solr.cloud.ZkTestServer;
import org.apache.solr.embedded.JettySolrRunner;

/**
 * A SolrCloud on this machine: ZooKeeper and two Solr nodes (Solr 9.10.1, on Jetty 10, in this JVM
 * of their own), on free ports of 127.0.0.1. Prints the ZooKeeper address ({@code HOST:PORT}) as
 * its last line once the nodes are up; collections and configsets are made through it
 * ({@code dossier.jar solr-setup}).
 *
 * <p>{@code LocalSolrCloud DIR} runs until it is stopped (SIGTERM); {@code LocalSolrCloud --stdin DIR}
 * also stops when its standard input closes, so that a test run that dies never leaves it behind,
 * and takes lines on it that stop and start its parts, as outages do: {@code stop-node N},
 * {@code start-node N} (on its old port), {@code stop-zk}, {@code start-zk} (on its old port, with
 * what it held), {@code expire-session HEX_ID}, each
 * answered with a line {@code done LINE} (or {@code failed LINE: WHY}) once it is done.
 * {@code -Ddossier.solr.nodes=N} starts N Solr nodes rather than two, and
 * {@code -Ddossier.solr.without-overseer=true} runs the cluster without Solr's Overseer (below).
 */
public final class LocalSolrCloud {

    private LocalSolrCloud() {
    }

    /**
     * Starts ZooKeeper again, stopped by {@code stop-zk}, with what it held, on the port its clients
     * know: the test server, made on port 0, would take another free port, where no client looks
     * (its port is set by hand for that: the server has no other way to be given it).
     */
    private static void startZooKeeper(ZkTestServer zooKeeper, int port) throws Exception {
        java.lang.reflect.Field clientPort = ZkTestServer.class.getDeclaredField("clientPort");
        clientPort.setAccessible(true);
        clientPort.setInt(zooKeeper, port);
        zooKeeper.run(false);
    }

    public static void main(String[] args) throws Exception {
        boolean followStdin = args.length > 0 && args[0].equals("--stdin");
        Path dir = Path.of(args[args.length - 1]);
        Files.createDirectories(dir);
        int nodes = Integer.getInteger("dossier.solr.nodes", 2);
        // -Ddossier.solr.without-overseer=true (the tests' cluster, TestSolrCloud): each node writes the
        // cluster's state and runs Collection API commands itself (Solr 9's distributed mode) rather
        // than queueing them to the Overseer, whose loop waits 100 ms for more work after each change
        // of state ("if an event comes in the next 100ms batch it together"): a collection took about
        // 0.5 s to make through it and 0.2 s without, and the Solr test classes make some sixty.
        // Dossier reaches the cluster through the same APIs either way; bin/solr-dev keeps Solr's
        // default, the Overseer.
        boolean withoutOverseer = Boolean.getBoolean("dossier.solr.without-overseer");
        MiniSolrCloudCluster cluster = new MiniSolrCloudCluster.Builder(nodes, dir)
                .withDistributedClusterStateUpdates(withoutOverseer, withoutOverseer).build();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            shutdown(cluster);
            stopped.countDown();
        }));
        int zooKeeperPort = cluster.getZkServer().getPort();
        System.out.println(cluster.getZkServer().getZkAddress());
        System.out.flush();
        if (followStdin) {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            // By their place at the start: the cluster's own list leaves a stopped node out.
            List<JettySolrRunner> started = new ArrayList<>(cluster.getJettySolrRunners());
            String line;
            while ((line = in.readLine()) != null) {
                // keep reading until the parent closes our input, doing what it asks meanwhile
                try {
                    String[] words = line.strip().split(" ");
                    switch (words[0]) {
                        case "stop-node" -> {
                            JettySolrRunner node = started.get(Integer.parseInt(words[1]));
                            cluster.stopJettySolrRunner(node);
                            cluster.waitForJettyToStop(node);
                        }
                        case "start-node" -> cluster.startJettySolrRunner(started.get(Integer.parseInt(words[1])), true);
                        case "stop-zk" -> cluster.getZkServer().shutdown();
                        case "start-zk" -> startZooKeeper(cluster.getZkServer(), zooKeeperPort);
                        // Ends a client's ZooKeeper session (its id in hex, as ZooKeeper writes it) as a
                        // server does when the client is silent past its timeout: its ephemeral znodes go.
                        case "expire-session" -> cluster.getZkServer().expire(Long.parseUnsignedLong(words[1], 16));
                        default -> throw new IllegalArgumentException("no such command");
                    }
                    System.out.println("done " + line);
                } catch (Exception e) {
                    System.out.println("failed " + line + ": " + e);
                }
                System.out.flush();
            }
            System.exit(0);
        }
        stopped.await();
    }

    private static void shutdown(MiniSolrCloudCluster cluster) {
        try {
            cluster.shutdown();
        } catch (Exception e) {
            System.err.println("stopping the cluster: " + e);
        }
    }
}
