package org.dossier.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
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
 * The counts under some facet values alone (every other value and every year among the live
 * records that have all of them: one value browsed, or values of two facets browsed together), made
 * from per-segment tallies carried from one snapshot to the next, as {@link LiveTallies} carries the
 * counts over everything.
 *
 * <p>Why: a value browsed for the first time on a snapshot visited every record with it (a popular
 * type or person is a third to a half of the catalogue) to count the other facets and the years,
 * and an editor's save makes a new snapshot about once a second, so a popular value was counted
 * again and again. But a segment never changes except by losing records: a popular value's tally in
 * a segment is counted once, and a later snapshot's is the earlier one less the records deleted
 * since (few); only new segments (a change's own, small, or a merge's) are counted whole. The sum
 * is exactly what a pass over the values' live records counts ({@code ValueTalliesTest} compares
 * the two after edits, withdrawals and merges).
 *
 * <p>Kept only where the rarest of the values holds at least a hundredth of a segment (visiting its
 * records is the work a tally saves; a rarer one is counted from its postings when asked, which
 * visits few records), and at most {@link #KEPT_PER_SEGMENT} per segment. A tally is a segment's
 * values (its ordinals: ~200 at 1,000,000 records) and the span of years and decades its records have, about a
 * kilobyte: a segment's tallies weigh at most about a megabyte; at 1,000,000 records (two segments)
 * the load benchmark's 4,000 requests leave 983 tallies, about 1.2 MB (BENCHMARKS.md).
 */
final class ValueTallies {

    /** Values are tallied in a segment when the rarest holds at least this share (1/100) of its records. */
    private static final int KEPT_SHARE = 100;
    /** At most this many tallies are kept for one segment (about a megabyte at most); later ones are counted when asked. */
    private static final int KEPT_PER_SEGMENT = 1_024;

    /**
     * One segment's live records with all of some values, counted: by the segment's ordinals, by
     * year from {@code firstYear}, by decade from {@code firstDecade} (see
     * {@link FacetColumns#countDecades}), in all; {@code of}, the segment's ordinals of the values.
     */
    private record Tally(int[] of, int[] values, int firstYear, int[] years, int firstDecade, int[] decades,
                         int undated, int total) {
    }

    private ValueTallies() {
    }

    /** At most this many counts under values a record must all have are summed for one count "any of" values. */
    private static final int MOST_TERMS = 9;

    /**
     * The counts under {@code groups} alone over {@code searcher}'s live records (the records with
     * at least one value of each group: terms of the facets field), as a pass of {@link FacetCounter}
     * over them with only those filters counts them: every record a hit, none failing. A group of
     * one value is a value every record must have; one of several is summed by inclusion and
     * exclusion (a or b: a, plus b, less a and b), from counts under values that a record must all
     * have, each from its tallies. Null when that takes more than {@link #MOST_TERMS} such counts.
     * Segments are tallied on the searcher's threads, from the tallies {@code memory} keeps.
     */
    static FacetCounter.Counts under(IndexSearcher searcher, Ordinals ordinals, List<List<Term>> groups,
                                     SegmentMemory memory) throws IOException {
        Map<List<BytesRef>, Integer> terms = new HashMap<>();
        terms.put(List.of(), 1);
        for (List<Term> group : groups) {
            Map<List<BytesRef>, Integer> next = new HashMap<>();
            for (int subset = 1; subset < 1 << group.size(); subset++) {
                List<BytesRef> chosen = new ArrayList<>();
                for (int i = 0; i < group.size(); i++) {
                    if ((subset & 1 << i) != 0) {
                        chosen.add(group.get(i).bytes());
                    }
                }
                int sign = Integer.bitCount(subset) % 2 == 1 ? 1 : -1;
                terms.forEach((values, before) -> {
                    List<BytesRef> all = new ArrayList<>(values);
                    all.addAll(chosen);
                    next.merge(all.stream().sorted().distinct().toList(), before * sign, Integer::sum);
                });
            }
            terms = next;
            if (terms.size() > MOST_TERMS) {
                return null;
            }
        }
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        List<Map.Entry<List<BytesRef>, Integer>> summed = List.copyOf(terms.entrySet());
        List<Callable<List<Tally>>> tallying = new ArrayList<>(leaves.size());
        for (LeafReaderContext leaf : leaves) {
            tallying.add(() -> {
                List<Tally> each = new ArrayList<>(summed.size());
                for (Map.Entry<List<BytesRef>, Integer> term : summed) {
                    each.add(term.getValue() == 0 ? null : tally(leaf.reader(), term.getKey(), memory));
                }
                return each;
            });
        }
        List<List<Tally>> tallies = searcher.getTaskExecutor().invokeAll(tallying);
        FacetCounter.Counts sum = new FacetCounter.Counts(ordinals.size());
        for (LeafReaderContext leaf : leaves) {
            LongValues toGlobal = ordinals.toGlobal(leaf.ord);
            for (int t = 0; t < summed.size(); t++) {
                Tally tally = tallies.get(leaf.ord).get(t);
                if (tally != null) {
                    add(sum, tally, toGlobal, summed.get(t).getValue());
                }
            }
        }
        return sum;
    }

    /** {@code times} {@code tally} (a segment's, its ordinals mapped by {@code toGlobal}) added to {@code sum}. */
    private static void add(FacetCounter.Counts sum, Tally tally, LongValues toGlobal, int times) {
        int[] counts = tally.values();
        for (int ord = 0; ord < counts.length; ord++) {
            if (counts[ord] != 0) {
                sum.values[(int) toGlobal.get(ord)] += times * counts[ord];
            }
        }
        int[] years = tally.years();
        for (int i = 0; i < years.length; i++) {
            sum.years[tally.firstYear() + i] += times * years[i];
            sum.yearsAnyDate[tally.firstYear() + i] += times * years[i];
        }
        int[] decades = tally.decades();
        for (int i = 0; i < decades.length; i++) {
            sum.decadesAnyDate[tally.firstDecade() + i] += times * decades[i];
        }
        sum.undatedAnyDate += times * tally.undated();
        sum.total += times * tally.total();
    }

    /** The segment's live records with every value of {@code key} counted: kept, carried, or counted now; null for none. */
    private static Tally tally(LeafReader segment, List<BytesRef> key, SegmentMemory memory) throws IOException {
        SortedSetDocValues facets = DocValues.getSortedSet(segment, IndexLayout.FACETS);
        int[] of = new int[key.size()];
        BytesRef rarest = null;
        int fewest = Integer.MAX_VALUE;
        for (int i = 0; i < of.length; i++) {
            long ord = facets.lookupTerm(key.get(i));
            if (ord < 0) {
                return null; // no record of the segment has this value
            }
            of[i] = (int) ord;
            int records = segment.docFreq(new Term(IndexLayout.FACETS, key.get(i)));
            if (records < fewest) {
                fewest = records;
                rarest = key.get(i);
            }
        }
        Term lead = new Term(IndexLayout.FACETS, rarest);
        IndexReader.CacheHelper helper = segment.getCoreCacheHelper();
        if (helper == null || (long) fewest * KEPT_SHARE < segment.maxDoc()) {
            return counted(segment, of, lead, segment.getLiveDocs(), memory);
        }
        Segment kept = SegmentMemory.kept(memory.valueTallies, segment,
                fresh -> new Segment(fresh.getLiveDocs(), fresh.numDeletedDocs()));
        return kept.tally(segment, key, of, lead, memory);
    }

    /**
     * The tallies of one segment, each as of the same deletions ({@link #deleted}): a snapshot with
     * more deletions carries them all forward at once (one walk of the segment's deletions for all
     * of them); one with fewer (an older snapshot still being read) is counted for itself.
     */
    static final class Segment {
        private Bits liveDocs;
        private int deleted;
        /** By the values' terms, sorted. */
        private final Map<List<BytesRef>, Tally> byValues = new HashMap<>();

        Segment(Bits liveDocs, int deleted) {
            this.liveDocs = liveDocs;
            this.deleted = deleted;
        }

        synchronized Tally tally(LeafReader segment, List<BytesRef> key, int[] of, Term lead, SegmentMemory memory)
                throws IOException {
            int now = segment.numDeletedDocs();
            if (now < deleted) {
                return counted(segment, of, lead, segment.getLiveDocs(), memory); // deletions only grow: an older snapshot
            }
            if (now > deleted) {
                lessDeletedSince(segment, memory);
            }
            Tally tally = byValues.get(key);
            if (tally == null) {
                tally = counted(segment, of, lead, liveDocs, memory);
                if (byValues.size() < KEPT_PER_SEGMENT) {
                    byValues.put(key.stream().map(BytesRef::deepCopyOf).toList(), tally);
                }
            }
            return tally;
        }

        /** Every tally less the records deleted from the segment since: those that had all its values. */
        private void lessDeletedSince(LeafReader segment, SegmentMemory memory) throws IOException {
            Bits live = segment.getLiveDocs();
            if (!byValues.isEmpty()) {
                FacetColumns columns = FacetColumns.of(segment, memory);
                // Copies, changed in place and then put in the originals' stead: a tally once handed
                // out is never changed (a search on another thread may be summing it).
                Map<List<BytesRef>, Tally> carried = new HashMap<>();
                for (int doc = 0; doc < segment.maxDoc(); doc++) {
                    if ((liveDocs == null || liveDocs.get(doc)) && !live.get(doc)) {
                        for (Map.Entry<List<BytesRef>, Tally> kept : byValues.entrySet()) {
                            if (hasAll(columns, doc, kept.getValue().of())) {
                                Tally tally = carried.computeIfAbsent(kept.getKey(), k -> copy(kept.getValue()));
                                carried.put(kept.getKey(), less(tally, columns, doc));
                            }
                        }
                    }
                }
                byValues.putAll(carried);
            }
            liveDocs = live;
            deleted = segment.numDeletedDocs();
        }
    }

    private static Tally copy(Tally tally) {
        return new Tally(tally.of(), tally.values().clone(), tally.firstYear(), tally.years().clone(),
                tally.firstDecade(), tally.decades().clone(), tally.undated(), tally.total());
    }

    /** {@code tally} (a copy of its own, changed in place) less record {@code doc}. */
    private static Tally less(Tally tally, FacetColumns columns, int doc) {
        int undated = columns.tally(doc, tally.values(), tally.years(), tally.firstYear(), tally.decades(),
                tally.firstDecade(), -1);
        return new Tally(tally.of(), tally.values(), tally.firstYear(), tally.years(), tally.firstDecade(), tally.decades(),
                tally.undated() + undated, tally.total() - 1);
    }

    /** Whether record {@code doc} has every value of {@code of} (the segment's ordinals). */
    private static boolean hasAll(FacetColumns columns, int doc, int[] of) {
        for (int value : of) {
            boolean has = false;
            for (int i = columns.firstOrd(doc); i < columns.endOrd(doc) && !has; i++) {
                has = columns.ords[i] == value;
            }
            if (!has) {
                return false;
            }
        }
        return true;
    }

    /**
     * The records with {@code lead} (the rarest of the values) that have every value of {@code of}
     * and that {@code live} says are live, counted.
     */
    private static Tally counted(LeafReader segment, int[] of, Term lead, Bits live, SegmentMemory memory)
            throws IOException {
        FacetColumns columns = FacetColumns.of(segment, memory);
        PostingsEnum postings = segment.postings(lead, PostingsEnum.NONE);
        int[] values = new int[columns.valueCount];
        int[] years = new int[FacetCounter.YEARS];
        int[] decades = new int[FacetCounter.DECADES];
        int undated = 0;
        int total = 0;
        for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
            if ((live == null || live.get(doc)) && (of.length == 1 || hasAll(columns, doc, of))) {
                total++;
                undated += columns.tally(doc, values, years, 0, decades, 0, 1);
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
        // The decades of the years counted (none when no record is dated: first is then years.length).
        int firstDecade = Math.min(first / 10, decades.length);
        int lastDecade = last > first ? (last - 1) / 10 + 1 : firstDecade;
        return new Tally(of, values, first, Arrays.copyOfRange(years, first, last), firstDecade,
                Arrays.copyOfRange(decades, firstDecade, lastDecade), undated, total);
    }
}
