package org.dossier.search;

import java.io.IOException;
import java.util.Arrays;
import java.util.Collection;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.util.LongValues;

/**
 * Counts multi-select facets exactly, in one pass over the candidate records (drill sideways):
 * for each record it works out which of the active filters it fails. A record failing none is
 * a hit and counts everywhere; a record failing exactly one filter counts only for that filter's
 * own facet (it is what ticking another value there would add); a record failing two or more
 * counts nowhere (the date histogram and the undated records' count, which ignore the years, the
 * range and the undated filter, are the one exception).
 *
 * <p>The work per record is a few array reads ({@link FacetColumns}: each segment's doc values,
 * decoded once), whatever the number of filters or facet values; segments are counted in
 * parallel and summed. A date range is decided from each record's years, its days read from doc
 * values only when its period starts or ends in a year the range takes in part.
 */
final class FacetCounter implements CollectorManager<FacetCounter.SliceCounter, FacetCounter.Counts> {

    static final int YEARS = 10_000;
    /** Decades are numbered by their first year over ten (196 for the 1960s). */
    static final int DECADES = YEARS / 10;

    /**
     * What one pass counted. Facet values are counted by global ordinal, years by the year; no
     * count can exceed the number of records in the index, an int.
     */
    static final class Counts implements KeptCounts {
        final int[] values;
        /** By year less {@link #firstYear}. */
        final int[] years;
        /** By year less {@link #firstYear}. */
        final int[] yearsAnyDate;
        /**
         * The year the years' first place stands for: the first of the pass's {@link YearSpan} as a
         * pass counts (0 where every year has its place), the first year counted in counts kept for
         * later searches ({@link #trimmed}).
         */
        final int firstYear;
        /** Counted where {@link #yearsAnyDate} is, each record once under each decade it touches; by decade less {@link #firstDecade}. */
        final int[] decadesAnyDate;
        /** The decade the decades' first place stands for (see {@link #firstYear}). */
        final int firstDecade;
        /** The undated records, counted where {@link #yearsAnyDate} counts the dated: given every filter but the dates'. */
        int undatedAnyDate;
        /** Records failing exactly this one filter, by {@link Filter#ordinal()}. */
        final int[] failingOnly;
        int total;
        /** Every record the pass visited, counted as if no filter were asked; null unless asked for. */
        final Counts unfiltered;

        Counts(int valueCount) {
            this(valueCount, false);
        }

        Counts(int valueCount, boolean withUnfiltered) {
            this(valueCount, withUnfiltered, YearSpan.EVERY);
        }

        /** Counts with a place for each year of {@code span} and each decade it touches. */
        Counts(int valueCount, boolean withUnfiltered, YearSpan span) {
            this(new int[valueCount], span.first(), new int[span.years()], new int[span.years()], span.firstDecade(),
                    new int[span.decades()], new int[Filter.values().length],
                    withUnfiltered ? new Counts(valueCount, false, span) : null);
        }

        private Counts(int[] values, int firstYear, int[] years, int[] yearsAnyDate, int firstDecade,
                       int[] decadesAnyDate, int[] failingOnly, Counts unfiltered) {
            this.values = values;
            this.firstYear = firstYear;
            this.years = years;
            this.yearsAnyDate = yearsAnyDate;
            this.firstDecade = firstDecade;
            this.decadesAnyDate = decadesAnyDate;
            this.failingOnly = failingOnly;
            this.unfiltered = unfiltered;
        }

        /**
         * The same counts with their years and decades cut to those counted, to be kept for later
         * searches ({@link Snapshot#keepCountsUnder}): a pass counts into a place for every year
         * there could be (10,000 of them, twice), and those places were nine tenths of a kept
         * count's weight, so that the store for counts under words or one filter alone (a third of
         * {@code --kept-answers}) held about 85 of them at a million records, too few for the
         * words and values a catalogue's readers keep coming back to.
         */
        Counts trimmed() {
            int[] yearSpan = countedSpan(years, yearsAnyDate);
            int[] decadeSpan = countedSpan(decadesAnyDate);
            Counts trimmed = new Counts(values.clone(), firstYear + yearSpan[0],
                    Arrays.copyOfRange(years, yearSpan[0], yearSpan[1]),
                    Arrays.copyOfRange(yearsAnyDate, yearSpan[0], yearSpan[1]), firstDecade + decadeSpan[0],
                    Arrays.copyOfRange(decadesAnyDate, decadeSpan[0], decadeSpan[1]), failingOnly.clone(),
                    unfiltered == null ? null : unfiltered.trimmed());
            trimmed.total = total;
            trimmed.undatedAnyDate = undatedAnyDate;
            return trimmed;
        }

