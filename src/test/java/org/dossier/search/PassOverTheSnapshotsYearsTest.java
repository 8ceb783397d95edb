package org.dossier.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.dossier.testing.SameOnEveryDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A counting pass with places for the snapshot's years alone ({@link Snapshot#yearSpan()}, what a
 * search counts into) counts every year, decade, value and total exactly as a pass with a place for
 * every year there could be: on every snapshot of an index edited as a catalogue's is (records
 * dated by spans of up to three years across decades, undated ones, corrections and withdrawals,
 * merges), with no filter, with a value and a range, with years ticked, and with the counts as if
 * no filter were asked beside them.
 */
@SameOnEveryDatabase
class PassOverTheSnapshotsYearsTest {

    private final SearchThreads threads = SearchThreads.of(2, 2);

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void aPassOverTheSnapshotsYearsCountsAsOneWithAPlaceForEveryYear() throws IOException {
        new EditedSnapshots().check((reader, searcher, when) -> assertSameAsEveryYear(reader, when));
    }

    private void assertSameAsEveryYear(DirectoryReader reader, String when) throws IOException {
        SegmentMemory memory = new SegmentMemory();
        Snapshot snapshot = new Snapshot(reader, threads, IndexLayout.facetsConfig(), 0, memory);
        YearSpan span = snapshot.yearSpan();
        List<SearchRequest> requests = List.of(
                SearchRequest.everything(0),
                SearchRequest.of("").toggle(Facet.PERSON, "person-3")
                        .between(DateBound.parse("1950"), DateBound.parse("1962")),
                SearchRequest.of("").toggle(Facet.PLACE, "place-1").toggleYear(1960).toggleYear(1983));
        for (SearchRequest request : requests) {
            RequestFilters filters = new RequestFilters(request, snapshot.ordinals);
            String what = when + ", " + request;
            FacetCounter.Counts spanned = snapshot.search(new MatchAllDocsQuery(),
                    new FacetCounter(snapshot.ordinals, memory, filters, true, 0, false, span));
            FacetCounter.Counts everyYear = snapshot.search(new MatchAllDocsQuery(),
                    new FacetCounter(snapshot.ordinals, memory, filters, true, 0, false, YearSpan.EVERY));
            assertEquals(span.years(), spanned.years.length, what + ": places for the snapshot's years alone");
            assertSame(everyYear, spanned, what);
            assertSame(everyYear.unfiltered, spanned.unfiltered, what + ", unfiltered");
        }
    }

    private static void assertSame(FacetCounter.Counts expected, FacetCounter.Counts counted, String what) {
        assertEquals(expected.total, counted.total, what + ": hits");
        assertArrayEquals(expected.values, counted.values, what + ": facet values");
        assertArrayEquals(expected.failingOnly, counted.failingOnly, what + ": failing one filter only");
        assertEquals(expected.undatedAnyDate, counted.undatedAnyDate, what + ": undated");
        assertEquals(byPlace(expected.years, expected.firstYear, 1), byPlace(counted.years, counted.firstYear, 1),
                what + ": years");
        assertEquals(byPlace(expected.yearsAnyDate, expected.firstYear, 1),
                byPlace(counted.yearsAnyDate, counted.firstYear, 1), what + ": histogram");
        assertEquals(byPlace(expected.decadesAnyDate, expected.firstDecade, 10),
                byPlace(counted.decadesAnyDate, counted.firstDecade, 10), what + ": decades");
    }

    /** The counts above 0, by the year (or the decade's first year) each place stands for. */
    private static SortedMap<Integer, Integer> byPlace(int[] counts, int first, int years) {
        SortedMap<Integer, Integer> by = new TreeMap<>();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] != 0) {
                by.put((first + i) * years, counts[i]);
            }
        }
        return by;
    }
}
