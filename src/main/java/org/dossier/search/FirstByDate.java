package org.dossier.search;

import java.io.IOException;
import java.util.Collection;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;

/**
 * The index docs of the first {@code wanted} hits by date, as a page sorted by date orders them
 * ({@code Searching.sort}): by start day, newest or oldest first, then by id the same way, undated
 * records after every dated one in either order. Made for the counting pass to sort a page of words
 * alone while it visits their hits ({@link CountingPass}): a hit whose start year (read from
 * the segment's {@link FacetColumns}, which the pass reads anyway) cannot reach the page once it is
 * full costs one comparison, and only the others have their day and id read from doc values.
 *
 * <p>Why not Lucene's {@code TopFieldCollector}: sorting apart, it reads the dates' points to skip
 * the hits that cannot compete, and at ten million records each set of a segment's competitive
 * records it makes is an array the size of the segment, which the JVM's G1 collector starts a
 * marking of the whole heap for; run in the pass instead, it read every hit's day from doc values,
 * and the date page cost a third more processor time than the word's page by relevance, against a
 * sixth with this (BENCHMARKS.md, "A broad word at ten million").
 */
final class FirstByDate implements CollectorManager<FirstByDate.Slice, int[]> {

    private final int wanted;
    private final boolean newestFirst;
    private final SegmentMemory memory;

    /** {@code memory}: where the segments' facet columns are kept (read when a segment has none). */
    FirstByDate(int wanted, boolean newestFirst, SegmentMemory memory) {
        if (wanted < 1) {
            throw new IllegalArgumentException("at least one hit must be wanted, not " + wanted);
        }
        this.wanted = wanted;
        this.newestFirst = newestFirst;
        this.memory = memory;
    }

    @Override
    public Slice newCollector() {
        return new Slice();
    }

    @Override
    public int[] reduce(Collection<Slice> slices) {
        return HighestKeys.highest(slices.stream().map(slice -> slice.first).toList(), wanted);
    }

    /**
     * A hit's place, higher first: its start day above its id, both reversed for oldest first
     * (the bits of a long negated order it the other way).
     */
    private long key(int day, long id) {
        long key = (long) day << 32 | id & 0xFFFF_FFFFL;
        return newestFirst ? key : ~key;
    }

    /** The start day a key was made of. */
    private int dayOf(long key) {
        return (int) ((newestFirst ? key : ~key) >> 32);
    }

    /** The first hits of one slice of the index. */
    final class Slice extends SimpleCollector {
        private final HighestKeys first = new HighestKeys(wanted);
        private final int undated = Searching.undatedStart(newestFirst);
        private int[] starts;
        private int[] runs;
        private NumericDocValues days;
        private NumericDocValues ids;
        private int docBase;
        /**
         * Once the heap is full, the start year of its last hit ({@link #undated} when that is
         * undated): a hit of a year further from the first cannot get in.
         */
        private int lastYear;

        @Override
        protected void doSetNextReader(LeafReaderContext context) throws IOException {
            FacetColumns columns = FacetColumns.of(context.reader(), memory);
            starts = columns.starts;
            runs = columns.ords;
            days = DocValues.getNumeric(context.reader(), IndexLayout.START);
            ids = DocValues.getNumeric(context.reader(), IndexLayout.ID);
            docBase = context.docBase;
        }

        @Override
        public void collect(int doc) throws IOException {
            boolean full = first.full();
            if (full) {
                int years = runs[starts[doc]];
                int year = years == FacetColumns.UNDATED ? undated : FacetColumns.startYear(years);
                if (newestFirst ? year < lastYear : year > lastYear) {
                    return;
                }
            }
            int day = days.advanceExact(doc) ? (int) days.longValue() : undated;
            if (!ids.advanceExact(doc)) {
                throw new IllegalStateException("a record in the index has no id");
            }
            long key = key(day, ids.longValue());
            if (!full) {
                first.add(key, docBase + doc);
            } else if (key > first.lowest()) {
                first.replaceLowest(key, docBase + doc);
            } else {
                return;
            }
            if (first.full()) {
                int last = dayOf(first.lowest());
                lastYear = last == undated ? undated : last / 10_000;
            }
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }
    }
}
