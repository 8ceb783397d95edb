package org.dossier.editing;

import static org.dossier.db.Tables.DOCUMENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.List;
import org.dossier.accounts.Role;
import org.dossier.app.Database;
import org.dossier.testing.Http;
import org.dossier.testing.SeededCatalogue;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The languages a document is written in: an editor says them on the record's form, and they are
 * on its page, in its history, its JSON, every citation format and OAI-PMH, version by version.
 */
class RecordLanguagesTest {

    @RegisterExtension
    static final SeededCatalogue catalogue = SeededCatalogue.ownedByTheClass();

    private static final Http editor = Editors.signedIn(catalogue, "linguist", Role.EDITOR);

    private static FormFields editForm(int id) {
        return FormFields.at(editor, "/admin/documents/" + id + "/edit", "form.record-form");
    }

    private static int version(int id) {
        try (Database db = Database.open(catalogue.database())) {
            return db.dsl().select(DOCUMENT.VERSION).from(DOCUMENT).where(DOCUMENT.ID.eq(id)).fetchSingle(DOCUMENT.VERSION);
        }
    }

    @Test
    void languagesSavedOnTheFormAreOnThePageInTheHistoryTheJsonEveryCitationAndOaiPmh() throws Exception {
        int id = catalogue.recordTitled("Concentering the Situation on Taiwan");
        FormFields form = editForm(id);
        assertEquals("", form.get("languages"), "an imported record has none: seed pages do not say");
        HttpResponse<String> saved = editor.post("/admin/documents/" + id + "/edit",
                form.set("languages", "russian; zh").set("note", "Written in Russian, with a Chinese annex").entries());
        assertEquals(303, saved.statusCode(), saved.body());

        Http reader = catalogue.http().anotherVisitor();
        String canonical = reader.get("/documents/" + id).headers().firstValue("Location").orElseThrow();
        Document page = Jsoup.parse(reader.get(canonical).body());
        assertEquals("Languages", page.selectFirst(".record-facts dd.record-languages").previousElementSibling().text());
        assertEquals("Russian, Chinese", page.selectFirst(".record-facts dd.record-languages").text());
        // Each language leads to the records written in it, this one among them.
        assertEquals(List.of("/search?language=ru", "/search?language=zh"),
                page.select(".record-facts dd.record-languages a").eachAttr("href"));
        List<String> inChinese = Jsoup.parse(reader.get("/search?language=zh").body()).select(".results .result-title")
                .eachText();
        assertTrue(inChinese.stream().anyMatch(t -> t.contains("Concentering the Situation on Taiwan")), "the search a language leads to: " + inChinese);
        Element type = page.selectFirst(".record-facts dt:containsOwn(Type) + dd a");
        assertTrue(type.attr("href").startsWith("/search?type="), "the type leads to the records of that type: " + type);
        assertEquals(List.of("ru", "zh"), page.select("meta[name=DC.language]").eachAttr("content"));
        assertEquals("ru", page.selectFirst("meta[name=citation_language]").attr("content"));
        JsonNode jsonLd = new ObjectMapper().readTree(page.selectFirst("script[type=application/ld+json]").data());
        assertEquals("[\"ru\",\"zh\"]", jsonLd.get("inLanguage").toString());
        assertEquals("Russian, Chinese", editForm(id).get("languages"), "the form shows them by name");

        JsonNode twin = new ObjectMapper().readTree(reader.get("/documents/" + id + ".json").body());
        assertEquals("[\"ru\",\"zh\"]", twin.get("languages").toString());
        assertEquals("[]", new ObjectMapper().readTree(reader.get("/documents/" + id + "/v/1.json").body())
                .get("languages").toString(), "version 1 had none");
        assertTrue(reader.get("/documents/" + id + ".bib").body().contains("  language     = {Russian and Chinese},\n"));
        assertTrue(reader.get("/documents/" + id + ".ris").body().contains("LA  - Russian, Chinese\r\n"));
        assertEquals("ru", new ObjectMapper().readTree(reader.get("/documents/" + id + ".csl.json").body())
                .get(0).get("language").asText());

        Document oai = Jsoup.parse(reader.get("/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:127.0.0.1:" + id)
                .body(), "", Parser.xmlParser());
        assertEquals(List.of("ru", "zh"), oai.select("dc|language").eachText());

        Document changes = Jsoup.parse(reader.get("/documents/" + id + "/history/2").body());
        Element row = changes.select(".diff dt").stream().filter(dt -> dt.text().equals("Languages")).findFirst()
                .orElseThrow(() -> new AssertionError(changes.select(".diff").outerHtml()));
        assertEquals("Russian, Chinese", row.nextElementSibling().selectFirst("ins").text());
        Document first = Jsoup.parse(reader.get("/documents/" + id + "/v/1").body());
        assertNull(first.selectFirst(".record-facts dd.record-languages"), "a version shows its own languages: none");
    }

    @Test
    void aLanguageTheCatalogueDoesNotKnowIsRefusedBesideItsFieldKeptAsTypedAndNothingIsSaved() {
        int id = catalogue.recordTitled("Telegram from Kim Il Sung to Stalin (via Shtykov)");
        int before = version(id);
        HttpResponse<String> refused = editor.post("/admin/documents/" + id + "/edit",
                editForm(id).set("languages", "Rusian, Korean").set("note", "Languages").entries());
        assertEquals(422, refused.statusCode());
        Document page = Jsoup.parse(refused.body());
        assertEquals("'Rusian' is not a language the catalogue knows: write each by its English name or its ISO 639 code"
                + " (Russian or ru), separated by commas.", page.selectFirst("#languages-error").text());
        assertEquals("Rusian, Korean", page.selectFirst("input#languages").val());
        // The summary the focus moves to says the problem too and leads to the field: it said "the form has
        // a problem" and listed none.
        assertEquals(List.of("#languages"), page.select(".error-summary li a").eachAttr("href"));
        assertEquals("Languages: " + page.selectFirst("#languages-error").text(),
                page.selectFirst(".error-summary li a").text());
        assertEquals(before, version(id));
    }
}
