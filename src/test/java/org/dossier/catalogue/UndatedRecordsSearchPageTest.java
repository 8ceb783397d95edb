package org.dossier.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.dossier.authorities.PersonRole;
import org.dossier.documents.Attribution;
import org.dossier.documents.DocumentDate;
import org.dossier.documents.Languages;
import org.dossier.documents.RecordDraft;
import org.dossier.testing.Axe;
import org.dossier.testing.Browser;
import org.dossier.testing.CatalogueDatabase;
import org.dossier.testing.SameOnEveryDatabase;
import org.dossier.testing.SeededCatalogue;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Undated records (V22) on the search page, its JSON twin and its exports: "Undated (N)" offered in
 * the date facet beside the dated records' years, with what choosing it finds; chosen, the undated
 * records alone, as a chip; with a year or a range too, a 400 that keeps what was typed and says what
 * to change; the export's date cells empty. The catalogue is the seed pages with two undated
 * records written as an editor's save writes them, one naming Stalin.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ResourceLock(Browser.ONE_AT_A_TIME)
class UndatedRecordsSearchPageTest {

    @RegisterExtension
    final SeededCatalogue catalogue = SeededCatalogue.ownedByTheClass();
    private final CatalogueDatabase database = CatalogueDatabase.forTheClass(catalogue);
    private int fromStalin;
    private int memorandum;

    @BeforeAll
    void writeTwoUndatedRecords() {
        int stalin = database.personId("stalin");
        fromStalin = database.write(w -> w.create(new RecordDraft("Undated note from Stalin on the Quillmark cable",
                List.of("Its date is lost."), Optional.empty(), database.typeId("ciphered-telegram"),
                Map.of(stalin, PersonRole.AUTHOR), new TreeSet<>(), Languages.NONE), Attribution.editor("alice", "undated")));
        memorandum = database.write(w -> w.create(new RecordDraft("Undated memorandum on the Quillmark cable",
                List.of("No date on it."), Optional.empty(), null, Map.of(), new TreeSet<>(), Languages.NONE),
                Attribution.editor("alice", "undated")));
    }

    /** Each hit's date as the results show it: a time element, or "Undated". */
    private static List<String> datesShown(Document page) {
        return page.select("ol.results li.result .result-meta").stream().map(meta -> {
            Element time = meta.selectFirst("time");
            return time != null ? time.text() : meta.selectFirst("span:not(.type)").text();
        }).toList();
    }

    /** The date facet's "Undated" choice on a page, or null. */
    private static Element undatedChoice(Document page) {
        return page.selectFirst("section.facet-dates ul.undated li.facet-value");
    }

    @Test
    void theDateFacetOffersUndatedWithWhatChoosingItFinds() {
        Document page = catalogue.http().page("/search?q=stalin");
        Element undated = undatedChoice(page);
        assertNotNull(undated, page.select("section.facet-dates").outerHtml());
        assertEquals(DocumentDate.UNDATED, undated.selectFirst(".facet-label").text());
        assertEquals("1", undated.selectFirst(".facet-count").text());
        String href = undated.selectFirst("a.facet-toggle").attr("href");
        assertEquals("/search?q=stalin&undated=only", href);

        Document chosen = catalogue.http().page(href);
        assertEquals(List.of(DocumentDate.UNDATED), datesShown(chosen), chosen.select("ol.results").outerHtml());
        assertEquals(1, chosen.select("ol.results li.result").size());
        assertEquals("/search?q=stalin", chosen.select(".chips a.chip[data-remove=Date: Undated]").attr("href"),
                chosen.select(".chips").outerHtml());
        Element ticked = undatedChoice(chosen);
        assertTrue(ticked.hasClass("selected"));
        assertEquals("/search?q=stalin", ticked.selectFirst("a.facet-toggle").attr("href"), "ticked, it lets go");
        // A year or a range chosen from there asks for dated records instead.
        assertFalse(chosen.select("form.date-range input[type=hidden]").stream()
                .anyMatch(input -> input.attr("name").equals("undated")), "a range typed lets go of the undated records");
    }

