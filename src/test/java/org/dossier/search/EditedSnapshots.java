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
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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

/**
 * An index changed from snapshot to snapshot as a catalogue's is, each snapshot handed to a check
 * of what is carried from one to the next: four segments of records with a few types, people
 * (person-0 to person-29) and places (place-0 to place-11), some of them undated, then 25 rounds of corrections (a record
 * deleted from an old segment and written to a new one), withdrawals and new records, a merge into
 * one segment, and last the first snapshot and a middle one again, after every later one.
 */
final class EditedSnapshots {

    /** What is checked on each snapshot: its reader, a searcher of it on two threads; {@code when} says which. */
    interface Check {
        void on(DirectoryReader reader, IndexSearcher searcher, String when) throws IOException;
    }

    private final FacetsConfig config = IndexLayout.facetsConfig();
    private final SplittableRandom random = new SplittableRandom(1989);

    /** That the counts carried to a snapshot are those a counting pass over it gives, each part named in {@code what}. */
    static void assertSameCounts(FacetCounter.Counts counted, FacetCounter.Counts carried, String what) {
        assertEquals(counted.total, carried.total, what + ": records");
        assertArrayEquals(counted.values, carried.values, what + ": facet values");
        assertArrayEquals(counted.years, carried.years, what + ": years");
        assertArrayEquals(counted.yearsAnyDate, carried.yearsAnyDate, what + ": histogram");
        assertArrayEquals(counted.decadesAnyDate, carried.decadesAnyDate, what + ": decades");
        assertEquals(counted.undatedAnyDate, carried.undatedAnyDate, what + ": undated");
        assertArrayEquals(counted.failingOnly, carried.failingOnly, what + ": none failing");
    }

    /** Every snapshot of the changes above, checked by {@code check}. */
    void check(Check check) throws IOException {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            check((reader, when) -> check.on(reader, new IndexSearcher(reader, threads), when));
        } finally {
            threads.shutdown();
        }
    }

    private interface OnReader {
        void on(DirectoryReader reader, String when) throws IOException;
    }

    private void check(OnReader check) throws IOException {
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
            check.on(reader, "the first snapshot");
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
                check.on(reader, "after round " + round);
            }
            assertTrue(lostRecordsBetweenSnapshots, "a segment counted before lost records in a later snapshot");

            writer.forceMerge(1);
            DirectoryReader merged = DirectoryReader.openIfChanged(reader, writer);
            readers.add(merged);
            assertEquals(1, merged.leaves().size());
            check.on(merged, "merged into one segment");

            check.on(readers.get(0), "the first snapshot again, after every later one");
            check.on(readers.get(readers.size() / 2), "a middle snapshot again");
            for (DirectoryReader r : readers) {
                r.close();
            }
        }
    }

    /** A record with some of a few types, people and places, and a date or a span: each version of it differs. */
    private IndexedRecord record(int id) {
        List<String> people = new ArrayList<>();
        for (int n = random.nextInt(4); n > 0; n--) {
            people.add("person-" + random.nextInt(30));
        }
        List<String> places = random.nextBoolean() ? List.of("place-" + random.nextInt(12)) : List.of();
        LocalDate day = LocalDate.of(1945 + random.nextInt(40), 1, 1).plusDays(random.nextInt(365));
        int version = random.nextInt(1000);
        String title = "record " + id + " version " + version;
        // One record in eight dated by a span of up to three years, from numbers of its own (the rest
        // of the records are what they were before spans): counted under each year, once per decade.
        SplittableRandom spanned = new SplittableRandom(id * 31L + 7);
        LocalDate end = spanned.nextInt(8) == 0 ? day.plusDays(1 + spanned.nextInt(1_100)) : day;
        // One version in sixteen undated, told by its version's number (no draw more, so every other
        // record is what it was): a correction dates or undates a record, as an editor's may.
        boolean undated = version % 16 == 0;
        return new IndexedRecord(id, title, "", undated ? null : day, undated ? null : end, "type-" + random.nextInt(6),
                people.stream().distinct().toList(), places, title, List.of(), List.of());
    }
}
