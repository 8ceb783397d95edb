package org.dossier.documents;

import static org.dossier.db.Tables.REVISION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.undercouch.citeproc.bibtex.BibTeXConverter;
import de.undercouch.citeproc.csl.CSLItemData;
import de.undercouch.citeproc.csl.CSLName;
import de.undercouch.citeproc.helper.json.JsonLexer;
import de.undercouch.citeproc.helper.json.JsonParser;
import de.undercouch.citeproc.ris.RISLibrary;
import de.undercouch.citeproc.ris.RISParser;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.dossier.accounts.Role;
import org.dossier.app.Main;
import org.dossier.editing.Editors;
import org.dossier.editing.FormFields;
import org.dossier.testing.CatalogueDatabase;
import org.dossier.testing.Http;
import org.dossier.testing.SeededCatalogue;
import org.jbibtex.BibTeXDatabase;
import org.jbibtex.BibTeXEntry;
import org.jbibtex.BibTeXParser;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A record names its authors and recipients in the order the document gives them, not by sort
 * name: a letter "from Stalin and Molotov to Zhou Enlai and Mao Zedong" is cited "Stalin and
 * Molotov" (Molotov sorts first) and sent to "Zhou Enlai and Mao Zedong" (Mao sorts first), on its
 * page, in every citation and download, to harvesters; an editor's new order is a new version,
 * and the older version keeps the order it had. Through a real import and a real server.
 */
class PeopleInTheirOrderTest {

    /** Imported: authors and recipients each given against their sort names' order. */
    private static final String TREATY = "Letter from I.V. Stalin and V.M. Molotov to Chou En-lai and Mao Tse-tung";
    /** Imported the same way, for an editor to reorder. */
    private static final String ALLIANCE = "Cable from I.V. Stalin and V.M. Molotov to Chou En-lai, on the alliance";

    @RegisterExtension
    static final SeededCatalogue catalogue = SeededCatalogue.ownedByTheClass();

    private static final CatalogueDatabase database = CatalogueDatabase.forTheClass(catalogue);
    private static Http alice;
    private static Http reader;

    @BeforeAll
    static void importTwoLetters() throws Exception {
        Path folder = Files.createTempDirectory("dossier-order-");
        Path page = folder.resolve("order.txt");
        Files.writeString(page, "February 14, 1950\n\n" + TREATY + "\n\nOn the treaty of friendship.\n\n"
                + "February 15, 1950\n\n" + ALLIANCE + "\n\nOn the alliance.\n", StandardCharsets.UTF_8);
        assertEquals(0, Main.run("import", "--db", catalogue.database().toString(), page.toString()));
        alice = Editors.signedIn(catalogue, "alice", Role.EDITOR);
        reader = catalogue.http().anotherVisitor();
    }

    private static String body(String path) {
        HttpResponse<String> response = reader.get(path);
        assertEquals(200, response.statusCode(), path);
        return response.body();
    }

    private static Document page(String path) {
        HttpResponse<String> response = reader.get(path);
        if (response.statusCode() == 301) {
            response = reader.get(response.headers().firstValue("Location").orElseThrow());
        }
        assertEquals(200, response.statusCode(), path);
        return Jsoup.parse(response.body());
    }

    private static List<String> bibTeXAuthors(String bib) throws Exception {
        BibTeXDatabase db = new BibTeXParser().parse(new StringReader(bib));
        BibTeXEntry entry = db.getEntries().values().iterator().next();
        CSLName[] authors = new BibTeXConverter().toItemData(entry).getAuthor();
        return Arrays.stream(authors).map(CSLName::getFamily).toList();
    }

    private static List<String> risAuthors(String ris) throws Exception {
        RISLibrary library = new RISParser().parse(new StringReader(ris));
        return Arrays.asList(library.getReferences().get(0).getAuthors());
    }

    /** Zotero's RIS import of the recipients (A2 of a letter), in the order it reads them. */
    private static List<String> risRecipients(String ris) {
        return ZoteroImport.ris(ris).creators().stream().filter(c -> c.creatorType().equals("recipient"))
                .map(ZoteroImport.Creator::lastName).toList();
    }

    @SuppressWarnings("unchecked")
    private static CSLItemData csl(String json) throws Exception {
        List<Object> items = new JsonParser(new JsonLexer(new StringReader(json))).parseArray();
        return CSLItemData.fromJson((Map<String, Object>) items.get(0));
    }

    private static List<String> families(CSLName[] names) {
        return Arrays.stream(names).map(CSLName::getFamily).toList();
    }

