package org.dossier.search;

import java.io.IOException;
import java.util.Arrays;
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
 */
public final class TopByScore implements CollectorManager<TopByScore.Slice, int[]> {

    private final int wanted;

    public TopByScore(int wanted) {
        if (wanted < 1) {
            throw new IllegalArgumentException("at least one hit must be wanted, not " + wanted);
        }
        this.wanted = wanted;
    }

    @Override
    public Slice newCollector() {
        return new Slice(wanted);
    }

    @Override
    public int[] reduce(Collection<Slice> slices) {
        int count = slices.stream().mapToInt(s -> s.size).sum();
        long[] keys = new long[count];
        int[] docs = new int[count];
        int at = 0;
        for (Slice slice : slices) {
            System.arraycopy(slice.keys, 0, keys, at, slice.size);
            System.arraycopy(slice.docs, 0, docs, at, slice.size);
            at += slice.size;
        }
        // Each key is one record's (ids are unique among live records): the best first.
        Integer[] order = new Integer[count];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Long.compare(keys[b], keys[a]));
        int[] top = new int[Math.min(wanted, count)];
        for (int i = 0; i < top.length; i++) {
            top[i] = docs[order[i]];
        }
        return top;
    }

    /** The best hits of one slice of the index: a min-heap, its root the worst of them. */
    public static final class Slice extends SimpleCollector {
        private final long[] keys;
        private final int[] docs;
        private int size;
        private Scorable scorer;
        private NumericDocValues ids;
        private int docBase;
        /** The lowest score the current leaf's scorer was told it may skip below. */
        private float told;

        Slice(int wanted) {
            keys = new long[wanted];
            docs = new int[wanted];
        }

        @Override
        protected void doSetNextReader(LeafReaderContext context) throws IOException {
            ids = DocValues.getNumeric(context.reader(), IndexLayout.ID);
            docBase = context.docBase;
            told = 0;
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
            boolean full = size == keys.length;
            if (full && bits < (int) (keys[0] >>> 32)) {
                return;
            }
            if (!ids.advanceExact(doc)) {
                throw new IllegalStateException("a record in the index has no id");
            }
            long key = (long) bits << 32 | (Integer.MAX_VALUE - ids.longValue());
            if (!full) {
                siftUp(key, docBase + doc);
                if (size == keys.length) {
                    tellLowest();
                }
            } else if (key > keys[0]) {
                replaceRoot(key, docBase + doc);
                tellLowest();
            }
        }

        private void siftUp(long key, int doc) {
            int i = size++;
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (keys[parent] <= key) {
                    break;
                }
                keys[i] = keys[parent];
                docs[i] = docs[parent];
                i = parent;
            }
            keys[i] = key;
            docs[i] = doc;
        }

        private void replaceRoot(long key, int doc) {
            int i = 0;
            while (true) {
                int child = 2 * i + 1;
                if (child >= size) {
                    break;
                }
                if (child + 1 < size && keys[child + 1] < keys[child]) {
                    child++;
                }
                if (keys[child] >= key) {
                    break;
                }
                keys[i] = keys[child];
                docs[i] = docs[child];
                i = child;
            }
            keys[i] = key;
            docs[i] = doc;
        }

        /** Once the heap is full, lets the scorer skip hits scoring below its worst. */
        private void tellLowest() throws IOException {
            if (scorer != null && size == keys.length) {
                float lowest = Float.intBitsToFloat((int) (keys[0] >>> 32));
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