        /**
         * These counts without what the pass counted unfiltered beside them ({@link #unfiltered}),
         * the arrays shared: for keeping them under the filters they were taken under, where the
         * unfiltered ones would be kept twice over.
         */
        Counts withoutUnfiltered() {
            if (unfiltered == null) {
                return this;
            }
            Counts alone = new Counts(values, firstYear, years, yearsAnyDate, firstDecade, decadesAnyDate, failingOnly, null);
            alone.total = total;
            alone.undatedAnyDate = undatedAnyDate;
            return alone;
        }

        /**
         * The places, from (inclusive) to (exclusive), between the first and the last that any of
         * {@code arrays} (all of one length) counted anything in; {0, 0} where none did.
         */
        private static int[] countedSpan(int[]... arrays) {
            int from = Integer.MAX_VALUE;
            int to = -1;
            for (int[] counts : arrays) {
                for (int i = 0; i < counts.length; i++) {
                    if (counts[i] != 0) {
                        from = Math.min(from, i);
                        to = Math.max(to, i);
                    }
                }
            }
            return to < 0 ? new int[] {0, 0} : new int[] {from, to + 1};
        }

        /** About what these counts take in memory, in bytes. */
        @Override
        public int weight() {
            return 80 + 4 * (values.length + years.length + yearsAnyDate.length + decadesAnyDate.length
                    + failingOnly.length)
                    + (unfiltered == null ? 0 : unfiltered.weight());
        }

        long without(Filter filter) {
            return total + failingOnly[filter.ordinal()];
        }

        /** Adds {@code other} to these, both with places for the same years (counted as one pass counts). */
        void add(Counts other) {
            if (firstYear != other.firstYear || years.length != other.years.length || firstDecade != other.firstDecade
                    || decadesAnyDate.length != other.decadesAnyDate.length) {
                throw new IllegalArgumentException("only counts with places for the same years are added up");
            }
            for (int i = 0; i < values.length; i++) {
                values[i] += other.values[i];
            }
            for (int y = 0; y < years.length; y++) {
                years[y] += other.years[y];
                yearsAnyDate[y] += other.yearsAnyDate[y];
            }
            for (int d = 0; d < decadesAnyDate.length; d++) {
                decadesAnyDate[d] += other.decadesAnyDate[d];
            }
            for (int f = 0; f < failingOnly.length; f++) {
                failingOnly[f] += other.failingOnly[f];
            }
            total += other.total;
            undatedAnyDate += other.undatedAnyDate;
            if (unfiltered != null) {
                unfiltered.add(other.unfiltered);
            }
        }
    }

    /** How many records a leaf's counter collects before it counts them ({@code LeafCounter.countPending}). */
    private static final int BATCH = 64;
    private static final int YEAR_BIT = Filter.YEAR.bit();
    private static final int DATES_BIT = Filter.DATES.bit();
    private static final int UNDATED_BIT = Filter.UNDATED.bit();
    /** The filters by date: a record failing only these is counted in the histogram (or as undated). */
    static final int DATE_BITS = YEAR_BIT | DATES_BIT | UNDATED_BIT;

    private final Ordinals ordinals;
    private final SegmentMemory memory;
    private final RequestFilters filters;
    private final boolean alsoUnfiltered;
    /** The years the pass has a place for: every year a record of the index searched touches. */
    private final YearSpan span;
    /** By leaf ordinal, the records that failed no filter, and how many; null unless asked for. */
    private final PagedBitSet[] hitsByLeaf;
    private final int[] hitCounts;
    /** Whether to count the other facets' values of the records failing only a facet filter ({@link #othersOfNearMisses}). */
    private final boolean nearMissOthers;
    private int[] othersOfNearMisses;

    /** The counts a search page shows, and nothing besides. */
    FacetCounter(Ordinals ordinals, SegmentMemory memory, RequestFilters filters) {
        this(ordinals, memory, filters, false, 0, false);
    }