    @Test
    void theUndatedCountIsTakenUnderTheOtherFiltersAndNotUnderTheDates() {
        assertEquals("1", undatedChoice(catalogue.http().page("/search?person=stalin")).selectFirst(".facet-count").text());
        assertEquals("2", undatedChoice(catalogue.http().page("/search?q=quillmark")).selectFirst(".facet-count").text());
        assertEquals("1", undatedChoice(catalogue.http().page("/search?q=quillmark&type=ciphered-telegram"))
                .selectFirst(".facet-count").text());
        // Under a range, it still says what choosing it (instead of the range) finds.
        Document ranged = catalogue.http().page("/search?person=stalin&from=1950&to=1951");
        assertEquals("1", undatedChoice(ranged).selectFirst(".facet-count").text());
        assertEquals("/search?person=stalin&undated=only", undatedChoice(ranged).selectFirst("a.facet-toggle").attr("href"));
        assertFalse(datesShown(ranged).isEmpty());
        assertFalse(datesShown(ranged).contains(DocumentDate.UNDATED), "a range finds no undated record");
        // A search without undated records offers no such choice.
        assertEquals(null, undatedChoice(catalogue.http().page("/search?q=korea")));
    }

    /**
     * Under "Undated" the histogram's bars and the decades count the dated records the other filters
     * find, none of the results: they are kept as what could be chosen instead, and said to be so.
     */
    @Test
    void underUndatedTheYearsAreSaidToBeTheDatedRecordsToChooseInstead() {
        Document undated = catalogue.http().page("/search?person=stalin&undated=only");
        assertEquals(List.of(DocumentDate.UNDATED), datesShown(undated));
        assertEquals("The undated records are chosen: the years and decades below count the dated records you could"
                + " choose instead.", undated.select("section.facet-dates #dates-instead").text());
        Element histogram = undated.selectFirst("section.facet-dates svg.histogram");
        assertNotNull(histogram, undated.select("section.facet-dates").outerHtml());
        assertEquals("Dated records per year, to choose instead of the undated ones; choose a year",
                histogram.attr("aria-label"));
        List<String> bars = histogram.select("a").eachAttr("href");
        assertFalse(bars.isEmpty());
        assertTrue(bars.stream().allMatch(href -> href.startsWith("/search?person=stalin&from=") && !href.contains("undated")),
                "a bar chooses its year instead of the undated records: " + bars);
        assertTrue(histogram.select(".in-range, [aria-current]").isEmpty(), "no bar is among the results");

        Document dated = catalogue.http().page("/search?person=stalin");
        assertTrue(dated.select("#dates-instead").isEmpty(), "with any date the bars count the results");
        assertEquals("Records per year; choose a year", dated.selectFirst("svg.histogram").attr("aria-label"));
    }

    /** The range's hint says a range finds dated records only, and where the undated ones are when there are some. */
    @Test
    void theDateRangesHintSaysItFindsDatedRecordsOnlyAndWhereTheUndatedAre() {
        assertTrue(catalogue.http().page("/search?person=stalin").selectFirst("#dates-hint").text()
                .endsWith("A range finds dated records only; the undated ones are under \u201cUndated\u201d below."));
        assertTrue(catalogue.http().page("/search?q=korea").selectFirst("#dates-hint").text()
                .endsWith("A range finds dated records only."), "a search without undated records has nowhere to send them");
    }

    @Test
    void undatedRecordsWithARangeOrAYearAreA400ThatKeepsWhatWasTyped() {
        for (String dates : List.of("from=1950", "to=June+1950", "year=1950")) {
            var response = catalogue.http().get("/search?q=stalin&" + dates + "&undated=only");
            assertEquals(400, response.statusCode(), dates);
            Document page = org.jsoup.Jsoup.parse(response.body());
            String problem = page.select("#dates-problem").text();
            assertTrue(problem.contains("Undated records have no year or date range") && problem.contains("undated=only")
                    && problem.contains("'year', 'from', 'to'") && problem.contains("not both"), problem);
            if (!dates.startsWith("year")) {
                String typed = page.select("#date-from").attr("value") + page.select("#date-to").attr("value");
                assertTrue(typed.equals("1950") || typed.equals("June 1950"), dates + ": as typed, " + typed);
            }
            assertEquals("stalin", page.select("input[name=q]").first().attr("value"));
            var json = catalogue.http().get("/search.json?q=stalin&" + dates + "&undated=only");
            assertEquals(400, json.statusCode(), json.body());
            assertTrue(json.body().contains("Undated records have no year or date range"), json.body());
        }
        var wrong = catalogue.http().get("/search.json?undated=yes");
        assertEquals(400, wrong.statusCode());
        assertTrue(wrong.body().contains("'undated' has one value, 'only' (undated=only: the records without a date), not 'yes'"),
                wrong.body());
    }