    /** What each cite box style writes before the title: the authors, in the style's form. */
    private static List<String> citedAuthors(Document page, String title) {
        return page.select(".cite .citation").eachText().stream()
                .map(text -> text.substring(0, Math.max(0, text.indexOf(title.substring(0, 12))))).toList();
    }

    private static void stalinBeforeMolotov(String text, String where) {
        assertTrue(text.indexOf("Stalin") >= 0 && text.indexOf("Stalin") < text.indexOf("Molotov"),
                where + ": " + text);
    }

    private static void molotovBeforeStalin(String text, String where) {
        assertTrue(text.indexOf("Molotov") >= 0 && text.indexOf("Molotov") < text.indexOf("Stalin"),
                where + ": " + text);
    }

    @Test
    void anImportOfStalinAndMolotovCitesStalinFirstEverywhereThoughMolotovSortsFirst() throws Exception {
        int id = catalogue.recordTitled("I.V. Stalin and V.M. Molotov to Chou En-lai and Mao");
        String versioned = "/documents/" + id + "/v/1";

        assertEquals(List.of("Stalin", "Molotov"), bibTeXAuthors(body("/documents/" + id + ".bib")));
        assertEquals(List.of("Stalin", "Molotov"), bibTeXAuthors(body(versioned + ".bib")));
        String ris = body("/documents/" + id + ".ris");
        assertEquals(1, StrictRis.check(ris));
        assertEquals(List.of("Stalin, Joseph", "Molotov, Vyacheslav"), risAuthors(ris));
        assertEquals(List.of("Zhou Enlai", "Mao Zedong"), risRecipients(ris), "A2 lines in the order given too");
        CSLItemData item = csl(body("/documents/" + id + ".csl.json"));
        assertEquals(List.of("Stalin", "Molotov"), families(item.getAuthor()));
        assertEquals(List.of("Zhou", "Mao"), families(item.getRecipient()));

        Document record = page("/documents/" + id);
        assertEquals("From Joseph Stalin and Vyacheslav Molotov to Zhou Enlai and Mao Zedong",
                record.selectFirst(".record-correspondence").text());
        assertEquals(List.of("Stalin, Joseph", "Molotov, Vyacheslav"),
                record.select("meta[name=citation_author]").eachAttr("content"));
        assertEquals(List.of("Stalin, Joseph", "Molotov, Vyacheslav"),
                record.select("meta[name=DC.creator]").eachAttr("content"));
        assertEquals(List.of("Zhou Enlai,", "Mao Zedong,"), record.select("meta[name=DC.contributor]").eachAttr("content"));
        List<String> styles = citedAuthors(record, TREATY);
        assertEquals(4, styles.size(), "Chicago's note and bibliography, MLA and APA: " + styles);
        styles.forEach(authors -> stalinBeforeMolotov(authors, "a cite box style"));

        JsonNode json = new ObjectMapper().readTree(body("/documents/" + id + ".json"));
        assertEquals(List.of("stalin", "molotov", "zhou-enlai", "mao-zedong"),
                json.get("people").findValues("key").stream().map(JsonNode::asText).toList());

        Document oai = Jsoup.parse(body("/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:127.0.0.1:" + id),
                "", Parser.xmlParser());
        assertEquals(List.of("Stalin, Joseph", "Molotov, Vyacheslav"), oai.select("dc|creator").eachText());
        assertEquals(List.of("Zhou, Enlai", "Mao, Zedong"), oai.select("dc|contributor").eachText());
    }

