package org.dossier.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Tests find seed records by words of their titles, on SQLite and PostgreSQL alike. */
class RecordTitledTest {

    private static final String TITLE = "Letter to Stalin from the Commanders and Soldiers of the Korean Army in China";

    @RegisterExtension
    static final SeededCatalogue catalogue = SeededCatalogue.sharedForReading();

    @Test
    void wordsOfOneTitleGiveThatRecordsId() throws Exception {
        int id = catalogue.recordTitled("from the Commanders and Soldiers");
        String json = catalogue.http().get("/documents/" + id + ".json").body();
        assertEquals(TITLE, new ObjectMapper().readTree(json).get("title").asText());
        try (CatalogueDatabase database = CatalogueDatabase.of(catalogue)) {
            assertEquals(id, database.recordTitled(TITLE), "the database a test holds finds the same record");
        }
    }

    @Test
    void wordsOfSeveralTitlesFailNamingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> catalogue.recordTitled("Letter to Stalin from"));
        assertTrue(e.getMessage().startsWith("3 records' titles contain \"Letter to Stalin from\""), e.getMessage());
        assertTrue(e.getMessage().contains("\"" + TITLE + "\""), e.getMessage());
    }

    @Test
    void wordsOfNoTitleFailSayingSo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> catalogue.recordTitled("Letter to Trotsky"));
        assertEquals("no record's title contains \"Letter to Trotsky\"", e.getMessage());
    }

    @Test
    void caseCountsOnEveryDatabase() {
        assertThrows(IllegalArgumentException.class,
                () -> catalogue.recordTitled("letter to stalin from the commanders"));
    }
}
