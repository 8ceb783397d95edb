package org.dossier.search;

import java.io.IOException;
import java.util.Collection;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;

/**
 * The index docs of the first {@code wanted} hits, best score first and equal scores by id (record
 * number), lowest first, as SolrCloud ranks them ({@code score desc, doc_id asc}) — not by index
 * doc, which differs from node to node with the order records were written in and how segments
 * were merged. Each slice keeps a heap of longs, a hit's score's bits above {@code MAX - id} (the
 * best hit the highest), and once it is full tells the scorers its lowest score, so that WAND and
 * block-max skipping pass over what cannot reach the page: that score itself, not the next one up as
 * Lucene's {@code TopScoreDocCollector} tells them, since a hit of it with a lower id still can. A
 * hit's id is read only when its score reaches the heap. At a million records this ranks page 999
 * in about half the time {@code TopScoreDocCollector} took, and {@code TopFieldCollector} by score
 * then id a quarter more (BENCHMARKS.md, "Relevance ties by record number"). Public for that
 * benchmark ({@code bench/TiesCollectors.java}), which measures this class, not a copy.
 *
 * <p>In a segment whose ids ascend with its doc numbers ({@link IdOrder}: every segment a rebuild
 * writes, and most the change feed adds), a hit of the lowest score can only get in ahead of an
 * equal one whose id is higher, and once every id still to come in the segment is above the worst
 * hit's, the scorers are told the next score up, as {@code TopScoreDocCollector} tells them: the
 * blocks of equal scores are skipped instead of visited. Related records are ranked by sums of a few
 * constant weights (see {@link Related}), so their hits tie by the thousand: at a million records
 * this halved their query's processor time (BENCHMARKS.md, "A record page's related records").
 */
public final class TopByScore implements CollectorManager<TopByScore.Slice, int[]> {

    private final int wanted;
    /** Where each segment's id order is kept; null when nothing is kept (a benchmark's searcher), so that none is read. */
    private final SegmentMemory memory;

    /** The first {@code wanted} hits, reading no segment's id order: equal scores are visited in every segment. */
    public TopByScore(int wanted) {
        this(wanted, null);
    }

    /** The first {@code wanted} hits, with each segment's id order as {@code memory} keeps it (read once a segment). */
    TopByScore(int wanted, SegmentMemory memory) {
        if (wanted < 1) {
            throw new IllegalArgumentException("at least one hit must be wanted, not " + wanted);
        }
        this.wanted = wanted;
        this.memory = memory;
    }

    @Override
    public Slice newCollector() {
        return new Slice(wanted, memory);
    }

    @Override
    public int[] reduce(Collection<Slice> slices) {
        return HighestKeys.highest(slices.stream().map(slice -> slice.best).toList(), wanted);
    }

    /** The best hits of one slice of the index, kept as {@link HighestKeys}. */
    public static final class Slice extends SimpleCollector {
        private final HighestKeys best;
        private final SegmentMemory memory;
        private Scorable scorer;
        private NumericDocValues ids;
        private int docBase;
        /** The lowest score the current leaf's scorer was told it may skip below. */
        private float told;
        /**
         * In a leaf whose ids ascend, the lowest id a hit still to come may have (the leaf's first,
         * then one above the last read); else {@link Long#MAX_VALUE}: nothing is known of them.
         */
        private long idsFrom;

        Slice(int wanted, SegmentMemory memory) {
            best = new HighestKeys(wanted);
            this.memory = memory;
        }

        @Override
        protected void doSetNextReader(LeafReaderContext context) throws IOException {
            ids = DocValues.getNumeric(context.reader(), IndexLayout.ID);
            docBase = context.docBase;
            told = 0;
            IdOrder order = memory == null ? IdOrder.UNKNOWN : IdOrder.of(context.reader(), memory);
            idsFrom = order.ascending() ? order.first() : Long.MAX_VALUE;
        }

        @Override
        public void setScorer(Scorable scorer) throws IOException {
            this.scorer = scorer;
            tellLowest();
        }

        @Override
        public void collect(int doc) throws IOException {
            // A score is never negative, so its bits order as it does.
            int bits = Float.floatToIntBits(scorer.score());
            boolean full = best.full();
            if (full && bits < (int) (best.lowest() >>> 32)) {
                return;
            }
            if (!ids.advanceExact(doc)) {
                throw new IllegalStateException("a record in the index has no id");
            }
            long id = ids.longValue();
            if (idsFrom != Long.MAX_VALUE) {
                idsFrom = id + 1;
            }
            long key = (long) bits << 32 | (Integer.MAX_VALUE - id);
            if (!full) {
                best.add(key, docBase + doc);
                if (best.full()) {
                    tellLowest();
                }
            } else if (key > best.lowest()) {
                best.replaceLowest(key, docBase + doc);
                tellLowest();
            } else if (idsFrom != Long.MAX_VALUE) {
                // Ids still to come may now all be above the worst's.
                tellLowest();
            }
        }

        /**
         * Once the heap is full, lets the scorer skip hits scoring below its worst; or scoring as
         * its worst too, when every id still to come is above the worst's (so none of them can pass it).
         */
        private void tellLowest() throws IOException {
            if (scorer != null && best.full()) {
                float lowest = Float.intBitsToFloat((int) (best.lowest() >>> 32));
                long worstId = Integer.MAX_VALUE - (best.lowest() & 0xFFFF_FFFFL);
                if (worstId < idsFrom && idsFrom != Long.MAX_VALUE) {
                    lowest = Math.nextUp(lowest);
                }
                if (lowest > told) {
                    scorer.setMinCompetitiveScore(lowest);
                    told = lowest;
                }
            }
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.TOP_SCORES;
        }
    }
}
