package org.dossier.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * A search with words and filters ranks its page among the hits its counting pass found
 * ({@link RecordSet}) instead of among every record the filters pass: the page must be the same,
 * hit for hit, in the same order and with the same highlights, for random searches of the seed
 * pages' words with facet values, years and date ranges, in every order and on later pages.
 */
class PageAmongCountedHitsTest {

    private static final List<String> TEXTS = List.of("soviet", "korea", "stalin", "chinese", "telegram", "war",
            "mao", "kim", "government", "military", "soviet korea", "\"north korea\"", "negotiations OR armistice",
            "telegr*", "korea -china", "party");

    @Test
    void thePageRankedAmongTheCountedHitsIsThePageRankedAmongTheFilteredRecords() throws Exception {
        try (SeedIndex.Snapshots seeds = SeedIndex.snapshots()) {
            Snapshot snapshot = seeds.snapshot(0);
            Searching searching = new Searching(new CatalogueAnalyzer());
            // Each facet's values, the most common first: readers tick those, and they leave hits.
            FacetCounter.Counts everything = snapshot.everything();
            Map<Facet, List<String>> keys = new EnumMap<>(Facet.class);
            List<Integer> ords = new ArrayList<>();
            for (int ord = 0; ord < snapshot.ordinals.size(); ord++) {
                ords.add(ord);
            }
            ords.sort(Comparator.comparingInt((Integer ord) -> everything.values[ord]).reversed());
            for (int ord : ords) {
                keys.computeIfAbsent(snapshot.ordinals.facetOf(ord), f -> new ArrayList<>()).add(snapshot.ordinals.keyOf(ord));
            }
            SplittableRandom random = new SplittableRandom(1950);
            int ranked = 0;
            int withHits = 0;
            for (int i = 0; i < 600; i++) {
                SearchRequest request = randomSearch(random, keys);
                Searching.Found found = new Searching.Found(request);
                SearchResults counted = searching.search(snapshot, Names.NONE, request.forCounts(), found);
                List<SearchHit> among = searching.hits(snapshot, Names.NONE, request, found, null);
                List<SearchHit> filtered = searching.hits(snapshot, Names.NONE, request, null, null);
                assertEquals(filtered, among, "search " + i + ": " + request);
                if (found.holdsHits()) {
                    ranked++;
                }
                if (!among.isEmpty()) {
                    withHits++;
                    assertTrue(counted.total() > 0, "search " + i + ": hits without a count");
                }
            }
            // Not vacuous: the counted hits were used, and a good share of the pages had hits on them.
            assertEquals(600, ranked, "every search with words and a filter ranks among its counted hits");
            assertTrue(withHits > 150, withHits + " of 600 pages had hits");
        }
    }

    private static SearchRequest randomSearch(SplittableRandom random, Map<Facet, List<String>> keys) {
        String text = TEXTS.get(random.nextInt(TEXTS.size()));
        Map<Facet, List<String>> selected = new EnumMap<>(Facet.class);
        TreeSet<Integer> years = new TreeSet<>();
        DateBound from = null;
        DateBound to = null;
        // At least one filter of some kind: without any, the page is ranked by the words alone.
        while (selected.isEmpty() && years.isEmpty() && from == null && to == null) {
            for (Facet facet : List.of(Facet.TYPE, Facet.PERSON, Facet.PLACE)) {
                if (random.nextInt(4) == 0) {
                    List<String> values = keys.getOrDefault(facet, List.of());
                    if (!values.isEmpty()) {
                        // One or two of its six most common values.
                        List<String> ticked = new ArrayList<>();
                        for (int n = 1 + random.nextInt(2); n > 0; n--) {
                            ticked.add(values.get(random.nextInt(Math.min(6, values.size()))));
                        }
                        selected.put(facet, List.copyOf(new TreeSet<>(ticked)));
                    }
                }
            }
            if (random.nextInt(8) == 0) {
                years.add(1945 + random.nextInt(15));
            }
            if (random.nextInt(2) == 0) {
                int start = 1945 + random.nextInt(10);
                from = random.nextInt(5) == 0 ? null : DateBound.parse(String.valueOf(start));
                to = DateBound.parse(random.nextInt(4) == 0 ? String.format("%d-%02d", start + 3, 1 + random.nextInt(12))
                        : String.valueOf(start + 5 + random.nextInt(10)));
            }
        }
        Set<Facet> requireAll = selected.containsKey(Facet.PERSON) && random.nextInt(4) == 0 ? Set.of(Facet.PERSON) : Set.of();
        SortOrder sort = SortOrder.values()[random.nextInt(SortOrder.values().length)];
        DateFilter.Range range = DateFilter.Range.of(from, to, random.nextInt(3) == 0 ? Dated.WITHIN : null);
        return new SearchRequest(text, selected, DateFilter.of(years, range), requireAll, sort, 1 + random.nextInt(2), 10);
    }
}