    /**
     * {@code alsoUnfiltered}: count every record visited a second time as if no filter were asked
     * ({@link Counts#unfiltered}), in the same pass: the counts under the words alone, which a
     * later search for the same words with a filter can be given instead of visiting every record.
     * {@code hitsOfLeaves}: when above 0, the number of leaves of the reader searched, and the hits
     * (records failing no filter) are kept as well ({@link #hits}). {@code nearMissOthers}: count,
     * besides, the values of every other facet of the records failing only a facet's filter
     * ({@link #othersOfNearMisses}).
     */
    FacetCounter(Ordinals ordinals, SegmentMemory memory, RequestFilters filters, boolean alsoUnfiltered,
                 int hitsOfLeaves, boolean nearMissOthers) {
        this(ordinals, memory, filters, alsoUnfiltered, hitsOfLeaves, nearMissOthers, YearSpan.EVERY);
    }

    /**
     * As above, the counts with a place for each year of {@code span} only, which must hold every
     * year any record of the index searched touches ({@link Snapshot#yearSpan()}).
     */
    FacetCounter(Ordinals ordinals, SegmentMemory memory, RequestFilters filters, boolean alsoUnfiltered,
                 int hitsOfLeaves, boolean nearMissOthers, YearSpan span) {
        this.span = span;
        this.nearMissOthers = nearMissOthers;
        this.ordinals = ordinals;
        this.memory = memory;
        this.filters = filters;
        this.alsoUnfiltered = alsoUnfiltered;
        this.hitsByLeaf = hitsOfLeaves > 0 ? new PagedBitSet[hitsOfLeaves] : null;
        this.hitCounts = hitsOfLeaves > 0 ? new int[hitsOfLeaves] : null;
    }

    /** The hits the pass found, once it is over; null unless asked for. */
    RecordSet hits() {
        return hitsByLeaf == null ? null : new RecordSet(hitsByLeaf, hitCounts);
    }

    /**
     * By global ordinal, once the pass is over, the values of the facets other than the one
     * whose filter they failed of the records failing only a facet's filter: what the records with
     * the words and the other filters, counted as hits there, add to the counts of those facets.
     * Null unless asked for.
     */
    int[] othersOfNearMisses() {
        return othersOfNearMisses;
    }

    @Override
    public SliceCounter newCollector() {
        return new SliceCounter();
    }

    @Override
    public Counts reduce(Collection<SliceCounter> slices) {
        Counts sum = new Counts(ordinals.size(), alsoUnfiltered, span);
        int[] others = nearMissOthers ? new int[ordinals.size()] : null;
        for (SliceCounter slice : slices) {
            sum.add(slice.counts);
            for (int ord = 0; others != null && ord < others.length; ord++) {
                others[ord] += slice.others[ord];
            }
        }
        othersOfNearMisses = others;
        return sum;
    }

    final class SliceCounter implements Collector {

        final Counts counts = new Counts(ordinals.size(), alsoUnfiltered, span);
        /** By global ordinal, as {@link #othersOfNearMisses}; null unless asked for. */
        final int[] others = nearMissOthers ? new int[ordinals.size()] : null;

        @Override
        public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
            return new LeafCounter(context);
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }

        private final class LeafCounter implements LeafCollector {
            private final int[] starts;
            private final int[] columnOrds;
            private final NumericDocValues spans;
            private final LongValues toGlobal;
            /** By segment ordinal: the filter bit of its facet, and whether it is ticked. */
            private final int[] filterBit;
            private final boolean[] ticked;
            private final int[] valueCounts;
            /** By segment ordinal, as if no filter were asked; null unless asked for. */
            private final int[] unfilteredValueCounts;
            /** By segment ordinal, as {@link #othersOfNearMisses}; null unless asked for. */
            private final int[] otherValueCounts;
            private final int[] matched = new int[Filter.values().length];
            /** The year and the decade of the counts' first places ({@link #span}). */
            private final int firstYear = span.first();
            private final int firstDecade = span.firstDecade();
            private final int leaf;
            /** The records that failed no filter; null unless asked for. */
            private final PagedBitSet hits;
            private int hitCount;
            /** Records collected and not yet counted, in the order collected ({@link #countPending}). */
            private final int[] pending = new int[BATCH];
            private int pendingCount;
            /** Of each pending record: where its run starts and ends in the columns, its first number (its years) and its last. */
            private final int[] pendingFrom = new int[BATCH];
            private final int[] pendingTo = new int[BATCH];
            private final int[] pendingYears = new int[BATCH];
            private final int[] pendingLast = new int[BATCH];

