package org.dossier.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.dossier.documents.Attribution;
import org.dossier.search.SearchRequest;
import org.dossier.synthetic.Generator;
import org.dossier.testing.CatalogueDatabase;
import org.dossier.testing.Http;
import org.dossier.testing.SeededCatalogue;
import org.dossier.testing.TestCatalogue;
import org.jbibtex.BibTeXDatabase;
import org.jbibtex.BibTeXParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /search.csv}, {@code .ris} and {@code .bib}: the whole result set of a search, as a file. */
class SearchExportTest {

    @RegisterExtension
    static final SeededCatalogue catalogue = SeededCatalogue.ownedByTheClass();

    private static final Http http = new Http(catalogue);

    private static HttpResponse<String> export(String path) {
        HttpResponse<String> response = http.get(path);
        assertEquals(200, response.statusCode(), response.body());
        return response;
    }

    private static List<CSVRecord> csv(String body) throws Exception {
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(body)).getRecords();
    }

    private static int count(String text, String marker) {
        return text.split(java.util.regex.Pattern.quote(marker), -1).length - 1;
    }

    @Test
    void theCsvHoldsEveryHitOfTheSearchInTheSearchsOrder() throws Exception {
        HttpResponse<String> response = export("/search.csv?q=stalin&sort=date");
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        assertEquals("text/csv; charset=utf-8; header=present", response.headers().firstValue("Content-Type").orElse(""),
                "RFC 4180: the first row is the header");
        assertTrue(response.headers().firstValue("Content-Disposition").orElse("").contains("dossier-search.csv"));
        List<CSVRecord> rows = csv(response.body());
        SearchJson json = SearchJson.get(http, "q=stalin&sort=date&pageSize=100");
        assertEquals(json.total(), rows.size());
        assertTrue(rows.size() > 20, "the seeds name Stalin in many records: " + rows.size());
        assertEquals(json.ids(), rows.stream().map(r -> Integer.parseInt(r.get("id"))).toList());
        assertEquals("1942-02", rows.get(0).get("date"));
        assertEquals("month", rows.get(0).get("date_precision"));
    }

    @Test
    void anExportHasEveryHitWhateverPageItsAddressWasCopiedFrom() throws Exception {
        // An export takes no page: one copied from a deep page (page=5000, past what a search pages
        // through) or with a page size a page would refuse was a 400.
        List<CSVRecord> every = csv(export("/search.csv?q=stalin&sort=date").body());
        for (String paging : List.of("page=5000", "page=3&pageSize=5", "pageSize=1000", "page=abc")) {
            HttpResponse<String> response = http.get("/search.csv?q=stalin&sort=date&" + paging);
            assertEquals(200, response.statusCode(), paging);
            assertEquals(every.stream().map(r -> r.get("id")).toList(),
                    csv(response.body()).stream().map(r -> r.get("id")).toList(), paging);
        }
    }

    @Test
    void theRisExportCarriesTheSearchsFilters() {
        String query = "person=stalin&type=ciphered-telegram";
        String ris = export("/search.ris?" + query).body();
        long total = SearchJson.get(http, query).total();
        assertEquals(7, total);
        assertEquals(total, count(ris, "TY  - "));
        assertEquals(total, count(ris, "ER  - "));
    }

    @Test
    void theBibTeXExportReadsBackWithARealParser() throws Exception {
        String bib = export("/search.bib?place=dprk").body();
        BibTeXDatabase entries = new BibTeXParser().parse(new StringReader(bib));
        assertEquals(SearchJson.get(http, "place=dprk").total(), entries.getEntries().size());
    }

    @Test
    void anExportOfNothingIsAnEmptyFileNotAnError() throws Exception {
        assertEquals(0, csv(export("/search.csv?q=nosuchwordanywhere").body()).size());
    }

    /**
     * A program asked for CSV, RIS or BibTeX: the refusal is plain text it can show as it comes, the
     * status and what to change, not the HTML page a reader gets (a page of markup in a log, or saved
     * as the spreadsheet).
     */
    @Test
    void aBadSearchIsRefusedBeforeAnyFileStartsInPlainTextSayingWhatToChange() {
        Map<String, String> refused = Map.of("/search.csv?from=1950-13", "no month 13",
                "/search.ris?person=nobody", "nobody", "/search.bib?sort=up", "'up'",
                "/documents/999999.bib", "There is no document 999999");
        for (Map.Entry<String, String> asked : refused.entrySet()) {
            String path = asked.getKey();
            HttpResponse<String> response = http.get(path);
            assertEquals(path.startsWith("/documents") ? 404 : 400, response.statusCode(), path);
            assertEquals("text/plain;charset=utf-8",
                    response.headers().firstValue("Content-Type").orElse("").replace(" ", ""), path);
            String[] lines = response.body().split("\n");
            assertTrue(lines[0].matches("40[04] .+"), path + ": " + response.body());
            assertTrue(response.body().contains(asked.getValue()), path + ": " + response.body());
            assertFalse(response.body().contains("<"), path + ": no markup: " + response.body());
            assertTrue(response.headers().firstValue("Content-Disposition").isEmpty(), path + ": no file to save");
        }
    }

    @Test
    void aWithdrawnRecordIsNotExported() throws Exception {
        try (CatalogueDatabase db = CatalogueDatabase.of(catalogue)) {
            int id = db.recordTitled("Hand-delivered letter, Filippov (Stalin) to Mao Zedong");
            long before = csv(export("/search.csv?person=mao-zedong").body()).size();
            db.write(w -> w.withdraw(id, 1, "Test withdrawal", Attribution.editor("editor", "withdrawn for a test")));
            List<CSVRecord> after = csv(export("/search.csv?person=mao-zedong").body());
            assertEquals(before - 1, after.size());
            assertTrue(after.stream().noneMatch(r -> r.get("id").equals(String.valueOf(id))));
        }
    }

    @Test
    void anExportGoesPastTheDeepestPageASearchShows() throws Exception {
        try (TestCatalogue big = TestCatalogue.empty(); CatalogueDatabase db = CatalogueDatabase.of(big)) {
            int count = SearchRequest.MAX_WINDOW + 250;
            new Generator(db.dsl(), Clock.systemUTC()).generate(TestCatalogue.SEEDS, count, 11, (done, total) -> { });
            HttpResponse<String> response = big.http().get("/search.csv");
            assertEquals(200, response.statusCode());
            List<CSVRecord> rows = csv(response.body());
            assertEquals(count, rows.size());
            assertEquals(count, rows.stream().map(r -> r.get("id")).distinct().count());

            // The search page itself pages only as deep as a search may go: its pager ends there.
            HttpResponse<String> page = big.http().get("/search");
            assertEquals(200, page.statusCode(), "more hits than a search pages through is still a page");
            org.jsoup.nodes.Document html = org.jsoup.Jsoup.parse(page.body());
            int lastPage = SearchRequest.MAX_WINDOW / SearchRequest.DEFAULT_PAGE_SIZE;
            assertEquals("Page " + lastPage, html.select(".pager ol a").last().attr("aria-label"));
            assertEquals(200, big.http().get("/search?page=" + lastPage).statusCode());
            assertTrue(html.text().contains("of " + org.dossier.web.Pagination.number(count)), "the total is still told");
        }
    }
}
