package org.dossier.search;

import java.io.IOException;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NumericDocValues;

/**
 * How a segment's ids (record numbers) run: whether they ascend with its doc numbers, every doc
 * having one, and the first. A rebuild writes each segment in id order, and the change feed adds new
 * records in the order they were made, so most segments' ids ascend; a segment of edits to older
 * records, or one merged from segments whose ids interleave, does not. {@link TopByScore} skips equal
 * scores where they ascend. Read once for a segment (a walk of its ids: some 20 ms at half a million
 * records) and kept while it lives ({@link SegmentMemory}): deletions do not change it.
 */
record IdOrder(boolean ascending, long first) {

    /** Nothing known of the order: no equal score is skipped. */
    static final IdOrder UNKNOWN = new IdOrder(false, 0);

    /** The order of {@code reader}'s segment, as {@code memory} keeps it, read when it has none. */
    static IdOrder of(LeafReader reader, SegmentMemory memory) throws IOException {
        return SegmentMemory.kept(memory.idOrders, reader, IdOrder::read);
    }

    private static IdOrder read(LeafReader reader) throws IOException {
        NumericDocValues ids = DocValues.getNumeric(reader, IndexLayout.ID);
        long first = 0;
        long previous = Long.MIN_VALUE;
        int expected = 0;
        for (int doc = ids.nextDoc(); doc != NumericDocValues.NO_MORE_DOCS; doc = ids.nextDoc()) {
            long id = ids.longValue();
            if (doc != expected++ || id <= previous) {
                return UNKNOWN;
            }
            if (doc == 0) {
                first = id;
            }
            previous = id;
        }
        return expected == reader.maxDoc() && expected > 0 ? new IdOrder(true, first) : UNKNOWN;
    }
}
