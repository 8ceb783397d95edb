package org.dossier.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * A page of the newest hits of a browse without words is found among the hits of the latest years
 * that hold it (from the counts by year), and is the page that ranking every hit gives: for the
 * seed pages' common types, people and places, alone, in pairs, with a range of dates, on the
 * first pages and deep ones, newest first by default and asked for.
 */
class NewestPageAmongLatestYearsTest {

    @Test
    void theNewestPageOfABrowseIsThePageOfEveryHitRanked() throws Exception {
        try (SeedIndex.Snapshots seeds = SeedIndex.snapshots()) {
            Snapshot snapshot = seeds.snapshot(LuceneSearchEngine.DEFAULT_KEPT_ANSWERS);
            Searching searching = new Searching(new CatalogueAnalyzer());
            List<Map<Facet, List<String>>> browses = new ArrayList<>();
            browses.add(Map.of());
            List<Map.Entry<Facet, String>> values = CountsUnderOneFilterKeptTest.commonValues(snapshot);
            for (Map.Entry<Facet, String> one : values) {
                browses.add(Map.of(one.getKey(), List.of(one.getValue())));
                for (Map.Entry<Facet, String> other : values) {
                    if (one.getKey().compareTo(other.getKey()) < 0) {
                        browses.add(Map.of(one.getKey(), List.of(one.getValue()), other.getKey(), List.of(other.getValue())));
                    }
                }
            }
            int pages = 0;
            for (Map<Facet, List<String>> selected : browses) {
                for (SortOrder sort : Arrays.asList(null, SortOrder.DATE_NEWEST)) {
                    for (String from : Arrays.asList(null, "1950")) {
                        for (int page : List.of(1, 2, 7)) {
                            for (int size : List.of(1, 10, 50)) {
                                SearchRequest request = new SearchRequest("", selected, from == null ? DateFilter.ANY
                                        : DateFilter.of(new TreeSet<>(), DateFilter.Range.of(DateBound.parse(from), null, null)),
                                        Set.of(), sort, page, size);
                                int[] every = searching.hitIds(snapshot, Names.NONE, request);
                                int offset = Math.min(every.length, (page - 1) * size);
                                List<Integer> expected = Arrays.stream(every).skip(offset).limit(size).boxed().toList();
                                List<Integer> found = searching.search(snapshot, Names.NONE, request).hits().stream()
                                        .map(SearchHit::id).toList();
                                assertEquals(expected, found, request.toString());
                                // As the engine asks: the counts first, then the page alone.
                                SearchResults counted = searching.search(snapshot, Names.NONE, request.forCounts());
                                assertEquals(expected, searching.hits(snapshot, Names.NONE, request, null, counted.years())
                                        .stream().map(SearchHit::id).toList(), "the page alone: " + request);
                                pages += found.isEmpty() ? 0 : 1;
                            }
                        }
                    }
                }
            }
            assertTrue(pages > 500, pages + " pages with hits");
        }
    }
}
