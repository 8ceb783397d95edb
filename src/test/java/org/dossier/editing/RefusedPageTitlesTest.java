package org.dossier.editing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Map;
import org.dossier.accounts.Role;
import org.dossier.documents.Permalinks;
import org.dossier.testing.Http;
import org.dossier.testing.RawHttp;
import org.dossier.testing.SeededCatalogue;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every page that refuses what was asked — a search, a form with problems, a conflict, a sign-in —
 * has a title that begins "Error: ", which a screen reader says first; a refused search said
 * "Search (49 records)" as if it had been run. A page read as asked, and a withdrawn record's
 * tombstone (410, there to be read), keep their own titles.
 */
class RefusedPageTitlesTest {

    @RegisterExtension
    static final SeededCatalogue catalogue = SeededCatalogue.ownedByTheClass();
    private static final Http alice = Editors.signedIn(catalogue, "alice", Role.ADMIN);
    private static final Http bob = Editors.signedIn(catalogue, "bob", Role.EDITOR);

    /** The page's title, once its status is the one expected. */
    private static String title(HttpResponse<String> response, int status) {
        assertEquals(status, response.statusCode(), response.body());
        return Jsoup.parse(response.body()).title();
    }

    private static void assertRefused(HttpResponse<String> response, int status, String title) {
        assertEquals("Error: " + title, title(response, status));
    }

    private static void assertRefused(HttpResponse<String> response, int status) {
        String title = title(response, status);
        assertTrue(title.startsWith("Error: "), title);
    }

    @Test
    void aRefusedSearchSaysErrorBeforeItsTitle() {
        Http reader = catalogue.http().anotherVisitor();
        String all = title(reader.get("/search"), 200);
        assertFalse(all.startsWith("Error"), all);
        assertRefused(reader.get("/search?person=nobody"), 400, all);
        assertRefused(reader.get("/search?from=abc"), 400, all);
        assertRefused(reader.get("/search?from=1960&to=1950"), 400, all);
        assertRefused(reader.get("/search?sort=sideways"), 400);
        assertRefused(reader.get("/?sort=sideways"), 400);
        assertRefused(reader.get("/documents/999999999"), 404);
        // An address Jetty refuses before the app sees it gets its page from the same templates.
        RawHttp.Response unreadable = RawHttp.send(catalogue.app().port(), "GET /people/\u041c\u043e\u0441\u043a\u0432\u0430 HTTP/1.1",
                "Host: localhost");
        assertEquals(400, unreadable.status(), unreadable.body());
        String title = Jsoup.parse(unreadable.body()).title();
        assertTrue(title.startsWith("Error: "), title);
    }

    @Test
    void aRecordsFormWithProblemsOrInConflictSaysError() {
        int id = catalogue.recordTitled("Ciphered Telegram No. 405976 from Shtykov");
        String edit = title(alice.get(Permalinks.edit(id)), 200);
        FormFields alices = FormFields.at(alice, Permalinks.edit(id), "form.record-form");
        FormFields bobs = FormFields.at(bob, Permalinks.edit(id), "form.record-form");

        assertRefused(alice.post(Permalinks.edit(id), alices.set("title", "").set("note", "No title").entries()), 422, edit);
        assertEquals(303, bob.post(Permalinks.edit(id), bobs.set("summary", "Bob's summary.")
                .set("note", "Bob's correction").entries()).statusCode());
        assertRefused(alice.post(Permalinks.edit(id), alices.set("title", "Alice's title")
                .set("summary", "Alice's summary.").set("note", "Alice's correction").entries()), 409);

        FormFields blank = FormFields.at(alice, "/admin/documents/new", "form.record-form");
        assertRefused(alice.post("/admin/documents/new", blank.set("title", "").entries()), 422,
                title(alice.get("/admin/documents/new"), 200));
    }

    @Test
    void aRefusedWithdrawalOrRestoreSaysErrorAndAWithdrawnRecordsPageDoesNot() {
        int id = catalogue.recordTitled("Letter to Stalin from Korean Political Parties");
        String withdraw = "/admin/documents/" + id + "/withdraw";
        assertRefused(alice.post(withdraw, FormFields.at(alice, withdraw, "form.stacked-form").set("reason", "")
                .entries()), 422, title(alice.get(withdraw), 200));

        assertEquals(303, alice.post(Permalinks.edit(id), FormFields.at(alice, Permalinks.edit(id), "form.record-form")
                .set("summary", "A second version.").set("note", "A version to restore from").entries()).statusCode());
        String versionOne = Permalinks.history(id, 1);
        assertRefused(alice.post("/admin/documents/" + id + "/restore", FormFields.at(alice, versionOne,
                "form.restore-form").set("note", "").entries()), 422, title(alice.get(versionOne), 200));

        assertEquals(303, alice.post(withdraw, FormFields.at(alice, withdraw, "form.stacked-form")
                .set("reason", "A duplicate").entries()).statusCode());
        String tombstone = title(catalogue.http().anotherVisitor().get(Permalinks.permanent(id)), 410);
        assertTrue(tombstone.startsWith("Withdrawn: "), tombstone);
    }

    @Test
    void aRefusedPersonFormOrMergeSaysError() {
        String edit = "/admin/people/molotov/edit";
        assertRefused(alice.post(edit, FormFields.at(alice, edit, "form.authority-form").set("name", "")
                .set("note", "No name").entries()), 422, title(alice.get(edit), 200));
        String merge = "/admin/people/molotov/merge";
        assertRefused(alice.post(merge, FormFields.at(alice, merge, "form.merge-form").set("survivor", "nobody-at-all")
                .set("note", "").entries()), 422, title(alice.get(merge), 200));
        assertRefused(alice.post("/admin/places/new", FormFields.at(alice, "/admin/places/new", "form.authority-form")
                .set("name", "").entries()), 422, title(alice.get("/admin/places/new"), 200));
    }

    @Test
    void aRefusedAccountOrSignInSaysError() {
        String accounts = title(alice.get("/admin/users"), 200);
        assertRefused(alice.post("/admin/users", Map.of("csrf", Editors.csrf(alice.get("/admin/users").body()),
                "username", "Not A Name!", "role", "editor", "password", Editors.PASSWORD, "again", Editors.PASSWORD)),
                422, accounts);

        Http visitor = catalogue.http().anotherVisitor();
        String signIn = title(visitor.get("/admin/login"), 200);
        assertRefused(visitor.post("/admin/login", Map.of("csrf", Editors.csrf(visitor.get("/admin/login").body()),
                "username", "alice", "password", "not the password", "return", "/admin")), 401, signIn);
    }
}
