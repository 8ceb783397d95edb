package org.dossier.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.Executor;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;

/**
 * The index as of one refresh: a searcher whose segments are searched in parallel, its facet
 * ordinals, and the counts over every record (what a page with no words and no filters shows),
 * computed once per refresh instead of once per request.
 */
final class Snapshot extends IndexSearcher {

    /** Segments at least this large are searched in a slice of their own, on their own thread. */
    private static final int SLICE_DOCS = 50_000;

    final Ordinals ordinals;
    private volatile FacetCounter.Counts everything;

    Snapshot(IndexReader reader, Executor executor, FacetsConfig config) throws IOException {
        super(reader, executor);
        this.ordinals = Ordinals.of(reader, config);
    }

    @Override
    protected LeafSlice[] slices(List<LeafReaderContext> leaves) {
        return slices(leaves, SLICE_DOCS, 8);
    }

    /** Counts over every record in this snapshot. */
    FacetCounter.Counts everything() {
        FacetCounter.Counts counts = everything;
        if (counts == null) {
            synchronized (this) {
                counts = everything;
                if (counts == null) {
                    try {
                        counts = search(new MatchAllDocsQuery(), FacetCounter.unfiltered(ordinals));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    everything = counts;
                }
            }
        }
        return counts;
    }
}
