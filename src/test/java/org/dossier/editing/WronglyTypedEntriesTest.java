package org.dossier.editing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dossier.accounts.Role;
import org.dossier.app.Main;
import org.dossier.testing.Http;
import org.dossier.testing.SeededCatalogue;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A person and an organisation share the people's list (and its table), not their kind: one is
 * never merged into the other, and an entry typed wrongly ("Politburo" as a person) is retyped on
 * its form, as a version of its own, before it is merged into the right one. Through the forms of a
 * real server, its citations and its search on embedded Lucene.
 */
class WronglyTypedEntriesTest {

    @RegisterExtension
    static final SeededCatalogue catalogue = SeededCatalogue.ownedByTheClass();
    private static final Http alice = Editors.signedIn(catalogue, "alice", Role.EDITOR);
    private static final Http bob = Editors.signedIn(catalogue, "bob", Role.EDITOR);

    @TempDir
    static Path pages;

    private static FormFields form(Http editor, String key) {
        return FormFields.at(editor, "/admin/people/" + key + "/edit", "form.authority-form");
    }

    /** Adds an entry of the people's list through its form; returns its key. */
    private static String create(String name, String kind) {
        FormFields blank = FormFields.at(alice, "/admin/people/new", "form.authority-form");
        HttpResponse<String> made = alice.post("/admin/people/new", blank.set("name", name).set("kind", kind)
                .set("note", "Named in the records").entries());
        assertEquals(303, made.statusCode(), made.body());
        return made.headers().firstValue("Location").orElseThrow().replaceAll("^/admin/people/([^/]+)/link.*", "$1");
    }

    private static void edit(Http editor, String key, String field, String value, String note) {
        HttpResponse<String> saved = editor.post("/admin/people/" + key + "/edit", form(editor, key).set(field, value)
                .set("note", note).entries());
        assertEquals(303, saved.statusCode(), Jsoup.parse(saved.body()).select(".field-error, .notice").text());
    }

    /** Changes the kind through the form, saving again once shown how the entry will be cited with its sort form. */
    private static void retype(Http editor, String key, String kind, String note) {
        HttpResponse<String> asked = editor.post("/admin/people/" + key + "/edit", form(editor, key).set("kind", kind)
                .set("note", note).entries());
        assertEquals(422, asked.statusCode(), "asked first how it will be cited");
        assertTrue(Jsoup.parse(asked.body()).selectFirst("#sort_name-error").text().startsWith("As a"), asked.body());
        HttpResponse<String> saved = editor.post("/admin/people/" + key + "/edit",
                FormFields.of(asked.body(), "form.authority-form").entries());
        assertEquals(303, saved.statusCode(), Jsoup.parse(saved.body()).select(".field-error, .notice").text());
    }

    private static HttpResponse<String> merge(Http editor, Document page, String key, String survivor, String note) {
        return editor.post("/admin/people/" + key + "/merge", Map.of("csrf", Editors.csrf(page.html()),
                "version", page.selectFirst("form.merge-form input[name=version]").val(), "survivor", survivor, "note", note));
    }

    private static Document mergePage(Http editor, String key) {
        return Jsoup.parse(editor.get("/admin/people/" + key + "/merge").body());
    }

    private static HttpResponse<String> restore(Document page, String key, String note) {
        return alice.post("/admin/people/" + key + "/restore", FormFields.of(page.html(), "form.restore-form")
                .set("note", note).entries());
    }

    private static Document versionPage(String key, int number) {
        return Jsoup.parse(alice.get("/people/" + key + "/history/" + number).body());
    }

    /** Imports one seed page with one entry titled so, as {@code import} does. */
    private static void importPage(String file, String title) throws IOException {
        Path folder = Files.createDirectories(pages.resolve(file));
        Files.writeString(folder.resolve(file + ".txt"), "Skip to content\n\n1 - 1 of 1\n\nMay 10, 1950\n\n" + title
                + "\n\nOn the harvest.\n");
        assertEquals(0, Main.run("import", "--db", catalogue.database().toString(), folder.toString()));
    }

    /** Links every record the linking page offers. */
    private static void linkAll(String key) {
        Document page = Jsoup.parse(alice.get("/admin/people/" + key + "/link").body());
        List<Map.Entry<String, String>> post = new ArrayList<>();
        post.add(Map.entry("csrf", Editors.csrf(page.html())));
        page.select("form.link-form input[name=document]").eachAttr("value").forEach(id -> post.add(Map.entry("document", id)));
        assertEquals(2, post.size(), page.text());
        assertEquals(303, alice.post("/admin/people/" + key + "/link", post).statusCode());
    }

    private static JsonNode json(String path) throws IOException {
        HttpResponse<String> response = catalogue.http().get(path);
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return new ObjectMapper().readTree(response.body());
    }

