package org.dossier.search;

import java.io.IOException;
import java.util.List;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.ConjunctionUtils;
import org.apache.lucene.search.ConstantScoreScorer;
import org.apache.lucene.search.ConstantScoreWeight;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BitSetIterator;

/**
 * Records of one snapshot, segment by segment, as a filter that leads any conjunction it is in: its
 * cost is its exact size. Used for the hits a counting pass found, to rank a page of hits among
 * them alone (the words' scorer is then moved only to the hits, instead of to every record of the
 * cheapest filter — a popular type or person is a fifth to a half of the catalogue — and checked
 * against the others); and for the candidates of a counting pass with a range of dates, the records
 * meeting it or the pass's other filters ({@link RangeRecords}), taken with the words
 * ({@link #matching}).
 *
 * <p>It belongs to one snapshot and one search, so it is never cached: it matches by identity.
 */
final class RecordSet extends OneSearchQuery {

    private final PagedBitSet[] byLeaf;
    private final int[] counts;

    /** {@code byLeaf[ord]}: the records of the leaf of that ordinal (null for none), {@code counts[ord]} how many. */
    RecordSet(PagedBitSet[] byLeaf, int[] counts) {
        if (byLeaf.length != counts.length) {
            throw new IllegalArgumentException("a count for each leaf's records");
        }
        this.byLeaf = byLeaf.clone();
        this.counts = counts.clone();
    }

    /** Whether these were recorded on a reader of {@code leaves}: a leaf for each set. */
    boolean fits(List<LeafReaderContext> leaves) {
        if (leaves.size() != byLeaf.length) {
            return false;
        }
        for (LeafReaderContext leaf : leaves) {
            PagedBitSet records = byLeaf[leaf.ord];
            if (records != null && records.length() != leaf.reader().maxDoc()) {
                return false;
            }
        }
        return true;
    }

    /** Whether index doc {@code doc} of a reader these fit ({@link #fits}), whose leaves are {@code leaves}, is among these records. */
    boolean holds(int doc, List<LeafReaderContext> leaves) {
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        PagedBitSet records = byLeaf[leaf.ord];
        return records != null && records.get(doc - leaf.docBase);
    }

