package org.dossier.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.dossier.testing.SameOnEveryDatabase;
import org.junit.jupiter.api.Test;

/**
 * A snapshot that keeps answers ranks a search's words alone once for their first pages
 * ({@link FirstHits}), and finds a page of the same words with filters among those first hits: every
 * page must be the one a snapshot that keeps nothing ranks, hit for hit and in the same order,
 * whether the first hits hold it, hold too few of the filters' records (it is then ranked among
 * them), or are every hit the words have; and so must the words' own pages, deeper than the first
 * hits go too. The records are written out of order over several segments, with few lengths of
 * title, so that runs of equal scores (ordered by record number) cross the pages.
 */
@SameOnEveryDatabase // Lucene indexes in memory: no database is opened
class FirstHitsTest {

    private static final int RECORDS = 6_000;
    private static final List<String> FILLER = List.of("ciphered", "note", "memorandum", "conversation", "meeting");

    /** Record {@code id}: "korea" in most, "soviet" in few, a type and a person by chance, one of few title lengths. */
    private static IndexedRecord record(int id, SplittableRandom random) {
        List<String> words = new ArrayList<>();
        if (random.nextInt(10) < 7) {
            words.add("korea");
        }
        if (random.nextInt(10) < 1) {
            words.add("soviet");
        }
        if (random.nextInt(2) == 0) {
            words.add("telegram");
        }
        for (int n = random.nextInt(3); n > 0; n--) {
            words.add(FILLER.get(random.nextInt(FILLER.size())));
        }
        int draw = random.nextInt(1_000);
        // One type of ten records in two thousand: too few among the first hits to fill a page.
        String type = draw < 5 ? "memo" : draw < 600 ? "telegram" : draw < 900 ? "letter" : "report";
        List<String> people = random.nextInt(3) == 0 ? List.of("stalin") : random.nextInt(10) == 0 ? List.of("mao") : List.of();
        LocalDate day = LocalDate.of(1945 + random.nextInt(16), 1 + random.nextInt(12), 1 + random.nextInt(28));
        String title = String.join(" ", words);
        return new IndexedRecord(id, title, "A record.", day, day, type, people, List.of(), title);
    }

