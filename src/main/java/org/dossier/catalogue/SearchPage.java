package org.dossier.catalogue;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dossier.documents.DocumentJson;
import org.dossier.search.Facet;
import org.dossier.web.PublicUrl;
import org.dossier.web.UrlState;

/**
 * {@code /search}: words, facets, a date range and an order, all in the URL so that a search can be
 * bookmarked and shared; {@code /search.json} answers the same query as JSON.
 */
public final class SearchPage {

    private final CatalogueSearch search;
    private final PublicUrl publicUrl;

    public SearchPage(CatalogueSearch search, PublicUrl publicUrl) {
        this.search = search;
        this.publicUrl = publicUrl;
    }

    public void html(Context ctx) {
        long started = System.nanoTime();
        SearchOutcome outcome = search.run(SearchParams.read(ctx));
        ctx.render("catalogue/search", Map.of("view", SearchView.of(outcome, UrlState.of(ctx)),
                "searchQuery", outcome.params().q(), "wording", SearchWording.of(outcome, UrlState.of(ctx))));
        timing(ctx, outcome, started);
    }

    public void json(Context ctx) {
        long started = System.nanoTime();
        SearchOutcome outcome = search.run(SearchParams.read(ctx));
        String site = publicUrl.of(ctx);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total", outcome.results().total());
        body.put("page", outcome.params().page());
        body.put("pageSize", outcome.params().pageSize());
        body.put("sort", outcome.params().effectiveSort().value());
        if (outcome.results().notice() != null) {
            body.put("notice", outcome.results().notice());
        }
        if (outcome.results().suggestion() != null) {
            body.put("suggestion", outcome.results().suggestion());
        }
        body.put("documents", outcome.hits().stream().map(hit -> {
            ListedDocument d = hit.document();
            Map<String, Object> json = DocumentJson.core(d.id(), d.title(), d.date(), d.summary(), site);
            json.put("url", site + d.path());
            json.put("type", d.typeLabel());
            if (hit.markedTitle() || hit.markedSnippet()) {
                Map<String, Object> marked = new LinkedHashMap<>();
                marked.put("title", hit.title().html());
                marked.put("snippet", hit.snippet().html());
                json.put("highlight", marked);
            }
            return json;
        }).toList());
        UrlState url = UrlState.of(ctx);
        Map<String, Object> facets = new LinkedHashMap<>();
        for (Facet facet : Facet.values()) {
            facets.put(facet.key(), SearchView.values(facet, outcome, url, false).stream()
                    .map(v -> facetValue(v.key(), v.label(), v.count())).toList());
        }
        List<Map<String, Object>> years = new ArrayList<>();
        outcome.results().years().forEach((year, count) -> {
            String value = String.format(Locale.ROOT, "%04d", year);
            years.add(facetValue(value, value, count));
        });
        facets.put("year", years);
        body.put("facets", facets);
        ctx.json(body);
        timing(ctx, outcome, started);
    }

    /** The engine's time and the whole handler's (database reads and rendering included), for anyone measuring. */
    private static void timing(Context ctx, SearchOutcome outcome, long started) {
        ctx.header("Server-Timing", String.format(Locale.ROOT, "search;dur=%.1f, page;dur=%.1f",
                outcome.engineNanos() / 1e6, (System.nanoTime() - started) / 1e6));
    }

    private static Map<String, Object> facetValue(String value, String label, long count) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("value", value);
        json.put("label", label);
        json.put("count", count);
        return json;
    }
}
