package org.dossier.search;

import static org.dossier.search.SolrFeedTest.awaitOpen;
import static org.dossier.search.SolrFeedTest.deleteWithItsCollection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.client.solrj.request.UpdateRequest;
import org.apache.solr.client.solrj.request.json.JsonQueryRequest;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.common.cloud.Replica;
import org.apache.solr.common.cloud.Slice;
import org.apache.solr.common.params.ModifiableSolrParams;
import org.dossier.app.Database;
import org.dossier.testing.StartedFirst;
import org.dossier.testing.TestCatalogue;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestSolrCloud;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A node's collection as Solr holds it — one that stops answering, is deleted and made again with
 * another configset or filled again while the node serves, one of an older configset, a name that is
 * an alias already — and how the node's clients reach Solr. What these tests check is Solr's side: the
 * database is read only by a node's fills and searches, as {@link SolrFeedTest}'s tests read it on
 * every database, so this class runs on SQLite only (pom.xml), beside SolrContractTest and
 * SolrOutageTest. The change feed into Solr, which differs by database, is SolrFeedTest's.
 */
@StartedFirst(seconds = 15)
class SolrCollectionTest {

    private static Path folder;
    private static Database database;
    private static SolrAddress collection;
    /** A node on the seeds' catalogue, which the nodes a test opens are compared with. */
    private static SolrSearchEngine engine;

    @BeforeAll
    static void open() throws Exception {
        TestSolrCloud.startSoon(); // while the catalogue is copied
        folder = Files.createTempDirectory("dossier-solr-collection-");
        database = TestDatabase.seededIn(folder);
        collection = TestSolrCloud.freshCollection(2);
        engine = SolrSearchEngine.open(collection, database.dsl());
    }

    @AfterAll
    static void close() {
        if (engine != null) {
            engine.close();
        }
        if (database != null) {
            database.close();
        }
        TestCatalogue.deleteRecursively(folder);
    }

    /**
     * A collection that stops answering (here its one replica is removed: no node serves it) makes
     * searches unavailable, which pages show as a 503, not an error of Solr's own; the engine says
     * it is not open, which /ready and the metrics read; and it is open again by itself once the
     * collection answers.
     */
    @Test
    void aCollectionThatStopsAnsweringIsUnavailableAndNotOpenUntilItAnswersAgain() throws Exception {
        SolrAddress alone = TestSolrCloud.freshCollection(1);
        try (SolrSearchEngine node = SolrSearchEngine.open(alone, database.dsl());
             CloudSolrClient admin = SolrClients.of(alone)) {
            assertTrue(node.status().open());
            String live = SolrAlias.liveNow(admin, alone.collection());
            Replica replica = admin.getClusterStateProvider().getCollection(live).getSlice("shard1").iterator().next();
            CollectionAdminRequest.deleteReplica(live, "shard1", replica.getName()).process(admin);
            for (SearchRequest request : List.of(SearchRequest.of("korea"), SearchRequest.everything(10))) {
                assertThrows(SearchUnavailableException.class, () -> node.search(request));
                assertThrows(SearchUnavailableException.class, () -> node.count(request));
                assertThrows(SearchUnavailableException.class, () -> node.hitIds(request.withoutPaging()));
            }
            assertEquals(List.of(), node.suggest("kor", Suggestions.MAX), "no suggestions, and no error");
            assertTrue(awaitOpen(node, false), "not open while the collection does not answer: " + node.status());
            assertTrue(node.status().detail().contains("does not answer"), node.status().detail());

            CollectionAdminRequest.addReplicaToShard(live, "shard1").process(admin);
            assertTrue(awaitOpen(node, true), "open again by itself: " + node.status());
            node.search(SearchRequest.of("korea"));
        }
    }

