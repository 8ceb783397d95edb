package org.dossier.about;

import static org.dossier.db.Tables.DOCUMENT;
import static org.dossier.db.Tables.DOCUMENT_PERSON;
import static org.dossier.db.Tables.DOCUMENT_PLACE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dossier.testing.CatalogueDatabase;
import org.dossier.testing.Http;
import org.dossier.testing.SameOnEveryDatabase;
import org.dossier.testing.SeededCatalogue;
import org.dossier.testing.TestCatalogue;
import org.dossier.web.PublicUrl;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /about}, {@code /help/search} and {@code /help/citing} over HTTP against a real server with
 * the seeds imported: every link on them answers, every example search finds records, and the
 * counts are the catalogue's own.
 */
class HelpPagesTest {

    @RegisterExtension
    static final SeededCatalogue catalogue = SeededCatalogue.sharedForReading();
    static final CatalogueDatabase database = CatalogueDatabase.forTheClass(catalogue);

    private static final Map<String, String> TITLES = Map.of(
            AboutPages.ABOUT, "About the catalogue · Dossier",
            AboutPages.SEARCH_HELP, "How to search · Dossier",
            AboutPages.CITING_HELP, "Citing, downloads and harvesting · Dossier");

    private static final Http http = new Http(catalogue);

    // Same on every database: the help pages' titles and links are the templates' own.
    @SameOnEveryDatabase
    @Test
    void eachPageAnswersWithItsTitleInEnglishAndLinksTheOtherTwo() {
        for (var page : TITLES.entrySet()) {
            HttpResponse<String> response = http.get(page.getKey());
            assertEquals(200, response.statusCode(), page.getKey());
            Document html = Jsoup.parse(response.body());
            assertEquals(page.getValue(), html.title());
            assertEquals("en", html.selectFirst("html").attr("lang"));
            Element nav = html.selectFirst("main nav.help-nav");
            assertNotNull(nav, page.getKey() + " has no way to the other pages");
            assertEquals(Set.copyOf(TITLES.keySet()), Set.copyOf(nav.select("a").eachAttr("href")));
            assertEquals(page.getKey(), nav.selectFirst("a[aria-current=page]").attr("href"), "the page read is marked");
        }
    }

    // Same on every database: the footer and the search box's label are the templates' own.
    @SameOnEveryDatabase
    @Test
    void everyPagesFooterAndTheSearchBoxLeadToTheHelp() {
        Document listing = http.page("/");
        assertEquals(List.of(AboutPages.ABOUT, AboutPages.SEARCH_HELP, AboutPages.CITING_HELP),
                listing.select("footer .footer-nav a").eachAttr("href"));
        Document search = http.page("/search?q=korea");
        assertEquals(AboutPages.SEARCH_HELP, search.selectFirst(".search-form .search-label a").attr("href"),
                "the search box's label is followed by how to search");
        assertEquals(3, Jsoup.parse(http.get("/no-such-page").body()).select("footer .footer-nav a").size(),
                "an error page has the footer too");
    }

    /** Every link on the three pages, followed through its redirects, answers 2xx; OAI-PMH's without an error. */
    @Test
    void everyLinkOnTheHelpPagesAnswers() {
        Set<String> links = new LinkedHashSet<>();
        for (String page : TITLES.keySet()) {
            links.addAll(http.page(page).select("a[href]").eachAttr("href"));
        }
        assertTrue(links.size() > 60, "the pages link their examples: " + links.size());
        List<String> dead = new ArrayList<>();
        for (String link : links) {
            if (link.startsWith("#")) {
                continue; // the skip link, to the page's own main
            }
            HttpResponse<String> answer = followed(link);
            if (answer.statusCode() / 100 != 2) {
                dead.add(link + " answers " + answer.statusCode());
            } else if (link.contains("/oai?") && answer.body().contains("<error")) {
                dead.add(link + " answers an OAI-PMH error: " + answer.body());
            }
        }
        assertEquals(List.of(), dead);
    }

