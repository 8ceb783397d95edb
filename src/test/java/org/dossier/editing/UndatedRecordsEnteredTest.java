package org.dossier.editing;

import static org.dossier.db.Tables.DOCUMENT;
import static org.dossier.db.Tables.REVISION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dossier.accounts.Role;
import org.dossier.db.tables.records.DocumentRecord;
import org.dossier.db.tables.records.RevisionRecord;
import org.dossier.documents.DocumentDate;
import org.dossier.documents.Permalinks;
import org.dossier.documents.RecordStore;
import org.dossier.importing.ImportReport;
import org.dossier.importing.ImportRun;
import org.dossier.testing.CatalogueDatabase;
import org.dossier.testing.Http;
import org.dossier.testing.SeededCatalogue;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Undated records (V22) made where records are made: an editor's form that says the document bears
 * no date ("Undated", "n.d."), a new record's, and an import's "Undated" entry. Each is a record
 * like any other: saved as a version, shown and cited as undated, found by search, given its date
 * back and undated again by a restore, and merged when two editors save at once.
 */
class UndatedRecordsEnteredTest {

    @RegisterExtension
    static final SeededCatalogue catalogue = SeededCatalogue.ownedByTheClass();
    private static final Http alice = Editors.signedIn(catalogue, "alice", Role.EDITOR);
    private static final Http bob = Editors.signedIn(catalogue, "bob", Role.EDITOR);
    private static final CatalogueDatabase database = CatalogueDatabase.forTheClass(catalogue);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static DocumentRecord row(int id) {
        return database.dsl().selectFrom(DOCUMENT).where(DOCUMENT.ID.eq(id)).fetchSingle();
    }

    private static List<RevisionRecord> revisions(int id) {
        return database.dsl().selectFrom(REVISION).where(REVISION.DOCUMENT_ID.eq(id)).orderBy(REVISION.NUMBER).fetch();
    }

    private static FormFields editForm(Http editor, int id) {
        return FormFields.at(editor, Permalinks.edit(id), "form.record-form");
    }

    private static HttpResponse<String> save(Http editor, int id, FormFields form) {
        return editor.post(Permalinks.edit(id), form.entries());
    }

