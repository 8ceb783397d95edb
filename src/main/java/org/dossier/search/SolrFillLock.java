package org.dossier.search;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.impl.ZkClientClusterStateProvider;
import org.apache.solr.common.cloud.SolrZkClient;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One fill of a collection at a time, whichever node or {@code reindex} asks: a node filling an
 * empty collection found another's records there without a position (written, not yet marked
 * whole) and emptied the collection to begin again, under the readers of the node that had just
 * filled it. The lock is an ephemeral znode in the collection's own ZooKeeper, beside Solr's state:
 * it goes with the session of the client that made it, so a node that dies while filling frees it,
 * and no database is asked (a SQLite file's write lock would be held by the fill for minutes).
 *
 * <p>It also goes when its holder's ZooKeeper session expires (a long pause, a network split) while
 * the holder still fills: another node may then take it and begin a fill beside it. Each fill
 * builds a collection of its own ({@link SolrAlias}), and a holder moves the alias to it only while
 * {@link #held} — the znode it made, in its session, is still there — and asks again before each
 * batch it writes: the one whose lock went stops, deletes its collection, and never replaces what
 * the other fill made.
 */
final class SolrFillLock implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SolrFillLock.class);
    /** Where each collection's lock is made, under the ensemble's chroot. */
    static final String ROOT = "/dossier/filling";
    private static final long LOOK_AGAIN_MILLIS = 200;

    private final SolrZkClient zk;
    private final String path;
    /** The ZooKeeper session the lock was made in, which owns the ephemeral znode while it lasts. */
    private final long session;
    /** The transaction that made the znode: a znode of the same path made again later is another's. */
    private final long made;

    private SolrFillLock(SolrZkClient zk, String path, long session, long made) {
        this.zk = zk;
        this.path = path;
        this.session = session;
        this.made = made;
    }

    /**
     * Takes the fill lock of the collection {@code client} writes to, waiting while another holds
     * it (said once in the log, with who holds it), until it is free or {@code stopWaiting}.
     *
     * @return the lock, and whether this had to wait for another fill (which may have done the work)
     */
    static Taken take(CloudSolrClient client, SolrAddress address, BooleanSupplier stopWaiting) throws IOException {
        SolrZkClient zk = ZkClientClusterStateProvider.from(client).getZkStateReader().getZkClient();
        String path = ROOT + "/" + address.collection();
        boolean waited = false;
        try {
            zk.ensureExists(ROOT);
            while (true) {
                try {
                    zk.create(path, holder().getBytes(StandardCharsets.UTF_8), CreateMode.EPHEMERAL);
                    Stat made = zk.exists(path, null);
                    if (made == null) {
                        continue; // its session ended at once: taken again, or waited for
                    }
                    if (waited) {
                        LOG.info("The other fill of the Solr collection {} is done", address);
                    }
                    return new Taken(new SolrFillLock(zk, path, made.getEphemeralOwner(), made.getCzxid()), waited);
                } catch (KeeperException.NodeExistsException held) {
                    if (!waited) {
                        LOG.info("The Solr collection {} is being filled by {}: waiting for it to finish", address,
                                heldBy(zk, path));
                        waited = true;
                    }
                }
                if (stopWaiting.getAsBoolean()) {
                    throw new IOException("stopped while waiting for another fill of the Solr collection " + address);
                }
                Thread.sleep(LOOK_AGAIN_MILLIS);
            }
        } catch (KeeperException e) {
            // Solr's ZooKeeper away: said, and tried again, as Solr being away is.
            throw new IOException("the fill lock of the Solr collection cannot be taken: " + e.getMessage(),
                    new SolrServerException(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for another fill of the Solr collection " + address, e);
        }
    }

    /** The lock taken by {@link #take}; {@code waited}: another fill held it first. */
    record Taken(SolrFillLock lock, boolean waited) implements AutoCloseable {
        @Override
        public void close() {
            lock.close();
        }
    }

    /**
     * Whether this process still holds the lock: the znode it made is there, owned by the session
     * it was made in, which is still the client's. False once that session expired, whether or not
     * another fill took the lock since.
     */
    boolean held() throws IOException {
        try {
            Stat stat = zk.exists(path, null);
            return stat != null && stat.getCzxid() == made && stat.getEphemeralOwner() == session
                    && zk.getZkSessionId() == session;
        } catch (KeeperException e) {
            throw new IOException("the fill lock of the Solr collection cannot be read: " + e.getMessage(),
                    new SolrServerException(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading the fill lock", e);
        }
    }

    /** Goes on only while {@link #held}: a fill whose lock went stops, as another may have begun. */
    void ensureHeld() throws IOException {
        if (!held()) {
            throw new Lost("the fill lock " + path + " was lost (this process's ZooKeeper session ended), "
                    + "so another fill may have begun");
        }
    }

    /** The lock went while its holder filled. */
    static final class Lost extends IOException {
        Lost(String message) {
            // ZooKeeper's trouble, said and tried again as Solr being away is (SolrAway.in).
            super(message, new SolrServerException(message));
        }
    }

    /** What the lock's holder wrote into it: its host, process and when it began. */
    private static String heldBy(SolrZkClient zk, String path) throws InterruptedException {
        try {
            return new String(zk.getData(path, null, null), StandardCharsets.UTF_8);
        } catch (KeeperException e) {
            return "another node";
        }
    }

    private static String holder() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "an unnamed host";
        }
        return "process " + ProcessHandle.current().pid() + " on " + host + " since " + Instant.now();
    }

    @Override
    public void close() {
        try {
            if (!held()) {
                return; // another's now, or gone with the session: not this one's to remove
            }
            zk.delete(path, -1);
        } catch (KeeperException.NoNodeException gone) {
            // Its session ended meanwhile, and the lock with it.
        } catch (KeeperException | IOException e) {
            // The session's end removes it.
            LOG.warn("The fill lock {} could not be removed ({}); it goes when this process's ZooKeeper session ends",
                    path, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
