package org.dossier.catalogue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dossier.authorities.AuthorityKind;
import org.dossier.authorities.AuthorityLists;
import org.dossier.documents.Languages;
import org.dossier.search.Facet;
import org.dossier.search.SearchEngine;
import org.dossier.search.SearchHit;
import org.dossier.search.SearchRequest;
import org.dossier.search.SearchResults;
import org.dossier.web.BadRequest;
import org.dossier.web.NotFound;
import org.dossier.web.Pagination;

/**
 * Answers a search page: asks the engine, then reads the page's records from the database (the
 * source of truth) and the labels of the facet values (from the authority lists in memory).
 */
public final class CatalogueSearch {

    private final SearchEngine engine;
    private final ListingQuery listing;
    private final AuthorityLists authorities;

    public CatalogueSearch(SearchEngine engine, ListingQuery listing, AuthorityLists authorities) {
        this.engine = engine;
        this.listing = listing;
        this.authorities = authorities;
    }

    /**
     * @throws BadRequest for a facet key no authority list has
     * @throws NotFound   for a page past the last one
     */
    public SearchOutcome run(SearchRequest request) {
        return run(request, "this search has");
    }

    /**
     * The same, for a page that is not a search to its reader (a person's records), whose page past
     * the end says what is paged: {@code holder} as {@link org.dossier.web.Pagination#noSuchPage} takes it.
     */
    public SearchOutcome run(SearchRequest request, String holder) {
        return answer(request, knownKeys(request), false, false, holder);
    }

    /**
     * The same, for {@code /search.json}, which also says what a date typed among the words finds as
     * a range, as the search page offers it: a program asking "kim september 1950" is told of it too.
     */
    public SearchOutcome runForJson(SearchRequest request) {
        return answer(request, knownKeys(request), false, true, "this search has");
    }

    /**
     * @param forPage    whether the answer is for the search page, which also says what the other way
     *                   of meeting a range finds
     * @param dateOffers whether it says what a date typed among the words finds as a range
     * @param holder     what a page past the end says has the pages ("this search has")
     */
    private SearchOutcome answer(SearchRequest request, AuthorityLabels labels, boolean forPage, boolean dateOffers,
                                 String holder) {
        return listed(searched(request, labels, forPage, dateOffers, holder));
    }

    /** The engine's answer and the further counts shown beside it, the page's records not read yet. */
    private Searched searched(SearchRequest request, AuthorityLabels labels, boolean forPage, boolean dateOffers,
                              String holder) {
        long started = System.nanoTime();
        SearchResults results = engine.search(request);
        long searched = System.nanoTime();
        boolean askAlone = results.total() == 0 && request.hasText() && request.hasFilters();
        long wordsAlone = askAlone ? engine.count(request.withoutFilters()) : -1;
        long filtersAlone = askAlone ? engine.count(request.withoutText()) : -1;
        long otherDated = forPage && request.dates().howMatters() ? engine.count(request.withDatedTheOtherWay()) : -1;
        DateInWords dateInWords = dateOffers ? DateInWords.in(request).orElse(null) : null;
        long datedInstead = dateInWords == null ? -1 : engine.count(dateInWords.instead());
        if (datedInstead == 0 && dateInWords.asked().isPresent()) {
            // No record has "what happened in" as well: the question is about the date.
            dateInWords = dateInWords.asked().get();
            datedInstead = engine.count(dateInWords.instead());
        }
        Searched answer = new Searched(request, results, labels, wordsAlone, filtersAlone, otherDated, dateInWords,
                datedInstead, searched - started, System.nanoTime() - searched);
        if (!answer.pagination().exists()) {
            throw new NotFound(answer.pagination().noSuchPage(holder));
        }
        return answer;
    }

    /**
     * A search answered by the engine, with the further counts its page shows, before the page's
     * records are read from the database ({@link #listed}). Why apart: a search page kept from
     * before ({@code KeptPages}) is found by the engine's answer alone, and reading the ten records
     * it does not show was half of what serving it cost (BENCHMARKS.md, "The load mix's processor
     * time by kind, and a kept page served as it was kept").
     *
     * @param searchTook what the engine's search took, in nanoseconds
     * @param countsTook what its further counts took
     */
    public record Searched(SearchRequest request, SearchResults results, AuthorityLabels labels, long wordsAlone,
                           long filtersAlone, long otherDated, DateInWords dateInWords, long datedInstead,
                           long searchTook, long countsTook) {

        public Pagination pagination() {
            return SearchOutcome.pagination(request, results);
        }
    }

    /** The search's outcome: its answer with the page's records as the database has them now. */
    public SearchOutcome listed(Searched searched) {
        long started = System.nanoTime();
        List<SearchOutcome.Hit> hits = hitsOf(searched.results());
        return new SearchOutcome(searched.request(), searched.results(), hits, searched.labels(), searched.wordsAlone(),
                searched.filtersAlone(), searched.otherDated(), searched.dateInWords(), searched.datedInstead(),
                new SearchOutcome.Took(searched.searchTook(), searched.countsTook(), System.nanoTime() - started));
    }

