package org.dossier.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.dossier.testing.SameOnEveryDatabase;
import org.junit.jupiter.api.AfterEach;
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
    private final SplittableRandom random = new SplittableRandom(1989);
    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopThreads() {
        threads.shutdown();
    }

    @Test
    void countsUnderEachValueCarriedFromSnapshotToSnapshotAreThoseOfCountingItsLiveRecords() throws IOException {
        try (Directory directory = new ByteBuffersDirectory();
             IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(new CatalogueAnalyzer())
                     .setMergePolicy(new TieredMergePolicy().setSegmentsPerTier(3)))) {
            int records = 0;
            for (int segment = 0; segment < 4; segment++) {
                for (int n = 0; n < 300; n++) {
                    records++;
                    writer.addDocument(IndexLayout.document(record(records), config));
                }
                writer.commit();
            }
            List<DirectoryReader> readers = new ArrayList<>();
            DirectoryReader reader = DirectoryReader.open(writer);
            readers.add(reader);
            assertSameAsCountingEveryRecord(reader, "the first snapshot");
            Map<IndexReader.CacheKey, Integer> deletedBySegment = new HashMap<>();
            boolean lostRecordsBetweenSnapshots = false;
            for (int round = 1; round <= 25; round++) {
                for (int n = random.nextInt(1, 6); n > 0; n--) {
                    int id = random.nextInt(1, records + 1);
                    writer.updateDocument(IndexLayout.idTerm(id), IndexLayout.document(record(id), config));
                }
                if (round % 3 == 0) {
                    writer.deleteDocuments(IndexLayout.idTerm(random.nextInt(1, records + 1)));
                }
                if (round % 4 == 0) {
                    records++;
                    writer.addDocument(IndexLayout.document(record(records), config));
                }
                DirectoryReader next = DirectoryReader.openIfChanged(reader, writer);
                if (next != null) {
                    reader = next;
                    readers.add(reader);
                }
                for (LeafReaderContext leaf : reader.leaves()) {
                    Integer before = deletedBySegment.put(leaf.reader().getCoreCacheHelper().getKey(),
                            leaf.reader().numDeletedDocs());
                    lostRecordsBetweenSnapshots |= before != null && before < leaf.reader().numDeletedDocs();
                }
                assertSameAsCountingEveryRecord(reader, "after round " + round);
            }
            assertTrue(lostRecordsBetweenSnapshots, "a segment counted before lost records in a later snapshot");

            writer.forceMerge(1);
            DirectoryReader merged = DirectoryReader.openIfChanged(reader, writer);
            readers.add(merged);
            assertEquals(1, merged.leaves().size());
            assertSameAsCountingEveryRecord(merged, "merged into one segment");

            assertSameAsCountingEveryRecord(readers.get(0), "the first snapshot again, after every later one");
            assertSameAsCountingEveryRecord(readers.get(readers.size() / 2), "a middle snapshot again");
            for (DirectoryReader r : readers) {
                r.close();
            }
        }
    }

    private void assertSameAsCountingEveryRecord(DirectoryReader reader, String when) throws IOException {
        Ordinals ordinals = Ordinals.of(reader, config);
        IndexSearcher searcher = new IndexSearcher(reader, threads);
        int found = 0;
        for (SearchRequest browse : browses()) {
            RequestFilters filters = new RequestFilters(browse, ordinals);
            FacetCounter.Counts carried = ValueTallies.under(searcher, ordinals, filters.valueGroups(filters.activeBits));
            FacetCounter.Counts counted = new IndexSearcher(reader).search(filters.all(),
                    new FacetCounter(ordinals, filters));
            String what = when + ", " + browse.facets();
            assertEquals(counted.total, carried.total, what + ": records");
            assertArrayEquals(counted.values, carried.values, what + ": facet values");
            assertArrayEquals(counted.years, carried.years, what + ": years");
            assertArrayEquals(counted.yearsAnyDate, carried.yearsAnyDate, what + ": histogram");
            assertArrayEquals(counted.failingOnly, carried.failingOnly, what + ": none failing");
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
        return new SearchRequest("", values, new TreeSet<>(), null, null, allOf, null, 1, 0);
    }

    private static List<String> keys(Facet facet) {
        return switch (facet) {
            case TYPE -> IntStream.range(0, 6).mapToObj(n -> "type-" + n).toList();
            case PERSON -> IntStream.range(0, 30).mapToObj(n -> "person-" + n).toList();
            default -> IntStream.range(0, 12).mapToObj(n -> "place-" + n).toList();
        };
    }

    /** A record with some of a few types, people and places, and a year: each version of it differs. */
    private IndexedRecord record(int id) {
        List<String> people = new ArrayList<>();
        for (int n = random.nextInt(4); n > 0; n--) {
            people.add("person-" + random.nextInt(30));
        }
        List<String> places = random.nextBoolean() ? List.of("place-" + random.nextInt(12)) : List.of();
        LocalDate day = LocalDate.of(1945 + random.nextInt(40), 1, 1).plusDays(random.nextInt(365));
        String title = "record " + id + " version " + random.nextInt(1000);
        return new IndexedRecord(id, title, "", day, day, "type-" + random.nextInt(6),
                people.stream().distinct().toList(), places, title, List.of(), List.of());
    }
}