    /** The path and query on this server of a link written relative or absolute (on the site's address). */
    private static String onThisServer(String link) {
        if (link.startsWith("/")) {
            return link;
        }
        assertTrue(link.startsWith(catalogue.baseUrl() + "/"), "a link off the site: " + link);
        return link.substring(catalogue.baseUrl().length());
    }

    private static HttpResponse<String> followed(String link) {
        String path = onThisServer(link.contains("#") ? link.substring(0, link.indexOf('#')) : link);
        for (int hops = 0; hops < 5; hops++) {
            HttpResponse<String> answer = http.get(path);
            if (answer.statusCode() / 100 != 3) {
                return answer;
            }
            String location = answer.headers().firstValue("Location").orElseThrow();
            path = location.startsWith("http") ? URI.create(location).getRawPath()
                    + (URI.create(location).getRawQuery() == null ? "" : "?" + URI.create(location).getRawQuery()) : location;
        }
        fail(link + " redirects on and on");
        return null;
    }

    /**
     * Every example search on the pages finds records on the seed catalogue (asked as the search's
     * JSON twin), and the misspelling is offered its spelling: a dead example fails here.
     */
    @Test
    void everyExampleSearchFindsRecordsAndTheMisspellingIsRespelt() {
        Set<String> shown = new LinkedHashSet<>();
        for (String page : TITLES.keySet()) {
            for (Element example : http.page(page).select("a.example")) {
                String href = example.attr("href");
                shown.add(href);
                JsonNode json = http.json(href.replaceFirst("^/search", "/search.json"));
                if (example.attr("data-expect").equals(ExampleSearch.Expect.RESPELLING.name())) {
                    assertFalse(json.path("suggestion").isMissingNode() || json.path("suggestion").isNull(),
                            href + " is offered no spelling: " + json);
                } else {
                    assertEquals(ExampleSearch.Expect.RECORDS.name(), example.attr("data-expect"));
                    assertTrue(json.path("total").asLong() > 0, href + " finds nothing");
                }
            }
        }
        Set<String> examples = new LinkedHashSet<>();
        SearchExamples.BY_NAME.values().forEach(e -> examples.add(e.href()));
        assertEquals(examples, shown, "every example is on a page, and every search link on them is an example");
    }

    @Test
    void theCountsOnAboutAreWhatTheCatalogueHolds() {
        DSLContext db = database.dsl();
        var live = DOCUMENT.WITHDRAWN_AT.isNull();
        int records = db.fetchCount(DOCUMENT, live);
        int undated = db.fetchCount(DOCUMENT, live.and(DOCUMENT.DATE_KEY.isNull()));
        int people = db.fetchCount(db.selectDistinct(DOCUMENT_PERSON.PERSON_ID).from(DOCUMENT_PERSON)
                .join(DOCUMENT).on(DOCUMENT.ID.eq(DOCUMENT_PERSON.DOCUMENT_ID)).where(live));
        int places = db.fetchCount(db.selectDistinct(DOCUMENT_PLACE.PLACE_ID).from(DOCUMENT_PLACE)
                .join(DOCUMENT).on(DOCUMENT.ID.eq(DOCUMENT_PLACE.DOCUMENT_ID)).where(live));
        int types = db.fetchCount(db.selectDistinct(DOCUMENT.TYPE_ID).from(DOCUMENT).where(live, DOCUMENT.TYPE_ID.isNotNull()));
        Field<String> earliest = DSL.min(DOCUMENT.DATE_KEY);
        Field<String> latest = DSL.max(DSL.coalesce(DOCUMENT.DATE_END_KEY, DOCUMENT.DATE_KEY));
        String first = db.select(earliest).from(DOCUMENT).where(live).fetchOne(earliest);
        String last = db.select(latest).from(DOCUMENT).where(live).fetchOne(latest);

        Document about = http.page(AboutPages.ABOUT);
        assertEquals(String.valueOf(records), about.selectFirst("#holdings-records").text());
        assertEquals(String.valueOf(people), about.selectFirst("#holdings-people").text());
        assertEquals(String.valueOf(places), about.selectFirst("#holdings-places").text());
        assertEquals(String.valueOf(types), about.selectFirst("#holdings-types").text());
        assertEquals(first.substring(0, 4), about.selectFirst("#holdings-first-year").text());
        assertEquals(last.substring(0, 4), about.selectFirst("#holdings-last-year").text());
        assertEquals(undated == 0 ? "None" : String.valueOf(undated), about.selectFirst("#holdings-undated").text());
        assertTrue(about.selectFirst("#holdings-dated").text().startsWith((records - undated) + ","),
                about.selectFirst("#holdings-dated").text());
        // What the counts link finds is what they say.
        assertEquals(records - undated, http.json(about.selectFirst("#holdings-dated").attr("href")
                .replaceFirst("^/search", "/search.json")).path("total").asLong());
    }

