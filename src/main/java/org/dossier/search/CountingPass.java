package org.dossier.search;

import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MultiCollectorManager;
import org.apache.lucene.search.Query;

/**
 * The counts a page needs, by the set of filters (a bit mask) each is taken under. Counts under
 * no filter and no words are the snapshot's counts of everything; all others come from one
 * counting pass over the records that fail at most the one filter their count lifts.
 */
final class CountingPass {
    /**
     * The share of the catalogue above which the filters' records are not worth skipping to
     * (measured: with a range of a decade or so and a facet value, visiting every record with
     * the words took a tenth less CPU, the range's points then stepped beside the words; with a
     * facet value alone, a quarter more). A range alone among those sets no longer comes to
     * this: its records are kept as bits ({@link RangeRecords}).
     */
    private static final double WIDE_FILTERS = 0.5;
    private final Snapshot snapshot;
    private final boolean words;
    /** The counts under the words alone, when they were taken apart from the pass; else null. */
    private final FacetCounter.Counts wordsAlone;
    private final FacetCounter.Counts pass;
    /**
     * The hits, when asked for: the records that passed every filter, when a pass ran
     * ({@link RecordSet}); when the hits were counted from rows by span instead (no pass visited
     * them), their query: the records meeting the range, kept as bits ({@link RangeRecords}), and
     * the other filters. Else null.
     */
    final Query hits;
    /** The records kept as bits {@link #hits} is led by: the hits themselves, or the range's; null with no hits. */
    final RecordSet hitsBits;
    /** The index docs of the first hits in the order {@code byDate} asked, when the pass sorted them; else null. */
    final int[] sorted;
    /**
     * Counts taken from the snapshot instead of the pass, by the filters (their bits) they are
     * under: without words, under one facet filter alone (kept from earlier browsing, or summed
     * from the values' tallies); with words, under the words and every filter but one, kept by
     * an earlier pass that lifted that one too ({@link #keepSideways}).
     */
    private final Map<Integer, FacetCounter.Counts> filterAlone;