    private static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElseThrow(() -> new AssertionError(
                response.statusCode() + " without a Location:\n" + response.body()));
    }

    /** The record's date key, precision and end as stored, "null null null" for an undated record. */
    private static String storedDate(int id) {
        DocumentRecord row = row(id);
        return row.getDateKey() + " " + row.getDatePrecision() + " " + row.getDateEndKey();
    }

    /** What the diff of version {@code number} says of the date, the old and new text apart. */
    private static Element dateChange(int id, int number) {
        return Jsoup.parse(alice.get(Permalinks.history(id, number)).body()).select("dl.diff dt").stream()
                .filter(dt -> dt.text().equals("Date")).findFirst()
                .orElseThrow(() -> new AssertionError("version " + number + " names no change of date"))
                .nextElementSibling();
    }

    /** The record's page as a reader reads it, at its canonical address. */
    private static Document recordPage(int id) {
        return Jsoup.parse(catalogue.http().anotherVisitor().get(Permalinks.canonical(id, row(id).getSlug())).body());
    }

    private static JsonNode json(String path) throws Exception {
        return JSON.readTree(catalogue.http().anotherVisitor().get(path).body());
    }

    @Test
    void anEditorMarksARecordUndatedAndItsPageCitationsJsonHistoryAndSearchSaySo() throws Exception {
        int id = catalogue.recordTitled("Ciphered Telegram No. 26044, Gromyko to Razuvaev");
        HttpResponse<String> saved = save(alice, id, editForm(alice, id).set("date", "n.d.")
                .set("note", "The date on the copy is a filing date, not the telegram's"));
        assertEquals(303, saved.statusCode(), saved.body());
        assertEquals("null null null", storedDate(id));
        assertEquals(false, row(id).getDateCirca());
        assertEquals(Arrays.asList("1951-11-21", null), revisions(id).stream().map(RevisionRecord::getDateKey).toList(),
                "the first version keeps its date");

        Document page = Jsoup.parse(catalogue.http().anotherVisitor().get(location(saved)).body());
        assertEquals(DocumentDate.UNDATED, page.selectFirst(".record-kicker .record-date").text());
        assertNull(page.selectFirst("time.record-date"), "no time element for a date there is not");
        String chicago = page.selectFirst("#citation-chicago-note").text();
        assertTrue(chicago.contains(", n.d.,"), chicago);
        String apa = page.selectFirst("#citation-apa").text();
        assertTrue(apa.contains("(n.d.)"), apa);
        assertNull(page.selectFirst("meta[name=citation_publication_date]"));

        JsonNode record = json(Permalinks.permanent(id) + ".json");
        assertEquals(DocumentDate.UNDATED, record.get("displayDate").asText());
        assertTrue(record.get("date").isNull(), record.toString());

        Element change = dateChange(id, 2);
        assertTrue(change.select("del").text().contains("November 21, 1951"), change.html());
        assertTrue(change.select("ins").text().contains(DocumentDate.UNDATED), change.html());

        JsonNode found = json("/search.json?q=26044+Razuvaev");
        assertEquals(1, found.get("total").asInt(), found.toString());
        assertEquals(DocumentDate.UNDATED, found.get("documents").get(0).get("displayDate").asText());

        // The form gives "Undated" back, reads it in its hint, and saved as it stands changes nothing.
        String form = alice.get(Permalinks.edit(id)).body();
        assertEquals(DocumentDate.UNDATED, FormFields.of(form, "form.record-form").get("date"));
        assertEquals("Undated: the document bears no date", Jsoup.parse(form).selectFirst(".date-reading").text());
        assertEquals(422, save(alice, id, editForm(alice, id).set("note", "Nothing")).statusCode());
        assertEquals(2, revisions(id).size());

        // Dated again, a version like any other; then undated again by restoring version 2.
        assertEquals(303, save(alice, id, editForm(alice, id).set("date", "ca. November 1951")
                .set("note", "The register places it in November")).statusCode());
        assertEquals("1951-11-01 MONTH null", storedDate(id));
        Element dated = dateChange(id, 3);
        assertTrue(dated.select("del").text().contains(DocumentDate.UNDATED), dated.html());
        assertTrue(dated.select("ins").text().contains("November 1951"), dated.html());

        FormFields restore = FormFields.of(alice.get(Permalinks.history(id, 2)).body(), "form.restore-form");
        assertEquals(303, alice.post(Permalinks.restore(id), restore.entries()).statusCode());
        assertEquals("null null null", storedDate(id));
        assertEquals(4, revisions(id).size());
        assertEquals(DocumentDate.UNDATED, recordPage(id).selectFirst(".record-kicker .record-date").text());
    }

    @Test
    void aNewRecordWhoseDateSaysUndatedIsCreatedUndated() {
        FormFields form = FormFields.at(alice, "/admin/documents/new", "form.record-form");
        HttpResponse<String> created = alice.post("/admin/documents/new", form.set("title", "Note on the Kaesong talks")
                .set("date", "[Undated]").set("summary", "Found loose in the 1951 folder.")
                .set("note", "Added from a loose sheet").entries());
        assertEquals(303, created.statusCode(), created.body());
        int id = Integer.parseInt(location(created).split("/")[2]);
        assertEquals("null null null", storedDate(id));
        assertNull(revisions(id).get(0).getDateKey());
        assertEquals(DocumentDate.UNDATED, Jsoup.parse(catalogue.http().anotherVisitor().get(location(created)).body())
                .selectFirst(".record-kicker .record-date").text());
    }

    @Test
    void anEmptyDateIsRefusedSayingToWriteADateOrUndatedWithWhatWasTypedKept() {
        String message = "date: Write a date: " + DocumentDate.SHAPES + "; or 'Undated' when the document bears none.";
        int id = catalogue.recordTitled("Ciphered Telegram No. 709, Filippov [Stalin] to Krasovsky");
        HttpResponse<String> refused = save(alice, id, editForm(alice, id).set("title", "A title as typed")
                .set("date", " ").set("note", "Lost the date"));
        assertEquals(422, refused.statusCode(), refused.body());
        assertEquals(message, Jsoup.parse(refused.body()).selectFirst("#date-error").text());
        FormFields kept = FormFields.of(refused.body(), "form.record-form");
        assertEquals("A title as typed", kept.get("title"));
        assertEquals(" ", kept.get("date"));
        assertEquals("Lost the date", kept.get("note"));
        assertEquals(1, revisions(id).size(), "nothing saved");
        assertEquals("1952-02-03 DAY null", storedDate(id));

        HttpResponse<String> newRefused = alice.post("/admin/documents/new",
                FormFields.at(alice, "/admin/documents/new", "form.record-form").set("title", "A new note")
                        .set("date", "").set("note", "New").entries());
        assertEquals(422, newRefused.statusCode(), newRefused.body());
        assertEquals(message, Jsoup.parse(newRefused.body()).selectFirst("#date-error").text());
        assertEquals("A new note", FormFields.of(newRefused.body(), "form.record-form").get("title"));
    }

    @Test
    void theFormsHintSaysHowToWriteThatTheDocumentBearsNoDate() {
        int id = catalogue.recordTitled("Cable, Stalin to Mao Zedong [via Kovalev]");
        String hint = Jsoup.parse(alice.get(Permalinks.edit(id)).body()).selectFirst("#date-hint").text();
        assertTrue(hint.contains("A document that bears no date: \u2018Undated\u2019 (or \u2018n.d.\u2019)."), hint);
    }

    @Test
    void aStaleSaveTakesTheOtherEditorsUndatingWhereItLeftTheDateAlone() {
        int id = catalogue.recordTitled("Ciphered Telegram No. 502597, Razuvaev to Cdes. Vasilevsky");
        FormFields alicesForm = editForm(alice, id);
        assertEquals(303, save(bob, id, editForm(bob, id).set("date", "Undated").set("note", "Bob: the date is lost"))
                .statusCode());

        HttpResponse<String> stale = save(alice, id, alicesForm.set("summary", "Alice's summary.").set("note", "Alice's"));
        assertEquals(409, stale.statusCode(), stale.body());
        FormFields merged = FormFields.of(stale.body(), "form.record-form");
        assertEquals(DocumentDate.UNDATED, merged.get("date"), "Bob's change, which Alice left alone");
        assertEquals("Alice's summary.", merged.get("summary"));
        assertEquals("Taken into your form from version 2, as you had not changed them: Date.",
                Jsoup.parse(stale.body()).selectFirst(".merge-notes .taken").text());
        assertEquals(303, save(alice, id, merged).statusCode());
        assertEquals("null null null", storedDate(id));
        assertEquals("Alice's summary.", row(id).getSummary());
        assertEquals(3, revisions(id).size());
    }

    @Test
    void aStaleSaveWhereBothChangedTheDateKeepsWhatTheEditorTypedAndSaysSo() {
        int id = catalogue.recordTitled("Hand-delivered letter, Filippov (Stalin) to Mao Zedong");
        FormFields alicesForm = editForm(alice, id);
        assertEquals(303, save(bob, id, editForm(bob, id).set("date", "n.d.").set("note", "Bob: undated")).statusCode());

        HttpResponse<String> stale = save(alice, id, alicesForm.set("date", "ca. 1952").set("note", "Alice: about 1952"));
        assertEquals(409, stale.statusCode(), stale.body());
        Document conflict = Jsoup.parse(stale.body());
        assertEquals("ca. 1952", FormFields.of(stale.body(), "form.record-form").get("date"));
        assertTrue(conflict.selectFirst(".merge-notes .changed-by-both").text().contains("Date"),
                conflict.selectFirst(".merge-notes").text());
        assertEquals(DocumentDate.UNDATED, conflict.selectFirst(".saved-version .saved-date").text(),
                "the version saved meanwhile, beside the form, says Undated");
        assertEquals("null null null", storedDate(id), "nothing of Alice's saved yet");
    }

    @Test
    void aFormMarkingARecordUndatedWithoutItsTokenIsRefusedAndChangesNothing() {
        int id = catalogue.recordTitled("Ciphered Telegram No. 21646 from Mao Zedong to Filippov");
        FormFields form = editForm(alice, id).set("date", "Undated").set("note", "forged");
        for (FormFields forged : List.of(form.without("csrf"), form.set("csrf", "guess"))) {
            assertEquals(403, save(alice, id, forged).statusCode());
        }
        assertEquals(401, catalogue.http().anotherVisitor().post(Permalinks.edit(id), form.entries()).statusCode(),
                "nor by a visitor who is not signed in");
        assertEquals("1952-07-18 DAY null", storedDate(id));
    }

    /**
     * A merge moves an undated record's link through the write path every other change takes (the
     * record's draft read back, its links changed): the record stays undated, in its row and its new
     * version.
     */
    @Test
    void aMergeOfAPersonAnUndatedRecordNamesLeavesTheRecordUndated() {
        int id = catalogue.recordTitled("Cable, Stalin to Mao Zedong [via Kovalev]");
        assertEquals(303, save(alice, id, editForm(alice, id).set("date", "Undated").set("note", "Undated copy"))
                .statusCode());
        HttpResponse<String> made = alice.post("/admin/people/new", FormFields.at(alice, "/admin/people/new",
                "form.authority-form").set("name", "Ivan Vladimirovich Kovalev").set("kind", "person")
                .set("note", "Named in full").entries());
        assertEquals(303, made.statusCode(), made.body());
        Document form = Jsoup.parse(alice.get("/admin/people/kovalev/merge").body());
        HttpResponse<String> merged = alice.post("/admin/people/kovalev/merge", java.util.Map.of("csrf",
                Editors.csrf(form.html()), "version", form.selectFirst("input[name=version]").val(),
                "survivor", "ivan-vladimirovich-kovalev", "note", "One man, entered twice"));
        assertEquals(303, merged.statusCode(), merged.body());
        database.awaitMergesMoved();
        assertEquals(3, revisions(id).size(), "the merge's version");
        assertEquals("null null null", storedDate(id));
        assertNull(revisions(id).get(2).getDateKey());
        assertEquals(DocumentDate.UNDATED, recordPage(id).selectFirst(".record-kicker .record-date").text());
    }

    /**
     * A seed page's "Undated" entry, imported beside the running site, is a record the node shows,
     * finds and counts as undated, once its index has followed the import.
     */
    @Test
    void anImportedUndatedEntryIsShownAndFoundOnTheRunningSite() throws Exception {
        Path page = Files.createTempFile(catalogue.folder(), "undated", ".txt");
        Files.writeString(page, "Skip to content\n\nUndated\n\nMemorandum on the Panmunjom latrines\n\n"
                + "No date on the carbon copy.\n", StandardCharsets.UTF_8);
        ImportReport report = new ImportRun(new RecordStore(database.dsl(), Clock.systemUTC()), Clock.systemUTC())
                .run(List.of(page));
        assertEquals(1, report.created());
        int id = catalogue.recordTitled("Memorandum on the Panmunjom latrines");
        assertEquals("null null null", storedDate(id));
        assertEquals(DocumentDate.UNDATED, recordPage(id).selectFirst(".record-kicker .record-date").text());

        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        JsonNode found = json("/search.json?q=Panmunjom+latrines");
        while (found.get("total").asInt() == 0 && System.nanoTime() - until < 0) {
            Thread.sleep(100);
            catalogue.http().get("/ready"); // a node behind catches up when asked whether it is ready
            found = json("/search.json?q=Panmunjom+latrines");
        }
        assertEquals(1, found.get("total").asInt(), found.toString());
        assertEquals(DocumentDate.UNDATED, found.get("documents").get(0).get("displayDate").asText());
    }
}
