package org.dossier.search;

import java.io.IOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.util.LongValues;

/**
 * The records of a search's words by the span of years of their period (the year it starts in and
 * the year it ends in: "1961", "1961–1962"), one row per span, each holding how many of the words'
 * records have that span and, by global ordinal, how many of them have each facet value. Undated
 * records are left out: they meet no range.
 *
 * <p>Why: a search with words, one facet value and a range of years shows the facet's values
 * under the words and the range (what ticking another value adds), which a counting pass took by
 * visiting every record with the words that meets the range (a popular word over a decade: most
 * of such a search's processor time, and the same for every value ticked with that range), and
 * which the counts kept for lifting the value ({@link Snapshot#keptCountsUnder(Query, int)}) hold
 * only for the one range they were counted with (the load mix asks a hundred). A range of whole
 * years meets every record of a span or none of them ({@link RequestFilters#rangeByYears}), so
 * the same counts, for any such range, are the sum of the rows whose span meets it: counted once
 * for the words, kept on the snapshot beside their other counts, and the pass then visits only
 * the records with the words and the value (issue 14, sweep {@code rangerows}).
 *
 * <p>The same rows are kept for words with facet values (a query of both), asked so with a range
 * of whole years: their sums over the spans meeting the range are the hits' own counts, with the
 * years of the hits, so that once every other count is found kept, no pass visits the hits at all
 * ({@link CountingPass}).
 */
final class YearRows implements KeptCounts {

    /** The spans, as a record's run holds its years ({@link FacetColumns#years(int, int)}), ascending. */
    private final int[] spans;
    /** By span, how many of the words' records have it. */
    private final int[] totals;
    /**
     * By span, how many of those have each value: by global ordinal, or, where fewer than half the
     * values are counted (most spans of several years, which few records have), only the counted
     * ones, their ordinals in {@link #ords}.
     */
    private final int[][] values;
    /** By span, the ordinals {@link #values} counts, ascending; null where it counts by global ordinal. */
    private final int[][] ords;

    private YearRows(int[] spans, int[] totals, int[][] values, int[][] ords) {
        this.spans = spans;
        this.totals = totals;
        this.values = values;
        this.ords = ords;
    }

    /**
     * Kept for words asked once with a range of whole years, their rows not counted: a words asked
     * so only once costs no more than before (the rows are a pass over every record with the words,
     * the pass they spare one over those meeting the range or having the value); asked again, the
     * rows are counted, and every later range spares that pass.
     */
    private static final YearRows ASKED_ONCE = new YearRows(new int[0], new int[0], new int[0][], new int[0][]);

    /**
     * The counts under {@code words} and the range {@code filters} ask, from the rows of the
     * words kept on {@code snapshot} (counted now, one pass over the words' records, and kept,
     * when the words were asked with such a range once before): every facet's values and the
     * total, nothing else (no year, no {@code failingOnly}). Null the first time, when the range
     * is not of whole years, or when a span the words have is one whose days would decide it: the
     * rows cannot say then, and the counting pass counts them.
     */
    static FacetCounter.Counts under(Snapshot snapshot, Query words, RequestFilters filters) throws IOException {
        return under(snapshot, words, filters, YearSpan.NONE);
    }

    /**
     * The same for {@code records} (words and filters other than the range's, the rows kept for
     * them), the counts also holding the years of the records meeting the range, each under every
     * year of its span with a place for each year of {@code years}: the year facet's counts of a
     * search's hits, as a pass counts them.
     */
    static FacetCounter.Counts under(Snapshot snapshot, Query records, RequestFilters filters, YearSpan years)
            throws IOException {
        if (!filters.rangeOfWholeYears() || !snapshot.keepsCounts()) {
            return null;
        }
        YearRows rows = snapshot.keptYearRows(records);
        if (rows == null) {
            snapshot.keepYearRows(records, ASKED_ONCE);
            return null;
        }
        if (!rows.counted()) {
            rows = snapshot.search(records, new Gathering(snapshot.ordinals, snapshot.segments, snapshot.yearSpan()));
            snapshot.keepYearRows(records, rows);
        }
        return rows.meeting(filters, snapshot.ordinals.size(), years);
    }

    /** Whether these are rows counted, not the mark of words asked once ({@link #ASKED_ONCE}). */
    boolean counted() {
        return this != ASKED_ONCE;
    }

    /**
     * The rows summed over the spans meeting the range {@code filters} ask, and each such span
     * counted under every year of {@code years} it covers; null when one's days would decide.
     */
    private FacetCounter.Counts meeting(RequestFilters filters, int valueCount, YearSpan years) {
        FacetCounter.Counts counts = new FacetCounter.Counts(valueCount, false, years);
        for (int s = 0; s < spans.length; s++) {
            RequestFilters.ByYears decided = filters.rangeByYears(FacetColumns.startYear(spans[s]), FacetColumns.endYear(spans[s]));
            if (decided == RequestFilters.ByYears.BY_DAYS) {
                return null;
            }
            if (decided == RequestFilters.ByYears.MEETS) {
                int[] row = values[s];
                int[] counted = ords[s];
                if (counted == null) {
                    for (int ord = 0; ord < valueCount; ord++) {
                        counts.values[ord] += row[ord];
                    }
                } else {
                    for (int i = 0; i < counted.length; i++) {
                        counts.values[counted[i]] += row[i];
                    }
                }
                counts.total += totals[s];
                if (years.years() > 0) {
                    FacetColumns.countYears(counts.years, FacetColumns.startYear(spans[s]), FacetColumns.endYear(spans[s]),
                            counts.firstYear, totals[s]);
                }
            }
        }
        return counts;
    }