    /**
     * A running node refilling a collection that lost what it had says in its phase (what /ready says
     * to anyone) how many of how many records are in, as a start's fill and an embedded index's
     * rebuild say it: it said what it did, "Filling the Solr collection again from the database (…)",
     * and no count, for as long as a refill of a million records takes.
     */
    @Test
    void aRefillWhileServingSaysInItsPhaseHowManyOfHowManyRecordsAreIn() throws Exception {
        Path generatedFolder = Files.createTempDirectory("dossier-solr-refill-");
        SolrAddress lost = TestSolrCloud.freshCollection(1);
        try (Database generated = TestDatabase.generatedIn(generatedFolder);
             SolrSearchEngine node = SolrSearchEngine.open(lost, generated.dsl());
             CloudSolrClient admin = SolrClients.of(lost)) {
            deleteWithItsCollection(admin, lost);
            assertTrue(awaitOpen(node, false), "not open while the collection is gone: " + node.status());
            SolrSetup.create(lost, 1, 1);
            // Every phase said until it is open again: the refill writes 2,000 records, then the other 500.
            // Looked at every millisecond, not in a spin: a count is said from the first batch until the
            // alias has moved (Solr's CREATEALIAS alone takes 100 ms), and the spin took one of the two
            // processors from the refill it watched.
            java.util.Set<String> phases = new java.util.LinkedHashSet<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            IndexStatus status;
            while (!(status = node.status()).open() && System.nanoTime() < deadline) {
                phases.add(status.phase());
                Thread.sleep(1);
            }
            assertTrue(status.open(), "open again by itself: " + status);
            assertEquals(2_500, node.size());
            assertTrue(phases.stream().anyMatch(phase -> phase.matches(
                    "Filling the Solr collection again from the database \\(.+\\): [0-9,]+ of 2,500 records")), phases.toString());
        } finally {
            TestCatalogue.deleteRecursively(generatedFolder);
        }
    }

    /**
     * A collection made with another configset — here an older Dossier schema, without the field
     * that marks searchable records and with another stemmer — is refused when a node opens it or
     * a reindex would fill it, before anything is written (filling begins by emptying it), with
     * what to do.
     */
    @Test
    void aCollectionOfAnotherConfigsetIsRefusedWithWhatToDoAndKeptAsItWas() throws Exception {
        SolrAddress good = TestSolrCloud.freshCollection(1);
        SolrAddress old = good.ensemble().collection(good.collection() + "_old");
        try (CloudSolrClient admin = SolrClients.of(old)) {
            makeWithAnOlderConfigset(admin, old.collection());
            SolrInputDocument kept = new SolrInputDocument();
            kept.setField("id", "kept");
            kept.setField("feed_version", 1L);
            admin.add(kept);
            admin.commit();

            SolrSetup.OtherConfigset refused = assertThrows(SolrSetup.OtherConfigset.class,
                    () -> SolrSearchEngine.open(old, database.dsl()));
            assertTrue(refused.getMessage().contains("it has no field live"), refused.getMessage());
            assertTrue(refused.getMessage().contains("PorterStemFilterFactory"), refused.getMessage());
            // Made before undated records: its start field would sort them first in one of the date orders.
            assertTrue(refused.getMessage().contains("its field start is of type pint, this build's of pint_missing_last"),
                    refused.getMessage());
            assertTrue(refused.getMessage().contains("solr-setup --zk " + old.ensemble() + " --collection"),
                    refused.getMessage());
            assertThrows(SolrSetup.OtherConfigset.class, () -> SolrFill.rebuild(old, database.dsl(), (done, total) -> { }));
            assertTrue(admin.getById("kept") != null, "nothing written to it, and nothing taken away");
            assertEquals(List.of(), SolrSetup.differences(admin, good.collection()), "this build's own collection");
        }
    }

