package org.dossier.search;

import org.apache.solr.client.solrj.RemoteSolrException;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.common.SolrException;

/**
 * Solr (or its ZooKeeper) being away, told apart from a request Solr refused ({@link #in}), and
 * what a reader is told meanwhile ({@link #unavailable}): a search is a 503, the follower says it
 * once, and a node started during an outage asks again.
 */
final class SolrAway {

    private SolrAway() {
    }

    /**
     * Whether {@code failure} is Solr (or its ZooKeeper) being away, rather than a request Solr
     * answered with a refusal: no answer in time, no connection, no live replica of a shard, no
     * such collection (said by the client itself, with a 400), a core gone (404), a server error,
     * or a Solr node that could not read the collection's state from its own ZooKeeper (with a 400).
     */
    static boolean in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SolrServerException) {
                return true;
            }
            if (t instanceof SolrException e) {
                return !(e instanceof RemoteSolrException) || e.code() / 100 != 4 || e.code() == 404
                        || String.valueOf(e.getMessage()).contains(NODE_WITHOUT_ITS_ZOOKEEPER);
            }
        }
        return false;
    }

    /**
     * What a Solr node says, with a 400 (SolrJ's ZkStateReader on the node), when it cannot read a
     * collection's state from its ZooKeeper: searches got it, as a 500 page, for a moment after a
     * ZooKeeper that was gone past its sessions' timeout came back, while the nodes reconnected.
     */
    private static final String NODE_WITHOUT_ITS_ZOOKEEPER = "Could not load collection from ZK";

    /**
     * What a reader is told when Solr does not answer: not where the collection is, nor what Solr
     * said (a server's address): the follower's log line and /ready say that to the operator.
     */
    static SearchUnavailableException unavailable() {
        return new SearchUnavailableException("the Solr collection does not answer");
    }
}
