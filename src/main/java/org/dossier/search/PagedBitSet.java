package org.dossier.search;

import java.io.IOException;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.BitSet;
import org.apache.lucene.util.BitSetIterator;
import org.apache.lucene.util.FixedBitSet;
import org.apache.lucene.util.RamUsageEstimator;

/**
 * A segment's records as bits, like Lucene's {@code FixedBitSet}, but held in pages of 256 KB
 * instead of one array: what a search makes for itself (the hits its counting pass found, the
 * records meeting a range or a value) at any size of segment.
 *
 * <p>Why: one array for a segment of five million records is 610 KB, and the JVM's G1 collector
 * puts an array of more than half a region (512 KB at a 1 GB heap) in regions of its own and, when
 * the heap is already more than 45 % full — a node at ten million records holds some 450 MB of
 * facet columns in 1 GB — starts a concurrent marking of the whole heap for each one. A search
 * that made two such arrays paid that marking's pauses (remarks of 13-250 ms, median 36, on a
 * loaded machine) every time (BENCHMARKS.md, "A broad word at ten million"). Pages of 256 KB are
 * never allocated that way; below 2,097,152 records a set is one page, as large as a
 * {@code FixedBitSet}.
 */
final class PagedBitSet extends BitSet {

    /** A page's bits, as a power of two: 2^21 bits, 2^15 longs, 256 KB. */
    private static final int PAGE_SHIFT = 21;
    private static final int WORDS_SHIFT = PAGE_SHIFT - 6;
    private static final int WORD_MASK = (1 << WORDS_SHIFT) - 1;

    private final long[][] pages;
    private final int length;

    /** No bit set, of {@code length} bits (a segment's maxDoc). */
    PagedBitSet(int length) {
        if (length < 0) {
            throw new IllegalArgumentException("a set of records has no negative length: " + length);
        }
        this.length = length;
        long words = ((long) length + 63) >>> 6;
        this.pages = new long[(int) ((words + WORD_MASK) >>> WORDS_SHIFT)][];
        for (int p = 0; p < pages.length; p++) {
            pages[p] = new long[(int) Math.min(1 << WORDS_SHIFT, words - ((long) p << WORDS_SHIFT))];
        }
    }

    private PagedBitSet(long[][] pages, int length) {
        this.pages = pages;
        this.length = length;
    }

    /** The same bits in pages of their own. */
    PagedBitSet copy() {
        long[][] copied = new long[pages.length][];
        for (int p = 0; p < pages.length; p++) {
            copied[p] = pages[p].clone();
        }
        return new PagedBitSet(copied, length);
    }

    private long word(int w) {
        return pages[w >>> WORDS_SHIFT][w & WORD_MASK];
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public boolean get(int index) {
        return (pages[index >>> PAGE_SHIFT][(index >>> 6) & WORD_MASK] & (1L << index)) != 0;
    }

    @Override
    public void set(int index) {
        pages[index >>> PAGE_SHIFT][(index >>> 6) & WORD_MASK] |= 1L << index;
    }

    @Override
    public boolean getAndSet(int index) {
        boolean was = get(index);
        set(index);
        return was;
    }

    @Override
    public void clear(int index) {
        pages[index >>> PAGE_SHIFT][(index >>> 6) & WORD_MASK] &= ~(1L << index);
    }

    @Override
    public void clear(int startIndex, int endIndex) {
        for (int i = nextSetBit(startIndex, endIndex); i != DocIdSetIterator.NO_MORE_DOCS;
                i = i + 1 < endIndex ? nextSetBit(i + 1, endIndex) : DocIdSetIterator.NO_MORE_DOCS) {
            clear(i);
        }
    }

    @Override
    public int cardinality() {
        int count = 0;
        for (long[] page : pages) {
            for (long word : page) {
                count += Long.bitCount(word);
            }
        }
        return count;
    }

    @Override
    public int approximateCardinality() {
        return cardinality();
    }

    @Override
    public int prevSetBit(int index) {
        int w = index >>> 6;
        long word = word(w) & (-1L >>> (63 - (index & 63)));
        while (true) {
            if (word != 0) {
                return (w << 6) + 63 - Long.numberOfLeadingZeros(word);
            }
            if (--w < 0) {
                return -1;
            }
            word = word(w);
        }
    }

    @Override
    public int nextSetBit(int from, int to) {
        if (from >= to) {
            return DocIdSetIterator.NO_MORE_DOCS;
        }
        int w = from >>> 6;
        int lastWord = (to - 1) >>> 6;
        long word = word(w) & (-1L << from);
        while (true) {
            if (word != 0) {
                int bit = (w << 6) + Long.numberOfTrailingZeros(word);
                return bit < to ? bit : DocIdSetIterator.NO_MORE_DOCS;
            }
            if (++w > lastWord) {
                return DocIdSetIterator.NO_MORE_DOCS;
            }
            word = word(w);
        }
    }

    /**
     * Adds the records {@code records} steps through: word by word when they are bits of this
     * length (a filter's records as Lucene's query cache keeps them), else one by one. Why: a
     * popular value's records added one by one to a range's were a tenth of a search with words,
     * a value and a range (BENCHMARKS.md, "A range search's candidates stepped a word at a time").
     */
    @Override
    public void or(DocIdSetIterator records) throws IOException {
        FixedBitSet bits = BitSetIterator.getFixedBitSetOrNull(records);
        if (bits == null || bits.length() != length) {
            super.or(records);
            return;
        }
        checkUnpositioned(records);
        long[] added = bits.getBits();
        int words = (length + 63) >>> 6;
        for (int w = 0; w < words; w++) {
            pages[w >>> WORDS_SHIFT][w & WORD_MASK] |= added[w];
        }
    }

    @Override
    public long ramBytesUsed() {
        long bytes = RamUsageEstimator.shallowSizeOf(pages);
        for (long[] page : pages) {
            bytes += RamUsageEstimator.sizeOf(page);
        }
        return bytes + 24;
    }
}
