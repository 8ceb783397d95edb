package org.dossier.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.SplittableRandom;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.BitSetIterator;
import org.apache.lucene.util.FixedBitSet;
import org.dossier.testing.SameOnEveryDatabase;
import org.junit.jupiter.api.Test;

/**
 * A set of records in pages ({@link PagedBitSet}) answers as one array of bits does: across the
 * pages' edges (every 2,097,152 records), at the ends, sparse and dense, copied and cleared.
 */
@SameOnEveryDatabase
class PagedBitSetTest {

    @Test
    void aSetInPagesAnswersAsOneArrayOfBitsDoes() throws IOException {
        SplittableRandom random = new SplittableRandom(1950);
        // One page, a page exactly, and several pages with a short last one.
        for (int length : new int[] {1, 64, 1_000, 2_097_152, 5_000_003}) {
            for (int every : new int[] {1, 3, 1_000, 700_000}) {
                FixedBitSet expected = new FixedBitSet(length);
                PagedBitSet paged = new PagedBitSet(length);
                for (int doc = random.nextInt(every); doc < length; doc += 1 + random.nextInt(every)) {
                    expected.set(doc);
                    paged.set(doc);
                }
                // The pages' edges and the ends, set in both.
                for (int edge : new int[] {0, 2_097_151, 2_097_152, 4_194_303, 4_194_304, length - 1}) {
                    if (edge < length && random.nextBoolean()) {
                        expected.set(edge);
                        paged.set(edge);
                    }
                }
                String what = length + " records, one in " + every;
                assertSame(expected, paged, what);
                FixedBitSet other = new FixedBitSet(length);
                for (int doc = random.nextInt(every); doc < length; doc += 1 + random.nextInt(every)) {
                    other.set(doc);
                }
                assertOrAddsAsOneArrayDoes(expected, paged, other, what);
                assertSame(expected, paged.copy(), what + ", copied");
                int from = random.nextInt(length);
                int to = from + random.nextInt(length - from + 1);
                expected.clear(from, to);
                paged.clear(from, to);
                assertSame(expected, paged, what + ", cleared from " + from + " to " + to);
            }
        }
    }

    /** Records added from Lucene's bits word by word, and one by one from any other iterator, as one array adds them. */
    private static void assertOrAddsAsOneArrayDoes(FixedBitSet expected, PagedBitSet paged, FixedBitSet other, String what)
            throws IOException {
        FixedBitSet union = expected.clone();
        union.or(other);
        PagedBitSet byWords = paged.copy();
        byWords.or(new BitSetIterator(other, other.cardinality()));
        assertSame(union, byWords, what + ", with another set's bits added");
        PagedBitSet oneByOne = paged.copy();
        BitSetIterator records = new BitSetIterator(other, other.cardinality());
        // The same records, not as bits: as a query's postings step through them.
        oneByOne.or(new DocIdSetIterator() {
            @Override
            public int docID() {
                return records.docID();
            }

            @Override
            public int nextDoc() {
                return records.nextDoc();
            }

            @Override
            public int advance(int target) {
                return records.advance(target);
            }

            @Override
            public long cost() {
                return records.cost();
            }
        });
        assertSame(union, oneByOne, what + ", with another's records added one by one");
    }

    private static void assertSame(FixedBitSet expected, PagedBitSet paged, String what) {
        assertEquals(expected.length(), paged.length(), what);
        assertEquals(expected.cardinality(), paged.cardinality(), what);
        for (int doc = 0; doc < expected.length(); doc = Math.max(doc + 1, doc * 2 - 7)) {
            assertEquals(expected.get(doc), paged.get(doc), what + ": record " + doc);
        }
        // Every set bit, forwards and backwards.
        int doc = paged.nextSetBit(0);
        int seen = 0;
        for (int e = expected.nextSetBit(0); e != DocIdSetIterator.NO_MORE_DOCS;
                e = e + 1 < expected.length() ? expected.nextSetBit(e + 1) : DocIdSetIterator.NO_MORE_DOCS) {
            assertEquals(e, doc, what + ": the set bit after " + seen);
            assertEquals(true, paged.get(e), what);
            doc = doc + 1 < paged.length() ? paged.nextSetBit(doc + 1) : DocIdSetIterator.NO_MORE_DOCS;
            seen++;
        }
        assertEquals(DocIdSetIterator.NO_MORE_DOCS, doc, what + ": nothing after the last");
        int last = expected.length() - 1;
        assertEquals(expected.prevSetBit(last), paged.prevSetBit(last), what + ": the last set bit");
        for (int at : new int[] {0, 2_097_151, 2_097_152, 4_194_304, last / 2, last}) {
            if (at <= last) {
                assertEquals(expected.prevSetBit(at), paged.prevSetBit(at), what + ": the set bit at or before " + at);
                int bounded = Math.min(expected.length(), at + 100_000);
                assertEquals(expected.nextSetBit(at, bounded), paged.nextSetBit(at, bounded),
                        what + ": the set bit from " + at + " before " + bounded);
            }
        }
    }
}
