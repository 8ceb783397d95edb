package org.dossier.editing;

import static org.dossier.db.Tables.DOCUMENT;
import static org.dossier.db.Tables.DOCUMENT_PERSON;
import static org.dossier.db.Tables.PERSON;
import static org.dossier.db.Tables.REVISION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dossier.accounts.Role;
import org.dossier.app.Main;
import org.dossier.authorities.AuthorityKind;
import org.dossier.authorities.AuthorityRecords;
import org.dossier.authorities.AuthorityWriter;
import org.dossier.authorities.StoredAuthority;
import org.dossier.db.tables.records.DocumentRecord;
import org.dossier.db.tables.records.RevisionRecord;
import org.dossier.documents.Attribution;
import org.dossier.documents.RecordStore;
import org.dossier.testing.CatalogueDatabase;
import org.dossier.testing.Http;
import org.dossier.testing.SeededCatalogue;
import org.dossier.testing.TestCatalogue;
import org.dossier.web.NotFound;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Correcting, adding, withdrawing and restoring records through the forms of a real server. */
class EditingTest {

    @RegisterExtension
    static final SeededCatalogue catalogue = SeededCatalogue.ownedByTheClass();
    private static final Http alice = Editors.signedIn(catalogue, "alice", Role.EDITOR);
    private static final Http bob = Editors.signedIn(catalogue, "bob", Role.ADMIN);

    private static final CatalogueDatabase database = CatalogueDatabase.forTheClass(catalogue);

    private static DocumentRecord row(int id) {
        return database.dsl().selectFrom(DOCUMENT).where(DOCUMENT.ID.eq(id)).fetchSingle();
    }

    private static List<RevisionRecord> revisions(int id) {
        return database.dsl().selectFrom(REVISION).where(REVISION.DOCUMENT_ID.eq(id)).orderBy(REVISION.NUMBER).fetch();
    }

    private static FormFields editForm(Http editor, int id) {
        return FormFields.at(editor, "/admin/documents/" + id + "/edit", "form.record-form");
    }

    /** Alice corrects a phrase in the one summary that has it; returns the record's id. */
    private static int correctSummary(String wrong, String right, String note) {
        int id = database.dsl().select(DOCUMENT.ID).from(DOCUMENT).where(DOCUMENT.SUMMARY.contains(wrong))
                .fetchSingle(DOCUMENT.ID);
        FormFields form = editForm(alice, id);
        assertEquals(303, alice.post("/admin/documents/" + id + "/edit", form
                .set("summary", form.get("summary").replace(wrong, right)).set("note", note).entries()).statusCode());
        return id;
    }

