package org.dossier.search;

import java.io.IOException;
import java.util.List;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.search.ConjunctionUtils;
import org.apache.lucene.search.ConstantScoreScorer;
import org.apache.lucene.search.ConstantScoreWeight;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TwoPhaseIterator;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BitSetIterator;
import org.apache.lucene.util.FixedBitSet;

/**
 * Records of one snapshot, segment by segment, as a filter that leads any conjunction it is in: its
 * cost is its exact size. Used for the hits a counting pass found, to rank a page of hits among
 * them alone (the words' scorer is then moved only to the hits, instead of to every record of the
 * cheapest filter — a popular type or person is a fifth to a half of the catalogue — and checked
 * against the others); and for the candidates of a counting pass with a range of dates, the records
 * meeting it or the pass's other filters ({@link RangeRecords}).
 *
 * <p>It belongs to one snapshot and one search, so it is never cached: it matches by identity.
 */
final class RecordSet extends Query {

    private final FixedBitSet[] byLeaf;
    private final int[] counts;

    /** {@code byLeaf[ord]}: the records of the leaf of that ordinal (null for none), {@code counts[ord]} how many. */
    RecordSet(FixedBitSet[] byLeaf, int[] counts) {
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
            FixedBitSet records = byLeaf[leaf.ord];
            if (records != null && records.length() != leaf.reader().maxDoc()) {
                return false;
            }
        }
        return true;
    }

    /** Whether index doc {@code doc} of a reader these fit ({@link #fits}), whose leaves are {@code leaves}, is among these records. */
    boolean holds(int doc, List<LeafReaderContext> leaves) {
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        FixedBitSet records = byLeaf[leaf.ord];
        return records != null && records.get(doc - leaf.docBase);
    }

    /**
     * The records of {@code words} among these, matching what {@code words} and these in a
     * conjunction match, scoring nothing: the candidates of a counting pass with a range of dates.
     *
     * <p>Why not the conjunction: these are then the range's records (and a value's), most often
     * more than the words' (a range of a decade holds a third of the catalogue or more), so that
     * Lucene's conjunction was led by the words and moved these to each of the words' records,
     * then the words on to the next of these where a record was not among them: two iterators
     * stepped and advanced in turn, on every record with the words. Here the words are stepped
     * alone and each of their records checked against these, one bit. Where these are fewer than
     * the words, the conjunction is kept: led by these, it skips over the words' postings.
     */
    Query holding(Query words) {
        return new Holding(this, words);
    }

    private static final class Holding extends Query {
        private final RecordSet among;
        private final Query words;

        Holding(RecordSet among, Query words) {
            this.among = among;
            this.words = words;
        }

        @Override
        public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) throws IOException {
            // Through the searcher, so that its query cache serves the words as it would in a conjunction.
            Weight wordsWeight = searcher.createWeight(searcher.rewrite(words), ScoreMode.COMPLETE_NO_SCORES, 1f);
            return new ConstantScoreWeight(this, boost) {
                @Override
                public Scorer scorer(LeafReaderContext context) throws IOException {
                    FixedBitSet records = among.byLeaf[context.ord];
                    int count = among.counts[context.ord];
                    Scorer wordsScorer = records == null || count == 0 ? null : wordsWeight.scorer(context);
                    if (wordsScorer == null) {
                        return null;
                    }
                    DocIdSetIterator wordsRecords = wordsScorer.iterator();
                    if (count < wordsRecords.cost()) {
                        DocIdSetIterator both = ConjunctionUtils.intersectIterators(
                                List.of(new BitSetIterator(records, count), wordsRecords));
                        TwoPhaseIterator twoPhase = TwoPhaseIterator.unwrap(both);
                        return twoPhase == null ? new ConstantScoreScorer(this, score(), scoreMode, both)
                                : new ConstantScoreScorer(this, score(), scoreMode, twoPhase);
                    }
                    TwoPhaseIterator wordsTwoPhase = wordsScorer.twoPhaseIterator();
                    DocIdSetIterator stepped = wordsTwoPhase == null ? wordsRecords : wordsTwoPhase.approximation();
                    return new ConstantScoreScorer(this, score(), scoreMode, new TwoPhaseIterator(stepped) {
                        @Override
                        public boolean matches() throws IOException {
                            return records.get(approximation.docID()) && (wordsTwoPhase == null || wordsTwoPhase.matches());
                        }

                        @Override
                        public float matchCost() {
                            return 1 + (wordsTwoPhase == null ? 0 : wordsTwoPhase.matchCost());
                        }
                    });
                }

                @Override
                public boolean isCacheable(LeafReaderContext context) {
                    return false;
                }
            };
        }

        @Override
        public void visit(QueryVisitor visitor) {
            words.visit(visitor);
            visitor.visitLeaf(this);
        }

        @Override
        public String toString(String field) {
            return "RecordSet holding " + words.toString(field);
        }

        @Override
        public boolean equals(Object other) {
            return this == other;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }

    @Override
    public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) {
        return new ConstantScoreWeight(this, boost) {
            @Override
            public Scorer scorer(LeafReaderContext context) {
                FixedBitSet records = byLeaf[context.ord];
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

    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