    /**
     * {@code ranking}: the words as scored, when the pass is to rank their first {@code ranked}
     * hits too (and keep them on the snapshot) while it counts them; null otherwise. Only a pass
     * over the words alone ranks: its hits are theirs. {@code byDate}: likewise, the collector of
     * their first hits by date, when the page is in that order; null otherwise.
     */
    CountingPass(Snapshot snapshot, Query words, RequestFilters filters, boolean recordHits, Query ranking, int ranked,
            FirstByDate byDate) throws IOException {
        this.snapshot = snapshot;
        this.words = words != null;
        int active = filters.activeBits;
        Set<Integer> needed = new LinkedHashSet<>();
        needed.add(active);
        needed.add(active & ~Searching.DATE_FILTERS);
        for (Filter filter : Filter.values()) {
            needed.add(active & ~filter.bit());
        }
        if (!this.words) {
            needed.remove(0);
        }
        // A count that lifts the only filter there is (the values of the one facet ticked, its
        // "without") is a count under the words alone: the same for every filter asked with
        // these words, so kept on the snapshot. Once kept, the pass need only visit the records
        // that pass the filters instead of every record with the words; until then, the one
        // pass over the words counts them too, to keep.
        FacetCounter.Counts kept = this.words && needed.contains(0) ? snapshot.keptCountsUnder(words) : null;
        if (kept != null) {
            needed.remove(0);
        }
        boolean keep = kept == null && this.words && needed.contains(0) && snapshot.keepsCounts();
        // The words are then the candidates (0 is needed): each is counted unfiltered as well.
        boolean alsoUnfiltered = keep && needed.size() > 1;
        // Without words, likewise, a count that lifts one of two filters is a count under the
        // other filter alone: the counts of a facet value browsed by itself, kept on the
        // snapshot by the browse that counted them, so that browsing two values of different
        // facets visits the records with both instead of the records with either. Counts under
        // facet values (one value, "any of" or "all of" several, values of two facets) are
        // summed, when not kept, from the values' tallies in each segment, carried from
        // snapshot to snapshot (ValueTallies): a value browsed for the first time on a new
        // snapshot, alone or with another, then visits no record at all.
        filterAlone = new HashMap<>();
        // With words, a count that lifts one filter of several (a facet value's, or the range's)
        // is a count under the words and the others: the same whichever value or range is
        // lifted, so kept on the snapshot by the pass that counted it. Found kept, the pass
        // need not visit the records that fail only the lifted filter; with every such count
        // kept, it visits only the hits.
        boolean sideways = this.words && snapshot.keepsCounts() && filters.allBits == 0;
        if (sideways) {
            for (int m : List.copyOf(needed)) {
                FacetCounter.Counts counts = m == 0 || m == active ? null
                        : snapshot.keptCountsUnder(Searching.and(words, filters.only(m)), active & ~m);
                if (counts == null && m != 0 && isOneFacetFilter(active & ~m, filters)) {
                    counts = snapshot.keptCountsUnder(Searching.and(words, filters.only(m)), Searching.ANY_ONE_FACET);
                }
                if (counts == null && m == Filter.DATES.bit() && isOneFacetFilter(active & ~m, filters)) {
                    // The words and the range, lifting the one facet's filter: its values and the
                    // total, summed from the words' rows by span of years for any range of whole
                    // years, rather than counted by visiting every record with the words that
                    // meets the range (null, and counted so, when the rows cannot say).
                    counts = YearRows.under(snapshot, words, filters);
                }
                if (counts != null) {
                    filterAlone.put(m, counts);
                    needed.remove(m);
                }
            }
        }
        // Every other count found, the hits' own are left: under a range of whole years, and
        // facet filters that are not "all of", the sums of the rows by span of years of the
        // records with the words and those filters (YearRows), kept when the same words and
        // values were asked before (with any range): no pass then visits the hits (a reader
        // trying range after range on the same search, as the load mix does; issue 14).
        RecordSet meeting = null;
        Query among = null;
        int rest = active & ~Filter.DATES.bit();
        if (sideways && needed.equals(Set.of(active)) && rest != 0 && rest != active
                && (rest & ~filters.facetBits) == 0 && filters.rangeOfWholeYears()) {
            FacetCounter.Counts hitCounts = YearRows.under(snapshot, Searching.and(words, filters.only(rest)), filters,
                    snapshot.yearSpan());
            if (hitCounts != null) {
                filterAlone.put(active, hitCounts);
                needed.remove(active);
                meeting = snapshot.segments.ranges.meetingOrAnyOf(snapshot, filters, List.of());
                among = new BooleanQuery.Builder().add(meeting, Occur.FILTER).add(filters.only(rest), Occur.FILTER).build();
            }
        }
        // The one facet filter's near misses counted under every facet's values too, when the
        // words and the other filters are to be kept for lifting any facet's filter.
        int othersKept = active & ~filters.facetBits;
        boolean nearMissOthers = sideways && Integer.bitCount(filters.facetBits) == 1 && othersKept != 0
                && needed.contains(othersKept);
        if (!this.words) {
            for (int m : List.copyOf(needed)) {
                boolean oneFacet = isOneFacetFilter(m, filters);
                FacetCounter.Counts counts = oneFacet ? snapshot.keptCountsUnder(filters.only(m)) : null;
                if (counts == null) {
                    List<List<Term>> values = filters.valueGroups(m);
                    counts = values == null ? null : ValueTallies.under(snapshot, snapshot.ordinals, values, snapshot.segments);
                    if (counts != null && oneFacet) {
                        snapshot.keepCountsUnder(filters.only(m), counts);
                    }
                }
                if (counts != null) {
                    filterAlone.put(m, counts);
                    needed.remove(m);
                }
            }
        }
        int[] page = null;
        FacetCounter counter = needed.isEmpty() ? null : new FacetCounter(snapshot.ordinals, snapshot.segments,
                filters, alsoUnfiltered, recordHits ? snapshot.getIndexReader().leaves().size() : 0, nearMissOthers,
                snapshot.yearSpan());
        if (counter == null) {
            pass = kept;
        } else if (byDate != null && needed.equals(Set.of(0))) {
            // The words alone are the candidates (0 is needed, see candidates) and every one of
            // them is a hit: their first hits by date sorted while they are counted, rather
            // than every hit visited again (see FirstByDate).
            Object[] both = snapshot.search(candidates(snapshot, words, needed, filters),
                    new MultiCollectorManager(counter, byDate));
            pass = (FacetCounter.Counts) both[0];
            page = (int[]) both[1];
        } else if (ranking != null && needed.equals(Set.of(0))) {
            // The scored words match the records the counting words match: the same counts.
            Object[] both = snapshot.search(ranking, new MultiCollectorManager(counter,
                    new TopByScore(ranked, snapshot.segments)));
            pass = (FacetCounter.Counts) both[0];
            snapshot.keepFirstHits(ranking, new FirstHits((int[]) both[1], ranked));
        } else {
            pass = snapshot.search(candidates(snapshot, words, needed, filters), counter);
        }
        RecordSet passed = counter == null ? null : counter.hits();
        hits = passed != null ? passed : among;
        hitsBits = passed != null ? passed : meeting;
        sorted = page;
        if (sideways && counter != null) {
            Set<Integer> counted = new LinkedHashSet<>(needed);
            if (nearMissOthers) {
                // Kept below for lifting any facet's filter, not this one's alone.
                counted.remove(othersKept);
            }
            keepSideways(snapshot, words, filters, counted, pass);
            if (nearMissOthers) {
                snapshot.keepCountsUnder(Searching.and(words, filters.only(othersKept)), Searching.ANY_ONE_FACET,
                        underAnyFacetLifted(snapshot.ordinals.size(), pass, counter.othersOfNearMisses(),
                                Filter.values()[Integer.numberOfTrailingZeros(filters.facetBits)]));
            }
        }
        if (!this.words && isOneFacetFilter(active, filters) && needed.equals(Set.of(active))) {
            // A pass over one facet filter's records alone counted every one of them as a hit:
            // every field is the count under that filter alone.
            snapshot.keepCountsUnder(filters.only(active), pass);
        }
        if (kept != null) {
            wordsAlone = kept;
        } else if (keep) {
            wordsAlone = alsoUnfiltered ? pass.unfiltered : pass;
            snapshot.keepCountsUnder(words, wordsAlone);
        } else {
            wordsAlone = null;
        }
    }

