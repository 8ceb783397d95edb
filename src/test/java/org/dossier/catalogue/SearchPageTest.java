package org.dossier.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dossier.testing.Http;
import org.dossier.testing.RefusedAtItsControl;
import org.dossier.testing.SeededCatalogue;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The search page, its JSON twin, its all-values pages and the person and place pages, over HTTP. */
class SearchPageTest {

    @RegisterExtension
    static final SeededCatalogue catalogue = SeededCatalogue.sharedForReading();

    private static final Http http = new Http(catalogue);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "from=1950-13          | 'from' has no month 13",
        "to=19501              | 'to' must be a year (1950), a month (1950-06 or June 1950) or a day (1950-06-25 or June 25, 1950)",
        "to=June+31,+1950      | 'to' must name a real day, not 'June 31, 1950'",
        "from=1950-02-30       | 'from' has no day 30 (February 1950 has 28 days)",
        "from=1953&to=1950     | 'from' (1953) is after 'to' (1950)",
        "sort=foo              | 'sort' must be one of relevance (sort=relevance), newest first (sort=-date), oldest first (sort=date), title A–Z (sort=title), not 'foo'",
        "page=0                | 'page' must be a whole number from 1 to 1000",
        "page=abc              | 'page' must be a whole number",
        "page=1001             | There is no page 1001: a search can be paged through its first 10,000 hits only, which at 10 a page is 1,000 pages",
        "pageSize=101          | 'pageSize' must be a whole number from 1 to 100",
        "person=nobody         | There is no person 'nobody'",
        "language=xx-notreal   | There is no language with the code 'xx-notreal'",
        "language=%3Cscript%3E | 'language' must be a key such as 'ru'",
        "type=Not_A_Key        | 'type' must be a key such as 'ciphered-telegram'",
        "person=Stalin         | 'person' must be a key such as 'stalin' (lower-case letters, digits and hyphens), not 'Stalin'",
        "recipient=Mao+Zedong  | 'recipient' must be a key such as 'stalin'",
        "place=North+Korea     | 'place' must be a key such as 'korea'",
        "year=19x0             | 'year' must be a year of four digits",
        "q=a&q=b               | 'q' may be given only once",
        "from=1950-06&dated=x  | 'dated' must be one of records that may fall in the range (dated=may-fall-in), only records dated wholly within (dated=within), not 'x'",
    })
    void aParameterThatMakesNoSenseIsA400ThatSaysWhy(String query, String reason) {
        HttpResponse<String> html = http.get("/search?" + query);
        assertEquals(400, html.statusCode());
        assertTrue(Jsoup.parse(html.body()).text().contains(reason), html.body());
        HttpResponse<String> json = http.get("/search.json?" + query);
        assertEquals(400, json.statusCode());
        assertTrue(json.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertTrue(json.body().contains(reason), json.body());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "q=stalin&q=korea | stalin korea | 'q' may be given only once: the words are left out of the search.",
        "q=stalin&q=      | stalin       | 'q' may be given only once: the words are left out of the search.",
        "q=LONG           | LONG         | 'q' may be at most 500 characters long, not 600: the words are left out of the search.",
    })
    void wordsGivenTwiceOrTooLongAreLeftOutOfTheSearchAndSaidAtItsBoxWhichKeepsThem(String words, String typed,
                                                                                      String message) {
        String long600 = "korea ".repeat(100);
        HttpResponse<String> response = http.get("/search?type=letter&"
                + words.replace("LONG", URLEncoder.encode(long600, StandardCharsets.UTF_8)));
        assertEquals(400, response.statusCode());
        Document page = Jsoup.parse(response.body());
        assertEquals(message, page.selectFirst("#words-problem").text());
        Element box = page.selectFirst("#search-q");
        assertEquals(typed.replace("LONG", long600), box.attr("value"), "the box keeps what was typed, to be changed");
        assertEquals("true", box.attr("aria-invalid"));
        assertEquals("words-problem search-help", box.attr("aria-describedby"));
        assertTrue(box.hasAttr("autofocus"), "the focus is on the box, without JavaScript too");
        assertEquals("#words-problem", "#" + page.selectFirst(".search-form .search-label").nextElementSibling().id(),
                "said between the box's label and the box");
        assertTrue(page.title().startsWith("Error: Search ("), page.title());
        assertEquals(http.page("/search?type=letter").select(".result h2").eachText(), page.select(".result h2").eachText(),
                "the rest of the search answered, without the words");
        assertTrue(page.select(".search-results a").stream().noneMatch(a -> a.attr("href").contains("q=")),
                "no link carries the words on");
    }

    @Test
    void aReversedDateRangeShowsTheSearchWithTheMessageAtTheDatesAndEverythingElseKept() {
        HttpResponse<String> response = http.get("/search?q=korea&type=telegram&from=1953&to=1950");
        assertEquals(400, response.statusCode());
        Document page = Jsoup.parse(response.body());
        assertEquals("'from' (1953) is after 'to' (1950).", page.selectFirst(".date-range .problem").text());
        assertEquals("1953", page.selectFirst("#date-from").val(), "what the reader typed is kept");
        assertEquals("1950", page.selectFirst("#date-to").val());
        assertEquals("true", page.selectFirst("#date-from").attr("aria-invalid"));
        assertEquals("dates-problem dates-hint", page.selectFirst("#date-from").attr("aria-describedby"));
        assertEquals("korea", page.selectFirst("#search-q").val());
        assertTrue(page.selectFirst("details.filters").hasAttr("open"), "the filters open where the message is");
        assertEquals(List.of("Remove Type: Telegram \u00d7"), page.select(".chips a.chip").eachText());
        assertFalse(page.select("ol.results li").isEmpty(), "the rest of the search is answered");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "sort=bogus    | .sort-problem  | 'sort' must be one of relevance (sort=relevance), newest first (sort=-date), oldest first (sort=date), title A–Z (sort=title), not 'bogus'.",
        "pageSize=500  | .pager-problem | 'pageSize' must be a whole number from 1 to 100, not '500'.",
    })
    void aBadOrderOrPageSizeShowsTheSearchWithTheMessageAtItsControlAndEverythingElseKept(String bad, String at,
                                                                                       String message) {
        HttpResponse<String> response = http.get("/search?q=stalin&type=letter&" + bad);
        assertEquals(400, response.statusCode());
        Document page = Jsoup.parse(response.body());
        assertEquals(message, page.selectFirst(".search-results " + at).text());
        assertEquals("stalin", page.selectFirst("#search-q").val(), "what the reader typed is kept");
        assertEquals(List.of("Remove Type: Letter \u00d7"), page.select(".chips a.chip").eachText());
        assertFalse(page.select("ol.results li").isEmpty(), "the rest of the search is answered");
    }

    /** The listing's order refused in the words of its own links, without relevance, which it does not offer. */
    @Test
    void theListingRefusesAnOrderItDoesNotOfferInTheWordsOfItsOrderLinks() {
        HttpResponse<String> response = http.get("/?sort=sideways");
        assertEquals(400, response.statusCode());
        Document page = Jsoup.parse(response.body());
        assertTrue(page.text().contains("'sort' must be one of newest first (sort=-date), oldest first (sort=date), "
                + "title A\u2013Z (sort=title), not 'sideways'"), response.body());
        assertEquals(List.of("Newest first", "Oldest first", "Title A\u2013Z"),
                Jsoup.parse(http.get("/").body()).select("nav.sort a, nav.sort strong").eachText(), "the words of the links");
    }

    @Test
    void aControlCharacterInTheWordsIsTakenOutAndNeverWrittenIntoThePage() {
        HttpResponse<String> response = http.get("/search?q=stalin%00%07");
        assertEquals(200, response.statusCode());
        assertFalse(response.body().contains("\u0000") || response.body().contains("\u0007"), "no control character on the page");
        Document page = Jsoup.parse(response.body());
        assertEquals("stalin", page.selectFirst("#search-q").val());
        HttpResponse<String> elsewhere = http.get("/documents/99999?q=stalin%00");
        assertEquals(404, elsewhere.statusCode());
        assertEquals("stalin", Jsoup.parse(elsewhere.body()).selectFirst("#site-search-q").val(), "nor on an error page");
        assertEquals(SearchJson.get(http, "q=stalin").ids(), SearchJson.get(http, "q=stalin%00").ids());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-stalin", "NOT stalin", "-stalin -mao"})
    void aSearchOfOnlyExcludedWordsFindsEveryRecordButThoseAndGivesNoSpellingAdvice(String words) {
        String q = "q=" + java.net.URLEncoder.encode(words, java.nio.charset.StandardCharsets.UTF_8);
        java.util.Set<Integer> excluded = new java.util.HashSet<>(SearchJson.get(http, "q=" + words.replaceAll("-|NOT ", "")
                .replace(" ", "+OR+") + "&pageSize=100").ids());
        java.util.Set<Integer> rest = new java.util.HashSet<>(SearchJson.get(http, q + "&pageSize=100").ids());
        java.util.Set<Integer> all = new java.util.HashSet<>(SearchJson.get(http, "pageSize=100").ids());
        assertFalse(excluded.isEmpty());
        all.removeAll(excluded);
        assertEquals(all, rest, words);
        HttpResponse<String> page = http.get("/search?" + q);
        assertEquals(200, page.statusCode());
        assertFalse(page.body().contains("Check the spelling"), page.body());
    }

    @Test
    void aPagePastTheEndSaysWhatIsPagedAndHowManyPagesInGoodEnglish() {
        HttpResponse<String> search = http.get("/search?q=stalin&page=2&pageSize=100");
        assertEquals(404, search.statusCode());
        assertTrue(Jsoup.parse(search.body()).text().contains("There is no page 2: this search has 1 page of 100."),
                search.body());
        HttpResponse<String> person = http.get("/people/stalin?page=9");
        assertEquals(404, person.statusCode());
        assertTrue(Jsoup.parse(person.body()).text().contains("There is no page 9: the records naming Joseph Stalin fill 3 pages of 10."),
                person.body());
    }

    @Test
    void anUnknownFacetKeyIsLeftOutAndSaidAndTheRestOfTheSearchIsAnswered() {
        HttpResponse<String> response = http.get("/search?q=stalin&person=nobody&person=mao-zedong");
        assertEquals(400, response.statusCode());
        Document page = Jsoup.parse(response.body());
        assertTrue(page.selectFirst(".facets .problem").text().contains("There is no person 'nobody'"));
        assertEquals("1 - 6 of 6", page.selectFirst(".count").text(), "Stalin with Mao, as without 'nobody'");
    }

    @Test
    void theSearchPagesHeadingComesBeforeTheFiltersHeadingsAndTheResultsTitles() {
        for (String path : List.of("/search", "/search?q=korea&person=stalin")) {
            Document page = http.page(path);
            List<String> headings = page.select("main h1, main h2, main h3").stream().map(Element::tagName).toList();
            assertEquals("h1", headings.get(0), path + ": " + headings);
            assertEquals(1, headings.stream().filter("h1"::equals).count(), path + ": one h1");
            assertTrue(headings.size() > 3, path + ": the filters' and results' headings follow it: " + headings);
        }
    }

    @Test
    void aPagePastTheEndShowsTheLastPageAndSaysSo() {
        HttpResponse<String> response = http.get("/search?q=korea&page=7");
        assertEquals(404, response.statusCode());
        Document page = Jsoup.parse(response.body());
        assertEquals("There is no page 7: this search has 2 pages of 10. Here is the last, page 2.",
                page.selectFirst(".search-results .problem").text());
        assertEquals("11 - 15 of 15", page.selectFirst(".count").text());
    }

    @Test
    void aHitLinksToItsRecordCarryingTheSearchAndTheRecordLeadsBackAndOn() {
        Document search = http.page("/search?q=korea&sort=date&page=2");
        Element link = search.selectFirst("ol.results li.result .result-title a");
        String href = link.attr("href");
        assertTrue(href.matches("/documents/\\d+/[a-z0-9-]+\\?search=q%3Dkorea%26sort%3Ddate&hit=11&hits=15"), href);
        Document record = http.page(href);
        assertEquals("/search?q=korea&sort=date&page=2", record.selectFirst(".trail-back").attr("href"));
        assertEquals("/search/hit?q=korea&sort=date&hit=10", record.selectFirst(".trail-previous").attr("href"));
        HttpResponse<String> previous = http.get(record.selectFirst(".trail-previous").attr("href"));
        assertEquals(303, previous.statusCode());
        String tenth = http.page("/search?q=korea&sort=date").select("ol.results .result-title a").last().attr("href");
        assertEquals(tenth, previous.headers().firstValue("Location").orElseThrow());
        assertEquals("/search?q=korea", http.get("/search/hit?q=korea&hit=9999").headers().firstValue("Location").orElseThrow(),
                "a hit the search no longer has leads back to the search");
        assertEquals("/search/hit?q=korea&sort=date&hit=12", record.selectFirst(".trail-next").attr("href"));
        String last = search.select("ol.results li.result .result-title a").last().attr("href");
        assertTrue(last.endsWith("hit=15&hits=15"), last);
        assertNull(http.page(last).selectFirst(".trail-next"), "the last hit has no next");
        assertNull(http.page(href.replace("hit=11", "hit=abc")).selectFirst(".trail"),
                "a trail that does not add up is ignored");
    }

    @Test
    void aTrailWhoseSearchHasCharactersNoQueryStringHasAsTheyAreLeadsBackWithThemEscaped() {
        // An address typed or mangled by hand: the search decoded one level too far. The links back
        // wrote a NUL into the page, and a '#' cut the search short as a fragment.
        String href = http.page("/search?q=korea").selectFirst("ol.results .result-title a").attr("href");
        String mangled = href.replace("search=q%3Dkorea", "search=q%3Dkorea%00%23x%20%22%D0%BC");
        HttpResponse<String> response = http.get(mangled);
        assertEquals(200, response.statusCode());
        assertFalse(response.body().contains("\u0000"), "no NUL written into the page");
        Document record = Jsoup.parse(response.body());
        assertEquals("/search?q=korea%00%23x%20%22%D0%BC", record.selectFirst(".trail-back").attr("href"));
        assertEquals("/search/hit?q=korea%00%23x%20%22%D0%BC&hit=2", record.selectFirst(".trail-next").attr("href"));
        assertEquals("korea #x \"\u043C", http.page(record.selectFirst(".trail-back").attr("href"))
                .selectFirst("#search-q").val(), "the search it leads back to is the one the trail carried");
    }

    @Test
    void aControlCharacterInABadParameterIsNeitherQuotedNorKeptRawInTheAnswer() {
        for (String path : List.of("/search?q=korea&from=1950%00&to=1951%E2%80%AE", "/search?sort=%07",
                "/search?person=%00", "/search.csv?from=1950%00", "/search.json?page=1%1B", "/?page=%00")) {
            HttpResponse<String> response = http.get(path);
            assertEquals(400, response.statusCode(), path);
            assertFalse(response.body().chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t'
                    || c == 0x202E), path + " wrote a control character: " + response.body());
        }
        Document page = Jsoup.parse(http.get("/search?q=korea&from=1950%00&to=1951%E2%80%AE").body());
        assertEquals("1950 ", page.selectFirst("#date-from").val(), "what was typed is kept, but for what shows nothing");
        assertTrue(page.selectFirst(".date-range .problem").text().contains("not '1950U+0000'"),
                "the message names what it cannot show: " + page.selectFirst(".date-range .problem").text());
        assertTrue(http.get("/search?person=stalin%00").body().contains("not &#39;stalinU+0000&#39;"),
                "a key followed by a NUL is not quoted as the key");
        assertEquals("1951", page.selectFirst("#date-to").val());
    }

    @Test
    void wordsWrittenRightToLeftAreSetApartInThePagesTitleAndAnOverrideTypedWithThemIsLeftOut() {
        // The title is one line of text, with no element to set the words apart: Hebrew words took the
        // count after them into their own direction ("(26 ןילטס records)"), and an override typed in
        // the box reversed the rest of the title.
        assertEquals("Search: \u2068\u05E1\u05D8\u05DC\u05D9\u05DF\u2069 (no records) \u00B7 Dossier",
                http.page("/search?q=%D7%A1%D7%98%D7%9C%D7%99%D7%9F").title());
        assertTrue(http.page("/search/facets/person?q=%D7%A1%D7%98%D7%9C%D7%99%D7%9F").title()
                .contains("\u201C\u2068\u05E1\u05D8\u05DC\u05D9\u05DF\u2069\u201D"), "and so in a facet's page of the search");
        String overridden = http.page("/search?q=%E2%80%AEkorea").title();
        assertEquals(http.page("/search?q=korea").title(), overridden);
        assertTrue(overridden.startsWith("Search: korea ("), overridden);
    }

    @Test
    void aQueryLongerThanFiveHundredCharactersIsA400() {
        String words = URLEncoder.encode("korea ".repeat(90), StandardCharsets.UTF_8);
        assertEquals(400, http.get("/search?q=" + words).statusCode());
    }

    @Test
    void aPagePastTheLastIsA404() {
        HttpResponse<String> response = http.get("/search?q=korea&page=3");
        assertEquals(404, response.statusCode());
        assertTrue(response.body().contains("There is no page 3: this search has 2 pages of 10."));
    }

    @Test
    void theJsonTwinCarriesTheTotalThePageTheRecordsAndEveryFacet() throws Exception {
        JsonNode body = new ObjectMapper().readTree(http.get("/search.json?q=stalin&person=mao-zedong&pageSize=3").body());
        List<String> keys = new ArrayList<>();
        body.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("total", "page", "pageSize", "sort", "next", "documents", "facets"), keys);
        assertEquals(6, body.get("total").asInt());
        assertEquals(1, body.get("page").asInt());
        assertEquals(3, body.get("pageSize").asInt());
        assertEquals("relevance", body.get("sort").asText());
        assertEquals(3, body.get("documents").size());
        JsonNode first = body.get("documents").get(0);
        for (String key : List.of("id", "title", "date", "datePrecision", "displayDate", "summary", "paragraphs",
                "permalink", "url", "type", "highlight")) {
            assertTrue(first.has(key), key + " in " + first);
        }
        assertTrue(first.get("highlight").get("title").asText().contains("<mark>Stalin</mark>"));
        List<String> facets = new ArrayList<>();
        body.get("facets").fieldNames().forEachRemaining(facets::add);
        assertEquals(List.of("type", "person", "place", "author", "recipient", "language", "year", "undated"), facets);
        for (String facet : facets) {
            for (JsonNode value : body.get("facets").get(facet)) {
                assertEquals(List.of("value", "label", "count"), fieldNames(value));
            }
        }
        JsonNode mao = body.get("facets").get("person").findParents("value").stream()
                .filter(v -> v.get("value").asText().equals("mao-zedong")).findFirst().orElseThrow();
        assertEquals("Mao Zedong", mao.get("label").asText());
    }

    @Test
    void aSearchPageNamesItsJsonTwinForProgramsThatStartFromIt() throws Exception {
        Document search = http.page("/search?q=stalin&person=mao-zedong&pageSize=3&page=2");
        Element twin = search.selectFirst("head link[rel=alternate][type=application/json]");
        assertTrue(twin != null, "a program reading the page finds its JSON as it does a record's");
        assertEquals("/search.json?q=stalin&person=mao-zedong&pageSize=3&page=2", twin.attr("href"));
        JsonNode body = new ObjectMapper().readTree(http.get(twin.attr("href")).body());
        assertEquals(2, body.get("page").asInt());
        assertEquals(3, body.get("pageSize").asInt());
        assertTrue(search.selectFirst(".count, .list-head").text().contains(body.get("total").asText()),
                search.selectFirst(".list-head").text());
    }

    /**
     * A hit in the search's JSON is the record as its own JSON twin gives it, key for key where the
     * two overlap: a program that reads both (a type's key to filter by, a date's precision) never
     * meets one idea in two shapes.
     */
    @Test
    void aHitInTheSearchsJsonHasTheShapeOfTheRecordsOwnJson() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode hits = json.readTree(http.get("/search.json?q=stalin&pageSize=100").body()).get("documents");
        assertTrue(hits.size() > 10);
        for (JsonNode hit : hits) {
            JsonNode record = json.readTree(http.get("/documents/" + hit.get("id").asInt() + ".json").body());
            List<String> shared = fieldNames(hit).stream().filter(record::has).toList();
            assertTrue(shared.containsAll(List.of("id", "title", "date", "datePrecision", "displayDate", "summary",
                    "paragraphs", "permalink", "url", "type")), shared.toString());
            for (String key : shared) {
                assertEquals(record.get(key), hit.get(key), key + " of record " + hit.get("id"));
            }
        }
        JsonNode letter = json.readTree(http.get("/search.json?type=letter&pageSize=1").body()).get("documents").get(0);
        assertEquals("letter", letter.get("type").get("key").asText(), "the key ?type= takes");
        assertEquals("Letter", letter.get("type").get("name").asText());
    }

    /**
     * A program paging through every hit of a search follows {@code next}, in the body or in the
     * {@code Link} header, until there is none: it meets each hit once, in the order of one page
     * holding them all, and the last page says where the first is and has no next.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"q=stalin", "sort=title", "sort=date", "type=ciphered-telegram&sort=-date"})
    void aProgramFollowsNextThroughEveryHitInTheBodyAndTheLinkHeader(String search) throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode whole = json.readTree(http.get("/search.json?" + search + "&pageSize=100").body());
        List<Integer> expected = new ArrayList<>();
        whole.get("documents").forEach(d -> expected.add(d.get("id").asInt()));
        assertTrue(expected.size() > 7, search + " spans several pages of 7");

        List<Integer> byBody = new ArrayList<>();
        List<Integer> byHeader = new ArrayList<>();
        String next = http.url("/search.json?" + search + "&pageSize=7");
        String nextByHeader = next;
        int pages = 0;
        while (next != null) {
            HttpResponse<String> response = http.get(next.substring(http.url("").length()));
            assertEquals(200, response.statusCode(), next);
            JsonNode body = json.readTree(response.body());
            assertEquals(whole.get("total").asLong(), body.get("total").asLong(), next);
            body.get("documents").forEach(d -> byBody.add(d.get("id").asInt()));
            Map<String, String> links = links(response.headers().firstValue("Link").orElseThrow());
            assertEquals(http.url("/search.json?" + search + "&pageSize=7"),
                    links.get("first"), "the first page is the address without a page: " + links);
            assertEquals(body.has("prev") ? body.get("prev").asText() : null, links.get("prev"), next);
            assertEquals(body.has("next") ? body.get("next").asText() : null, links.get("next"), next);
            pages++;
            assertEquals(pages == 1, !body.has("prev"), "only the first page has no previous: " + next);
            HttpResponse<String> sameByHeader = http.get(nextByHeader.substring(http.url("").length()));
            json.readTree(sameByHeader.body()).get("documents").forEach(d -> byHeader.add(d.get("id").asInt()));
            String after = links(sameByHeader.headers().firstValue("Link").orElseThrow()).get("next");
            next = body.has("next") ? body.get("next").asText() : null;
            if (next == null) {
                assertEquals(links.get("last"), http.url("/search.json?" + search + "&pageSize=7&page=" + pages),
                        "the last page is the one without a next");
            }
            nextByHeader = after;
        }
        assertEquals(expected, byBody, search);
        assertEquals(expected, byHeader, search);
        assertEquals((expected.size() + 6) / 7, pages);
    }

    @Test
    void theLastPageASearchMayBePagedToHasNoNext() throws Exception {
        // The last link is the last page answered; the one after it is a 404 in JSON that says how many there are.
        HttpResponse<String> first = http.get("/search.json?pageSize=1");
        JsonNode body = new ObjectMapper().readTree(first.body());
        long total = body.get("total").asLong();
        Map<String, String> links = links(first.headers().firstValue("Link").orElseThrow());
        assertEquals(http.url("/search.json?pageSize=1&page=" + total), links.get("last"));
        HttpResponse<String> last = http.get("/search.json?pageSize=1&page=" + total);
        assertEquals(200, last.statusCode());
        assertFalse(new ObjectMapper().readTree(last.body()).has("next"));
        assertNull(links(last.headers().firstValue("Link").orElseThrow()).get("next"));
        HttpResponse<String> past = http.get("/search.json?pageSize=1&page=" + (total + 1));
        assertEquals(404, past.statusCode());
        assertEquals("application/json;charset=utf-8", past.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(new ObjectMapper().readTree(past.body()).get("message").asText()
                .contains("this search has " + total + " pages of 1"), past.body());
    }

    /** A Link header (RFC 8288) as its relations to their addresses. */
    private static Map<String, String> links(String header) {
        Map<String, String> links = new java.util.LinkedHashMap<>();
        for (String link : header.split(",\\s*")) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("<([^>]*)>; rel=\"([a-z]+)\"").matcher(link);
            assertTrue(m.matches(), link);
            links.put(m.group(2), m.group(1));
        }
        return links;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void activeFiltersAreChipsThatEachRemoveOneAndClearAllKeepsTheWords() {
        Document page = http.page("/search?q=stalin&type=letter&person=mao-zedong&year=1952");
        List<Element> chips = page.select(".chips a.chip");
        assertEquals(List.of("Remove Type: Letter ×", "Remove Person: Mao Zedong ×", "Remove Year: 1952 ×"),
                chips.stream().map(Element::text).toList(), "each chip is named for what it does");
        assertEquals("/search?q=stalin&person=mao-zedong&year=1952", chips.get(0).attr("href"));
        assertEquals("/search?q=stalin&type=letter&year=1952", chips.get(1).attr("href"));
        assertEquals("/search?q=stalin&type=letter&person=mao-zedong", chips.get(2).attr("href"));
        assertEquals("/search?q=stalin", page.selectFirst(".chips a.clear-all").attr("href"));
        assertEquals("1 - 1 of 1", page.selectFirst(".count").text());
    }

    @Test
    void aSearchTickingMoreValuesThanAPageCanCarryKeepsTheFirstFiftyAndSaysSo() {
        // Every chip and facet link carries every other value ticked: 700 years (6 kB of address)
        // made a page of 15 MB that took 25 s to render.
        StringBuilder years = new StringBuilder("q=korea");
        for (int year = 1000; year < 1700; year++) {
            years.append("&year=").append(year);
        }
        HttpResponse<String> html = http.get("/search?" + years);
        assertEquals(400, html.statusCode());
        Document page = Jsoup.parse(html.body());
        assertTrue(page.selectFirst(".facets .problem").text().contains(
                "A search may tick at most 50 values of its filters and years together, not 700: the first 50 are kept"),
                page.selectFirst(".facets .problem").text());
        assertEquals(50, page.select(".chips a.chip").size());
        assertEquals("/search?q=korea&year=1001&year=1002", page.selectFirst(".chips a.chip").attr("href")
                .replaceAll("(&year=1002).*", "$1"), "the first ticked are the ones kept");
        assertTrue(html.body().length() < 500_000, html.body().length() + " characters");
        HttpResponse<String> json = http.get("/search.json?" + years);
        assertEquals(400, json.statusCode());
        assertTrue(json.body().contains("at most 50 values of its filters and years together, not 700\"}"), json.body());
        assertEquals(400, http.get("/search/facets/person?" + years).statusCode());
        assertEquals(200, http.get("/search.json?" + "&type=letter".repeat(600)).statusCode(),
                "a value ticked again is not counted again");
    }

    @Test
    void facetValuesLinkToTheSearchWithTheValueTickedOrUnticked() {
        Document page = http.page("/search?type=letter");
        Element letter = page.selectFirst("a.facet-toggle[data-facet=type][data-value=letter]");
        assertEquals("/search", letter.attr("href"));
        assertTrue(letter.parent().hasClass("selected"));
        Element stalin = page.selectFirst("a.facet-toggle[data-facet=person][data-value=stalin]");
        assertEquals("/search?type=letter&person=stalin", stalin.attr("href"));
        assertEquals("5", stalin.selectFirst(".facet-count").text());
        assertEquals("/people/stalin", stalin.parent().selectFirst("a.facet-about").attr("href"));
    }

    @Test
    void aPageWithNothingFoundSuggestsWhichFilterToRemove() {
        // Lee Chang-chen's one letter is from 1942.
        Document page = http.page("/search?type=letter&person=lee-chang-chen&year=1950");
        assertEquals("No records match", page.selectFirst(".count").text());
        List<String> suggestions = page.select(".suggestions li").eachText();
        assertEquals(List.of("Remove person: Lee Chang-chen 1 record", "Remove year: 1950 1 record"), suggestions);
        assertEquals("/search?type=letter&year=1950", page.selectFirst(".suggestions a").attr("href"));

        // "korea" also finds the records linked to Korea (15, not only the 11 with the word), among
        // them 12, Mao Zedong's 1956 conversation on Korean issues: a type filter away.
        Document words = http.page("/search?q=korea&type=letter&person=mao-zedong&from=1950");
        assertEquals(List.of("Remove type: Letter 1 record", "Keep the words, remove every filter 15 records",
                "Keep the filters, remove the words 2 records"),
                words.select(".suggestions li").eachText());
    }

    @Test
    void whatTheReaderTypedIsEscapedEverywhere() {
        HttpResponse<String> response = http.get("/search?q=" + URLEncoder.encode("<script>alert(1)</script> \"kim",
                StandardCharsets.UTF_8));
        assertEquals(200, response.statusCode());
        assertFalse(response.body().contains("<script>alert(1)"));
        assertEquals("<script>alert(1)</script> \"kim", Jsoup.parse(response.body()).selectFirst("#search-q").val());
    }

    @Test
    void aSearchTheSyntaxCannotReadSaysSoAndShowsThePlainWordsHits() {
        Document page = http.page("/search?q=kim)");
        assertTrue(page.selectFirst(".notice").text().contains("its words were searched for instead"));
        assertEquals("1 - 10 of 13", page.selectFirst(".count").text());
    }

    @Test
    void aRangeOfDaysFindsTheRecordsOfThoseDaysAndSaysSoInDays() {
        Document weeks = http.page("/search?from=1950-06-25&to=1950-07-31");
        assertEquals(List.of("Cable No. 3355", "Ciphered Telegram No. 405976"), weeks.select(".result h2 a").eachText().stream()
                .map(t -> t.replaceAll(",.*| from .*", "")).sorted().toList());
        Document days = http.page("/search?from=1950-07-09&to=1950-07-13");
        assertEquals(1, days.select(".result").size(), days.select(".result").text());
        assertTrue(days.selectFirst(".result").text().contains("Cable No. 3355"));
        assertEquals("1950-07-09", days.selectFirst(".date-range input[name=from]").val());
        assertTrue(days.text().contains("July 9, 1950"), "the range is shown as a record's date is");
    }

    @Test
    void aRangeTypedAsTheArchiveWritesDatesFindsWhatItsIsoFormFindsAndIsWrittenBackAsIso() {
        Document typed = http.page("/search?from=June+25%2C+1950&to=31+July+1950");
        Document iso = http.page("/search?from=1950-06-25&to=1950-07-31");
        assertEquals(iso.select(".result h2 a").eachText(), typed.select(".result h2 a").eachText());
        assertEquals(2, typed.select(".result").size());
        assertEquals("1950-06-25", typed.selectFirst(".date-range input[name=from]").val());
        assertEquals("1950-07-31", typed.selectFirst(".date-range input[name=to]").val());
        // The header's sign-in link returns to the address as it was asked, typed range and all.
        assertEquals(iso.select("a[href]:not(.sign-in)").eachAttr("href"), typed.select("a[href]:not(.sign-in)").eachAttr("href"),
                "every link writes the range as ISO");
    }

    @Test
    void aRangeTakingPartOfAMonthKeepsARecordDatedOnlyToThatMonthUnlessOnlyRecordsDatedWithinAreAsked() throws Exception {
        // The Central Committee's information to the Polish party is dated only September 1966.
        String polish = "Information from the Communist Party of the Soviet Union Central Committee to the Polish";
        Document mayFallIn = http.page("/search?from=1966-09-10&to=1966-12");
        assertEquals("1 - 1 of 1", mayFallIn.selectFirst(".count").text());
        assertTrue(mayFallIn.selectFirst(".result h2").text().startsWith(polish));
        assertEquals("Dates: This record is dated only to a month or a year the range takes in part: it may fall "
                + "outside it.", mayFallIn.selectFirst(".dated-logic").text());
        assertNull(mayFallIn.selectFirst(".dated-logic a"), "no link to a search that finds nothing");
        Element box = mayFallIn.selectFirst(".date-range input[type=checkbox][name=dated][value=within]");
        assertFalse(box.hasAttr("checked"));
        assertEquals("Only records dated wholly within", box.parent().text());

        Document within = http.page("/search?from=1966-09-10&to=1966-12&dated=within");
        assertEquals("No records match", within.selectFirst(".count").text());
        assertTrue(within.selectFirst(".date-range input[name=dated]").hasAttr("checked"));
        assertEquals("Dates: only records dated wholly within the range; 1 more record, dated only to a month or a "
                + "year the range takes in part, may fall in it. Include it", within.selectFirst(".dated-logic").text());
        assertEquals("/search?from=1966-09-10&to=1966-12", within.selectFirst(".dated-logic a").attr("href"));
        Element chip = within.selectFirst(".chips a.chip[data-remove='Dated: wholly within']");
        assertEquals("/search?from=1966-09-10&to=1966-12", chip.attr("href"));
        assertTrue(within.select(".date-range input[type=hidden]").stream().noneMatch(h -> h.attr("name").equals("dated")),
                "the box is the form's one 'dated'");
        JsonNode json = new ObjectMapper().readTree(http.get("/search.json?from=1966-09-10&to=1966-12&dated=within").body());
        assertEquals(0, json.get("total").asInt(), "the JSON twin meets the range the same way");

        // Whole months hold the month, and whole years hold every date within them: the two ways agree.
        Document months = http.page("/search?from=1966-09&to=1966-12&dated=within");
        assertEquals("1 - 1 of 1", months.selectFirst(".count").text());
        assertNull(months.selectFirst(".dated-logic"));
        Document years = http.page("/search?from=1966&to=1966&dated=within");
        assertEquals("1 - 2 of 2", years.selectFirst(".count").text());
        assertNull(years.selectFirst(".dated-logic"));
        assertEquals("/search?from=1960&to=1969", years.select(".decades .decade-all a").stream()
                .map(a -> a.attr("href")).filter(h -> h.contains("1960")).findFirst().orElseThrow(),
                "a decade's link finds what the decade holds, as its number counts it (SpanNumbersTest)");

        // Without a range there is nothing to meet: the parameter is dropped from every link.
        Document noRange = http.page("/search?q=korea&dated=within");
        assertEquals("/search?q=korea&sort=date", noRange.selectFirst("nav.sort a[href$='&sort=date']").attr("href"));
    }

    @Test
    void aDateTypedAmongTheWordsIsOfferedAsARangeWithWhatItFinds() {
        Document page = http.page("/search?q=kim+september+1950");
        Element offer = page.selectFirst(".date-offer");
        Element link = offer.selectFirst("a");
        assertEquals("/search?q=kim&from=1950-09&to=1950-09", link.attr("href"));
        assertEquals("\u201ckim\u201d, dated September 1950", link.text());
        assertTrue(offer.text().startsWith("Looking for records dated September 1950?"), offer.text());
        Document instead = http.page(link.attr("href"));
        String found = instead.selectFirst(".count").text().replaceFirst(".* of ", "");
        assertEquals(found + (found.equals("1") ? " record" : " records"), offer.selectFirst(".facet-count").text(),
                "the offer says how many its link finds");

        Element alone = http.page("/search?q=July+13%2C+1950").selectFirst(".date-offer a");
        assertEquals("/search?from=1950-07-13&to=1950-07-13", alone.attr("href"));
        assertEquals("Every record dated July 13, 1950", alone.text());

        assertNull(http.page("/search?q=kim+june+1950").selectFirst(".date-offer"),
                "nothing is offered that finds nothing");
        assertNull(http.page("/search?q=kim+september+1950&from=1950").selectFirst(".date-offer"),
                "a search with a range already says which dates it wants");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "kim 1950–1951          | 1950–1951          | /search?q=kim&from=1950&to=1951",
        "kim 1950-1951          | 1950–1951          | /search?q=kim&from=1950&to=1951",
        "kim October–November 1950 | October–November 1950 | /search?q=kim&from=1950-10&to=1950-11",
    })
    void aSpanTypedAmongTheWordsIsOfferedAsARangeWithWhatItFinds(String words, String span, String href) {
        Document page = http.page("/search?q=" + URLEncoder.encode(words, StandardCharsets.UTF_8));
        Element offer = page.selectFirst(".date-offer");
        assertTrue(offer != null, "no date offer for " + words);
        assertTrue(offer.text().startsWith("Looking for records dated " + span + "?"), offer.text());
        Element link = offer.selectFirst("a");
        assertEquals(href, link.attr("href"));
        assertEquals("\u201ckim\u201d, dated " + span, link.text());
        String found = http.page(href).selectFirst(".count").text().replaceFirst(".* of ", "");
        assertEquals(found + (found.equals("1") ? " record" : " records"), offer.selectFirst(".facet-count").text());
        assertEquals(span, http.json("/search.json?q=" + URLEncoder.encode(words, StandardCharsets.UTF_8))
                .get("dateOffer").get("date").asText());
    }

    @Test
    void aDateAskedAboutInAQuestionIsOfferedAsARangeOverWhatItAsksAbout() {
        Element every = http.page("/search?q=what+happened+in+September+1950%3F").selectFirst(".date-offer a");
        assertTrue(every != null, "no date offer for a question about September 1950");
        assertEquals("/search?from=1950-09&to=1950-09", every.attr("href"));
        assertEquals("Every record dated September 1950", every.text());
        Element kim = http.page("/search?q=what+did+Kim+say+in+September+1950%3F").selectFirst(".date-offer a");
        assertEquals("/search?q=Kim&from=1950-09&to=1950-09", kim.attr("href"));
        assertEquals("September 1950", http.json("/search.json?q=what+happened+in+September+1950").get("dateOffer")
                .get("date").asText());
    }

    @Test
    void aDateTypedAmongTheWordsIsOfferedInTheJsonToo() {
        JsonNode offer = http.json("/search.json?q=kim+september+1950").get("dateOffer");
        assertTrue(offer != null, "no dateOffer in the JSON");
        assertEquals("September 1950", offer.get("date").asText());
        assertEquals("kim", offer.get("q").asText());
        String url = offer.get("url").asText();
        assertTrue(url.endsWith("/search.json?q=kim&from=1950-09&to=1950-09"), url);
        URI instead = URI.create(url);
        assertEquals(http.json(instead.getRawPath() + "?" + instead.getRawQuery()).get("total").asLong(), offer.get("total").asLong(), "the offer says how many its address finds");
        assertEquals(http.page("/search?q=kim+september+1950").selectFirst(".date-offer .facet-count").text(),
                offer.get("total").asLong() + (offer.get("total").asLong() == 1 ? " record" : " records"));

        assertFalse(http.json("/search.json?q=kim+june+1950").has("dateOffer"), "nothing is offered that finds nothing");
        assertFalse(http.json("/search.json?q=kim+september+1950&from=1950").has("dateOffer"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"from=1950-06&to=1950-12", "q=korea&from=1951", "type=letter"})
    void aDecadesNumberIsWhatItsLinkFindsAndItsYearsAddUpToIt(String search) {
        Document page = http.page("/search?" + search);
        List<Element> decades = page.select("ul.decades > li");
        assertFalse(decades.isEmpty());
        for (Element decade : decades) {
            long count = Long.parseLong(decade.selectFirst("summary .facet-count").text().replace(",", ""));
            String all = decade.selectFirst(".decade-all a").attr("href");
            assertEquals(count, SearchJson.get(http, all.substring(all.indexOf('?') + 1)).total(), all);
            long years = 0;
            for (Element year : decade.select(".years li:not(.decade-all)")) {
                long yearCount = Long.parseLong(year.selectFirst(".facet-count").text().replace(",", ""));
                String href = year.selectFirst("a").attr("href");
                assertEquals(yearCount, SearchJson.get(http, href.substring(href.indexOf('?') + 1)).total(), href);
                years += yearCount;
            }
            assertEquals(count, years, decade.text() + " on ?" + search);
        }
    }

    @Test
    void theDateHistogramHasABarPerYearAndMarksTheRange() {
        Document page = http.page("/search?from=1950&to=1952");
        List<Element> bars = page.select("svg.histogram rect.bar");
        assertEquals(1979 - 1942 + 1, bars.size());
        assertEquals(3, page.select("svg.histogram rect.bar.in-range").size());
        assertEquals("/search?from=1945&to=1945", page.select("svg.histogram a").get(1945 - 1942).attr("href"));
        assertEquals("1950", page.selectFirst(".date-range input[name=from]").val());
        Element fifties = page.select(".decades details").stream()
                .filter(d -> d.selectFirst("summary span").text().equals("1950s")).findFirst().orElseThrow();
        // The whole decade, whatever range is set: what its link (from 1950 to 1959) would show.
        assertEquals("21", fifties.selectFirst("summary .facet-count").text());
        assertEquals("/search?from=1950&to=1959", fifties.selectFirst(".decade-all a").attr("href"));
        // Its years likewise, each a link to that year instead of the range, adding up to the decade.
        assertEquals(List.of("1950 7", "1951 2", "1952 6", "1953 1", "1955 1", "1956 3", "1957 1"),
                fifties.select(".years li:not(.decade-all)").eachText());
        assertEquals("/search?from=1951&to=1951", fifties.select(".years li:not(.decade-all) a").get(1).attr("href"));
    }

    @Test
    void aLongFacetLinksToAllItsValuesByCountOrByName() {
        Document search = http.page("/search");
        Element people = search.selectFirst("section.facet[data-facet=person]");
        assertEquals(SearchView.TOP_VALUES, people.select("li.facet-value").size());
        assertEquals("/search/facets/person", people.selectFirst(".facet-more a").attr("href"));

        Document byCount = http.page("/search/facets/person?type=letter");
        assertEquals(List.of("Joseph Stalin 5", "Kim Il Sung 1", "Lee Chang-chen 1", "Mao Zedong 2", "Terentii Shtykov 1")
                        .stream().sorted().toList(),
                byCount.select(".all-values .facet-toggle").eachText().stream().sorted().toList());
        assertEquals("Joseph Stalin 5", byCount.selectFirst(".all-values .facet-toggle").text());
        assertEquals("/search?type=letter&person=stalin", byCount.selectFirst(".all-values .facet-toggle").attr("href"));

        Document byName = http.page("/search/facets/person?order=name");
        assertEquals(52, byName.select(".all-values li").size());
        assertEquals("Bak Uiwan", byName.selectFirst(".all-values .facet-label").text());
        // An order the page does not offer: the page itself, its values by count, the refusal said at its order's links.
        HttpResponse<String> sideways = http.get("/search/facets/person?order=sideways");
        assertEquals(400, sideways.statusCode());
        Document refused = Jsoup.parse(sideways.body());
        String message = "'order' must be one of most records first (order=count), A\u2013Z (order=name), not 'sideways'.";
        RefusedAtItsControl.assertRefusedAt(refused, "order", message);
        assertEquals("nav", refused.selectFirst("#order-problem").nextElementSibling().tagName());
        assertEquals(http.page("/search/facets/person").select(".all-values li").eachText(),
                refused.select(".all-values li").eachText(), "every value, by count");
        HttpResponse<String> noSuchFacet = http.get("/search/facets/colour");
        assertEquals(404, noSuchFacet.statusCode());
        assertTrue(Jsoup.parse(noSuchFacet.body()).text()
                .contains("There is no facet 'colour'; there are type, person, place, author, recipient, language."),
                "every facet is named, not the first three only");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "year=abc       | 'year' must be a year of four digits, such as 1950, not 'abc'.",
        "undated=maybe  | 'undated' has one value, 'only' (undated=only: the records without a date), not 'maybe'.",
        "person=nobody  | There is no person 'nobody' in the catalogue's authority lists: it is left out of the search.",
        "from=1953&to=1950 | 'from' (1953) is after 'to' (1950).",
        "q=a&q=b        | 'q' may be given only once: the words are left out of the search.",
        "sort=sideways  | 'sort' must be one of relevance (sort=relevance), newest first (sort=-date), oldest first (sort=date), title A–Z (sort=title), not 'sideways'.",
    })
    void aFacetsPageGivenASearchThatMakesNoSenseListsTheValuesWithoutItAndSaysSoAtTheWayBackToTheSearch(String query,
                                                                                                       String message) {
        HttpResponse<String> response = http.get("/search/facets/person?type=letter&" + query + "&order=name");
        assertEquals(400, response.statusCode());
        Document page = Jsoup.parse(response.body());
        RefusedAtItsControl.assertRefusedAt(page, "search", message);
        assertTrue(page.title().startsWith("Error: All people in the filtered records"), page.title());
        assertEquals(http.page("/search/facets/person?type=letter&order=name").select(".all-values li").eachText(),
                page.select(".all-values li").eachText(), "the values of the search without what it could not take, by name");
        Element back = page.selectFirst("#search-problem").nextElementSibling().selectFirst("a");
        assertEquals("\u2190 Back to the search", back.text());
        assertEquals("/search?type=letter&" + query, back.attr("href"),
                "the way back leads to the search as it was asked, where its own controls say what to change and keep it");
        String refused = query.substring(query.lastIndexOf('&') + 1);
        assertTrue(page.select(".all-values a").stream().noneMatch(a -> a.attr("href").contains(refused)),
                "no value's link carries " + refused + " on");
    }

    @Test
    void theFacetValuesPageListsEveryValueOnOnePageSoASearchPageNumberIsIgnoredAndNeverInItsCanonicalLink() {
        List<String> every = http.page("/search/facets/person").select(".all-values li").eachText();
        assertEquals(52, every.size());
        for (String page : new String[] {"2", "6", "40"}) {
            Document asked = http.page("/search/facets/person?page=" + page);
            assertEquals(every, asked.select(".all-values li").eachText(), "page=" + page);
            assertTrue(asked.selectFirst("link[rel=canonical]").attr("href").endsWith("/search/facets/person"),
                    asked.selectFirst("link[rel=canonical]").attr("href"));
        }
        Document stalin = http.page("/search/facets/person?q=stalin&order=name&page=4&pageSize=20");
        assertTrue(stalin.selectFirst("link[rel=canonical]").attr("href").endsWith("/search/facets/person?q=stalin&order=name"),
                stalin.selectFirst("link[rel=canonical]").attr("href"));
        assertEquals("/search?q=stalin&pageSize=20", stalin.selectFirst(".facet-values-page p a").attr("href"),
                "back to the search as it was read, from its first page");
    }

    @Test
    void theFacetValuesPageNamesTheSearchItCounts() {
        Document typed = http.page("/search/facets/person?q=%3Cb%3Estalin%3C%2Fb%3E&type=letter");
        assertEquals("All people in the search \u201c<b>stalin</b>\u201d, filtered · Dossier", typed.title());
        assertEquals("Every person in the search \u201c<b>stalin</b>\u201d, filtered", typed.selectFirst("h1").text());
        assertTrue(typed.select("h1 b").isEmpty(), "what was typed is text, not markup");
        assertEquals("Every place in the filtered records", http.page("/search/facets/place?type=letter").selectFirst("h1").text());
        Document everyone = http.page("/search/facets/person?order=name");
        assertEquals("All people in the catalogue · Dossier", everyone.title());
        assertEquals("Every person in the catalogue", everyone.selectFirst("h1").text());
        assertEquals("Every author in the catalogue", http.page("/search/facets/author").selectFirst("h1").text(),
                "not 'every written by', the facet's heading");
        assertEquals("All authors in the catalogue · Dossier", http.page("/search/facets/author").title());
    }

    @Test
    void theFacetValuesPageCountsInWordsAPersonWouldUse() {
        assertEquals("No records match, so there are no people to list.",
                http.page("/search/facets/person?q=zzqxnothing").selectFirst(".count").text());
        assertEquals("No records match, so there are no types to list.",
                http.page("/search/facets/type?q=stalin&year=1901").selectFirst(".count").text());
        assertEquals("4 places in 1 record", http.page("/search/facets/place?q=stalin&type=letter&person=mao-zedong&year=1952")
                .selectFirst(".count").text());
        assertEquals("1 author in 1 record", http.page("/search/facets/author?q=stalin&type=letter&person=mao-zedong&year=1952")
                .selectFirst(".count").text());
        assertEquals("5 people in 5 records", http.page("/search/facets/person?type=letter").selectFirst(".count").text());
        assertEquals("No languages in 5 records.", http.page("/search/facets/language?type=letter").selectFirst(".count").text());
    }

    /**
     * A facet whose own values are ticked is counted on its values page as the search page's facet
     * counts it: given every other filter, not its own (drill sideways), and the heading says the
     * records those counts are in. It said "10 types in 5 records", the letters among Stalin's
     * records, above counts that add up to his 26; and "in the filtered records" of counts that
     * were the whole catalogue's.
     */
    @Test
    void aFilteredFacetsValuesPageCountsAsTheSearchPageAndItsHeadingSaysTheRecordsCounted() {
        Document page = http.page("/search/facets/type?type=letter&person=stalin");
        assertEquals("1 - 10 of 26", http.page("/search?person=stalin").selectFirst(".count").text());
        assertEquals("10 types in 26 records", page.selectFirst(".count").text(),
                "Stalin's records, which the types are counted in, not the 5 letters among them");
        assertEquals("Every type in the filtered records", page.selectFirst("h1").text());
        Map<String, Long> listed = facetCounts(page.select(".all-values a.facet-toggle"));
        assertEquals(26, listed.values().stream().mapToLong(Long::longValue).sum(), "a record has one type: " + listed);
        Map<String, Long> shown = facetCounts(http.page("/search?type=letter&person=stalin")
                .select("a.facet-toggle[data-facet=type]"));
        assertTrue(shown.containsKey("letter") && shown.size() > 1, shown.toString());
        shown.forEach((key, count) -> assertEquals(count, listed.get(key), "the search page's count of " + key));

        Document lettersAlone = http.page("/search/facets/type?type=letter");
        assertEquals("Every type in the catalogue", lettersAlone.selectFirst("h1").text());
        assertEquals("All types in the catalogue \u00b7 Dossier", lettersAlone.title());
        String catalogue = http.page("/search").selectFirst(".count").text().replaceFirst(".* of ", "");
        assertTrue(lettersAlone.selectFirst(".count").text().endsWith(" types in " + catalogue + " records"),
                lettersAlone.selectFirst(".count").text());

        // Every person ticked required: counted under that filter, as the search page counts them.
        Document both = http.page("/search/facets/person?person=stalin&person=mao-zedong&all=person");
        assertTrue(both.selectFirst(".count").text().endsWith(" people in 6 records"), both.selectFirst(".count").text());
        assertEquals("Every person in the filtered records", both.selectFirst("h1").text());
    }

    @Test
    void withEveryPersonRequiredAndOneTickedEachOtherPersonsNumberIsWhatTheirLinkFinds() {
        // 'all=person' with one person ticked: the hits are that person's, and another person's link
        // asks for records with both; so each number counts those, on the search page and on the
        // people's page alike (they were counted with Stalin lifted: Kim Il Sung 13, his link 8).
        for (String page : List.of("/search?person=stalin&all=person", "/search/facets/person?person=stalin&all=person")) {
            org.jsoup.select.Elements others = http.page(page).select("li.facet-value:not(.selected) a.facet-toggle[data-facet=person]");
            assertTrue(others.size() > 2, page + ": " + others.size() + " other people");
            for (Element other : others) {
                String href = other.attr("href");
                assertTrue(href.contains("all=person") && href.contains("person=stalin"), href);
                long count = Long.parseLong(other.selectFirst(".facet-count").text().replace(",", ""));
                String found = http.page(href).selectFirst(".count").text();
                assertEquals(count, Long.parseLong(found.replaceFirst(".* of ", "").replace(",", "")),
                        page + ": " + other.attr("data-value") + "'s number, against " + href + " (" + found + ")");
            }
        }
    }

    /** The count of each value a facet's links tick, by its key. */
    private static Map<String, Long> facetCounts(org.jsoup.select.Elements toggles) {
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        for (Element toggle : toggles) {
            counts.put(toggle.attr("data-value"), Long.parseLong(toggle.selectFirst(".facet-count").text().replace(",", "")));
        }
        return counts;
    }

    @Test
    void aPersonPageShowsEveryNameAndTheirRecords() {
        Document stalin = http.page("/people/stalin");
        assertEquals("Joseph Stalin", stalin.selectFirst("h1").text());
        assertEquals("Person", stalin.selectFirst(".record-kicker").text());
        assertEquals("/people/stalin/history", stalin.selectFirst(".authority-actions a").attr("href"));
        List<String> aliases = stalin.select(".aliases li").eachText();
        assertTrue(aliases.contains("Filippov (pseudonym)"), aliases.toString());
        assertTrue(aliases.contains("I.V. Stalin"), aliases.toString());
        assertEquals(List.of("I. V. Stalin", "I.V. Stalin", "Iosif Stalin", "J. V. Stalin", "Joseph V. Stalin", "Stalin",
                "Feng Xi (pseudonym)", "Filippov (pseudonym)", "Fyn Si (pseudonym)", "Instantsia (pseudonym)"), aliases,
                "variants first, then each other kind, each by name");
        assertEquals("1 - 10 of 26", stalin.selectFirst(".count").text());
        assertEquals("/search?person=stalin", stalin.selectFirst("a.narrow").attr("href"));
        assertEquals("/people/stalin?page=2", stalin.selectFirst(".pager a[rel=next]").attr("href"));
    }

    /** A person's page asked for a page number that makes no sense: the page itself, its first records, the refusal at the pager. */
    @Test
    void aPersonsPageRefusesAPageNumberAtItsPagerAboveItsFirstRecords() {
        HttpResponse<String> response = http.get("/people/stalin?page=abc");
        assertEquals(400, response.statusCode());
        Document page = Jsoup.parse(response.body());
        String message = "'page' must be a whole number from 1 to 1000, not 'abc'.";
        RefusedAtItsControl.assertRefusedAt(page, "page", message);
        assertEquals("1 - 10 of 26", page.selectFirst(".count").text());
        assertEquals("/people/stalin?page=2", page.selectFirst(".pager a[rel=next]").attr("href"), "the pager leaves 'abc' out");
        assertTrue(page.title().startsWith("Error: Joseph Stalin"), page.title());
    }

    @Test
    void aPlaceIsFoundByKeyAndItsNumberRedirectsThere() {
        Document dprk = http.page("/places/dprk");
        assertEquals("North Korea (DPRK)", dprk.selectFirst("h1").text());
        assertEquals("Place", dprk.selectFirst(".record-kicker").text());
        assertEquals("/places/dprk/history", dprk.selectFirst(".authority-actions a").attr("href"));
        assertTrue(dprk.select(".aliases li").eachText().contains("Pyongyang"));
        assertEquals("1 - 10 of 10", dprk.selectFirst(".count").text());

        String id = numberOf("/places/", "dprk");
        HttpResponse<String> byNumber = http.get("/places/" + id + "?page=1");
        assertEquals(301, byNumber.statusCode());
        assertEquals("/places/dprk?page=1", byNumber.headers().firstValue("Location").orElseThrow());
        assertEquals(404, http.get("/places/atlantis").statusCode());
        assertEquals(404, http.get("/people/999999").statusCode());
    }

    /** The id of an authority, found the way a reader would: through the record JSON that links it. */
    private static String numberOf(String kind, String key) {
        try {
            int id = catalogue.recordTitled("From the Journal of N. Ye. Torbenkov");
            JsonNode record = new ObjectMapper().readTree(http.get("/documents/" + id + ".json").body());
            for (JsonNode place : record.get(kind.equals("/places/") ? "places" : "people")) {
                if (place.get("key").asText().equals(key)) {
                    return place.get("id").asText();
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        throw new AssertionError("Torbenkov's journal does not link " + key);
    }

    @Test
    void theRecordPageLinksToPersonAndPlacePagesThatExist() {
        int id = catalogue.recordTitled("Ciphered Telegram No. 405976 from Shtykov");
        String path = http.get("/documents/" + id).headers().firstValue("Location").orElseThrow();
        Document record = http.page(path);
        List<String> links = record.select(".record-facts a[href^=/people/], .record-facts a[href^=/places/]")
                .eachAttr("href");
        assertTrue(links.contains("/people/stalin"), links.toString());
        for (String link : links) {
            assertEquals(200, http.get(link).statusCode(), link);
        }
    }

    @Test
    void everyPageHasASearchBoxThatWorksWithoutScript() {
        Document home = http.page("/");
        Element form = home.selectFirst("header form.site-search");
        assertEquals("/search", form.attr("action"));
        assertEquals("get", form.attr("method"));
        assertEquals("q", form.selectFirst("input[type=search]").attr("name"));
        assertEquals("1 - 10 of 49", home.selectFirst(".count").text());
        Document search = http.page("/search?q=stalin");
        assertEquals("stalin", search.selectFirst("#search-q").val());
        assertNull(search.selectFirst("header form.site-search"), "the search page has one search box, its own");
    }
}
