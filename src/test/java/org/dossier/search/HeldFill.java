package org.dossier.search;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.common.params.ModifiableSolrParams;
import org.jooq.DSLContext;

/**
 * A {@code reindex} of a SolrCloud collection run on another thread and held once it has written
 * every record ({@code records}) into its own collection, committed, before it moves the alias:
 * what a test does meanwhile is what another node or process does beside a fill. Let go by
 * {@link #letGo} (or on close, should the test fail first).
 */
final class HeldFill implements AutoCloseable {

    private final CountDownLatch written = new CountDownLatch(1);
    private final CountDownLatch goOn = new CountDownLatch(1);
    /** The fill's outcome once let go: how many records, or its failure. */
    final CompletableFuture<Long> result;

    private HeldFill(SolrAddress address, DSLContext db, long records) {
        result = CompletableFuture.supplyAsync(() -> {
            try {
                return SolrFill.rebuild(address, db, (done, total) -> {
                    if (done == records) {
                        written.countDown();
                        try {
                            goOn.await(3, TimeUnit.MINUTES);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Starts the fill and returns once it has written every record, held there. */
    static HeldFill start(SolrAddress address, DSLContext db, long records) throws InterruptedException {
        HeldFill fill = new HeldFill(address, db, records);
        assertTrue(fill.written.await(2, TimeUnit.MINUTES), "the held fill wrote every record");
        return fill;
    }

    void letGo() {
        goOn.countDown();
    }

    @Override
    public void close() {
        letGo();
    }

    /** How many records a reader of {@code reader}'s collection (through its alias) can find. */
    static long searchable(CloudSolrClient reader) throws Exception {
        return reader.query(new ModifiableSolrParams().set("q", "*:*").set("fq", "live:true").set("rows", 0))
                .getResults().getNumFound();
    }
}