    /**
     * The counts of every facet's values under the words and every filter but the one facet
     * filter {@code lifted}, and their total, from a pass that counted that facet's values
     * for the records failing only it and {@code others}, every other facet's: the hits'
     * values and those. The total without any one facet's filter is their total (nothing
     * fails only it there). Only those fields hold.
     */
    private static FacetCounter.Counts underAnyFacetLifted(int valueCount, FacetCounter.Counts pass, int[] others,
                                                           Filter lifted) {
        FacetCounter.Counts counts = new FacetCounter.Counts(valueCount);
        for (int ord = 0; ord < valueCount; ord++) {
            counts.values[ord] = pass.values[ord] + others[ord];
        }
        counts.total = pass.total + pass.failingOnly[lifted.ordinal()];
        return counts;
    }

    /**
     * Keeps the counts a pass took under the words and all the filters but some (each mask of
     * {@code counted} but the words alone), for a later search with the same words that lifts
     * the same filters ({@link Snapshot#keptCountsUnder(Query, int)}). What lifting them reads
     * holds in {@code pass} for every such mask: the pass visited every record with the words
     * that passes the mask's filters (its candidates are the words and any of the masks), and
     * counted each failing only a lifted facet's filter under that facet's values and each
     * failing only the dates' filters in the histogram. Its counts under every filter asked
     * hold, as well, what lifting a facet's filter it did not ask reads (its hits counted under
     * every facet), and, when it asked no date, what lifting a range reads: a later search
     * with the same words and filters and one more value, or a range, finds them there.
     */
    private static void keepSideways(Snapshot snapshot, Query words, RequestFilters filters, Set<Integer> counted,
                                     FacetCounter.Counts pass) {
        int active = filters.activeBits;
        FacetCounter.Counts kept = pass.withoutUnfiltered();
        for (int m : counted) {
            if (m == 0) {
                // The words alone: kept as such, or not at all (see the constructor).
                continue;
            }
            if (m == active) {
                // Every record passing them all is a hit, counted under every facet: what
                // lifting a facet they do not filter reads (a reader ticking one more value).
                snapshot.keepCountsUnder(Searching.and(words, filters.only(m)), Searching.ANY_ONE_FACET, kept);
                if ((active & Searching.DATE_FILTERS) == 0) {
                    snapshot.keepCountsUnder(Searching.and(words, filters.only(m)), Filter.DATES.bit(), kept);
                }
            } else {
                snapshot.keepCountsUnder(Searching.and(words, filters.only(m)), active & ~m, kept);
            }
        }
    }

