package org.dossier.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.dossier.testing.SameOnEveryDatabase;

@SameOnEveryDatabase
class PaginationTest {

    private static List<Integer> pages(Pagination p) {
        return p.links().stream().map(Pagination.PageLink::page).toList();
    }

    @Test
    void countsTheWayTheArchiveDoes() {
        assertEquals("51 - 60 of 338", new Pagination(6, 10, 338).range());
        assertEquals("331 - 338 of 338", new Pagination(34, 10, 338).range());
        assertEquals("No records match", new Pagination(1, 10, 0).range());
        assertEquals("9,991 - 10,000 of 10,000", new Pagination(1000, 10, 10_000).range());
    }

    @Test
    void aCountIsGroupedByThousandsAsEnglishFormatsGroupThem() {
        for (long n : new long[] {0, 7, 999, 1_000, 5_245, 99_999, 100_000, 1_000_000, 535_465, 12_345_678_901L, -4_200,
                -999, -1_000, Long.MAX_VALUE, Long.MIN_VALUE}) {
            assertEquals(String.format(Locale.ENGLISH, "%,d", n), Pagination.number(n), "count " + n);
        }
    }

    @Test
    void showsFirstLastAndTwoPagesAroundTheCurrentWithGaps() {
        assertEquals(List.of(1, 0, 4, 5, 6, 7, 8, 0, 34), pages(new Pagination(6, 10, 338)));
        assertEquals(List.of(1, 2, 3, 0, 34), pages(new Pagination(1, 10, 338)));
        assertEquals(List.of(1, 2, 3, 4, 5), pages(new Pagination(3, 10, 49)));
    }

    @Test
    void aGapThatWouldHideOnePageShowsThatPageInstead() {
        assertEquals(List.of(1, 2, 3, 4, 5), pages(new Pagination(1, 10, 49)));
        assertEquals(List.of(1, 2, 3, 4, 5), pages(new Pagination(5, 10, 49)));
        assertEquals(List.of(1, 0, 4, 5, 6, 7, 8, 9, 10), pages(new Pagination(6, 10, 100)));
        assertEquals(List.of(1, 2, 3, 0, 6), pages(new Pagination(1, 10, 60)));
    }

    @Test
    void aPagePastTheLastSaysHowManyPagesThereAreInGoodEnglish() {
        assertEquals("There is no page 2: this search has 1 page of 100.",
                new Pagination(2, 100, 26).noSuchPage("this search has"));
        assertEquals("There is no page 6: the catalogue has 5 pages of 10.",
                new Pagination(6, 10, 49).noSuchPage("the catalogue has"));
        assertEquals("There is no page 12001: the catalogue has 2,000 pages of 10.",
                new Pagination(12001, 10, 20_000).noSuchPage("the catalogue has"), "the count of pages written as counts are");
    }

    @Test
    void knowsWhetherAPageExists() {
        assertTrue(new Pagination(5, 10, 49).exists());
        assertFalse(new Pagination(6, 10, 49).exists());
        assertTrue(new Pagination(1, 10, 0).exists());
    }

    @Test
    void pageLinksAtAMillionDocumentsStayFew() {
        assertEquals(List.of(1, 0, 49998, 49999, 50000, 50001, 50002, 0, 100000),
                pages(new Pagination(50000, 10, 1_000_000)));
    }
}
