package org.dossier.search;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.solr.client.solrj.RemoteSolrException;
import org.apache.solr.client.solrj.SolrServerException;
import org.dossier.testing.SameOnEveryDatabase;
import org.junit.jupiter.api.Test;

/**
 * Which of Solr's answers are Solr away (the 503 page, once a line in the log) and which are a
 * refusal of the request (words asked again plainly, else the error page), as SolrJ hands them over.
 */
@SameOnEveryDatabase
class SolrAwayTest {

    private static final String NODE = "http://127.0.0.1:8983/solr/dossier_shard1_replica_n1/select";

    @Test
    void aNodeThatCannotReadTheCollectionFromItsZooKeeperIsAway() {
        // As a node said it for a moment after ZooKeeper came back, while its own client reconnected.
        assertTrue(SolrAway.in(new RemoteSolrException(NODE, 400,
                "Could not load collection from ZK: dossier_20261205_035925_117", null)));
    }

    @Test
    void wordsSolrRefusesAreNotSolrAway() {
        assertFalse(SolrAway.in(new RemoteSolrException(NODE, 400,
                "too many boolean clauses", null)));
    }

    @Test
    void noConnectionAGoneCoreAndAServerErrorAreAway() {
        assertTrue(SolrAway.in(new SolrServerException("Connection refused")));
        assertTrue(SolrAway.in(new RemoteSolrException(NODE, 404, "Not Found", null)));
        assertTrue(SolrAway.in(new RemoteSolrException(NODE, 500, "Server Error", null)));
    }
}
