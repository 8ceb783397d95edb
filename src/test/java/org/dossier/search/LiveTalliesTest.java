package org.dossier.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.dossier.testing.SameOnEveryDatabase;
import org.junit.jupiter.api.Test;

/**
 * The record-less browse's counts, carried from snapshot to snapshot segment by segment, are exactly
 * what counting every live record of the snapshot gives: after new records, corrections (a record
 * deleted from an old segment and written to a new one), withdrawals, merges of some segments, and a
 * merge into one; and an older snapshot asked after a newer one still gets its own counts.
 */
@SameOnEveryDatabase
class LiveTalliesTest {

    private final FacetsConfig config = IndexLayout.facetsConfig();
    /** What the tallies are carried in from one snapshot to the next, as an engine carries them. */
    private final SegmentMemory carriedIn = new SegmentMemory();

    @Test
    void countsCarriedFromSnapshotToSnapshotAreThoseOfEveryLiveRecord() throws IOException {
        new EditedSnapshots().check(this::assertSameAsCountingEveryRecord);
    }

    private void assertSameAsCountingEveryRecord(DirectoryReader reader, IndexSearcher searcher, String when)
            throws IOException {
        Ordinals ordinals = Ordinals.of(reader, config);
        FacetCounter.Counts carried = LiveTallies.everything(searcher, ordinals, carriedIn);
        FacetCounter.Counts counted = new IndexSearcher(reader).search(new MatchAllDocsQuery(),
                new FacetCounter(ordinals, new SegmentMemory(), RequestFilters.none(ordinals)));
        assertEquals(reader.numDocs(), carried.total, when + ": records");
        EditedSnapshots.assertSameCounts(counted, carried, when + ", no filter");
    }
}
