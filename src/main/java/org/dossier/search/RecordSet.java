package org.dossier.search;

import java.io.IOException;
import java.util.List;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.search.ConstantScoreScorer;
import org.apache.lucene.search.ConstantScoreWeight;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BitSetIterator;

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

    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
