package org.dossier.search;

import static org.dossier.db.Tables.DOCUMENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.dossier.documents.Attribution;
import org.dossier.documents.DocumentDate;
import org.dossier.documents.RecordDraft;
import org.junit.jupiter.api.Test;

/**
 * Records alike in all that is searched (one title, one summary) and in what they are sorted by (a
 * year shared by a third of them), 1,200 of them, come in record order on every path a page can take,
 * as {@link EqualScoresByRecordNumberTest} shows of the ranking alone on indexes in memory: here a
 * real catalogue's engine, its records written in batches (segments of their own), some of them then
 * saved again in reverse order (a segment whose ids descend, their older copies deleted), and one more
 * made. A word in every order (relevance, newest, oldest, title), two words and a phrase by relevance,
 * each without and with a year ticked, and browsing without words in each order but relevance, a
 * year or everything (the newest looked for among the latest years first), in pages of 97 that cut
 * the runs of ties: read deepest page
 * first on a snapshot where nothing is kept, then first to last (answers and first hits kept), and the
 * other way round on the next snapshot; they must be the export's order and the one said here, before
 * and after a change, and on the same index opened anew and rebuilt. A search page compared between
 * two builds once showed two hits of one title and summary the other way round, which a later asking
 * did not. This is the test that would catch a path breaking ties otherwise (a heap that keeps the
 * first seen of equal scores, a sort without the record number last, equal scores skipped where a
 * segment's ids do not ascend); none was found.
 */
class TiedHitsInRecordOrderOnEveryPathTest {

    private static final String TITLE = "Tied xylograph telegram";
    private static final List<String> SUMMARY = List.of("A tied xylograph summary.");
    /** Pages that cut the runs of ties (a year's 400, everything's 1,200) at odd places. */
    private static final int PAGE = 97;
    /** More than the first hits a snapshot ranks and keeps ({@link FirstHits#KEPT}): its heap fills, and equal scores are then skipped or not. */
    private static final int BATCH = 300;
    private static final int[] YEARS = {1957, 1958, 1959};

    /** One record made, of {@code year}. */
    private static RecordDraft tied(int year) {
        return new RecordDraft(TITLE, SUMMARY, DocumentDate.ofYear(year));
    }

    @Test
    void hitsAlikeComeInRecordOrderOnEveryPageOrderAndPathBeforeAndAfterAChange() throws Exception {
        try (SeedIndex seeds = SeedIndex.open()) {
            Map<Integer, Integer> yearOf = new LinkedHashMap<>();
            // Four batches, each applied by the follower in one go: segments of their own.
            for (int batch = 0; batch < 4; batch++) {
                int first = batch;
                Map<Integer, Integer> made = seeds.store.write(w -> {
                    Map<Integer, Integer> ids = new LinkedHashMap<>();
                    for (int i = 0; i < BATCH; i++) {
                        int year = YEARS[(first + i) % YEARS.length];
                        ids.put(w.create(tied(year), Attribution.editor("tester", "a tied record")), year);
                    }
                    return ids;
                });
                yearOf.putAll(made);
                seeds.engine.search(SearchRequest.of("xylograph")); // waits for the follower: the batch applied
            }
            assertAllPaths(seeds, yearOf, "as written", 2);

            // Every fifth saved again, the highest first, its year moved on: the copies in a segment
            // whose ids descend, the older ones deleted where they were.
            List<Integer> resaved = yearOf.keySet().stream().filter(id -> id % 5 == 0)
                    .sorted(Comparator.reverseOrder()).toList();
            seeds.store.write(w -> {
                for (int id : resaved) {
                    int version = seeds.database.dsl().select(DOCUMENT.VERSION).from(DOCUMENT).where(DOCUMENT.ID.eq(id))
                            .fetchSingle(DOCUMENT.VERSION);
                    int year = YEARS[(Arrays.binarySearch(YEARS, yearOf.get(id)) + 1) % YEARS.length];
                    w.update(id, version, tied(year), Attribution.editor("tester", "dated again"));
                    yearOf.put(id, year);
                }
                return null;
            });
            int last = seeds.store.write(w -> w.create(tied(1958), Attribution.editor("tester", "one more")));
            yearOf.put(last, 1958);
            assertAllPaths(seeds, yearOf, "after a change", 2);

            seeds.reopen();
            assertAllPaths(seeds, yearOf, "opened anew", 1);

            seeds.engine.close();
            LuceneSearchEngine.rebuild(seeds.indexFolder(), seeds.database.dsl(), (done, of) -> { });
            seeds.reopen();
            assertAllPaths(seeds, yearOf, "rebuilt", 1);
        }
    }

