package org.dossier.harvest;

import static org.dossier.db.Tables.DOCUMENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dossier.testing.CatalogueDatabase;
import org.dossier.testing.SeededCatalogue;
import org.dossier.testing.Undated;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.w3c.dom.Document;

/**
 * An undated record (date key and precision NULL, V22) as a harvester sees it: a record like any
 * other, with no {@code dc:date} and in no decade's set, and the decades of the others as before.
 * No page makes one yet: the test stores it so, live and withdrawn, in the seed catalogue.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OaiUndatedTest {

    @RegisterExtension
    final SeededCatalogue catalogue = SeededCatalogue.ownedByTheClass();
    private final CatalogueDatabase database = CatalogueDatabase.forTheClass(catalogue);
    private int undated;
    private List<Integer> decadesBefore;

    @BeforeAll
    void start() {
        decadesBefore = new OaiQueries(database.dsl()).decades();
        undated = database.recordTitled("Letter to Stalin from the Commanders and Soldiers");
        int withdrawn = database.recordTitled("Roman Catholic Priest Stanislaus Orlemanski");
        database.dsl().update(DOCUMENT).set(DOCUMENT.WITHDRAWN_AT, java.time.Instant.parse("2031-06-01T08:00:00Z"))
                .set(DOCUMENT.WITHDRAWN_REASON, "A duplicate").where(DOCUMENT.ID.eq(withdrawn)).execute();
        Undated.records(database.dsl(), List.of(undated, withdrawn));
    }

    @Test
    void anUndatedRecordIsHarvestedWithNoDateAndInNoDecade() throws Exception {
        Document record = OaiSchema.harvest(catalogue.http(),
                "verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:127.0.0.1:" + undated);
        assertEquals(List.of(), XPaths.values(record, "//o:error/@code"));
        assertTrue(XPaths.value(record, "//dc:title").startsWith("Letter to Stalin from the Commanders and Soldiers"));
        assertEquals(0, XPaths.count(record, "//dc:date"), "Dublin Core's date is optional; no date is not one");
        assertTrue(XPaths.values(record, "//o:header/o:setSpec").stream().noneMatch(s -> s.startsWith("decade:")),
                XPaths.values(record, "//o:header/o:setSpec").toString());
    }

    @Test
    void theDecadesAreThoseOfTheDatedRecordsLiveOrWithdrawn() throws Exception {
        assertEquals(decadesBefore, new OaiQueries(database.dsl()).decades(),
                "the undated records were in decades that others share; they take none away and add none");
        Document sets = OaiSchema.harvest(catalogue.http(), "verb=ListSets");
        assertEquals(decadesBefore.stream().map(d -> "decade:" + d + "s").toList(),
                XPaths.values(sets, "//o:setSpec").stream().filter(s -> s.startsWith("decade:")).toList());
    }
}
