package org.dossier.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.dossier.accounts.Role;
import org.dossier.editing.Editors;
import org.dossier.editing.FormFields;
import org.dossier.testing.Http;
import org.dossier.testing.SeededCatalogue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The number beside a suggestion is what choosing it finds: after edits, and for a word that has other forms. */
class SuggestionCountsTest {

    @RegisterExtension
    static final SeededCatalogue catalogue = SeededCatalogue.ownedByTheClass();

    private static Http reader;

    @BeforeAll
    static void start() {
        reader = catalogue.http().anotherVisitor();
    }

    private static JsonNode suggest(String q) throws Exception {
        HttpResponse<String> response = reader.get("/search/suggest.json?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
        assertEquals(200, response.statusCode(), response.body());
        return new ObjectMapper().readTree(response.body()).get("suggestions");
    }

    private static void assertEachCountIsWhatChoosingItFinds(String typed) throws Exception {
        JsonNode suggestions = suggest(typed);
        assertTrue(suggestions.size() > 0, "something is offered for '" + typed + "'");
        for (JsonNode s : suggestions) {
            String text = s.get("text").asText();
            long found = SearchJson.get(reader, "q=" + URLEncoder.encode(text, StandardCharsets.UTF_8)).total();
            assertEquals(found, s.get("records").asLong(), "'" + text + "' offered for '" + typed + "': " + suggestions);
        }
    }

    @Test
    void aSuggestionCountsTheRecordsItsSearchFindsNotOlderVersionsOfEditedRecords() throws Exception {
        Http editor = Editors.signedIn(catalogue, "counter", Role.EDITOR);
        int id = catalogue.recordTitled("Record of a Meeting Between T.V. Soong and Stalin");
        for (int edit = 1; edit <= 3; edit++) {
            String path = "/admin/documents/" + id + "/edit";
            HttpResponse<String> form = editor.get(path);
            FormFields fields = FormFields.of(form.body(), "form.record-form");
            HttpResponse<String> saved = editor.post(path, fields
                    .set("summary", fields.get("summary") + " Stalin, edit " + edit + ".").set("note", "Edit " + edit).entries());
            assertEquals(303, saved.statusCode(), saved.body());
        }
        // The search waits for the index to have the edits; then the suggestions are read of it.
        SearchJson.get(reader, "q=stalin");
        assertEachCountIsWhatChoosingItFinds("sta");
        assertEachCountIsWhatChoosingItFinds("soo");
    }

    @Test
    void aSuggestedWordCountsItsOtherFormsAsItsSearchDoes() throws Exception {
        JsonNode suggestions = suggest("sta");
        boolean state = false;
        for (JsonNode s : suggestions) {
            state |= s.get("text").asText().equals("state");
        }
        assertTrue(state, "'state' is offered for 'sta': " + suggestions);
        assertEachCountIsWhatChoosingItFinds("sta");
        assertEachCountIsWhatChoosingItFinds("telegr");
    }
}
