package org.dossier.catalogue;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.dossier.documents.Citations;
import org.dossier.documents.Coins;
import org.dossier.search.BoundedSearchEngine;
import org.dossier.search.SearchRequest;
import org.dossier.web.ConditionalGet;
import org.dossier.web.ErrorPages;
import org.dossier.web.NotFound;
import org.dossier.web.PublicUrl;
import org.dossier.web.QueryParams;
import org.dossier.web.ResultTrail;
import org.dossier.web.ServerTiming;
import org.dossier.web.Templates;

/**
 * {@code /search}: words, facets, a date range and an order, all in the URL so that a search can be
 * bookmarked and shared; {@code /search.json} answers the same query as JSON.
 */
public final class SearchPage {

    /** The search's JSON twin, for programs. */
    public static final String JSON = "/search.json";

    private final CatalogueSearch search;
    private final BoundedSearchEngine bound;
    private final PublicUrl publicUrl;
    private final Citations citations;
    private final Templates templates;
    private final ConditionalGet conditional;
    private final MergesFollowed merges;
    private final KeptPages kept;

    /**
     * {@code bound}: the engine the search runs in, whose slot a page holds until it is rendered;
     * {@code keptAnswers}: what its answers kept may weigh, in bytes ({@code --kept-answers}), which sizes
     * the pages kept beside them ({@link KeptPages#besideAnswers}).
     */
    public SearchPage(CatalogueSearch search, BoundedSearchEngine bound, PublicUrl publicUrl, Citations citations,
                      Templates templates, ConditionalGet conditional, long keptAnswers) {
        this.search = search;
        this.kept = KeptPages.besideAnswers(keptAnswers);
        this.merges = new MergesFollowed(search);
        this.bound = bound;
        this.publicUrl = publicUrl;
        this.citations = citations;
        this.templates = templates;
        this.conditional = conditional;
    }

    /** Readers' pages given as they were kept, since the node started (for the metrics). */
    public long pagesGivenKept() {
        return kept.given();
    }

    /** Readers' pages rendered for want of a kept one, since the node started (for the metrics). */
    public long pagesRendered() {
        return kept.rendered();
    }

    public void html(Context ctx) {
        long started = System.nanoTime();
        SearchRequestReader.Read read = SearchRequestReader.forPage(ctx);
        if (merges.sentOn(ctx, read.request())) {
            return;
        }
        // The search and its page in one slot: a busy node turns the page away before searching,
        // rather than searching and then queueing the page behind every other one being rendered.
        // A page kept from before, of answers kept, takes none: it is a lookup.
        PageTimes times = new PageTimes();
        CatalogueSearch.Searched searched = bound.holdingOneSlot(() -> answer(ctx, read, times));
        times.of(searched).add("page", System.nanoTime() - started).send(ctx);
    }

    /**
     * Answers the search's page, kept from before or rendered now, and returns the engine's answer.
     * A reader's page of a search read without a problem is the same for every reader: kept, and
     * sent gzipped as it was kept.
     */
    private CatalogueSearch.Searched answer(Context ctx, SearchRequestReader.Read read, PageTimes times) {
        CatalogueSearch.PageAnswer answer = search.runForPage(read);
        ctx.status(answer.status());
        ErrorPages.ownBody(ctx);
        String site = publicUrl.of(ctx);
        Supplier<String> render = () -> render(ctx, answer, site, times);
        if (answer.status() == 200 && !Templates.personal(ctx)) {
            kept.page(answer.searched().results(), Templates.pageUrl(ctx), site, citations.today(), render).send(ctx);
        } else {
            ctx.html(render.get());
        }
        return answer.searched();
    }

    /** The page rendered: its records are read only now, as a kept page does not show them again. */
    private String render(Context ctx, CatalogueSearch.PageAnswer answer, String site, PageTimes times) {
        // Rendering is work, as a search is: in the page's slot, though its answers were all kept.
        bound.takeSlot();
        SearchOutcome found = search.listed(answer.searched());
        long rendering = System.nanoTime();
        Map<Integer, String> coins = coins(found, site);
        long cited = System.nanoTime();
        SearchView view = SearchView.of(found, answer.read());
        String html = templates.render("catalogue/search", Map.of(
                "view", view, "searchQuery", found.request().text(),
                "hits", ListedHit.of(found.hits(), view.pagination().first(), view.trail(), coins),
                "wording", SearchWording.of(found)), ctx);
        times.rendered(found.took().records(), cited - rendering, System.nanoTime() - cited);
        return html;
    }

