package org.dossier.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SortedMap;
import java.util.TreeMap;
import org.dossier.testing.SameOnEveryDatabase;
import org.junit.jupiter.api.Test;

/**
 * An answer's counts by year held in arrays ({@link YearCounts}) read as the {@code TreeMap} they were
 * counted in: every reader of {@link SearchResults#years()} and its kin reads them as before.
 */
@SameOnEveryDatabase
class YearCountsTest {

    private static SortedMap<Integer, Long> counted() {
        SortedMap<Integer, Long> counted = new TreeMap<>();
        counted.put(1962, 3L);
        counted.put(-44, 1L);
        counted.put(1950, 1_000_000L);
        counted.put(1951, 0L);
        counted.put(1959, 7L);
        return counted;
    }

    @Test
    void readsAsTheSortedMapItWasMadeFrom() {
        SortedMap<Integer, Long> counted = counted();
        SortedMap<Integer, Long> held = YearCounts.of(counted);
        assertEquals(counted, held);
        assertEquals(held, counted);
        assertEquals(counted.hashCode(), held.hashCode());
        assertEquals(counted.toString(), held.toString());
        assertEquals(List.copyOf(counted.keySet()), List.copyOf(held.keySet()));
        assertEquals(List.copyOf(counted.values()), List.copyOf(held.values()));
        assertEquals(List.copyOf(counted.entrySet()), List.copyOf(held.entrySet()));
        assertEquals(-44, held.firstKey());
        assertEquals(1962, held.lastKey());
        assertEquals(1_000_000L, held.get(1950));
        assertEquals(0L, held.get(1951), "a year counted at 0 (a ticked year that found nothing) is there");
        assertEquals(null, held.get(1952));
        assertEquals(5L, held.getOrDefault(1952, 5L));
        assertTrue(held.containsKey(1959) && !held.containsKey(1960) && !held.containsKey("1959"));
        StringBuilder read = new StringBuilder();
        held.forEach((year, count) -> read.append(year).append('=').append(count).append(' '));
        assertEquals("-44=1 1950=1000000 1951=0 1959=7 1962=3 ", read.toString());
    }

    @Test
    void itsPartsAreThoseOfTheMapItWasMadeFrom() {
        SortedMap<Integer, Long> counted = counted();
        SortedMap<Integer, Long> held = YearCounts.of(counted);
        assertEquals(counted.subMap(1950, 1960), held.subMap(1950, 1960));
        assertEquals(counted.subMap(1952, 1959), held.subMap(1952, 1959));
        assertEquals(counted.subMap(1960, 1970), held.subMap(1960, 1970));
        assertEquals(counted.subMap(1970, 1980), held.subMap(1970, 1980));
        assertEquals(counted.headMap(1951), held.headMap(1951));
        assertEquals(counted.tailMap(1951), held.tailMap(1951));
        assertEquals(counted.tailMap(2000), held.tailMap(2000));
        assertThrows(IllegalArgumentException.class, () -> held.subMap(1960, 1950));
        assertThrows(NoSuchElementException.class, () -> held.subMap(1970, 1980).firstKey());
    }

    @Test
    void itNeverChanges() {
        SortedMap<Integer, Long> held = YearCounts.of(counted());
        assertThrows(UnsupportedOperationException.class, () -> held.put(1970, 1L));
        assertThrows(UnsupportedOperationException.class, () -> held.remove(1950));
        assertThrows(UnsupportedOperationException.class, () -> held.entrySet().iterator().next().setValue(2L));
        assertThrows(UnsupportedOperationException.class, held::clear);
    }

    @Test
    void yearsGatheredInAnyOrderReadAsATreeMapGivenTheSamePuts() {
        java.util.Random random = new java.util.Random(17);
        for (int round = 0; round < 200; round++) {
            YearCounts.Gathering gathering = new YearCounts.Gathering();
            SortedMap<Integer, Long> expected = new TreeMap<>();
            int puts = random.nextInt(60);
            int year = 1900 + random.nextInt(50);
            for (int i = 0; i < puts; i++) {
                // Mostly in order, as an engine gives them; now and then before, or a year again.
                year = random.nextInt(5) == 0 ? 1880 + random.nextInt(120) : year + random.nextInt(3);
                long count = random.nextInt(1000);
                gathering.put(year, count);
                expected.put(year, count);
            }
            SortedMap<Integer, Long> counted = gathering.counted();
            assertEquals(expected, counted, "round " + round);
            assertEquals(List.copyOf(expected.keySet()), List.copyOf(counted.keySet()), "round " + round);
            assertSame(counted.isEmpty() ? YearCounts.NONE : counted, YearCounts.of(counted));
        }
    }

    @Test
    void whatWasGatheredStaysAsItWasWhenMoreIsGathered() {
        YearCounts.Gathering gathering = new YearCounts.Gathering();
        gathering.put(1950, 2);
        SortedMap<Integer, Long> early = gathering.counted();
        gathering.put(1950, 9);
        gathering.put(1949, 1);
        assertEquals(Map.of(1950, 2L), early);
        assertEquals(Map.of(1949, 1L, 1950, 9L), gathering.counted());
    }

    @Test
    void anAnswerWithoutARangeHoldsItsYearsOnceForItsHistogramToo() {
        SearchResults noRange = new SearchResults(3, List.of(), Map.of(), counted(), counted(), new TreeMap<>(), 0,
                Map.of(), null, null);
        assertSame(noRange.years(), noRange.yearsAnyDate());
        SortedMap<Integer, Long> ranged = counted();
        ranged.remove(1962);
        SearchResults withRange = new SearchResults(3, List.of(), Map.of(), ranged, counted(), new TreeMap<>(), 0,
                Map.of(), null, null);
        assertEquals(ranged, withRange.years());
        assertEquals(counted(), withRange.yearsAnyDate());
    }
}
