package org.dossier.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.LongValues;

/**
 * The counts under one facet value alone (every other value and every year among the live records
 * with it), made from per-segment tallies carried from one snapshot to the next, as
 * {@link LiveTallies} carries the counts over everything.
 *
 * <p>Why: a value browsed for the first time on a snapshot visited every record with it (a popular
 * type or person is a third to a half of the catalogue) to count the other facets and the years,
 * and an editor's save makes a new snapshot about once a second, so a popular value was counted
 * again and again. But a segment never changes except by losing records: a popular value's tally in
 * a segment is counted once, and a later snapshot's is the earlier one less the records deleted
 * since (few); only new segments (a change's own, small, or a merge's) are counted whole. The sum
 * is exactly what a pass over the value's live records counts ({@code ValueTalliesTest} compares the
 * two after edits, withdrawals and merges, and against DrillSideways).
 *
 * <p>Kept only for the values that hold at least a hundredth of a segment (a segment has at most a
 * hundred times its values' average number of such values): the others are counted from their
 * postings when asked, which visits few records. A tally is a segment's values and the span of
 * years its records have: at 1,000,000 records (two segments of ~200 values) all of them weigh
 * well under a megabyte.
 */
final class ValueTallies {

    /** A value is tallied in a segment when it holds at least this share (1/100) of its records. */
    private static final int KEPT_SHARE = 100;

    /** By segment: the tallies kept for it, all as of one set of deletions. */
    private static final Map<IndexReader.CacheKey, Segment> KEPT = new ConcurrentHashMap<>();

    /** One segment's live records with one value, counted: by the segment's ordinals, by year from {@code firstYear}, in all. */
    private record Tally(int[] values, int firstYear, int[] years, int total) {
    }

    private ValueTallies() {
    }

