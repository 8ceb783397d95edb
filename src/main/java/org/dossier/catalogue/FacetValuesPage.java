package org.dossier.catalogue;

import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dossier.search.Facet;
import org.dossier.web.NotFound;
import org.dossier.web.QueryParams;
import org.dossier.web.UrlState;

/**
 * {@code /search/facets/{facet}}: every value of one facet in a search, with its count, by count
 * or by name ({@code ?order=name}); each value links back to the search with it ticked or not.
 */
public final class FacetValuesPage {

    public static final String PATH = "/search/facets/";

    private final CatalogueSearch search;

    public FacetValuesPage(CatalogueSearch search) {
        this.search = search;
    }

    public void html(Context ctx) {
        Facet facet = Facet.fromKey(ctx.pathParam("facet"))
                .orElseThrow(() -> new NotFound("There is no facet '" + ctx.pathParam("facet") + "'; there are type, "
                        + "person and place."));
        boolean byName = QueryParams.choice(ctx, "order", "count", Set.of("count", "name")).equals("name");
        SearchOutcome outcome = search.run(SearchParams.read(ctx));
        SearchLinks links = new SearchLinks(UrlState.of(ctx));
        UrlState back = links.on(SearchLinks.SEARCH, Set.of("order"));
        List<SearchView.FacetValue> values = SearchView.values(facet, outcome, back, byName);
        UrlState here = UrlState.of(ctx);
        ctx.render("catalogue/facet-values", Map.of(
                "title", SearchView.title(facet),
                "plural", SearchView.plural(facet),
                "values", values,
                "byName", byName,
                "byNameHref", here.set("order", "name"),
                "byCountHref", here.clear("order"),
                "backHref", back.href(),
                "total", outcome.results().total(),
                "searchQuery", outcome.params().q()));
    }
}
