package org.dossier.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.dossier.testing.SeededCatalogue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Facet counts against the 49 seed records, counted by hand from the seed pages and the authority
 * lists (which record names whom, of which type, in which year). A facet's count always answers
 * "how many would I get if I ticked this too", the facet's own selection lifted and every other
 * filter kept.
 */
class FacetCountsTest {

    @RegisterExtension
    static final SeededCatalogue catalogue = SeededCatalogue.sharedForReading();

    private static SearchJson search(String query) {
        return SearchJson.get(catalogue.http(), query);
    }

    /** Every type in the seeds: 8 ciphered telegrams (records 16, 19, 20, 25-29), 6 records of conversation... */
    private static final Map<String, Long> ALL_TYPES = Map.ofEntries(
            Map.entry("ciphered-telegram", 8L), Map.entry("record-of-conversation", 6L),
            Map.entry("journal-entry", 5L), Map.entry("letter", 5L), Map.entry("cable", 4L), Map.entry("other", 4L),
            Map.entry("memorandum-of-conversation", 3L), Map.entry("report", 3L), Map.entry("information", 2L),
            Map.entry("oral-statement", 2L), Map.entry("record-of-meeting", 2L), Map.entry("telegram", 2L),
            Map.entry("memorandum", 1L), Map.entry("minutes", 1L), Map.entry("speech", 1L));

    @Test
    void withNoFilterEveryRecordCountsOnce() {
        SearchJson all = search("");
        assertEquals(49, all.total());
        assertEquals(ALL_TYPES, all.facet("type"));
        Map<String, Long> people = all.facet("person");
        assertEquals(52, people.size(), "46 people and 6 organisations");
        // Stalin under any of his names (Filippov, Feng Xi, Instantsia, I.V. Stalin...): 26 records.
        assertEquals(List.of("stalin", "kim-il-sung", "mao-zedong", "shtykov"), List.copyOf(people.keySet()).subList(0, 4));
        assertEquals(26L, people.get("stalin"));
        assertEquals(13L, people.get("kim-il-sung"));
        // 9: two records name him only as a bare "Mao", which alone names nobody (full-name-only).
        assertEquals(9L, people.get("mao-zedong"));
        assertEquals(5L, people.get("shtykov"));
        assertEquals(1L, people.get("rola-zymierski"));
        Map<String, Long> places = all.facet("place");
        assertEquals(30, places.size(), "29 places, and Incheon, a city of its own rather than a name of South Korea");
        assertEquals(28L, places.get("ussr"));
        assertEquals(27L, places.get("china"));
        // 16: Lange's "Chicago University" names a city, not the country (seeds/authorities/places.csv).
        assertEquals(16L, places.get("united-states"));
        assertEquals(11L, places.get("korea"));
        assertEquals(10L, places.get("dprk"));
        assertEquals(6L, places.get("prc"));
        assertEquals(Map.of(), all.facet("language"), "seed pages say no language: no record counts under one");
        assertEquals(Map.ofEntries(Map.entry("1942", 2L), Map.entry("1943", 1L), Map.entry("1944", 3L),
                Map.entry("1945", 6L), Map.entry("1946", 1L), Map.entry("1948", 2L), Map.entry("1949", 6L),
                Map.entry("1950", 7L), Map.entry("1951", 2L), Map.entry("1952", 6L), Map.entry("1953", 1L),
                Map.entry("1955", 1L), Map.entry("1956", 3L), Map.entry("1957", 1L), Map.entry("1960", 1L),
                Map.entry("1965", 2L), Map.entry("1966", 2L), Map.entry("1974", 1L), Map.entry("1979", 1L)),
                all.facet("year"));
    }

    @Test
    void aSearchForACityFindsTheRecordThatNamesItNotEveryRecordOfItsCountry() {
        SearchJson chicago = search("q=chicago");
        assertEquals(List.of(catalogue.recordTitled("with Polish Professor Lange")), chicago.ids());
        assertEquals(null, chicago.facet("place").get("united-states"));
        SearchJson incheon = search("q=incheon");
        assertEquals(List.of(catalogue.recordTitled("Shtykov to Deputy Foreign Minister Andrei Gromyko")), incheon.ids(),
                "the one record of the landings, not every record of South Korea");
        assertEquals(1L, incheon.facet("place").get("incheon"));
        assertEquals(incheon.ids(), search("q=inchon").ids(), "the older spelling finds it too");
    }

    @Test
    void lettersFromStalinAndLettersToHimAreTwoFilters() {
        SearchJson from = search("author=stalin");
        assertEquals(8, from.total());
        assertEquals(Map.of("mao-zedong", 4L, "kim-il-sung", 1L, "krasovsky", 1L, "pishevari", 1L), from.facet("recipient"));
        assertEquals(search("").facet("author"), from.facet("author"), "the author facet's own selection never narrows it");
        assertEquals(8L, from.facet("person").get("stalin"));
        SearchJson to = search("recipient=stalin");
        assertEquals(9, to.total());
        assertEquals(Map.of("kim-il-sung", 2L, "shtykov", 2L, "lee-chang-chen", 1L, "mao-zedong", 1L,
                "pak-heon-yeong", 1L), to.facet("author"));
        assertEquals(0, search("author=stalin&recipient=stalin").total());
        assertEquals(10, search("author=stalin&author=kim-il-sung").total(), "values of one facet combine with OR");
    }