    /**
     * Every search of {@code yearOf}'s records on every path, as said above, in {@code rounds}
     * snapshots one after the other (an engine just opened begins with nothing kept, as a change does).
     */
    private static void assertAllPaths(SeedIndex seeds, Map<Integer, Integer> yearOf, String when, int rounds) {
        Comparator<Integer> byId = Comparator.naturalOrder();
        Comparator<Integer> byYear = Comparator.comparing(yearOf::get);
        Map<SortOrder, Comparator<Integer>> orders = new LinkedHashMap<>();
        // One title and summary: one score, one title; a year-only date: one start a year.
        orders.put(SortOrder.RELEVANCE, byId);
        orders.put(SortOrder.DATE_NEWEST, byYear.reversed().thenComparing(byId.reversed()));
        orders.put(SortOrder.DATE_OLDEST, byYear.thenComparing(byId));
        orders.put(SortOrder.TITLE, byId);
        // The year first on a snapshot where nothing is kept (its page ranked among the year's hits,
        // a heap of a page's hits), then the words alone (their first thousand ranked and kept); on a
        // new snapshot the words alone first, so that the year's pages are the first kept hits among its records.
        // One word in every order; two words that must both be there (their first hundred ranked
        // first) and a phrase (ranked in the counting pass) by relevance, the only order words change.
        Map<String, List<SortOrder>> searches = new LinkedHashMap<>();
        searches.put("xylograph", List.copyOf(orders.keySet()));
        searches.put("xylograph telegram", List.of(SortOrder.RELEVANCE));
        searches.put("\"xylograph telegram\"", List.of(SortOrder.RELEVANCE));
        for (int round = 0; round < rounds; round++) {
            for (Map.Entry<String, List<SortOrder>> words : searches.entrySet()) {
                for (SortOrder order : words.getValue()) {
                    for (Integer year : round == 0 ? new Integer[] {1958, null} : new Integer[] {null, 1958}) {
                        Predicate<Integer> passes = id -> year == null || yearOf.get(id).equals(year);
                        List<Integer> expected = yearOf.keySet().stream().filter(passes).sorted(orders.get(order)).toList();
                        SearchRequest request = SearchRequest.of(words.getKey()).sortedBy(order);
                        if (year != null) {
                            request = request.toggleYear(year);
                        }
                        String asked = when + ", round " + (round + 1) + ": " + words.getKey() + " by " + order
                                + (year == null ? "" : " in " + year);
                        assertEquals(expected, pages(seeds, request, round == 0), asked + (round == 0
                                ? ", deepest page first" : ", first page to last"));
                        assertEquals(expected, pages(seeds, request, round == 1), asked + ", asked again");
                        assertEquals(expected, Arrays.stream(seeds.engine.hitIds(request)).boxed().toList(), asked + ", export");
                    }
                }
            }
            // Browsing without words, a year or everything (the newest page looked for among the
            // latest years first): the catalogue's own records among them, the pages are the
            // export's order, and the tied records come in theirs.
            for (SortOrder order : SortOrder.choices(false)) {
                for (Integer year : new Integer[] {1958, null}) {
                    SearchRequest browse = SearchRequest.everything(PAGE).sortedBy(order);
                    if (year != null) {
                        browse = browse.toggleYear(year);
                    }
                    List<Integer> export = Arrays.stream(seeds.engine.hitIds(browse)).boxed().toList();
                    String asked = when + ", round " + (round + 1) + ": browsing " + (year == null ? "everything" : year)
                            + " by " + order;
                    assertEquals(export, pages(seeds, browse, round == 0), asked);
                    assertEquals(yearOf.keySet().stream().filter(id -> year == null || yearOf.get(id).equals(year))
                            .sorted(orders.get(order)).toList(), export.stream().filter(yearOf::containsKey).toList(),
                            asked + ", the tied records");
                }
            }
            // A change between the rounds: nothing kept in the second one's snapshot.
            seeds.store.write(w -> w.create(new RecordDraft("An unrelated note", List.of("Nothing alike."),
                    DocumentDate.ofYear(1960)), Attribution.editor("tester", "a new snapshot")));
        }
    }

    /** The ids of every page of {@code request}, in page order; read deepest first when {@code deepestFirst}. */
    private static List<Integer> pages(SeedIndex seeds, SearchRequest request, boolean deepestFirst) {
        long total = seeds.engine.search(request.withPageSize(PAGE)).total();
        int pages = (int) ((total + PAGE - 1) / PAGE);
        assertTrue(pages > 3, "pages: " + pages);
        List<List<Integer>> read = new ArrayList<>();
        for (int i = 0; i < pages; i++) {
            read.add(null);
        }
        for (int i = 0; i < pages; i++) {
            int page = deepestFirst ? pages - i : i + 1;
            read.set(page - 1, seeds.engine.search(request.withPageSize(PAGE).onPage(page)).hits().stream()
                    .map(SearchHit::id).toList());
        }
        return read.stream().flatMap(List::stream).toList();
    }
}
