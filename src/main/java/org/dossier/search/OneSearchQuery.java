package org.dossier.search;

import org.apache.lucene.search.Query;

/**
 * A query made for one search on one snapshot (records it found, or kept ones taken with its
 * words): equal only to itself, so that no cache ever takes it for another search's.
 */
abstract class OneSearchQuery extends Query {

    @Override
    public final boolean equals(Object other) {
        return this == other;
    }

    @Override
    public final int hashCode() {
        return System.identityHashCode(this);
    }
}
