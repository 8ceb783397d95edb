package org.dossier.search;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;

/**
 * What is worked out once for a segment and kept while it lives, by its core key: its facet columns
 * ({@link FacetColumns}), the tally of its live records ({@link LiveTallies}), the tallies under
 * popular values ({@link ValueTallies}), the order of its ids ({@link IdOrder}) and the records meeting
 * the ranges of dates searched lately ({@link RangeRecords}). A segment never
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
    /** The records meeting the ranges of dates searched lately, by segment and range (bounded in all). */
    final RangeRecords ranges = new RangeRecords(this);

    /** How something kept of a segment is worked out from it. */
    interface Reading<T> {
        T of(LeafReader segment) throws IOException;
    }

    /**
     * What {@code kept} holds for {@code reader}'s segment, or {@code read} from it now and kept
     * until the segment closes; read every time for a reader without a core key.
     */
    static <T> T kept(Map<IndexReader.CacheKey, T> kept, LeafReader reader, Reading<T> read) throws IOException {
        IndexReader.CacheHelper helper = reader.getCoreCacheHelper();
        if (helper == null) {
            return read.of(reader);
        }
        IndexReader.CacheKey key = helper.getKey();
        T value = kept.get(key);
        if (value == null) {
            value = read.of(reader);
            if (kept.putIfAbsent(key, value) == null) {
                helper.addClosedListener(kept::remove);
            }
        }
        return value;
    }
}
