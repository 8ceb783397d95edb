package org.dossier.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.dossier.testing.Http;
import org.dossier.testing.RefusedAtItsControl;
import org.dossier.testing.SeededCatalogue;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The catalogue listing and its JSON twin, over HTTP against a real server with the seeds imported. */
class CataloguePagesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final SeededCatalogue catalogue = SeededCatalogue.sharedForReading();

    private static final Http http = new Http(catalogue);

    private static List<String> dates(Document page) {
        return page.select(".result time").eachAttr("datetime");
    }

    @Test
    void theCatalogueListsTheNewestDocumentsFirstTenAtATime() {
        Document first = http.page("/");
        assertEquals("1 - 10 of 49", first.selectFirst(".count").text());
        List<String> dates = dates(first);
        assertEquals(10, dates.size());
        assertEquals("1979-02-09", dates.get(0));
        List<String> sorted = new ArrayList<>(dates);
        sorted.sort(java.util.Comparator.reverseOrder());
        assertEquals(sorted, dates);
    }

    @Test
    void pagesAreRealLinksAndTheLastPageHoldsTheRest() {
        Document first = http.page("/");
        assertEquals("/?page=2", first.selectFirst("a[rel=next]").attr("href"));
        assertEquals("/?page=5", first.selectFirst(".pager a[aria-label='Page 5']").attr("href"));
        Document last = http.page("/?page=5");
        assertEquals("41 - 49 of 49", last.selectFirst(".count").text());
        assertEquals(9, last.select(".result").size());
        assertTrue(last.select("a[rel=next]").isEmpty());
        assertEquals("/?page=4", last.selectFirst("a[rel=prev]").attr("href"));
        assertEquals("May 10, 1943", last.select(".result time").get(6).text());
        assertEquals("February 1942", last.select(".result time").get(8).text());
    }

    @Test
    void theCatalogueSortsByDateEitherWayAndByTitle() {
        Document oldest = http.page("/?sort=date");
        assertEquals("February 1942", oldest.selectFirst(".result time").text());
        assertEquals("/?sort=date&page=2", oldest.selectFirst("a[rel=next]").attr("href"));
        Document byTitle = http.page("/?sort=title");
        List<String> titles = byTitle.select(".result-title").eachText();
        assertEquals("Cable No. 3355, Filippov [Stalin] to the Soviet Ambassador, Peking", titles.get(0));
        assertTrue(titles.get(1).startsWith("Cable, Stalin to Mao Zedong"), titles.get(1));
    }

    @Test
    void aMonthOnlyDateIsShownAsAMonth() {
        Document last = http.page("/?sort=date");
        assertEquals("1942-02", last.selectFirst(".result time").attr("datetime"));
    }

    /**
     * An order the listing does not offer: the listing itself answers (400, "Error: " in its title),
     * with its records in its usual order, the refusal in a summary at the top that leads to the
     * order's links, and said again just before them, in the words of those links. No link on the
     * page carries the refused order on.
     */
    @Test
    void anOrderTheListingDoesNotOfferIsSaidAtItsOrderLinksAboveItsRecordsInTheUsualOrder() {
        HttpResponse<String> response = http.get("/?sort=sideways");
        assertEquals(400, response.statusCode());
        Document page = Jsoup.parse(response.body());
        String message = "'sort' must be one of newest first (sort=-date), oldest first (sort=date), "
                + "title A\u2013Z (sort=title), not 'sideways'.";
        RefusedAtItsControl.assertRefusedAt(page, "order", message);
        assertEquals("nav", page.selectFirst("#order-problem").nextElementSibling().tagName(), "said just before the order's links");
        assertEquals(List.of("Newest first", "Oldest first", "Title A\u2013Z"), page.select("nav.sort a, nav.sort strong").eachText());
        assertEquals("Newest first", page.selectFirst("nav.sort strong").text());
        assertEquals(dates(http.page("/")), dates(page), "the records, in the usual order");
        assertTrue(page.select("main a[href*=sideways]").isEmpty(), "no link of the listing carries the refused order on");
        assertTrue(page.title().startsWith("Error: "), page.title());
    }

    /** A page number or page size that makes no sense is said at the pager, above the first page, other choices kept. */
    @Test
    void badPageParametersAreSaidAtThePagerAboveTheFirstPageWithoutAStackTrace() {
        for (String path : List.of("/?page=abc", "/?page=0", "/?page=1&page=2", "/?pageSize=1000", "/?sort=title&page=abc")) {
            HttpResponse<String> response = http.get(path);
            assertEquals(400, response.statusCode(), path);
            Document page = Jsoup.parse(response.body());
            assertEquals("#page-problem", page.selectFirst(".error-summary li a").attr("href"), path);
            assertFalse(page.selectFirst("#page-problem").text().isBlank(), path);
            assertEquals(10, page.select(".result").size(), path);
            assertFalse(response.body().contains("Exception"), path);
            assertFalse(response.body().contains("at org."), path);
        }
        // Not "from 1 to 2147483647": the listing has no last page to name before it is counted.
        assertEquals("'page' must be a whole number of 1 or more, not 'abc'.",
                Jsoup.parse(http.get("/?page=abc").body()).selectFirst("#page-problem").text());
        Document byTitle = Jsoup.parse(http.get("/?sort=title&page=abc").body());
        assertEquals("Title A\u2013Z", byTitle.selectFirst("nav.sort strong").text(), "the order asked for is kept");
        assertEquals("/?sort=title&page=2", byTitle.selectFirst("a[rel=next]").attr("href"), "the pager leaves the refused page out");
    }

    @Test
    void aPageBeyondTheLastIsNotFoundAndLeadsToTheLastPageInTheSameOrder() {
        HttpResponse<String> response = http.get("/?sort=title&page=6");
        assertEquals(404, response.statusCode());
        Document page = Jsoup.parse(response.body());
        assertEquals("There is no page 6: the catalogue has 5 pages of 10.", page.selectFirst(".lead").text());
        String last = page.selectFirst(".instead a").attr("href");
        assertEquals(catalogue.baseUrl() + "/?sort=title&page=5", last);
        assertEquals(200, http.get(last.substring(catalogue.baseUrl().length())).statusCode());
    }

    @Test
    void searchJsonListsTheSameDocumentsAsTheCatalogue() throws Exception {
        JsonNode body = http.json("/search.json");
        assertEquals(49, body.get("total").asInt());
        assertEquals(1, body.get("page").asInt());
        assertEquals(10, body.get("pageSize").asInt());
        assertEquals(10, body.get("documents").size());
        List<String> htmlTitles = http.page("/").select(".result-title").eachText();
        List<String> jsonTitles = new ArrayList<>();
        body.get("documents").forEach(d -> jsonTitles.add(d.get("title").asText()));
        assertEquals(htmlTitles, jsonTitles);
        JsonNode first = body.get("documents").get(0);
        for (String key : List.of("id", "title", "date", "datePrecision", "displayDate", "summary", "permalink")) {
            assertTrue(first.has(key), key);
        }
        assertEquals(http.url("/documents/" + first.get("id").asInt()), first.get("permalink").asText());
    }

    @Test
    void searchJsonPagesAndKeepsPartialDatesPartial() throws Exception {
        JsonNode last = http.json("/search.json?page=5");
        assertEquals(9, last.get("documents").size());
        JsonNode oldest = last.get("documents").get(8);
        assertEquals("1942-02", oldest.get("date").asText());
        assertEquals("month", oldest.get("datePrecision").asText());
        assertEquals("February 1942", oldest.get("displayDate").asText());
    }

    @Test
    void searchJsonErrorsAreJson() throws Exception {
        HttpResponse<String> response = http.get("/search.json?page=x");
        assertEquals(400, response.statusCode());
        assertTrue(JSON.readTree(response.body()).get("message").asText().contains("'page'"));
    }

    @Test
    void anUnknownAddressIsARealNotFoundPage() {
        HttpResponse<String> response = http.get("/no/such/page");
        assertEquals(404, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertEquals("Not found", Jsoup.parse(response.body()).selectFirst("h1").text());
        assertEquals("There is no page at /no/such/page.", Jsoup.parse(response.body()).selectFirst(".lead").text());
    }

    @Test
    void everyPageCarriesSecurityHeaders() {
        HttpResponse<String> response = http.get("/");
        assertTrue(response.headers().firstValue("Content-Security-Policy").orElse("").contains("script-src 'self'"));
        assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(""));
    }
}