    @Test
    void anEditThatReversesTheAuthorsIsANewVersionWhoseCitationsFollowWhileTheFirstKeepsItsOrder() throws Exception {
        int id = catalogue.recordTitled("Cable from I.V. Stalin and V.M. Molotov");
        String stalin = String.valueOf(database.personId("stalin"));
        String molotov = String.valueOf(database.personId("molotov"));
        FormFields form = FormFields.at(alice, "/admin/documents/" + id + "/edit", "form.record-form");
        assertEquals("1", form.get("order-" + stalin), "the form numbers the people in the record's order");
        assertEquals("2", form.get("order-" + molotov));

        HttpResponse<String> same = alice.post("/admin/documents/" + id + "/edit",
                form.set("note", "Nothing changed").entries());
        assertEquals(422, same.statusCode(), "the same order is no change");
        assertTrue(same.body().contains("Nothing to save"));

        HttpResponse<String> saved = alice.post("/admin/documents/" + id + "/edit", form
                .set("order-" + stalin, "2").set("order-" + molotov, "1")
                .set("note", "The cable is signed Molotov, Stalin").entries());
        assertEquals(303, saved.statusCode(), saved.body());
        assertEquals(2, database.dsl().fetchCount(REVISION, REVISION.DOCUMENT_ID.eq(id)),
                "only the order changed, and that is a version");

        assertEquals(List.of("Molotov", "Stalin"), bibTeXAuthors(body("/documents/" + id + ".bib")));
        assertEquals(List.of("Molotov", "Stalin"), bibTeXAuthors(body("/documents/" + id + "/v/2.bib")));
        assertEquals(List.of("Molotov, Vyacheslav", "Stalin, Joseph"), risAuthors(body("/documents/" + id + ".ris")));
        assertEquals(List.of("Molotov", "Stalin"), families(csl(body("/documents/" + id + ".csl.json")).getAuthor()));
        Document now = page("/documents/" + id);
        assertEquals("From Vyacheslav Molotov and Joseph Stalin to Zhou Enlai",
                now.selectFirst(".record-correspondence").text());
        citedAuthors(now, ALLIANCE).forEach(authors -> molotovBeforeStalin(authors, "the record's cite box"));
        Document second = page("/documents/" + id + "/v/2");
        assertEquals("From Vyacheslav Molotov and Joseph Stalin to Zhou Enlai",
                second.selectFirst(".record-correspondence").text());

        Document first = page("/documents/" + id + "/v/1");
        assertEquals("From Joseph Stalin and Vyacheslav Molotov to Zhou Enlai",
                first.selectFirst(".record-correspondence").text(), "version 1 keeps its order");
        citedAuthors(first, ALLIANCE).forEach(authors -> stalinBeforeMolotov(authors, "version 1's cite box"));
        assertEquals(List.of("Stalin, Joseph", "Molotov, Vyacheslav"),
                first.select("meta[name=citation_author]").eachAttr("content"));
        assertEquals(List.of("Stalin", "Molotov"), bibTeXAuthors(body("/documents/" + id + "/v/1.bib")));
        assertEquals(List.of("Stalin, Joseph", "Molotov, Vyacheslav"), risAuthors(body("/documents/" + id + "/v/1.ris")));
        assertEquals(List.of("Stalin", "Molotov"),
                families(csl(body("/documents/" + id + "/v/1.csl.json")).getAuthor()));

        Document diff = page("/documents/" + id + "/history/2");
        assertEquals(List.of("Order of people"), diff.select(".diff dt").eachText(), "the order is what changed");
        assertEquals("Joseph Stalin (author); Vyacheslav Molotov (author); Zhou Enlai (recipient)",
                diff.selectFirst(".diff dd del").text());
        assertEquals("Vyacheslav Molotov (author); Joseph Stalin (author); Zhou Enlai (recipient)",
                diff.selectFirst(".diff dd ins").text());

        HttpResponse<String> again = alice.post("/admin/documents/" + id + "/edit",
                FormFields.at(alice, "/admin/documents/" + id + "/edit", "form.record-form")
                        .set("note", "Nothing changed").entries());
        assertEquals(422, again.statusCode(), "saving the new order again is no change either");

        FormFields restore = FormFields.at(alice, "/documents/" + id + "/history/1", "form.restore-form");
        HttpResponse<String> restored = alice.post("/admin/documents/" + id + "/restore", restore.entries());
        assertEquals(303, restored.statusCode(), restored.body());
        assertEquals(List.of("Stalin", "Molotov"), bibTeXAuthors(body("/documents/" + id + "/v/3.bib")),
                "restoring version 1 brings its order back, as version 3");
        assertEquals("From Joseph Stalin and Vyacheslav Molotov to Zhou Enlai",
                page("/documents/" + id).selectFirst(".record-correspondence").text());
    }

    @Test
    void anOrderThatIsNotANumberIsRefusedBesideThePeopleAndWhatWasTypedIsKept() {
        int id = catalogue.recordTitled("Letter from I.V. Stalin and V.M. Molotov to Chou En-lai");
        String stalin = String.valueOf(database.personId("stalin"));
        FormFields form = FormFields.at(alice, "/admin/documents/" + id + "/edit", "form.record-form")
                .set("order-" + stalin, "first").set("note", "Stalin signed first");
        HttpResponse<String> refused = alice.post("/admin/documents/" + id + "/edit", form.entries());
        assertEquals(422, refused.statusCode());
        Document page = Jsoup.parse(refused.body());
        assertTrue(page.selectFirst("#people-choices .field-error").text().startsWith("'first' is not a place in the order"),
                page.selectFirst("#people-choices .field-error").text());
        assertEquals("first", FormFields.of(refused.body(), "form.record-form").get("order-" + stalin));
        assertEquals(1, database.dsl().fetchCount(REVISION, REVISION.DOCUMENT_ID.eq(id)));
    }
}
