package org.dossier.search;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.client.solrj.request.ConfigSetAdminRequest;
import org.apache.solr.client.solrj.request.schema.AnalyzerDefinition;
import org.apache.solr.client.solrj.request.schema.FieldTypeDefinition;
import org.apache.solr.client.solrj.request.schema.SchemaRequest;
import org.apache.solr.client.solrj.response.schema.SchemaRepresentation;
import org.apache.solr.common.SolrException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

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

    private SolrSetup() {
    }

    /**
     * Uploads the configset (replacing one of the same name) and makes the alias at {@code address}
     * name a new collection of {@code shards} shards of {@code replicas} replicas each
     * ({@link SolrAlias}), then waits until it answers. Refused when that name is taken already.
     */
    public static void create(SolrAddress address, int shards, int replicas) throws IOException {
        if (shards < 1 || replicas < 1) {
            throw new IllegalArgumentException("a collection needs at least one shard and one replica");
        }
        Path zip = configsetZip();
        try (CloudSolrClient client = SolrClients.builder(address).build()) {
            if (SolrAlias.exists(client, address.collection())) {
                throw new IOException("the SolrCloud already has a collection or alias named " + address.collection()
                        + " (a node fills it, and `reindex --search " + address + "` fills it again)");
            }
            new ConfigSetAdminRequest.Upload().setConfigSetName(address.collection())
                    .setUploadFile(zip, "application/zip").setOverwrite(true).process(client);
            String collection = SolrAlias.newCollection(address.collection(), java.time.Instant.now());
            SolrAlias.create(client, collection, address.collection(), shards, replicas);
            CollectionAdminRequest.createAlias(address.collection(), collection).process(client);
            SolrAlias.awaitAnswer(client, address.collection());
        } catch (SolrServerException | SolrException e) {
            throw new IOException(e.getMessage(), e);
        } finally {
            Files.deleteIfExists(zip);
        }
    }

    /**
     * Why the collection at {@code address} cannot be served by this build, with what to do; null
     * when its schema is this build's configset's. A collection made with another configset (one
     * Solr offers by default, an older Dossier's) would refuse the records written to it, or
     * analyse words otherwise than the reader's words are read, and filling it begins by emptying
     * it: it is refused before anything is written.
     */
    /** Refuses, before anything is written, a collection whose schema is not this build's configset's. */
    static void refuseOtherConfigsets(SolrClient client, SolrAddress address) throws IOException {
        String refusal = SolrSetup.refusal(client, address);
        if (refusal != null) {
            throw new SolrSetup.OtherConfigset(refusal);
        }
    }

    /** A collection made with another configset than this build's, refused: the message says what to do. */
    public static final class OtherConfigset extends IOException {
        OtherConfigset(String message) {
            super(message);
        }
    }

    static String refusal(SolrClient client, SolrAddress address) throws IOException {
        List<String> differences = differences(client, address.collection());
        if (differences.isEmpty()) {
            return null;
        }
        return "the Solr collection " + address + " was not made with this build's configset ("
                + String.join("; ", differences) + "); nothing was written to it. Make a collection with this build's "
                + "configset, `solr-setup --zk " + address.ensemble() + " --collection NEW_NAME`, and serve with "
                + "--search " + address.ensemble().collection("NEW_NAME") + ": a node fills an empty collection itself.";
    }

    /** What in the collection's schema differs from this build's: its name, fields and their types, types' analysis. */
    static List<String> differences(SolrClient client, String collection) throws IOException {
        SchemaRepresentation theirs;
        try {
            theirs = new SchemaRequest().process(client, collection).getSchemaRepresentation();
        } catch (SolrServerException | SolrException e) {
            throw new IOException("the schema of the Solr collection " + collection + " cannot be read: "
                    + e.getMessage(), e);
        }
        Element ours = bundledSchema();
        List<String> differences = new ArrayList<>();
        if (!ours.getAttribute("name").equals(theirs.getName())) {
            differences.add("its schema is named '" + theirs.getName() + "', this build's '" + ours.getAttribute("name") + "'");
        }
        Map<String, Object> theirFields = new HashMap<>();
        theirs.getFields().forEach(field -> theirFields.put(String.valueOf(field.get("name")), field.get("type")));
        List<String> missing = new ArrayList<>();
        for (Element field : children(ours, "field")) {
            Object type = theirFields.get(field.getAttribute("name"));
            if (type == null) {
                missing.add(field.getAttribute("name"));
            } else if (!field.getAttribute("type").equals(type)) {
                differences.add("its field " + field.getAttribute("name") + " is of type " + type + ", this build's of "
                        + field.getAttribute("type"));
            }
        }
        if (!missing.isEmpty()) {
            differences.add("it has no field " + String.join(", ", missing));
        }
        Map<String, FieldTypeDefinition> theirTypes = new HashMap<>();
        theirs.getFieldTypes().forEach(type -> theirTypes.put(String.valueOf(type.getAttributes().get("name")), type));
        for (Element type : children(ours, "fieldType")) {
            FieldTypeDefinition theirType = theirTypes.get(type.getAttribute("name"));
            if (theirType == null || children(type, "analyzer").isEmpty()) {
                continue;
            }
            AnalyzerDefinition analyzer = theirType.getAnalyzer() != null ? theirType.getAnalyzer() : theirType.getIndexAnalyzer();
            List<String> theirChain = new ArrayList<>();
            if (analyzer != null) {
                theirChain.add(simpleName(analyzer.getTokenizer().get("class")));
                analyzer.getFilters().forEach(filter -> theirChain.add(simpleName(filter.get("class"))));
            }
            Element ourAnalyzer = children(type, "analyzer").get(0);
            List<String> ourChain = new ArrayList<>();
            children(ourAnalyzer, "tokenizer").forEach(t -> ourChain.add(simpleName(t.getAttribute("class"))));
            children(ourAnalyzer, "filter").forEach(f -> ourChain.add(simpleName(f.getAttribute("class"))));
            if (!ourChain.equals(theirChain)) {
                differences.add("its type " + type.getAttribute("name") + " analyses words with " + theirChain
                        + ", this build's with " + ourChain);
            }
        }
        return differences;
    }

    private static String simpleName(Object className) {
        String name = String.valueOf(className);
        return name.substring(name.lastIndexOf('.') + 1);
    }

    private static List<Element> children(Element parent, String tag) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(tag)) {
                found.add(element);
            }
        }
        return found;
    }

    /** The schema this build uploads, read from the classpath. */
    private static Element bundledSchema() throws IOException {
        try (InputStream in = SolrSetup.class.getClassLoader().getResourceAsStream(FILES.get(0)[1])) {
            if (in == null) {
                throw new IllegalStateException("the resource " + FILES.get(0)[1] + " is missing");
            }
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(in).getDocumentElement();
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("the bundled schema cannot be read", e);
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
