package org.dossier.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.search.Query;
import org.dossier.documents.Attribution;
import org.dossier.documents.DocumentDate;
import org.dossier.documents.RecordDraft;
import org.junit.jupiter.api.Test;

/**
 * A search with words, a facet value and a range keeps what it counted under the words and each
 * filter alone, lifting the other ({@link Snapshot#keptCountsUnder(Query, int)}); a later search
 * with the same words and another value or range takes the counts that lift its value or its range
 * from them instead of visiting the records that fail only that filter. Every count must be what a
 * snapshot that keeps nothing counts, and the kept counts must be what the later page reads.
 */
class CountsUnderWordsAndOneFilterKeptTest {

    private static final List<String> WORDS = List.of("korea", "soviet", "stalin");
    private static final List<String[]> RANGES = List.of(new String[] {"1945", "1950"},
            new String[] {"1950", "1953-06"}, new String[] {"1949-10-01", "1958"});

    @Test
    void wordsWithAValueAndARangeWhoseSidewaysCountsWereKeptCountWhatCountingAfreshDoes() throws Exception {
        compared((keeping, afresh, searching, values) -> {
            int bothKept = 0;
            int withHits = 0;
            for (String text : WORDS) {
                Query words = counting(text);
                for (Map.Entry<Facet, String> value : values) {
                    // The value alone with the words: its histogram is what lifting a range reads.
                    SearchRequest alone = search(text, value, null);
                    assertCountedAsAfresh(searching, afresh, keeping, alone);
                    for (String[] range : RANGES) {
                        SearchRequest request = search(text, value, range);
                        RequestFilters filters = new RequestFilters(request, keeping.ordinals);
                        int facet = Filter.of(value.getKey()).bit();
                        int dates = Filter.DATES.bit();
                        boolean kept = keeping.keptCountsUnder(Searching.and(words, filters.only(facet)), dates) != null
                                && liftingAnyValueKept(keeping, words, filters);
                        bothKept += kept ? 1 : 0;
                        withHits += assertCountedAsAfresh(searching, afresh, keeping, request).total() > 0 ? 1 : 0;
                        assertNotNull(keeping.keptCountsUnder(Searching.and(words, filters.only(facet)), dates),
                                "kept for the next range: " + request);
                        assertTrue(liftingAnyValueKept(keeping, words, filters),
                                "kept for the next value of " + value.getKey() + ": " + request);
                    }
                }
            }
            // Not a comparison of passes that counted everything themselves, nor of empty pages: after
            // the first value of each facet, the range's counts lifting it were kept by the one before.
            assertTrue(bothKept > WORDS.size() * RANGES.size() * 9, bothKept + " searches found both kept");
            assertTrue(withHits > bothKept / 2, withHits + " searches found records");
        });
    }

    @Test
    void aValueTickedBesideAnotherAfterEachWasSearchedWithTheWordsCountsWhatCountingAfreshDoes() throws Exception {
        compared((keeping, afresh, searching, values) -> {
            int pairs = 0;
            for (String text : WORDS) {
                Query words = counting(text);
                for (Map.Entry<Facet, String> one : values) {
                    SearchRequest alone = search(text, one, null);
                    assertCountedAsAfresh(searching, afresh, keeping, alone);
                    RequestFilters filters = new RequestFilters(alone, keeping.ordinals);
                    assertNotNull(keeping.keptCountsUnder(Searching.and(words, filters.only(filters.activeBits)),
                            Searching.ANY_ONE_FACET), "kept for one more value: " + alone);
                    for (Map.Entry<Facet, String> other : values) {
                        if (one.getKey().compareTo(other.getKey()) >= 0) {
                            continue;
                        }
                        // The other value alone with the words was searched before it, or is now.
                        SearchRequest both = new SearchRequest(text, Map.of(one.getKey(), List.of(one.getValue()),
                                other.getKey(), List.of(other.getValue())), DateFilter.of(new TreeSet<>(), null),
                                Set.of(), null, 1, 10);
                        assertCountedAsAfresh(searching, afresh, keeping, both);
                        pairs++;
                    }
                }
            }
            assertTrue(pairs > 100, pairs + " pairs");
        });
    }