    @Test
    void theDateShapesAreWrittenAsRecordPagesWriteThem() {
        List<String> shown = http.page(AboutPages.ABOUT).select(".date-shapes dt").eachText();
        assertEquals(List.of("May 26, 1949", "February 1942", "1950", "ca. 1962", "1950–1953", "March–May 1951",
                "Undated"), shown);
    }

    /**
     * The citing page says what each shape of date gets, as README's table of the formats has it:
     * a reader of an undated or approximate record learns "n.d." and "ca." there, not from a citation.
     */
    @Test
    void theCitingPageSaysHowADayAnApproximateDateASpanAndAnUndatedRecordAreCited() {
        Element dates = http.page(AboutPages.CITING_HELP).selectFirst("section[aria-labelledby=dates-heading]");
        assertNotNull(dates, "the citing page has a part on dates");
        assertEquals(List.of("A day, a month or a year", "An approximate date", "A span", "An undated record"),
                dates.select("dt").eachText());
        List<String> said = dates.select("dd").eachText();
        assertTrue(said.get(1).contains("\u201cca. 1962\u201d in Chicago"), said.get(1));
        assertTrue(said.get(2).contains("1961/1962"), said.get(2));
        assertTrue(said.get(3).startsWith("\u201cn.d.\u201d in Chicago, \u201c(n.d.)\u201d in APA, and no date at all in MLA"),
                said.get(3));
    }

    /** A reader's page like the listing: a validator, and a 304 for it while nothing changed. */
    @Test
    void thePagesAreValidatedAndAnswered304WhileNothingChanged() {
        for (String page : TITLES.keySet()) {
            HttpResponse<String> first = http.get(page);
            String tag = first.headers().firstValue("ETag").orElseThrow(() -> new AssertionError(page + " has no ETag"));
            assertEquals("public, no-cache", first.headers().firstValue("Cache-Control").orElseThrow());
            assertEquals(304, http.get(page, "If-None-Match", tag).statusCode(), page);
        }
    }

    /** Behind a proxy, every address the citing page names is on the configured public address. */
    // Same on every database: the public address is a setting; the node it starts reads its catalogue as every
    // other node on both does.
    @SameOnEveryDatabase
    @Test
    void theCitingPageNamesTheConfiguredPublicAddress() {
        try (TestCatalogue node = catalogue.anotherNode(PublicUrl.fixed("https://archive.example"))) {
            Document citing = node.http().page(AboutPages.CITING_HELP);
            List<String> absolute = citing.select("main a[href^=http]").eachAttr("href");
            assertTrue(absolute.size() > 10, absolute.toString());
            absolute.forEach(href -> assertTrue(href.startsWith("https://archive.example/"), href));
            assertTrue(citing.select("main code").eachText().contains("https://archive.example/oai"),
                    "the OAI-PMH base URL, as Identify announces it");
            String identify = node.http().get("/oai?verb=Identify").body();
            assertTrue(identify.contains("<baseURL>https://archive.example/oai</baseURL>"), identify);
        }
    }
}
