package org.dossier.search;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;

/**
 * Sets of a segment's records kept as bits, by segment and by what decided them: a range of dates
 * ({@link RangeRecords}), a search's words ({@link RecordSet#matching}). Deleted records are included:
 * a segment never changes but by losing records, which a search leaves out by its snapshot's live
 * records, so a set holds for every snapshot the segment is in, and is dropped when the segment
 * closes. Bounded in all, by weight, the least used dropped first.
 */
final class SegmentBits {

    /**
     * The bytes the sets may take in all, over every segment: a set takes an eighth of a byte a
     * record, 125 KB at a million records, so that some 380 sets (ranges and words) are kept at
     * that size. 32 MB while only ranges were kept; the load mix asks a hundred ranges.
     */
    static final long KEPT_BYTES = 48L << 20;

    /** A segment, and what decided which of its records are set. */
    private record Key(IndexReader.CacheKey segment, Object decided) {
    }

    private final Cache<Key, PagedBitSet> kept;
    /** The segments whose closing drops their sets. */
    private final Set<IndexReader.CacheKey> listened = ConcurrentHashMap.newKeySet();

    /** Sets weighing {@code bytes} at most in all. */
    SegmentBits(long bytes) {
        this.kept = Caffeine.newBuilder().maximumWeight(bytes)
                .<Key, PagedBitSet>weigher((key, bits) -> (int) Math.min(Integer.MAX_VALUE, bits.ramBytesUsed())).build();
    }

    /** The set of {@code segment}'s records {@code decided} decides, when kept; else null. */
    PagedBitSet keptOrNull(LeafReader segment, Object decided) {
        IndexReader.CacheHelper helper = segment.getCoreCacheHelper();
        return helper == null ? null : kept.getIfPresent(new Key(helper.getKey(), decided));
    }

    /**
     * The set of {@code segment}'s records {@code decided} decides, as kept, or {@code read} now and
     * kept until the segment closes or others take its place; read every time for a segment
     * without a core key. {@code decided} must tell sets apart by its {@code equals}.
     */
    PagedBitSet of(LeafReader segment, Object decided, SegmentMemory.Reading<PagedBitSet> read) throws IOException {
        IndexReader.CacheHelper helper = segment.getCoreCacheHelper();
        if (helper == null) {
            return read.of(segment);
        }
        Key key = new Key(helper.getKey(), decided);
        PagedBitSet bits = kept.getIfPresent(key);
        if (bits == null) {
            bits = read.of(segment);
            kept.put(key, bits);
            if (listened.add(key.segment())) {
                helper.addClosedListener(closed -> {
                    kept.asMap().keySet().removeIf(k -> k.segment() == closed);
                    listened.remove(closed);
                });
            }
        }
        return bits;
    }

    /** How many sets decided by a {@code kind} are kept (for the tests that pin they are used). */
    long kept(Class<?> kind) {
        return kept.asMap().keySet().stream().filter(key -> kind.isInstance(key.decided())).count();
    }
}
