package org.dossier.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.dossier.testing.Http;
import org.dossier.testing.SeededCatalogue;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Over HTTP: costly queries, "Did you mean", "any of" / "all of" facets and related records. */
class SearchMeaningPageTest {

    @RegisterExtension
    static final SeededCatalogue catalogue = SeededCatalogue.sharedForReading();

    private static final Http http = new Http(catalogue);

    private static String q(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/[ab]*a[ab]{20}/", "/a{100000}/", "((((((((((((((((korea))))))))))))))))", "/(a|aa)*/"})
    void aCostlyQueryIsNeverA5xxOnAnySearchRoute(String text) {
        for (String route : new String[] {"/search", "/search.json", "/search.csv", "/search.ris", "/search.bib"}) {
            HttpResponse<String> response = http.get(route + "?q=" + q(text));
            assertEquals(200, response.statusCode(), route + " " + text + ": " + response.body());
        }
        Document html = http.page("/search?q=" + q(text));
        assertEquals(text, html.select("#search-q").attr("value"));
    }

    @Test
    void aMisspeltNameIsAnsweredWithDidYouMean() throws Exception {
        assertEquals("Stalin", http.json("/search.json?q=Stailn").get("suggestion").asText());
        Element link = http.page("/search?q=Stailn&type=ciphered-telegram").selectFirst(".did-you-mean a");
        assertTrue(link != null, "no did-you-mean link");
        assertEquals("Stalin", link.text());
        Document followed = http.page(link.attr("href"));
        assertEquals("Stalin", followed.select("#search-q").attr("value"));
        assertTrue(followed.select(".result").size() + followed.select("ol li").size() > 0);
        assertFalse(http.json("/search.json?q=Stalin").has("suggestion"));
    }

    @Test
    void twoValuesOfAFacetSayAnyOfAndCanBeRequiredAll() throws Exception {
        String both = "/search?person=stalin&person=mao-zedong";
        Element logic = http.page(both).selectFirst(".facet-logic");
        assertTrue(logic != null);
        assertTrue(logic.text().startsWith("People: any of Joseph Stalin or Mao Zedong"), logic.text());
        String requireAll = logic.selectFirst("a").attr("href");
        assertTrue(requireAll.contains("all=person"), requireAll);
        long any = http.json(both.replace("/search?", "/search.json?")).get("total").asLong();
        JsonNode all = http.json(requireAll.replace("/search?", "/search.json?"));
        assertEquals(6, all.get("total").asLong());
        assertTrue(any > 6);
        Element allOf = http.page(requireAll).selectFirst(".facet-logic");
        assertTrue(allOf.text().startsWith("People: all of Joseph Stalin and Mao Zedong"), allOf.text());
        assertEquals("Any of them is enough", allOf.selectFirst("a").text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"type", "year", "nobody", "PERSON"})
    void allNamesOnlyAFacetWithSeveralValuesPerRecord(String value) {
        HttpResponse<String> response = http.get("/search?person=stalin&all=" + q(value));
        assertEquals(400, response.statusCode());
        // The search page itself, with the message at the filters and the search kept (issue 13's dead ends).
        assertTrue(Jsoup.parse(response.body()).select("#filters-problem").text().contains("'all' names a filter"),
                response.body());
    }

    @Test
    void aRecordPageListsUpToFiveRelatedRecords() {
        int id = catalogue.recordTitled("Ciphered Telegram No. 405976 from Shtykov");
        HttpResponse<String> redirect = http.get("/documents/" + id);
        assertEquals(301, redirect.statusCode());
        Document record = http.page(redirect.headers().firstValue("Location").orElseThrow());
        Elements related = record.select("section.related li a");
        assertEquals(5, related.size(), record.select("section.related").outerHtml());
        for (Element link : related) {
            assertTrue(link.attr("href").startsWith("/documents/"), link.attr("href"));
            assertFalse(link.attr("href").startsWith("/documents/" + id + "/"));
        }
    }
}
