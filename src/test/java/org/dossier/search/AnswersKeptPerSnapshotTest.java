package org.dossier.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dossier.documents.Attribution;
import org.dossier.documents.DocumentDate;
import org.dossier.documents.RecordDraft;
import org.junit.jupiter.api.Test;

/**
 * A search asked again on the same index is answered from what was kept, and a change to the
 * records is never answered from before it: the answers belong to the index snapshot they came from.
 */
class AnswersKeptPerSnapshotTest {

    @Test
    void theSameSearchOnTheSameIndexIsTheSameAnswerAndAChangeMakesANewOne() throws Exception {
        try (SeedIndex seeds = SeedIndex.open()) {
            SearchRequest korea = SearchRequest.of("korea").withPageSize(10);
            SearchResults first = seeds.engine.search(korea);
            assertSame(first, seeds.engine.search(korea), "asked again: the answer kept");
            assertSame(first, seeds.engine.search(SearchRequest.of("korea").withPageSize(10)),
                    "an equal request, however it was made, is the same question");
            SearchResults secondPage = seeds.engine.search(korea.onPage(2));
            assertNotSame(first, secondPage, "another page is another question");

            seeds.store.write(w -> w.create(new RecordDraft("Letter on Korea and the quetzal", List.of("About Korea."),
                    DocumentDate.ofYear(1951)), Attribution.editor("tester", "a new letter")));
            SearchResults after = seeds.engine.search(korea);
            assertNotSame(first, after, "a change to the records is a new snapshot with nothing kept");
            assertEquals(first.total() + 1, after.total(), "and its answer counts the new letter");
            assertEquals(first.years().getOrDefault(1951, 0L) + 1, after.years().get(1951), "its counts too");
        }
    }

    @Test
    void whatIsKeptIsGivenWithoutSearchingOnlyOnceAskedAndUntilAChange() throws Exception {
        try (SeedIndex seeds = SeedIndex.open()) {
            SearchRequest korea = SearchRequest.of("korea").withPageSize(10);
            SearchRequest stalin = SearchRequest.of("stalin");
            assertThrows(KeptOnly.Worked.class, () -> KeptOnly.answer(seeds.engine, korea), "never asked: nothing kept to give");
            assertThrows(KeptOnly.Worked.class, () -> KeptOnly.total(seeds.engine, stalin));
            SearchResults first = seeds.engine.search(korea);
            long stalins = seeds.engine.count(stalin);
            assertSame(first, KeptOnly.answer(seeds.engine, korea), "the answer the search gave, as kept, without a search");
            assertSame(first, KeptOnly.answer(seeds.engine, SearchRequest.of("korea").withPageSize(10)),
                    "for an equal request however made");
            assertThrows(KeptOnly.Worked.class, () -> KeptOnly.answer(seeds.engine, korea.onPage(2)), "another page is another question");
            assertEquals(first.total(), KeptOnly.total(seeds.engine, korea), "a search's total is kept with it");
            assertEquals(stalins, KeptOnly.total(seeds.engine, stalin), "a total counted alone too");

            seeds.store.write(w -> w.create(new RecordDraft("Letter on Korea and the quetzal", List.of("About Korea."),
                    DocumentDate.ofYear(1951)), Attribution.editor("tester", "a new letter")));
            seeds.engine.search(SearchRequest.of("quetzal"));
            assertThrows(KeptOnly.Worked.class, () -> KeptOnly.answer(seeds.engine, korea), "a change: nothing from before it is given");
            assertThrows(KeptOnly.Worked.class, () -> KeptOnly.total(seeds.engine, stalin));
        }
    }

    @Test
    void twoSpellingsOfOneSearchAreOneKeptAnswerAndAChangeMakesANewOne() throws Exception {
        try (SeedIndex seeds = SeedIndex.open()) {
            SearchRequest stalinThenMao = SearchRequest.of("korea").toggle(Facet.PERSON, "stalin")
                    .toggle(Facet.PERSON, "mao-zedong");
            SearchRequest maoThenStalin = SearchRequest.of("korea").toggle(Facet.PERSON, "mao-zedong")
                    .toggle(Facet.PERSON, "stalin").sortedBy(SortOrder.RELEVANCE);
            SearchResults first = seeds.engine.search(stalinThenMao);
            assertTrue(first.total() > 0, "the search finds records");
            assertSame(first, seeds.engine.search(maoThenStalin),
                    "the values ticked in the other order, the default order spelt out: the same answer, kept once");
            assertEquals(first.total(), seeds.engine.count(maoThenStalin), "and its total");

            seeds.store.write(w -> w.create(new RecordDraft("Letter on Korea and the quetzal", List.of("About Korea."),
                    DocumentDate.ofYear(1951)), Attribution.editor("tester", "a new letter")));
            assertNotSame(first, seeds.engine.search(maoThenStalin), "a change to the records is a new snapshot with nothing kept");
            assertNotSame(first, seeds.engine.search(stalinThenMao), "for either spelling");
            SearchResults after = seeds.engine.search(stalinThenMao);
            assertSame(after, seeds.engine.search(maoThenStalin), "where both spellings are one answer again");
        }
    }

