package org.dossier.search;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.client.solrj.request.ConfigSetAdminRequest;
import org.apache.solr.client.solrj.request.json.JsonQueryRequest;
import org.apache.solr.common.SolrException;

/**
 * Makes a SolrCloud collection ready for Dossier: uploads the configset (the schema and
 * solrconfig of {@code src/main/solr/conf/}, with the word lists the embedded analyzer reads from
 * {@code resources/search/}) under the collection's name, and creates the collection with it.
 * Through Solr's own APIs (configset upload, Collections API), so nothing needs ZooKeeper's tools.
 */
public final class SolrSetup {

    /** What the configset holds, and where each file comes from on the classpath. */
    private static final List<String[]> FILES = List.of(
            new String[] {"schema.xml", "solr/conf/schema.xml"},
            new String[] {"solrconfig.xml", "solr/conf/solrconfig.xml"},
            new String[] {"protected-words.txt", "search/protected-words.txt"},
            new String[] {"stem-overrides.txt", "search/stem-overrides.txt"},
            new String[] {"script-folding.txt", "search/script-folding.txt"});
    private static final long READY_MILLIS = 60_000;

    private SolrSetup() {
    }

    /**
     * Uploads the configset (replacing one of the same name) and creates the collection at
     * {@code address} with {@code shards} shards of {@code replicas} replicas each, then waits until it answers.
     */
    public static void create(SolrAddress address, int shards, int replicas) throws IOException {
        if (shards < 1 || replicas < 1) {
            throw new IllegalArgumentException("a collection needs at least one shard and one replica");
        }
        Path zip = configsetZip();
        try (CloudSolrClient client = new CloudSolrClient.Builder(address.zkHosts(), address.chroot()).build()) {
            new ConfigSetAdminRequest.Upload().setConfigSetName(address.collection())
                    .setUploadFile(zip, "application/zip").setOverwrite(true).process(client);
            CollectionAdminRequest.createCollection(address.collection(), address.collection(), shards, replicas)
                    .process(client);
            awaitAnswer(client, address.collection());
        } catch (SolrServerException | SolrException e) {
            throw new IOException(e.getMessage(), e);
        } finally {
            Files.deleteIfExists(zip);
        }
    }

    private static void awaitAnswer(CloudSolrClient client, String collection) throws IOException {
        long deadline = System.currentTimeMillis() + READY_MILLIS;
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

    /** The configset as the zip Solr's upload API takes. */
    static Path configsetZip() throws IOException {
        Path zip = Files.createTempFile("dossier-configset", ".zip");
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file)) {
            for (String[] entry : FILES) {
                try (InputStream in = SolrSetup.class.getClassLoader().getResourceAsStream(entry[1])) {
                    if (in == null) {
                        throw new IllegalStateException("the resource " + entry[1] + " is missing");
                    }
                    out.putNextEntry(new ZipEntry(entry[0]));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }
        return zip;
    }
}
