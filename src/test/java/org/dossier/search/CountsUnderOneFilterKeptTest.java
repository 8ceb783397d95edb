package org.dossier.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Browsing one facet value keeps its counts on the snapshot ({@link Snapshot#keptCountsUnder}),
 * and browsing it with a value of another facet takes the counts that lift the other filter from
 * them instead of visiting every record with either value: every count of the page must be what a
 * snapshot that keeps nothing counts, for every pair of the seed pages' common types, people and
 * places, alone and with a year or a range of dates besides.
 */
class CountsUnderOneFilterKeptTest {

    @Test
    void browsingTwoValuesWithTheirCountsKeptCountsWhatCountingAfreshDoes() throws Exception {
        try (SeedIndex.Snapshots seeds = SeedIndex.snapshots()) {
            Snapshot keeping = seeds.snapshot(LuceneSearchEngine.DEFAULT_KEPT_ANSWERS);
            Snapshot afresh = seeds.snapshot(0);
            Searching searching = new Searching(new CatalogueAnalyzer());
            List<Map.Entry<Facet, String>> values = commonValues(keeping);
            for (Map.Entry<Facet, String> value : values) {
                SearchRequest alone = browse(Map.of(value.getKey(), List.of(value.getValue())), null, null, null);
                assertEquals(searching.search(afresh, Names.NONE, alone), searching.search(keeping, Names.NONE, alone),
                        "browsing " + value);
                RequestFilters filters = new RequestFilters(alone, keeping.ordinals);
                assertNotNull(keeping.keptCountsUnder(filters.only(filters.activeBits)), "kept: " + value);
            }
            int pairs = 0;
            for (Map.Entry<Facet, String> one : values) {
                for (Map.Entry<Facet, String> other : values) {
                    if (one.getKey().compareTo(other.getKey()) >= 0) {
                        continue;
                    }
                    Map<Facet, List<String>> both = Map.of(one.getKey(), List.of(one.getValue()),
                            other.getKey(), List.of(other.getValue()));
                    for (SearchRequest request : List.of(browse(both, null, null, null), browse(both, 1950, null, null),
                            browse(both, null, "1949", "1953-06"))) {
                        assertEquals(searching.search(afresh, Names.NONE, request),
                                searching.search(keeping, Names.NONE, request), request.toString());
                    }
                    pairs++;
                }
            }
            assertTrue(pairs > 50, pairs + " pairs");
        }
    }

    /** The six most common values of the type, people and places. */
    static List<Map.Entry<Facet, String>> commonValues(Snapshot snapshot) {
        FacetCounter.Counts everything = snapshot.everything();
        Map<Facet, List<Integer>> byFacet = new EnumMap<>(Facet.class);
        for (int ord = 0; ord < snapshot.ordinals.size(); ord++) {
            byFacet.computeIfAbsent(snapshot.ordinals.facetOf(ord), f -> new ArrayList<>()).add(ord);
        }
        List<Map.Entry<Facet, String>> values = new ArrayList<>();
        for (Facet facet : List.of(Facet.TYPE, Facet.PERSON, Facet.PLACE)) {
            byFacet.getOrDefault(facet, List.of()).stream()
                    .sorted(Comparator.comparingInt((Integer ord) -> everything.values[ord]).reversed())
                    .limit(6)
                    .forEach(ord -> values.add(Map.entry(facet, snapshot.ordinals.keyOf(ord))));
        }
        return values;
    }

    private static SearchRequest browse(Map<Facet, List<String>> selected, Integer year, String from, String to) {
        TreeSet<Integer> years = new TreeSet<>();
        if (year != null) {
            years.add(year);
        }
        return new SearchRequest("", selected, DateFilter.of(years, DateFilter.Range.of(
                from == null ? null : DateBound.parse(from), to == null ? null : DateBound.parse(to), null)),
                Set.of(), null, 1, 10);
    }
}
