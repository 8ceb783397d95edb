package org.dossier.search;

import java.io.IOException;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.DocIdSetIterator;

/**
 * One segment's facet values (its own ordinals of the facet module's doc values) and years, read
 * once into arrays, so that counting a record costs a few array reads instead of decoding doc
 * values again on every query. A segment never changes, so its columns are read when it first
 * appears and dropped when it goes; at 1,000,000 records they take about 28 MB.
 *
 * <p>A record's years — the year its period starts in and the year it ends in, one number — come
 * first in its run in {@link #ords}, before its ordinals: a count reads them from the memory it
 * reads the ordinals from, instead of from a column of its own (a record counted among sparse hits
 * is a cache miss for each column it reads). The end year lets a date range be decided for every
 * record whose period does not start or end in the range's first or last year without reading its
 * days. An undated record's first number is {@link #UNDATED}: it is counted under no year.
 */
final class FacetColumns {

    /** The first number of an undated record's run (no record is dated in year 0: see DocumentDate.FIRST_YEAR). */
    static final int UNDATED = 0;

    /** Where each record's run (its years, then its ordinals) starts in {@link #ords}; {@code starts[maxDoc]} is the end. */
    final int[] starts;
    final int[] ords;
    /** How many facet values the segment has: its ordinals are below this. */
    final int valueCount;
    /** Every year the segment's records start or end in (none if none is dated). */
    final YearSpan years;

    private FacetColumns(int[] starts, int[] ords, int valueCount, YearSpan years) {
        this.starts = starts;
        this.ords = ords;
        this.valueCount = valueCount;
        this.years = years;
    }

    /** The year a record's period starts in (0 for a record without a date): where it sorts. */
    int year(int doc) {
        return startYear(ords[starts[doc]]);
    }

    /**
     * Adds {@code delta} to a tally at record {@code doc}: under each of its values in
     * {@code values} (by the segment's ordinals), and under each year and each decade its period
     * touches in {@code years} and {@code decades}, less {@code firstYear} and {@code firstDecade}
     * (see {@link #countYears(int[], int, int, int, int)} and
     * {@link #countDecades(int[], int, int, int, int)}). Returns what the tally's count of undated
     * records changes by: {@code delta} for an undated record, which is counted under no year, else 0.
     *
     * <p>The one way a record is added to or taken from a segment's tally (counted whole, or less
     * the records deleted since), so that the tallies count exactly as {@link FacetCounter}'s pass.
     */
    int tally(int doc, int[] values, int[] years, int firstYear, int[] decades, int firstDecade, int delta) {
        int run = starts[doc];
        int end = starts[doc + 1];
        for (int i = run + 1; i < end; i++) {
            values[ords[i]] += delta;
        }
        int span = ords[run];
        if (span == UNDATED) {
            return delta;
        }
        countYears(years, startYear(span), endYear(span), firstYear, delta);
        countDecades(decades, startYear(span), endYear(span), firstDecade, delta);
        return 0;
    }

    /**
     * Adds {@code delta} to {@code counts} at each year a period spans, from {@code startYear} to
     * {@code endYear}, less {@code firstYear}: a span ("1961–1962") is counted under every year it
     * covers, the usual archival choice, a single date under its one year.
     */
    static void countYears(int[] counts, int startYear, int endYear, int firstYear, int delta) {
        for (int year = startYear; year <= Math.max(startYear, endYear); year++) {
            counts[year - firstYear] += delta;
        }
    }

    /**
     * Adds {@code delta} to {@code counts} at each decade a period from {@code startYear} to
     * {@code endYear} touches, less {@code firstDecade} (decades numbered by their first year over
     * ten: 196 for the 1960s): a record is counted once under each decade, however many of its years
     * the decade holds — what a decade's link (its years as a range, met in the default way) finds,
     * which a sum of the decade's years would count twice for a span of two of them ("1961–1962").
     */
    static void countDecades(int[] counts, int startYear, int endYear, int firstDecade, int delta) {
        for (int decade = startYear / 10; decade <= Math.max(startYear, endYear) / 10; decade++) {
            counts[decade - firstDecade] += delta;
        }
    }

