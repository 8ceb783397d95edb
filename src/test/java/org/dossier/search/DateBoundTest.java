package org.dossier.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.dossier.testing.SameOnEveryDatabase;

@SameOnEveryDatabase
class DateBoundTest {

    @Test
    void aYearRunsFromItsFirstDayToItsLast() {
        DateBound year = DateBound.parse("1950");
        assertEquals(LocalDate.of(1950, 1, 1), year.firstDay());
        assertEquals(LocalDate.of(1950, 12, 31), year.lastDay());
        assertEquals("1950", year.display());
    }

    @Test
    void aMonthRunsFromItsFirstDayToItsLast() {
        DateBound month = DateBound.parse("1952-02");
        assertEquals(LocalDate.of(1952, 2, 1), month.firstDay());
        assertEquals(LocalDate.of(1952, 2, 29), month.lastDay());
        assertEquals("February 1952", month.display());
    }

    @Test
    void aDayIsOneDayAndIsWrittenAsARecordsDayIs() {
        DateBound day = DateBound.parse("1950-06-25");
        assertEquals(LocalDate.of(1950, 6, 25), day.firstDay());
        assertEquals(LocalDate.of(1950, 6, 25), day.lastDay());
        assertEquals("June 25, 1950", day.display());
        assertEquals("has no day 29 (February 1951 has 28 days)",
                assertThrows(IllegalArgumentException.class, () -> DateBound.parse("1951-02-29")).getMessage());
    }

    @Test
    void anythingElseIsRefusedWithAReason() {
        assertEquals("has no month 13 (months are 01 to 12)",
                assertThrows(IllegalArgumentException.class, () -> DateBound.parse("1950-13")).getMessage());
        for (String bad : new String[] {"50", "1950-06-25T00", "Junly 1950", "1950-00", "1950-06-00", "Monday 1950"}) {
            assertThrows(IllegalArgumentException.class, () -> DateBound.parse(bad), bad);
        }
        assertEquals("must name a real day",
                assertThrows(IllegalArgumentException.class, () -> DateBound.parse("June 31, 1950")).getMessage());
    }

    @Test
    void aDateWrittenAsAPersonWritesItIsReadAndKeptAsIso() {
        for (String[] written : new String[][] {{"June 1950", "1950-06"}, {"Sept. 1950", "1950-09"},
                {"25 June 1950", "1950-06-25"}, {"June 25, 1950", "1950-06-25"}, {"1950-6", "1950-06"},
                {"1950-06-5", "1950-06-05"}}) {
            assertEquals(DateBound.parse(written[1]), DateBound.parse(written[0]), written[0]);
        }
    }

    @Test
    void aYearMadeInCodeIsTheBoundItsFourDigitsReadAs() {
        for (int year : new int[] {0, 7, 950, 1950, 9999}) {
            assertEquals(DateBound.parse(String.format(java.util.Locale.ROOT, "%04d", year)), DateBound.year(year));
        }
        assertEquals("0950", DateBound.year(950).value());
        for (int bad : new int[] {-1, 10_000}) {
            assertThrows(IllegalArgumentException.class, () -> DateBound.year(bad), String.valueOf(bad));
        }
    }
}
