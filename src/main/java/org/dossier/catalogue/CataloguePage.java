package org.dossier.catalogue;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dossier.search.SearchRequest;
import org.dossier.search.SortOrder;
import org.dossier.web.ConditionalGet;
import org.dossier.web.ControlProblems;
import org.dossier.web.NotFound;
import org.dossier.web.PublicUrl;
import org.dossier.web.QueryParams;
import org.dossier.web.UrlState;

/**
 * {@code /}: the catalogue, newest first, a page at a time ({@code /search.json} with no query is
 * its JSON twin, so the two read {@code sort}, {@code page} and {@code pageSize} alike).
 */
public final class CataloguePage {

    private static final List<SortOrder> SORTS = SortOrder.choices(false);
    /** The controls a refusal is said at, as the search page names them: the order's links, the pager. */
    private static final String ORDER = SearchRequestReader.ORDER;
    private static final String PAGE = SearchRequestReader.PAGE;

    private final ListingQuery listing;
    private final ConditionalGet conditional;
    private final PublicUrl site;

    public CataloguePage(ListingQuery listing, ConditionalGet conditional, PublicUrl site) {
        this.listing = listing;
        this.conditional = conditional;
        this.site = site;
    }

    public void html(Context ctx) {
        // What makes no sense is said at its control, as the search page does, and its default is used.
        ControlProblems problems = new ControlProblems();
        Asked asked = Asked.read(ctx, problems);
        // Before the query: the tag's change-feed position fixes the count, and so whether the page exists.
        // A refused address is answered afresh, never validated: its page is not the listing's.
        if (problems.isEmpty() && conditional.answered(ctx, "listing")) {
            return;
        }
        Listing result = listing.page(asked.sort(), asked.page(), asked.pageSize());
        // The links go on without what was refused: the pager does not carry "sort=sideways" to page 2.
        UrlState url = UrlState.of(ctx).without(refused(problems));
        if (!result.pagination().exists()) {
            // A page the catalogue no longer reaches (records withdrawn since it was bookmarked, or
            // a page number typed) leads on to the last one, in the same order, as a search's does.
            throw new NotFound.Elsewhere(result.pagination().noSuchPage("the catalogue has"), new NotFound.Instead(
                    "Its last page is", site.absolute(ctx, url.page(result.pagination().lastPage()))));
        }
        Map<String, Object> model = new HashMap<>(Map.of("listing", result, "url", url,
                "sorts", SORTS, "canonicalHref", canonical(asked.sort(), asked.page(), asked.pageSize())));
        problems.answer(ctx, model, List.of(ORDER, PAGE));
        ctx.render("catalogue/listing", model);
    }

    /** The order and page the address asks for, each its default where what was asked was refused. */
    private record Asked(SortOrder sort, int page, int pageSize) {

        Asked {
            if (sort == null || page < 1 || pageSize < 1 || pageSize > SearchRequest.MAX_PAGE_SIZE) {
                throw new IllegalArgumentException("a listing's page is an order, a page from 1 and a size from 1 to "
                        + SearchRequest.MAX_PAGE_SIZE + ", not " + sort + ", " + page + ", " + pageSize);
            }
        }

        /** Reads them, noting at its control ({@code order}, {@code page}) what makes no sense. */
        static Asked read(Context ctx, ControlProblems problems) {
            SortOrder sort = problems.orDefault(ORDER, SortOrder.DATE_NEWEST, () -> QueryParams.choice(ctx,
                    SearchRequest.SORT, SortOrder.DATE_NEWEST, SORTS, SortOrder::key, SortOrder::label));
            int pageSize = problems.orDefault(PAGE, SearchRequest.DEFAULT_PAGE_SIZE, () -> QueryParams.integer(ctx,
                    SearchRequest.PAGE_SIZE, SearchRequest.DEFAULT_PAGE_SIZE, 1, SearchRequest.MAX_PAGE_SIZE));
            int page = problems.orDefault(PAGE, 1, () -> QueryParams.integer(ctx, SearchRequest.PAGE, 1, 1, Integer.MAX_VALUE));
            return new Asked(sort, page, pageSize);
        }
    }

    /** The parameters behind the problems: the order's, or the pager's two. */
    private static List<String> refused(ControlProblems problems) {
        List<String> names = new ArrayList<>();
        if (problems.at(ORDER)) {
            names.add(SearchRequest.SORT);
        }
        if (problems.at(PAGE)) {
            names.add(SearchRequest.PAGE);
            names.add(SearchRequest.PAGE_SIZE);
        }
        return names;
    }

    /**
     * The listing's one address for a crawler: what differs from the defaults, in one order, and
     * nothing else the address had ({@code /?page=1}, {@code /?sort=-date} and {@code /?utm_source=x}
     * are all {@code /}), so that one page is not indexed under many addresses; each page of the
     * list is its own.
     */
    static String canonical(SortOrder sort, int page, int pageSize) {
        List<UrlState.Param> query = new ArrayList<>();
        if (sort != SortOrder.DATE_NEWEST) {
            query.add(new UrlState.Param(SearchRequest.SORT, sort.key()));
        }
        if (pageSize != SearchRequest.DEFAULT_PAGE_SIZE) {
            query.add(new UrlState.Param(SearchRequest.PAGE_SIZE, String.valueOf(pageSize)));
        }
        if (page > 1) {
            query.add(new UrlState.Param(SearchRequest.PAGE, String.valueOf(page)));
        }
        return new UrlState("/", query).href();
    }
}
