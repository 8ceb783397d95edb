package org.dossier.catalogue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.dossier.search.DateRange;
import org.dossier.search.Facet;
import org.dossier.search.SearchEngine;
import org.dossier.search.SearchHit;
import org.dossier.search.SearchOrder;
import org.dossier.search.SearchRequest;
import org.dossier.search.SearchResults;
import org.dossier.web.BadRequest;
import org.dossier.web.NotFound;
import org.jooq.DSLContext;

/**
 * Answers a search page: asks the engine, then reads the page's records from the database (the
 * source of truth) and the labels of the facet values.
 */
public final class CatalogueSearch {

    private final SearchEngine engine;
    private final ListingQuery listing;
    private final DSLContext db;

    public CatalogueSearch(SearchEngine engine, ListingQuery listing, DSLContext db) {
        this.engine = engine;
        this.listing = listing;
        this.db = db;
    }

    /**
     * @throws BadRequest for a facet key no authority list has
     * @throws NotFound   for a page past the last one
     */
    public SearchOutcome run(SearchParams params) {
        AuthorityLabels labels = knownKeys(params);
        long started = System.nanoTime();
        SearchResults results = engine.search(params.request());
        long engineNanos = System.nanoTime() - started;
        boolean askAlone = results.total() == 0 && params.hasWords() && params.hasFilters();
        SearchRequest request = params.request();
        long wordsAlone = askAlone ? count(request.text(), Map.of(), new TreeSet<>(), null) : -1;
        long filtersAlone = askAlone ? engine.search(new SearchRequest("", request.selected(), request.years(),
                request.dates(), SearchOrder.DATE_NEWEST, 0, 0, request.requireAll())).total() : -1;
        SearchOutcome outcome = new SearchOutcome(params, results, hitsOf(results), labels, wordsAlone, filtersAlone,
                engineNanos);
        if (!outcome.pagination().exists()) {
            throw new NotFound("There is no page " + params.page() + ": this search has "
                    + outcome.pagination().lastPage() + " pages of " + params.pageSize() + ".");
        }
        return outcome;
    }

    /**
     * A search answered for its page: what cannot be searched is left out and said, by control, and
     * the rest is answered; a page past the end shows the last page.
     *
     * @param status 200, or 400 when something was left out (404 when it was only a page past the end)
     */
    public record PageAnswer(SearchOutcome outcome, Map<String, String> problems, int status) {
    }

    public PageAnswer runForPage(SearchParams.Read read) {
        Map<String, String> problems = new LinkedHashMap<>(read.problems());
        AuthorityLabels labels = AuthorityLabels.load(db);
        Map<Facet, List<String>> known = new EnumMap<>(Facet.class);
        for (Facet facet : Facet.values()) {
            List<String> keys = new ArrayList<>();
            for (String key : read.params().selected(facet)) {
                if (labels.knows(facet, key)) {
                    keys.add(key);
                } else {
                    problems.merge("filters", "There is no " + facet.key() + " '" + key
                            + "' in the catalogue's authority lists: it is left out of the search.", (a, b) -> a + " " + b);
                }
            }
            known.put(facet, keys);
        }
        SearchParams params = read.params().keeping(known);
        int status = problems.isEmpty() ? 200 : 400;
        try {
            return new PageAnswer(run(params), problems, status);
        } catch (NotFound pastTheEnd) {
            SearchOutcome first = run(params.onPage(1));
            int last = first.pagination().lastPage();
            problems.put("page", pastTheEnd.getMessage() + (last > 1 ? " Here is the last, page " + last + "." : ""));
            return new PageAnswer(last > 1 ? run(params.onPage(last)) : first, problems, status == 200 ? 404 : status);
        }
    }

    /**
     * The ids of every hit of the search, in its order, for an export.
     *
     * @throws BadRequest for a facet key no authority list has
     */
    public int[] hitIds(SearchParams params) {
        knownKeys(params);
        SearchRequest page = params.request();
        return engine.hitIds(new SearchRequest(page.text(), page.selected(), page.years(), page.dates(), page.order(),
                0, 0, page.requireAll()));
    }

    private AuthorityLabels knownKeys(SearchParams params) {
        AuthorityLabels labels = AuthorityLabels.load(db);
        for (Facet facet : Facet.values()) {
            for (String key : params.selected(facet)) {
                if (!labels.knows(facet, key)) {
                    throw new BadRequest("There is no " + facet.key() + " '" + key + "' in the catalogue's authority "
                            + "lists");
                }
            }
        }
        return labels;
    }

    private List<SearchOutcome.Hit> hitsOf(SearchResults results) {
        Map<Integer, ListedDocument> documents = listing.byIds(results.hits().stream().map(SearchHit::id).toList());
        return results.hits().stream()
                .filter(hit -> documents.containsKey(hit.id()))
                .map(hit -> new SearchOutcome.Hit(documents.get(hit.id()), hit.title(), hit.snippet()))
                .toList();
    }

    private long count(String words, Map<Facet, Set<String>> selected, SortedSet<Integer> years, DateRange dates) {
        return engine.search(new SearchRequest(words, selected, years, dates, SearchOrder.DATE_NEWEST, 0, 0)).total();
    }
}
