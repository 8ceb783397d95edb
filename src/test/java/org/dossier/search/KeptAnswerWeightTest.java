package org.dossier.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.dossier.documents.DatePrecision;
import org.junit.jupiter.api.Test;
import org.openjdk.jol.info.GraphLayout;

/**
 * A kept answer is weighed at what its objects take on the heap, measured object by object (JOL):
 * never less, so that the store never outgrows what {@code --kept-answers} gives it, and not much
 * more, so that the memory it is given keeps as many answers as it can hold.
 */
class KeptAnswerWeightTest {

    static {
        // The answer's parts are records, whose fields' offsets Unsafe does not give: JOL finds them its other way.
        System.setProperty("jol.magicFieldOffset", "true");
    }

    /**
     * Searches of the seeds with words (as the load mix's are: each hit's title and snippet marked for
     * them, its own strings), many facet values and years, fifty hits, ticked values and a range.
     */
    private static final List<SearchRequest> ASKED = List.of(
            SearchRequest.of("korea").withPageSize(10),
            SearchRequest.of("letter").withPageSize(50),
            SearchRequest.of("stalin letter").toggle(Facet.PERSON, "mao-zedong").toggle(Facet.PERSON, "stalin"),
            SearchRequest.of("war").toggle(Facet.TYPE, "no-such-type").withPageSize(20),
            SearchRequest.of("korea").toggle(Facet.PERSON, "stalin").between(DateBound.year(1950), DateBound.year(1959)));

    @Test
    void anAnswerIsWeighedAtNoLessThanItsObjectsTakeAndAtMostAQuarterMore() throws Exception {
        try (SeedIndex seeds = SeedIndex.open()) {
            for (SearchRequest request : ASKED) {
                SearchResults answer = seeds.engine.search(request);
                long held = held(answer, request.oneSpelling(), List.of());
                assertWeighed(request, held, KeptAnswers.weight(request.oneSpelling(), answer, false));
            }
        }
    }

    @Test
    void theSnapshotsOwnNamesOfFacetValuesAreNotWeighedAsTheAnswers() throws Exception {
        try (SeedIndex seeds = SeedIndex.open()) {
            for (SearchRequest request : ASKED) {
                SearchResults answer = seeds.engine.search(request);
                List<String> snapshotsNames = new ArrayList<>();
                answer.facets().values().forEach(values -> values.stream().filter(value -> value.count() > 0)
                        .forEach(value -> snapshotsNames.add(value.key())));
                long held = held(answer, request.oneSpelling(), snapshotsNames);
                assertWeighed(request, held, KeptAnswers.weight(request.oneSpelling(), answer, true));
            }
        }
    }

    /**
     * An answer's years and decades are weighed exactly (a hundred years of counts beyond the JDK's boxed
     * small numbers): at a million records they are a good part of what it weighs, where the seeds'
     * answers above have a few years each, whose every byte the store's entry's own slack would hide.
     */
    @Test
    void anAnswersCountsByYearAreWeighedAtWhatTheirArraysTake() {
        SortedMap<Integer, Long> counted = new TreeMap<>();
        for (int year = 1900; year < 2000; year++) {
            counted.put(year, 1_000L * year);
        }
        SortedMap<Integer, Long> held = YearCounts.of(counted);
        assertEquals(GraphLayout.parseInstance(held).totalSize(), YearCounts.weight(held));
        assertEquals(0, YearCounts.weight(YearCounts.of(new TreeMap<>())), "no year: every empty answer's one object");
    }

    private static void assertWeighed(SearchRequest request, long held, long weighed) {
        assertTrue(weighed >= held, request + ": weighed " + weighed + " bytes, holds " + held);
        // Beyond a quarter more: the store's own entry (the key's wrappers, Caffeine's node), weighed, not measured here.
        assertTrue(weighed <= held + held / 4 + 512, request + ": weighed " + weighed + " bytes, holds only " + held);
    }

    /**
     * What {@code answer} and its key hold on the heap, but what every answer shares (the enums'
     * constants, the empty collections and counts by year, the JDK's boxed small numbers) and {@code besides} (strings
     * that live whatever is kept).
     */
    private static long held(SearchResults answer, SearchRequest key, List<String> besides) {
        GraphLayout shared = GraphLayout.parseInstance(new EnumMap<>(Facet.class), new EnumMap<>(Filter.class),
                List.of(), Set.of(), HighlightedText.EMPTY, DateFilter.ANY, SortOrder.values(), besides,
                LongStream.rangeClosed(-128, 127).boxed().toList(), Dated.values(), DatePrecision.values(),
                Optional.empty(), YearCounts.NONE);
        return GraphLayout.parseInstance(answer, key).subtract(shared).totalSize();
    }
}
