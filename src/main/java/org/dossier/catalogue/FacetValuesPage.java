package org.dossier.catalogue;

import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.dossier.search.Facet;
import org.dossier.search.SearchRequest;
import org.dossier.web.NotFound;
import org.dossier.web.QueryParams;

/**
 * {@code /search/facets/{facet}}: every value of one facet in a search, with its count, by count
 * or by name ({@code ?order=name}); each value links back to the search with it ticked or not.
 */
public final class FacetValuesPage {

    public static final String PATH = "/search/facets/";
    private static final String ORDER = "order";
    private static final String BY_NAME = "name";

    private final CatalogueSearch search;

    public FacetValuesPage(CatalogueSearch search) {
        this.search = search;
    }

    /** The page of a facet's values, {@code href}, listed by name. */
    static String byName(String href) {
        return href + (href.contains("?") ? "&" : "?") + ORDER + "=" + BY_NAME;
    }

    public void html(Context ctx) {
        Facet facet = Facet.fromKey(ctx.pathParam("facet"))
                .orElseThrow(() -> new NotFound("There is no facet '" + ctx.pathParam("facet") + "'; there are type, "
                        + "person and place."));
        boolean byName = QueryParams.choice(ctx, ORDER, "count", Set.of("count", BY_NAME)).equals(BY_NAME);
        SearchRequest request = SearchRequestReader.strict(ctx);
        SearchOutcome outcome = search.run(request);
        List<SearchView.FacetValue> values = SearchView.values(facet, outcome, byName);
        String byCount = new SearchLinks(request).on(PATH + facet.key());
        ctx.render("catalogue/facet-values", Map.of(
                "title", SearchWording.title(facet),
                "plural", SearchWording.plural(facet),
                "values", values,
                "valuesHtml", FacetHtml.values(values, SearchWording.title(facet).toLowerCase(Locale.ROOT)),
                "byName", byName,
                "byNameHref", byName(byCount),
                "byCountHref", byCount,
                "backHref", SearchLinks.search(request.onPage(1)),
                "total", outcome.results().total(),
                "searchQuery", outcome.request().text()));
    }
}
