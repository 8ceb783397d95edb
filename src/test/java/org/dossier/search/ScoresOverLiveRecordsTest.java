package org.dossier.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.junit.jupiter.api.Test;

/**
 * Scores are BM25 over the records a reader can find: two indexes holding the same records, one
 * written once and one that saw many corrections and withdrawals (whose older versions Lucene still
 * counts until their segments are merged), give every search the same hits, in the same order,
 * with the same scores, and while a node's index and each snapshot after it follow edits.
 */
class ScoresOverLiveRecordsTest {

    private static final int RECORDS = 400;
    private final FacetsConfig config = IndexLayout.facetsConfig();

    /** Record {@code id} as it finally reads: some about Korea, of several lengths. */
    private static IndexedRecord record(int id) {
        String title = (id % 3 == 0 ? "Ciphered telegram on Korea" : "Letter on trade talks") + " copy".repeat(id % 5);
        String summary = id % 4 == 0 ? "Stalin writes to Mao about Korea and the telegrams." : "Soviet telegram.";
        return record(id, title, summary);
    }

    private static IndexedRecord record(int id, String title, String summary) {
        LocalDate day = LocalDate.of(1950, 6, 25);
        return new IndexedRecord(id, title, summary, day, day, "ciphered-telegram", List.of("stalin"), List.of(), title);
    }

    /** What an editor first wrote: every record about Korea, at length; corrected later. */
    private static IndexedRecord draft(int id) {
        return record(id, "Korea Korea telegram on Korea and the Korean war", "Korea telegram ".repeat(30));
    }

    private void writtenOnce(IndexWriter writer) throws IOException {
        for (int id = 1; id <= RECORDS; id++) {
            writer.addDocument(IndexLayout.document(record(id), config));
        }
        writer.commit();
    }

    /**
     * Drafts of every other record beside the others as they finally read, and records later
     * withdrawn, in several segments; then the drafts corrected and those records withdrawn, never
     * merged (a segment all of whose records are deleted is dropped whole, so each keeps some).
     */
    private void editedAtLength(IndexWriter writer) throws IOException {
        for (int id = 1; id <= RECORDS + 100; id++) {
            writer.addDocument(IndexLayout.document(id % 2 == 1 || id > RECORDS ? draft(id) : record(id), config));
            if (id % 90 == 0) {
                writer.commit();
            }
        }
        writer.commit();
        for (int id = RECORDS + 1; id <= RECORDS + 100; id++) {
            writer.deleteDocuments(IndexLayout.idTerm(id));
        }
        for (int id = RECORDS - 1; id >= 1; id -= 2) {
            writer.updateDocument(IndexLayout.idTerm(id), IndexLayout.document(record(id), config));
            if (id % 150 == 1) {
                writer.commit();
            }
        }
        writer.commit();
    }

    private interface Writing {
        void into(IndexWriter writer) throws IOException;
    }

    /** For each search, its hits as "id score", best first (equal scores by record number). */
    private List<List<String>> ranked(Writing writing, boolean edited, List<String> searches) throws IOException {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (Directory directory = new ByteBuffersDirectory();
             IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(CatalogueAnalyzer.forIndexing())
                     .setMergePolicy(NoMergePolicy.INSTANCE))) {
            writing.into(writer);
            try (DirectoryReader reader = DirectoryReader.open(writer)) {
                assertEquals(RECORDS, reader.numDocs());
                assertEquals(edited, reader.numDeletedDocs() > 0, "older versions still in the index: " + reader.numDeletedDocs());
                Snapshot snapshot = new Snapshot(reader, threads, config, 0);
                Sort byScoreThenId = new Sort(SortField.FIELD_SCORE, new SortField(IndexLayout.ID, SortField.Type.LONG));
                List<List<String>> all = new ArrayList<>();
                for (String text : searches) {
                    Query words = new QueryReader(new CatalogueAnalyzer()).read(text, Names.NONE).query();
                    List<String> hits = new ArrayList<>();
                    for (ScoreDoc hit : snapshot.search(words, new TopFieldCollectorManager(byScoreThenId, RECORDS, null,
                            RECORDS)).scoreDocs) {
                        FieldDoc fields = (FieldDoc) hit;
                        hits.add(fields.fields[1] + " " + fields.fields[0]);
                    }
                    all.add(hits);
                }
                return all;
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void theSameRecordsScoreAlikeWhateverTheirIndexSawBefore() throws Exception {
        List<String> searches = List.of("korea", "telegram korea", "telegrams", "\"ciphered telegram\"",
                "korea OR trade", "stalin mao", "korea -letter", "kor*");
        List<List<String>> once = ranked(this::writtenOnce, false, searches);
        List<List<String>> edited = ranked(this::editedAtLength, true, searches);
        for (int i = 0; i < searches.size(); i++) {
            assertTrue(once.get(i).size() > 10, searches.get(i) + " finds records: " + once.get(i));
            assertEquals(once.get(i), edited.get(i), searches.get(i) + ": hits and scores");
        }
    }
}
