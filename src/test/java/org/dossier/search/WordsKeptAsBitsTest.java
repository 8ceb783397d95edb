package org.dossier.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.lucene.index.DirectoryReader;
import org.dossier.testing.SameOnEveryDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A search with words, a value and a range, its words asked before, takes its candidates from the
 * words' records kept as bits by segment ({@link RecordSet#matching}, {@link SegmentBits}) and the
 * range's, a word of 64 records at a time; a node keeps both from snapshot to snapshot. On every
 * snapshot of an index edited as a catalogue's is (records corrected into new segments, withdrawn,
 * merged, older snapshots asked again), with what was kept on the snapshots before it, every count
 * is what a snapshot that keeps nothing counts: the records a segment lost after its words' bits
 * were made are not counted.
 */
@SameOnEveryDatabase
class WordsKeptAsBitsTest {

    /** Every record ("record 12 version 345"), the records with a number beginning with 1, and both. */
    private static final List<String> WORDS = List.of("record", "1*", "record 2*");
    private static final List<Map.Entry<Facet, String>> VALUES = List.of(Map.entry(Facet.PERSON, "person-3"),
            Map.entry(Facet.TYPE, "type-1"));
    private static final List<String[]> RANGES = List.of(new String[] {"1950", "1962"},
            new String[] {"1945-06", "1955"}, new String[] {"1970", "1984-03-01"});

    private final ExecutorService threads = Executors.newFixedThreadPool(2);
    /** What the node keeps of each segment, from snapshot to snapshot. */
    private final SegmentMemory memory = new SegmentMemory();
    private final Searching searching = new Searching(new CatalogueAnalyzer());

    @AfterEach
    void stopThreads() {
        threads.shutdown();
    }

    @Test
    void aRangeSearchWithTheWordsKeptAsBitsCountsWhatCountingAfreshDoesOnEverySnapshot() throws IOException {
        long[] withHits = {0};
        long[] mostKept = {0};
        new EditedSnapshots().check((reader, searcher, when) -> {
            withHits[0] += assertCountedAsAfresh(reader, when);
            mostKept[0] = Math.max(mostKept[0], RecordSet.wordsKept(memory.bits));
        });
        // Not a comparison of empty pages, nor of passes that never took the words' bits.
        assertTrue(withHits[0] > 500, withHits[0] + " searches found records");
        assertTrue(mostKept[0] > 30, mostKept[0] + " sets of a segment's records matching words were kept");
    }

    /** The searches of {@code reader}'s snapshot, counted with what was kept before and afresh: how many found records. */
    private int assertCountedAsAfresh(DirectoryReader reader, String when) throws IOException {
        Snapshot keeping = new Snapshot(reader, threads, IndexLayout.facetsConfig(), LuceneSearchEngine.DEFAULT_KEPT_ANSWERS,
                memory);
        Snapshot afresh = new Snapshot(reader, threads, IndexLayout.facetsConfig(), 0, new SegmentMemory());
        int withHits = 0;
        for (String text : WORDS) {
            for (Map.Entry<Facet, String> value : VALUES) {
                // The words with the value alone first: their counts alone are kept, as a reader's search before.
                withHits += assertCountedAsAfresh(keeping, afresh, search(text, value, null), when);
                for (String[] range : RANGES) {
                    withHits += assertCountedAsAfresh(keeping, afresh, search(text, value, range), when);
                }
            }
        }
        return withHits;
    }

    private int assertCountedAsAfresh(Snapshot keeping, Snapshot afresh, SearchRequest request, String when)
            throws IOException {
        SearchResults counted = searching.search(afresh, Names.NONE, request);
        assertEquals(counted, searching.search(keeping, Names.NONE, request), when + ": " + request);
        return counted.total() > 0 ? 1 : 0;
    }

    private static SearchRequest search(String text, Map.Entry<Facet, String> value, String[] range) {
        return new SearchRequest(text, Map.of(value.getKey(), List.of(value.getValue())), DateFilter.of(new TreeSet<>(),
                range == null ? null : DateFilter.Range.of(DateBound.parse(range[0]), DateBound.parse(range[1]), null)),
                Set.of(), null, 1, 10);
    }
}