    /**
     * The counts under {@code value} (a term of the facets field) alone over {@code searcher}'s live
     * records, as a pass of {@link FacetCounter} over them with that one filter counts them: every
     * record a hit, none failing. Segments are tallied on the searcher's threads.
     */
    static FacetCounter.Counts under(IndexSearcher searcher, Ordinals ordinals, Term value) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        List<Callable<Tally>> tallying = new ArrayList<>(leaves.size());
        for (LeafReaderContext leaf : leaves) {
            tallying.add(() -> tally(leaf.reader(), value));
        }
        List<Tally> tallies = searcher.getTaskExecutor().invokeAll(tallying);
        FacetCounter.Counts sum = new FacetCounter.Counts(ordinals.size());
        for (LeafReaderContext leaf : leaves) {
            Tally tally = tallies.get(leaf.ord);
            if (tally == null) {
                continue;
            }
            LongValues toGlobal = ordinals.toGlobal(leaf.ord);
            int[] values = tally.values();
            for (int ord = 0; ord < values.length; ord++) {
                if (values[ord] != 0) {
                    sum.values[(int) toGlobal.get(ord)] += values[ord];
                }
            }
            int[] years = tally.years();
            for (int i = 0; i < years.length; i++) {
                sum.years[tally.firstYear() + i] += years[i];
                sum.yearsAnyDate[tally.firstYear() + i] += years[i];
            }
            sum.total += tally.total();
        }
        return sum;
    }

    /** The segment's live records with {@code value} counted: kept, carried, or counted now; null for none. */
    private static Tally tally(LeafReader segment, Term value) throws IOException {
        PostingsEnum postings = segment.postings(value, PostingsEnum.NONE);
        if (postings == null) {
            return null;
        }
        IndexReader.CacheHelper helper = segment.getCoreCacheHelper();
        if (helper == null || (long) segment.docFreq(value) * KEPT_SHARE < segment.maxDoc()) {
            return counted(segment, postings, segment.getLiveDocs());
        }
        IndexReader.CacheKey key = helper.getKey();
        Segment kept = KEPT.get(key);
        if (kept == null) {
            Segment fresh = new Segment(segment.getLiveDocs(), segment.numDeletedDocs());
            kept = KEPT.putIfAbsent(key, fresh);
            if (kept == null) {
                kept = fresh;
                helper.addClosedListener(KEPT::remove);
            }
        }
        return kept.tally(segment, value.bytes(), postings);
    }

    /**
     * The tallies of one segment, each as of the same deletions ({@link #deleted}): a snapshot with
     * more deletions carries them all forward at once (one walk of the segment's deletions for all
     * its values); one with fewer (an older snapshot still being read) is counted for itself.
     */
    private static final class Segment {
        private Bits liveDocs;
        private int deleted;
        /** By the value's term (a copy of its bytes). */
        private final Map<BytesRef, Tally> byValue = new HashMap<>();

        Segment(Bits liveDocs, int deleted) {
            this.liveDocs = liveDocs;
            this.deleted = deleted;
        }

        synchronized Tally tally(LeafReader segment, BytesRef value, PostingsEnum postings) throws IOException {
            int now = segment.numDeletedDocs();
            if (now < deleted) {
                return counted(segment, postings, segment.getLiveDocs()); // deletions only grow: an older snapshot
            }
            if (now > deleted) {
                lessDeletedSince(segment);
            }
            Tally tally = byValue.get(value);
            if (tally == null) {
                tally = counted(segment, postings, liveDocs);
                byValue.put(BytesRef.deepCopyOf(value), tally);
            }
            return tally;
        }

        /** Every tally less the records deleted from the segment since: each deleted record's own values. */
        private void lessDeletedSince(LeafReader segment) throws IOException {
            Bits live = segment.getLiveDocs();
            if (!byValue.isEmpty()) {
                FacetColumns columns = FacetColumns.of(segment);
                // The tallied values by the segment's ordinal: a deleted record names its values by ordinal.
                BytesRef[] tallied = new BytesRef[columns.valueCount];
                SortedSetDocValues ords = DocValues.getSortedSet(segment, IndexLayout.FACETS);
                for (BytesRef term : byValue.keySet()) {
                    long ord = ords.lookupTerm(term);
                    if (ord >= 0) {
                        tallied[(int) ord] = term;
                    }
                }
                // Copies, changed in place and then put in the originals' stead: a tally once handed
                // out is never changed (a search on another thread may be summing it).
                Map<BytesRef, Tally> carried = new HashMap<>();
                for (int doc = 0; doc < segment.maxDoc(); doc++) {
                    if ((liveDocs == null || liveDocs.get(doc)) && !live.get(doc)) {
                        for (int i = columns.firstOrd(doc); i < columns.endOrd(doc); i++) {
                            BytesRef term = tallied[columns.ords[i]];
                            if (term != null) {
                                Tally tally = carried.computeIfAbsent(term, t -> copy(byValue.get(t)));
                                carried.put(term, less(tally, columns, doc));
                            }
                        }
                    }
                }
                byValue.putAll(carried);
            }
            liveDocs = live;
            deleted = segment.numDeletedDocs();
        }
    }

    private static Tally copy(Tally tally) {
        return new Tally(tally.values().clone(), tally.firstYear(), tally.years().clone(), tally.total());
    }

    /** {@code tally} (a copy of its own, changed in place) less record {@code doc}. */
    private static Tally less(Tally tally, FacetColumns columns, int doc) {
        tally.years()[columns.year(doc) - tally.firstYear()]--;
        for (int i = columns.firstOrd(doc); i < columns.endOrd(doc); i++) {
            tally.values()[columns.ords[i]]--;
        }
        return new Tally(tally.values(), tally.firstYear(), tally.years(), tally.total() - 1);
    }

    /** The records {@code postings} holds that {@code live} says are live, counted. */
    private static Tally counted(LeafReader segment, PostingsEnum postings, Bits live) throws IOException {
        FacetColumns columns = FacetColumns.of(segment);
        int[] values = new int[columns.valueCount];
        int[] years = new int[FacetCounter.YEARS];
        int total = 0;
        for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
            if (live == null || live.get(doc)) {
                total++;
                years[columns.year(doc)]++;
                for (int i = columns.firstOrd(doc); i < columns.endOrd(doc); i++) {
                    values[columns.ords[i]]++;
                }
            }
        }
        int first = 0;
        while (first < years.length && years[first] == 0) {
            first++;
        }
        int last = years.length;
        while (last > first && years[last - 1] == 0) {
            last--;
        }
        return new Tally(values, first, Arrays.copyOfRange(years, first, last), total);
    }
}
