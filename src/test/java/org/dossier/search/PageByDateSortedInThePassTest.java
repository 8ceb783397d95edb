package org.dossier.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.dossier.documents.Attribution;
import org.dossier.documents.DocumentDate;
import org.dossier.documents.Languages;
import org.dossier.documents.RecordDraft;
import org.junit.jupiter.api.Test;

/**
 * A page of words alone by date is sorted in the counting pass that visits their hits
 * ({@link FirstByDate}), not by a second walk over them: it must be the page that ordering every
 * hit gives, newest and oldest first, on first pages and deep ones, for the seed pages' words with
 * undated records and spans of years among the hits; and the pass must be the path such a page
 * takes (the second walk was Lucene's sorting collector, whose sets of competitive records the
 * size of a segment cost a marking of the heap each at ten million records).
 */
class PageByDateSortedInThePassTest {

    private static final List<String> TEXTS = List.of("telegram", "soviet", "korea", "stalin", "war", "mao",
            "government", "soviet korea", "\"north korea\"", "negotiations OR armistice", "telegr*", "korea -china",
            "zanzibar");

    @Test
    void aPageOfWordsByDateSortedInThePassIsThePageOfEveryHitInThatOrder() throws Exception {
        SeedIndex index = SeedIndex.open();
        List<Integer> undated = new ArrayList<>();
        try {
            // Undated records and spans with the seed pages' words: the undated come after every
            // dated one in both orders, and a span sorts by its start.
            for (int i = 0; i < 6; i++) {
                String title = "Undated telegram on the Zanzibar cable " + i;
                undated.add(index.store.write(w -> w.create(new RecordDraft(title, List.of("The cable, undated."),
                        Optional.empty(), null, Map.of(), new TreeSet<>(), Languages.NONE),
                        Attribution.editor("tester", "undated"))));
            }
            for (int i = 0; i < 4; i++) {
                String title = "Telegram on the Zanzibar cable over years " + i;
                DocumentDate span = DocumentDate.parse((1950 + i) + "/" + (1953 + i));
                index.store.write(w -> w.create(new RecordDraft(title, List.of("The cable, over years."), span),
                        Attribution.editor("tester", "spans")));
            }
            // Searched once, so that the engine has applied them before it is closed.
            index.engine.search(SolrContractTest.SearchRequestParser.parse("q=zanzibar"));
        } catch (Exception | Error e) {
            index.close();
            throw e;
        }
        try (SeedIndex.Snapshots seeds = index.closedForSnapshots()) {
            Snapshot snapshot = seeds.snapshot(0);
            Searching searching = new Searching(new CatalogueAnalyzer());
            int pages = 0;
            int reachingUndated = 0;
            for (String text : TEXTS) {
                for (SortOrder sort : List.of(SortOrder.DATE_NEWEST, SortOrder.DATE_OLDEST)) {
                    for (int page : List.of(1, 2, 7, 40)) {
                        for (int size : List.of(1, 10, 50)) {
                            SearchRequest request = new SearchRequest(text, Map.of(), DateFilter.ANY, Set.of(), sort,
                                    page, size);
                            int[] every = searching.hitIds(snapshot, Names.NONE, request);
                            int offset = Math.min(every.length, (page - 1) * size);
                            List<Integer> expected = Arrays.stream(every).skip(offset).limit(size).boxed().toList();
                            // As the engine asks: the counts first, then the page alone.
                            Searching.Found found = new Searching.Found(request);
                            searching.search(snapshot, Names.NONE, request.forCounts(), found);
                            assertTrue(found.holdsPageByDate(), "sorted in the pass: " + request);
                            List<Integer> got = searching.hits(snapshot, Names.NONE, request, found, null).stream()
                                    .map(SearchHit::id).toList();
                            assertEquals(expected, got, request.toString());
                            pages += got.isEmpty() ? 0 : 1;
                            reachingUndated += got.stream().anyMatch(undated::contains) ? 1 : 0;
                        }
                    }
                }
            }
            // Not vacuous: most pages had hits, and some reached the undated records.
            assertTrue(pages > 100, pages + " pages with hits");
            assertTrue(reachingUndated > 5, reachingUndated + " pages with undated records");
        }
    }
}