    /** How many spans the rows hold. */
    int spans() {
        return spans.length;
    }

    /** About what the rows take in memory, in bytes: for each span, an int for each value counted (and its ordinal where not all are). */
    @Override
    public int weight() {
        int weight = 64 + 16 * spans.length;
        for (int s = 0; s < spans.length; s++) {
            weight += 16 + 4 * values[s].length + (ords[s] == null ? 0 : 16 + 4 * ords[s].length);
        }
        return weight;
    }

    /** Counts a words' records into rows by span, segments in parallel, each slice its own rows, summed at the end. */
    private static final class Gathering implements CollectorManager<Gathering.Slice, YearRows> {
        private final Ordinals ordinals;
        private final SegmentMemory memory;
        private final YearSpan years;

        Gathering(Ordinals ordinals, SegmentMemory memory, YearSpan years) {
            this.ordinals = ordinals;
            this.memory = memory;
            this.years = years;
        }

        @Override
        public Slice newCollector() {
            return new Slice();
        }

        @Override
        public YearRows reduce(Collection<Slice> slices) {
            TreeMap<Integer, int[]> sum = new TreeMap<>();
            for (Slice slice : slices) {
                slice.rows.forEach((span, row) -> {
                    int[] into = sum.get(span);
                    if (into == null) {
                        sum.put(span, row);
                    } else {
                        for (int i = 0; i < row.length; i++) {
                            into[i] += row[i];
                        }
                    }
                });
            }
            int valueCount = ordinals.size();
            int[] spans = new int[sum.size()];
            int[] totals = new int[sum.size()];
            int[][] values = new int[sum.size()][];
            int[][] ords = new int[sum.size()][];
            int s = 0;
            for (Map.Entry<Integer, int[]> row : sum.entrySet()) {
                int[] byOrdinal = row.getValue();
                spans[s] = row.getKey();
                totals[s] = byOrdinal[valueCount];
                int counted = 0;
                for (int ord = 0; ord < valueCount; ord++) {
                    counted += byOrdinal[ord] != 0 ? 1 : 0;
                }
                if (2 * counted >= valueCount) {
                    values[s] = Arrays.copyOf(byOrdinal, valueCount);
                } else {
                    values[s] = new int[counted];
                    ords[s] = new int[counted];
                    for (int ord = 0, i = 0; ord < valueCount; ord++) {
                        if (byOrdinal[ord] != 0) {
                            ords[s][i] = ord;
                            values[s][i++] = byOrdinal[ord];
                        }
                    }
                }
                s++;
            }
            return new YearRows(spans, totals, values, ords);
        }

        /** A slice's rows, by span: an int for each global ordinal, then the total. */
        final class Slice implements Collector {
            final Map<Integer, int[]> rows = new HashMap<>();

            @Override
            public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
                FacetColumns columns = FacetColumns.of(context.reader(), memory);
                LongValues toGlobal = ordinals.toGlobal(context.ord);
                int segmentValues = columns.valueCount;
                int[] starts = columns.starts;
                int[] runs = columns.ords;
                int firstYear = years.first();
                // By the segment's ordinals, then the total: records of one year (all but a few)
                // by their year, spans by their years.
                int[][] ofOneYear = new int[years.years()][];
                Map<Integer, int[]> spanning = new HashMap<>();
                return new LeafCollector() {
                    @Override
                    public void setScorer(Scorable scorer) {
                        // scores are not needed to count
                    }

                    @Override
                    public void collect(int doc) {
                        int from = starts[doc];
                        int span = runs[from];
                        if (span == FacetColumns.UNDATED) {
                            return;
                        }
                        int start = FacetColumns.startYear(span);
                        int[] row;
                        if (FacetColumns.endYear(span) == start) {
                            row = ofOneYear[start - firstYear];
                            if (row == null) {
                                row = ofOneYear[start - firstYear] = new int[segmentValues + 1];
                            }
                        } else {
                            row = spanning.computeIfAbsent(span, s -> new int[segmentValues + 1]);
                        }
                        row[segmentValues]++;
                        for (int i = from + 1, to = starts[doc + 1]; i < to; i++) {
                            row[runs[i]]++;
                        }
                    }

                    @Override
                    public void finish() {
                        for (int y = 0; y < ofOneYear.length; y++) {
                            if (ofOneYear[y] != null) {
                                add(FacetColumns.years(firstYear + y, firstYear + y), ofOneYear[y]);
                            }
                        }
                        spanning.forEach(this::add);
                    }

                    private void add(int span, int[] segmentRow) {
                        int valueCount = ordinals.size();
                        int[] row = rows.computeIfAbsent(span, s -> new int[valueCount + 1]);
                        for (int ord = 0; ord < segmentValues; ord++) {
                            if (segmentRow[ord] != 0) {
                                row[(int) toGlobal.get(ord)] += segmentRow[ord];
                            }
                        }
                        row[valueCount] += segmentRow[segmentValues];
                    }
                };
            }

            @Override
            public ScoreMode scoreMode() {
                return ScoreMode.COMPLETE_NO_SCORES;
            }
        }
    }
}
