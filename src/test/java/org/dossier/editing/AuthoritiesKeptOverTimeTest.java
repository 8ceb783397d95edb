package org.dossier.editing;

import static org.dossier.db.Tables.DOCUMENT_PERSON;
import static org.dossier.db.Tables.PERSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.dossier.accounts.Role;
import org.dossier.testing.CatalogueDatabase;
import org.dossier.testing.Http;
import org.dossier.testing.SeededCatalogue;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An archivist keeps people and places for months, beside a colleague: merges made one on top of
 * another, undone in turn, and what they type into the forms, on a real server and SQLite file.
 * Each test works on people no other test here touches.
 */
class AuthoritiesKeptOverTimeTest {

    @RegisterExtension
    static final SeededCatalogue catalogue = SeededCatalogue.ownedByTheClass();
    private static final Http alice = Editors.signedIn(catalogue, "alice", Role.EDITOR);
    private static final Http bob = Editors.signedIn(catalogue, "bob", Role.EDITOR);

    private static final CatalogueDatabase database = CatalogueDatabase.forTheClass(catalogue);

    private static Map<Integer, String> links(String key) {
        return database.dsl().select(DOCUMENT_PERSON.DOCUMENT_ID, DOCUMENT_PERSON.ROLE).from(DOCUMENT_PERSON)
                .where(DOCUMENT_PERSON.PERSON_ID.eq(database.personId(key))).fetchMap(DOCUMENT_PERSON.DOCUMENT_ID, DOCUMENT_PERSON.ROLE);
    }

    /**
     * Merges through the form, then waits until the records the merge left to the background have
     * moved (on a busy machine, PostgreSQL under four builds, its request had not moved them all).
     */
    private static HttpResponse<String> merge(Http editor, String key, String survivor, String note) {
        Document form = Jsoup.parse(editor.get("/admin/people/" + key + "/merge").body());
        HttpResponse<String> merged = editor.post("/admin/people/" + key + "/merge",
                Map.of("csrf", Editors.csrf(form.html()), "version", form.selectFirst("input[name=version]").val(),
                        "survivor", survivor, "note", note));
        database.awaitMergesMoved();
        return merged;
    }

