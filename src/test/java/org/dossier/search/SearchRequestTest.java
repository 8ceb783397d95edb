package org.dossier.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
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
        assertTrue(undated.undated());
        assertEquals(Set.of(Filter.PERSON, Filter.UNDATED), undated.activeFilters());
        assertTrue(undated.onPage(3).withPageSize(20).forCounts().undated(), "paging and counting keep it");
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
        assertTrue(undated.withFrom(null).undated(), "lifting no range keeps the undated records");
        assertFalse(undated.undatedOnly(false).undated());
    }

    @Test
    void undatedRecordsWithYearsOrARangeAreRefusedSayingWhatToChange() {
        for (SearchRequest dated : List.of(SearchRequest.of("korea").toggleYear(1950),
                SearchRequest.of("korea").withFrom(DateBound.year(1950)),
                SearchRequest.of("korea").withTo(DateBound.year(1950)))) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> new SearchRequest(
                    dated.text(), dated.facets(), dated.years(), dated.from(), dated.to(), null, true, Set.of(), null, 1,
                    10));
            assertEquals(SearchRequest.UNDATED_AND_DATES, refused.getMessage());
        }
        assertTrue(new SearchRequest("", Map.of(), new TreeSet<>(), null, null, null, true, Set.of(), null, 1, 10)
                .hasFilters());
    }
}
