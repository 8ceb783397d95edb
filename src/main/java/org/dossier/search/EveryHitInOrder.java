package org.dossier.search;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.OrdinalMap;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.util.LongValues;
import org.apache.lucene.util.packed.PackedInts;

/**
 * Every hit's id, in the order a page would show them (an export's, {@code Searching.hitIds}): each
 * hit's place in the order (its start day, its title among every title, its score) packed above its
 * id in one long, one collector a slice of the index, and the longs sorted. Not a priority queue or
 * Lucene's collectors as large as the hits, which took seconds at half a million of them.
 */
final class EveryHitInOrder {

    private EveryHitInOrder() {
    }

    /**
     * Every hit by title, its id breaking ties, as {@link Searching#sort} orders a page: each hit's title as
     * its place among every title of the index (the segments' orders joined in one map) above its
     * id, and the longs sorted. Lucene's collector asked for all 688,308 hits of "korea" at a
     * million records took 4-7 s.
     */
    static int[] idsByTitle(Snapshot snapshot, Query query) throws IOException {
        List<LeafReaderContext> leaves = snapshot.getIndexReader().leaves();
        SortedDocValues[] perLeaf = new SortedDocValues[leaves.size()];
        for (LeafReaderContext leaf : leaves) {
            perLeaf[leaf.ord] = DocValues.getSorted(leaf.reader(), IndexLayout.SORT_TITLE);
        }
        OrdinalMap titles = OrdinalMap.build(null, perLeaf, PackedInts.DEFAULT);
        long[] keys = sortedKeys(snapshot, query, () -> new TitleKeys(titles));
        int[] ids = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
            ids[i] = (int) keys[i];
        }
        return ids;
    }

    /**
     * Every hit's id, best score first and the lower id first among equal scores, as a page ranks
     * them ({@link TopByScore}): each hit's score and id packed into one long and the longs sorted, instead of a
     * priority queue as large as the hits.
     */
    static int[] idsByScore(Snapshot snapshot, Query query) throws IOException {
        long[] keys = sortedKeys(snapshot, query, ScoreKeys::new);
        int[] ids = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
            // The low half of a key is the id; the best score has the lowest key.
            ids[i] = (int) keys[i];
        }
        return ids;
    }

    /**
     * Every hit in date order, its id breaking ties, as {@link Searching#sort} orders a page: each hit's
     * date and id packed into one long and the longs sorted. A priority queue of every hit (a
     * TopFieldCollector asked for all of them) took seconds to compare its way through the half
     * a million hits of "Stalin" at a million records; this takes a tenth of a second.
     */
    static int[] idsByDate(Snapshot snapshot, Query query, boolean newestFirst) throws IOException {
        long[] keys = sortedKeys(snapshot, query, () -> new DateKeys(newestFirst));
        int[] ids = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
            // The low half of a key is the id.
            ids[i] = (int) keys[newestFirst ? keys.length - 1 - i : i];
        }
        return ids;
    }

    /** Every hit's key, as {@code keys} makes them (one collector a slice of the index), sorted. */
    private static long[] sortedKeys(Snapshot snapshot, Query query, java.util.function.Supplier<? extends Keys> keys)
            throws IOException {
        long[] all = snapshot.search(query, new CollectorManager<Keys, long[]>() {
            @Override
            public Keys newCollector() {
                return keys.get();
            }

            @Override
            public long[] reduce(Collection<Keys> collectors) {
                return Keys.joined(collectors);
            }
        });
        java.util.Arrays.sort(all);
        return all;
    }

    /** One long a hit, gathered by a collector per slice of the index. */
    private abstract static class Keys extends SimpleCollector {
        long[] keys = new long[1_024];
        int size;

        final void add(long key) {
            if (size == keys.length) {
                keys = java.util.Arrays.copyOf(keys, size * 2);
            }
            keys[size++] = key;
        }

        static long[] joined(Collection<? extends Keys> collectors) {
            long[] all = new long[collectors.stream().mapToInt(c -> c.size).sum()];
            int at = 0;
            for (Keys c : collectors) {
                System.arraycopy(c.keys, 0, all, at, c.size);
                at += c.size;
            }
            return all;
        }
    }

    /** Each hit as a number of its own (its place in the order) above its id, which breaks ties. */
    private abstract static class AboveId extends Keys {
        private NumericDocValues ids;

        @Override
        protected final void doSetNextReader(LeafReaderContext context) throws IOException {
            ids = DocValues.getNumeric(context.reader(), IndexLayout.ID);
            nextLeaf(context);
        }

        abstract void nextLeaf(LeafReaderContext context) throws IOException;

        /** The hit's place in the order, a doc of the leaf last given. */
        abstract long place(int doc) throws IOException;

        @Override
        public final void collect(int doc) throws IOException {
            long place = place(doc);
            if (!ids.advanceExact(doc)) {
                throw new IllegalStateException("a record in the index has no id");
            }
            add(place << 32 | ids.longValue() & 0xFFFF_FFFFL);
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }
    }

    /**
     * Each hit's start day; an undated record's is {@link Searching#undatedStart}, after every dated one in
     * either order (newest first reverses the keys), as the listing places it.
     */
    private static final class DateKeys extends AboveId {
        private final long undated;
        private NumericDocValues starts;

        DateKeys(boolean newestFirst) {
            this.undated = Searching.undatedStart(newestFirst);
        }

        @Override
        void nextLeaf(LeafReaderContext context) throws IOException {
            starts = DocValues.getNumeric(context.reader(), IndexLayout.START);
        }

        @Override
        long place(int doc) throws IOException {
            return starts.advanceExact(doc) ? starts.longValue() : undated;
        }
    }

    /** Each hit's title as its place among every title of the index (-1, first, when it has none). */
    private static final class TitleKeys extends AboveId {
        private final OrdinalMap titles;
        private SortedDocValues leafTitles;
        private LongValues toGlobal;

        TitleKeys(OrdinalMap titles) {
            this.titles = titles;
        }

        @Override
        void nextLeaf(LeafReaderContext context) throws IOException {
            leafTitles = DocValues.getSorted(context.reader(), IndexLayout.SORT_TITLE);
            toGlobal = titles.getGlobalOrds(context.ord);
        }

        @Override
        long place(int doc) throws IOException {
            return leafTitles.advanceExact(doc) ? toGlobal.get(leafTitles.ordValue()) : -1;
        }
    }

    /**
     * Each hit's score as its bits negated (a score is never negative, so its bits order as it does):
     * the best score lowest, above the id.
     */
    private static final class ScoreKeys extends AboveId {
        private Scorable scorer;

        @Override
        void nextLeaf(LeafReaderContext context) {
        }

        @Override
        public void setScorer(Scorable scorer) {
            this.scorer = scorer;
        }

        @Override
        long place(int doc) throws IOException {
            return -Float.floatToIntBits(scorer.score());
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE;
        }
    }
}
