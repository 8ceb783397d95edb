package org.dossier.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.dossier.testing.SameOnEveryDatabase;
import org.junit.jupiter.api.Test;

/**
 * Hits of equal score come by record number, lowest first, as SolrCloud orders them ({@code score
 * desc, doc_id asc}): not by where the index happens to hold them. Two indexes of the same records,
 * one written in record order in one go and one written backwards over several segments and then
 * partly rewritten (a correction deletes a record from its segment and adds it to a new one), give
 * the same relevance pages, page after page, and the same export, across pages that cut a run of
 * thousands of equal scores.
 */
@SameOnEveryDatabase // Lucene indexes in memory: no database is opened
class EqualScoresByRecordNumberTest {

    private static final int RECORDS = 3_000;
    /** Records of a few lengths: each length one score, shorter first, each a run of a thousand ties. */
    private static final int LENGTHS = 3;
    private static final int PAGE = 7;

    private final FacetsConfig config = IndexLayout.facetsConfig();

    /** Record {@code id}: the same words, lengthened by {@code id % LENGTHS} words found by no search here. */
    private static IndexedRecord record(int id) {
        String title = "Ciphered telegram on Korea" + " copy".repeat(id % LENGTHS);
        LocalDate day = LocalDate.of(1950, 6, 25);
        return new IndexedRecord(id, title, "Soviet telegram.", day, day, "ciphered-telegram", List.of("stalin"),
                List.of(), title);
    }

    /** Every record in record order, one segment. */
    private void inRecordOrder(IndexWriter writer) throws IOException {
        for (int id = 1; id <= RECORDS; id++) {
            writer.addDocument(IndexLayout.document(record(id), config));
        }
        writer.forceMerge(1);
    }

    /** Every record backwards, a segment every 400, then every seventh record corrected into a new segment. */
    private void backwardsThenCorrected(IndexWriter writer) throws IOException {
        for (int id = RECORDS; id >= 1; id--) {
            writer.addDocument(IndexLayout.document(record(id), config));
            if (id % 400 == 0) {
                writer.commit();
            }
        }
        writer.commit();
        for (int id = 1; id <= RECORDS; id += 7) {
            writer.updateDocument(IndexLayout.idTerm(id), IndexLayout.document(record(id), config));
        }
        writer.commit();
    }

    /**
     * The records in six segments of a block of ids each, the blocks written out of order: each
     * segment's ids ascend with its doc numbers, and a later segment's may be lower than an earlier one's.
     */
    private void ascendingBlocksOutOfOrder(IndexWriter writer) throws IOException {
        int block = RECORDS / 6;
        for (int first : new int[] {3, 1, 4, 0, 5, 2}) {
            for (int id = first * block + 1; id <= (first + 1) * block; id++) {
                writer.addDocument(IndexLayout.document(record(id), config));
            }
            writer.commit();
        }
    }

    private interface Writing {
        void into(IndexWriter writer) throws IOException;
    }

