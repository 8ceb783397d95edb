package org.dossier.editing;

import static org.dossier.db.Tables.DOCUMENT;
import static org.dossier.db.Tables.PERSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.dossier.accounts.Role;
import org.dossier.documents.Attribution;
import org.dossier.documents.DocumentDate;
import org.dossier.documents.RecordDraft;
import org.dossier.testing.CatalogueDatabase;
import org.dossier.testing.Http;
import org.dossier.testing.SeededCatalogue;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What every write of an editor's form answers besides "done": the same form sent again (a double
 * click, whose browser shows the second answer) goes on as done and writes once; a form opened
 * before another editor's change is refused (409), saying so, with what was typed kept; a form that
 * would change nothing is refused (422), saying so. One after the other, each path on its own, and
 * the second sending of a form whose first is still writing (a held write makes both wait).
 */
@org.junit.jupiter.api.parallel.ResourceLock(LockWaits.PARKED_IN_SQLITE)
class FormsSentAgainStaleOrForNothingTest {

    @RegisterExtension
    static final SeededCatalogue catalogue = SeededCatalogue.ownedByTheClass();
    private static final Http alice = Editors.signedIn(catalogue, "alice", Role.EDITOR);
    private static final Http bob = Editors.signedIn(catalogue, "bob", Role.EDITOR);

    private static final CatalogueDatabase database = CatalogueDatabase.forTheClass(catalogue);

    /** A record of its own for one test, at version 1. */
    private static int record(String title) {
        return database.write(w -> w.create(new RecordDraft(title, List.of("A record made for one test."),
                DocumentDate.ofYear(1950)), Attribution.editor("bea", "Made for a test")));
    }

    private static int version(int id) {
        return database.dsl().select(DOCUMENT.VERSION).from(DOCUMENT).where(DOCUMENT.ID.eq(id)).fetchSingle(DOCUMENT.VERSION);
    }

    private static int personVersion(String key) {
        return database.dsl().select(PERSON.VERSION).from(PERSON).where(PERSON.KEY.eq(key)).fetchSingle(PERSON.VERSION);
    }

