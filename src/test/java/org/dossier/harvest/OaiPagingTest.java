package org.dossier.harvest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dossier.documents.Attribution;
import org.dossier.documents.DocumentDate;
import org.dossier.documents.RecordDraft;
import org.dossier.testing.CatalogueDatabase;
import org.dossier.testing.SeededCatalogue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestInstance;
import org.w3c.dom.Document;

/**
 * Long lists in pages: 49 seed records and 120 records dated 1955, all added in one second, so
 * that datestamps tie and only the id orders them. Every page is validated against the schema.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OaiPagingTest {

    static final int ADDED = 120;
    private static final int TOTAL = 49 + ADDED;

    @RegisterExtension
    final SeededCatalogue catalogue = SeededCatalogue.ownedByTheClass();
    private final CatalogueDatabase database = CatalogueDatabase.forTheClass(catalogue);
    private List<Integer> added;

    @BeforeAll
    void start() {
        added = addReports(database);
    }

    /** Adds the {@link #ADDED} reports of 1955, all in the first second of 2030; returns their ids. */
    static List<Integer> addReports(CatalogueDatabase database) {
        return database.at("2030-01-01T00:00:00Z").write(w -> {
            List<Integer> ids = new ArrayList<>();
            for (int i = 1; i <= ADDED; i++) {
                ids.add(w.create(new RecordDraft("Report no. " + i, List.of(), DocumentDate.ofYear(1955)),
                        Attribution.editor("tester", "Added for the paging tests")));
            }
            return ids;
        });
    }

    private Document oai(String query) throws Exception {
        return OaiSchema.harvest(catalogue.http(), query);
    }

    private static String token(Document page) {
        return XPaths.value(page, "//o:resumptionToken");
    }

    private static String encode(String token) {
        return URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    @Test
    void aLongListComesInPagesWithSizeCursorAndAnEmptyTokenAtTheEnd() throws Exception {
        Document first = oai("verb=ListRecords&metadataPrefix=oai_dc");
        assertEquals(OaiPmh.PAGE_SIZE, XPaths.count(first, "//o:record"));
        assertEquals(String.valueOf(TOTAL), XPaths.value(first, "//o:resumptionToken/@completeListSize"));
        assertEquals("0", XPaths.value(first, "//o:resumptionToken/@cursor"));
        assertTrue(!token(first).isEmpty());

        Document last = oai("verb=ListRecords&resumptionToken=" + encode(token(first)));
        assertEquals(TOTAL - OaiPmh.PAGE_SIZE, XPaths.count(last, "//o:record"));
        assertEquals(String.valueOf(OaiPmh.PAGE_SIZE), XPaths.value(last, "//o:resumptionToken/@cursor"));
        assertEquals(String.valueOf(TOTAL), XPaths.value(last, "//o:resumptionToken/@completeListSize"));
        assertEquals("", token(last), "the last page ends the list with an empty token");
        assertEquals("ListRecords", XPaths.value(last, "/o:OAI-PMH/o:request/@verb"));

        Set<String> harvested = new HashSet<>(XPaths.values(first, "//o:header/o:identifier"));
        harvested.addAll(XPaths.values(last, "//o:header/o:identifier"));
        assertEquals(TOTAL, harvested.size(), "every record once");
    }

    /**
     * A harvest begun before an upgrade holds a token of the previous release (version 1, without
     * the list's size): its pages came in the same order, so it carries on where it stopped, as
     * the token this release issues for the same place does, instead of badResumptionToken.
     */
    @Test
    void aTokenOfThePreviousReleaseCarriesOnTheHarvestWhereItStopped() throws Exception {
        Document first = oai("verb=ListIdentifiers&metadataPrefix=oai_dc&set=decade:1950s");
        String[] parts = new String(java.util.Base64.getUrlDecoder().decode(token(first)), StandardCharsets.UTF_8)
                .split("\\|", -1);
        assertEquals(List.of("2", "9"), List.of(parts[0], String.valueOf(parts.length)), "this release's token");
        parts[0] = "1";
        String previous = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                String.join("|", java.util.Arrays.copyOf(parts, 8)).getBytes(StandardCharsets.UTF_8));

        Document now = oai("verb=ListIdentifiers&resumptionToken=" + encode(token(first)));
        Document before = oai("verb=ListIdentifiers&resumptionToken=" + encode(previous));
        List<String> rest = XPaths.values(before, "//o:header/o:identifier");
        assertTrue(!rest.isEmpty() && java.util.Collections.disjoint(rest, XPaths.values(first, "//o:header/o:identifier")));
        assertEquals(XPaths.values(now, "//o:header/o:identifier"), rest, "the same page as with this release's token");
        assertEquals(String.valueOf(OaiPmh.PAGE_SIZE), XPaths.value(before, "//o:resumptionToken/@cursor"));
        assertEquals(XPaths.value(first, "//o:resumptionToken/@completeListSize"),
                XPaths.value(before, "//o:resumptionToken/@completeListSize"), "the list counted, as on a first page");
        assertEquals(token(now).isEmpty(), token(before).isEmpty(), "and it ends, or goes on, as that one");
    }

    @Test
    void aTokenKeepsTheSelectionOfTheFirstRequest() throws Exception {
        Document first = oai("verb=ListIdentifiers&metadataPrefix=oai_dc&set=decade:1950s&from=2030-01-01");
        assertEquals(String.valueOf(ADDED), XPaths.value(first, "//o:resumptionToken/@completeListSize"));
        Document second = oai("verb=ListIdentifiers&resumptionToken=" + encode(token(first)));
        assertEquals(ADDED - OaiPmh.PAGE_SIZE, XPaths.count(second, "//o:header"));
        assertTrue(XPaths.values(second, "//o:header/o:setSpec[starts-with(., 'decade:')]").stream()
                .allMatch("decade:1950s"::equals));
    }

    @Test
    void recordsChangedDuringAHarvestMoveToItsEndAndNoneIsSkipped() throws Exception {
        Document first = oai("verb=ListIdentifiers&metadataPrefix=oai_dc");
        List<String> firstPage = XPaths.values(first, "//o:header/o:identifier");
        int early = 1;
        int late = added.get(ADDED - 1);
        assertTrue(firstPage.contains("oai:127.0.0.1:" + early));
        assertTrue(!firstPage.contains("oai:127.0.0.1:" + late));

        // Between two pages an editor corrects one record already harvested and one still to come.
        database.at("2031-01-01T00:00:00Z").write(w -> {
            w.update(early, 1, new RecordDraft("Corrected title", List.of(), DocumentDate.ofDay(1943, 5, 10)),
                    Attribution.editor("tester", "Corrected during a harvest"));
            w.update(late, 1, new RecordDraft("Corrected report", List.of(), DocumentDate.ofYear(1955)),
                    Attribution.editor("tester", "Corrected during a harvest"));
            return null;
        });

        Document rest = oai("verb=ListIdentifiers&resumptionToken=" + encode(token(first)));
        List<String> restPage = XPaths.values(rest, "//o:header/o:identifier");
        Set<String> harvested = new HashSet<>(firstPage);
        harvested.addAll(restPage);
        assertEquals(TOTAL, harvested.size(), "no record skipped");
        assertEquals(List.of("oai:127.0.0.1:" + early, "oai:127.0.0.1:" + late),
                restPage.subList(restPage.size() - 2, restPage.size()), "the corrected records come last");
        assertEquals("2031-01-01T00:00:00Z", XPaths.value(rest, "(//o:header/o:datestamp)[last()]"));
    }
}
