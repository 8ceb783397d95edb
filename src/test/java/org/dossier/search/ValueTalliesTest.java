package org.dossier.search;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.search.IndexSearcher;
import org.dossier.testing.SameOnEveryDatabase;
import org.junit.jupiter.api.Test;

/**
 * The counts under facet values alone (one value, a type and a place, two people "all of" or "any
 * of" them, with a place or "any of" two types besides), carried from snapshot to snapshot segment
 * by segment ({@link ValueTallies}), are exactly what a counting pass over their live records
 * gives, for every value (those tallied and those counted from their postings): after new records,
 * corrections (a record deleted from an old segment and written to a new one), withdrawals, merges
 * of some segments, and a merge into one; and an older snapshot asked after newer ones still gets
 * its own.
 */
@SameOnEveryDatabase
class ValueTalliesTest {

    private final FacetsConfig config = IndexLayout.facetsConfig();
    /** What the tallies are carried in from one snapshot to the next, as an engine carries them. */
    private final SegmentMemory carriedIn = new SegmentMemory();

    @Test
    void countsUnderEachValueCarriedFromSnapshotToSnapshotAreThoseOfCountingItsLiveRecords() throws IOException {
        new EditedSnapshots().check(this::assertSameAsCountingEveryRecord);
    }

    private void assertSameAsCountingEveryRecord(DirectoryReader reader, IndexSearcher searcher, String when)
            throws IOException {
        Ordinals ordinals = Ordinals.of(reader, config);
        int found = 0;
        for (SearchRequest browse : browses()) {
            RequestFilters filters = new RequestFilters(browse, ordinals);
            FacetCounter.Counts carried = ValueTallies.under(searcher, ordinals, filters.valueGroups(filters.activeBits), carriedIn);
            FacetCounter.Counts counted = new IndexSearcher(reader).search(filters.all(),
                    new FacetCounter(ordinals, new SegmentMemory(), filters));
            EditedSnapshots.assertSameCounts(counted, carried, when + ", " + browse.facets());
            found += counted.total > 0 ? 1 : 0;
        }
        assertTrue(found > 100, when + ": " + found + " browses with records");
    }

    /** Every value alone, every type with every place, and each person with the next, "all of" them. */
    private static List<SearchRequest> browses() {
        List<SearchRequest> browses = new ArrayList<>();
        for (Facet facet : List.of(Facet.TYPE, Facet.PERSON, Facet.PLACE)) {
            keys(facet).forEach(key -> browses.add(SearchRequest.everything(0).toggle(facet, key)));
        }
        for (String type : keys(Facet.TYPE)) {
            keys(Facet.PLACE).forEach(place -> browses.add(SearchRequest.everything(0).toggle(Facet.TYPE, type)
                    .toggle(Facet.PLACE, place)));
        }
        List<String> people = keys(Facet.PERSON);
        List<String> places = keys(Facet.PLACE);
        for (int i = 0; i + 1 < people.size(); i++) {
            List<String> two = List.of(people.get(i), people.get(i + 1));
            browses.add(browse(Map.of(Facet.PERSON, two), Set.of(Facet.PERSON)));
            browses.add(browse(Map.of(Facet.PERSON, two), Set.of()));
            browses.add(browse(Map.of(Facet.PERSON, two, Facet.PLACE, List.of(places.get(i % places.size()))), Set.of()));
            browses.add(browse(Map.of(Facet.PERSON, two, Facet.TYPE, List.of("type-" + i % 6, "type-" + (i + 1) % 6)),
                    Set.of(Facet.PERSON)));
        }
        return browses;
    }

    /** Some values of some facets ticked, those of {@code allOf} "all of" them. */
    private static SearchRequest browse(Map<Facet, List<String>> values, Set<Facet> allOf) {
        return new SearchRequest("", values, DateFilter.ANY, allOf, null, 1, 0);
    }

    private static List<String> keys(Facet facet) {
        return switch (facet) {
            case TYPE -> IntStream.range(0, 6).mapToObj(n -> "type-" + n).toList();
            case PERSON -> IntStream.range(0, 30).mapToObj(n -> "person-" + n).toList();
            default -> IntStream.range(0, 12).mapToObj(n -> "place-" + n).toList();
        };
    }
}