            LeafCounter(LeafReaderContext context) throws IOException {
                leaf = context.ord;
                hits = hitsByLeaf == null ? null : new PagedBitSet(context.reader().maxDoc());
                FacetColumns columns = FacetColumns.of(context.reader(), memory);
                starts = columns.starts;
                columnOrds = columns.ords;
                spans = filters.dateFilter ? DocValues.getNumeric(context.reader(), IndexLayout.SPAN) : null;
                toGlobal = ordinals.toGlobal(context.ord);
                int segmentValues = columns.valueCount;
                filterBit = new int[segmentValues];
                ticked = new boolean[segmentValues];
                valueCounts = new int[segmentValues];
                unfilteredValueCounts = alsoUnfiltered ? new int[segmentValues] : null;
                otherValueCounts = nearMissOthers ? new int[segmentValues] : null;
                for (int ord = 0; ord < segmentValues; ord++) {
                    int global = (int) toGlobal.get(ord);
                    Facet facet = ordinals.facetOf(global);
                    filterBit[ord] = facet == null ? 0 : Filter.of(facet).bit();
                    ticked[ord] = filters.selectedValues.get(global);
                }
            }

            @Override
            public void setScorer(Scorable scorer) {
                // scores are not needed to count
            }

            @Override
            public void collect(int doc) throws IOException {
                pending[pendingCount++] = doc;
                if (pendingCount == BATCH) {
                    countPending();
                }
            }

            /**
             * Counts the records collected so far. Why a batch: the pass is bound by reading each
             * record's run from memory (where it starts and ends, then its numbers), a cache miss
             * or two a record among sparse hits; counted as it is collected, a record's loads wait
             * on each other and the next record's wait on Lucene's. Here the batch's starts are
             * read in one loop and its runs' first and last numbers in a second (a run may cross
             * into the next line of memory), loads independent of each other that the processor
             * fetches side by side; the counting then finds them in its cache. A third less of the
             * pass's own time (BENCHMARKS.md, "The counting pass a batch at a time").
             */
            private void countPending() throws IOException {
                int n = pendingCount;
                int[] docs = pending;
                int[] from = pendingFrom;
                int[] to = pendingTo;
                int[] years = pendingYears;
                int[] last = pendingLast;
                int[] runStarts = starts;
                int[] ords = columnOrds;
                for (int i = 0; i < n; i++) {
                    from[i] = runStarts[docs[i]];
                    to[i] = runStarts[docs[i] + 1];
                }
                for (int i = 0; i < n; i++) {
                    years[i] = ords[from[i]];
                    // Stored, not used: only so that the load is made (an unused one may be left out).
                    last[i] = ords[to[i] - 1];
                }
                for (int i = 0; i < n; i++) {
                    count(docs[i], from[i], to[i], years[i]);
                }
                pendingCount = 0;
            }

