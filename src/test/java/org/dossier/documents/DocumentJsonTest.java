package org.dossier.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Optional;
import org.dossier.testing.SameOnEveryDatabase;
import org.junit.jupiter.api.Test;

/** The date keys of a record's JSON as a program reads them, written by Jackson as the server writes them. */
@SameOnEveryDatabase
class DocumentJsonTest {

    private static JsonNode written(Optional<DocumentDate> date) throws Exception {
        ObjectMapper json = new ObjectMapper();
        return json.readTree(json.writeValueAsString(DocumentJson.core(5, "Note", date, List.of("One."),
                "https://dossier.example.org")));
    }

    @Test
    void anUndatedRecordHasEveryDateKeyNullAndIsShownUndated() throws Exception {
        JsonNode undated = written(Optional.empty());
        for (String key : List.of("date", "datePrecision", "dateCirca", "dateEdtf")) {
            assertEquals(true, undated.has(key) && undated.get(key).isNull(), key + " is there, and null");
        }
        assertEquals("Undated", undated.get("displayDate").asText());
        assertEquals(false, undated.has("dateEnd"), "only a span has an end");
    }

    @Test
    void aDatedRecordKeepsItsDateKeys() throws Exception {
        JsonNode dated = written(Optional.of(DocumentDate.ofMonth(1942, 2).approximate()));
        assertEquals("1942-02", dated.get("date").asText());
        assertEquals("month", dated.get("datePrecision").asText());
        assertEquals(true, dated.get("dateCirca").asBoolean());
        assertEquals("1942-02~", dated.get("dateEdtf").asText());
        assertEquals("ca. February 1942", dated.get("displayDate").asText());
    }
}
