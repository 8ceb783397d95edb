package org.dossier.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.dossier.testing.SameOnEveryDatabase;
import org.junit.jupiter.api.Test;

/** How much a rebuild's writers buffer: as before in a small heap, enough for a partition in one segment in a large one. */
@SameOnEveryDatabase
class IndexBuilderBufferTest {

    private static final long MB = 1 << 20;

    @Test
    void aSmallHeapKeepsTheLeastBuffer() {
        assertEquals(64, IndexBuilder.bufferMB(2, 512 * MB));
        assertEquals(64, IndexBuilder.bufferMB(4, 256 * MB));
    }

    @Test
    void aQuarterOfALargerHeapIsSharedAmongThePartitions() {
        assertEquals(128, IndexBuilder.bufferMB(2, 1024 * MB));
        assertEquals(96, IndexBuilder.bufferMB(4, 1536 * MB));
    }

    @Test
    void noPartitionBuffersMoreThanTheMost() {
        assertEquals(512, IndexBuilder.bufferMB(2, 6144 * MB));
        assertEquals(512, IndexBuilder.bufferMB(1, 64 * 1024 * MB));
    }
}
