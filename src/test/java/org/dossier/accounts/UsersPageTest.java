package org.dossier.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.dossier.editing.Editors;
import org.dossier.testing.Http;
import org.dossier.testing.SeededCatalogue;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An admin manages accounts on the web: add, change role and password, disable. */
class UsersPageTest {

    @RegisterExtension
    static final SeededCatalogue catalogue = SeededCatalogue.ownedByTheClass();

    private static final Http root = Editors.signedIn(catalogue, "root", Role.ADMIN);

    private static HttpResponse<String> post(String path, Map<String, String> form) {
        var withToken = new java.util.HashMap<>(form);
        withToken.put("csrf", Editors.csrf(root.get("/admin/users").body()));
        return root.post(path, withToken);
    }

    private static String problem(HttpResponse<String> response) {
        return Jsoup.parse(response.body()).selectFirst(".form-problem").text();
    }

    @Test
    void anAdminAddsAnAccountThatCanThenSignIn() {
        HttpResponse<String> added = post("/admin/users", Map.of("username", "Erin", "role", "editor",
                "password", Editors.PASSWORD, "again", Editors.PASSWORD));
        assertEquals(303, added.statusCode(), added.body());
        assertEquals("/admin/users?saved=erin", added.headers().firstValue("Location").orElseThrow());
        Document list = Jsoup.parse(root.get("/admin/users?saved=erin").body());
        assertEquals("Saved the changes to erin.", list.selectFirst(".notice").text());
        assertTrue(list.select(".accounts td").eachText().contains("erin"));
        Http erin = Editors.signIn(catalogue, "erin");
        assertEquals(200, erin.get("/admin").statusCode());
    }

    @Test
    void theSavedNoticeNamesOnlyAnAccountThatExists() {
        // The notice came from the address: whoever wrote a link put words on an admin's page as if saved.
        Document spoofed = Jsoup.parse(root.get("/admin/users?saved=everyone%3B%20now%20sign%20in%20at%20evil.example")
                .body());
        assertTrue(spoofed.select(".notice").isEmpty(), spoofed.select(".notice").text());
        assertEquals("Saved the changes to root.", Jsoup.parse(root.get("/admin/users?saved=root").body())
                .selectFirst(".notice").text());
    }

    @Test
    void aRefusedAccountKeepsWhatWasTypedAndSaysWhy() {
        HttpResponse<String> differ = post("/admin/users", Map.of("username", "frank", "role", "admin",
                "password", Editors.PASSWORD, "again", "something else"));
        assertEquals(422, differ.statusCode());
        assertEquals("The two passwords differ; type the same one twice.", problem(differ));
        Document page = Jsoup.parse(differ.body());
        assertEquals("frank", page.selectFirst("#new-username").val());
        assertEquals("admin", page.selectFirst("#new-role option[selected]").val());
        assertEquals("The password must have at least 10 characters.", problem(post("/admin/users",
                Map.of("username", "frank", "role", "editor", "password", "short", "again", "short"))));
        assertEquals("Choose the role: editor or admin.", problem(post("/admin/users",
                Map.of("username", "frank", "role", "boss", "password", Editors.PASSWORD, "again", Editors.PASSWORD))));
        assertTrue(Jsoup.parse(root.get("/admin/users").body()).select(".accounts td").eachText().stream()
                .noneMatch("frank"::equals));
    }

    /**
     * The focus goes to the field at fault, which says it is refused, not to the message above the
     * fields: a reader then tabbed down to the field to change, past the ones that were fine.
     */
    @Test
    void aRefusedAccountPutsTheFocusOnTheFieldAtFault() {
        String[][] refused = {
            {"not a name!", "editor", Editors.PASSWORD, "new-username"},
            {"frank", "boss", Editors.PASSWORD, "new-role"},
            {"frank", "editor", "short", "new-password"},
            {"root", "editor", Editors.PASSWORD, "new-username"},
        };
        for (String[] typed : refused) {
            Document page = Jsoup.parse(post("/admin/users", Map.of("username", typed[0], "role", typed[1],
                    "password", typed[2], "again", typed[2])).body());
            String field = typed[3];
            assertEquals(List.of(field), page.select("form.add-account [autofocus]").eachAttr("id"), field);
            assertEquals(List.of(field), page.select("form.add-account [aria-invalid=true]").eachAttr("id"), field);
            assertEquals("add-problem", page.getElementById(field).attr("aria-describedby"), field + ": the message says why");
        }
    }

    @Test
    void disablingAnAccountSignsItOutAndTheOnlyAdminStays() {
        Http gina = Editors.signedIn(catalogue, "gina", Role.EDITOR);
        assertEquals(303, post("/admin/users/gina/disable", Map.of()).statusCode());
        assertEquals(303, gina.get("/admin").statusCode(), "gina's session ended");
        assertTrue(Jsoup.parse(root.get("/admin/users").body()).selectFirst(".accounts tr.disabled").text().contains("gina"));

        HttpResponse<String> demoted = post("/admin/users/root/role", Map.of("role", "editor"));
        assertEquals(422, demoted.statusCode());
        assertTrue(problem(demoted).startsWith("'root' is the only admin who can sign in"), problem(demoted));
        assertEquals(422, post("/admin/users/root/disable", Map.of()).statusCode());
        assertEquals(200, root.get("/admin/users").statusCode(), "root is still an admin");

        assertEquals(303, post("/admin/users/gina/enable", Map.of()).statusCode());
        assertEquals(303, post("/admin/users/gina/password", Map.of("password", "a new password!", "again",
                "a new password!")).statusCode());
        assertEquals(422, post("/admin/users/nobody/disable", Map.of()).statusCode());
    }
}