    /**
     * The counts taken under {@code filterBits}. Only the fields a count under exactly those
     * filters reads are right for them: the pass may have left out records that fail more.
     */
    FacetCounter.Counts under(int filterBits) {
        FacetCounter.Counts alone = filterAlone.get(filterBits);
        if (alone != null) {
            return alone;
        }
        if (filterBits != 0) {
            return pass;
        }
        if (!words) {
            return snapshot.everything();
        }
        return wordsAlone != null ? wordsAlone : pass;
    }

    /** Whether {@code bits} is one filter by a facet's values (not the years, not the dates). */
    private static boolean isOneFacetFilter(int bits, RequestFilters filters) {
        return bits != 0 && (bits & (bits - 1)) == 0 && (bits & filters.facetBits) == bits;
    }

    /**
     * The words, and any of the filter sets: nothing outside them can count anywhere. Or the
     * words alone, when those sets take in most of the catalogue (a wide range of dates, say):
     * the pass then decides every filter itself (it must anyway), and skipping the few records
     * that fail them all costs more than visiting them (checking the filters' postings and
     * points for each of the words' records). Unless the range alone is among the sets: its
     * records are then kept as bits ({@link RangeRecords}), cheaper to check than to count
     * the records that fail it; or every set asks the range (the counts lifting its other
     * filters were kept, {@link #keepSideways}): the range's bits and the rest of those sets.
     */
    private static Query candidates(Snapshot snapshot, Query words, Set<Integer> needed, RequestFilters filters)
            throws IOException {
        List<Integer> smallest = needed.stream()
                .filter(m -> needed.stream().noneMatch(other -> other != m && (other & m) == other))
                .toList();
        if (smallest.contains(0)) {
            return Searching.and(words, null);
        }
        if (smallest.contains(Filter.DATES.bit())) {
            // The range alone among them: its records' bits, kept by segment, with the others'
            // records added, are checked a bit a record beside the words, however wide the range.
            List<Query> others = smallest.stream().filter(m -> m != Filter.DATES.bit()).map(filters::only).toList();
            return Searching.and(words, snapshot.segments.ranges.meetingOrAnyOf(snapshot, filters, others));
        }
        int range = Filter.DATES.bit();
        if (smallest.stream().allMatch(m -> (m & range) != 0)) {
            // Every set asks the range (the counts that lift the others were kept): the range's
            // bits, kept by segment, and any of what the sets ask besides, rather than the
            // range's points stepped beside the words.
            Query rest;
            if (smallest.size() == 1) {
                rest = filters.only(smallest.get(0) & ~range);
            } else {
                BooleanQuery.Builder any = new BooleanQuery.Builder().setMinimumNumberShouldMatch(1);
                smallest.forEach(m -> any.add(filters.only(m & ~range), Occur.SHOULD));
                rest = any.build();
            }
            return Searching.and(words, new BooleanQuery.Builder()
                    .add(snapshot.segments.ranges.meetingOrAnyOf(snapshot, filters, List.of()), Occur.FILTER)
                    .add(rest, Occur.FILTER).build());
        }
        if (words != null) {
            double outside = 1;
            for (int m : smallest) {
                outside *= 1 - filters.share(m, snapshot.everything(), snapshot.ordinals);
            }
            if (outside <= 1 - WIDE_FILTERS) {
                return Searching.and(words, null);
            }
        }
        if (smallest.size() == 1) {
            return Searching.and(words, filters.only(smallest.get(0)));
        }
        BooleanQuery.Builder any = new BooleanQuery.Builder().setMinimumNumberShouldMatch(1);
        smallest.forEach(m -> any.add(filters.only(m), Occur.SHOULD));
        return Searching.and(words, any.build());
    }
}
