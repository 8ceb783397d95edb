package org.dossier.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.dossier.accounts.Role;
import org.dossier.editing.Editors;
import org.dossier.editing.FormFields;
import org.dossier.testing.Http;
import org.dossier.testing.SeededCatalogue;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A letter with a combining accent (NFD, as macOS and PDFs give it) is the precomposed letter (NFC), in a search and in a record. */
class ComposedTextTest {

    @RegisterExtension
    static final SeededCatalogue catalogue = SeededCatalogue.ownedByTheClass();

    private static final String COMPOSED = "P\u00e1sztor";
    private static final String DECOMPOSED = "Pa\u0301sztor";

    private static Http reader;

    @BeforeAll
    static void start() {
        reader = catalogue.http().anotherVisitor();
    }

    private static String q(String words) {
        return "q=" + URLEncoder.encode(words, StandardCharsets.UTF_8);
    }

    @Test
    void aWordTypedWithACombiningAccentFindsWhatThePrecomposedLetterFinds() {
        SearchJson composed = SearchJson.get(reader, q(COMPOSED));
        assertTrue(composed.total() > 0, "the seeds name Pásztor");
        SearchJson decomposed = SearchJson.get(reader, q(DECOMPOSED));
        assertEquals(composed.ids(), decomposed.ids());
        HttpResponse<String> page = reader.get("/search?" + q(DECOMPOSED));
        assertEquals(200, page.statusCode());
        assertEquals(COMPOSED, Jsoup.parse(page.body()).selectFirst("#search-q").val(), "the box holds the one spelling");
    }

    @Test
    void aTitleSavedWithACombiningAccentIsStoredComposedAndFoundTypedEitherWay() {
        Http editor = Editors.signedIn(catalogue, "composer", Role.EDITOR);
        int id = catalogue.recordTitled("Record of a Meeting Between T.V. Soong and Stalin");
        String path = "/admin/documents/" + id + "/edit";
        FormFields fields = FormFields.at(editor, path, "form.record-form");
        HttpResponse<String> saved = editor.post(path, fields.set("title", "Soong, Stalin and Zdene\u030Ck Fierlinger")
                .set("note", "Named the envoy").entries());
        assertEquals(303, saved.statusCode(), saved.body());
        String record = reader.get("/documents/" + id + ".json").body();
        assertTrue(record.contains("Zden\u011Bk"), record);
        assertFalse(record.contains("e\u030C"), record);
        for (String typed : new String[] {"Zden\u011Bk", "Zdene\u030Ck", "zdenek"}) {
            assertEquals(java.util.List.of(id), SearchJson.get(reader, q(typed)).ids(), typed);
        }
    }
}