    private static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElseThrow(() -> new AssertionError(
                response.statusCode() + " without a Location:\n" + response.body()));
    }

    @Test
    void anEditIsANewVersionWithItsAuthorAndNoteAndTheOldSlugRedirects() {
        int id = catalogue.recordTitled("(via Shtytkov)");
        String oldPath = "/documents/" + id + "/" + row(id).getSlug();
        FormFields form = editForm(alice, id);
        assertEquals("1", form.get("version"));

        HttpResponse<String> saved = alice.post("/admin/documents/" + id + "/edit", form
                .set("title", "Letter from Feng Xi (Stalin) to Kim Il Sung (via Shtykov)")
                .set("note", "Shtytkov is a misspelling of Shtykov").entries());
        assertEquals(303, saved.statusCode(), saved.body());
        String newPath = "/documents/" + id + "/letter-from-feng-xi-stalin-to-kim-il-sung-via-shtykov";
        assertEquals(newPath + "?saved=2", location(saved));
        Document afterSave = Jsoup.parse(alice.get(location(saved)).body());
        assertEquals("Saved \u2014 version 2.", afterSave.selectFirst(".saved-notice").text());
        assertNull(Jsoup.parse(catalogue.http().anotherVisitor().get(location(saved)).body()).selectFirst(".saved-notice"),
                "readers are told nothing");

        DocumentRecord now = row(id);
        assertEquals(2, now.getVersion());
        assertEquals("Letter from Feng Xi (Stalin) to Kim Il Sung (via Shtykov)", now.getTitle());
        RevisionRecord latest = revisions(id).get(1);
        assertEquals("alice", latest.getAuthor());
        assertEquals("Shtytkov is a misspelling of Shtykov", latest.getNote());
        assertNull(latest.getSource());
        assertEquals(now.getTitle(), latest.getTitle());
        assertEquals(revisions(id).get(0).getSummary(), latest.getSummary(), "every revision holds the record whole");

        Http reader = catalogue.http().anotherVisitor();
        assertEquals(newPath, location(reader.get(oldPath)));
        assertEquals(301, reader.get(oldPath).statusCode());
        assertEquals(newPath, location(reader.get("/documents/" + id)));
        assertEquals(now.getTitle(), Jsoup.parse(reader.get(newPath).body()).selectFirst("h1.record-title").text());
    }

    @Test
    void aBadFieldIsNamedBesideItTheTypedTextIsKeptAndNothingIsSaved() {
        int id = catalogue.recordTitled("Record of a Conversation with DPRK MFA Counselor Pak Deok-hwan");
        FormFields form = editForm(alice, id).set("title", "A title as typed <em>").set("date", "Febuary 1942")
                .set("summary", "My new summary.").set("note", " ");
        HttpResponse<String> refused = alice.post("/admin/documents/" + id + "/edit", form.entries());
        assertEquals(422, refused.statusCode());
        Document page = Jsoup.parse(refused.body());
        assertEquals("date: 'Febuary 1942' is not a date (write it as 'May 10, 1943', '10 May 1943', 'February 1942' or '1950', "
                + "'ca. 1962' when approximate, and '1961–1962' or 'March–April 1962' for a span; or 'Undated' when the "
                + "document bears none)", page.selectFirst("#date-error").text());
        assertNotNull(page.selectFirst("#date + #date-error"), "the message sits right after its field");
        assertEquals("Say what you corrected and why: the note is kept in the history.", page.selectFirst("#note-error").text());
        assertNull(page.selectFirst("#title-error"));
        FormFields kept = FormFields.of(refused.body(), "form.record-form");
        assertEquals("A title as typed <em>", kept.get("title"));
        assertEquals("Febuary 1942", kept.get("date"));
        assertEquals("My new summary.", kept.get("summary"));
        assertEquals(form.all("person"), kept.all("person"));
        assertEquals("1", kept.get("version"));
        assertEquals(1, row(id).getVersion());
        assertEquals(1, revisions(id).size());
    }

    @Test
    void aSummaryWithAControlCharacterIsRefusedAtItsFieldWithWhatWasTypedKeptAndNothingSaved() {
        int id = catalogue.recordTitled("Concentering the Situation on Taiwan");
        String typed = "A bell \u0007 rang in the summary.";
        FormFields form = editForm(alice, id).set("summary", typed).set("note", "Pasted from a terminal");
        HttpResponse<String> refused = alice.post("/admin/documents/" + id + "/edit", form.entries());
        assertEquals(422, refused.statusCode());
        Document page = Jsoup.parse(refused.body());
        assertTrue(page.selectFirst("#summary-error").text().contains("control character, which shows nothing (U+0007"),
                page.selectFirst("#summary-error").text());
        assertEquals(typed, FormFields.of(refused.body(), "form.record-form").get("summary"));
        assertEquals(1, row(id).getVersion());
        assertFalse(row(id).getSummary().contains("\u0007"));
    }

    @Test
    void aBidiOverrideLeftOpenInATitleSummaryOrReasonIsDroppedOnSavingSoItTurnsNothingAround() {
        String title = "Cable, Stalin to Mao Zedong [via Kovalev]";
        int id = catalogue.recordTitled(title);
        FormFields form = editForm(alice, id);
        HttpResponse<String> saved = alice.post("/admin/documents/" + id + "/edit", form
                .set("title", "Cable, \u202EStalin to Mao Zedong \u2067[via Kovalev]")
                .set("summary", "Reversed \u202Ehere.").set("note", "Pasted \u202Efrom a PDF").entries());
        assertEquals(303, saved.statusCode(), saved.body());
        assertEquals(title, row(id).getTitle());
        assertEquals("Reversed here.", row(id).getSummary());
        assertEquals("Pasted from a PDF", revisions(id).get(revisions(id).size() - 1).getNote());
        Document page = Jsoup.parse(catalogue.http().anotherVisitor().get(location(saved)).body());
        assertEquals(title + " \u00b7 Dossier", page.title());

        FormFields withdraw = FormFields.at(alice, "/admin/documents/" + id + "/withdraw", "form.stacked-form");
        assertEquals(303, alice.post("/admin/documents/" + id + "/withdraw",
                withdraw.set("reason", "A \u202Eduplicate of another record.").entries()).statusCode());
        assertEquals("A duplicate of another record.", row(id).getWithdrawnReason());
        FormFields reinstate = FormFields.at(alice, "/admin/documents/" + id + "/withdraw", "form.stacked-form");
        assertEquals(303, alice.post("/admin/documents/" + id + "/reinstate",
                reinstate.set("note", "Not a duplicate").entries()).statusCode());
    }

    @Test
    void aStaleSaveIsRefusedShowingBothVersionsKeepingWhatTheEditorChangedAndTakingWhatTheyLeftAlone() {
        int id = catalogue.recordTitled("A.M. Puzanov for 29 May 1957");
        FormFields alicesForm = editForm(alice, id);
        FormFields bobsForm = editForm(bob, id);
        assertEquals(303, bob.post("/admin/documents/" + id + "/edit", bobsForm.set("date", "1950")
                .set("title", "Bob's title").set("note", "Bob's correction").entries()).statusCode());

        HttpResponse<String> stale = alice.post("/admin/documents/" + id + "/edit", alicesForm
                .set("summary", "Alice's summary.").set("note", "Alice's correction").entries());
        assertEquals(409, stale.statusCode());
        DocumentRecord now = row(id);
        assertEquals(2, now.getVersion(), "the stale save changed nothing");
        assertEquals("Bob's title", now.getTitle());
        assertFalse(now.getSummary().contains("Alice"));

        Document page = Jsoup.parse(stale.body());
        page.outputSettings().prettyPrint(false);
        String conflict = page.selectFirst(".conflict").text();
        assertTrue(conflict.contains("You opened version 1. Since then bob saved version 2"), conflict);
        assertTrue(conflict.contains("Bob's correction"), conflict);
        assertEquals("Bob's title", page.selectFirst(".saved-version .saved-title").text());
        assertEquals("1950 (to the year)", page.selectFirst(".saved-version .saved-date").text());
        assertTrue(page.selectFirst(".since-opened").html().contains("<ins>Bob"), "what bob changed is shown as a diff");
        FormFields mine = FormFields.of(stale.body(), "form.record-form");
        assertEquals("Alice's summary.", mine.get("summary"));
        assertEquals("Alice's correction", mine.get("note"));
        // Alice had not touched the title or the date: sent again as she opened them, they would undo Bob's.
        assertEquals("Bob's title", mine.get("title"));
        assertEquals("1950", mine.get("date"));
        assertEquals("Taken into your form from version 2, as you had not changed them: Title, Date.",
                page.selectFirst(".conflict .merge-notes .taken").text());
        assertNull(page.selectFirst(".conflict .merge-notes .changed-by-both"), "no field did both change");
        assertEquals("2", mine.get("version"), "the merged form is based on what is saved now");

        HttpResponse<String> merged = alice.post("/admin/documents/" + id + "/edit", mine.entries());
        assertEquals(303, merged.statusCode());
        now = row(id);
        assertEquals(3, now.getVersion());
        assertEquals("Bob's title", now.getTitle());
        assertEquals("Alice's summary.", now.getSummary());
        assertEquals("alice", revisions(id).get(2).getAuthor());
    }

    /**
     * Two editors from one version, each changing what the other left, both the same field, or a
     * list: the refused one's form holds their own changes, the other's where they changed nothing,
     * and both sets of changes to a list; a field emptied by one and edited by the other keeps the
     * refused one's text and is named; a change of spaces alone is no change.
     */
    @Test
    void aStaleSaveMergesFieldByFieldNamingWhatBothChanged() {
        int id = catalogue.recordTitled("Memorandum of Conversation between Anastas Mikoyan and Zhou Enlai");
        String page = alice.get("/admin/documents/" + id + "/edit").body();
        FormFields alicesForm = FormFields.of(page, "form.record-form");
        FormFields bobsForm = editForm(bob, id);
        List<String> placesOpened = alicesForm.all("place");
        String korea = FormFields.choiceId(page, "place", "Korea");
        String japan = FormFields.choiceId(page, "place", "Japan");
        assertFalse(placesOpened.contains(korea) || placesOpened.contains(japan), placesOpened.toString());
        assertFalse(placesOpened.isEmpty(), "a place that one of them removes");
        String removedByBob = placesOpened.get(0);

        FormFields bobs = bobsForm.set("summary", "").set("languages", "Russian").set("date", "1952")
                .without("place").set("note", "Bob's correction");
        for (String place : placesOpened.subList(1, placesOpened.size())) {
            bobs = bobs.add("place", place);
        }
        assertEquals(303, bob.post("/admin/documents/" + id + "/edit", bobs.add("place", korea).entries()).statusCode());

        HttpResponse<String> stale = alice.post("/admin/documents/" + id + "/edit", alicesForm
                .set("title", "  " + alicesForm.get("title").replace(" ", "  ") + " ")
                .set("summary", "Alice's summary.").set("languages", "Chinese").add("place", japan)
                .set("note", "Alice's correction").entries());
        assertEquals(409, stale.statusCode(), stale.body());
        assertEquals(2, row(id).getVersion());
        Document conflict = Jsoup.parse(stale.body());
        FormFields mine = FormFields.of(stale.body(), "form.record-form");
        assertEquals(row(id).getTitle(), mine.get("title").strip().replaceAll(" +", " "), "spaces alone are no change");
        assertEquals("1952", mine.get("date"), "Bob's date, which Alice left alone");
        assertEquals("Alice's summary.", mine.get("summary"), "hers, though Bob emptied it");
        assertEquals("Chinese, Russian", mine.get("languages"), "hers first, then what Bob added");
        List<String> places = mine.all("place").stream().sorted().toList();
        assertTrue(places.contains(korea) && places.contains(japan), places.toString());
        assertFalse(places.contains(removedByBob), "Bob removed it and Alice left it: " + places);
        assertEquals("Taken into your form from version 2, as you had not changed them: Date.",
                conflict.selectFirst(".merge-notes .taken").text());
        assertEquals("Changed by you both: Summary. The form has what you wrote; compare it with what is saved now.",
                conflict.selectFirst(".merge-notes .changed-by-both").text());
        assertTrue(conflict.selectFirst(".merge-notes .combined").text().endsWith(": Languages, Places."),
                conflict.selectFirst(".merge-notes .combined").text());

        assertEquals(303, alice.post("/admin/documents/" + id + "/edit", mine.entries()).statusCode());
        DocumentRecord now = row(id);
        assertEquals(3, now.getVersion());
        assertEquals("1952-01-01 YEAR", now.getDateKey() + " " + now.getDatePrecision());
        assertEquals("zh ru", now.getLanguages().stored());
        assertEquals("Alice's summary.", now.getSummary());
    }

    @Test
    void anApproximateDateTypedInTheFormIsSavedShownEverywhereAndKeptApartInHistory() throws Exception {
        int id = catalogue.recordTitled("Stalin and the Roman Catholic Priest Stanislaus Orlemanski");
        HttpResponse<String> saved = alice.post("/admin/documents/" + id + "/edit", editForm(alice, id)
                .set("date", "[April 1944?]").set("note", "The copy is undated; the register places it in April").entries());
        assertEquals(303, saved.statusCode(), saved.body());
        assertTrue(row(id).getDateCirca());
        assertEquals(List.of(false, true), revisions(id).stream().map(RevisionRecord::getDateCirca).toList(),
                "the first version keeps its certain date");

        Http reader = catalogue.http().anotherVisitor();
        Document page = Jsoup.parse(reader.get(location(saved)).body());
        assertEquals("ca. April 1944", page.selectFirst("time.record-date").text());
        assertEquals("1944-04", page.selectFirst("time.record-date").attr("datetime"), "a valid datetime: the month it is near");
        assertEquals("April 28, 1944", Jsoup.parse(reader.get("/documents/" + id + "/v/1").body())
                .selectFirst("time.record-date").text());
        Element dateChange = Jsoup.parse(reader.get("/documents/" + id + "/history/2").body()).select("dl.diff dt").stream()
                .filter(dt -> dt.text().equals("Date")).findFirst().orElseThrow().nextElementSibling();
        assertTrue(dateChange.select("ins").text().contains("ca."), "the history shows the date made approximate: "
                + dateChange.html());
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(reader.get("/documents/" + id + ".json").body());
        assertTrue(json.get("dateCirca").asBoolean());
        assertEquals("1944-04~", json.get("dateEdtf").asText());
        assertEquals("ca. April 1944", json.get("displayDate").asText());

        assertTheFormGivesTheDateBackAndSavingItAsItStandsChangesNothing(id, "ca. April 1944");
    }

    /** The edit form gives the record's date back as {@code shown}, which reads again as the same date: no version. */
    private static void assertTheFormGivesTheDateBackAndSavingItAsItStandsChangesNothing(int id, String shown) {
        int versions = revisions(id).size();
        FormFields again = editForm(alice, id);
        assertEquals(shown, again.get("date"), "the form gives the date back as it reads it again");
        assertEquals(422, alice.post("/admin/documents/" + id + "/edit", again.set("note", "Nothing").entries()).statusCode(),
                "saved as it stands, nothing changed");
        assertEquals(versions, revisions(id).size());
    }

    @Test
    void aSpanTypedInTheFormIsSavedShownFoundByAnOverlappingRangeAndCountedUnderEachYear() throws Exception {
        int id = catalogue.recordTitled("Joseph V. Stalin to Ja'far Pishevari");
        Http reader = catalogue.http().anotherVisitor();
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        // No record of the seed pages is dated 1947: what is found there is the span alone.
        assertEquals(0, mapper.readTree(reader.get("/search.json?from=1947-02&to=1947").body()).get("total").asInt());

        HttpResponse<String> refused = alice.post("/admin/documents/" + id + "/edit", editForm(alice, id)
                .set("date", "1947\u20131946").set("note", "The file runs into the next year").entries());
        assertEquals(422, refused.statusCode());
        Document refusedPage = Jsoup.parse(refused.body());
        assertEquals("date: '1947\u20131946' ends before it begins (1946 is before 1947); a span's end comes after its start",
                refusedPage.selectFirst("#date-error").text());
        assertEquals("1947\u20131946", refusedPage.selectFirst("#date").val(), "what was typed is kept");
        assertEquals(1, revisions(id).size(), "nothing changed");

        HttpResponse<String> saved = alice.post("/admin/documents/" + id + "/edit", editForm(alice, id)
                .set("date", "May 1946 - March 1947").set("note", "The file runs into the next year").entries());
        assertEquals(303, saved.statusCode(), saved.body());
        assertEquals("1946-05-01", row(id).getDateKey(), "it sorts by its start");
        assertEquals("1947-03-01", row(id).getDateEndKey());
        assertEquals(java.util.Arrays.asList(null, "1947-03-01"),
                revisions(id).stream().map(RevisionRecord::getDateEndKey).toList(), "the first version keeps its one day");

        Document page = Jsoup.parse(reader.get(location(saved)).body());
        assertEquals("May 1946 \u2013 March 1947", page.selectFirst("time.record-date").text());
        assertEquals("1946-05", page.selectFirst("time.record-date").attr("datetime"), "a valid datetime: its start");
        Element dateChange = Jsoup.parse(reader.get("/documents/" + id + "/history/2").body()).select("dl.diff dt").stream()
                .filter(dt -> dt.text().equals("Date")).findFirst().orElseThrow().nextElementSibling();
        assertTrue(dateChange.text().contains("March 1947"), "the history shows the span: " + dateChange.html());
        var json = mapper.readTree(reader.get("/documents/" + id + ".json").body());
        assertEquals("1946-05/1947-03", json.get("dateEdtf").asText());
        assertEquals("1947-03", json.get("dateEnd").asText());
        assertEquals("month", json.get("dateEndPrecision").asText());

        // A range that meets only its end finds it; a range it is not wholly within leaves it out, and says so.
        var found = mapper.readTree(reader.get("/search.json?from=1947-02&to=1947").body());
        assertEquals(1, found.get("total").asInt());
        assertTrue(found.get("documents").get(0).get("url").asText().contains("/documents/" + id));
        assertEquals(0, mapper.readTree(reader.get("/search.json?from=1947&to=1947&dated=within").body()).get("total").asInt());
        assertEquals(1, mapper.readTree(reader.get("/search.json?year=1947").body()).get("total").asInt());
        var years = new java.util.HashMap<String, Integer>();
        mapper.readTree(reader.get("/search.json").body()).get("facets").get("year")
                .forEach(y -> years.put(y.get("value").asText(), y.get("count").asInt()));
        assertEquals(1, years.get("1947"), "counted under each year it spans: " + years);
        assertTrue(years.get("1946") >= 1, years.toString());
        Document searched = Jsoup.parse(reader.get("/search?from=1947-02&to=1947").body());
        assertEquals("May 1946 \u2013 March 1947", searched.selectFirst("time").text());
        String harvested = reader.get("/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:127.0.0.1:" + id).body();
        assertTrue(harvested.contains("<dc:date>1946-05/1947-03</dc:date>"), "OAI-PMH gives the ISO interval: " + harvested);

        assertTheFormGivesTheDateBackAndSavingItAsItStandsChangesNothing(id, "May 1946 \u2013 March 1947");
    }

    @Test
    void savingWhatTheRecordAlreadySaysMakesNoVersion() {
        int id = catalogue.recordTitled(
                "Record of a Conversation with Zhou Enlai, Premier of the PRC State Administrative Council");
        HttpResponse<String> same = alice.post("/admin/documents/" + id + "/edit",
                editForm(alice, id).set("note", "Nothing really").entries());
        assertEquals(422, same.statusCode());
        assertTrue(same.body().contains("Nothing to save"));
        assertEquals(1, revisions(id).size());
    }

    /**
     * Spaces doubled, a no-break space or a tab between words: the record reads the same, as an import folds them, so the save is no change (no version whose
     * history shows nothing changed). A change of case is a change.
     */
    @Test
    void aSaveThatOnlyRespacesTheTextIsNoChangeButOneOfCaseIsAVersion() {
        int id = catalogue.recordTitled("Apollon Petrov and Zhou Enlai and Wang Ruofei");
        FormFields form = editForm(alice, id);
        HttpResponse<String> respaced = alice.post("/admin/documents/" + id + "/edit", form
                .set("title", form.get("title").replace(" ", " \u00a0 "))
                .set("summary", form.get("summary").replace(" ", "\t ") + "  \n\n\n ")
                .set("note", "Tidied the spaces").entries());
        assertEquals(422, respaced.statusCode(), respaced.body());
        assertTrue(respaced.body().contains("Nothing to save"));
        assertEquals(1, revisions(id).size());

        HttpResponse<String> recased = alice.post("/admin/documents/" + id + "/edit", form
                .set("title", form.get("title").replace("Zhou Enlai", "ZHOU Enlai")).set("note", "Family name in capitals").entries());
        assertEquals(303, recased.statusCode(), recased.body());
        assertEquals(2, revisions(id).size());
        assertTrue(row(id).getTitle().contains("ZHOU Enlai"));
    }

    @Test
    void aNewDocumentGetsTheNextNumberAndItsFirstVersion() {
        HttpResponse<String> blank = alice.get("/admin/documents/new");
        assertEquals(200, blank.statusCode());
        FormFields form = FormFields.of(blank.body(), "form.record-form");
        assertTrue(form.all("version").isEmpty());
        HttpResponse<String> created = alice.post("/admin/documents/new", form.set("title", "Memorandum on the Korean Armistice")
                .set("date", "July 1953").set("summary", "One.\n\nTwo.").add("person", "1").add("place", "2")
                .set("note", "Added from the 1953 folder").entries());
        assertEquals(303, created.statusCode(), created.body());
        String path = location(created);
        assertTrue(path.matches("/documents/\\d+/memorandum-on-the-korean-armistice\\?saved=1"), path);
        int id = Integer.parseInt(path.split("/")[2]);
        DocumentRecord row = row(id);
        assertEquals("1953-07-01", row.getDateKey());
        assertEquals(org.dossier.documents.DatePrecision.MONTH, row.getDatePrecision());
        assertEquals("One.\n\nTwo.", row.getSummary());
        RevisionRecord first = revisions(id).get(0);
        assertEquals(1, first.getNumber());
        assertEquals("alice", first.getAuthor());
        assertEquals("Added from the 1953 folder", first.getNote());
        Document page = Jsoup.parse(catalogue.http().anotherVisitor().get(path).body());
        assertEquals("July 1953", page.selectFirst(".record-date").text());
        assertEquals(2, page.select(".record-summary p").size());
    }

    /**
     * One new-record form sent twice (a double click; a browser, proxy or editor sending it again after
     * a save whose answer was lost) made two records of one. Sent again, one after the other or both at
     * once, it goes to the record it created; a form opened afresh makes a new one.
     */
    @Test
    void aNewRecordsFormSentTwiceCreatesOneRecordAndGoesToIt() throws Exception {
        FormFields form = FormFields.at(alice, "/admin/documents/new", "form.record-form")
                .set("title", "Telegram sent twice on the Panmunjom talks").set("date", "1952")
                .set("note", "Added from the 1952 folder");
        assertFalse(form.get("formToken").isBlank(), "the form carries its token");
        HttpResponse<String> first = alice.post("/admin/documents/new", form.entries());
        assertEquals(303, first.statusCode(), first.body());
        HttpResponse<String> again = alice.post("/admin/documents/new", form.entries());
        assertEquals(303, again.statusCode(), again.body());
        assertEquals(location(first), location(again));
        assertEquals(1, database.dsl().fetchCount(DOCUMENT, DOCUMENT.TITLE.eq("Telegram sent twice on the Panmunjom talks")));

        // Both at once: on PostgreSQL two transactions, neither seeing the other's record.
        FormFields twice = FormFields.at(alice, "/admin/documents/new", "form.record-form")
                .set("title", "Telegram sent twice at once").set("date", "1952").set("note", "Double click");
        var sends = java.util.stream.IntStream.range(0, 2).mapToObj(i -> java.util.concurrent.CompletableFuture.supplyAsync(
                () -> alice.post("/admin/documents/new", twice.entries()))).toList();
        java.util.Set<String> landedOn = new java.util.HashSet<>();
        for (var send : sends) {
            HttpResponse<String> sent = send.get(60, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(303, sent.statusCode(), sent.body());
            landedOn.add(location(sent));
        }
        assertEquals(1, landedOn.size(), landedOn.toString());
        assertEquals(1, database.dsl().fetchCount(DOCUMENT, DOCUMENT.TITLE.eq("Telegram sent twice at once")));

        // The same text from a form opened afresh is another record, as an editor who means it wants.
        FormFields afresh = FormFields.at(alice, "/admin/documents/new", "form.record-form")
                .set("title", "Telegram sent twice at once").set("date", "1952").set("note", "Another copy");
        assertEquals(303, alice.post("/admin/documents/new", afresh.entries()).statusCode());
        assertEquals(2, database.dsl().fetchCount(DOCUMENT, DOCUMENT.TITLE.eq("Telegram sent twice at once")));

        // A token this site did not give out saves nothing, and keeps what was typed.
        HttpResponse<String> forged = alice.post("/admin/documents/new", FormFields.of(alice.get("/admin/documents/new")
                .body(), "form.record-form").set("title", "A forged token").set("date", "1952").set("note", "n")
                .set("formToken", "<not a token>").entries());
        assertEquals(422, forged.statusCode(), forged.body());
        assertEquals("A forged token", FormFields.of(forged.body(), "form.record-form").get("title"));
        assertEquals(0, database.dsl().fetchCount(DOCUMENT, DOCUMENT.TITLE.eq("A forged token")));
    }

    @Test
    void aWithdrawnRecordKeepsItsNumberAnswers410WithItsReasonKeepsItsHistoryReadableAsItsVersionsAndCanComeBack() {
        int id = catalogue.recordTitled("Telegram from Gromyko to Poskrebyshevu");
        Http reader = catalogue.http().anotherVisitor();
        String canonical = location(reader.get("/documents/" + id));
        FormFields form = FormFields.at(alice, "/admin/documents/" + id + "/withdraw", "form.stacked-form");
        assertEquals(422, alice.post("/admin/documents/" + id + "/withdraw", form.entries()).statusCode(), "a reason is required");
        HttpResponse<String> bell = alice.post("/admin/documents/" + id + "/withdraw",
                form.set("reason", "Duplicate\u0007 of document 12").entries());
        assertEquals(422, bell.statusCode(), "a reason with a control character is refused");
        assertTrue(Jsoup.parse(bell.body()).text().contains("The reason has a control character, which shows nothing (U+0007"),
                bell.body());
        assertEquals(200, reader.get(canonical).statusCode(), "and the record is still in the catalogue");

        HttpResponse<String> withdrawn = alice.post("/admin/documents/" + id + "/withdraw",
                form.set("reason", "Duplicate of document 12").entries());
        assertEquals(303, withdrawn.statusCode());
        for (String path : List.of("/documents/" + id, canonical, "/documents/" + id + "/history",
                "/documents/" + id + "/history/1", "/documents/" + id + "/v/1")) {
            HttpResponse<String> gone = reader.get(path);
            assertEquals(410, gone.statusCode(), path);
            assertEquals("Duplicate of document 12", Jsoup.parse(gone.body()).selectFirst(".withdrawn-reason").text());
        }
        // Its history stays readable, as its versions do: a citation of one of them can be checked.
        Document history = Jsoup.parse(reader.get("/documents/" + id + "/history").body());
        assertEquals(List.of("Version 2", "Version 1"), history.select(".revision-head .version-name").eachText());
        assertEquals(row(id).getTitle(), Jsoup.parse(reader.get("/documents/" + id + "/history/1").body())
                .selectFirst("h1 .edited-title").text());
        assertEquals(410, reader.get("/documents/" + id + ".json").statusCode());
        assertFalse(reader.get("/search.json?pageSize=100").body().contains("/documents/" + id + "\""),
                "it left the catalogue's listing");
        assertEquals(410, alice.get("/documents/" + id + "/history").statusCode(), "editors see its history as readers do");
        assertEquals("Withdrawn: Duplicate of document 12", revisions(id).get(1).getNote());
        Element listed = Jsoup.parse(alice.get("/admin").body()).selectFirst(".withdrawn-records li:has(a[href=/documents/" + id + "])");
        assertTrue(listed.text().contains("Duplicate of document 12"), "the dashboard lists it: " + listed.text());
        assertEquals("/admin/documents/" + id + "/withdraw", listed.selectFirst("a.reinstate-link").attr("href"));

        FormFields reinstate = FormFields.at(alice, "/admin/documents/" + id + "/withdraw", "form.stacked-form");
        // A note with a control character was taken as typed: a NUL a 500 on PostgreSQL, a BEL kept raw.
        for (String note : List.of("Not a\u0000 duplicate", "Not a\u0007 duplicate")) {
            HttpResponse<String> refused = alice.post("/admin/documents/" + id + "/reinstate",
                    reinstate.set("note", note).entries());
            assertEquals(422, refused.statusCode(), refused.body());
            Document page = Jsoup.parse(refused.body());
            assertTrue(page.selectFirst("#withdraw-problem").text().startsWith("The note has a control character, which "
                    + "shows nothing (U+000"), page.selectFirst("#withdraw-problem").text());
            assertEquals("true", page.selectFirst("#note").attr("aria-invalid"));
            // A page cannot carry a NUL: HTML reads it as U+FFFD, which shows where it was.
            assertEquals(note.replace('\u0000', '\ufffd'), page.selectFirst("#note").val(), "what was typed is kept");
            assertEquals(410, reader.get("/documents/" + id).statusCode(), "still withdrawn");
        }
        assertEquals(303, alice.post("/admin/documents/" + id + "/reinstate",
                reinstate.set("note", "Not a duplicate after all").entries()).statusCode());
        assertEquals(301, reader.get("/documents/" + id).statusCode());
        assertTrue(reader.get("/search.json?pageSize=100").body().contains("/documents/" + id + "\""));
        assertEquals(3, revisions(id).size());
        assertTrue(Jsoup.parse(alice.get("/admin").body()).select(".withdrawn-records a[href=/documents/" + id + "]").isEmpty(),
                "reinstated, it leaves the list");
    }

    @Test
    void anEditorChangesARoleAndTheHistoryShowsIt() {
        int id = catalogue.recordTitled("Telegram from Kim Il Sung to Stalin (via Shtykov)");
        int shtykov = database.dsl().select(PERSON.ID).from(PERSON).where(PERSON.KEY.eq("shtykov")).fetchSingle(PERSON.ID);
        FormFields form = editForm(alice, id);
        assertEquals("mentioned", form.get("role-" + shtykov), "a 'via' intermediary is mentioned");
        HttpResponse<String> refused = alice.post("/admin/documents/" + id + "/edit",
                form.set("role-" + shtykov, "boss").set("note", "Shtykov sent it on").entries());
        assertEquals(422, refused.statusCode());
        assertTrue(Jsoup.parse(refused.body()).selectFirst(".people-roles .field-error").text().contains("'boss' is not a role"));
        assertEquals(1, row(id).getVersion(), "nothing was saved");

        HttpResponse<String> saved = alice.post("/admin/documents/" + id + "/edit",
                form.set("role-" + shtykov, "author").set("note", "Shtykov sent the ciphered telegram").entries());
        assertEquals(303, saved.statusCode(), saved.body());
        assertEquals("author", database.dsl().select(DOCUMENT_PERSON.ROLE).from(DOCUMENT_PERSON)
                .where(DOCUMENT_PERSON.DOCUMENT_ID.eq(id)).and(DOCUMENT_PERSON.PERSON_ID.eq(shtykov))
                .fetchSingle(DOCUMENT_PERSON.ROLE));
        Document diff = Jsoup.parse(catalogue.http().anotherVisitor().get("/documents/" + id + "/history/2").body());
        diff.outputSettings().prettyPrint(false);
        assertEquals(List.of("People"), diff.select(".diff dt").eachText());
        String people = diff.selectFirst(".diff dd").html();
        assertTrue(people.contains("<del>Terentii Shtykov (mentioned)</del>") && people.contains(
                "<ins>Terentii Shtykov (author)</ins>"), people);
        assertEquals("author", editForm(alice, id).get("role-" + shtykov), "the form opens with the saved role");
    }

    @Test
    void theHistoryListsEveryVersionAndShowsWhatEachChangedWordByWord() {
        int id = correctSummary("the 38th peril", "the 38th parallel", "peril: parallel");

        Http reader = catalogue.http().anotherVisitor();
        HttpResponse<String> history = reader.get("/documents/" + id + "/history");
        assertEquals(200, history.statusCode(), "the history route is not taken for a slug");
        Document list = Jsoup.parse(history.body());
        assertEquals(List.of("Version 2", "Version 1"), list.select(".revision-head .version-name").eachText());
        // A screen reader goes from version to version by heading: each is a heading under the page's h1.
        assertEquals(List.of("h1", "h2", "h2"), list.select("main h1, main h2, main h3, main h4").stream()
                .map(h -> h.tagName()).toList(), "the page's headings, in order");
        assertEquals(List.of("Version 2 (current)", "Version 1"), list.select("li.revision > h2").stream()
                .map(h -> h.text().replaceAll(" · .*", "")).toList());
        assertEquals(List.of("alice", "import"), list.select(".revision .author").eachText());
        // The import's file and line said once, in words: its note named them, and a "Source:" line again.
        String source = revisions(id).get(0).getSource();
        String line = source.substring(source.lastIndexOf(':') + 1);
        assertTrue(source.startsWith("003_22384f644b75ed8e.txt:") && line.matches("\\d+"), source);
        String imported = "Imported from line " + line + " of the file 003_22384f644b75ed8e.txt";
        assertEquals(List.of("peril: parallel", imported), list.select(".revision-note").eachText());
        assertEquals(1, occurrences(list.selectFirst("ol.revisions").text(), "003_22384f644b75ed8e.txt"),
                list.selectFirst("ol.revisions").text());
        Document first = Jsoup.parse(reader.get("/documents/" + id + "/history/1").body());
        assertEquals(imported, first.selectFirst(".revision-note").text());
        assertEquals(1, occurrences(first.selectFirst("main").text(), "003_22384f644b75ed8e.txt"),
                first.selectFirst("main").text());
        assertEquals(imported, Jsoup.parse(reader.get("/documents/" + id + "/v/1").body()).selectFirst(".version-note").text());

        Document second = Jsoup.parse(reader.get("/documents/" + id + "/history/2").body());
        second.outputSettings().prettyPrint(false);
        assertEquals(List.of("Summary"), second.select(".diff dt").eachText());
        assertTrue(second.selectFirst(".diff dd").html().contains("the 38th <del>peril</del><ins>parallel</ins>"),
                second.selectFirst(".diff dd").html());
        assertNull(second.selectFirst(".restore-form"), "readers cannot restore");
        assertEquals(List.of("/documents/" + id + "/history/1"), second.select(".revision-nav a").eachAttr("href"));
        assertEquals(404, reader.get("/documents/" + id + "/history/3").statusCode());
        assertEquals(404, reader.get("/documents/" + id + "/history/x").statusCode());
    }

    /**
     * A version a history never had, asked on a version's page, a history's page of one version or a
     * restore's post, of a record or of a person or place: the same 404 in the same words on each,
     * naming the versions there are.
     */
    @Test
    void aVersionNeverMadeIsNotFoundInTheSameWordsNamingTheVersionsOnEveryPageAndPostThatAsksIt() {
        int id = catalogue.recordTitled("Letter to Stalin from Lee Chang-chen");
        assertEquals(303, alice.post("/admin/documents/" + id + "/edit", editForm(alice, id)
                .set("title", "Letter to Stalin from Lee Chang-chen, Commander-in-Chief").set("note", "Full title")
                .entries()).statusCode());
        String csrf = Editors.csrf(alice.get("/documents/" + id + "/history/1").body());
        String record = "Document " + id + " has no version 9: its versions are numbered 1 to 2.";
        HttpResponse<String> recordRestore = alice.post("/admin/documents/" + id + "/restore", Map.of(
                "csrf", csrf, "revision", "9", "version", "2", "note", "Back"));
        String person = "Alexander Puzanov has no version 99: its only version is 1.";
        HttpResponse<String> personRestore = alice.post("/admin/people/puzanov/restore", Map.of(
                "csrf", csrf, "revision", "99", "version", "1", "note", "Back"));
        String place = "Korea has no version 99: its only version is 1.";
        Map<HttpResponse<String>, String> asked = new LinkedHashMap<>();
        asked.put(alice.get("/documents/" + id + "/v/9"), record);
        asked.put(alice.get("/documents/" + id + "/history/9"), record);
        asked.put(recordRestore, record);
        asked.put(alice.get("/people/puzanov/history/99"), person);
        asked.put(personRestore, person);
        asked.put(alice.get("/places/korea/history/99"), place);
        asked.forEach((response, words) -> {
            String where = response.request().method() + " " + response.uri().getPath();
            assertEquals(404, response.statusCode(), where);
            assertEquals(words, Jsoup.parse(response.body()).selectFirst(".lead").text(), where);
        });
    }

    /**
     * Below the restore's post, which asks the history first: the writer asked for a version a person
     * never had refuses it as the history does, the same 404 in the same words, not an error of its own.
     */
    @Test
    void theWriterAskedToRestoreAVersionAPersonNeverHadRefusesItInTheHistorysWords() {
        StoredAuthority puzanov = new AuthorityRecords(database.dsl()).find(AuthorityKind.PERSON, "puzanov").orElseThrow();
        NotFound refused = assertThrows(NotFound.class, () -> new RecordStore(database.dsl(), Clock.systemUTC())
                .write((records, tx) -> new AuthorityWriter(records, tx, Clock.systemUTC())
                        .restore(puzanov, puzanov.version(), 99, Attribution.editor("alice", "Back"))));
        assertEquals("Alexander Puzanov has no version 99: its only version is 1.", refused.getMessage());
    }

    private static int occurrences(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    @Test
    void anEarlierVersionComesBackAsANewVersion() {
        int id = catalogue.recordTitled("Foreign Minister of Mongolian People's Republic and President Kim Il Sung");
        String original = row(id).getTitle();
        assertEquals(303, alice.post("/admin/documents/" + id + "/edit", editForm(alice, id)
                .set("title", "A wrong title").set("note", "Oops").entries()).statusCode());

        String first = alice.get("/documents/" + id + "/history/1").body();
        assertEquals("/admin/documents/" + id + "/restore", Jsoup.parse(first).selectFirst("form.restore-form").attr("action"));
        FormFields restore = FormFields.of(first, "form.restore-form");
        assertEquals("2", restore.get("version"));
        assertEquals("Restored version 1", restore.get("note"));
        HttpResponse<String> restored = alice.post("/admin/documents/" + id + "/restore", restore.entries());
        assertEquals(303, restored.statusCode(), restored.body());
        // The history it leads to says what was done, as a save's "Saved — version N" does, to the editor alone.
        assertEquals("/documents/" + id + "/history?restored=1&as=3", location(restored));
        assertEquals("Restored version 1 as version 3.",
                Jsoup.parse(alice.get(location(restored)).body()).selectFirst(".saved-notice").text());
        assertNull(Jsoup.parse(catalogue.http().anotherVisitor().get(location(restored)).body()).selectFirst(".saved-notice"),
                "a reader given the address is told nothing");
        assertNull(Jsoup.parse(alice.get("/documents/" + id + "/history?restored=1&as=2").body()).selectFirst(".saved-notice"),
                "nor is anyone once the record is at another version");
        assertEquals(original, row(id).getTitle());
        assertEquals(3, row(id).getVersion());
        assertEquals("Restored version 1", revisions(id).get(2).getNote());

        HttpResponse<String> again = alice.post("/admin/documents/" + id + "/restore", restore.set("version", "3").entries());
        assertEquals(422, again.statusCode(), "version 1 is what the record says now");
        HttpResponse<String> stale = alice.post("/admin/documents/" + id + "/restore", restore.set("revision", "2").entries());
        assertEquals(409, stale.statusCode(), "the form was opened at version 2");
        assertEquals(3, revisions(id).size());
        assertTrue(Jsoup.parse(alice.get("/admin").body()).select(".withdrawn-records a[href=/documents/" + id + "]").isEmpty(),
                "reinstated, it leaves the list");
    }

    /**
     * A record's restore took its note as typed: a NUL was a 500 on PostgreSQL (which keeps no NUL
     * in text) and was kept raw on SQLite, for the history page to carry. It is refused at the note,
     * as an authority's restore refuses it, with what was typed kept and nothing restored; a bidi
     * override is dropped from the note, as from an edit's.
     */
    @Test
    void aRestoresNoteWithAControlCharacterIsRefusedAtTheNoteAndNothingIsRestored() {
        int id = catalogue.recordTitled("Memorandum of Conversation with Bak Uiwan");
        assertEquals(303, alice.post("/admin/documents/" + id + "/edit", editForm(alice, id)
                .set("title", "A title to take back").set("note", "Oops").entries()).statusCode());
        FormFields restore = FormFields.at(alice, "/documents/" + id + "/history/1", "form.restore-form");
        for (String note : List.of("Back\u0000 again", "Back\u0007 again")) {
            HttpResponse<String> refused = alice.post("/admin/documents/" + id + "/restore", restore.set("note", note).entries());
            assertEquals(422, refused.statusCode(), refused.body());
            Document page = Jsoup.parse(refused.body());
            assertTrue(page.selectFirst("#restore-problem").text().startsWith("The note has a control character, which "
                    + "shows nothing (U+000"), page.selectFirst("#restore-problem").text());
            // A page cannot carry a NUL: HTML reads it as U+FFFD, which shows where it was.
            assertEquals(note.replace('\u0000', '\ufffd'), FormFields.of(refused.body(), "form.restore-form").get("note"),
                    "what was typed is kept");
            assertEquals("true", page.selectFirst("form.restore-form input[name=note]").attr("aria-invalid"));
            assertEquals(2, row(id).getVersion(), "nothing was restored");
        }
        assertEquals(303, alice.post("/admin/documents/" + id + "/restore",
                restore.set("note", "Back \u202eagain").entries()).statusCode());
        assertEquals("Back again", revisions(id).get(2).getNote());
    }

    @Test
    void aCorrectionSurvivesReimportingTheSamePages() {
        int id = correctSummary("Soviet Community Party", "Soviet Communist Party", "Community: Communist");
        int documents = database.dsl().fetchCount(DOCUMENT);
        int allRevisions = database.dsl().fetchCount(REVISION);

        assertEquals(0, Main.run("import", "--db", catalogue.database().toString(), TestCatalogue.SEEDS.toString()));

        assertEquals(documents, database.dsl().fetchCount(DOCUMENT), "no record was added");
        assertEquals(allRevisions, database.dsl().fetchCount(REVISION), "no record was rewritten");
        assertTrue(row(id).getSummary().contains("Soviet Communist Party"));
        assertEquals(2, row(id).getVersion());
    }
}
