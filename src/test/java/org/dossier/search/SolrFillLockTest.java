package org.dossier.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.impl.ZkClientClusterStateProvider;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.common.cloud.SolrZkClient;
import org.apache.zookeeper.data.Stat;
import org.dossier.app.Database;
import org.dossier.testing.Logged;
import org.dossier.testing.StartedFirst;
import org.dossier.testing.TestCatalogue;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestSolrCloud;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The fill lock is an ephemeral znode: when the filling process's ZooKeeper session expires (a long
 * pause, a network split) while it still fills, the lock goes and another fill may begin beside
 * it. On the shared SolrCloud, whose ZooKeeper expires the first fill's session (that session
 * alone: the classes beside it keep theirs), the fill that lost its lock must neither move the alias
 * to its collection nor delete the other's.
 */
@StartedFirst(seconds = 20)
class SolrFillLockTest {

    private static Path folder;
    private static Database generated;

    @BeforeAll
    static void start() throws Exception {
        TestSolrCloud.startSoon(); // while the catalogue is copied
        folder = Files.createTempDirectory("dossier-solr-lock-");
        // More than one batch of a fill (2,000), so that a fill reports progress half-way.
        generated = TestDatabase.generatedIn(folder);
    }

    @AfterAll
    static void stop() {
        if (generated != null) {
            generated.close();
        }
        TestCatalogue.deleteRecursively(folder);
    }

    /**
     * The first fill is held with every record written and committed in its own collection, the
     * alias not yet moved; its ZooKeeper session is expired, a second fill takes the freed lock,
     * fills a collection of its own and moves the alias to it. The first, let go, finds its lock
     * gone, stops with that said, deletes its collection and leaves the alias on the second's:
     * readers found the whole catalogue throughout, and one collection is left.
     */
    @Test
    void aFillWhoseZooKeeperSessionExpiredNeverReplacesTheFillThatTookItsLock() throws Exception {
        Logger aliases = (Logger) LoggerFactory.getLogger(SolrAlias.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        aliases.addAppender(logged);
        SolrAddress address = TestSolrCloud.freshCollection(2);
        try {
            expireTheFirstFillsSession(address);
        } finally {
            aliases.detachAppender(logged);
        }
        // The first's collection was deleted by the second's move: that is no failure to delete it.
        assertEquals(List.of(), Logged.events(logged).stream().map(ILoggingEvent::getFormattedMessage)
                .filter(line -> line.contains(address.collection() + "_")).toList());
    }

    private static void expireTheFirstFillsSession(SolrAddress address) throws Exception {
        SolrFill.rebuild(address, generated.dsl(), (done, total) -> { });
        try (CloudSolrClient admin = SolrClients.of(address)) {
            String before = SolrAlias.liveNow(admin, address.collection());
            assertEquals(2_500, HeldFill.searchable(admin));
            HeldFill first = HeldFill.start(address, generated.dsl(), 2_500);
            List<String> building = collectionsOf(admin, address);
            building.remove(before);
            assertEquals(1, building.size(), "the first fill's own collection, beside the live one: " + building);
            String firstCollection = building.get(0);

            SolrZkClient zk = ZkClientClusterStateProvider.from(admin).getZkStateReader().getZkClient();
            String lock = SolrFillLock.ROOT + "/" + address.collection();
            long firstSession = zk.exists(lock, null).getEphemeralOwner();
            TestSolrCloud.expireSession(firstSession);
            for (int i = 0; i < 300 && held(zk, lock, firstSession); i++) {
                Thread.sleep(100);
            }
            assertFalse(held(zk, lock, firstSession), "the expired session's lock went");

            List<Long> seenMeanwhile = new ArrayList<>();
            SolrFill.rebuild(address, generated.dsl(), (done, total) -> seenMeanwhile.add(searchableQuietly(admin)));
            String second = SolrAlias.liveNow(admin, address.collection());
            assertNotEquals(before, second, "the second fill moved the alias to its own collection");
            assertNotEquals(firstCollection, second);
            assertEquals(List.of(2_500L), seenMeanwhile.stream().distinct().toList(), "what readers found meanwhile");

            first.letGo();
            ExecutionException failed = assertThrows(ExecutionException.class, () -> first.result.get(2, TimeUnit.MINUTES));
            SolrFillLock.Lost lost = assertInstanceOf(SolrFillLock.Lost.class, failed.getCause().getCause());
            assertTrue(lost.getMessage().contains("was lost"), lost.getMessage());

            assertEquals(second, SolrAlias.liveNow(admin, address.collection()), "the alias stayed on the second's collection");
            assertEquals(List.of(second), collectionsOf(admin, address), "the first's collection and the old one deleted");
            assertEquals(2_500, HeldFill.searchable(admin));
            assertEquals(null, zk.exists(lock, null), "no lock left behind");
        }
    }

    private static boolean held(SolrZkClient zk, String lock, long session) throws Exception {
        Stat stat = zk.exists(lock, null);
        return stat != null && stat.getEphemeralOwner() == session;
    }

    /** The collections of the alias at {@code address}, by name. */
    private static List<String> collectionsOf(CloudSolrClient admin, SolrAddress address) throws Exception {
        List<String> of = new ArrayList<>();
        for (String name : CollectionAdminRequest.listCollections(admin)) {
            if (SolrAlias.isCollectionOf(address.collection(), name)) {
                of.add(name);
            }
        }
        return of;
    }

    private static long searchableQuietly(CloudSolrClient reader) {
        try {
            return HeldFill.searchable(reader);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
