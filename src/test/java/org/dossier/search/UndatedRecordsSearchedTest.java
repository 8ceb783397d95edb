package org.dossier.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.dossier.documents.Attribution;
import org.dossier.documents.DocumentDate;
import org.dossier.documents.Languages;
import org.dossier.documents.RecordDraft;
import org.dossier.documents.RecordStore;
import org.dossier.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Undated records (V22) in the embedded index: indexed whether the index is built from the
 * database (a start's rebuild) or follows a save, found by their words, in no year and no range,
 * and listed after every dated record in both date orders, as the listing lists them; a relevance
 * order is untouched by them.
 */
class UndatedRecordsSearchedTest {

    @RegisterExtension
    static final TestDatabase database = TestDatabase.emptyForTheClass();
    private static RecordStore store;
    private static LuceneSearchEngine engine;
    private static final List<Integer> DATED = new ArrayList<>();
    /** Undated before the index was built, and after it was open: the rebuild's and the follower's. */
    private static final List<Integer> UNDATED = new ArrayList<>();

    @BeforeAll
    static void open() throws Exception {
        store = new RecordStore(database.dsl(), Clock.systemUTC());
        for (int i = 0; i < 12; i++) {
            int year = 1950 + i % 4;
            String title = "Telegram on the Zanzibar cable " + i;
            DATED.add(store.write(w -> w.create(new RecordDraft(title, List.of("The cable, dated."),
                    DocumentDate.ofYear(year)), Attribution.editor("tester", "dated"))));
        }
        for (int i = 0; i < 5; i++) {
            UNDATED.add(undated("Undated note on the Zanzibar cable " + i));
        }
        engine = LuceneSearchEngine.open(database.folder().resolve("dossier.index"), database.dsl());
        for (int i = 5; i < 8; i++) {
            UNDATED.add(undated("Undated note on the Zanzibar cable " + i));
        }
    }

    private static int undated(String title) {
        return store.write(w -> w.create(new RecordDraft(title, List.of("The cable, undated."), Optional.empty(), null,
                Map.of(), new TreeSet<>(), Languages.NONE), Attribution.editor("tester", "undated")));
    }

    @AfterAll
    static void close() throws Exception {
        if (engine != null) {
            engine.close();
        }
    }

    private static SearchRequest request(String query) {
        return SolrContractTest.SearchRequestParser.parse(query);
    }

    private static List<Integer> ids(int[] hits) {
        return Arrays.stream(hits).boxed().toList();
    }

    @Test
    void anUndatedRecordIsIndexedAndFoundByItsWords() {
        assertEquals(DATED.size() + UNDATED.size(), engine.size());
        SearchResults found = engine.search(request("q=undated+note+zanzibar&pageSize=100"));
        assertEquals(new HashSet<>(UNDATED), new HashSet<>(found.hits().stream().map(SearchHit::id).toList()));
        assertEquals(UNDATED.size(), found.total());
    }

    @Test
    void undatedRecordsComeAfterEveryDatedOneInBothDateOrders() {
        List<Integer> newest = ids(engine.hitIds(request("q=zanzibar&sort=-date")));
        List<Integer> oldest = ids(engine.hitIds(request("q=zanzibar&sort=date")));
        int dated = DATED.size();
        assertEquals(new HashSet<>(DATED), new HashSet<>(newest.subList(0, dated)), "newest first: " + newest);
        assertEquals(new HashSet<>(DATED), new HashSet<>(oldest.subList(0, dated)), "oldest first: " + oldest);
        // Among themselves as the listing orders them: by record number, down newest first, up oldest first.
        List<Integer> up = UNDATED.stream().sorted().toList();
        assertEquals(up, oldest.subList(dated, oldest.size()));
        List<Integer> down = new ArrayList<>(up);
        java.util.Collections.reverse(down);
        assertEquals(down, newest.subList(dated, newest.size()));
        // A browse without words, newest first by default, too.
        assertEquals(newest, ids(engine.hitIds(request(""))));
    }

    @Test
    void pagesAcrossTheDatedAndUndatedBoundaryLoseAndRepeatNothing() {
        for (String sort : List.of("-date", "date", "relevance", "title")) {
            List<Integer> every = ids(engine.hitIds(request("q=zanzibar&sort=" + sort)));
            for (int size : List.of(1, 3, 5, 7)) {
                List<Integer> paged = new ArrayList<>();
                for (int page = 1; (page - 1) * size < every.size(); page++) {
                    engine.search(request("q=zanzibar&sort=" + sort + "&pageSize=" + size + "&page=" + page)).hits()
                            .forEach(hit -> paged.add(hit.id()));
                }
                assertEquals(every, paged, sort + ", " + size + " a page");
            }
        }
        List<Integer> browse = ids(engine.hitIds(request("sort=date")));
        List<Integer> paged = new ArrayList<>();
        for (int page = 1; (page - 1) * 4 < browse.size(); page++) {
            engine.search(request("sort=date&pageSize=4&page=" + page)).hits().forEach(hit -> paged.add(hit.id()));
        }
        assertEquals(browse, paged, "a browse oldest first");
    }

    @Test
    void aDateFilterLeavesUndatedRecordsOutAndTheHistogramDoesNotCountThem() {
        for (String filter : List.of("year=1951", "from=1900", "to=2000", "from=1900&to=2000",
                "from=1900&to=2000&dated=within", "year=1950&year=1951&year=1952&year=1953")) {
            List<Integer> hits = ids(engine.hitIds(request("q=zanzibar&" + filter)));
            assertFalse(hits.stream().anyMatch(UNDATED::contains), filter + ": " + hits);
        }
        SearchResults all = engine.search(request("q=zanzibar"));
        assertEquals(DATED.size() + UNDATED.size(), all.total());
        assertEquals(DATED.size(), all.yearsAnyDate().values().stream().mapToLong(Long::longValue).sum());
        assertEquals(DATED.size(), all.years().values().stream().mapToLong(Long::longValue).sum());
        assertTrue(all.yearsAnyDate().keySet().stream().allMatch(year -> year >= 1950 && year <= 1953),
                all.yearsAnyDate().toString());
        SearchResults browse = engine.search(request(""));
        assertEquals(DATED.size(), browse.yearsAnyDate().values().stream().mapToLong(Long::longValue).sum());
    }
}
