package org.dossier.search;

import com.github.benmanes.caffeine.cache.Cache;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;

/**
 * The records of a segment whose period meets a range of dates, as the counting pass decides it
 * ({@link RequestFilters#outsideRange}), kept by segment and range: the candidates of a counting
 * pass with a range ({@link #meetingOrAnyOf}).
 *
 * <p>Why: a search with words, a facet value and a range counts the records with the words that
 * meet the range or have the value. Stepping the range's points beside the words cost more than it
 * skipped, so a pass whose filters took in half the catalogue visited every record with the words
 * (at a million records, over a third of those then met neither the range nor the value and counted
 * nowhere), and a narrower one stepped a disjunction of the value's postings and the range's points
 * beside them (a fifth of such a search's processor time). A range's records kept as bits are
 * checked beside the words at the price of one bit a record, and readers' ranges are few (the load
 * mix's are whole years, a hundred of them), so each is read once per segment (BENCHMARKS.md,
 * "Words with filters and a range of dates").
 */
final class RangeRecords {

    /**
     * The bytes the ranges' bits may take in all, over every segment (a range takes an eighth of a
     * byte a record: 125 KB at a million records, so that some 250 ranges are kept at that size).
     */
    private static final long KEPT_BYTES = 32L << 20;

    /** A segment and the days a record's period must start and end on: what decides the range. */
    private record Key(IndexReader.CacheKey segment, int startsFirst, int startsLast, int endsFirst, int endsLast) {
    }

    private final SegmentMemory memory;
    private final Cache<Key, PagedBitSet> kept = KeptStores.builder().maximumWeight(KEPT_BYTES)
            .<Key, PagedBitSet>weigher((key, bits) -> (int) Math.min(Integer.MAX_VALUE, bits.ramBytesUsed())).build();
    /** The segments whose closing drops their ranges. */
    private final Set<IndexReader.CacheKey> listened = ConcurrentHashMap.newKeySet();

    /** {@code memory}: where the segments' columns the ranges are read from are kept. */
    RangeRecords(SegmentMemory memory) {
        this.memory = memory;
    }

    /**
     * The records of {@code segment} whose period meets the range {@code filters} ask (which ask
     * one), deleted ones included: kept until the segment closes or others take their place.
     */
    PagedBitSet of(LeafReader segment, RequestFilters filters) throws IOException {
        IndexReader.CacheHelper helper = segment.getCoreCacheHelper();
        if (helper == null) {
            return read(segment, filters);
        }
        Key key = new Key(helper.getKey(), filters.starts.first, filters.starts.last, filters.ends.first,
                filters.ends.last);
        PagedBitSet bits = kept.getIfPresent(key);
        if (bits == null) {
            bits = read(segment, filters);
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

    /** How many sets of a segment's records meeting a range are kept (for the tests that pin they are used). */
    long kept() {
        return kept.estimatedSize();
    }

    private PagedBitSet read(LeafReader segment, RequestFilters filters) throws IOException {
        FacetColumns columns = FacetColumns.of(segment, memory);
        NumericDocValues spans = DocValues.getNumeric(segment, IndexLayout.SPAN);
        int maxDoc = segment.maxDoc();
        PagedBitSet bits = new PagedBitSet(maxDoc);
        int[] starts = columns.starts;
        int[] runs = columns.ords;
        for (int doc = 0; doc < maxDoc; doc++) {
            int years = runs[starts[doc]];
            if (years != FacetColumns.UNDATED
                    && !filters.outsideRange(FacetColumns.startYear(years), FacetColumns.endYear(years), spans, doc)) {
                bits.set(doc);
            }
        }
        return bits;
    }

    /**
     * The records of {@code snapshot} that meet the range {@code filters} ask or match any of
     * {@code others} (facet values' queries), deleted ones included: a counting pass's candidates
     * ({@link CountingPass}), the range's records read from the bits kept here and the others'
     * added to a copy of them, segment by segment.
     */
    RecordSet meetingOrAnyOf(Snapshot snapshot, RequestFilters filters, List<Query> others) throws IOException {
        Weight any = null;
        if (!others.isEmpty()) {
            BooleanQuery.Builder anyOf = new BooleanQuery.Builder().setMinimumNumberShouldMatch(1);
            others.forEach(other -> anyOf.add(other, Occur.SHOULD));
            any = snapshot.createWeight(snapshot.rewrite(anyOf.build()), ScoreMode.COMPLETE_NO_SCORES, 1f);
        }
        List<LeafReaderContext> leaves = snapshot.getIndexReader().leaves();
        PagedBitSet[] byLeaf = new PagedBitSet[leaves.size()];
        int[] counts = new int[leaves.size()];
        for (LeafReaderContext leaf : leaves) {
            PagedBitSet records = of(leaf.reader(), filters);
            Scorer scorer = any == null ? null : any.scorer(leaf);
            if (scorer != null) {
                records = records.copy();
                records.or(scorer.iterator());
            }
            byLeaf[leaf.ord] = records;
            counts[leaf.ord] = records.cardinality();
        }
        return new RecordSet(byLeaf, counts);
    }
}