    /** Whether any year from {@code startYear} to {@code endYear} is ticked. */
    static boolean anyTicked(boolean[] ticked, int startYear, int endYear) {
        for (int year = startYear; year <= Math.max(startYear, endYear); year++) {
            if (year < ticked.length && ticked[year]) {
                return true;
            }
        }
        return false;
    }

    /** The first number of a record's run: the years its period starts and ends in. */
    static int years(int startYear, int endYear) {
        return endYear << 16 | startYear;
    }

    /** The year a period starts in, from the first number of its record's run. */
    static int startYear(int years) {
        return years & 0xFFFF;
    }

    /** The year a period ends in, from the first number of its record's run. */
    static int endYear(int years) {
        return years >>> 16;
    }

    /** Where the record's ordinals start in {@link #ords}: after its years. */
    int firstOrd(int doc) {
        return starts[doc] + 1;
    }

    /** Where the record's ordinals end in {@link #ords}. */
    int endOrd(int doc) {
        return starts[doc + 1];
    }

    /** The columns of {@code reader}'s segment, as {@code memory} keeps them, read when it has none. */
    static FacetColumns of(LeafReader reader, SegmentMemory memory) throws IOException {
        return SegmentMemory.kept(memory.columns, reader, FacetColumns::read);
    }

    private static FacetColumns read(LeafReader reader) throws IOException {
        int maxDoc = reader.maxDoc();
        SortedSetDocValues facets = DocValues.getSortedSet(reader, IndexLayout.FACETS);
        NumericDocValues spans = DocValues.getNumeric(reader, IndexLayout.SPAN);
        int[] starts = new int[maxDoc + 1];
        // Sized exactly by a first pass over the values' counts (no ordinal decoded): an array guessed
        // large and cut to size at the end held both at once, up to twice and a half a segment's
        // columns, and at ten million records two segments read side by side at start-up with a 1 GB
        // heap sometimes ran out of it (BENCHMARKS.md, "Ten million records on today's code").
        int[] ords = new int[runsLength(reader, maxDoc)];
        int at = 0;
        int firstYear = Integer.MAX_VALUE;
        int lastYear = -1;
        int next = facets.nextDoc();
        for (int doc = 0; doc < maxDoc; doc++) {
            starts[doc] = at;
            int n = next == doc ? facets.docValueCount() : 0;
            // The years the period starts and ends in; an undated record has no span.
            if (spans.advanceExact(doc)) {
                long span = spans.longValue();
                int start = IndexLayout.spanStart(span) / 10_000;
                int end = IndexLayout.spanEnd(span) / 10_000;
                ords[at++] = years(start, end);
                firstYear = Math.min(firstYear, start);
                lastYear = Math.max(lastYear, Math.max(start, end));
            } else {
                ords[at++] = UNDATED;
            }
            if (next == doc) {
                for (int i = 0; i < n; i++) {
                    ords[at++] = (int) facets.nextOrd();
                }
                next = facets.nextDoc();
            }
        }
        starts[maxDoc] = at;
        if (at != ords.length) {
            throw new IllegalStateException("a segment's facet values changed while they were read");
        }
        return new FacetColumns(starts, ords, (int) facets.getValueCount(),
                lastYear < 0 ? YearSpan.NONE : new YearSpan(firstYear, lastYear));
    }

    /** How many numbers the segment's runs take: one a record for its years, and one a facet value. */
    private static int runsLength(LeafReader reader, int maxDoc) throws IOException {
        SortedSetDocValues facets = DocValues.getSortedSet(reader, IndexLayout.FACETS);
        long length = maxDoc;
        for (int doc = facets.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = facets.nextDoc()) {
            length += facets.docValueCount();
        }
        return Math.toIntExact(length);
    }
}