    @Override
    public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) {
        return new ConstantScoreWeight(this, boost) {
            @Override
            public Scorer scorer(LeafReaderContext context) {
                PagedBitSet records = byLeaf[context.ord];
                if (records == null || counts[context.ord] == 0) {
                    return null;
                }
                // Its exact cost, the fewest records of any clause: the conjunction is led by it.
                return new ConstantScoreScorer(this, score(), scoreMode, new BitSetIterator(records, counts[context.ord]));
            }

            @Override
            public boolean isCacheable(LeafReaderContext context) {
                return false;
            }
        };
    }

    @Override
    public void visit(QueryVisitor visitor) {
        visitor.visitLeaf(this);
    }

    @Override
    public String toString(String field) {
        return "RecordSet";
    }

    /**
     * These records that {@code words} match, unscored: a counting pass's candidates
     * ({@link CountingPass}). Where the words' records in a segment are kept as bits
     * ({@link SegmentBits}: by the segment and the words), the two sets are stepped a word of 64
     * records at a time; where they are not, they are made so, when {@code keep} (the words were
     * asked before on this snapshot) and the words are not rare there (one record in 64 or more,
     * by their own estimate: fewer are stepped as cheaply one by one, and a set of bits costs the
     * same whatever it holds); elsewhere the two are intersected as any conjunction is.
     *
     * <p>Why: as a conjunction, the range's records and the words' were stepped a record at a time,
     * each advanced to the other's next: a third of a search with words, a value and a range
     * (BENCHMARKS.md, "A range search's candidates stepped a word at a time"). Lucene's query cache
     * seldom holds the words as one set of bits (a query's clauses are cached apart, a phrase not at
     * all), so the words' records are kept here, for the ranges and values asked with them later.
     */
    Query matching(Query words, SegmentBits kept, boolean keep) {
        return new Matching(new Words(words), words, this, kept, keep);
    }

    /** What a segment's records kept as the words' bits are kept by: the words as asked, before any rewriting. */
    private record Words(Query query) {
    }

    /** How many sets of a segment's records matching words {@code bits} keeps (for the tests that pin they are used). */
    static long wordsKept(SegmentBits bits) {
        return bits.kept(Words.class);
    }

    /** {@link #matching}: the words and the records, the one query of a counting pass. */
    private static final class Matching extends OneSearchQuery {
        private final Words asked;
        /** The words as rewritten so far. */
        private final Query words;
        private final RecordSet records;
        private final SegmentBits kept;
        private final boolean keep;

        Matching(Words asked, Query words, RecordSet records, SegmentBits kept, boolean keep) {
            this.asked = asked;
            this.words = words;
            this.records = records;
            this.kept = kept;
            this.keep = keep;
        }

        @Override
        public Query rewrite(IndexSearcher searcher) throws IOException {
            Query rewritten = words.rewrite(searcher);
            return rewritten == words ? super.rewrite(searcher) : new Matching(asked, rewritten, records, kept, keep);
        }

        @Override
        public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) {
            return new ConstantScoreWeight(this, boost) {
                /** The words' own weight, made for the first segment whose words' bits are not kept; null until then. */
                private Weight wordsWeight;

                /** Through the searcher, so that the words' records come from its query cache when kept there. */
                private synchronized Weight wordsWeight() throws IOException {
                    if (wordsWeight == null) {
                        wordsWeight = searcher.createWeight(words, ScoreMode.COMPLETE_NO_SCORES, 1f);
                    }
                    return wordsWeight;
                }

                @Override
                public Scorer scorer(LeafReaderContext context) throws IOException {
                    PagedBitSet these = records.byLeaf[context.ord];
                    int count = records.counts[context.ord];
                    if (these == null || count == 0) {
                        return null;
                    }
                    LeafReader segment = context.reader();
                    PagedBitSet byWords = kept.keptOrNull(segment, asked);
                    if (byWords == null) {
                        Weight weight = wordsWeight();
                        ScorerSupplier supplier = weight.scorerSupplier(context);
                        if (supplier == null) {
                            return null;
                        }
                        if (!keep || !weight.isCacheable(context) || supplier.cost() < segment.maxDoc() >>> 6) {
                            return new ConstantScoreScorer(this, score(), scoreMode, ConjunctionUtils.intersectScorers(
                                    List.of(supplier.get(Long.MAX_VALUE), new ConstantScoreScorer(this, 0f,
                                            ScoreMode.COMPLETE_NO_SCORES, new BitSetIterator(these, count)))));
                        }
                        byWords = kept.of(segment, asked, leaf -> {
                            PagedBitSet bits = new PagedBitSet(leaf.maxDoc());
                            bits.or(supplier.get(Long.MAX_VALUE).iterator());
                            return bits;
                        });
                    }
                    if (byWords.length() != these.length()) {
                        throw new IllegalStateException("the words' records and the pass's are of segments of different sizes");
                    }
                    int both = these.cardinalityAlsoIn(byWords);
                    return both == 0 ? null : new ConstantScoreScorer(this, score(), scoreMode, new BothBits(these, byWords, both));
                }

                @Override
                public boolean isCacheable(LeafReaderContext context) {
                    return false;
                }
            };
        }

        @Override
        public void visit(QueryVisitor visitor) {
            words.visit(visitor.getSubVisitor(Occur.MUST, this));
            visitor.visitLeaf(this);
        }

        @Override
        public String toString(String field) {
            return "RecordSet matching " + words.toString(field);
        }
    }

    /** The records set in both of two sets of a segment's records, found a word of 64 at a time. */
    private static final class BothBits extends DocIdSetIterator {
        private final PagedBitSet these;
        private final PagedBitSet others;
        /** How many there are. */
        private final int cost;
        private int doc = -1;

        BothBits(PagedBitSet these, PagedBitSet others, int cost) {
            this.these = these;
            this.others = others;
            this.cost = cost;
        }

        @Override
        public int docID() {
            return doc;
        }

        @Override
        public int nextDoc() {
            return advance(doc + 1);
        }

        @Override
        public int advance(int target) {
            doc = these.nextSetBitAlsoIn(others, target);
            return doc;
        }

        @Override
        public long cost() {
            return cost;
        }
    }
}