    /** The ids of every page of {@code request} one after the other, then those of its export, on an index written by {@code writing}. */
    private List<List<Integer>> pagesAndExport(Writing writing, SearchRequest request) throws IOException {
        SearchThreads threads = SearchThreads.of(2, 2);
        try (Directory directory = new ByteBuffersDirectory();
             IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(new CatalogueAnalyzer()))) {
            writing.into(writer);
            try (DirectoryReader reader = DirectoryReader.open(writer)) {
                Snapshot snapshot = new Snapshot(reader, threads, config, 0, new SegmentMemory());
                Searching searching = new Searching(new CatalogueAnalyzer());
                List<Integer> pages = new ArrayList<>();
                for (int page = 1; ; page++) {
                    List<SearchHit> hits = searching.search(snapshot, Names.NONE, request.withPageSize(PAGE).onPage(page)).hits();
                    hits.forEach(hit -> pages.add(hit.id()));
                    if (hits.size() < PAGE) {
                        break;
                    }
                }
                List<Integer> export = Arrays.stream(searching.hitIds(snapshot, Names.NONE, request.withoutPaging()))
                        .boxed().toList();
                return List.of(pages, export);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void equalScoresComeByRecordNumberWhateverOrderTheIndexHoldsThemIn() throws Exception {
        // The shortest records score highest; among records of one length, the lowest number first.
        List<Integer> expected = IntStream.rangeClosed(1, RECORDS).boxed()
                .sorted(Comparator.comparingInt((Integer id) -> id % LENGTHS).thenComparingInt(id -> id)).toList();
        for (SearchRequest request : List.of(SearchRequest.of("korea"), SearchRequest.of("telegram korea"),
                SearchRequest.of("korea").toggleYear(1950))) {
            List<List<Integer>> inOrder = pagesAndExport(this::inRecordOrder, request);
            List<List<Integer>> rewritten = pagesAndExport(this::backwardsThenCorrected, request);
            assertEquals(expected, inOrder.get(0), request + ": pages of the index in record order");
            assertEquals(expected, inOrder.get(1), request + ": export of the index in record order");
            assertEquals(expected, rewritten.get(0), request + ": pages of the index written backwards and corrected");
            assertEquals(expected, rewritten.get(1), request + ": export of the index written backwards and corrected");
        }
    }

    /**
     * The page's ranking gives the hits Lucene's own sort by score then id gives, on a searcher
     * whose every segment is a slice of its own searched on another thread (the server's slices
     * take 50,000 records each), for pages as short as one hit and as long as every hit.
     */
    @Test
    void thePagesRankingIsLucenesSortByScoreThenIdAcrossSlices() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (Directory directory = new ByteBuffersDirectory();
             IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(new CatalogueAnalyzer()))) {
            backwardsThenCorrected(writer);
            try (DirectoryReader reader = DirectoryReader.open(writer)) {
                IndexSearcher searcher = new IndexSearcher(reader, threads) {
                    @Override
                    protected LeafSlice[] slices(List<LeafReaderContext> leaves) {
                        return slices(leaves, 1, 1);
                    }
                };
                assertTrue(reader.leaves().size() > 2, "segments: " + reader.leaves().size());
                Sort byScoreThenId = new Sort(SortField.FIELD_SCORE, new SortField(IndexLayout.ID, SortField.Type.LONG));
                for (String text : List.of("korea", "telegram korea", "soviet OR copy")) {
                    Query words = new QueryReader(new CatalogueAnalyzer()).read(text, Names.NONE).query();
                    for (int wanted : List.of(1, 7, 100, 1_001, RECORDS + 5)) {
                        ScoreDoc[] sorted = searcher.search(words,
                                new TopFieldCollectorManager(byScoreThenId, wanted, null, wanted)).scoreDocs;
                        int[] ranked = searcher.search(words, new TopByScore(wanted));
                        assertEquals(Arrays.stream(sorted).map(hit -> hit.doc).toList(),
                                Arrays.stream(ranked).boxed().toList(), text + ", " + wanted + " hits");
                    }
                }
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * Where a segment's ids ascend, equal scores are skipped once every id still to come in it is
     * above the worst hit's: the hits are still Lucene's sort by score then id, with each segment a
     * slice of its own or all of them in one (where a later segment's ids may be lower than those
     * already kept), for words ranked by BM25 and for constant weights summed as related records are.
     */
    @Test
    void skippingEqualScoresWhereIdsAscendKeepsTheSortByScoreThenId() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        Sort byScoreThenId = new Sort(SortField.FIELD_SCORE, new SortField(IndexLayout.ID, SortField.Type.LONG));
        Query weights = new BooleanQuery.Builder()
                .add(new BoostQuery(new ConstantScoreQuery(new TermQuery(new Term(IndexLayout.STEM, "telegram"))), 2),
                        BooleanClause.Occur.SHOULD)
                .add(new BoostQuery(new ConstantScoreQuery(new TermQuery(new Term(IndexLayout.STEM, "copy"))), 1),
                        BooleanClause.Occur.SHOULD)
                .build();
        List<Query> queries = new ArrayList<>(List.of(weights));
        for (String text : List.of("korea", "telegram korea", "soviet OR copy")) {
            queries.add(new QueryReader(new CatalogueAnalyzer()).read(text, Names.NONE).query());
        }
        try {
            // Backwards, its segments' ids descend; its corrections' segment ascends.
            for (Writing writing : List.<Writing>of(this::ascendingBlocksOutOfOrder, this::backwardsThenCorrected)) {
                try (Directory directory = new ByteBuffersDirectory();
                     IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(new CatalogueAnalyzer())
                             .setMergePolicy(NoMergePolicy.INSTANCE))) {
                    writing.into(writer);
                    try (DirectoryReader reader = DirectoryReader.open(writer)) {
                        SegmentMemory memory = new SegmentMemory();
                        long ascending = 0;
                        for (LeafReaderContext leaf : reader.leaves()) {
                            ascending += IdOrder.of(leaf.reader(), memory).ascending() ? 1 : 0;
                        }
                        IndexSearcher sliceEach = new IndexSearcher(reader, threads) {
                            @Override
                            protected LeafSlice[] slices(List<LeafReaderContext> leaves) {
                                return slices(leaves, 1, 1);
                            }
                        };
                        for (IndexSearcher searcher : List.of(sliceEach, new IndexSearcher(reader))) {
                            for (Query query : queries) {
                                for (int wanted : List.of(1, 7, 100, 1_001, RECORDS + 5)) {
                                    ScoreDoc[] sorted = searcher.search(query,
                                            new TopFieldCollectorManager(byScoreThenId, wanted, null, wanted)).scoreDocs;
                                    int[] ranked = searcher.search(query, new TopByScore(wanted, memory));
                                    assertEquals(Arrays.stream(sorted).map(hit -> hit.doc).toList(),
                                            Arrays.stream(ranked).boxed().toList(), reader.leaves().size() + " segments, "
                                                    + ascending + " ascending; " + query + ", " + wanted + " hits");
                                }
                            }
                        }
                        if (reader.leaves().size() == 6) {
                            assertEquals(6, ascending, "every block's ids ascend");
                        }
                    }
                }
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
