package org.dossier.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SearchBehaviourTest {

    private static SeedIndex seeds;

    @BeforeAll
    static void open() throws Exception {
        seeds = SeedIndex.open();
    }

    @AfterAll
    static void close() {
        seeds.close();
    }

    private static SearchResults search(String text) {
        return seeds.engine.search(new SearchRequest(text, Map.of(), new TreeSet<>(), null, SearchOrder.RELEVANCE, 0, 50));
    }

    private static List<Integer> ids(SearchResults results) {
        return results.hits().stream().map(SearchHit::id).toList();
    }

    @Test
    void everythingIsFound() {
        SearchResults all = seeds.engine.search(SearchRequest.everything(10));
        assertEquals(49, all.total());
        System.out.println(all);
        System.out.println(search("zymierski"));
        System.out.println(search("\"ciphered telegram\" kim"));
        System.out.println(search("telegr*"));
        System.out.println(search("AND OR ("));
    }
}
