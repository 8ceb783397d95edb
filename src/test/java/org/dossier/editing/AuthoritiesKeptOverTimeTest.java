package org.dossier.editing;

import static org.dossier.db.Tables.DOCUMENT_PERSON;
import static org.dossier.db.Tables.PERSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Map;
import org.dossier.accounts.Role;
import org.dossier.app.Database;
import org.dossier.testing.Http;
import org.dossier.testing.TestCatalogue;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An archivist keeps people and places for months, beside a colleague: merges made one on top of
 * another, undone in turn, and what they type into the forms, on a real server and SQLite file.
 * Each test works on people no other test here touches.
 */
class AuthoritiesKeptOverTimeTest {

    private static TestCatalogue catalogue;
    private static Database database;
    private static Http alice;
    private static Http bob;

    @BeforeAll
    static void start() {
        catalogue = TestCatalogue.withSeeds();
        Editors.add(catalogue, "alice", Role.EDITOR);
        Editors.add(catalogue, "bob", Role.EDITOR);
        alice = Editors.signIn(catalogue, "alice");
        bob = Editors.signIn(catalogue, "bob");
        database = Database.open(catalogue.database());
    }

    @AfterAll
    static void stop() {
        database.close();
        catalogue.close();
    }

    private static int personId(String key) {
        return database.dsl().select(PERSON.ID).from(PERSON).where(PERSON.KEY.eq(key)).fetchSingle(PERSON.ID);
    }

    private static Map<Integer, String> links(String key) {
        return database.dsl().select(DOCUMENT_PERSON.DOCUMENT_ID, DOCUMENT_PERSON.ROLE).from(DOCUMENT_PERSON)
                .where(DOCUMENT_PERSON.PERSON_ID.eq(personId(key))).fetchMap(DOCUMENT_PERSON.DOCUMENT_ID, DOCUMENT_PERSON.ROLE);
    }

    private static HttpResponse<String> merge(Http editor, String key, String survivor, String note) {
        Document form = Jsoup.parse(editor.get("/admin/people/" + key + "/merge").body());
        return editor.post("/admin/people/" + key + "/merge", Map.of("csrf", Editors.csrf(form.html()),
                "version", form.selectFirst("input[name=version]").val(), "survivor", survivor, "note", note));
    }

    private static HttpResponse<String> restore(Http editor, String key, int number, String note) {
        Document page = Jsoup.parse(editor.get("/people/" + key + "/history/" + number).body());
        return editor.post("/admin/people/" + key + "/restore", Map.of("csrf", Editors.csrf(page.html()),
                "revision", String.valueOf(number),
                "version", page.selectFirst("form.restore-form input[name=version]").val(), "note", note));
    }

    @Test
    void undoingAMergeWhoseSurvivorWasMergedOnSinceIsRefusedUntilTheLaterMergeIsUndoneAndChangesNothing() {
        Map<Integer, String> roshchin = links("roshchin");
        Map<Integer, String> razuvaev = links("razuvaev");
        assertEquals(303, merge(alice, "roshchin", "razuvaev", "One ambassador, entered twice").statusCode());
        assertEquals(303, merge(bob, "razuvaev", "shtykov", "One ambassador, entered twice again").statusCode());
        Map<Integer, String> shtykov = links("shtykov");

        HttpResponse<String> refused = restore(alice, "roshchin", 1, "They were two after all");
        assertEquals(409, refused.statusCode(), refused.body());
        Document page = Jsoup.parse(refused.body());
        assertTrue(page.selectFirst("#restore-problem").text().contains("Its records went to Vladimir Razuvaev, which has "
                + "since been merged into Terentii Shtykov. Nothing was restored: undo that merge first"), page.text());
        assertEquals("They were two after all", page.selectFirst("form.restore-form input[name=note]").val(),
                "the note typed is kept");
        assertEquals(301, catalogue.http().get("/people/razuvaev").statusCode(), "the survivor stays merged on");
        assertEquals(301, catalogue.http().get("/people/roshchin").statusCode());
        assertEquals(shtykov, links("shtykov"), "no record moved");
        assertEquals(Map.of(), links("razuvaev"));
        assertEquals(Map.of(), links("roshchin"));
        assertTrue(Jsoup.parse(alice.get("/admin/people").body()).select("a[href=/admin/people/razuvaev/edit]").isEmpty(),
                "the survivor merged on is not back in the list");

        // Undone the other way round, each comes back whole.
        assertEquals(303, restore(bob, "razuvaev", 1, "Not the same man").statusCode());
        assertEquals(303, restore(alice, "roshchin", 1, "They were two after all").statusCode());
        assertEquals(roshchin, links("roshchin"));
        assertEquals(razuvaev, links("razuvaev"));
        assertEquals(200, catalogue.http().get("/people/razuvaev").statusCode());
        assertEquals(200, catalogue.http().get("/people/roshchin").statusCode());
    }
}
