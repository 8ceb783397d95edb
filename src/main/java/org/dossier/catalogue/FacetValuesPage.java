package org.dossier.catalogue;

import org.dossier.web.Pagination;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.dossier.search.Facet;
import org.dossier.search.Filter;
import org.dossier.search.SearchRequest;
import org.dossier.web.ControlProblems;
import org.dossier.web.NotFound;
import org.dossier.web.QueryParams;
import org.dossier.web.UrlState;

/**
 * {@code /search/facets/{facet}}: every value of one facet in a search, with its count, by count
 * or by name ({@code ?order=name}); each value links back to the search with it ticked or not.
 */
public final class FacetValuesPage {

    public static final String PATH = "/search/facets/";
    private static final String ORDER = "order";
    /** Where what the page could not take of its search is said: at the way back to it. */
    private static final String SEARCH = "search";
    private static final String BY_COUNT = "count";
    private static final String BY_NAME = "name";
    /** The page's two orders as its links say them; an order not offered is refused in these words. */
    private static final Map<String, String> ORDER_WORDS = Map.of(BY_COUNT, "Most records first", BY_NAME, "A\u2013Z");

    private final CatalogueSearch search;
    private final MergesFollowed merges;

    public FacetValuesPage(CatalogueSearch search) {
        this.search = search;
        this.merges = new MergesFollowed(search);
    }

    /** The page of a facet's values, {@code href}, listed by name. */
    static String byName(String href) {
        return href + (href.contains("?") ? "&" : "?") + ORDER + "=" + BY_NAME;
    }

    /**
     * Which records the values are counted in, for the title and heading: a tab or a bookmark of
     * "All people · Dossier" did not say of which search, and every one of them read alike.
     */
    static String scope(SearchRequest request) {
        if (request.hasText()) {
            return "in the search \u201c" + SearchView.inALine(request.text()) + "\u201d" + (request.hasFilters() ? ", filtered" : "");
        }
        return request.hasFilters() ? "in the filtered records" : "in the catalogue";
    }

    /**
     * The search a facet's values are counted in, as the search page's facet counts them (drill
     * sideways): every other filter applied, not the facet's own, so that a ticked type's page
     * still lists the other types to tick, with what each would add; unless every value ticked is
     * required ({@code all=person}), which counts them under it. The heading and its count of
     * records say this search: "10 types in 5 records" said the records the type's own filter left,
     * of counts that added up to 26.
     */
    static SearchRequest countedUnder(Facet facet, SearchRequest request) {
        return request.selected(facet).isEmpty() || request.countsUnderItsOwnFilter(facet) ? request
                : request.without(Filter.of(facet));
    }

    /**
     * How many values in how many records, as a person says it: "46 people in 49 records", "1 type
     * in 1 record", and when there is nothing to count, why ("No records match, so there are no
     * people to list."), not "0 people in 0 records".
     */
    static String countLine(Facet facet, int values, long records) {
        String plural = SearchWording.plural(facet);
        if (records == 0) {
            return "No records match, so there are no " + plural + " to list.";
        }
        String in = " in " + Pagination.number(records) + (records == 1 ? " record" : " records");
        if (values == 0) {
            return "No " + plural + in + ".";
        }
        return Pagination.number(values) + " " + (values == 1 ? SearchWording.singular(facet) : plural) + in;
    }

    public void html(Context ctx) {
        Facet facet = facet(ctx);
        // An order the page does not offer is said at its order's links, and the values listed by count.
        ControlProblems problems = new ControlProblems();
        boolean byName = problems.orDefault(ORDER, BY_COUNT, () -> QueryParams.choice(ctx, ORDER, BY_COUNT,
                List.of(BY_COUNT, BY_NAME), order -> order, ORDER_WORDS::get)).equals(BY_NAME);
        SearchRequest request = searchOf(ctx, problems);
        if (merges.sentOn(ctx, request, byName ? ORDER + "=" + BY_NAME : null)) {
            return;
        }
        // Every value is on the one page, so the search's page means nothing here: it is neither
        // checked against the hits' pages (a page past them was a 404) nor carried in the links
        // and the canonical address, which are the same for every page asked.
        SearchRequest everyValue = request.withPageSize(SearchRequest.DEFAULT_PAGE_SIZE);
        Map<String, Object> model = model(facet, everyValue, search.run(everyValue), byName);
        model.put("backHref", problems.at(SEARCH) ? UrlState.of(ctx).without(List.of(ORDER)).on(SearchLinks.SEARCH).href()
                : SearchLinks.search(request.onPage(1)));
        problems.answer(ctx, model, List.of(SEARCH, ORDER));
        ctx.render("catalogue/facet-values", model);
    }

    /** The facet the address names; a 404 that lists the facets there are. */
    private static Facet facet(Context ctx) {
        return Facet.fromKey(ctx.pathParam("facet"))
                .orElseThrow(() -> new NotFound("There is no facet '" + ctx.pathParam("facet") + "'; there are "
                        + Arrays.stream(Facet.values()).map(Facet::key).collect(Collectors.joining(", ")) + "."));
    }

    /**
     * The search the values are counted in. What of it makes no sense (a year 'abc', a person no
     * list has) is left out of the counts and said at the way back to the search, which leads to it
     * as it was asked, where its own controls say it again and keep what was typed.
     */
    private SearchRequest searchOf(Context ctx, ControlProblems problems) {
        SearchRequestReader.Read read = search.knownOnly(SearchRequestReader.forPage(ctx));
        read.problems().values().forEach(problem -> problems.note(SEARCH, problem));
        return read.request();
    }

    /** The page's model but for the way back to the search and what was refused: the values, their orders, their count. */
    private static Map<String, Object> model(Facet facet, SearchRequest everyValue, SearchOutcome outcome, boolean byName) {
        SearchRequest counted = countedUnder(facet, everyValue);
        long records = counted == everyValue ? outcome.results().total()
                : outcome.results().without().getOrDefault(Filter.of(facet), outcome.results().total());
        List<SearchView.FacetValue> values = SearchView.values(facet, outcome, byName);
        String byCount = new SearchLinks(everyValue).on(PATH + facet.key());
        Map<String, Object> model = new HashMap<>();
        model.put("singular", SearchWording.singular(facet));
        model.put("plural", SearchWording.plural(facet));
        model.put("values", values);
        model.put("valuesHtml", FacetHtml.values(values, SearchWording.title(facet).toLowerCase(Locale.ROOT)));
        model.put("byName", byName);
        model.put("byNameHref", byName(byCount));
        model.put("orderWords", ORDER_WORDS);
        model.put("byCountHref", byCount);
        model.put("canonicalHref", byName ? byName(byCount) : byCount);
        model.put("countLine", countLine(facet, values.size(), records));
        model.put("searchQuery", outcome.request().text());
        model.put("scope", scope(counted));
        return model;
    }
}
