package org.dossier.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dossier.documents.Attribution;
import org.dossier.documents.DocumentDate;
import org.dossier.documents.RecordDraft;
import org.junit.jupiter.api.Test;

/**
 * Every hit's id, as an export writes them and the linking page reads them, comes in the order the
 * pages show the hits, one page after another: for words and none, filters and none, ranked,
 * newest and oldest first and by title, with records of the same date or the same score told
 * apart as the pages tell them.
 */
class HitIdsInPageOrderTest {

    private static final int PAGE = 7;

    private static List<Integer> pageAfterPage(SeedIndex seeds, SearchRequest request) {
        List<Integer> ids = new ArrayList<>();
        for (int page = 1; ; page++) {
            SearchResults results = seeds.engine.search(request.withPageSize(PAGE).onPage(page));
            results.hits().forEach(hit -> ids.add(hit.id()));
            if (results.hits().size() < PAGE) {
                return ids;
            }
        }
    }

    private static int compareEveryOrder(SeedIndex seeds) {
        int compared = 0;
        for (String text : List.of("", "korea", "stalin", "telegram", "\"ciphered telegram\"", "soviet OR chinese")) {
            for (SortOrder order : SortOrder.values()) {
                for (SearchRequest request : List.of(SearchRequest.of(text), SearchRequest.of(text).toggleYear(1950))) {
                    SearchRequest sorted = request.sortedBy(order);
                    List<Integer> ids = Arrays.stream(seeds.engine.hitIds(sorted.withoutPaging())).boxed().toList();
                    assertEquals(pageAfterPage(seeds, sorted), ids, "'" + text + "' " + order + " " + request);
                    compared += ids.size();
                }
            }
        }
        return compared;
    }

    @Test
    void everyHitsIdComesInTheOrderOfThePagesInEveryOrder() throws Exception {
        try (SeedIndex seeds = SeedIndex.open()) {
            assertTrue(compareEveryOrder(seeds) > 200);
            // Records written one at a time land in segments of their own, whose titles and dates
            // interleave with the first segment's: the order must hold across segments.
            for (String title : List.of("Ciphered Telegram on Korea, a copy", "Ciphered Telegram No. 405976",
                    "Letter to Stalin on Korea", "Telegram from Korea")) {
                seeds.store.write(w -> w.create(new RecordDraft(title, List.of("Soviet and Chinese telegram on Korea."),
                        DocumentDate.ofDay(1950, 7, 8)), Attribution.editor("tester", "a record for an order test")));
            }
            assertTrue(compareEveryOrder(seeds) > 250);
        }
    }
}