    /** The one record a search finds, once the index has it (it follows the change feed). */
    private static int onlyRecord(String query) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        JsonNode found = json("/search.json?" + query);
        while (found.get("total").asLong() != 1) {
            assertTrue(System.nanoTime() < deadline, query + " never found its one record: " + found.get("total"));
            Thread.sleep(100);
            found = json("/search.json?" + query);
        }
        return found.get("documents").get(0).get("id").asInt();
    }

    /** The record's first author as CSL-JSON names it. */
    private static JsonNode cslAuthor(int record) throws IOException {
        return json("/documents/" + record + ".csl.json").get(0).get("author").get(0);
    }

    /** What the entry's public page says it is. */
    private static String kicker(String key) {
        return Jsoup.parse(catalogue.http().get("/people/" + key).body()).selectFirst(".record-kicker").text();
    }

    private static String bibAuthor(int record) {
        return catalogue.http().get("/documents/" + record + ".bib").body().lines()
                .filter(l -> l.strip().startsWith("author")).findFirst().orElseThrow().strip();
    }

    @Test
    void aPersonIsNotMergedIntoAnOrganisationNorOneIntoAPersonAndTheRefusalNamesBothKindsAndKeepsWhatWasTyped() {
        String politburo = create("Politburo", "person");
        assertTrue(mergePage(alice, politburo).select("#survivor option").eachText().contains("Central Committee of the "
                + "Communist Party of the Soviet Union (cpsu-central-committee) — an organisation"), "the other kind is marked");
        HttpResponse<String> refused = merge(alice, mergePage(alice, politburo), politburo, "cpsu-central-committee",
                "One body");
        assertEquals(422, refused.statusCode(), refused.body());
        Document page = Jsoup.parse(refused.body());
        assertTrue(page.selectFirst("#survivor-error").text().startsWith("Politburo is a person and Central Committee of "
                + "the Communist Party of the Soviet Union (cpsu-central-committee) an organisation: a person is merged "
                + "only into another person. Nothing was merged."), page.selectFirst("#survivor-error").text());
        assertEquals("cpsu-central-committee", page.selectFirst("#survivor option[selected]").val());
        assertEquals("One body", page.selectFirst("#note").val());
        HttpResponse<String> stillThere = catalogue.http().get("/people/" + politburo);
        assertEquals(200, stillThere.statusCode(), "nothing was merged: " + stillThere.body());

        HttpResponse<String> back = merge(alice, mergePage(alice, "prc-government"), "prc-government", "mao-zedong",
                "His government");
        assertEquals(422, back.statusCode(), back.body());
        assertTrue(Jsoup.parse(back.body()).selectFirst("#survivor-error").text().startsWith("Government of the People's "
                + "Republic of China is an organisation and Mao Zedong (mao-zedong) a person: an organisation is merged "
                + "only into another organisation."), back.body());
    }

    @Test
    void anOrganisationTypedAsAPersonIsRetypedAsAVersionOfItsOwnItsRecordFollowsARestoreUndoesItAndItMergesIntoTheRightOne()
            throws IOException, InterruptedException {
        importPage("kwp", "Report from the Politburo of the Workers' Party of Korea to the Soviet Embassy");
        String wrong = create("Politburo of the Workers' Party of Korea", "person");
        linkAll(wrong);
        int record = onlyRecord("person=" + wrong);
        assertEquals("Politburo", cslAuthor(record).path("family").asText(), "a person's name is inverted: " + cslAuthor(record));
        String right = create("Political Committee of the Workers' Party of Korea", "organisation");
        assertEquals(422, merge(alice, mergePage(alice, wrong), wrong, right, "One body").statusCode(),
                "a person is not merged into an organisation");

        assertEquals("Person", kicker(wrong));
        retype(alice, wrong, "organisation", "A body, entered as a person");
        assertEquals("Organisation", kicker(wrong), "its own page says what it is now");
        Document retyped = versionPage(wrong, 2);
        assertEquals("alice", retyped.selectFirst(".revision-head .author").text());
        assertEquals("A body, entered as a person", retyped.selectFirst(".revision-note").text());
        assertEquals(List.of("person"), retyped.select("dd.diff-text del").eachText(), retyped.select("dl.diff").html());
        assertEquals(List.of("organisation"), retyped.select("dd.diff-text ins").eachText(), retyped.select("dl.diff").html());
        assertEquals("Politburo of the Workers' Party of Korea", cslAuthor(record).path("literal").asText(),
                "an organisation is cited whole: " + cslAuthor(record));
        assertEquals("author       = {{Politburo of the Workers' Party of Korea}},", bibAuthor(record));

        assertEquals(303, restore(versionPage(wrong, 1), wrong, "Undone to check").statusCode());
        assertEquals("Politburo", cslAuthor(record).path("family").asText(), "restored, a person again");
        assertEquals(303, restore(versionPage(wrong, 2), wrong, "A body after all").statusCode());
        assertEquals("Politburo of the Workers' Party of Korea", cslAuthor(record).path("literal").asText());

        HttpResponse<String> merged = merge(alice, mergePage(alice, wrong), wrong, right, "One body");
        assertEquals(303, merged.statusCode(), Jsoup.parse(merged.body()).select("#survivor-error").text());
        assertEquals(record, onlyRecord("person=" + right), "the record is the right one's, in search and its facet");
        assertEquals("Political Committee of the Workers' Party of Korea", cslAuthor(record).path("literal").asText());
    }

    @Test
    void anOrganisationRetypedAsAPersonIsFirstShownHowItWouldBeCitedAndItsSortFormIsCorrectedInTheSameSave() {
        FormFields blank = FormFields.at(alice, "/admin/people/new", "form.authority-form");
        assertEquals(303, alice.post("/admin/people/new", blank.set("name", "Legation of Poland in the DPRK")
                .set("sort_name", "Poland, Legation in the DPRK").set("kind", "organisation")
                .set("note", "Named in the records").entries()).statusCode());
        String key = "legation-of-poland-in-the-dprk";
        Document page = Jsoup.parse(alice.get("/admin/people/" + key + "/edit").body());
        assertEquals("As a person, it is cited with the family name “Poland” and the given names “Legation in the DPRK”; "
                + "as an organisation, cited whole, “Legation of Poland in the DPRK”, listed under “Poland, Legation in the DPRK”.",
                page.selectFirst("#kind-hint").text(), "said before saving, without a script");

        HttpResponse<String> asked = alice.post("/admin/people/" + key + "/edit", form(alice, key).set("kind", "person")
                .set("note", "Its head, Kim, signed as a person").entries());
        assertEquals(422, asked.statusCode());
        Document question = Jsoup.parse(asked.body());
        assertTrue(question.selectFirst("#sort_name-error").text().startsWith("As a person, “Legation of Poland in the DPRK” "
                + "is cited with the family name “Poland” and the given names “Legation in the DPRK”."),
                question.selectFirst("#sort_name-error").text());
        assertEquals("person", question.selectFirst("#kind option[selected]").val(), "what was typed is kept");
        assertEquals("Its head, Kim, signed as a person", question.selectFirst("#note").val());
        assertEquals("organisation", form(alice, key).get("kind"), "nothing was saved");

        HttpResponse<String> corrected = alice.post("/admin/people/" + key + "/edit",
                FormFields.of(asked.body(), "form.authority-form").set("sort_name", "Legation of Poland in the DPRK").entries());
        assertEquals(303, corrected.statusCode(), Jsoup.parse(corrected.body()).select(".field-error").text());
        FormFields saved = form(alice, key);
        assertEquals("person", saved.get("kind"));
        assertEquals("Legation of Poland in the DPRK", saved.get("sort_name"), "the sort form corrected in the same save");

        // Back to an organisation, keeping the sort form as it is: asked once, then saved as shown.
        retype(alice, key, "organisation", "A body after all");
        assertEquals("organisation", form(alice, key).get("kind"));
    }

    @Test
    void aStaleFormComesBackWithTheKindAnotherEditorGaveAndAStaleRestoreOrMergeIsRefusedSayingWhy() {
        String secretariat = create("Secretariat of the Comintern", "person");
        String other = create("Comintern Executive Secretariat", "person");
        edit(bob, secretariat, "description", "Moscow", "Where it sat");
        FormFields alices = form(alice, secretariat);
        Document v1 = versionPage(secretariat, 1);
        Document mergePage = mergePage(alice, secretariat);

        retype(bob, other, "organisation", "A body, entered as a person");
        HttpResponse<String> refusedMerge = merge(alice, mergePage, secretariat, other, "One body");
        assertEquals(422, refusedMerge.statusCode(), "the survivor's kind as it is now, not as the page showed it");
        assertTrue(Jsoup.parse(refusedMerge.body()).selectFirst("#survivor-error").text().startsWith(
                "Secretariat of the Comintern is a person and Comintern Executive Secretariat (" + other
                        + ") an organisation"), refusedMerge.body());

        retype(bob, secretariat, "organisation", "A body too");
        HttpResponse<String> stale = alice.post("/admin/people/" + secretariat + "/edit", alices
                .set("description", "Moscow, Mokhovaya Street").set("note", "Its address").entries());
        assertEquals(409, stale.statusCode());
        Document conflict = Jsoup.parse(stale.body());
        assertEquals("organisation", conflict.selectFirst("#kind option[selected]").val(), "Bob's kind, which Alice left alone");
        assertTrue(conflict.selectFirst(".merge-notes .taken").text().contains("Kind"), conflict.select(".merge-notes").text());
        assertEquals(303, alice.post("/admin/people/" + secretariat + "/edit",
                FormFields.of(stale.body(), "form.authority-form").entries()).statusCode());
        assertEquals("organisation", form(alice, secretariat).get("kind"));

        HttpResponse<String> staleRestore = restore(v1, secretariat, "As first entered");
        assertEquals(409, staleRestore.statusCode());
        Document refused = Jsoup.parse(staleRestore.body());
        assertTrue(refused.selectFirst("#restore-problem").text().startsWith("Someone changed this organisation while you "
                + "had this page open"), refused.selectFirst("#restore-problem").text());
        assertEquals("As first entered", refused.selectFirst("form.restore-form input[name=note]").val());
        assertFalse(form(alice, secretariat).get("kind").equals("person"), "nothing was restored");

        assertEquals(303, merge(alice, mergePage(alice, secretariat), secretariat, other, "One body").statusCode(),
                "both organisations now: merged");
    }
}