    /**
     * A search answered for its page: what cannot be searched is left out and said, by control, and
     * the rest is answered; a page past the end shows the last page. The page's records are read
     * by {@link #listed} when the page is rendered.
     *
     * @param searched the engine's answer
     * @param read     the search as read, with what was left out of it
     * @param status   200, or 400 when something was left out (404 when it was only a page past the end)
     */
    public record PageAnswer(Searched searched, SearchRequestReader.Read read, int status) {

        public Map<String, String> problems() {
            return read.problems();
        }
    }

    /**
     * The same search with each person or place that was merged into another asked as the one it was
     * merged into (see README, "Editors keep the people and places"); empty when none was, which is
     * almost always. A saved search that names an old key follows the merge, as its page does.
     */
    public Optional<SearchRequest> afterMerges(SearchRequest request) {
        AuthorityLists.Lists lists = authorities.current();
        SearchRequest moved = request;
        for (Facet facet : Facet.values()) {
            Optional<AuthorityKind> kind = facet.authorities();
            if (kind.isEmpty()) {
                continue;
            }
            for (String key : request.selected(facet)) {
                Optional<String> survivor = lists.survivor(kind.get(), key);
                if (survivor.isPresent()) {
                    moved = moved.replacing(facet, key, survivor.get());
                }
            }
        }
        return moved == request ? Optional.empty() : Optional.of(moved);
    }

    private Searched searchedForPage(SearchRequest request, AuthorityLabels labels) {
        return searched(request, labels, true, true, "this search has");
    }

    public PageAnswer runForPage(SearchRequestReader.Read read) {
        AuthorityLabels labels = AuthorityLabels.of(authorities.current());
        SearchRequestReader.Read known = knownOnly(read, labels);
        SearchRequest request = known.request();
        Map<String, String> problems = new LinkedHashMap<>(known.problems());
        int status = problems.isEmpty() ? 200 : 400;
        try {
            return new PageAnswer(searchedForPage(request, labels), known, status);
        } catch (NotFound pastTheEnd) {
            Searched first = searchedForPage(request.onPage(1), labels);
            int last = first.pagination().lastPage();
            problems.put(SearchRequestReader.PAGE, pastTheEnd.getMessage()
                    + (last > 1 ? " Here is the last, page " + last + "." : ""));
            return new PageAnswer(last > 1 ? searchedForPage(request.onPage(last), labels) : first,
                    read.with(request, problems), status == 200 ? 404 : status);
        }
    }

    /**
     * A search read for a page with each facet key no authority list has left out of it, and said
     * at the filters, as the search page says it: for a page that counts the search another way
     * (a facet's values).
     */
    public SearchRequestReader.Read knownOnly(SearchRequestReader.Read read) {
        return knownOnly(read, AuthorityLabels.of(authorities.current()));
    }

    private static SearchRequestReader.Read knownOnly(SearchRequestReader.Read read, AuthorityLabels labels) {
        Map<String, String> problems = new LinkedHashMap<>(read.problems());
        for (Facet facet : Facet.values()) {
            for (String key : read.request().selected(facet)) {
                if (!labels.knows(facet, key)) {
                    problems.merge(SearchRequestReader.FILTERS, unknown(facet, key) + ": it is left out of the search.",
                            (a, b) -> a + " " + b);
                }
            }
        }
        return read.with(read.request().keeping(labels::knows), problems);
    }

    /**
     * The ids of every hit of the search, in its order, for an export.
     *
     * @throws BadRequest for a facet key no authority list has
     */
    public int[] hitIds(SearchRequest request) {
        knownKeys(request);
        return engine.hitIds(request.withoutPaging());
    }

    private AuthorityLabels knownKeys(SearchRequest request) {
        AuthorityLabels labels = AuthorityLabels.of(authorities.current());
        for (Facet facet : Facet.values()) {
            for (String key : request.selected(facet)) {
                if (!labels.knows(facet, key)) {
                    throw new BadRequest(unknown(facet, key));
                }
            }
        }
        return labels;
    }

    /**
     * Why a key is not searched: no authority list has it, or no language has that code. A language
     * asked by another code or by name, as the edit form takes them ({@code rus}, {@code russian}),
     * is answered with the code to ask instead.
     */
    private static String unknown(Facet facet, String key) {
        if (facet != Facet.LANGUAGE) {
            return "There is no " + facet.key() + " '" + key + "' in the catalogue's authority lists";
        }
        String ask = "a language is asked by its ISO 639 code, such as 'ru'";
        try {
            Languages meant = Languages.typed(key);
            if (meant.tags().size() == 1) {
                ask = meant.namesText() + " is asked as '" + meant.tags().get(0) + "'";
            }
        } catch (IllegalArgumentException notALanguage) {
            // No language by any name: the general rule is what helps.
        }
        return "There is no language with the code '" + key + "': " + ask;
    }

    private List<SearchOutcome.Hit> hitsOf(SearchResults results) {
        Map<Integer, ListedDocument> documents = listing.byIds(results.hits().stream().map(SearchHit::id).toList());
        return results.hits().stream()
                .filter(hit -> documents.containsKey(hit.id()))
                .map(hit -> new SearchOutcome.Hit(documents.get(hit.id()), hit.title(), hit.snippet()))
                .toList();
    }
}
