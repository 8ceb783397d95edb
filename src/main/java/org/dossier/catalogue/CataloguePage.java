package org.dossier.catalogue;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dossier.search.SearchRequest;
import org.dossier.search.SortOrder;
import org.dossier.web.ConditionalGet;
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

    private final ListingQuery listing;
    private final ConditionalGet conditional;
    private final PublicUrl site;

    public CataloguePage(ListingQuery listing, ConditionalGet conditional, PublicUrl site) {
        this.listing = listing;
        this.conditional = conditional;
        this.site = site;
    }

    public void html(Context ctx) {
        SortOrder sort = QueryParams.choice(ctx, SearchRequest.SORT, SortOrder.DATE_NEWEST, SORTS, SortOrder::value,
                SortOrder::label);
        int page = QueryParams.integer(ctx, SearchRequest.PAGE, 1, 1, Integer.MAX_VALUE);
        int pageSize = QueryParams.integer(ctx, SearchRequest.PAGE_SIZE, SearchRequest.DEFAULT_PAGE_SIZE, 1,
                SearchRequest.MAX_PAGE_SIZE);
        // Before the query: the tag's change-feed position fixes the count, and so whether the page exists.
        if (conditional.answered(ctx, "listing")) {
            return;
        }
        Listing result = listing.page(sort, page, pageSize);
        UrlState url = UrlState.of(ctx);
        if (!result.pagination().exists()) {
            // A page the catalogue no longer reaches (records withdrawn since it was bookmarked, or
            // a page number typed) leads on to the last one, in the same order, as a search's does.
            throw new NotFound(result.pagination().noSuchPage("the catalogue has"), new NotFound.Instead(
                    "Its last page is", site.absolute(ctx, url.page(result.pagination().lastPage()))));
        }
        ctx.render("catalogue/listing", Map.of("listing", result, "url", url,
                "sorts", SORTS, "canonicalHref", canonical(sort, page, pageSize)));
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
            query.add(new UrlState.Param(SearchRequest.SORT, sort.value()));
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
