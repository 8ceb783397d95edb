package org.dossier.harvest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.dossier.documents.Attribution;
import org.dossier.documents.DocumentDate;
import org.dossier.documents.RecordDraft;
import org.dossier.testing.CatalogueDatabase;
import org.dossier.testing.SeededCatalogue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.w3c.dom.Document;

/**
 * A selective list whose records still to come all leave it between two pages: edited after its
 * {@code until}. The 49 seed records and the reports added in 2030 make a list of two pages.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OaiListsThatShrinkTest {

    @RegisterExtension
    final SeededCatalogue catalogue = SeededCatalogue.ownedByTheClass();
    private final CatalogueDatabase database = CatalogueDatabase.forTheClass(catalogue);
    private List<Integer> added;

    @BeforeAll
    void start() {
        added = OaiPagingTest.addReports(database);
    }

    @Test
    void aListWhoseRemainingRecordsAllLeftItEndsWithARecordAlreadySentNotWithAnError() throws Exception {
        Document first = OaiSchema.harvest(catalogue.http(), "verb=ListRecords&metadataPrefix=oai_dc&until=2030-01-01");
        List<String> firstPage = XPaths.values(first, "//o:header/o:identifier");
        assertEquals(OaiPmh.PAGE_SIZE, firstPage.size());
        String token = XPaths.value(first, "//o:resumptionToken");

        // Between the two pages every record still to come is corrected: its datestamp is after until now.
        List<Integer> toCome = added.stream().filter(id -> !firstPage.contains("oai:127.0.0.1:" + id)).toList();
        assertTrue(!toCome.isEmpty());
        database.at("2031-01-01T00:00:00Z").write(w -> {
            for (int id : toCome) {
                w.update(id, 1, new RecordDraft("Corrected report", List.of(), DocumentDate.ofYear(1955)),
                        Attribution.editor("tester", "Corrected during a harvest"));
            }
            return null;
        });

        Document last = OaiSchema.harvest(catalogue.http(), "verb=ListRecords&resumptionToken=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
        assertEquals(List.of(), XPaths.values(last, "//o:error/@code"), "the harvest ends, it does not fail");
        List<String> again = XPaths.values(last, "//o:header/o:identifier");
        assertEquals(List.of(firstPage.get(firstPage.size() - 1)), again, "the last record sent comes again");
        assertEquals(1, XPaths.count(last, "//o:record/o:metadata"));
        assertEquals("", XPaths.value(last, "//o:resumptionToken"), "and the empty token ends the list");
        assertEquals(String.valueOf(OaiPmh.PAGE_SIZE), XPaths.value(last, "//o:resumptionToken/@cursor"));
        assertEquals(String.valueOf(OaiPmh.PAGE_SIZE + 1), XPaths.value(last, "//o:resumptionToken/@completeListSize"),
                "the list's size as it was sent, not as it was counted on its first page");
    }
}