    private static HttpResponse<String> restore(Http editor, String key, int number, String note) {
        Document page = Jsoup.parse(editor.get("/people/" + key + "/history/" + number).body());
        HttpResponse<String> restored = editor.post("/admin/people/" + key + "/restore", Map.of("csrf",
                Editors.csrf(page.html()), "revision", String.valueOf(number),
                "version", page.selectFirst("form.restore-form input[name=version]").val(), "note", note));
        database.awaitMergesMoved();
        return restored;
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

    private static FormFields form(Http editor, String path) {
        return FormFields.at(editor, path, "form.authority-form");
    }

    private static String name(String key) {
        return database.dsl().select(PERSON.NAME).from(PERSON).where(PERSON.KEY.eq(key)).fetchSingle(PERSON.NAME);
    }

    /**
     * Alice has a person's form open while Bob merges another into it: her save is refused as stale,
     * and the form that comes back has the forms of the name the merge brought (she had not changed
     * the forms), so that sending it again keeps them rather than quietly removing them.
     */
    @Test
    void aPersonsFormOpenedBeforeAnotherWasMergedIntoItKeepsTheFormsTheMergeBroughtWhenSentAgain() {
        FormFields opened = form(alice, "/admin/people/yudin/edit");
        assertEquals(303, merge(bob, "torbenkov", "yudin", "One diplomat, entered twice").statusCode());
        HttpResponse<String> stale = alice.post("/admin/people/yudin/edit", opened
                .set("description", "Soviet Ambassador to the PRC, 1953-1959").set("note", "His years").entries());
        assertEquals(409, stale.statusCode(), stale.body());
        FormFields merged = FormFields.of(stale.body(), "form.authority-form");
        assertEquals("Soviet Ambassador to the PRC, 1953-1959", merged.get("description"));
        assertEquals(303, alice.post("/admin/people/yudin/edit", merged.entries()).statusCode());
        List<String> forms = Jsoup.parse(alice.get("/admin/people/yudin/edit").body())
                .select("form.authority-form input[name^=alias-]").eachAttr("value");
        assertTrue(forms.containsAll(List.of("N. Ye. Torbenkov", "Torbenkov", "Yudin", "Pavel F. Yudin")), forms.toString());
    }

    @Test
    void aBidiOverrideTypedIntoAPersonsNameFormsOrNoteIsDroppedSoItTurnsNothingRoundOnThePagesThatShowIt() {
        HttpResponse<String> made = alice.post("/admin/people/new", form(alice, "/admin/people/new")
                .set("name", "Evil\u202eName").set("sort_name", "Name, \u202bEvil").set("description", "Wrote \u2066to\u2069 us")
                .set("alias-0", "E.\u202d Name").set("alias-kind-0", "variant").set("note", "Pasted \u202efrom a list").entries());
        assertEquals(303, made.statusCode(), made.body());
        assertEquals("EvilName", name("evilname"));
        HttpResponse<String> history = catalogue.http().get("/people/evilname/history/1");
        Document page = Jsoup.parse(history.body());
        assertTrue(page.text().contains("Pasted from a list"), page.text());
        for (String shown : java.util.List.of(history.body(), alice.get("/admin/people").body(),
                alice.get("/admin/people/evilname/edit").body())) {
            assertTrue(shown.chars().noneMatch(c -> c == 0x202A || c == 0x202B || c == 0x202C || c == 0x202D || c == 0x202E
                    || c >= 0x2066 && c <= 0x2069), "no bidi control is stored to be shown");
        }
        FormFields saved = form(alice, "/admin/people/evilname/edit");
        assertEquals("Name, Evil", saved.get("sort_name"));
        assertEquals("Wrote to us", saved.get("description"));
        assertEquals("E. Name", saved.get("alias-0"));
    }

    @Test
    void aNameTypedWithCombiningAccentsIsStoredComposedAndSavingItOverTheSameNameComposedChangesNothing() {
        HttpResponse<String> made = alice.post("/admin/people/new", form(alice, "/admin/people/new")
                .set("name", "Jose\u0301 Marti\u0301").set("alias-0", "Pe\u0301pe").set("alias-kind-0", "variant")
                .set("note", "Pasted from a PDF").entries());
        assertEquals(303, made.statusCode(), made.body());
        assertEquals("Jos\u00e9 Mart\u00ed", name("jose-marti"), "stored as the one precomposed letter");
        FormFields edit = form(bob, "/admin/people/jose-marti/edit");
        assertEquals("P\u00e9pe", edit.get("alias-0"));

        HttpResponse<String> same = bob.post("/admin/people/jose-marti/edit", edit.set("name", "Jose\u0301 Marti\u0301")
                .set("alias-0", "Pe\u0301pe").set("note", "Typed again on a Mac").entries());
        assertEquals(422, same.statusCode(), "the same name, however its accents were typed, is no change");
        assertTrue(Jsoup.parse(same.body()).text().contains("Nothing to save"), same.body());
        assertEquals(1, Jsoup.parse(catalogue.http().get("/people/jose-marti/history").body()).select("li.revision").size());

        HttpResponse<String> twin = alice.post("/admin/people/new", form(alice, "/admin/people/new")
                .set("name", "Jos\u00e9 Mart\u00ed").set("note", "Entered again").entries());
        assertEquals(422, twin.statusCode(), "the composed name is the same person's");
        assertEquals("Jos\u00e9 Mart\u00ed", Jsoup.parse(twin.body()).selectFirst("#name").val(), "what was typed is kept");
    }

    @Test
    void restoringAVersionWithAFormAnotherPersonHasSinceIsRefusedNamingThemAndChangesNothing() {
        FormFields kuznetsov = form(alice, "/admin/people/kuznetsov/edit");
        int row = kuznetsov.get("alias-0").equals("V. V. Kuznetsov") ? 0 : 1;
        assertEquals("V. V. Kuznetsov", kuznetsov.get("alias-" + row));
        assertEquals(303, alice.post("/admin/people/kuznetsov/edit", kuznetsov.set("alias-" + row, "")
                .set("note", "V. V. is someone else").entries()).statusCode());
        FormFields tugarinov = form(bob, "/admin/people/tugarinov/edit");
        assertEquals(303, bob.post("/admin/people/tugarinov/edit", tugarinov.set("alias-2", "V. V. Kuznetsov")
                .set("alias-kind-2", "variant").set("note", "His signature in the records").entries()).statusCode());

        HttpResponse<String> refused = restore(alice, "kuznetsov", 1, "The form was right");
        assertEquals(409, refused.statusCode(), refused.body());
        Document page = Jsoup.parse(refused.body());
        assertTrue(page.selectFirst("#restore-problem").text().contains("Version 1 gives it the form 'V. V. Kuznetsov', "
                + "which is a name of I. Tugarinov (tugarinov) now. Nothing was restored"), page.text());
        assertEquals("The form was right", page.selectFirst("form.restore-form input[name=note]").val());
        assertEquals(2, Jsoup.parse(catalogue.http().get("/people/kuznetsov/history").body()).select("li.revision").size());
        assertTrue(Jsoup.parse(catalogue.http().get("/people/kuznetsov").body()).select(".alias").eachText().stream()
                .noneMatch(a -> a.contains("V. V. Kuznetsov")), "the form stays the other's alone");

        // Taken back from the other first, the restore goes through.
        FormFields taken = form(bob, "/admin/people/tugarinov/edit");
        int his = taken.get("alias-0").equals("V. V. Kuznetsov") ? 0 : 1;
        assertEquals("V. V. Kuznetsov", taken.get("alias-" + his));
        assertEquals(303, bob.post("/admin/people/tugarinov/edit", taken.set("alias-" + his, "").set("note", "Not his after all")
                .entries()).statusCode());
        assertEquals(303, restore(alice, "kuznetsov", 1, "The form was right").statusCode());
        assertTrue(Jsoup.parse(catalogue.http().get("/people/kuznetsov").body()).text().contains("V. V. Kuznetsov"));
    }

    @Test
    void aRecordFormOpenedBeforeOneOfItsPeopleWasMergedAwayKeepsTheLinkAsTheSurvivorsInTheSameRole() {
        Map<Integer, String> krasovsky = links("krasovsky");
        int record = krasovsky.keySet().iterator().next();
        String role = krasovsky.get(record);
        int malik = database.personId("malik");
        FormFields opened = FormFields.at(bob, "/admin/documents/" + record + "/edit", "form.record-form");
        assertTrue(opened.all("person").contains(String.valueOf(database.personId("krasovsky"))));

        assertEquals(303, merge(alice, "krasovsky", "malik", "One name, entered twice").statusCode());
        HttpResponse<String> stale = bob.post("/admin/documents/" + record + "/edit",
                opened.set("title", opened.get("title") + " (draft)").set("note", "Date checked against the original").entries());
        assertEquals(409, stale.statusCode(), "the merge saved the record in between: the conflict page, not a refusal");
        FormFields kept = FormFields.of(stale.body(), "form.record-form");
        assertTrue(kept.all("person").contains(String.valueOf(malik)), "the survivor is ticked where the editor ticked the other");
        assertEquals(role, kept.get("role-" + malik), "in the role the editor gave");
        assertEquals("Date checked against the original", kept.get("note"));

        assertEquals(303, bob.post("/admin/documents/" + record + "/edit", kept.entries()).statusCode());
        assertEquals(role, links("malik").get(record), "the link is kept, the survivor's");
        assertTrue(database.dsl().select(org.dossier.db.Tables.DOCUMENT.TITLE).from(org.dossier.db.Tables.DOCUMENT)
                .where(org.dossier.db.Tables.DOCUMENT.ID.eq(record)).fetchSingle(org.dossier.db.Tables.DOCUMENT.TITLE)
                .endsWith("(draft)"), "and the editor's change saved");
    }

    @Test
    void aMergeOrRestoreNoteWithAControlCharacterIsRefusedAtTheNoteWithItKeptAndABidiOverrideIsDropped() {
        Document form = Jsoup.parse(alice.get("/admin/people/pasztor/merge").body());
        HttpResponse<String> bell = alice.post("/admin/people/pasztor/merge", Map.of("csrf", Editors.csrf(form.html()),
                "version", form.selectFirst("input[name=version]").val(), "survivor", "lange", "note", "Same man\u0007"));
        assertEquals(422, bell.statusCode(), bell.body());
        Document refused = Jsoup.parse(bell.body());
        assertTrue(refused.selectFirst("#note-error").text().contains("The note has a control character, which shows "
                + "nothing (U+0007, at character 9)"), refused.text());
        assertEquals("note-error", refused.selectFirst("#note").attr("aria-describedby"));
        assertEquals("Same man\u0007", refused.selectFirst("#note").val(), "what was typed is kept");
        assertEquals(200, catalogue.http().get("/people/pasztor").statusCode(), "nothing was merged");

        HttpResponse<String> nul = alice.post("/admin/people/pasztor/merge", Map.of("csrf", Editors.csrf(form.html()),
                "version", form.selectFirst("input[name=version]").val(), "survivor", "lange\u0000", "note", "Same man"));
        assertEquals(422, nul.statusCode(), "a key no one has, whatever the database");

        assertEquals(303, merge(alice, "pasztor", "lange", "Same \u202eman").statusCode());
        assertTrue(Jsoup.parse(catalogue.http().get("/people/lange/history").body()).selectFirst("li.revision").text()
                .contains("Merged K\u00e1roly P\u00e1sztor (pasztor) into Oskar Lange: Same man"));

        HttpResponse<String> restoreBell = restore(alice, "pasztor", 1, "Two\u001b men");
        assertEquals(422, restoreBell.statusCode(), restoreBell.body());
        Document page = Jsoup.parse(restoreBell.body());
        assertTrue(page.selectFirst("#restore-problem").text().contains("U+001B"), page.text());
        assertEquals("true", page.selectFirst("form.restore-form input[name=note]").attr("aria-invalid"));
        assertEquals(301, catalogue.http().get("/people/pasztor").statusCode(), "nothing was restored");
    }

    @Test
    void aNameOrFormOfNoBreakOrZeroWidthSpacesAloneIsNoNameAndSpacesOfEveryKindInANameAreOneSpace() {
        FormFields blank = form(alice, "/admin/places/new");
        HttpResponse<String> invisible = alice.post("/admin/places/new", blank.set("name", " \u00a0\u2003 ")
                .set("note", "Pasted from a word processor").entries());
        assertEquals(422, invisible.statusCode(), invisible.body());
        Document page = Jsoup.parse(invisible.body());
        assertTrue(page.selectFirst("#name-error").text().contains("Write the name this place is best known by."), page.text());
        assertEquals(" \u00a0\u2003 ", page.selectFirst("#name").val(), "what was typed is kept");
        assertEquals(422, alice.post("/admin/places/new", blank.set("name", "\u200b").set("note", "Pasted").entries())
                .statusCode(), "nor is a zero-width space a name");

        HttpResponse<String> made = alice.post("/admin/places/new", blank.set("name", "Port\u00a0\u00a0Said ")
                .set("sort_name", "\u200b").set("alias-0", "\u00a0").set("alias-kind-0", "variant")
                .set("alias-1", "Bur\u202fSa\u02bfid").set("alias-kind-1", "variant").set("note", "A port").entries());
        assertEquals(303, made.statusCode(), made.body());
        FormFields saved = form(alice, "/admin/places/port-said/edit");
        assertEquals("Port Said", saved.get("name"));
        assertEquals("Port Said", saved.get("sort_name"), "an invisible sort form is none: the name sorts it");
        assertEquals("Bur Sa\u02bfid", saved.get("alias-0"), "the row of a no-break space alone was no form");
        assertEquals("", saved.get("alias-1"));
    }

    @Test
    void ticksOnTheLinkingPageOfAPersonMergedAwaySinceLinkNothingToItAndLeadToTheSurvivorsPage() {
        assertEquals(303, alice.post("/admin/people/new", form(alice, "/admin/people/new").set("name", "Red Army")
                .set("kind", "organisation").set("note", "Named in the records").entries()).statusCode());
        assertEquals(303, alice.post("/admin/people/new", form(alice, "/admin/people/new").set("name", "Soviet Army")
                .set("kind", "organisation").set("note", "Its name from 1946").entries()).statusCode());
        Document preview = Jsoup.parse(bob.get("/admin/people/red-army/link").body());
        var ticks = new java.util.ArrayList<Map.Entry<String, String>>();
        ticks.add(Map.entry("csrf", Editors.csrf(preview.html())));
        preview.select("form.link-form input[name=document]").eachAttr("value").forEach(id -> ticks.add(Map.entry("document", id)));
        assertEquals(3, ticks.size(), preview.text());

        assertEquals(303, merge(alice, "red-army", "soviet-army", "One army, renamed in 1946").statusCode());
        HttpResponse<String> linked = bob.post("/admin/people/red-army/link", ticks);
        assertEquals(303, linked.statusCode(), linked.body());
        assertEquals("/admin/people/soviet-army/link", linked.headers().firstValue("Location").orElseThrow());
        assertEquals(Map.of(), links("red-army"), "nothing linked to the one merged away");
        assertEquals(Map.of(), links("soviet-army"), "nor to the survivor, unseen");
        assertFalse(Jsoup.parse(alice.get("/admin").body()).text().contains("Merges still moving records"),
                "no merge is under way again");

        HttpResponse<String> page = bob.get("/admin/people/red-army/link");
        assertEquals(303, page.statusCode());
        assertEquals("/admin/people/soviet-army/link", page.headers().firstValue("Location").orElseThrow());
        Document survivors = Jsoup.parse(bob.get("/admin/people/soviet-army/link").body());
        assertEquals(2, survivors.select("form.link-form input[name=document]").size(), "the survivor's page offers them");
    }

    @Test
    void aFormThatDiffersFromAnothersOnlyInPunctuationIsRefusedAsTheirsForTheRecordsReadThemAsOneName() {
        for (String typed : java.util.List.of("J.V. Stalin", "Kim-Il-Sung", "Filippov.")) {
            HttpResponse<String> refused = alice.post("/admin/people/new", form(alice, "/admin/people/new")
                    .set("name", typed).set("note", "Another entry").entries());
            assertEquals(422, refused.statusCode(), typed);
            Document page = Jsoup.parse(refused.body());
            assertTrue(page.selectFirst("#name-error").text().startsWith("'" + typed + "' is already a name of "), page.text());
            assertEquals(typed, page.selectFirst("#name").val());
        }
        FormFields yu = form(bob, "/admin/people/yu-zhan/edit");
        HttpResponse<String> alias = bob.post("/admin/people/yu-zhan/edit", yu.set("alias-2", "Kim Il-Sung")
                .set("alias-kind-2", "variant").set("note", "Misread").entries());
        assertEquals(422, alias.statusCode());
        assertEquals("/admin/people/kim-il-sung/edit", Jsoup.parse(alias.body()).selectFirst("#alias-2-error a").attr("href"));

        assertEquals(303, alice.post("/admin/people/new", form(alice, "/admin/people/new").set("name", "J. V. Stalina")
                .set("note", "Another person").entries()).statusCode(), "other words are another name");
        FormFields stalin = form(alice, "/admin/people/stalin/edit");
        assertEquals(303, alice.post("/admin/people/stalin/edit", stalin.set("description", "Soviet leader")
                .set("note", "Shorter").entries()).statusCode(), "forms it has already, punctuated apart, stay");
    }

    @Test
    void aNameWrittenRightToLeftIsSavedAsTypedAndEveryFieldAndHeadingThatShowsItTakesItsDirectionFromIt() {
        String name = "\u0645\u062d\u0645\u062f \u0645\u0635\u062f\u0642";
        String form = "\u0645\u0635\u062f\u0642 (1882)";
        HttpResponse<String> made = alice.post("/admin/people/new", form(alice, "/admin/people/new").set("name", name)
                .set("alias-0", form).set("alias-kind-0", "variant").set("note", "Prime Minister of Iran").entries());
        assertEquals(303, made.statusCode(), made.body());
        String key = made.headers().firstValue("Location").orElseThrow().split("/")[3];

        Document edit = Jsoup.parse(alice.get("/admin/people/" + key + "/edit").body());
        assertEquals(name, edit.selectFirst("#name").val());
        assertEquals(form, edit.selectFirst("#alias-0").val());
        for (String field : java.util.List.of("#name", "#alias-0", "#alias-1", "#sort_name", "h1 .edited-title")) {
            assertEquals("auto", edit.selectFirst(field).attr("dir"), field);
        }
        Document page = Jsoup.parse(catalogue.http().get("/people/" + key).body());
        assertEquals(name, page.selectFirst("h1").text());
        assertEquals("auto", page.selectFirst("h1").attr("dir"));
        assertEquals("auto", page.selectFirst(".alias").attr("dir"));
        Document list = Jsoup.parse(alice.get("/admin/people").body());
        assertEquals("auto", list.selectFirst("a[href=/people/" + key + "]").attr("dir"));
        for (String path : java.util.List.of("/people/" + key + "/history", "/people/" + key + "/history/1",
                "/admin/people/" + key + "/merge", "/admin/people/" + key + "/link")) {
            assertEquals("auto", Jsoup.parse(alice.get(path).body()).selectFirst("h1 .edited-title").attr("dir"), path);
        }
    }

    @Test
    void twoEditorsAddingTheSameNameAtOnceMakeOnePersonAndTheOtherIsToldItIsTheirs() throws Exception {
        int tries = 8;
        java.util.List<java.util.List<Map.Entry<String, String>>> posts = new java.util.ArrayList<>();
        for (int i = 0; i < tries; i++) {
            posts.add(form(i % 2 == 0 ? alice : bob, "/admin/people/new").set("name", i % 2 == 0 ? "Nikita Khrushchev"
                    : "Nikita  khrushchev").set("note", "Named in the records").entries());
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(tries);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        java.util.List<java.util.concurrent.Future<HttpResponse<String>>> answers = new java.util.ArrayList<>();
        for (int i = 0; i < tries; i++) {
            Http editor = i % 2 == 0 ? alice : bob;
            var post = posts.get(i);
            answers.add(pool.submit(() -> {
                go.await();
                return editor.post("/admin/people/new", post);
            }));
        }
        go.countDown();
        // The one who made it is sent to it by each of their sends (the same form sent again goes on
        // as saved); the other editor is told whose the name is.
        java.util.Set<String> made = new java.util.HashSet<>();
        for (var answer : answers) {
            HttpResponse<String> response = answer.get();
            if (response.statusCode() == 303) {
                made.add(response.headers().firstValue("Location").orElseThrow());
            } else {
                assertEquals(422, response.statusCode(), response.body());
                // Whichever of the two spellings was saved first.
                assertTrue(Jsoup.parse(response.body()).selectFirst("#name-error").text().toLowerCase(java.util.Locale.ROOT)
                        .contains("is already a name of nikita khrushchev"), response.body());
            }
        }
        pool.shutdown();
        assertEquals(1, made.size(), "one person: " + made);
        assertEquals(1, database.dsl().fetchCount(PERSON, PERSON.NAME.likeIgnoreCase("Nikita%Khrushchev")));

        // A form two editors give two people at once: one of them has it.
        FormFields mikoyan = form(alice, "/admin/people/mikoyan/edit");
        FormFields ponomarev = form(bob, "/admin/people/ponomarev/edit");
        int m = firstEmpty(mikoyan);
        int p = firstEmpty(ponomarev);
        java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
        java.util.concurrent.CountDownLatch now = new java.util.concurrent.CountDownLatch(1);
        var toMikoyan = two.submit(() -> {
            now.await();
            return alice.post("/admin/people/mikoyan/edit", mikoyan.set("alias-" + m, "The Old Bolshevik")
                    .set("note", "A nickname").entries());
        });
        var toPonomarev = two.submit(() -> {
            now.await();
            return bob.post("/admin/people/ponomarev/edit", ponomarev.set("alias-" + p, "The Old Bolshevik")
                    .set("note", "A nickname").entries());
        });
        now.countDown();
        java.util.List<Integer> statuses = new java.util.ArrayList<>(java.util.List.of(toMikoyan.get().statusCode(),
                toPonomarev.get().statusCode()));
        two.shutdown();
        java.util.Collections.sort(statuses);
        assertEquals(java.util.List.of(303, 422), statuses, "one of them has it, the other is told whose it is");
    }

    @Test
    void anEntryWithHundredsOfFormsKeepsEveryOneOfThemThroughItsFormAndASave() {
        int forms = 230;
        FormFields typed = form(alice, "/admin/people/new").set("name", "Manyforms Person").set("note", "From a merged list");
        for (int i = 0; i < forms; i++) {
            typed = typed.set("alias-" + i, "Manyforms Variant " + letters(i)).set("alias-kind-" + i, "variant");
        }
        HttpResponse<String> made = alice.post("/admin/people/new", typed.entries());
        assertEquals(303, made.statusCode(), made.body());
        FormFields opened = form(bob, "/admin/people/manyforms-person/edit");
        assertEquals(forms, firstEmpty(opened), "every form is offered again");
        assertTrue(opened.get("alias-" + (forms - 1)).startsWith("Manyforms Variant "), opened.get("alias-" + (forms - 1)));

        HttpResponse<String> saved = bob.post("/admin/people/manyforms-person/edit",
                opened.set("description", "Known under many names").set("note", "Described").entries());
        assertEquals(303, saved.statusCode(), saved.body());
        assertEquals(forms, firstEmpty(form(alice, "/admin/people/manyforms-person/edit")), "none is dropped on saving");
    }

    /** Two letters for {@code i} (aa, ab, ...): forms told apart by their words, as the name matcher reads them. */
    private static String letters(int i) {
        return "" + (char) ('a' + i / 26) + (char) ('a' + i % 26);
    }

    private static int firstEmpty(FormFields form) {
        int row = 0;
        while (!form.get("alias-" + row).isEmpty()) {
            row++;
        }
        return row;
    }

    @Test
    void aHistoryNoteOfNoBreakSpacesAloneIsNoNoteOnTheFormTheMergeAndTheRestore() {
        FormFields edit = form(alice, "/admin/people/mochulski/edit");
        HttpResponse<String> saved = alice.post("/admin/people/mochulski/edit", edit.set("description", "Soviet diplomat")
                .set("note", "\u00a0\u200b").entries());
        assertEquals(422, saved.statusCode());
        assertTrue(Jsoup.parse(saved.body()).selectFirst("#note-error").text().startsWith("Say what you changed and why"));

        Document form = Jsoup.parse(alice.get("/admin/people/mochulski/merge").body());
        HttpResponse<String> merged = alice.post("/admin/people/mochulski/merge", Map.of("csrf", Editors.csrf(form.html()),
                "version", form.selectFirst("input[name=version]").val(), "survivor", "puzanov", "note", " \u00a0 "));
        assertEquals(422, merged.statusCode());
        assertTrue(Jsoup.parse(merged.body()).selectFirst("#note-error").text().startsWith("Say why they are one"));
        assertEquals(200, catalogue.http().get("/people/mochulski").statusCode(), "nothing was merged");

        assertEquals(303, alice.post("/admin/people/mochulski/edit", form(alice, "/admin/people/mochulski/edit")
                .set("description", "Soviet diplomat").set("note", "What he was").entries()).statusCode());
        HttpResponse<String> restored = restore(alice, "mochulski", 1, "\u2003");
        assertEquals(422, restored.statusCode());
        assertEquals(2, Jsoup.parse(catalogue.http().get("/people/mochulski/history").body()).select("li.revision").size());
    }

    @Test
    void aMergeIntoOneMergedAwaySinceIsRefusedNamingWhereItWentWithThatOneChosenAndItselfOrAPlaceIsRefusedSayingWhy() {
        // Alice opens Petrov's merge page; Bob merges Murray into Harriman; Alice, reading her list,
        // chooses Murray.
        Document opened = Jsoup.parse(alice.get("/admin/people/petrov/merge").body());
        assertEquals(303, merge(bob, "murray", "harriman", "One name, entered twice").statusCode());
        java.util.function.Function<String, HttpResponse<String>> into = survivor -> alice.post(
                "/admin/people/petrov/merge", Map.of("csrf", Editors.csrf(opened.html()),
                        "version", opened.selectFirst("input[name=version]").val(), "survivor", survivor, "note", "Same man"));
        HttpResponse<String> stale = into.apply("murray");
        assertEquals(422, stale.statusCode(), stale.body());
        Document page = Jsoup.parse(stale.body());
        assertEquals("Brian Murray was merged into Averell Harriman (harriman) after this page was opened: its records and "
                + "forms of the name are there now. Averell Harriman is chosen below: merge again to merge into it.",
                page.selectFirst("#survivor-error").text());
        assertEquals("harriman", page.selectFirst("#survivor option[selected]").val(), "the survivor chosen, to confirm");
        assertEquals("Same man", page.selectFirst("#note").val());
        assertEquals(200, catalogue.http().get("/people/petrov").statusCode(), "nothing was merged");

        HttpResponse<String> itself = into.apply("petrov");
        assertEquals(422, itself.statusCode());
        assertEquals("A person cannot be merged into itself: choose the other entry of the same person.",
                Jsoup.parse(itself.body()).selectFirst("#survivor-error").text());
        HttpResponse<String> place = into.apply("ussr");
        assertEquals(422, place.statusCode());
        assertEquals("'ussr' is a place: a person is merged only into another person.",
                Jsoup.parse(place.body()).selectFirst("#survivor-error").text());
        assertEquals(200, catalogue.http().get("/people/petrov").statusCode(), "nothing was merged");

        // The one merged away names where it went, by name, on its history and its versions.
        Document history = Jsoup.parse(catalogue.http().get("/people/murray/history").body());
        assertEquals("Merged into Averell Harriman.", history.selectFirst("p.notice").text());
        assertTrue(Jsoup.parse(alice.get("/people/murray/history/1").body()).selectFirst("form.restore-form").text()
                .contains("It was merged into Averell Harriman: restoring this version undoes the merge."));
    }

    @Test
    void undoingAMergeSaysWhatItUndidInTheSurvivorsHistoryAndEachRecordsNotRestoredVersionOneOfAnother() {
        List<Integer> records = List.copyOf(links("liu-xiao").keySet());
        assertFalse(records.isEmpty());
        assertEquals(303, merge(bob, "liu-xiao", "yu-zhan", "One official, entered twice").statusCode());
        // The restore form's own note, as an editor leaves it.
        assertEquals(303, restore(alice, "liu-xiao", 1, "Restored version 1").statusCode());
        String undid = "Undid the merge of Liu Xiao (liu-xiao) into Yu Zhan: Restored version 1";
        for (String key : List.of("liu-xiao", "yu-zhan")) {
            assertEquals(undid, Jsoup.parse(catalogue.http().get("/people/" + key + "/history").body())
                    .selectFirst("li.revision .revision-note").text(), key + "'s history");
        }
        for (int record : records) {
            assertEquals(undid, database.dsl().select(org.dossier.db.Tables.REVISION.NOTE).from(org.dossier.db.Tables.REVISION)
                    .where(org.dossier.db.Tables.REVISION.DOCUMENT_ID.eq(record))
                    .orderBy(org.dossier.db.Tables.REVISION.NUMBER.desc()).limit(1).fetchSingle(org.dossier.db.Tables.REVISION.NOTE));
        }
        assertEquals(Map.copyOf(links("liu-xiao")).keySet(), java.util.Set.copyOf(records), "its records came back");

        // Each side's merge and undoing say how many records moved, and between which two.
        String count = records.size() == 1 ? "1 record" : records.size() + " records";
        Map<String, String> said = Map.of(
                "/people/liu-xiao/history/2", count + " moved to Yu Zhan (yu-zhan)",
                "/people/yu-zhan/history/2", count + " came here from Liu Xiao (liu-xiao)",
                "/people/liu-xiao/history/3", count + " came back from Yu Zhan (yu-zhan)",
                "/people/yu-zhan/history/3", count + " went back to Liu Xiao (liu-xiao)");
        said.forEach((page, moved) -> {
            Document version = Jsoup.parse(catalogue.http().get(page).body());
            var row = version.select("dl.diff dt").stream().filter(dt -> dt.text().equals("Records")).findFirst();
            assertTrue(row.isPresent(), page + ": " + version.select("dl.diff").text());
            assertEquals(moved + ", each with a version of its own saying so", row.get().nextElementSibling().text(), page);
        });
    }

    @Test
    void aMergeOfOneAnotherEditorMergedMeanwhileIsRefusedNamingWhereItWent() {
        Document opened = Jsoup.parse(alice.get("/admin/people/orlemanski/merge").body());
        assertEquals(303, merge(bob, "orlemanski", "lange", "One name, entered twice").statusCode());
        HttpResponse<String> late = alice.post("/admin/people/orlemanski/merge", Map.of("csrf", Editors.csrf(opened.html()),
                "version", opened.selectFirst("input[name=version]").val(), "survivor", "michalowski", "note", "Same man"));
        assertEquals(422, late.statusCode(), late.body());
        assertEquals("Someone merged this person into Oskar Lange (lange) while you had this page open. Nothing else was "
                + "merged: its records and forms of the name are there now.",
                Jsoup.parse(late.body()).selectFirst("#survivor-error").text());
        assertEquals(301, catalogue.http().get("/people/orlemanski").statusCode());
        assertTrue(catalogue.http().get("/people/orlemanski").headers().firstValue("Location").orElseThrow().endsWith("/people/lange"));
    }

    /**
     * A merge sent from a page opened before another editor saved the entry: the checks pass, the
     * writer finds the entry at another version than the page's, nothing is merged, and the editor is
     * told the version it is at now, on the form as it is now.
     */
    @Test
    void aMergeFromAPageOpenedBeforeAnotherEditorsSaveIsRefusedSayingTheVersionItIsAtNow() {
        Document opened = Jsoup.parse(alice.get("/admin/people/gromyko/merge").body());
        int version = Integer.parseInt(opened.selectFirst("input[name=version]").val());
        assertEquals(303, bob.post("/admin/people/gromyko/edit", form(bob, "/admin/people/gromyko/edit")
                .set("description", "Soviet Foreign Minister, 1957-1985").set("note", "His office").entries()).statusCode());
        HttpResponse<String> late = alice.post("/admin/people/gromyko/merge", Map.of("csrf", Editors.csrf(opened.html()),
                "version", String.valueOf(version), "survivor", "vyshinsky", "note", "Same man"));
        assertEquals(409, late.statusCode(), late.body());
        Document page = Jsoup.parse(late.body());
        assertEquals("Someone changed this person while you had this page open (it is now at version " + (version + 1)
                + "). Nothing was merged: look at it again, then decide.", page.selectFirst("#survivor-error").text());
        assertEquals(String.valueOf(version + 1), page.selectFirst("input[name=version]").val(), "the form as it is now");
        assertEquals(200, catalogue.http().get("/people/gromyko").statusCode(), "not merged");
    }

    @Test
    void aSurvivorsVersionFromBeforeAMergeSaysRestoringItDoesNotUndoTheMergeAndWhereToUndoIt() {
        assertEquals(303, merge(bob, "qiao-xiaoguang", "wang-ruofei", "One name, entered twice").statusCode());
        Document before = Jsoup.parse(alice.get("/people/wang-ruofei/history/1").body());
        var said = before.selectFirst("form.restore-form .merged-since");
        assertNotNull(said, before.select("form.restore-form").text());
        assertEquals("Qiao Xiaoguang was merged into this person after version 1: restoring this version does not undo "
                + "that merge. Its records stay here, and the forms of the name it brought go. To undo the merge, restore "
                + "a version of Qiao Xiaoguang from before it.", said.text());
        assertEquals("/people/qiao-xiaoguang/history", said.selectFirst("a").attr("href"));

        // Once undone, there is nothing to say.
        assertEquals(303, restore(alice, "qiao-xiaoguang", 1, "Two men").statusCode());
        assertNull(Jsoup.parse(alice.get("/people/wang-ruofei/history/1").body()).selectFirst(".merged-since"));
    }

    /**
     * An editors' page of a person merged away sends the editor on to the survivor's: the edit form
     * and the merge form to its edit form, the linking page to its linking page, as the public page
     * moves to the survivor's.
     */
    @Test
    void theEditorsPagesOfAPersonMergedAwaySendTheEditorOnToTheSurvivors() {
        assertEquals(303, merge(alice, "pak-deok-hwan", "pak-heon-yeong", "One man, entered twice").statusCode());
        Map<String, String> sentOn = new java.util.LinkedHashMap<>();
        for (String page : List.of("edit", "link", "merge")) {
            HttpResponse<String> asked = alice.get("/admin/people/pak-deok-hwan/" + page);
            sentOn.put(page, asked.statusCode() + " " + asked.headers().firstValue("Location").orElse("(none)"));
        }
        assertEquals(Map.of("edit", "303 /admin/people/pak-heon-yeong/edit", "link", "303 /admin/people/pak-heon-yeong/link",
                "merge", "303 /admin/people/pak-heon-yeong/edit"), sentOn);
    }

    @Test
    void aVersionAPersonNeverHadIsNotFoundNamingThePersonAsReadersKnowThem() {
        HttpResponse<String> missing = catalogue.http().get("/people/puzanov/history/99");
        assertEquals(404, missing.statusCode());
        assertEquals("Alexander Puzanov has no version 99: its only version is 1.",
                Jsoup.parse(missing.body()).selectFirst(".lead").text());
    }
}
