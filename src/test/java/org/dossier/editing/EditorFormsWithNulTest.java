package org.dossier.editing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import org.dossier.accounts.Role;
import org.dossier.testing.Http;
import org.dossier.testing.SeededCatalogue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An editor's forms and pages with a NUL in a field: refused, never a 500 (PostgreSQL keeps no NUL in text). */
class EditorFormsWithNulTest {

    @RegisterExtension
    static final SeededCatalogue catalogue = SeededCatalogue.ownedByTheClass();

    private static final Http editor = Editors.signedIn(catalogue, "nora", Role.EDITOR);

    @Test
    void aNulInAnEditorsFieldIsRefusedNeverA500() {
        String csrf = Editors.csrf(editor.get("/admin").body());
        String[][] posts = {
            {"/admin/documents/new", "title=a%00b&date=1950&note=n"},
            {"/admin/documents/new", "title=t&date=1950&note=n&person=%00&type=%00&place=%00"},
            {"/admin/people/new", "name=a%00b&kind=person&note=n"},
            {"/admin/people/stalin/merge", "into=a%00b&note=n&version=1"},
            {"/admin/people/stalin/edit", "name=Stalin&note=n%00&version=1&alias-0=x%00"},
            {"/admin/people/stalin/link", "document=%00&note=n%00"},
            {"/admin/places/ussr/merge", "into=%00&note=n"},
        };
        for (String[] post : posts) {
            HttpResponse<String> response = editor.send("POST", post[0], "application/x-www-form-urlencoded",
                    "csrf=" + csrf + "&" + post[1]);
            assertTrue(response.statusCode() < 500, post[0] + " " + post[1] + ": " + response.statusCode());
        }
        for (String get : new String[] {"/admin/people?q=a%00b", "/admin/people/stalin/merge?q=a%00b",
            "/admin/people/stalin/merge?into=a%00b", "/admin/people/stalin/link?after=%00", "/admin/places?q=%00"}) {
            HttpResponse<String> response = editor.get(get);
            assertTrue(response.statusCode() < 500, get + ": " + response.statusCode());
        }
    }
}
