package org.dossier.catalogue;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dossier.documents.DocumentJson;
import org.dossier.web.NotFound;
import org.dossier.web.PublicUrl;
import org.dossier.web.QueryParams;
import org.dossier.web.UrlState;

/** {@code /}: the catalogue, newest first, a page at a time; {@code /search.json} is its JSON twin. */
public final class CataloguePage {

    static final int PAGE_SIZE = 10;
    static final int MAX_PAGE_SIZE = 100;
    private static final Set<String> SORTS = Set.of("-date", "date", "title");

    private final ListingQuery listing;
    private final PublicUrl publicUrl;

    public CataloguePage(ListingQuery listing, PublicUrl publicUrl) {
        this.listing = listing;
        this.publicUrl = publicUrl;
    }

    public void html(Context ctx) {
        Listing page = read(ctx);
        ctx.render("catalogue/listing", Map.of("listing", page, "url", UrlState.of(ctx),
                "sorts", List.of(SortOrder.DATE_NEWEST, SortOrder.DATE_OLDEST, SortOrder.TITLE)));
    }

    public void json(Context ctx) {
        Listing page = read(ctx);
        String site = publicUrl.of(ctx);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total", page.pagination().total());
        body.put("page", page.pagination().page());
        body.put("pageSize", page.pagination().pageSize());
        body.put("sort", page.sort().value());
        body.put("documents", page.documents().stream().map(d -> {
            Map<String, Object> json = DocumentJson.core(d.id(), d.title(), d.date(), d.summary(), site);
            json.put("url", site + d.path());
            json.put("type", d.typeLabel());
            return json;
        }).toList());
        ctx.json(body);
    }

    private Listing read(Context ctx) {
        SortOrder sort = SortOrder.fromValue(QueryParams.choice(ctx, "sort", "-date", SORTS));
        int page = QueryParams.integer(ctx, "page", 1, 1, Integer.MAX_VALUE);
        int pageSize = QueryParams.integer(ctx, "pageSize", PAGE_SIZE, 1, MAX_PAGE_SIZE);
        Listing result = listing.page(sort, page, pageSize);
        if (!result.pagination().exists()) {
            throw new NotFound("There is no page " + page + ": the catalogue has "
                    + result.pagination().lastPage() + " pages of " + pageSize + ".");
        }
        return result;
    }
}
