package org.dossier.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dossier.testing.SameOnEveryDatabase;
import org.junit.jupiter.api.Test;

/**
 * Counts kept on a snapshot for later searches ({@link Snapshot#keepCountsUnder}) hold only the
 * years and decades counted, from the first to the last, and say every count as the pass did;
 * {@link FacetCounterAgainstDrillSidewaysTest} and {@link CountsUnderOneFilterKeptTest} check whole
 * searches answered from them.
 */
@SameOnEveryDatabase
class CountsKeptTrimmedTest {

    @Test
    void countsCutToTheirYearsSayWhatThePassCountedAndWeighAFraction() {
        FacetCounter.Counts pass = new FacetCounter.Counts(3, true);
        pass.values[2] = 7;
        pass.years[1950] = 4;
        pass.yearsAnyDate[1949] = 1;
        pass.yearsAnyDate[1950] = 5;
        pass.yearsAnyDate[1962] = 2;
        pass.decadesAnyDate[194] = 1;
        pass.decadesAnyDate[196] = 2;
        pass.failingOnly[Filter.DATES.ordinal()] = 3;
        pass.total = 4;
        pass.undatedAnyDate = 6;
        pass.unfiltered.yearsAnyDate[1991] = 9;

        FacetCounter.Counts kept = pass.trimmed();

        assertEquals(1949, kept.firstYear, "from the first year counted");
        assertArrayEquals(new int[] {0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, kept.years, "to the last, in either count");
        assertArrayEquals(new int[] {1, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2}, kept.yearsAnyDate);
        assertEquals(194, kept.firstDecade);
        assertArrayEquals(new int[] {1, 0, 2}, kept.decadesAnyDate);
        assertArrayEquals(pass.values, kept.values);
        assertEquals(7, kept.without(Filter.DATES), "the total and those failing the dates alone");
        assertEquals(6, kept.undatedAnyDate);
        assertEquals(1991, kept.unfiltered.firstYear, "what was counted unfiltered, cut to its own years");
        assertArrayEquals(new int[] {9}, kept.unfiltered.yearsAnyDate);
        assertTrue(kept.weight() * 20 < pass.weight(), kept.weight() + " bytes kept of a pass's " + pass.weight());
    }

    @Test
    void countsWithNoYearCountedKeepNone() {
        FacetCounter.Counts pass = new FacetCounter.Counts(2);
        pass.undatedAnyDate = 3;
        FacetCounter.Counts kept = pass.trimmed();
        assertEquals(0, kept.years.length);
        assertEquals(0, kept.decadesAnyDate.length);
        assertEquals(3, kept.undatedAnyDate);
    }

    @Test
    void onlyCountsWithAPlaceForEveryYearAreAddedUp() {
        FacetCounter.Counts sum = new FacetCounter.Counts(2);
        FacetCounter.Counts kept = new FacetCounter.Counts(2).trimmed();
        assertThrows(IllegalArgumentException.class, () -> sum.add(kept));
    }
}
