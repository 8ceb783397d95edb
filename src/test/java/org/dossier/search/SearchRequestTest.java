package org.dossier.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.dossier.testing.SameOnEveryDatabase;
import org.junit.jupiter.api.Test;

@SameOnEveryDatabase
class SearchRequestTest {

    @Test
    void anAddressEncodesEveryNameAndValueAsAFormWould() {
        List<String> values = List.of("stalin", "ciphered-telegram", "kim_il.sung*", "Kim Il Sung", "a&b=c",
                "100%", "zhou+enlai", "Ğdańsk", "tilde~", "\"soviet government\"", "1950");
        for (String value : values) {
            SearchRequest request = SearchRequest.of(value).toggle(Facet.PERSON, value);
            String expected = List.of("q", "person").stream()
                    .map(name -> name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            assertEquals(expected, request.toQueryString(), value);
        }
    }

    @Test
    void theUndatedRecordsAreOneParameterThatEveryLinkWritesBack() {
        SearchRequest undated = SearchRequest.of("korea").toggle(Facet.PERSON, "stalin").undatedOnly(true)
                .sortedBy(SortOrder.DATE_OLDEST);
        assertEquals("q=korea&person=stalin&undated=only&sort=date", undated.toQueryString());
        assertEquals(DateFilter.UNDATED, undated.dates());
        assertEquals(Set.of(Filter.PERSON, Filter.UNDATED), undated.activeFilters());
        assertEquals(DateFilter.UNDATED, undated.onPage(3).withPageSize(20).forCounts().dates(), "paging and counting keep it");
        assertEquals("q=korea&person=stalin&sort=date", undated.without(Filter.UNDATED).toQueryString());
        assertEquals("q=korea&sort=date", undated.withoutFilters().toQueryString());
    }

    @Test
    void choosingTheUndatedRecordsLetsGoOfYearsAndRangesAndChoosingADateLetsGoOfThem() {
        SearchRequest dated = SearchRequest.of("korea").toggleYear(1950).withFrom(DateBound.parse("1950-06"))
                .withDated(Dated.WITHIN);
        SearchRequest undated = dated.undatedOnly(true);
        assertEquals("q=korea&undated=only", undated.toQueryString());
        assertEquals("q=korea&year=1951", undated.toggleYear(1951).toQueryString());
        assertEquals("q=korea&from=1950", undated.between(DateBound.year(1950), null).toQueryString());
        assertEquals("q=korea&from=1950", undated.withFrom(DateBound.year(1950)).toQueryString());
        assertEquals("q=korea&to=1950", undated.withTo(DateBound.year(1950)).toQueryString());
        assertEquals(DateFilter.UNDATED, undated.withFrom(null).dates(), "lifting no range keeps the undated records");
        assertEquals(DateFilter.ANY, undated.undatedOnly(false).dates());
    }

    @Test
    void theUndatedRecordsAreAFilterOfTheirOwn() {
        SearchRequest undated = SearchRequest.everything(10).undatedOnly(true);
        assertTrue(undated.hasFilters());
        assertEquals("undated=only", undated.toQueryString());
    }

    @Test
    void aRangeNeedsAStartOrAnEndAndAHowItIsMet() {
        assertThrows(IllegalArgumentException.class, () -> new DateFilter.Range(null, null, Dated.MAY_FALL_IN));
        assertThrows(IllegalArgumentException.class, () -> new DateFilter.Range(DateBound.year(1950), null, null));
        assertNull(DateFilter.Range.of(null, null, Dated.WITHIN), "no bound, no range");
        assertEquals(Dated.MAY_FALL_IN, DateFilter.Range.of(DateBound.year(1950), null, null).how(), "the default way");
    }

    @Test
    void aRangeThatEndsBeforeItStartsIsRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new DateFilter.Range(DateBound.parse("1951"), DateBound.parse("1950-06"), Dated.MAY_FALL_IN));
        assertEquals("the range starts (1951) after it ends (1950-06)", refused.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> SearchRequest.of("korea").withFrom(DateBound.year(1951)).withTo(DateBound.year(1950)));
    }

    @Test
    void datedRecordsNeedAYearOrARange() {
        assertThrows(IllegalArgumentException.class, () -> new DateFilter.DatedIn(new TreeSet<>(), null));
        assertEquals(DateFilter.ANY, DateFilter.of(new TreeSet<>(), null));
    }

    @Test
    void untickingTheLastYearAsksForAnyDateAndKeepsARange() {
        assertEquals(DateFilter.ANY, SearchRequest.of("korea").toggleYear(1950).toggleYear(1950).dates());
        SearchRequest ranged = SearchRequest.of("korea").withFrom(DateBound.parse("1950-06")).withDated(Dated.WITHIN);
        assertEquals("q=korea&from=1950-06&dated=within", ranged.toggleYear(1950).toggleYear(1950).toQueryString());
        assertEquals(new DateFilter.DatedIn(new TreeSet<>(Set.of(1950, 1951)), null),
                SearchRequest.of("korea").toggleYear(1951).toggleYear(1950).dates());
    }

    @Test
    void howARangeIsMetGoesWithTheRange() {
        SearchRequest within = SearchRequest.of("korea").toggleYear(1950).withTo(DateBound.parse("1950-06"))
                .withDated(Dated.WITHIN);
        assertEquals("q=korea&year=1950&to=1950-06&dated=within", within.toQueryString());
        assertEquals("q=korea&year=1950", within.withTo(null).toQueryString(), "lifting the range lifts how it is met");
        assertEquals("q=korea&year=1950", within.without(Filter.DATES).withFrom(DateBound.year(1949))
                .without(Filter.DATES).toQueryString());
        assertEquals("q=korea", SearchRequest.of("korea").withDated(Dated.WITHIN).toQueryString(),
                "no range, none to meet");
        assertTrue(within.dates().howMatters());
        assertFalse(SearchRequest.of("korea").withDated(Dated.WITHIN).dates().howMatters());
    }
}