    @Test
    void aSearchLiftingAKeptFilterReadsItsCountsFromWhatWasKept() throws Exception {
        try (SeedIndex.Snapshots seeds = SeedIndex.snapshots()) {
            Snapshot keeping = seeds.snapshot(LuceneSearchEngine.DEFAULT_KEPT_ANSWERS);
            Searching searching = new Searching(new CatalogueAnalyzer());
            Map.Entry<Facet, String> type = CountsUnderOneFilterKeptTest.commonValues(keeping).get(0);
            Map.Entry<Facet, String> otherType = CountsUnderOneFilterKeptTest.commonValues(keeping).get(1);
            assertEquals(Facet.TYPE, otherType.getKey());
            SearchResults before = searching.search(keeping, Names.NONE, search("korea", type, RANGES.get(1)));
            assertTrue(before.total() > 0, "the search finds records");

            // Marked by hand, the counts kept under the words and the type lifting the range, and
            // under the words and the range lifting the type: a search of the same words with
            // another range, or another type, shows the marks where it reads those counts.
            Query words = counting("korea");
            RequestFilters filters = new RequestFilters(search("korea", type, RANGES.get(1)), keeping.ordinals);
            int typeBit = Filter.TYPE.bit();
            int dates = Filter.DATES.bit();
            FacetCounter.Counts underType = keeping.keptCountsUnder(Searching.and(words, filters.only(typeBit)), dates);
            FacetCounter.Counts underRange = keeping.keptCountsUnder(Searching.and(words, filters.only(dates)), Searching.ANY_ONE_FACET);
            underType.undatedAnyDate += 1_000;
            underRange.failingOnly[Filter.TYPE.ordinal()] += 1_000;

            SearchResults otherRange = searching.search(keeping, Names.NONE, search("korea", type, RANGES.get(0)));
            assertEquals(1_000 + searching.search(seeds.snapshot(0), Names.NONE, search("korea", type, RANGES.get(0))).undated(),
                    otherRange.undated(), "the undated records lifting the range: the kept count's");
            SearchResults otherType_ = searching.search(keeping, Names.NONE, search("korea", otherType, RANGES.get(1)));
            assertEquals(before.without().get(Filter.TYPE) + 1_000, otherType_.without().get(Filter.TYPE),
                    "the total without the type: the kept count's");
            // Kept by a search with a type, they hold every facet's values: a person's search reads them too.
            Map.Entry<Facet, String> person = CountsUnderOneFilterKeptTest.commonValues(keeping).stream()
                    .filter(value -> value.getKey() == Facet.PERSON).findFirst().orElseThrow();
            int personOrd = keeping.ordinals.ordOf(Facet.PERSON, person.getValue());
            underRange.values[personOrd] += 2_000;
            SearchResults withPerson = searching.search(keeping, Names.NONE, search("korea", person, RANGES.get(1)));
            SearchResults countedAfresh = searching.search(seeds.snapshot(0), Names.NONE, search("korea", person, RANGES.get(1)));
            assertEquals(count(countedAfresh, person) + 2_000, count(withPerson, person),
                    "the person's count lifting the person: the kept count's, taken by a search with a type");
        }
    }

    @Test
    void aChangeToTheRecordsIsCountedWhereTheCountsLiftingAFilterWereKept() throws Exception {
        try (SeedIndex seeds = SeedIndex.open()) {
            List<FacetCount> types = seeds.engine.search(SearchRequest.of("korea")).facet(Facet.TYPE);
            assertTrue(types.size() >= 3, "three types of records with the word");
            DateBound from = DateBound.year(1950);
            DateBound to = DateBound.year(1953);
            SearchRequest first = SearchRequest.of("korea").toggle(Facet.TYPE, types.get(0).key()).between(from, to);
            long withoutType = seeds.engine.search(first).without().get(Filter.TYPE);
            SearchRequest second = SearchRequest.of("korea").toggle(Facet.TYPE, types.get(1).key()).between(from, to);
            assertEquals(withoutType, seeds.engine.search(second).without().get(Filter.TYPE), "lifting the type: the same records");

            seeds.store.write(w -> w.create(new RecordDraft("Letter on Korea and the quetzal", List.of("About Korea."),
                    DocumentDate.ofYear(1951)), Attribution.editor("tester", "a new letter")));
            SearchRequest third = SearchRequest.of("korea").toggle(Facet.TYPE, types.get(2).key()).between(from, to);
            assertEquals(withoutType + 1, seeds.engine.search(third).without().get(Filter.TYPE),
                    "a change is a new snapshot, nothing kept: the new letter counted without the type");
        }
    }

    /**
     * Whether what lifting any facet's value from the words and the range {@code filters} ask reads
     * is kept: the counts a pass took under them, or, for a range of whole years, the words' rows
     * by span of years ({@link YearRows}), which hold it for every such range.
     */
    private static boolean liftingAnyValueKept(Snapshot keeping, Query words, RequestFilters filters) {
        YearRows rows = keeping.keptYearRows(words);
        return keeping.keptCountsUnder(Searching.and(words, filters.only(Filter.DATES.bit())),
                Searching.ANY_ONE_FACET) != null || (filters.rangeOfWholeYears() && rows != null && rows.counted());
    }

    /** A check of searches on a snapshot keeping counts against one keeping nothing, over the seed pages' common values. */
    private interface Comparison {
        void run(Snapshot keeping, Snapshot afresh, Searching searching, List<Map.Entry<Facet, String>> values)
                throws Exception;
    }

    private static void compared(Comparison comparison) throws Exception {
        try (SeedIndex.Snapshots seeds = SeedIndex.snapshots()) {
            Snapshot keeping = seeds.snapshot(LuceneSearchEngine.DEFAULT_KEPT_ANSWERS);
            comparison.run(keeping, seeds.snapshot(0), new Searching(new CatalogueAnalyzer()),
                    CountsUnderOneFilterKeptTest.commonValues(keeping));
        }
    }

    /** That {@code keeping} answers {@code request} as {@code afresh}, which keeps nothing, does; its answer. */
    private static SearchResults assertCountedAsAfresh(Searching searching, Snapshot afresh, Snapshot keeping,
                                                       SearchRequest request) throws Exception {
        SearchResults counted = searching.search(afresh, Names.NONE, request);
        assertEquals(counted, searching.search(keeping, Names.NONE, request), request.toString());
        return counted;
    }

    private static long count(SearchResults results, Map.Entry<Facet, String> value) {
        return results.facet(value.getKey()).stream().filter(count -> count.key().equals(value.getValue()))
                .mapToLong(FacetCount::count).sum();
    }

    /** The words as a counting pass searches them ({@link QueryReader#matching}). */
    private static Query counting(String text) {
        QueryReader queries = new QueryReader(new CatalogueAnalyzer());
        return queries.matching(queries.read(text, Names.NONE).query());
    }

    private static SearchRequest search(String text, Map.Entry<Facet, String> value, String[] range) {
        return new SearchRequest(text, Map.of(value.getKey(), List.of(value.getValue())), DateFilter.of(new TreeSet<>(),
                range == null ? null : DateFilter.Range.of(DateBound.parse(range[0]), DateBound.parse(range[1]), null)),
                Set.of(), null, 1, 10);
    }
}