    /**
     * Makes the collection {@code name} with an older Dossier's configset ({@code NAME_older}):
     * without the field that marks searchable records, with another stemmer, and with a start day
     * that sorts records without one first in one order.
     */
    private static void makeWithAnOlderConfigset(CloudSolrClient admin, String name) throws Exception {
        Path zip = SolrSetup.configsetZip();
        Path older = Files.createTempFile("dossier-older-configset", ".zip");
        try {
            try (java.util.zip.ZipFile from = new java.util.zip.ZipFile(zip.toFile());
                 java.util.zip.ZipOutputStream to = new java.util.zip.ZipOutputStream(Files.newOutputStream(older))) {
                for (java.util.zip.ZipEntry entry : java.util.Collections.list(from.entries())) {
                    String text = new String(from.getInputStream(entry).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                    if (entry.getName().equals("schema.xml")) {
                        text = text.replaceAll("<field name=\"live\"[^>]*/>", "")
                                .replace("solr.KStemFilterFactory", "solr.PorterStemFilterFactory")
                                .replace("<field name=\"start\" type=\"pint_missing_last\"", "<field name=\"start\" type=\"pint\"");
                    }
                    to.putNextEntry(new java.util.zip.ZipEntry(entry.getName()));
                    to.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    to.closeEntry();
                }
            }
            new org.apache.solr.client.solrj.request.ConfigSetAdminRequest.Upload().setConfigSetName(name + "_older")
                    .setUploadFile(older, "application/zip").process(admin);
            CollectionAdminRequest.createCollection(name, name + "_older", 1, 1).process(admin);
        } finally {
            Files.deleteIfExists(zip);
            Files.deleteIfExists(older);
        }
    }

    /**
     * A collection made again while a node serves, but with another configset (an older Dossier's),
     * is refused as at start, before anything is written: searches on it are the 503 page, not a
     * 500 of Solr's refusal ("undefined field live"), and /ready says what to do; made again with
     * this build's configset, it is filled and searched with no restart.
     */
    @Test
    void aCollectionMadeAgainWithAnotherConfigsetIsRefusedAndSearchesAreUnavailable() throws Exception {
        SolrAddress replaced = TestSolrCloud.freshCollection(1);
        try (SolrSearchEngine node = SolrSearchEngine.open(replaced, database.dsl());
             CloudSolrClient admin = SolrClients.of(replaced)) {
            deleteWithItsCollection(admin, replaced);
            makeWithAnOlderConfigset(admin, replaced.collection());
            for (int i = 0; i < 6_000 && !node.status().detail().contains("it has no field live"); i++) {
                Thread.sleep(10);
            }
            assertTrue(node.status().detail().contains("it has no field live"), node.status().detail());
            assertFalse(node.status().open());
            assertThrows(SearchUnavailableException.class, () -> node.search(SearchRequest.of("korea")));
            assertThrows(SearchUnavailableException.class, () -> node.search(SearchRequest.everything(10)));
            assertEquals(List.of(), node.suggest("kor", Suggestions.MAX));
            assertEquals(null, admin.getById(SolrDocuments.FEED_ID), "nothing written to it");

            deleteWithItsCollection(admin, replaced);
            SolrSetup.create(replaced, 1, 1);
            assertTrue(awaitOpen(node, true), "open again by itself: " + node.status());
            assertEquals(engine.count(SearchRequest.of("korea")), node.count(SearchRequest.of("korea")));
        }
    }

    /**
     * A fill's batch of 2,000 that waits behind a segment merge on a loaded node failed a rebuild at
     * the readers' 15 s. Solr runs in a JVM of its own here, with no way to slow one batch from the
     * test without a pause in production code: what is pinned is which wait each client has.
     */
    @Test
    void aFillsWritesAndCommitsWaitTenMinutesWhileReadersRequestsGiveUpAfterFifteenSeconds() throws Exception {
        try (CloudSolrClient writer = SolrClients.writer(collection);
             CloudSolrClient reader = SolrClients.of(collection)) {
            var writes = (org.apache.solr.client.solrj.jetty.HttpJettySolrClient)
                    ((org.apache.solr.client.solrj.impl.CloudHttp2SolrClient) writer).getHttpClient();
            var reads = (org.apache.solr.client.solrj.jetty.HttpJettySolrClient)
                    ((org.apache.solr.client.solrj.impl.CloudHttp2SolrClient) reader).getHttpClient();
            assertEquals(600_000, writes.getIdleTimeoutMillis());
            assertEquals(15_000, reads.getIdleTimeoutMillis());
            // The writer reaches the collection as the fill uses it: through ZooKeeper, by its default collection.
            assertTrue(writer.getById(SolrDocuments.FEED_ID) != null, "the feed's position is read through the writer");
        }
    }

    /**
     * Every client's ZooKeeper client talks to ZooKeeper through Netty: ZooKeeper's default socket
     * sleeps 100 ms in each close, a node's stop closes two clients and each fill one more.
     */
    @Test
    void theClientsTalkToZooKeeperThroughNettyWhoseCloseDoesNotSleep() throws Exception {
        try (CloudSolrClient writer = SolrClients.writer(collection);
             CloudSolrClient reader = SolrClients.of(collection)) {
            for (CloudSolrClient client : List.of(writer, reader)) {
                org.apache.zookeeper.ZooKeeper zooKeeper = org.apache.solr.client.solrj.impl.ZkClientClusterStateProvider
                        .from(client).getZkStateReader().getZkClient().getCuratorFramework().getZookeeperClient().getZooKeeper();
                assertEquals(org.apache.zookeeper.ClientCnxnSocketNetty.class.getName(), zooKeeper.getClientConfig()
                        .getProperty(org.apache.zookeeper.client.ZKClientConfig.ZOOKEEPER_CLIENT_CNXN_SOCKET));
            }
        }
    }

    /**
     * solr-setup on a name that is an alias already would make an empty collection and move the
     * alias to it, emptying the catalogue under every node's readers: it is refused, and the alias
     * is left as it was.
     */
    @Test
    void solrSetupRefusesANameThatIsAnAliasAlreadyAndLeavesIt() throws Exception {
        SolrAddress taken = TestSolrCloud.freshCollection(1);
        try (CloudSolrClient admin = SolrClients.of(taken)) {
            String live = SolrAlias.liveNow(admin, taken.collection());
            IOException refused = assertThrows(IOException.class, () -> SolrSetup.create(taken, 1, 1));
            assertTrue(refused.getMessage().contains("already has a collection or alias named " + taken.collection()),
                    refused.getMessage());
            assertEquals(live, SolrAlias.liveNow(admin, taken.collection()), "the alias left as it was");
        }
    }

    /**
     * A replica that missed a fill's writes answers a reader without its shard's records while it is
     * active: how SolrOutageTest's node, at a load of 40, could say 29 of the seeds' 49 records after
     * its start's fill (by Solr's source, a leader whose view of the state still had its other replica
     * down skips it; see SolrAlias.awaitReplicasAgree). So a fill moves the alias only once every
     * replica holds what its leader holds, and a replica that does not is named with what it holds.
     * Here its leader is made to skip it by Solr's own test parameter, which, unlike a replica
     * skipped as down, raises no term: the replica stays behind until it is written again.
     */
    @Test
    void aReplicaThatMissedTheWritesAnswersShortAndKeepsAFillFromMovingTheAliasUntilItHoldsThem() throws Exception {
        SolrAddress replicated = collection.ensemble().collection("replicated_" + ProcessHandle.current().pid());
        SolrSetup.create(replicated, 1, 2);
        try (CloudSolrClient admin = SolrClients.writer(replicated)) {
            String live = SolrAlias.liveNow(admin, replicated.collection());
            Slice shard = admin.getClusterStateProvider().getCollection(live).getSlice("shard1");
            Replica behind = shard.getReplicas().stream().filter(r -> !r.getName().equals(shard.getLeader().getName()))
                    .findFirst().orElseThrow();
            String url = behind.getCoreUrl().replaceAll("/$", "");
            UpdateRequest skipping = new UpdateRequest();
            skipping.add(List.of(SolrDocuments.stub(1, 1), SolrDocuments.stub(2, 1), SolrDocuments.stub(3, 1)));
            ModifiableSolrParams skip = new ModifiableSolrParams();
            skip.add("test.distrib.skip.servers", url, url + "/");
            skipping.setParams(skip);
            skipping.process(admin, live);
            admin.commit(live);

            // A reader's search of the collection, as the node that takes it sends it to that replica.
            long answered = new JsonQueryRequest().setQuery("*:*").setLimit(0)
                    .withParam("shards", url).process(admin, live).getResults().getNumFound();
            assertEquals(0, answered, "a search answered by the replica that missed the writes");
            IOException notWhole = assertThrows(IOException.class,
                    () -> SolrAlias.awaitReplicasAgree(admin, live, System.currentTimeMillis() + 1_000));
            assertTrue(notWhole.getMessage().contains(behind.getName() + " of shard1 holds 0 documents, its leader 3"),
                    notWhole.getMessage());

            admin.add(live, List.of(SolrDocuments.stub(1, 2), SolrDocuments.stub(2, 2), SolrDocuments.stub(3, 2)));
            admin.commit(live);
            SolrAlias.awaitReplicasAgree(admin, live, System.currentTimeMillis() + 1_000);
        } finally {
            try (CloudSolrClient admin = SolrClients.of(replicated)) {
                deleteWithItsCollection(admin, replicated);
            }
        }
    }

    /**
     * A fill waits for every replica of its new collection to hold what its leader holds before it
     * moves the alias (see the test above): here, while the fill writes, its leader is made to skip
     * the other replica for three more documents, which raises no term, so the replica stays short
     * until the test writes them again. The alias must not move in the three seconds after the
     * fill's commit, when the test writes them again; it moves once they are written, onto a
     * collection whose replicas agree. A fill that moved the alias at once moved it onto the short
     * replica, and readers sent there missed documents.
     */
    @Test
    void aFillMovesTheAliasOnlyOnceEveryReplicaOfItsCollectionHoldsWhatItsLeaderHolds() throws Exception {
        Path generatedFolder = Files.createTempDirectory("dossier-solr-awaited-");
        SolrAddress awaited = collection.ensemble().collection("awaited_" + ProcessHandle.current().pid());
        SolrSetup.create(awaited, 1, 2);
        List<SolrInputDocument> skipped = List.of(SolrDocuments.stub(900_001, 1), SolrDocuments.stub(900_002, 1),
                SolrDocuments.stub(900_003, 1));
        java.util.concurrent.CompletableFuture<String> repaired = new java.util.concurrent.CompletableFuture<>();
        try (Database generated = TestDatabase.generatedIn(generatedFolder);
             CloudSolrClient admin = SolrClients.writer(awaited)) {
            String old = SolrAlias.liveNow(admin, awaited.collection());
            java.util.concurrent.atomic.AtomicBoolean first = new java.util.concurrent.atomic.AtomicBoolean(true);
            SolrFill.rebuild(awaited, generated.dsl(), (done, total) -> {
                if (!first.getAndSet(false)) {
                    return;
                }
                // The fill waits here, its first 2,000 records written into its new collection.
                try {
                    String target = CollectionAdminRequest.listCollections(admin).stream()
                            .filter(name -> SolrAlias.isCollectionOf(awaited.collection(), name) && !name.equals(old))
                            .findFirst().orElseThrow();
                    Slice shard = admin.getClusterStateProvider().getCollection(target).getSlice("shard1");
                    Replica leader = shard.getLeader();
                    Replica behind = shard.getReplicas().stream().filter(r -> !r.getName().equals(leader.getName()))
                            .findFirst().orElseThrow();
                    String url = behind.getCoreUrl().replaceAll("/$", "");
                    UpdateRequest skipping = new UpdateRequest();
                    skipping.add(skipped);
                    skipping.setParams(new ModifiableSolrParams().add("test.distrib.skip.servers", url, url + "/"));
                    skipping.process(admin, target);
                    Thread repairer = new Thread(() -> repaired.complete(
                            repairOnceTheAliasStays(admin, awaited.collection(), target, leader, behind, skipped)));
                    repairer.setDaemon(true);
                    repairer.start();
                } catch (Exception e) {
                    repaired.completeExceptionally(e);
                }
            });
            assertEquals("written again while the alias stayed", repaired.get(120, TimeUnit.SECONDS));
            String moved = SolrAlias.liveNow(admin, awaited.collection());
            assertFalse(moved.equals(old), "the alias moved once every replica held the collection");
            Slice shard = admin.getClusterStateProvider().getCollection(moved).getSlice("shard1");
            for (Replica replica : shard.getReplicas()) {
                assertEquals(2_500 + 1 + skipped.size(), heldBy(admin, moved, replica), replica.getName());
            }
        } finally {
            try (CloudSolrClient admin = SolrClients.of(awaited)) {
                deleteWithItsCollection(admin, awaited);
            }
            TestCatalogue.deleteRecursively(generatedFolder);
        }
    }

    /**
     * Once {@code leader} holds the fill committed (its 2,500 records, its position and the
     * {@code skipped}), watches the alias for three seconds, then writes {@code skipped} again to
     * every replica. Says what it saw: the alias moved onto {@code target} while {@code behind} was
     * short, or the documents written again while the alias stayed.
     */
    private static String repairOnceTheAliasStays(CloudSolrClient admin, String alias, String target, Replica leader,
                                                  Replica behind, List<SolrInputDocument> skipped) {
        try {
            long whole = 2_500 + 1 + skipped.size();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(100);
            while (heldBy(admin, target, leader) < whole) {
                if (System.nanoTime() > deadline) {
                    return "the fill never committed: its leader holds " + heldBy(admin, target, leader);
                }
                Thread.sleep(20);
            }
            long watched = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            while (System.nanoTime() < watched) {
                if (SolrAlias.liveNow(admin, alias).equals(target)) {
                    return "the alias moved onto " + target + " while " + behind.getName() + " held "
                            + heldBy(admin, target, behind) + " documents, its leader " + heldBy(admin, target, leader);
                }
                Thread.sleep(20);
            }
            List<SolrInputDocument> again = skipped.stream().map(doc -> SolrDocuments.stub(
                    Integer.parseInt((String) doc.getFieldValue("id")), 2)).toList();
            admin.add(target, again);
            admin.commit(target);
            return "written again while the alias stayed";
        } catch (Exception e) {
            return "failed: " + e;
        }
    }

    /** How many documents {@code replica} of {@code collection} holds, asked alone. */
    private static long heldBy(CloudSolrClient admin, String collection, Replica replica) throws Exception {
        return new JsonQueryRequest().setQuery("*:*").setLimit(0).withParam("shards", replica.getCoreUrl().replaceAll("/$", ""))
                .process(admin, collection).getResults().getNumFound();
    }
}
