package org.dossier.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.LongValues;

/**
 * The counts over every live record of a snapshot (the record-less browse: every facet value, every
 * year), made from per-segment tallies that are carried from one snapshot to the next.
 *
 * <p>Why: each change makes a new snapshot, which counts everything before readers see it (so that
 * no reader waits for it). Counted from scratch, that visited every record: at 10,000,000 records a
 * correction took about 390 ms to become searchable, against 37 ms at 1,000,000 (BENCHMARKS.md). But
 * a change leaves almost every segment as it was: a segment never changes except by losing records,
 * and records are never undeleted. So a segment's tally is counted once, and a later snapshot's is
 * the earlier one minus the records deleted since; only new segments (a change's own, small, or a
 * merge's) are counted whole. The sum is exactly what counting every live record gives
 * ({@code LiveTalliesTest} compares the two after edits, deletions and merges).
 */
final class LiveTallies {

    /** One segment's live records counted: by its own ordinals, by year, by decade, the undated, in all. */
    record Tally(Bits liveDocs, int deleted, int[] values, int[] years, int[] decades, int undated, int total) {
    }

    private LiveTallies() {
    }

    /**
     * Every live record of {@code searcher}'s reader counted, as a facet count with no filter counts
     * them; segments {@code memory} holds no tally of are counted on the searcher's threads.
     */
    static FacetCounter.Counts everything(IndexSearcher searcher, Ordinals ordinals, SegmentMemory memory)
            throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        List<Callable<Tally>> tallying = new ArrayList<>(leaves.size());
        for (LeafReaderContext leaf : leaves) {
            tallying.add(() -> tally(leaf.reader(), memory));
        }
        List<Tally> tallies = searcher.getTaskExecutor().invokeAll(tallying);
        FacetCounter.Counts sum = new FacetCounter.Counts(ordinals.size());
        for (LeafReaderContext leaf : leaves) {
            Tally tally = tallies.get(leaf.ord);
            LongValues toGlobal = ordinals.toGlobal(leaf.ord);
            int[] values = tally.values();
            for (int ord = 0; ord < values.length; ord++) {
                if (values[ord] != 0) {
                    sum.values[(int) toGlobal.get(ord)] += values[ord];
                }
            }
            int[] years = tally.years();
            for (int year = 0; year < years.length; year++) {
                sum.years[year] += years[year];
                sum.yearsAnyDate[year] += years[year];
            }
            int[] decades = tally.decades();
            for (int decade = 0; decade < decades.length; decade++) {
                sum.decadesAnyDate[decade] += decades[decade];
            }
            sum.undatedAnyDate += tally.undated();
            sum.total += tally.total();
        }
        return sum;
    }

    private static Tally tally(LeafReader segment, SegmentMemory memory) throws IOException {
        IndexReader.CacheHelper helper = segment.getCoreCacheHelper();
        Bits live = segment.getLiveDocs();
        int deleted = segment.numDeletedDocs();
        Tally kept = helper == null ? null : memory.liveTallies.get(helper.getKey());
        if (kept != null && kept.deleted() == deleted) {
            return kept; // deletions only grow: as many means the same ones
        }
        Tally tally = kept != null && kept.deleted() < deleted
                ? lessDeletedSince(kept, segment, live, deleted, memory)
                : counted(segment, live, deleted, memory);
        if (helper != null) {
            IndexReader.CacheKey key = helper.getKey();
            Tally latest = memory.liveTallies.merge(key, tally, (old, fresh) -> fresh.deleted() >= old.deleted() ? fresh : old);
            if (kept == null && latest == tally) {
                helper.addClosedListener(memory.liveTallies::remove);
            }
        }
        return tally;
    }

    /** Every live record of a segment counted. */
    private static Tally counted(LeafReader segment, Bits live, int deleted, SegmentMemory memory) throws IOException {
        FacetColumns columns = FacetColumns.of(segment, memory);
        int[] values = new int[columns.valueCount];
        int[] years = new int[FacetCounter.YEARS];
        int[] decades = new int[FacetCounter.DECADES];
        int undated = 0;
        int total = 0;
        for (int doc = 0; doc < segment.maxDoc(); doc++) {
            if (live == null || live.get(doc)) {
                total++;
                undated += columns.tally(doc, values, years, 0, decades, 0, 1);
            }
        }
        return new Tally(live, deleted, values, years, decades, undated, total);
    }

    /** {@code kept} less the records deleted from the segment since it was counted. */
    private static Tally lessDeletedSince(Tally kept, LeafReader segment, Bits live, int deleted, SegmentMemory memory)
            throws IOException {
        FacetColumns columns = FacetColumns.of(segment, memory);
        int[] values = kept.values().clone();
        int[] years = kept.years().clone();
        int[] decades = kept.decades().clone();
        int undated = kept.undated();
        int total = kept.total();
        Bits before = kept.liveDocs();
        for (int doc = 0; doc < segment.maxDoc(); doc++) {
            if ((before == null || before.get(doc)) && !live.get(doc)) {
                total--;
                undated += columns.tally(doc, values, years, 0, decades, 0, -1);
            }
        }
        return new Tally(live, deleted, values, years, decades, undated, total);
    }
}