    @Test
    void aTickedValueNarrowsTheOtherFacetsButNotItsOwn() {
        SearchJson telegrams = search("type=ciphered-telegram");
        assertEquals(8, telegrams.total());
        assertEquals(ALL_TYPES, telegrams.facet("type"));
        assertEquals(Map.of("stalin", 7L, "kim-il-sung", 5L, "mao-zedong", 3L, "shtykov", 3L, "gromyko", 2L,
                "vyshinsky", 2L, "razuvaev", 2L, "pak-heon-yeong", 1L, "krasovsky", 1L, "vasilevsky", 1L),
                telegrams.facet("person"));
        // The telegram on the Incheon landings names the city, not the state (Incheon is a place of its own).
        assertEquals(Map.of("china", 3L, "dprk", 3L, "south-korea", 1L, "ussr", 2L, "united-states", 2L,
                "czechoslovakia", 1L, "korea", 1L, "poland", 1L, "incheon", 1L), telegrams.facet("place"));
        assertEquals(Map.of("1950", 3L, "1951", 1L, "1952", 4L), telegrams.facet("year"));
    }

    @Test
    void valuesOfOneFacetCombineWithOr() {
        assertEquals(13, search("type=ciphered-telegram&type=letter").total());
        SearchJson northKoreaOrPrc = search("place=dprk&place=prc");
        assertEquals(14, northKoreaOrPrc.total());
        Map<String, Long> people = northKoreaOrPrc.facet("person");
        assertEquals(7L, people.get("kim-il-sung"));
        assertEquals(5L, people.get("stalin"));
        assertEquals(1L, people.get("mao-zedong"));
        assertEquals(2L, people.get("vyshinsky"));
        assertEquals(search("").facet("place"), northKoreaOrPrc.facet("place"));
    }

    @Test
    void differentFacetsCombineWithAndEachCountingWithoutItsOwnFilter() {
        SearchJson letters = search("type=letter&person=mao-zedong");
        assertEquals(2, letters.total());
        assertEquals(List.of(catalogue.recordTitled("Hand-delivered letter, Filippov (Stalin) to Mao Zedong"),
                catalogue.recordTitled("Letter from Feng Xi (Stalin) to Kim Il Sung")), letters.ids());
        // Mao's 9 records by type: what ticking another type would give.
        assertEquals(Map.of("ciphered-telegram", 3L, "cable", 1L, "journal-entry", 2L, "letter", 2L,
                "record-of-conversation", 1L), letters.facet("type"));
        // The 5 letters by person: what ticking another person would give.
        assertEquals(Map.of("stalin", 5L, "mao-zedong", 2L, "kim-il-sung", 1L, "lee-chang-chen", 1L, "shtykov", 1L),
                letters.facet("person"));
        assertEquals(Map.of("burma", 1L, "india", 1L, "mexico", 1L, "ussr", 1L, "united-states", 1L),
                letters.facet("place"));
        assertEquals(Map.of("1950", 1L, "1952", 1L), letters.facet("year"));
    }

    @Test
    void wordsNarrowEveryCount() {
        SearchJson stalinAndMao = search("q=stalin&person=mao-zedong");
        assertEquals(6, stalinAndMao.total());
        assertEquals(3, search("q=stalin&person=mao-zedong&type=ciphered-telegram").total());
        assertEquals(3L, stalinAndMao.facet("type").get("ciphered-telegram"));
    }

    @Test
    void yearsCountWithoutTheirOwnSelectionButWithinTheDateRange() {
        SearchJson twoYears = search("type=ciphered-telegram&year=1950&year=1952");
        assertEquals(7, twoYears.total());
        assertEquals(Map.of("1950", 3L, "1951", 1L, "1952", 4L), twoYears.facet("year"));
        SearchJson fifties = search("from=1950&to=1950");
        assertEquals(7, fifties.total());
        assertEquals(Map.of("1950", 7L), fifties.facet("year"));
    }

    @Test
    void aDateKnownOnlyToTheMonthIsInARangeItMayFallIn() {
        // The letter from the commanders is dated February 1942, the CPSU's information to the PUWP
        // September 1966: known to the month only.
        int letter = catalogue.recordTitled("Letter to Stalin from the Commanders and Soldiers");
        int information = catalogue.recordTitled("Information from the Communist Party of the Soviet Union Central");
        int mongolian1979 = catalogue.recordTitled("Mongolian Record of Conversation with Soviet Officials");
        int mongolian1974 = catalogue.recordTitled("Foreign Minister of Mongolian People's Republic and President Kim");
        assertEquals(List.of(letter), search("from=1942-02&to=1942-02").ids());
        assertEquals(0, search("to=1942-01").total());
        assertEquals(List.of(mongolian1979, mongolian1974, information), search("from=1966-09").ids());
        assertEquals(List.of(mongolian1979, mongolian1974), search("from=1966-10").ids());
    }

    @Test
    void everyFacetValueIsAKeyThatSelectsExactlyItsCount() {
        SearchJson all = search("");
        for (String facet : List.of("type", "person", "place", "year")) {
            all.facet(facet).forEach((value, count) ->
                    assertEquals((long) count, search(facet + "=" + value + "&pageSize=1").total(), facet + "=" + value));
        }
    }
}
