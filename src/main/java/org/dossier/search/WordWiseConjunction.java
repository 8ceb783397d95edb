package org.dossier.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BulkScorer;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.Explanation;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BitSetIterator;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.FixedBitSet;

/**
 * A conjunction (the counting pass's words and filters) matched 64 records at a time where every
 * one of its clauses is a bit set in the query cache, as the popular words and facet values of a
 * busy node soon are. Lucene 9's conjunction leads with one clause's iterator and advances each
 * other clause to every record it finds, one call per record and clause: under the load mix at a
 * million records that stepping was half of the counting pass's processor time (BENCHMARKS.md, "A
 * conjunction of cached bit sets counted a word at a time"). Here the clauses' words are ANDed and
 * only the records in all of them are visited. Where any clause is not a cached bit set (not yet
 * cached, sparse enough to be cached another way, or a range to be checked record by record) the
 * conjunction is matched as Lucene matches it. Scores are never given: only for counting.
 */
final class WordWiseConjunction extends Query {

    private final Query conjunction;
    private final List<Query> clauses;

    private WordWiseConjunction(Query conjunction, List<Query> clauses) {
        this.conjunction = conjunction;
        this.clauses = List.copyOf(clauses);
    }

    /**
     * {@code query}, matched a word at a time where it can be: a query of two or more required
     * clauses (nested conjunctions taken apart) is wrapped; any other is given back as it is.
     */
    static Query of(Query query) {
        List<Query> clauses = new ArrayList<>();
        required(query, clauses);
        return clauses.size() < 2 ? query : new WordWiseConjunction(query, clauses);
    }

    /** Adds the clauses every match of {@code query} must match, or {@code query} itself if it is not a pure conjunction. */
    private static void required(Query query, List<Query> into) {
        if (query instanceof BooleanQuery bool && bool.getMinimumNumberShouldMatch() == 0 && !bool.clauses().isEmpty()
                && bool.clauses().stream().allMatch(c -> c.getOccur() == Occur.MUST || c.getOccur() == Occur.FILTER)) {
            for (BooleanClause clause : bool.clauses()) {
                required(clause.getQuery(), into);
            }
        } else {
            into.add(query);
        }
    }

    @Override
    public Query rewrite(IndexSearcher searcher) throws IOException {
        Query rewritten = searcher.rewrite(conjunction);
        return rewritten == conjunction ? this : of(rewritten);
    }

    @Override
    public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) throws IOException {
        Weight whole = searcher.createWeight(conjunction, scoreMode, boost);
        if (scoreMode.needsScores()) {
            return whole;
        }
        List<Weight> parts = new ArrayList<>(clauses.size());
        for (Query clause : clauses) {
            // Through the searcher, so that each clause is looked up in (and counted towards) the query cache.
            parts.add(searcher.createWeight(clause, ScoreMode.COMPLETE_NO_SCORES, 1f));
        }
        return new Weight(this) {
            @Override
            public BulkScorer bulkScorer(LeafReaderContext context) throws IOException {
                int maxDoc = context.reader().maxDoc();
                long[][] sets = new long[parts.size()][];
                long cost = Long.MAX_VALUE;
                for (int i = 0; i < sets.length; i++) {
                    Scorer scorer = parts.get(i).scorer(context);
                    if (scorer == null) {
                        return null; // a clause matches nothing here, so neither does the conjunction
                    }
                    FixedBitSet set = scorer.twoPhaseIterator() == null ? BitSetIterator.getFixedBitSetOrNull(scorer.iterator()) : null;
                    if (set == null || set.length() < maxDoc) {
                        return whole.bulkScorer(context);
                    }
                    sets[i] = set.getBits();
                    cost = Math.min(cost, scorer.iterator().cost());
                }
                return new Intersection(sets, maxDoc, cost);
            }

            @Override
            public Scorer scorer(LeafReaderContext context) throws IOException {
                return whole.scorer(context);
            }

            @Override
            public Explanation explain(LeafReaderContext context, int doc) throws IOException {
                return whole.explain(context, doc);
            }

            @Override
            public boolean isCacheable(LeafReaderContext context) {
                return whole.isCacheable(context);
            }
        };
    }

    /** The records in every one of a segment's bit sets, 64 at a time. */
    static final class Intersection extends BulkScorer {
        private final long[][] sets;
        private final int maxDoc;
        private final long cost;

        Intersection(long[][] sets, int maxDoc, long cost) {
            this.sets = sets;
            this.maxDoc = maxDoc;
            this.cost = cost;
        }

        @Override
        public int score(LeafCollector collector, Bits acceptDocs, int min, int max) throws IOException {
            int end = Math.min(max, maxDoc);
            Unscored scorer = new Unscored();
            collector.setScorer(scorer);
            if (min < end) {
                int firstWord = min >>> 6;
                int lastWord = (end - 1) >>> 6;
                for (int word = firstWord; word <= lastWord; word++) {
                    long bits = sets[0][word];
                    for (int i = 1; i < sets.length && bits != 0; i++) {
                        bits &= sets[i][word];
                    }
                    if (word == firstWord) {
                        bits &= -1L << min; // a long shifts by its low six bits: the records from min on
                    }
                    if (word == lastWord) {
                        bits &= -1L >>> (63 - ((end - 1) & 63)); // the records up to end - 1
                    }
                    while (bits != 0) {
                        int doc = (word << 6) | Long.numberOfTrailingZeros(bits);
                        bits &= bits - 1;
                        if (acceptDocs == null || acceptDocs.get(doc)) {
                            scorer.doc = doc;
                            collector.collect(doc);
                        }
                    }
                }
            }
            return end >= maxDoc ? DocIdSetIterator.NO_MORE_DOCS : end;
        }

        @Override
        public long cost() {
            return cost;
        }
    }

    /** What the collector is given for a scorer: the record it is at, and no score (counting needs none). */
    private static final class Unscored extends Scorable {
        int doc = -1;

        @Override
        public float score() {
            return 0f;
        }

        @Override
        public int docID() {
            return doc;
        }
    }

    @Override
    public void visit(QueryVisitor visitor) {
        conjunction.visit(visitor);
    }

    @Override
    public String toString(String field) {
        return "WordWise(" + conjunction.toString(field) + ")";
    }

    @Override
    public boolean equals(Object other) {
        return sameClassAs(other) && conjunction.equals(((WordWiseConjunction) other).conjunction);
    }

    @Override
    public int hashCode() {
        return 31 * classHash() + conjunction.hashCode();
    }
}