            /**
             * Counts record {@code doc}, whose run is from {@code run} to {@code to} in the columns
             * and whose years (the run's first number) are {@code years}.
             */
            private void count(int doc, int run, int to, int years) throws IOException {
                RequestFilters asked = filters;
                int facetFilterBits = asked.facetBits;
                int allBits = asked.allBits;
                // A record's run is its years, then its ordinals (see FacetColumns).
                int from = run + 1;
                int[] ords = columnOrds;
                boolean dated = years != FacetColumns.UNDATED;
                int year = FacetColumns.startYear(years);
                // A span is counted under each year it covers ("1961–1962" under 1961 and 1962).
                int lastYear = Math.max(year, FacetColumns.endYear(years));
                if (unfilteredValueCounts != null) {
                    Counts all = counts.unfiltered;
                    all.total++;
                    if (dated) {
                        FacetColumns.countYears(all.years, year, lastYear, firstYear, 1);
                        FacetColumns.countYears(all.yearsAnyDate, year, lastYear, firstYear, 1);
                        FacetColumns.countDecades(all.decadesAnyDate, year, lastYear, firstDecade, 1);
                    } else {
                        all.undatedAnyDate++;
                    }
                    for (int i = from; i < to; i++) {
                        unfilteredValueCounts[ords[i]]++;
                    }
                }
                int passed = 0;
                if (facetFilterBits != 0 && allBits == 0) {
                    for (int i = from; i < to; i++) {
                        if (ticked[ords[i]]) {
                            passed |= filterBit[ords[i]];
                        }
                    }
                } else if (facetFilterBits != 0) {
                    int[] seen = matched;
                    Arrays.fill(seen, 0);
                    for (int i = from; i < to; i++) {
                        if (ticked[ords[i]]) {
                            int bit = filterBit[ords[i]];
                            if ((bit & allBits) == 0) {
                                passed |= bit;
                            } else {
                                seen[Integer.numberOfTrailingZeros(bit)]++;
                            }
                        }
                    }
                    for (int f = 0; f < seen.length; f++) {
                        if ((allBits & (1 << f)) != 0 && seen[f] >= asked.needed[f]) {
                            passed |= 1 << f;
                        }
                    }
                }
                int failed = facetFilterBits & ~passed;
                // An undated record is in no year and no range.
                if (asked.selectedYears != null && (!dated || (year == lastYear ? !asked.selectedYears[year]
                        : !FacetColumns.anyTicked(asked.selectedYears, year, lastYear)))) {
                    failed |= YEAR_BIT;
                }
                if (asked.dateFilter && (!dated || asked.outsideRange(year, FacetColumns.endYear(years), spans, doc))) {
                    failed |= DATES_BIT;
                }
                if (asked.undatedOnly && dated) {
                    failed |= UNDATED_BIT;
                }
                Counts c = counts;
                if (failed == 0) {
                    if (hits != null) {
                        hits.set(doc);
                        hitCount++;
                    }
                    c.total++;
                    for (int i = from; i < to; i++) {
                        valueCounts[ords[i]]++;
                    }
                } else if ((failed & (failed - 1)) == 0) {
                    c.failingOnly[Integer.numberOfTrailingZeros(failed)]++;
                    if ((failed & DATE_BITS) == 0 && (failed & allBits) == 0) {
                        int[] others = otherValueCounts;
                        for (int i = from; i < to; i++) {
                            if (filterBit[ords[i]] == failed) {
                                valueCounts[ords[i]]++;
                            } else if (others != null) {
                                others[ords[i]]++;
                            }
                        }
                    }
                }
                if ((failed & ~DATE_BITS) == 0) {
                    // Failing none but the dates' filters: in the histogram (or the undated records'
                    // count), which lifts them all; and, failing no more than the years, in the
                    // years' counts, which lift only those.
                    if (!dated) {
                        c.undatedAnyDate++;
                    } else if (year == lastYear) {
                        // One year, as all but a few records are: its places counted directly,
                        // not through the loops over a span's years and decades.
                        if ((failed & ~YEAR_BIT) == 0) {
                            c.years[year - firstYear]++;
                        }
                        c.yearsAnyDate[year - firstYear]++;
                        c.decadesAnyDate[year / 10 - firstDecade]++;
                    } else {
                        if ((failed & ~YEAR_BIT) == 0) {
                            FacetColumns.countYears(c.years, year, lastYear, firstYear, 1);
                        }
                        FacetColumns.countYears(c.yearsAnyDate, year, lastYear, firstYear, 1);
                        FacetColumns.countDecades(c.decadesAnyDate, year, lastYear, firstDecade, 1);
                    }
                }
            }

            @Override
            public void finish() throws IOException {
                countPending();
                if (hits != null) {
                    // Each leaf is counted by one slice, so each slot is written once; the search's
                    // end (its slices' futures) publishes them to the thread that asked.
                    hitsByLeaf[leaf] = hits;
                    hitCounts[leaf] = hitCount;
                }
                for (int ord = 0; ord < valueCounts.length; ord++) {
                    if (valueCounts[ord] != 0) {
                        counts.values[(int) toGlobal.get(ord)] += valueCounts[ord];
                    }
                    if (unfilteredValueCounts != null && unfilteredValueCounts[ord] != 0) {
                        counts.unfiltered.values[(int) toGlobal.get(ord)] += unfilteredValueCounts[ord];
                    }
                    if (otherValueCounts != null && otherValueCounts[ord] != 0) {
                        others[(int) toGlobal.get(ord)] += otherValueCounts[ord];
                    }
                }
            }
        }
    }
}
