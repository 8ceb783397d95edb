package org.dossier.search;

import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.ConstantScoreWeight;
import org.apache.lucene.search.Query;

/**
 * A query that belongs to one snapshot and one search (records a search found, {@link RecordSet}):
 * never cached, so it matches by identity, and its weight says it cannot be cached either.
 */
abstract class OneSearchQuery extends Query {

    /** A constant-score weight of such a query: none of its scorers may be kept by Lucene's query cache. */
    abstract static class UncachedWeight extends ConstantScoreWeight {
        UncachedWeight(Query query, float score) {
            super(query, score);
        }

        @Override
        public boolean isCacheable(LeafReaderContext context) {
            return false;
        }
    }

    @Override
    public final boolean equals(Object other) {
        return this == other;
    }

    @Override
    public final int hashCode() {
        return System.identityHashCode(this);
    }
}
