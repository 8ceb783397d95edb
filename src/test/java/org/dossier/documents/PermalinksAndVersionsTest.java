package org.dossier.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.dossier.authorities.PersonRole;
import org.dossier.testing.CatalogueDatabase;
import org.dossier.testing.SeededCatalogue;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestInstance;

/**
 * The permanent address, versioned addresses, the "Cite this" box, the downloads and the metadata
 * reference managers read, through a real server. The letter from the commanders ("February 1942")
 * is corrected once (version 2: a new title, date and people); Torbenkov's journal is withdrawn
 * after a correction; one record
 * is added whose title tries to break out of the JSON-LD script element.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PermalinksAndVersionsTest {

    private static final String OLD_TITLE = "Letter to Stalin from the Commanders and Soldiers of the Korean Army in China";
    private static final String NEW_TITLE = "Letter from Korean Commanders to Stalin";
    private static final String HOSTILE_TITLE = "A </script><script>alert('x')</script> & <b>title</b>";
    /** An id no record has. */
    private static final int NO_SUCH_RECORD = 99999;

    @RegisterExtension
    final SeededCatalogue catalogue = SeededCatalogue.ownedByTheClass();
    private final CatalogueDatabase database = CatalogueDatabase.forTheClass(catalogue);
    /** The record corrected once: {@link #OLD_TITLE}, then {@link #NEW_TITLE}. */
    private int letter;
    /** The record corrected, then withdrawn. */
    private int journal;
    private int hostile;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    void start() {
        letter = database.recordTitled(OLD_TITLE);
        journal = database.recordTitled("From the Journal of N. Ye. Torbenkov");
        int kim = database.personId("kim-il-sung");
        database.at("2030-01-01T00:00:00Z").write(w -> w.update(letter, 1, new RecordDraft(NEW_TITLE,
                        List.of("Corrected summary."), DocumentDate.ofDay(1942, 2, 16), database.typeId("letter"),
                        RecordDraft.inRole(List.of(kim), PersonRole.AUTHOR), new TreeSet<>(), Languages.NONE),
                Attribution.editor("tester", "Dated to the day from the original")));
        database.at("2030-02-01T00:00:00Z").write(w -> w.update(journal, 1,
                        new RecordDraft("From the Journal of Torbenkov", List.of(), DocumentDate.ofDay(1960, 6, 1)),
                Attribution.editor("tester", "Shorter title")));
        database.at("2030-03-01T00:00:00Z").write(w -> w.withdraw(journal, 2, "Duplicate of another record.",
                Attribution.editor("tester", "Withdrawn as a duplicate")));
        hostile = database.write(w -> w.create(new RecordDraft(HOSTILE_TITLE, List.of("</script> in a summary"),
                DocumentDate.ofYear(1950)), Attribution.editor("tester", "A hostile title")));
    }

    private HttpResponse<String> get(String path) {
        return catalogue.http().get(path);
    }

    private Document page(String path, int status) {
        HttpResponse<String> response = get(path);
        assertEquals(status, response.statusCode(), path);
        return Jsoup.parse(response.body(), catalogue.baseUrl() + path);
    }

    private String currentPath() {
        return "/documents/" + letter + "/" + Slugs.slugify(NEW_TITLE);
    }

    @Test
    void thePermanentAddressRedirectsToTheCanonicalOneOrShowsATombstoneAndNeverForgetsAnId() {
        HttpResponse<String> current = get("/documents/" + letter);
        assertEquals(301, current.statusCode());
        assertEquals(currentPath(), current.headers().firstValue("Location").orElseThrow());
        assertEquals(301, get("/documents/" + letter + "/" + Slugs.slugify(OLD_TITLE)).statusCode(),
                "an old slug still leads there");
        Document tombstone = page("/documents/" + journal, 410);
        assertTrue(tombstone.text().contains("Duplicate of another record."));
        assertEquals("/documents/" + journal + "/history", tombstone.selectFirst("a.history-link").attr("href"),
                "a reader who followed a citation's permanent link can still check the versions it may have cited");
        Document history = page("/documents/" + journal + "/history", 410);
        assertEquals(3, history.select(".revision").size(), "the correction, the withdrawal and the first version");
        assertEquals(List.of("/documents/" + journal + "/v/3", "/documents/" + journal + "/v/2", "/documents/" + journal + "/v/1"),
                history.select(".revision a.version-link").eachAttr("href"), "each version whole, as it was cited");
        assertEquals("/documents/" + journal + "/v/1", page("/documents/" + journal + "/history/1", 410)
                .selectFirst(".version-link a").attr("href"));
        assertEquals(404, get("/documents/" + NO_SUCH_RECORD).statusCode());
        assertEquals(404, get("/documents/" + NO_SUCH_RECORD + "/v/1").statusCode());
    }

    /**
     * A citation ends its sentence right after the address, and older styles wrap it in angle
     * brackets: a viewer that takes that punctuation into the link still leads to the record, as
     * does an address copied from over two lines or with a typesetter's invisible break in it.
     */
    @Test
    void anAddressCopiedWithTheFootnotesPunctuationOrASuffixInCapitalsLeadsToTheRecord() {
        String v1 = "/documents/" + letter + "/v/1";
        for (String copied : List.of(v1 + ".", v1 + ",", v1 + ");", v1 + "%3E", v1 + "%3E.", v1 + ".%E2%80%9D",
                "/documents/" + letter + "/v/%201", "/documents/" + letter + "/%E2%80%8Bv/1.", "/documents/" + letter + "/v%C2%AD/1",
                "/documents/" + letter + "/v/%0A1", "/documents/" + letter + "/v/%0d%0a1", "/documents/" + letter + "/v/%C2%A01")) {
            HttpResponse<String> response = get(copied);
            assertEquals(301, response.statusCode(), copied);
            assertEquals(v1, response.headers().firstValue("Location").orElseThrow(), copied);
        }
        HttpResponse<String> permanent = get("/documents/" + letter + ".?utm_source=footnote");
        assertEquals(301, permanent.statusCode());
        assertEquals("/documents/" + letter + "?utm_source=footnote", permanent.headers().firstValue("Location").orElseThrow(),
                "the query the link came with is kept");
        // Every file a record is given as, the JSON twin's and each download's, as the one list of them says.
        for (String suffix : Permalinks.SUFFIXES) {
            for (String address : List.of("/documents/" + letter, v1)) {
                HttpResponse<String> capitals = get(address + suffix.toUpperCase(Locale.ROOT));
                assertEquals(301, capitals.statusCode(), address + suffix);
                assertEquals(address + suffix, capitals.headers().firstValue("Location").orElseThrow());
            }
        }
        assertEquals(v1 + ".csl.json", get(v1 + ".CSL.JSON.").headers().firstValue("Location").orElseThrow());
    }

    /**
     * A PDF breaks a footnote's address at the end of a line, and a reader's viewer links only the
     * part before the break: the record's slug, or a former one, cut short still leads to the record.
     */
    @Test
    void aSlugCutShortLeadsToTheRecordAndOneItNeverHadLinksItsPermanentAddress() {
        String current = Slugs.slugify(NEW_TITLE);
        String old = Slugs.slugify(OLD_TITLE);
        for (String cut : List.of(current.substring(0, current.length() - 4), current.substring(0, 7),
                old.substring(0, old.length() - 10) + "?from=footnote")) {
            HttpResponse<String> response = get("/documents/" + letter + "/" + cut);
            assertEquals(301, response.statusCode(), cut);
            assertEquals(currentPath() + (cut.contains("?") ? "?from=footnote" : ""),
                    response.headers().firstValue("Location").orElseThrow(), cut);
        }
        Document never = page("/documents/" + letter + "/letter-from-korean-generals", 404);
        assertTrue(never.text().contains("Document " + letter + " never had the address 'letter-from-korean-generals'."),
                never.text());
        String permanent = catalogue.baseUrl() + "/documents/" + letter;
        Element link = never.selectFirst(".error-page a[href='" + permanent + "']");
        assertTrue(link != null, "the permanent address is a link: " + never.selectFirst(".error-page"));
        assertEquals(permanent, link.text());
        assertEquals(404, get("/documents/" + letter + "/" + current + "-and-more").statusCode(),
                "a slug with more after it is no slug cut short");
    }

    /** A reader who puts a download's suffix after the page's address in the browser's bar gets the file. */
    @Test
    void aDownloadsSuffixAfterThePagesAddressLeadsToTheDownload() {
        String permanent = "/documents/" + letter;
        for (String suffix : List.of(".bib", ".ris", ".csl.json", ".json")) {
            HttpResponse<String> current = get(currentPath() + suffix);
            assertEquals(301, current.statusCode(), currentPath() + suffix);
            assertEquals(permanent + suffix, current.headers().firstValue("Location").orElseThrow());
        }
        String old = permanent + "/" + Slugs.slugify(OLD_TITLE) + ".RIS?from=footnote";
        assertEquals(permanent + ".ris?from=footnote", get(old).headers().firstValue("Location").orElseThrow(),
                "an old slug too, the suffix in small letters and the query kept");
        assertEquals(200, get(permanent + ".bib").statusCode());
        assertEquals(404, get(permanent + "/never-its-title.bib").statusCode(),
                "an address the record never had is not found, with a suffix or without");
        assertEquals(301, get("/documents/" + journal + "/" + Slugs.slugify("From the Journal of Torbenkov") + ".bib")
                .statusCode(), "a withdrawn record's download says it is gone at its own address");
    }

    /** A reader who guesses a format ("24.xml", "24.pdf") is told which ones a record is given in. */
    @Test
    void aSuffixNoRecordIsGivenInIsNotFoundNamingTheOnesItIs() {
        HttpResponse<String> xml = get("/documents/" + letter + ".xml");
        assertEquals(404, xml.statusCode());
        assertEquals("A record is not given as '.xml': document " + letter + " is a page at /documents/" + letter
                        + ", and a file at the same address followed by .json, .bib, .ris or .csl.json.",
                Jsoup.parse(xml.body()).selectFirst(".lead").text());
        assertEquals("'abc' is not a document number.",
                Jsoup.parse(get("/documents/abc").body()).selectFirst(".lead").text(), "no number, no file to name");
    }

    /** A regular expression repeated over a long run of full stops overflowed the stack: a 500. */
    @Test
    void anAddressEndingInThousandsOfFullStopsIsAnsweredLikeAnyOther() {
        String v1 = "/documents/" + letter + "/v/1";
        HttpResponse<String> closed = get(v1 + ".".repeat(6000));
        assertEquals(301, closed.statusCode());
        assertEquals(v1, closed.headers().firstValue("Location").orElseThrow());
        assertEquals(404, get(v1 + ".".repeat(6000) + "x").statusCode());
    }

    /** Malik's seed title quotes his paper in straight single marks, which citeproc-js sets as a quotation. */
    @Test
    void aQuotationInATitleIsCitedInTheMarksCiteprocSetsItIn() {
        int malik = database.recordTitled("Malik, 'On the Question of a United Government in Korea'");
        Document record = page("/documents/" + malik + "/v/1", 200);
        assertTrue(record.selectFirst("#citation-chicago-note").text()
                .contains("\u201CMalik, \u2018On the Question of a United Government in Korea,\u2019\u201D"),
                record.selectFirst("#citation-chicago-note").text());
        assertTrue(record.selectFirst("#citation-apa i").text()
                .equals("Malik, \u201COn the Question of a United Government in Korea\u201D"),
                record.selectFirst("#citation-apa").html());
    }

    @Test
    void anOlderVersionShowsTheRecordAsItWasWithABannerToTheCurrentOne() {
        Document v1 = page("/documents/" + letter + "/v/1", 200);
        assertEquals(OLD_TITLE, v1.selectFirst("h1").text());
        assertEquals("1942-02", v1.selectFirst(".record-date").attr("datetime"), "the month-only date of version 1");
        assertEquals("February 1942", v1.selectFirst(".record-date").text());
        assertTrue(v1.select(".record-facts").text().contains("Joseph Stalin"));
        assertFalse(v1.select(".record-facts").text().contains("Kim Il Sung"));
        assertTrue(v1.selectFirst(".version-banner").text().contains("This is version 1 of 2"));
        assertEquals(currentPath(), v1.selectFirst(".current-version-link").attr("href"));
        assertEquals(catalogue.baseUrl() + "/documents/" + letter + "/v/1",
                v1.selectFirst("link[rel=canonical]").attr("href"));
        assertEquals("noindex", v1.selectFirst("meta[name=robots]").attr("content"));
        assertTrue(v1.selectFirst("#citation-chicago-note").text().contains(", version 1, "));
        assertTrue(v1.selectFirst("#citation-chicago-note").text().contains(OLD_TITLE));
        assertEquals("/documents/" + letter + "/v/1.bib", v1.selectFirst(".cite-downloads a").attr("href"));
    }

    @Test
    void theCurrentVersionSaysItIsCurrent() {
        Document v2 = page("/documents/" + letter + "/v/2", 200);
        assertEquals(NEW_TITLE, v2.selectFirst("h1").text());
        assertEquals("1942-02-16", v2.selectFirst(".record-date").attr("datetime"));
        assertTrue(v2.selectFirst(".version-banner").text().contains("the current one"));
        assertTrue(v2.text().contains("Dated to the day from the original"), "the version's note");
        assertTrue(v2.select("meta[name=robots]").isEmpty());
    }

    @Test
    void aVersionThatNeverExistedIsNotFound() {
        assertEquals(404, get("/documents/" + letter + "/v/3").statusCode());
        assertEquals(404, get("/documents/" + letter + "/v/0").statusCode());
        assertEquals(404, get("/documents/" + letter + "/v/two").statusCode());
        assertEquals(404, get("/documents/" + letter + "/v/1.pdf").statusCode());
    }

    /**
     * A version in a history (a record's, a person's) is a number alone: a file's suffix after it, or
     * a word, is the 404 a version's address gives, in the same words (a withdrawn record's history
     * too); a record that never was is said first, whatever the number.
     */
    @Test
    void aVersionInAHistoryIsANumberAloneAndAnythingElseIsNoVersionNumber() {
        for (String path : List.of("/documents/" + letter + "/history/1.json", "/documents/" + letter + "/history/x",
                "/documents/" + journal + "/history/1.bib", "/people/stalin/history/1.json")) {
            HttpResponse<String> response = get(path);
            assertEquals(404, response.statusCode(), path);
            String asked = path.substring(path.lastIndexOf('/') + 1);
            // As a page, as JSON (.json) or as plain text (.bib), as every 404 at such an address is.
            String said = Jsoup.parse(response.body()).text();
            assertTrue(said.contains("'" + asked + "' is not a version number."), path + ": " + said);
        }
        assertEquals("There is no document " + NO_SUCH_RECORD + " in the catalogue.", Jsoup.parse(
                get("/documents/" + NO_SUCH_RECORD + "/history/x").body()).selectFirst(".lead").text());
    }

    /**
     * A version's address is read as the record's is (NumberAndSuffix), but a suffix it is not given
     * as is not named back: it is no version number, nor is a download's suffix with more after it;
     * ".csl.json" is the download, not ".json".
     */
    @Test
    void aVersionAskedForInAFormatItIsNotGivenAsIsNoVersionNumber() {
        HttpResponse<String> pdf = get("/documents/" + letter + "/v/1.pdf");
        assertEquals(404, pdf.statusCode());
        assertEquals("'1.pdf' is not a version number.", Jsoup.parse(pdf.body()).selectFirst(".lead").text());
        assertEquals("'1.bib.txt' is not a version number.",
                Jsoup.parse(get("/documents/" + letter + "/v/1.bib.txt").body()).selectFirst(".lead").text());
        assertTrue(get("/documents/" + letter + "/v/1.csl.json").headers().firstValue("Content-Type").orElseThrow()
                .startsWith("application/vnd.citationstyles.csl+json"), "the download, not the JSON twin");
    }

    @Test
    void aVersionOfAWithdrawnRecordSaysSoAndIsGone() {
        Document v1 = page("/documents/" + journal + "/v/1", 410);
        assertTrue(v1.selectFirst(".version-banner.withdrawn").text().contains("Duplicate of another record."));
        assertTrue(v1.select(".version-banner time").isEmpty(), "the withdrawal's day is text: Zotero's page reader takes "
                + "the first <time datetime> for the date of a version with none, and the version's own date is the only one");
        assertTrue(v1.selectFirst("h1").text().startsWith("From the Journal of N. Ye. Torbenkov"), "the text that was cited");
        assertTrue(v1.select(".cite").isEmpty(), "a withdrawn record is not offered for citing");
        Document withdrawal = page("/documents/" + journal + "/v/3", 410);
        assertTrue(withdrawal.text().contains("Withdrawn in this version"));
    }

    @Test
    void theRecordPageOffersEveryStyleBothLinksTheAccessDateAndTheDownloads() {
        Document record = page(currentPath(), 200);
        assertEquals(catalogue.baseUrl() + currentPath(), record.selectFirst("link[rel=canonical]").attr("href"));
        assertEquals(List.of("chicago-note", "chicago-bibliography", "mla", "apa"),
                record.select(".cite-style").eachAttr("data-style"));
        assertEquals(catalogue.baseUrl() + "/documents/" + letter + "/v/2",
                record.selectFirst(".cite-version-link").attr("href"));
        assertEquals(catalogue.baseUrl() + "/documents/" + letter, record.selectFirst(".cite-permalink").attr("href"));
        String chicago = record.selectFirst("#citation-chicago-note").text();
        assertTrue(chicago.startsWith("Kim Il Sung, \u201C" + NEW_TITLE
                        + ",\u201D letter, February 16, 1942, Dossier, version 2, accessed "), chicago);
        assertTrue(chicago.endsWith(", " + catalogue.baseUrl() + "/documents/" + letter + "/v/2."));
        assertTrue(record.selectFirst(".cite-accessed-on").text().matches("[A-Z][a-z]+ \\d{1,2}, \\d{4}"));
        assertEquals(List.of("1942-02-16", "1942-02-16"), record.select("time[datetime]").eachAttr("datetime"),
                "the record's date, above the title and in its facts, is the page's only time: Zotero takes the first");
        String permalink = "/documents/" + letter;
        assertEquals(List.of(permalink + ".bib", permalink + ".ris", permalink + ".csl.json"),
                record.select(".cite-downloads a").eachAttr("href"));
        assertEquals(4, record.select(".cite button.copy-citation[hidden]").size(), "copy buttons wait for the script");
        assertEquals(org.dossier.web.StaticFiles.URLS.get("cite.js"), record.selectFirst(".cite script").attr("src"));
    }

    @Test
    void downloadsHaveTheirFormatsContentTypesAndFileNames() throws Exception {
        HttpResponse<String> bib = get("/documents/" + letter + ".bib");
        assertEquals(200, bib.statusCode());
        assertEquals("application/x-bibtex; charset=utf-8", bib.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("attachment; filename=\"dossier-" + letter + "-v2.bib\"",
                bib.headers().firstValue("Content-Disposition").orElseThrow());
        assertTrue(bib.body().contains("@unpublished{dossier-" + letter + "-v2,"), bib.body());
        assertEquals("manuscript", ZoteroImport.bibTeX(bib.body()).itemType(),
                "version 2 names no recipient: Zotero's BibTeX import makes a manuscript of it, where a @misc is a book");

        HttpResponse<String> ris = get("/documents/" + letter + ".ris");
        assertEquals("application/x-research-info-systems; charset=utf-8", ris.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(ris.body().startsWith("TY  - MANSCPT\r\n") && ris.body().endsWith("ER  - \r\n"));

        HttpResponse<String> csl = get("/documents/" + letter + ".csl.json");
        assertEquals("application/vnd.citationstyles.csl+json; charset=utf-8",
                csl.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("[[1942,2,16]]", json.readTree(csl.body()).get(0).get("issued").get("date-parts").toString());

        HttpResponse<String> twin = get("/documents/" + letter + ".json");
        assertEquals(200, twin.statusCode());
        assertEquals(NEW_TITLE, json.readTree(twin.body()).get("title").asText(), ".json is still the JSON twin");

        HttpResponse<String> old = get("/documents/" + letter + "/v/1.ris");
        assertEquals("attachment; filename=\"dossier-" + letter + "-v1.ris\"",
                old.headers().firstValue("Content-Disposition").orElseThrow());
        assertTrue(old.body().contains("TI  - " + OLD_TITLE + "\r\n") && old.body().contains("DA  - 1942/02//\r\n"));
    }

    @Test
    void eachVersionHasAJsonTwinShapedLikeTheRecordsWithWhatItSaidThen() throws Exception {
        JsonNode record = json.readTree(get("/documents/" + letter + ".json").body());
        HttpResponse<String> first = get("/documents/" + letter + "/v/1.json");
        assertEquals(200, first.statusCode(), first.body());
        assertTrue(first.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode v1 = json.readTree(first.body());
        List<String> keys = new java.util.ArrayList<>();
        record.fieldNames().forEachRemaining(keys::add);
        List<String> versionKeys = new java.util.ArrayList<>();
        v1.fieldNames().forEachRemaining(versionKeys::add);
        assertEquals(keys, versionKeys, "the same keys in the same order");
        assertEquals(OLD_TITLE, v1.get("title").asText());
        assertEquals("1942-02", v1.get("date").asText());
        assertEquals(1, v1.get("version").asInt());
        assertEquals(catalogue.baseUrl() + "/documents/" + letter + "/v/1", v1.get("url").asText());
        assertEquals(catalogue.baseUrl() + "/documents/" + letter, v1.get("permalink").asText());
        assertEquals("stalin", v1.get("people").get(0).get("key").asText());

        JsonNode v2 = json.readTree(get("/documents/" + letter + "/v/2.json").body());
        for (String same : List.of("title", "date", "summary", "people", "places", "type", "updated", "created")) {
            assertEquals(record.get(same), v2.get(same), "the current version says what the record says: " + same);
        }
        assertEquals("/documents/" + letter + "/v/1.json",
                page("/documents/" + letter + "/v/1", 200).selectFirst("link[rel=alternate][type=application/json]").attr("href"));

        HttpResponse<String> withdrawn = get("/documents/" + journal + "/v/1.json");
        assertEquals(410, withdrawn.statusCode());
        assertEquals("Duplicate of another record.", json.readTree(withdrawn.body()).get("withdrawn").get("reason").asText());
        HttpResponse<String> none = get("/documents/" + letter + "/v/9.json");
        assertEquals(404, none.statusCode());
        assertEquals(404, json.readTree(none.body()).get("status").asInt());
    }

    @Test
    void aWithdrawnRecordHasNoDownloads() {
        String permalink = "/documents/" + journal;
        for (String path : List.of(permalink + ".bib", permalink + ".ris", permalink + ".csl.json",
                permalink + "/v/1.bib")) {
            HttpResponse<String> response = get(path);
            assertEquals(410, response.statusCode(), path);
            assertTrue(response.body().contains("Duplicate of another record."), path);
        }
    }

    @Test
    void aSearchPageCitesAHitAsItIsNowInItsCoins() {
        // Words both titles have: the hit is found whether or not the index has taken in the correction.
        Element hit = page("/search?q=commanders+korean", 200).select("li.result").stream()
                .filter(li -> li.selectFirst("h2 a").attr("href").startsWith("/documents/" + letter + "/"))
                .findFirst().orElseThrow();
        Map<String, List<String>> co = ZoteroCaptureTest.contextObject(hit.selectFirst("span.Z3988").attr("title"));
        assertEquals(List.of(catalogue.baseUrl() + "/documents/" + letter + "/v/2"), co.get("rft.identifier"),
                "the version it is now");
        assertEquals(List.of(NEW_TITLE), co.get("rft.title"));
        assertEquals(List.of("Kim Il Sung"), co.get("rft.aulast"), "its people as they are now (a name written family name first, whole)");
        assertEquals(List.of("1942-02-16"), co.get("rft.date"));
        assertEquals(List.of("Corrected summary."), co.get("rft.description"));
    }

    @Test
    void recordPagesCarryHighwireTagsAndJsonLdForReferenceManagers() throws Exception {
        Document record = page("/documents/" + letter + "/v/1", 200);
        assertEquals(OLD_TITLE, record.selectFirst("meta[name=citation_title]").attr("content"));
        assertEquals("1942/02", record.selectFirst("meta[name=citation_publication_date]").attr("content"));
        assertEquals("1942-02", record.selectFirst("meta[name=DC.date]").attr("content"));
        assertEquals(0, record.select("meta[name=citation_date]").size(), "a month needs no citation_date: citation_publication_date says it");
        assertEquals("Dossier", record.selectFirst("meta[name=citation_publisher]").attr("content"));
        assertEquals(catalogue.baseUrl() + "/documents/" + letter + "/v/1",
                record.selectFirst("meta[name=citation_public_url]").attr("content"));
        assertEquals("Letter", record.selectFirst("meta[name=DC.type]").attr("content"), "Zotero's Type field");
        assertEquals("letter", record.selectFirst("meta[name=z.itemType]").attr("content"));

        JsonNode ld = json.readTree(record.selectFirst("script[type=application/ld+json]").data());
        assertEquals("[\"ArchiveComponent\",\"Message\"]", ld.get("@type").toString(), "a letter is a Message");
        assertEquals("Person", ld.get("recipient").get(0).get("@type").asText());
        assertEquals("Joseph Stalin", ld.get("recipient").get(0).get("name").asText());
        assertEquals("1942-02", ld.get("dateCreated").asText());
        assertEquals(catalogue.baseUrl() + "/documents/" + letter, ld.get("identifier").asText());
        assertEquals("1", ld.get("version").asText());
        assertEquals("Collection", ld.get("isPartOf").get("@type").asText());
        assertEquals("ArchiveOrganization", ld.get("holdingArchive").get("@type").asText());

        // A version is a node of its own, linked to its record: a crawler merging nodes by @id had
        // every version's title and date in one record.
        String permalink = catalogue.baseUrl() + "/documents/" + letter;
        assertEquals(permalink + "/v/1", ld.get("@id").asText());
        assertEquals(permalink, ld.get("exampleOfWork").get("@id").asText());
        JsonNode current = json.readTree(page(currentPath(), 200).selectFirst("script[type=application/ld+json]").data());
        assertEquals(permalink, current.get("@id").asText(), "the record's page describes the record");
        assertEquals(NEW_TITLE, current.get("name").asText(), "as it is now");
        assertNull(current.get("exampleOfWork"));
    }

    @Test
    void noTitleCanBreakOutOfTheJsonLdScript() throws Exception {
        HttpResponse<String> response = get("/documents/" + hostile + "/" + Slugs.slugify(HOSTILE_TITLE));
        assertEquals(200, response.statusCode());
        Document record = Jsoup.parse(response.body());
        assertEquals(1, record.select("script[type=application/ld+json]").size());
        assertTrue(record.select("script").stream().noneMatch(s -> s.data().contains("alert('x')") && !s.hasAttr("type")),
                "no script element of the title's making");
        String ld = record.selectFirst("script[type=application/ld+json]").data();
        assertFalse(ld.contains("</"), ld);
        assertEquals(HOSTILE_TITLE, json.readTree(ld).get("name").asText());
        assertEquals(HOSTILE_TITLE, record.selectFirst("meta[name=citation_title]").attr("content"));
    }
}
