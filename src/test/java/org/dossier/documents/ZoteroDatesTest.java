package org.dossier.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.dossier.accounts.Role;
import org.dossier.documents.ZoteroDates.CslDate;
import org.dossier.editing.Editors;
import org.dossier.editing.FormFields;
import org.dossier.testing.Http;
import org.dossier.testing.SeededCatalogue;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a Zotero user gets in the Date field, and what Zotero's citations are given from it, for each
 * shape of a record's date, captured from the record's page (Embedded Metadata, see
 * {@link ZoteroCaptureTest#embeddedMetadata}) and from a search page's COinS: the field keeps the
 * text the page sends, and {@link ZoteroDates} reads it as Zotero's strToDate and itemToCSLJSON do.
 * Each record is given its date by an editor's form, as a date is made.
 */
class ZoteroDatesTest {

    @RegisterExtension
    static final SeededCatalogue catalogue = SeededCatalogue.ownedByTheClass();
    private static final Http alice = Editors.signedIn(catalogue, "alice", Role.EDITOR);

    /** What Zotero makes of one record's date: its Date field from the page and from COinS, and a style's date. */
    private record Captured(String pageDate, CslDate cited, String coinsDate, CslDate coinsCited, String dcDate) {
    }

    private static CslDate parts(Integer... parts) {
        return new CslDate(List.of(parts), null, null);
    }

    private static CslDate parts(String season, Integer... parts) {
        return new CslDate(List.of(parts), season, null);
    }

    /** The record titled so, dated as an editor writes {@code date}, as Zotero captures it. */
    private static Captured datedAndCaptured(String title, String date) {
        int id = catalogue.recordTitled(title);
        FormFields form = FormFields.at(alice, Permalinks.edit(id), "form.record-form")
                .set("date", date).set("note", "Dated " + date);
        HttpResponse<String> saved = alice.post(Permalinks.edit(id), form.entries());
        assertEquals(303, saved.statusCode(), saved.body());
        String location = saved.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> response = catalogue.http().anotherVisitor().get(location);
        assertEquals(200, response.statusCode());
        Document page = Jsoup.parse(response.body(), catalogue.baseUrl() + location);
        String pageDate = ZoteroCaptureTest.embeddedMetadata(page).date();
        String fullTitle = page.selectFirst("meta[name=citation_title]").attr("content");
        Document search = Jsoup.parse(catalogue.http().anotherVisitor()
                .get("/search?q=" + URLEncoder.encode(title, StandardCharsets.UTF_8)).body());
        Map<String, List<String>> coins = null;
        for (Element span : search.select("span.Z3988[title]")) {
            Map<String, List<String>> co = ZoteroCaptureTest.contextObject(span.attr("title"));
            if (co.get("rft.title").get(0).equals(fullTitle)) {
                coins = co;
            }
        }
        if (coins == null) {
            throw new AssertionError("no COinS for " + fullTitle + " on the search page");
        }
        // parseContextObject: item.date = the last rft.date's value as it is.
        List<String> rftDates = coins.getOrDefault("rft.date", List.of());
        String coinsDate = rftDates.isEmpty() ? null : rftDates.get(rftDates.size() - 1);
        Element dcDate = page.selectFirst("meta[name=DC.date]");
        return new Captured(pageDate, pageDate == null ? null : ZoteroDates.toCsl(pageDate), coinsDate,
                coinsDate == null ? null : ZoteroDates.toCsl(coinsDate), dcDate == null ? null : dcDate.attr("content"));
    }

    @Test
    void anExactDayIsTheDayWhereverZoteroReadsIt() {
        Captured c = datedAndCaptured("Cable, Stalin to Mao Zedong", "June 3, 1949");
        assertEquals("1949/06/03", c.pageDate());
        assertEquals(parts(1949, 6, 3), c.cited());
        assertEquals("1949-06-03", c.coinsDate());
        assertEquals(parts(1949, 6, 3), c.coinsCited());
    }

    @Test
    void aMonthIsTheMonthWithNoDay() {
        Captured c = datedAndCaptured("Letter to Stalin from the Commanders", "March 1942");
        assertEquals("1942/03", c.pageDate());
        assertEquals(parts(1942, 3), c.cited());
        assertEquals(parts(1942, 3), c.coinsCited());
    }

    @Test
    void aYearIsTheYear() {
        Captured c = datedAndCaptured("Memorandum of Conversation between Anastas Mikoyan", "1950");
        assertEquals("1950", c.pageDate());
        assertEquals(parts(1950), c.cited());
        assertEquals("1950", c.coinsDate());
    }

    @Test
    void anApproximateYearKeepsItsCircaInTheFieldAndTheCitation() {
        Captured c = datedAndCaptured("Report, Legation of Hungary", "ca. 1962");
        assertEquals("circa 1962", c.pageDate(), "the field says what the record says, not a bare 1962");
        assertEquals(parts("circa", 1962), c.cited(), "cited 'circa 1962': a year's leftover words are its season");
        assertEquals("circa 1962", c.coinsDate());
        assertEquals(parts("circa", 1962), c.coinsCited());
    }

    @Test
    void anApproximateMonthKeepsItsCircaInTheFieldAndItsMonth() {
        Captured c = datedAndCaptured("Ciphered Telegram No. 21646 from Mao Zedong", "circa March 1962");
        assertEquals("circa March 1962", c.pageDate());
        assertEquals(parts(1962, 3), c.cited(), "the month read by its name, not '1962/03' read as a day 3");
        assertEquals(parts(1962, 3), c.coinsCited());
    }

    @Test
    void aSpanOfYearsIsItsStartWhichZoteroCannotMisreadAsAYearAndASeason() {
        Captured c = datedAndCaptured("Information from the Communist Party of the Soviet Union", "1961\u20131962");
        assertEquals("1961/1962", c.dcDate(), "Dublin Core's date is a point or a period: the whole span, as OAI-PMH gives it");
        assertEquals("1961", c.pageDate(), "citation_publication_date, applied over DC.date, is the start");
        assertEquals(parts(1961), c.cited());
        assertEquals("1961", c.coinsDate(), "'1961/1962' would be cited '1962 1961'");
        assertEquals(parts(1961), c.coinsCited());
    }

    @Test
    void aSpanOfMonthsIsItsStartMonth() {
        Captured c = datedAndCaptured("Ciphered Telegram No. 26044, Gromyko to Razuvaev", "March 1962 \u2013 April 1963");
        assertEquals("1962-03/1963-04", c.dcDate());
        assertEquals("1962/03", c.pageDate());
        assertEquals(parts(1962, 3), c.cited());
        assertEquals("1962-03", c.coinsDate(), "'1962-03/1963-04' would be read as a day 3 and cited '1963-04 1962'");
        assertEquals(parts(1962, 3), c.coinsCited());
    }

    @Test
    void anUndatedRecordIsUndatedInZoteroNotNDNorADayTakenFromThePage() {
        String title = "Ciphered Telegram No. 709, Filippov [Stalin] to Krasovsky";
        Captured c = datedAndCaptured(title, "Undated");
        assertNull(c.pageDate(), "no date tag, and no <time datetime> for Embedded Metadata to take the day read from;"
                + " a literal 'n.d.' would be cited in English whatever the style's language");
        assertNull(c.coinsDate(), "COinS.js looks nowhere else for a date");

        // The version's own page, which the cite box points at, is captured the same way.
        Http reader = catalogue.http().anotherVisitor();
        Document record = reader.page(reader.get(Permalinks.permanent(catalogue.recordTitled(title)))
                .headers().firstValue("Location").orElseThrow());
        String versionUrl = record.selectFirst("meta[name=citation_public_url]").attr("content");
        Document version = reader.page(versionUrl.substring(catalogue.baseUrl().length()));
        assertEquals(List.of(), version.select("time[datetime]").eachAttr("datetime"));
        assertNull(ZoteroCaptureTest.embeddedMetadata(version).date());
        assertEquals(List.of(), record.select("time[datetime]").eachAttr("datetime"),
                "the access date in the cite box is text: it was the page's first <time datetime>");
    }

    @Test
    void zoterosDateReaderReadsAnIntervalsEndAsASeasonAndAStrayMonthNumberAsADay() {
        // The readings the page and COinS avoid, pinned so that the model above is seen to misread them.
        assertEquals(parts("1962", 1961), ZoteroDates.toCsl("1961/1962"));
        assertEquals(parts("1963-04", 1962), ZoteroDates.toCsl("1962-03/1963-04"));
        assertEquals(parts("circa", 1962), ZoteroDates.toCsl("circa 1962"));
        assertEquals(parts("ca", 1962), ZoteroDates.toCsl("ca. 1962"), "its full stop dropped");
        assertEquals(new ZoteroDates.Read("1962", null, 3, "circa"), ZoteroDates.strToDate("circa 1962/03"));
        assertEquals(new ZoteroDates.Read("1943", 4, 10, "circa"), ZoteroDates.strToDate("circa May 10, 1943"),
                "an approximate day in words is read whole");
        assertEquals("2026-12-04", ZoteroDates.strToISO("2026-12-04T14:00:00Z"));
    }
}