    private static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElseThrow(() -> new AssertionError(
                response.statusCode() + " without a Location:\n" + response.body()));
    }

    private static FormFields editForm(Http editor, int id) {
        return FormFields.at(editor, "/admin/documents/" + id + "/edit", "form.record-form");
    }

    private static FormFields withdrawForm(Http editor, int id) {
        return FormFields.at(editor, "/admin/documents/" + id + "/withdraw", "form.stacked-form");
    }

    private static void saveSummary(Http editor, int id, String summary) {
        HttpResponse<String> saved = editor.post("/admin/documents/" + id + "/edit", editForm(editor, id)
                .set("summary", summary).set("note", "A save between").entries());
        assertEquals(303, saved.statusCode(), saved.body());
    }

    /** A new person made through the form by alice; its key. */
    private static String person(String name, String key) {
        HttpResponse<String> made = alice.post("/admin/people/new", FormFields.at(alice, "/admin/people/new",
                "form.authority-form").set("name", name).set("kind", "person").set("note", "A clerk").entries());
        assertEquals(303, made.statusCode(), made.body());
        return key;
    }

    /**
     * {@code form} sent to {@code path} twice, one after the other, as a double click does: both go
     * on as done, to the same place, which is returned.
     */
    private static String sentTwice(Http editor, String path, FormFields form) {
        HttpResponse<String> first = editor.post(path, form.entries());
        HttpResponse<String> again = editor.post(path, form.entries());
        assertEquals(303, first.statusCode(), first.body());
        assertEquals(303, again.statusCode(), again.body());
        assertEquals(location(first), location(again));
        return location(again);
    }

    private static String problem(HttpResponse<String> answer) {
        return Jsoup.parse(answer.body()).selectFirst(".form-problem").text();
    }

    @Test
    void aRecordsFormSentAgainAfterItsSaveGoesToTheRecordAsSavedAndSavesOnce() {
        int id = record("Record saved twice one after the other");
        FormFields form = editForm(alice, id).set("summary", "Saved, then sent again.").set("note", "Twice");
        String went = sentTwice(alice, "/admin/documents/" + id + "/edit", form);
        assertTrue(went.endsWith("?saved=2"), went);
        assertEquals(2, version(id), "one save");
    }

    @Test
    void aWithdrawalSentAgainGoesToTheRecordAndAnotherEditorsIsRefusedAsWithdrawnAlready() {
        int id = record("Record withdrawn twice");
        FormFields alices = withdrawForm(alice, id).set("reason", "A duplicate of another record");
        FormFields bobs = withdrawForm(bob, id).set("reason", "Bob's reason, typed with care");
        sentTwice(alice, "/admin/documents/" + id + "/withdraw", alices);

        HttpResponse<String> refused = bob.post("/admin/documents/" + id + "/withdraw", bobs.entries());
        assertEquals(409, refused.statusCode(), refused.body());
        assertEquals("This record is already withdrawn.", problem(refused));
        assertEquals(2, version(id), "withdrawn once");
    }

    @Test
    void aWithdrawalFromAPageOpenedBeforeAnotherEditorsSaveIsRefusedSayingTheVersionItIsAtNowWithTheReasonKept() {
        int id = record("Record withdrawn from a stale page");
        FormFields opened = withdrawForm(alice, id).set("reason", "Alice's reason, typed with <b>care</b>");
        saveSummary(bob, id, "Bob's summary, saved meanwhile.");
        HttpResponse<String> refused = alice.post("/admin/documents/" + id + "/withdraw", opened.entries());
        assertEquals(409, refused.statusCode(), refused.body());
        assertEquals("Someone changed this record while you had this page open (it is now at version 2). Nothing was "
                + "changed: look at it again below, then decide.", problem(refused));
        assertEquals(opened.get("reason"), FormFields.of(refused.body(), "form.stacked-form").get("reason"));
        assertEquals(2, version(id), "not withdrawn");
        assertEquals(301, catalogue.http().get("/documents/" + id).statusCode(), "in the catalogue still");
    }

    @Test
    void aReinstatementSentAgainGoesToTheRecordAndAnotherEditorsIsRefusedAsInTheCatalogue() {
        int id = record("Record reinstated twice");
        assertEquals(303, alice.post("/admin/documents/" + id + "/withdraw", withdrawForm(alice, id)
                .set("reason", "To be reinstated").entries()).statusCode());
        FormFields alices = withdrawForm(alice, id).set("note", "Back, it is no duplicate");
        FormFields bobs = withdrawForm(bob, id).set("note", "Bob's note, typed with care");
        sentTwice(alice, "/admin/documents/" + id + "/reinstate", alices);

        HttpResponse<String> refused = bob.post("/admin/documents/" + id + "/reinstate", bobs.entries());
        assertEquals(409, refused.statusCode(), refused.body());
        assertEquals("This record is in the catalogue: there is nothing to reinstate.", problem(refused));
        assertEquals(3, version(id), "withdrawn and reinstated once");
    }

    @Test
    void aReinstatementFromAPageOpenedBeforeAnotherEditorsChangeIsRefusedSayingTheVersionItIsAtNowWithTheNoteKept() {
        int id = record("Record reinstated from a stale page");
        assertEquals(303, alice.post("/admin/documents/" + id + "/withdraw", withdrawForm(alice, id)
                .set("reason", "To be reinstated").entries()).statusCode());
        FormFields opened = withdrawForm(alice, id).set("note", "Alice's note, typed with <b>care</b>");
        // Bob brings it back and withdraws it again: withdrawn still, at another version.
        assertEquals(303, bob.post("/admin/documents/" + id + "/reinstate", withdrawForm(bob, id)
                .set("note", "Back for a moment").entries()).statusCode());
        assertEquals(303, bob.post("/admin/documents/" + id + "/withdraw", withdrawForm(bob, id)
                .set("reason", "Withdrawn again").entries()).statusCode());
        HttpResponse<String> refused = alice.post("/admin/documents/" + id + "/reinstate", opened.entries());
        assertEquals(409, refused.statusCode(), refused.body());
        assertEquals("Someone changed this record while you had this page open (it is now at version 4). Nothing was "
                + "changed: look at it again below, then decide.", problem(refused));
        assertEquals(opened.get("note"), FormFields.of(refused.body(), "form.stacked-form").get("note"));
        assertEquals(4, version(id), "not reinstated");
    }

    @Test
    void aRestoreSentAgainGoesToTheHistoryAsRestoredAndRestoresOnce() {
        int id = record("Record restored twice one after the other");
        saveSummary(alice, id, "A second version.");
        FormFields restore = FormFields.at(alice, "/documents/" + id + "/history/1", "form.restore-form")
                .set("note", "Back to the first");
        sentTwice(alice, "/admin/documents/" + id + "/restore", restore);
        assertEquals(3, version(id), "restored once");
    }

    @Test
    void aRestoreFromAPageOpenedBeforeAnotherEditorsSaveIsRefusedSayingTheVersionItIsAtNowWithTheNoteKept() {
        int id = record("Record restored from a stale page");
        saveSummary(alice, id, "A second version.");
        FormFields restore = FormFields.at(alice, "/documents/" + id + "/history/1", "form.restore-form")
                .set("note", "Alice's note, typed with <b>care</b>");
        saveSummary(bob, id, "Bob's summary, saved meanwhile.");
        HttpResponse<String> refused = alice.post("/admin/documents/" + id + "/restore", restore.entries());
        assertEquals(409, refused.statusCode(), refused.body());
        assertEquals("Someone changed this record while you had this page open (it is now at version 3). Nothing was "
                + "restored: look at the history again, then decide.", problem(refused));
        assertEquals(restore.get("note"), FormFields.of(refused.body(), "form.restore-form").get("note"));
        assertEquals(3, version(id), "nothing restored");
    }

    @Test
    void restoringAVersionThatSaysWhatTheRecordSaysNowIsRefusedAsNothingToRestoreWithTheNoteKept() {
        int id = record("Record restored to what it says");
        saveSummary(alice, id, "A second version.");
        saveSummary(alice, id, "A record made for one test.");
        FormFields restore = FormFields.at(alice, "/documents/" + id + "/history/1", "form.restore-form")
                .set("note", "A note typed with care");
        HttpResponse<String> refused = alice.post("/admin/documents/" + id + "/restore", restore.entries());
        assertEquals(422, refused.statusCode(), refused.body());
        assertEquals("Version 1 says what the record says now: there is nothing to restore.", problem(refused));
        assertEquals(restore.get("note"), FormFields.of(refused.body(), "form.restore-form").get("note"));
        assertEquals(3, version(id));
    }

    @Test
    void aPersonsFormSentAgainAfterItsSaveGoesOnAsSavedAndSavesOnce() {
        String key = person("Clerk Saved Again", "clerk-saved-again");
        FormFields form = FormFields.at(alice, "/admin/people/" + key + "/edit", "form.authority-form")
                .set("description", "Saved, then sent again.").set("note", "Twice");
        String went = sentTwice(alice, "/admin/people/" + key + "/edit", form);
        assertEquals("/admin/people/" + key + "/link?saved=2", went);
        assertEquals(2, personVersion(key), "one save");
    }

    @Test
    void aPersonsRestoreSentAgainGoesOnAsRestoredAndOneOfAVersionThatSaysWhatItSaysNowIsRefusedAsNothingToRestore() {
        String key = person("Clerk Restored Again", "clerk-restored-again");
        assertEquals(303, alice.post("/admin/people/" + key + "/edit", FormFields.at(alice, "/admin/people/" + key + "/edit",
                "form.authority-form").set("description", "A second version.").set("note", "Second").entries()).statusCode());
        FormFields restore = FormFields.at(alice, "/people/" + key + "/history/1", "form.restore-form")
                .set("note", "Back to the first");
        sentTwice(alice, "/admin/people/" + key + "/restore", restore);
        assertEquals(3, personVersion(key), "restored once");

        // Version 1 again, from a page opened now: the person says what it said.
        FormFields current = FormFields.at(alice, "/people/" + key + "/history/1", "form.restore-form")
                .set("note", "A note typed with care");
        HttpResponse<String> refused = alice.post("/admin/people/" + key + "/restore", current.entries());
        assertEquals(422, refused.statusCode(), refused.body());
        assertEquals("Version 1 says what the person says now: there is nothing to restore.", problem(refused));
        assertEquals(current.get("note"), FormFields.of(refused.body(), "form.restore-form").get("note"));
        assertEquals(3, personVersion(key));
    }

    /**
     * The second sending of a withdrawal, a reinstatement or a merge that finds the first still
     * writing: both read the record or person before either writes, so the second is refused by the
     * writer as stale, and finds that its own first sending did it.
     */
    @Test
    void aWithdrawalAReinstatementOrAMergeSentAgainWhileTheFirstIsWritingGoesOnAsDone() throws Exception {
        int id = record("Record withdrawn twice while held");
        FormFields withdraw = withdrawForm(alice, id).set("reason", "A duplicate, sent twice");
        List<HttpResponse<String>> withdrawn = twiceWhileAWriteIsHeld(
                () -> alice.post("/admin/documents/" + id + "/withdraw", withdraw.entries()));
        assertEquals(List.of(303, 303), withdrawn.stream().map(HttpResponse::statusCode).toList(), withdrawn.get(1).body());
        assertEquals(location(withdrawn.get(0)), location(withdrawn.get(1)));
        assertEquals(2, version(id), "withdrawn once");

        FormFields reinstate = withdrawForm(alice, id).set("note", "Back, sent twice");
        List<HttpResponse<String>> back = twiceWhileAWriteIsHeld(
                () -> alice.post("/admin/documents/" + id + "/reinstate", reinstate.entries()));
        assertEquals(List.of(303, 303), back.stream().map(HttpResponse::statusCode).toList(), back.get(1).body());
        assertEquals(location(back.get(0)), location(back.get(1)));
        assertEquals(3, version(id), "reinstated once");

        String key = person("Clerk Merged While Held", "clerk-merged-while-held");
        Document page = Jsoup.parse(alice.get("/admin/people/" + key + "/merge").body());
        Map<String, String> merge = Map.of("csrf", Editors.csrf(page.html()), "version",
                page.selectFirst("input[name=version]").val(), "survivor", "stalin", "note", "The same man, sent twice");
        List<HttpResponse<String>> merged = twiceWhileAWriteIsHeld(() -> alice.post("/admin/people/" + key + "/merge", merge));
        assertEquals(List.of(303, 303), merged.stream().map(HttpResponse::statusCode).toList(), merged.get(1).body());
        assertEquals(List.of("/people/stalin", "/people/stalin"), merged.stream().map(FormsSentAgainStaleOrForNothingTest::location).toList());
        assertEquals(2, personVersion(key), "merged once");
    }

    /**
     * A new person's form sent again while the first is writing: both pass the check of the name
     * before either writes, so the second finds the name taken inside its write, by the person its
     * own first sending made, and goes on to it as made.
     */
    @Test
    void aNewPersonsFormSentAgainWhileTheFirstIsWritingGoesOnAsMadeAndMakesOne() throws Exception {
        FormFields form = FormFields.at(alice, "/admin/people/new", "form.authority-form").set("name", "Clerk Made While Held")
                .set("kind", "person").set("note", "A clerk, sent twice");
        List<HttpResponse<String>> made = twiceWhileAWriteIsHeld(() -> alice.post("/admin/people/new", form.entries()));
        assertEquals(List.of(303, 303), made.stream().map(HttpResponse::statusCode).toList(), made.get(1).body());
        assertEquals(List.of("/admin/people/clerk-made-while-held/link?saved=1", "/admin/people/clerk-made-while-held/link?saved=1"),
                made.stream().map(FormsSentAgainStaleOrForNothingTest::location).toList());
        assertEquals(1, database.dsl().fetchCount(PERSON, PERSON.NAME.eq("Clerk Made While Held")), "made once");
    }

    /**
     * {@code request} sent twice while another connection holds a write every write waits for (on
     * SQLite the write lock; on PostgreSQL the change feed's head, which every write updates), let go
     * once both wait: the first writes, and the second meets what it wrote.
     */
    private static List<HttpResponse<String>> twiceWhileAWriteIsHeld(Supplier<HttpResponse<String>> request)
            throws Exception {
        CompletableFuture<HttpResponse<String>> first;
        CompletableFuture<HttpResponse<String>> second;
        try (HeldWrite held = HeldWrite.ofEveryWrite(catalogue)) {
            first = CompletableFuture.supplyAsync(request);
            second = CompletableFuture.supplyAsync(request);
            LockWaits.awaitWaiting(database.dsl(), 2);
        }
        return List.of(first.get(60, TimeUnit.SECONDS), second.get(60, TimeUnit.SECONDS));
    }
}
