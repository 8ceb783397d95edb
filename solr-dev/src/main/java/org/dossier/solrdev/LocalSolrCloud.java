package org.dossier.solrdev;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.apache.solr.cloud.MiniSolrCloudCluster;

/**
 * A SolrCloud on this machine: ZooKeeper and two Solr nodes (Solr 9.10.1, on Jetty 10, in this JVM
 * of their own), on free ports of 127.0.0.1. Prints the ZooKeeper address ({@code HOST:PORT}) as
 * its last line once the nodes are up; collections and configsets are made through it
 * ({@code dossier.jar solr-setup}).
 *
 * <p>{@code LocalSolrCloud DIR} runs until it is stopped (SIGTERM); {@code LocalSolrCloud --stdin DIR}
 * also stops when its standard input closes, so that a test run that dies never leaves it behind.
 */
public final class LocalSolrCloud {

    private LocalSolrCloud() {
    }

    public static void main(String[] args) throws Exception {
        boolean followStdin = args.length > 0 && args[0].equals("--stdin");
        Path dir = Path.of(args[args.length - 1]);
        Files.createDirectories(dir);
        int nodes = Integer.getInteger("dossier.solr.nodes", 2);
        MiniSolrCloudCluster cluster = new MiniSolrCloudCluster.Builder(nodes, dir).build();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            shutdown(cluster);
            stopped.countDown();
        }));
        System.out.println(cluster.getZkServer().getZkAddress());
        System.out.flush();
        if (followStdin) {
            InputStream in = System.in;
            while (in.read() >= 0) {
                // keep reading until the parent closes our input
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