    /**
     * What the page's records, its citations and its rendering took, when the page was rendered
     * rather than kept (else none: -1), for the {@code Server-Timing} header. One per request.
     */
    private static final class PageTimes {

        private long records = -1;
        private long citations = -1;
        private long render = -1;

        void rendered(long records, long citations, long render) {
            this.records = records;
            this.citations = citations;
            this.render = render;
        }

        /** The header's parts so far: the engine's, then the page's own; the caller adds the whole. */
        ServerTiming of(CatalogueSearch.Searched searched) {
            return new ServerTiming().add("search", searched.searchTook()).add("counts", searched.countsTook())
                    .add("records", records).add("citations", citations).add("render", render);
        }
    }

    /**
     * {@code /search/hit?...&hit=n}: the record of hit n of a search, reached from the previous or
     * next link of a record page; it goes there (303) carrying the search on. When the search has
     * changed and has no hit n any more, back to the search.
     */
    public void hit(Context ctx) {
        SearchRequest request = SearchRequestReader.strict(ctx);
        int n = QueryParams.integer(ctx, ResultTrail.HIT, 1, 1, SearchRequest.MAX_WINDOW);
        if (merges.sentOn(ctx, request, ResultTrail.HIT + "=" + n)) {
            return;
        }
        String trail = request.onPage(1).toQueryString();
        try {
            SearchOutcome outcome = search.run(request.atHit(n));
            if (!outcome.hits().isEmpty()) {
                ctx.redirect(ResultTrail.recordHref(outcome.hits().get(0).document().path(), ResultTrail.carried(trail), n,
                        outcome.results().total()), HttpStatus.SEE_OTHER);
                return;
            }
        } catch (NotFound gone) {
            // the search has fewer hits now: back to it
        }
        ctx.redirect(SearchLinks.search(request.onPage(1)), HttpStatus.SEE_OTHER);
    }

    /**
     * Each hit of the page as a COinS ContextObject, by record id: a reference manager's list to pick
     * from. The hits' own rows were read with them; only their people and places are read here.
     */
    private Map<Integer, String> coins(SearchOutcome outcome, String site) {
        List<ListedDocument> documents = outcome.hits().stream().map(SearchOutcome.Hit::document).toList();
        Citations.Links links = citations.linksOf(documents.stream().map(ListedDocument::id).toList(), site);
        Map<Integer, String> coins = new LinkedHashMap<>();
        for (ListedDocument document : documents) {
            coins.put(document.id(), Coins.of(document.citation(links)));
        }
        return coins;
    }

    public void json(Context ctx) {
        long started = System.nanoTime();
        SearchRequest request = SearchRequestReader.strict(ctx);
        if (merges.sentOn(ctx, request)) {
            return;
        }
        // A program asking again (a notebook re-run, an app polling for new records) gets a 304 until
        // the catalogue or this node's index changes, without being searched again.
        if (conditional.answered(ctx, "search json")) {
            return;
        }
        SearchOutcome outcome = search.runForJson(request);
        SearchJsonBody answer = SearchJsonBody.of(outcome, publicUrl.of(ctx));
        ctx.header("Link", answer.linkHeader());
        ctx.json(answer.body());
        timing(outcome).add("page", System.nanoTime() - started).send(ctx);
    }

    /**
     * For anyone measuring: the engine's time ({@code search}), its further counts, the database's
     * reads of the page's records; the caller adds what it did after, and the whole handler's time
     * ({@code page}) last.
     */
    private static ServerTiming timing(SearchOutcome outcome) {
        SearchOutcome.Took took = outcome.took();
        return new ServerTiming().add("search", took.search()).add("counts", took.counts()).add("records", took.records());
    }
}