    @Test
    void theJsonTwinCarriesTheChoiceAndItsCount() {
        JsonNode all = catalogue.http().json("/search.json?q=quillmark");
        assertEquals(2, all.get("total").asInt());
        JsonNode undated = all.get("facets").get("undated");
        assertEquals(1, undated.size(), undated.toString());
        assertEquals("only", undated.get(0).get("value").asText());
        assertEquals(DocumentDate.UNDATED, undated.get(0).get("label").asText());
        assertEquals(2, undated.get(0).get("count").asInt());
        JsonNode chosen = catalogue.http().json("/search.json?person=stalin&undated=only");
        assertEquals(1, chosen.get("total").asInt());
        assertEquals(fromStalin, chosen.get("documents").get(0).get("id").asInt());
        assertTrue(chosen.get("documents").get(0).get("date").isNull(), chosen.toString());
        assertEquals(0, catalogue.http().json("/search.json?q=korea").get("facets").get("undated").size());
    }

    @Test
    void theWordsOfNoDateAmongASearchsWordsOfferTheUndatedRecords() {
        // No record's words say "n.d.": searched as words alone, the reader who asked for the
        // undated records was told there are none.
        Document page = catalogue.http().page("/search?q=quillmark+n.d.");
        Element offer = page.selectFirst(".date-offer");
        assertNotNull(offer, page.select("main").outerHtml());
        assertTrue(offer.text().startsWith("Looking for undated records?"), offer.text());
        Element link = offer.selectFirst("a");
        assertEquals("\u201cquillmark\u201d, undated", link.text());
        assertEquals("/search?q=quillmark&undated=only", link.attr("href"));
        assertEquals("2 records", offer.selectFirst(".facet-count").text());
        assertEquals(List.of(DocumentDate.UNDATED, DocumentDate.UNDATED), datesShown(catalogue.http().page(link.attr("href"))));

        JsonNode json = catalogue.http().json("/search.json?q=stalin+undated").get("dateOffer");
        assertNotNull(json);
        assertEquals(DocumentDate.UNDATED, json.get("date").asText());
        assertEquals("stalin", json.get("q").asText());
        assertEquals(1, json.get("total").asInt());
        assertTrue(json.get("url").asText().endsWith("/search.json?q=stalin&undated=only"), json.toString());

        assertEquals(null, catalogue.http().page("/search?q=quillmark+n.d.&undated=only").selectFirst(".date-offer"),
                "chosen already");
        assertEquals(null, catalogue.http().page("/search?q=korea+n.d.").selectFirst(".date-offer"),
                "no undated record names Korea: nothing to offer");
    }

    @Test
    void anExportHoldsTheUndatedRecordsWithEmptyDatesLastByDate() throws IOException {
        var csv = catalogue.http().get("/search.csv?q=cable&sort=date");
        assertEquals(200, csv.statusCode(), csv.body());
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv.body())).getRecords();
        List<Integer> undated = rows.stream().filter(row -> row.get("date").isEmpty())
                .map(row -> Integer.parseInt(row.get("id"))).toList();
        assertEquals(new TreeSet<>(List.of(fromStalin, memorandum)), new TreeSet<>(undated));
        assertEquals(List.of(fromStalin, memorandum).stream().sorted().toList(),
                rows.subList(rows.size() - 2, rows.size()).stream().map(row -> Integer.parseInt(row.get("id"))).toList(),
                "oldest first, the undated last");
        for (CSVRecord row : rows.subList(rows.size() - 2, rows.size())) {
            assertEquals("", row.get("date_precision") + row.get("date_circa") + row.get("date_edtf"), row.toString());
        }
        var newest = catalogue.http().get("/search.csv?q=cable&sort=-date");
        List<CSVRecord> down = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(newest.body())).getRecords();
        assertEquals("", down.get(down.size() - 1).get("date"), "newest first, the undated last too");
        var bib = catalogue.http().get("/search.bib?q=quillmark&undated=only");
        assertEquals(200, bib.statusCode());
        assertEquals("2", bib.headers().firstValue("X-Total-Count").orElse(""));
    }

    // Same on every database: axe reads the page's markup, which the template makes; what the page says of the
    // undated records is asserted on both by the tests above.
    @SameOnEveryDatabase
    @Test
    void aResultsPageWithUndatedRecordsPassesAxe() {
        Browser browser = Browser.start();
        try {
            for (String search : List.of("/search?q=stalin", "/search?q=quillmark&undated=only",
                    "/search?person=stalin&undated=only", "/search?q=quillmark+n.d.")) {
                browser.open(catalogue.baseUrl() + search);
                assertEquals(List.of(), Axe.violations(browser), search);
            }
        } finally {
            browser.close();
        }
    }
}