    @Test
    void withNoAnswersKeptTheSameSearchIsCountedAfreshAndAnswersTheSame() throws Exception {
        try (SeedIndex seeds = SeedIndex.open()) {
            seeds.engine.close();
            seeds.engine = LuceneSearchEngine.open(seeds.indexFolder(), seeds.database.dsl(), 0);
            SearchRequest korea = SearchRequest.of("korea").withPageSize(10);
            SearchResults first = seeds.engine.search(korea);
            SearchResults again = seeds.engine.search(korea);
            assertNotSame(first, again, "nothing kept: asked again, searched again");
            assertEquals(first, again, "and the same answer");
            assertNotSame(seeds.engine.search(korea.onPage(2).forCounts()), seeds.engine.search(korea.forCounts()),
                    "nor are the counts a page shares kept");
        }
    }

    @Test
    void everyPageAndOrderOfASearchHasItsCountsAndItsOwnHits() throws Exception {
        try (SeedIndex seeds = SeedIndex.open()) {
            for (SortOrder order : SortOrder.values()) {
                SearchRequest whole = SearchRequest.of("korea").sortedBy(order).withPageSize(40);
                SearchResults all = seeds.engine.search(whole);
                SearchRequest second = SearchRequest.of("korea").sortedBy(order).withPageSize(10).onPage(2);
                SearchResults page = seeds.engine.search(second);
                SearchResults counts = seeds.engine.search(second.forCounts());

                assertEquals(all.hits().subList(10, Math.min(20, all.hits().size())), page.hits(), order + ": page 2");
                assertEquals(List.of(), counts.hits(), "counts alone have no hits");
                for (SearchResults r : List.of(page, counts)) {
                    assertEquals(all.total(), r.total(), order + ": total");
                    assertEquals(all.facets(), r.facets(), order + ": facet counts");
                    assertEquals(all.years(), r.years(), order + ": years");
                    assertEquals(all.yearsAnyDate(), r.yearsAnyDate(), order + ": histogram");
                }
            }
        }
    }

    @Test
    void aTotalCountedAloneIsKeptOnItsSnapshotAndCountedAgainAfterAChange() throws Exception {
        try (SeedIndex seeds = SeedIndex.open()) {
            // A range counted alone, as a search page counts the other way of meeting its range.
            SearchRequest fifties = SearchRequest.of("korea").between(DateBound.year(1950), DateBound.year(1959));
            long total = seeds.engine.count(fifties);
            long made = seeds.engine.countsMade();
            assertEquals(total, seeds.engine.count(fifties), "asked again");
            assertEquals(made, seeds.engine.countsMade(), "asked again on the same snapshot: the total kept, not counted");

            seeds.store.write(w -> w.create(new RecordDraft("Letter on Korea and the quetzal", List.of("About Korea."),
                    DocumentDate.ofYear(1951)), Attribution.editor("tester", "a new letter")));
            assertEquals(total + 1, seeds.engine.count(fifties), "a change is a new snapshot: counted again, the letter in");
            assertEquals(made + 1, seeds.engine.countsMade());
        }
    }

    @Test
    void withNoAnswersKeptATotalIsCountedEveryTime() throws Exception {
        try (SeedIndex seeds = SeedIndex.open()) {
            seeds.engine.close();
            seeds.engine = LuceneSearchEngine.open(seeds.indexFolder(), seeds.database.dsl(), 0);
            SearchRequest fifties = SearchRequest.of("korea").between(DateBound.year(1950), DateBound.year(1959));
            long total = seeds.engine.count(fifties);
            assertEquals(total, seeds.engine.count(fifties));
            assertEquals(2, seeds.engine.countsMade(), "nothing kept: counted both times");
        }
    }
}