    /** The generated records, written out of order over four segments. */
    private static IndexWriter written(Directory directory, SplittableRandom random) throws Exception {
        List<IndexedRecord> records = new ArrayList<>();
        for (int id = 1; id <= RECORDS; id++) {
            records.add(record(id, random));
        }
        Collections.shuffle(records, new java.util.Random(1953));
        IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(new CatalogueAnalyzer()));
        for (int i = 0; i < records.size(); i++) {
            writer.addDocument(IndexLayout.document(records.get(i), IndexLayout.facetsConfig()));
            if (i % 1_500 == 1_499) {
                writer.commit();
            }
        }
        writer.commit();
        return writer;
    }

    @Test
    void pagesFoundAmongTheWordsFirstHitsAreThePagesRankedAmongEveryRecord() throws Exception {
        SplittableRandom random = new SplittableRandom(1953);
        SearchThreads threads = SearchThreads.of(2, 2);
        try (Directory directory = new ByteBuffersDirectory();
             IndexWriter writer = written(directory, random)) {
            try (DirectoryReader reader = DirectoryReader.open(writer)) {
                Snapshot keeping = new Snapshot(reader, threads, IndexLayout.facetsConfig(),
                        LuceneSearchEngine.DEFAULT_KEPT_ANSWERS, new SegmentMemory());
                Snapshot keepingNothing = new Snapshot(reader, threads, IndexLayout.facetsConfig(), 0, new SegmentMemory());
                assertTrue(reader.leaves().size() > 2, "segments: " + reader.leaves().size());
                Searching searching = new Searching(new CatalogueAnalyzer());
                QueryReader queries = new QueryReader(new CatalogueAnalyzer());
                // The words' own pages, from the first to beyond the first hits kept.
                for (String text : List.of("korea", "telegram korea", "soviet")) {
                    for (int page : List.of(1, 2, 37, FirstHits.KEPT / 10, FirstHits.KEPT / 10 + 1, 230, 1)) {
                        SearchRequest request = SearchRequest.of(text).onPage(page);
                        assertEquals(searching.hits(keepingNothing, Names.NONE, request, null, null),
                                searching.hits(keeping, Names.NONE, request, null, null), text + ", page " + page);
                    }
                }
                // A snapshot of its own, whose words' first hits are as many as a first page keeps.
                Snapshot filtering = new Snapshot(reader, threads, IndexLayout.facetsConfig(),
                        LuceneSearchEngine.DEFAULT_KEPT_ANSWERS, new SegmentMemory());
                int fromTheFirstHits = 0;
                int everyHit = 0;
                int rankedAmong = 0;
                for (int i = 0; i < 300; i++) {
                    SearchRequest request = SearchRequest.of(List.of("korea", "telegram korea", "soviet").get(random.nextInt(3)));
                    request = switch (random.nextInt(4)) {
                        case 0 -> request.toggle(Facet.TYPE, List.of("memo", "telegram", "letter", "report").get(random.nextInt(4)));
                        case 1 -> request.toggle(Facet.PERSON, random.nextBoolean() ? "stalin" : "mao");
                        case 2 -> {
                            int from = 1945 + random.nextInt(8);
                            yield request.between(DateBound.year(from), DateBound.year(from + random.nextInt(10)));
                        }
                        default -> request.toggle(Facet.TYPE, "letter").toggle(Facet.PERSON, "stalin");
                    };
                    request = request.onPage(1 + random.nextInt(3));
                    // The words alone first, as a reader searches them before ticking a filter: ranked and kept.
                    searching.hits(filtering, Names.NONE, request.withoutFilters(), null, null);
                    Searching.Found found = new Searching.Found(request);
                    searching.search(filtering, Names.NONE, request.forCounts(), found);
                    List<SearchHit> page = searching.hits(filtering, Names.NONE, request, found, null);
                    assertEquals(searching.hits(keepingNothing, Names.NONE, request, null, null), page, "search " + i + ": " + request);
                    FirstHits first = filtering.keptFirstHits(queries.read(request.text(), Names.NONE).query());
                    int wanted = request.offset() + request.pageSize();
                    if (first.every()) {
                        everyHit++;
                    } else if (first.firstAmong(found.records(), wanted, reader.leaves()).length == wanted) {
                        fromTheFirstHits++;
                    } else {
                        rankedAmong++;
                    }
                }
                // Not vacuous: each of the three ways was taken, the first most often.
                assertTrue(fromTheFirstHits > 100 && everyHit > 30 && rankedAmong > 4, fromTheFirstHits
                        + " pages from the words' first hits, " + everyHit + " from every hit of the words, "
                        + rankedAmong + " ranked among the filtered records");
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * Words that hold a phrase are ranked by the counting pass itself when a page by relevance asks
     * for them (their own ranking would read the phrase's positions again): the counts and every
     * page, from the first to beyond the first hits kept, are the ones a snapshot that keeps
     * nothing counts and ranks apart; words without a phrase are left to their own ranking, which
     * skips, and ranks ten pages first when two words must both be there.
     */
    @Test
    void aPassOverAPhraseRanksItAsItsOwnRankingDoes() throws Exception {
        SearchThreads threads = SearchThreads.of(2, 2);
        try (Directory directory = new ByteBuffersDirectory();
             IndexWriter writer = written(directory, new SplittableRandom(1953));
             DirectoryReader reader = DirectoryReader.open(writer)) {
            Snapshot keepingNothing = new Snapshot(reader, threads, IndexLayout.facetsConfig(), 0, new SegmentMemory());
            Searching searching = new Searching(new CatalogueAnalyzer());
            QueryReader queries = new QueryReader(new CatalogueAnalyzer());
            for (String text : List.of("\"korea telegram\"", "\"soviet telegram\" korea", "telegram korea", "korea")) {
                boolean phrase = text.contains("\"");
                for (int page : List.of(1, 2, 37, FirstHits.KEPT / 10 + 1, 230)) {
                    // A snapshot of its own for each page, so that the page's own pass ranks.
                    Snapshot keeping = new Snapshot(reader, threads, IndexLayout.facetsConfig(),
                            LuceneSearchEngine.DEFAULT_KEPT_ANSWERS, new SegmentMemory());
                    SearchRequest request = SearchRequest.of(text).onPage(page);
                    Searching.Found found = new Searching.Found(request);
                    SearchResults counted = searching.search(keeping, Names.NONE, request.forCounts(), found);
                    FirstHits ranked = keeping.keptFirstHits(queries.read(text, Names.NONE).query());
                    assertEquals(phrase, ranked != null, text + ": first hits kept by the pass");
                    assertEquals(searching.search(keepingNothing, Names.NONE, request.forCounts(), null), counted,
                            text + ", counts");
                    assertEquals(searching.hits(keepingNothing, Names.NONE, request, null, null),
                            searching.hits(keeping, Names.NONE, request, found, counted.years()), text + ", page " + page);
                    if (page == 1) {
                        // Two words without a phrase rank ten pages first; one word, and a phrase in the pass, a thousand.
                        int kept = text.equals("telegram korea") ? FirstHits.KEPT_OF_WORDS_TOGETHER : FirstHits.KEPT;
                        assertEquals(Math.min(kept, counted.total()), keeping.keptFirstHits(queries.read(text, Names.NONE).query()).docs().length,
                                text + ": first hits ranked for the first page");
                    }
                }
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
