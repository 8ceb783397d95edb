package org.dossier.app;

import java.io.IOException;
import java.util.concurrent.Callable;
import org.dossier.search.SolrAddress;
import org.dossier.search.SolrSetup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "solr-setup", mixinStandardHelpOptions = true,
        description = "Uploads Dossier's configset to a SolrCloud and creates a collection with it; then "
                + "`reindex --search solr:zk=...` (or the first `serve --search solr:zk=...`) fills it.")
final class SolrSetupCommand implements Callable<Integer> {

    @Option(names = "--zk", required = true, paramLabel = "HOST:PORT[,HOST:PORT...][/CHROOT]",
            description = "The SolrCloud's ZooKeeper (bin/solr-dev start prints it).")
    String zk;

    @Option(names = "--collection", required = true, paramLabel = "NAME", description = "The collection to create.")
    String collection;

    @Option(names = "--shards", paramLabel = "N", description = "Shards (default: ${DEFAULT-VALUE}).")
    int shards = 2;

    @Option(names = "--replicas", paramLabel = "M", description = "Replicas of each shard (default: ${DEFAULT-VALUE}).")
    int replicas = 1;

    @Override
    public Integer call() {
        SolrAddress address;
        try {
            address = SolrAddress.Ensemble.parse(zk).collection(collection);
            if (shards < 1 || replicas < 1) {
                throw new IllegalArgumentException("--shards and --replicas must be at least 1");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("dossier solr-setup: " + e.getMessage());
            return 2;
        }
        try {
            SolrSetup.create(address, shards, replicas);
        } catch (IOException | RuntimeException e) {
            System.err.println("dossier solr-setup: the collection was not created: " + e.getMessage());
            return 1;
        }
        System.out.println("Created " + address + " (" + shards + " shards, " + replicas + " replicas each); "
                + "use --search " + address);
        return 0;
    }
}
