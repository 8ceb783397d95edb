package org.dossier.about;

import io.javalin.http.Context;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dossier.catalogue.FacetValuesPage;
import org.dossier.catalogue.ListedDocument;
import org.dossier.catalogue.ListingQuery;
import org.dossier.catalogue.SearchSuggestions;
import org.dossier.documents.CitationStyle;
import org.dossier.documents.DocumentDate;
import org.dossier.harvest.AtomFeed;
import org.dossier.search.Facet;
import org.dossier.search.SearchEngine;
import org.dossier.search.SearchRequest;
import org.dossier.search.SearchUnavailableException;
import org.dossier.search.SortOrder;
import org.dossier.web.ConditionalGet;
import org.dossier.web.PublicUrl;

/**
 * The pages that say how the catalogue works: {@code /about} (what it holds, counted live, and how
 * its records are described and kept), {@code /help/search} (how to search, by examples that are
 * links) and {@code /help/citing} (which address to cite, the formats, the exports and what
 * harvesters read). Their addresses are built by what builds them for the rest of the app, on the
 * site's public address, so that a page never names an address the app does not answer.
 */
public final class AboutPages {

    public static final String ABOUT = "/about";
    public static final String SEARCH_HELP = "/help/search";
    public static final String CITING_HELP = "/help/citing";
    /** The three, by the names the templates link them by (every page's footer, and each of the three). */
    public static final Map<String, String> LINKS = Map.of("about", ABOUT, "searchHelp", SEARCH_HELP,
            "citingHelp", CITING_HELP);

    /** How the catalogue writes a record's date, each shape as a record page shows it, and what it means. */
    public record DateShape(String shown, String means) {
    }

    /** The shapes, written by {@link DocumentDate} itself from what an editor types. */
    static final List<DateShape> DATE_SHAPES = List.of(
            shape("May 26, 1949", "the day is known"),
            shape("February 1942", "the month is known, not the day"),
            shape("1950", "only the year is known"),
            shape("ca. 1962", "the date is approximate: about 1962 (a questioned date, “1962?”, is written so too)"),
            shape("1950–1953", "a span: the document was written over those years, or at some time within them"),
            shape("March–May 1951", "a span of months"),
            new DateShape(DocumentDate.UNDATED, "the document bears no date (“n.d.” in a citation)"));

    private static DateShape shape(String typed, String means) {
        return new DateShape(DocumentDate.parse(typed).display(), means);
    }

    private final SearchEngine search;
    private final ListingQuery listing;
    private final ConditionalGet conditional;
    private final PublicUrl site;

    public AboutPages(SearchEngine search, ListingQuery listing, ConditionalGet conditional, PublicUrl site) {
        this.search = search;
        this.listing = listing;
        this.conditional = conditional;
        this.site = site;
    }

    public void about(Context ctx) {
        // Validated like the listing: the counts move with every change, and so does the tag.
        if (conditional.answered(ctx, "about")) {
            return;
        }
        Holdings holdings;
        try {
            holdings = Holdings.of(search.search(Holdings.SEARCH));
        } catch (SearchUnavailableException e) {
            // While the index opens the rest of the page still says how the catalogue works.
            holdings = null;
        }
        Map<String, Object> model = common();
        model.put("holdings", holdings);
        model.put("dateShapes", DATE_SHAPES);
        model.put("feedHref", AtomFeed.PATH);
        ctx.render("about/about", model);
    }

    public void searchHelp(Context ctx) {
        if (conditional.answered(ctx, "help: search")) {
            return;
        }
        Map<String, Object> model = common();
        model.put("sorts", listed(SortOrder.choices(true).stream().map(SortOrder::label).toList()));
        model.put("defaultPageSize", SearchRequest.DEFAULT_PAGE_SIZE);
        model.put("maxPageSize", SearchRequest.MAX_PAGE_SIZE);
        model.put("maxWindow", SearchRequest.MAX_WINDOW);
        model.put("maxTicked", SearchRequest.MAX_TICKED);
        model.put("undatedParameter", SearchRequest.UNDATED + "=" + SearchRequest.UNDATED_ONLY);
        model.put("suggestHref", SearchSuggestions.PATH + "?q=sta");
        model.put("facetValuesHref", FacetValuesPage.PATH + Facet.PERSON.key());
        model.put("facetValuesByNameHref", FacetValuesPage.PATH + Facet.PLACE.key() + "?order=name");
        ctx.render("about/search", model);
    }

    public void citingHelp(Context ctx) {
        if (conditional.answered(ctx, "help: citing")) {
            return;
        }
        List<ListedDocument> newest = listing.page(SortOrder.DATE_NEWEST, 1, 1).documents();
        Map<String, Object> model = common();
        model.put("addresses", new CitingAddresses(site.of(ctx), newest.isEmpty() ? null : newest.get(0)));
        model.put("styles", listed(Arrays.stream(CitationStyle.values()).map(CitationStyle::label).toList()));
        model.put("downloads", listed(CitingAddresses.downloadLabels()));
        ctx.render("about/citing", model);
    }

    /** Names in a sentence: "Chicago (note), MLA and APA". */
    static String listed(List<String> names) {
        if (names.size() < 2) {
            return String.join("", names);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    /** What every one of the three pages reads: the examples (their own addresses are every page's {@code siteLinks}). */
    private static Map<String, Object> common() {
        Map<String, Object> model = new HashMap<>();
        model.put("ex", SearchExamples.BY_NAME);
        return model;
    }
}
