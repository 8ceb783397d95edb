package org.dossier.search;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.IndexReader;

/**
 * What is worked out once for a segment and kept while it lives, by its core key: its facet columns
 * ({@link FacetColumns}), the tally of its live records ({@link LiveTallies}), the tallies under
 * popular values ({@link ValueTallies}) and the order of its ids ({@link IdOrder}). A segment never
 * changes except by losing records, so each snapshot of the index starts from what the one before it
 * kept; each entry is dropped when its segment closes.
 *
 * <p>Owned by the engine that opened the index and handed to each of its snapshots, not kept in
 * statics: nothing of an engine outlives it, and engines in one process (a test's, a reindex's)
 * keep what each holds apart.
 */
final class SegmentMemory {

    final Map<IndexReader.CacheKey, FacetColumns> columns = new ConcurrentHashMap<>();
    /** The latest tally of each segment: the one with the most deletions, which newer snapshots start from. */
    final Map<IndexReader.CacheKey, LiveTallies.Tally> liveTallies = new ConcurrentHashMap<>();
    /** By segment: the tallies under values kept for it, all as of one set of deletions. */
    final Map<IndexReader.CacheKey, ValueTallies.Segment> valueTallies = new ConcurrentHashMap<>();
    final Map<IndexReader.CacheKey, IdOrder> idOrders = new ConcurrentHashMap<>();
}
