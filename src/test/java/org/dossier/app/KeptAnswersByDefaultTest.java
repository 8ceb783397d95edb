package org.dossier.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class KeptAnswersByDefaultTest {

    private static final long MB = 1L << 20;

    @Test
    void keptAnswersAreAnEighthOfALargeHeap() {
        assertEquals(256, Protection.keptAnswersMbFor(2048 * MB));
        assertEquals(768, Protection.keptAnswersMbFor(6144 * MB));
    }

    @Test
    void keptAnswersAreNeverLessThanSixtyFourMegabytes() {
        // The image's and the unit's -Xmx512m: the parallel collector gives a little less than that as the heap's most.
        assertEquals(64, Protection.keptAnswersMbFor(491 * MB));
        assertEquals(64, Protection.keptAnswersMbFor(512 * MB));
        assertEquals(64, Protection.keptAnswersMbFor(128 * MB));
    }

    @Test
    void keptAnswersOfAHeapWithNoBoundStayANumberOfMegabytes() {
        assertEquals(Integer.MAX_VALUE, Protection.keptAnswersMbFor(Long.MAX_VALUE));
    }

    @Test
    void serveKeepsAnEighthOfItsOwnHeapUnlessToldOtherwise() {
        assertEquals(Protection.keptAnswersMbFor(Runtime.getRuntime().maxMemory()), Protection.DEFAULTS.keptAnswersMb());
        assertEquals(Protection.DEFAULTS.keptAnswersMb(), new ServeCommand().keptAnswersMb);
    }
}
