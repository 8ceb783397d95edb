package org.dossier.editing;

import static org.dossier.db.Tables.DOCUMENT;
import static org.dossier.db.Tables.REVISION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.dossier.accounts.Role;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.dossier.testing.CatalogueDatabase;
import org.dossier.testing.Http;
import org.dossier.testing.SeededCatalogue;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Editors keep the people and places through the forms of a real server: names, forms, history, links. */
class AuthorityEditingTest {

    @RegisterExtension
    static final SeededCatalogue catalogue = SeededCatalogue.ownedByTheClass();
    private static final Http alice = Editors.signedIn(catalogue, "alice", Role.EDITOR);
    private static final Http bob = Editors.signedIn(catalogue, "bob", Role.EDITOR);

    private static final CatalogueDatabase database = CatalogueDatabase.forTheClass(catalogue);

    private static JsonNode search(String query) {
        HttpResponse<String> response = catalogue.http().get("/search.json?" + query);
        assertEquals(200, response.statusCode(), response.body());
        try {
            return new ObjectMapper().readTree(response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long facetCount(JsonNode json, String facet, String value) {
        for (JsonNode v : json.get("facets").get(facet)) {
            if (v.get("value").asText().equals(value)) {
                return v.get("count").asLong();
            }
        }
        return 0;
    }

    private static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElseThrow(() -> new AssertionError(
                response.statusCode() + " without a Location:\n" + response.body()));
    }

    private static FormFields form(Http editor, String path) {
        return FormFields.at(editor, path, "form.authority-form");
    }

    /** The first row of other forms of the name that the form leaves empty. */
    private static int firstEmptyRow(FormFields form) {
        int row = 0;
        while (!form.get("alias-" + row).isEmpty()) {
            row++;
        }
        return row;
    }

    /** Creates a person through the form; returns the address it went to (the linking page). */
    private static String create(String name, String kind, String alias, String aliasKind) {
        FormFields blank = form(alice, "/admin/people/new");
        HttpResponse<String> made = alice.post("/admin/people/new", blank.set("name", name).set("kind", kind)
                .set("alias-0", alias).set("alias-kind-0", aliasKind).set("note", "Named in the records, missing here")
                .entries());
        assertEquals(303, made.statusCode(), made.body());
        return location(made);
    }

    @Test
    void anEditorAddsAnOrganisationThenLinksTheRecordsThatNameItAndTheFacetCountsThem() {
        String linkPage = create("Red Army", "organisation", "Workers' and Peasants' Red Army", "variant");
        assertEquals("/admin/people/red-army/link?saved=1", linkPage);
        Document preview = Jsoup.parse(alice.get(linkPage).body());
        assertEquals("Saved — version 1", preview.selectFirst("p.notice").text());
        List<String> ids = preview.select("form.link-form input[name=document]").eachAttr("value");
        assertEquals(2, ids.size(), preview.text());
        assertTrue(preview.selectFirst("ul.form-counts").text().contains("Red Army: 2 records"), preview.text());

        var post = new java.util.ArrayList<Map.Entry<String, String>>();
        post.add(Map.entry("csrf", Editors.csrf(alice.get(linkPage).body())));
        ids.forEach(id -> post.add(Map.entry("document", id)));
        HttpResponse<String> linked = alice.post("/admin/people/red-army/link", post);
        assertEquals(303, linked.statusCode(), linked.body());
        assertEquals("/admin/people/red-army/link?linked=2", location(linked));

        for (String id : ids) {
            var latest = database.dsl().selectFrom(REVISION).where(REVISION.DOCUMENT_ID.eq(Integer.parseInt(id)))
                    .orderBy(REVISION.NUMBER.desc()).limit(1).fetchSingle();
            assertEquals("Linked to Red Army, alias 'Red Army' added", latest.getNote());
            assertEquals("alice", latest.getAuthor());
        }
        JsonNode json = search("person=red-army");
        assertEquals(2, json.get("total").asLong());
        assertEquals(2, facetCount(json, "person", "red-army"));
        Document after = Jsoup.parse(alice.get("/admin/people/red-army/link").body());
        assertNotNull(after.selectFirst("p.empty"), "nothing is left to link");
    }

    @Test
    void aTickForARecordThatDoesNotNameItLinksNothingAndTheLinkingPageGoesOnAfterThePageItCameFrom() {
        create("Zanzibar Committee", "organisation", "", "variant");
        int unrelated = catalogue.recordTitled("Letter to Stalin from the Commanders and Soldiers");
        String csrf = Editors.csrf(alice.get("/admin/people/zanzibar-committee/link").body());
        HttpResponse<String> forged = alice.post("/admin/people/zanzibar-committee/link", List.of(Map.entry("csrf", csrf),
                Map.entry("document", Integer.toString(unrelated)), Map.entry("after", "12")));
        assertEquals(303, forged.statusCode(), forged.body());
        assertEquals("/admin/people/zanzibar-committee/link?linked=0&after=12", location(forged));
        assertEquals(0, database.dsl().fetchCount(org.dossier.db.Tables.DOCUMENT_PERSON,
                org.dossier.db.Tables.DOCUMENT_PERSON.DOCUMENT_ID.eq(unrelated).and(org.dossier.db.Tables.DOCUMENT_PERSON.PERSON_ID
                        .eq(database.dsl().select(org.dossier.db.Tables.PERSON.ID).from(org.dossier.db.Tables.PERSON)
                                .where(org.dossier.db.Tables.PERSON.KEY.eq("zanzibar-committee"))))));

        HttpResponse<String> badAfter = alice.post("/admin/people/zanzibar-committee/link", List.of(Map.entry("csrf", csrf),
                Map.entry("after", "twelve")));
        assertEquals(400, badAfter.statusCode());
        HttpResponse<String> badPage = alice.get("/admin/people/stalin/link?after=twelve");
        assertEquals(400, badPage.statusCode());
        assertTrue(Jsoup.parse(badPage.body()).text().contains("'after' must be a whole number"), badPage.body());
    }

    @Test
    void aFormOfANameTypedWithCombiningAccentsFindsThePersonsRecordsTypedEitherWay() {
        FormFields edit = form(alice, "/admin/people/pasztor/edit");
        int free = firstEmptyRow(edit);
        // A form no record has ("Pásztor bácsi"), its accents typed as combining marks (as macOS gives them).
        assertEquals(303, alice.post("/admin/people/pasztor/edit", edit.set("alias-" + free, "Pa\u0301sztor ba\u0301csi")
                .set("alias-kind-" + free, "variant").set("note", "As the embassy called him").entries()).statusCode());
        long his = search("person=pasztor").get("total").asLong();
        assertTrue(his > 0);
        for (String typed : new String[] {"P%C3%A1sztor+b%C3%A1csi", "Pa%CC%81sztor+ba%CC%81csi", "pasztor+bacsi"}) {
            assertEquals(his, search("q=" + typed).get("total").asLong(), typed);
        }
    }

    @Test
    void theRowsForOtherFormsOfANameAreLabelledFormOneTwoThreeInOrder() {
        for (String path : new String[] {"/admin/people/new", "/admin/people/stalin/edit"}) {
            Document page = Jsoup.parse(alice.get(path).body());
            var rows = page.select(".alias-row");
            assertTrue(rows.size() >= 3, path + " has " + rows.size() + " rows");
            for (int i = 0; i < rows.size(); i++) {
                assertEquals("Form " + (i + 1), page.selectFirst("label[for=alias-" + i + "]").text(), path);
                assertEquals("Kind of form " + (i + 1), page.selectFirst("label[for=alias-kind-" + i + "]").text(), path);
            }
        }
    }

    @Test
    void aPlacesFormSpeaksOfAPlaceWithoutPseudonymsWhileAPersonsOffersThem() {
        Document place = Jsoup.parse(alice.get("/admin/places/new").body());
        assertEquals("About it", place.selectFirst("label[for=description]").text());
        assertTrue(place.select("select#alias-kind-0 option[value=pseudonym]").isEmpty(), "a place has no pseudonym");
        assertFalse(place.selectFirst(".aliases-field .hint").text().contains("pseudonym"));
        Document person = Jsoup.parse(alice.get("/admin/people/new").body());
        assertEquals("About them", person.selectFirst("label[for=description]").text());
        assertFalse(person.select("select#alias-kind-0 option[value=pseudonym]").isEmpty());
        assertTrue(person.selectFirst(".aliases-field .hint").text().startsWith("Variants, pseudonyms, misspellings"));
    }

    @Test
    void anEditorReachesAPersonsOrAPlacesFormFromItsPage() {
        assertEquals(List.of("/people/stalin/history", "/admin/people/stalin/edit"),
                Jsoup.parse(alice.get("/people/stalin").body()).select(".authority-actions a").eachAttr("href"));
        assertEquals(List.of("/places/dprk/history", "/admin/places/dprk/edit"),
                Jsoup.parse(alice.get("/places/dprk").body()).select(".authority-actions a").eachAttr("href"));
        Document edit = Jsoup.parse(alice.get("/admin/places/dprk/edit").body());
        assertEquals(List.of("/places/dprk/history", "/admin/places/dprk/link", "/admin/places/dprk/merge"),
                edit.select("h1 + p a").eachAttr("href"));
        assertEquals("/admin/places/dprk/merge",
                Jsoup.parse(alice.get("/admin/places/dprk/merge").body()).selectFirst("form.merge-form").attr("action"));
        assertEquals("/admin/places/new", Jsoup.parse(alice.get("/admin/places").body()).selectFirst("h1 + p a").attr("href"));
    }

    @Test
    void aNameInAnotherScriptGetsAReadableKeyAndNeverADocumentsOne() {
        assertTrue(create("Никита Сергеевич Хрущёв", "person", "", "variant")
                .endsWith("/admin/people/nikita-sergeevich-khrushchev/link?saved=1"));
        assertTrue(create("Ιωάννης Μεταξάς", "person", "", "variant")
                .endsWith("/admin/people/ioannis-metaxas/link?saved=1"));
        // No letter with a Latin form: the key comes from the romanized variant the editor gave.
        assertTrue(create("邓小平", "person", "Deng Xiaoping", "variant").endsWith("/admin/people/deng-xiaoping/link?saved=1"));
        // And with none, the noun alone, not "person-document".
        assertTrue(create("ابن بطوطة", "person", "", "variant").endsWith("/admin/people/person/link?saved=1"));
        assertTrue(create("ابن خلدون", "person", "", "variant").endsWith("/admin/people/person-2/link?saved=1"));
        assertEquals(200, alice.get("/people/deng-xiaoping").statusCode());
    }

    @Test
    void peopleByNameAreFiledWithAccentsAsideNotAfterZ() {
        new org.dossier.documents.RecordStore(database.dsl(), java.time.Clock.systemUTC()).write(w -> w.create(
                new org.dossier.documents.RecordDraft("Memorandum on the economic reform of Ota Šik",
                        List.of("Ota Šik explains the reform."), org.dossier.documents.DocumentDate.ofDay(1968, 4, 5)),
                org.dossier.documents.Attribution.editor("tester", "a record naming Ota Šik")));
        FormFields blank = form(alice, "/admin/people/new");
        assertEquals(303, alice.post("/admin/people/new", blank.set("name", "Ota Šik").set("sort_name", "Šik, Ota")
                .set("kind", "person").set("note", "Named in the records").entries()).statusCode());
        Document preview = Jsoup.parse(alice.get("/admin/people/ota-sik/link").body());
        var post = new java.util.ArrayList<Map.Entry<String, String>>();
        post.add(Map.entry("csrf", Editors.csrf(preview.html())));
        preview.select("form.link-form input[name=document]").eachAttr("value").forEach(id -> post.add(Map.entry("document", id)));
        assertEquals(2, post.size(), "the record names him");
        assertEquals(303, alice.post("/admin/people/ota-sik/link", post).statusCode());
        List<String> byName = Jsoup.parse(catalogue.http().get("/search/facets/person?order=name").body())
                .select(".all-values .facet-label").eachText();
        assertTrue(byName.indexOf("Ota Šik") >= 0 && byName.indexOf("Ota Šik") < byName.indexOf("Joseph Stalin"),
                "Šik among the S's, before Stalin: " + byName);
        List<String> editors = Jsoup.parse(alice.get("/admin/people").body()).select("a[href^=/admin/people/][href$=/edit]")
                .eachAttr("href");
        assertTrue(editors.indexOf("/admin/people/pasztor/edit") < editors.indexOf("/admin/people/puzanov/edit")
                        && editors.indexOf("/admin/people/ota-sik/edit") < editors.indexOf("/admin/people/stalin/edit"),
                "and so on the editors' list: " + editors);
    }

    @Test
    void aNewFormOfANameIsSearchableAtOnce() {
        create("Politburo", "organisation", "", "variant");
        FormFields edit = form(alice, "/admin/people/politburo/edit");
        assertEquals(303, alice.post("/admin/people/politburo/edit", edit.set("alias-0", "Presidium")
                .set("alias-kind-0", "former").set("note", "Its name from 1952 to 1966").entries()).statusCode());
        // Politburo links no record yet; after linking, "Presidium" finds what it links.
        Document preview = Jsoup.parse(alice.get("/admin/people/politburo/link").body());
        var post = new java.util.ArrayList<Map.Entry<String, String>>();
        post.add(Map.entry("csrf", Editors.csrf(preview.html())));
        preview.select("form.link-form input[name=document]").eachAttr("value").forEach(id -> post.add(Map.entry("document", id)));
        if (post.size() > 1) {
            assertEquals(303, alice.post("/admin/people/politburo/link", post).statusCode());
        }
        int linked = post.size() - 1;
        assertTrue(linked > 0, "some record names the Politburo");
        assertEquals(linked, search("q=Presidium").get("total").asLong());
    }

    @Test
    void aFormAnotherPersonHasIsRefusedWithALinkToThemAndWhatWasTypedKept() {
        create("Nikita Khrushchev", "person", "Khrushchev", "variant");
        FormFields edit = form(alice, "/admin/people/nikita-khrushchev/edit");
        HttpResponse<String> refused = alice.post("/admin/people/nikita-khrushchev/edit", edit
                .set("alias-1", "Filippov").set("alias-kind-1", "pseudonym")
                .set("description", "First Secretary, 1953-1964").set("note", "A pseudonym").entries());
        assertEquals(422, refused.statusCode());
        Document page = Jsoup.parse(refused.body());
        assertTrue(page.selectFirst("#alias-1-error").text().contains("already a name of Joseph Stalin"),
                page.selectFirst("#alias-1-error").text());
        assertEquals("/admin/people/stalin/edit", page.selectFirst("#alias-1-error a").attr("href"));
        assertEquals("Filippov", page.selectFirst("#alias-1").val());
        assertEquals("First Secretary, 1953-1964", page.selectFirst("#description").wholeText());
        assertEquals("A pseudonym", page.selectFirst("#note").val());
        assertEquals("#alias-1", page.selectFirst(".error-summary a").attr("href"));
        // A short form many share may be had by two.
        HttpResponse<String> shortForm = alice.post("/admin/people/nikita-khrushchev/edit", edit
                .set("alias-1", "Nikita").set("alias-kind-1", "full-name-only").set("note", "Short form").entries());
        assertEquals(303, shortForm.statusCode(), shortForm.body());
    }

    /**
     * A stale save of a person comes back merged: what the editor changed as typed, what they left
     * alone as the other saved it, and the other forms of the name both added to.
     */
    @Test
    void aStaleSaveGetsTheConflictPageWithTheEditorsChangesAndTheOthersWhereTheyChangedNothing() {
        create("Walter Ulbricht", "person", "Ulbricht", "variant");
        FormFields alices = form(alice, "/admin/people/walter-ulbricht/edit");
        FormFields bobs = form(bob, "/admin/people/walter-ulbricht/edit");
        assertEquals(303, bob.post("/admin/people/walter-ulbricht/edit", bobs
                .set("description", "First Secretary of the SED").set("alias-1", "Walter Ernst Paul Ulbricht")
                .set("alias-kind-1", "variant").set("note", "Who he was").entries()).statusCode());
        HttpResponse<String> stale = alice.post("/admin/people/walter-ulbricht/edit", alices
                .set("name", " Walter \u00a0Ulbricht ").set("sort_name", "Ulbricht, Walter")
                .set("alias-1", "W. Ulbricht").set("alias-kind-1", "abbreviation").set("note", "Sort form").entries());
        assertEquals(409, stale.statusCode());
        Document page = Jsoup.parse(stale.body());
        assertTrue(page.selectFirst(".conflict").text().contains("bob saved version 2"), page.selectFirst(".conflict").text());
        assertTrue(page.selectFirst(".since-opened").html().contains("<ins>First Secretary of the SED</ins>"));
        assertEquals("Ulbricht, Walter", page.selectFirst("#sort_name").val());
        assertEquals("First Secretary of the SED", page.selectFirst("#description").wholeText(),
                "Bob's note, which Alice left alone");
        assertEquals("Taken into your form from version 2, as you had not changed them: Note.",
                page.selectFirst(".merge-notes .taken").text());
        assertTrue(page.selectFirst(".merge-notes .combined").text().endsWith(": Other forms."));
        FormFields merged = FormFields.of(stale.body(), "form.authority-form");
        assertEquals(List.of("Ulbricht", "W. Ulbricht", "Walter Ernst Paul Ulbricht"),
                java.util.stream.IntStream.range(0, 3).mapToObj(i -> merged.get("alias-" + i)).toList());
        assertEquals("2", page.selectFirst("form.authority-form input[name=version]").val());
        // Saving the merged form as it comes goes through, and keeps both editors' work.
        assertEquals(303, alice.post("/admin/people/walter-ulbricht/edit", merged.entries()).statusCode());
        FormFields now = form(alice, "/admin/people/walter-ulbricht/edit");
        assertEquals("First Secretary of the SED", now.get("description"));
        assertEquals("Ulbricht, Walter", now.get("sort_name"));
        assertEquals("W. Ulbricht", now.get("alias-1"));
        assertEquals("Walter Ernst Paul Ulbricht", now.get("alias-2"));
    }

    /**
     * The "Saved now" panel beside a refused save lists the other forms of the name as the person's
     * page does, each set apart in its own direction, in the order of the form beside it and each
     * with its kind (a variant's too, as the form has a kind on every row). Joined with "; " into one
     * run of text, a form written right to left took the punctuation around it into its direction.
     */
    @Test
    void theSavedNowPanelSetsApartEachOtherFormOfTheNameWithItsKindAsThePersonsPageDoes() {
        create("Moshe Sharett", "person", "Moshe Shertok", "former");
        FormFields alices = form(alice, "/admin/people/moshe-sharett/edit");
        assertEquals(303, bob.post("/admin/people/moshe-sharett/edit", form(bob, "/admin/people/moshe-sharett/edit")
                .set("alias-1", "משה שרת").set("alias-kind-1", "variant").set("note", "His name in Hebrew")
                .entries()).statusCode());
        HttpResponse<String> stale = alice.post("/admin/people/moshe-sharett/edit", alices
                .set("description", "Foreign Minister of Israel").set("note", "Who he was").entries());
        assertEquals(409, stale.statusCode());
        Document panel = Jsoup.parse(stale.body());
        var saved = panel.select(".saved-version .alias");
        assertEquals(List.of("Moshe Shertok", "משה שרת"), saved.eachText());
        assertEquals(List.of("auto", "auto"), saved.eachAttr("dir"));
        assertEquals(List.of("(former)", "(variant)"), panel.select(".saved-version .alias-kind").eachText());

        Document page = Jsoup.parse(catalogue.http().get("/people/moshe-sharett").body());
        assertEquals(List.of("משה שרת", "Moshe Shertok"), page.select(".aliases .alias").eachText(),
                "the person's page: variants first");
        assertEquals(List.of("(former)"), page.select(".aliases .alias-kind").eachText(), "a variant without its kind");
    }

    /**
     * An operator's {@code relink} links a record an editor has open: the editor's save is refused
     * as stale, and the form that comes back ticks the one relinked (the editor had not changed the
     * people), so that sending it again keeps the link rather than quietly removing it.
     */
    @Test
    void aRecordRelinkedWhileAnEditorHasItOpenKeepsTheLinkWhenTheirStaleFormIsSentAgain() {
        int id = catalogue.recordTitled("Letter to Stalin from Korean Political Parties");
        String edit = "/admin/documents/" + id + "/edit";
        FormFields opened = FormFields.at(alice, edit, "form.record-form");
        create("Korean Provisional Government", "organisation", "Provisional Government of the Republic of Korea", "variant");
        assertEquals(0, org.dossier.app.Main.run("relink", "--db", catalogue.database().toString(),
                "--person", "korean-provisional-government"));
        String government = String.valueOf(database.dsl().select(org.dossier.db.Tables.PERSON.ID).from(org.dossier.db.Tables.PERSON)
                .where(org.dossier.db.Tables.PERSON.KEY.eq("korean-provisional-government")).fetchSingle(org.dossier.db.Tables.PERSON.ID));
        assertTrue(FormFields.at(alice, edit, "form.record-form").all("person").contains(government));

        HttpResponse<String> stale = alice.post(edit, opened.set("summary", opened.get("summary") + " Sent from Chongqing.")
                .set("note", "Where it was sent from").entries());
        assertEquals(409, stale.statusCode(), stale.body());
        FormFields merged = FormFields.of(stale.body(), "form.record-form");
        assertTrue(merged.all("person").contains(government), merged.all("person").toString());
        assertEquals(303, alice.post(edit, merged.entries()).statusCode());
        assertEquals(1, database.dsl().fetchCount(org.dossier.db.Tables.DOCUMENT_PERSON,
                org.dossier.db.Tables.DOCUMENT_PERSON.DOCUMENT_ID.eq(id)
                        .and(org.dossier.db.Tables.DOCUMENT_PERSON.PERSON_ID.eq(Integer.parseInt(government)))));
        assertTrue(database.dsl().select(DOCUMENT.SUMMARY).from(DOCUMENT).where(DOCUMENT.ID.eq(id)).fetchSingle(DOCUMENT.SUMMARY)
                .endsWith("Sent from Chongqing."));
    }

    @Test
    void everyChangeIsAVersionWithAWordDiffAndCanBeRestored() {
        create("Imre Nagy", "person", "Nagy", "variant");
        FormFields edit = form(alice, "/admin/people/imre-nagy/edit");
        assertEquals(303, alice.post("/admin/people/imre-nagy/edit", edit.set("description", "Prime Minister of Hungary")
                .set("alias-1", "Nagy Imre").set("alias-kind-1", "variant").set("note", "Who he was").entries()).statusCode());

        Document history = Jsoup.parse(catalogue.http().get("/people/imre-nagy/history").body());
        assertEquals(2, history.select("li.revision").size());
        // A screen reader goes from version to version by heading: each is a heading under the page's h1.
        assertEquals(List.of("h1", "h2", "h2"), history.select("main h1, main h2, main h3, main h4").stream()
                .map(h -> h.tagName()).toList(), "the page's headings, in order");
        assertEquals(List.of("Version 2 (current)", "Version 1"), history.select("li.revision > h2").stream()
                .map(h -> h.text().replaceAll(" · .*", "")).toList());
        assertTrue(history.text().contains("Who he was"));
        Document v2 = Jsoup.parse(catalogue.http().get("/people/imre-nagy/history/2").body());
        assertTrue(v2.select("dd.diff-text ins").eachText().containsAll(List.of("Prime Minister of Hungary",
                "Nagy Imre (variant)")), v2.select("dl.diff").html());
        assertTrue(v2.select("form.restore-form").isEmpty(), "readers get no restore form");

        Document v1 = Jsoup.parse(alice.get("/people/imre-nagy/history/1").body());
        HttpResponse<String> restored = alice.post("/admin/people/imre-nagy/restore", Map.of(
                "csrf", Editors.csrf(v1.html()), "revision", "1", "version", "2", "note", "Back to the first"));
        assertEquals(303, restored.statusCode(), restored.body());
        assertEquals("/people/imre-nagy/history?restored=1&as=3", location(restored));
        assertEquals("Restored version 1 as version 3.",
                Jsoup.parse(alice.get(location(restored)).body()).selectFirst(".saved-notice").text());
        Document page = Jsoup.parse(catalogue.http().get("/people/imre-nagy").body());
        assertFalse(page.text().contains("Prime Minister of Hungary"));
        assertFalse(page.text().contains("Nagy Imre"));
        assertEquals(3, Jsoup.parse(catalogue.http().get("/people/imre-nagy/history").body()).select("li.revision").size());
    }

    @Test
    void twoEntriesForOnePersonMergeTheOldKeyRedirectsForeverAndARestoreUndoesIt() {
        var db = database.dsl();
        var links = org.dossier.db.Tables.DOCUMENT_PERSON;
        int kovalev = db.select(org.dossier.db.Tables.PERSON.ID).from(org.dossier.db.Tables.PERSON)
                .where(org.dossier.db.Tables.PERSON.KEY.eq("kovalev")).fetchSingle(org.dossier.db.Tables.PERSON.ID);
        Map<Integer, String> roles = db.select(links.DOCUMENT_ID, links.ROLE).from(links).where(links.PERSON_ID.eq(kovalev))
                .fetchMap(links.DOCUMENT_ID, links.ROLE);
        assertFalse(roles.isEmpty());
        int cited = roles.keySet().iterator().next();
        String citedVersion = "/documents/" + cited + "/v/" + db.select(DOCUMENT.VERSION).from(DOCUMENT)
                .where(DOCUMENT.ID.eq(cited)).fetchSingle(DOCUMENT.VERSION);
        create("Ivan Vladimirovich Kovalev", "person", "", "variant");

        Document form = Jsoup.parse(alice.get("/admin/people/kovalev/merge").body());
        assertTrue(form.text().contains("a record that names both keeps the stronger role: author, then recipient"),
                "the form says which role a record naming both keeps");
        HttpResponse<String> merged = alice.post("/admin/people/kovalev/merge", Map.of("csrf", Editors.csrf(form.html()),
                "version", form.selectFirst("input[name=version]").val(), "survivor", "ivan-vladimirovich-kovalev",
                "note", "One man, entered twice"));
        assertEquals(303, merged.statusCode(), merged.body());
        assertEquals("/people/ivan-vladimirovich-kovalev", location(merged));
        database.awaitMergesMoved();
        // A citation made before the merge leads to what it cited: the version, its people as they were then.
        HttpResponse<String> then = catalogue.http().get(citedVersion + ".ris");
        assertEquals(200, then.statusCode());
        assertTrue(then.body().contains("KW  - Ivan Kovalev\r\n") && !then.body().contains("Vladimirovich"), then.body());
        assertTrue(Jsoup.parse(catalogue.http().get(citedVersion).body()).selectFirst("#citation-chicago-note").text()
                .endsWith(catalogue.baseUrl() + citedVersion + "."), "its citation still points at itself");
        assertTrue(catalogue.http().get("/documents/" + cited + ".ris").body().contains("KW  - Ivan Vladimirovich Kovalev\r\n"),
                "the record's current version names the survivor");

        HttpResponse<String> old = catalogue.http().get("/people/kovalev?page=1");
        assertEquals(301, old.statusCode());
        assertEquals("/people/ivan-vladimirovich-kovalev?page=1", location(old));
        int survivor = db.select(org.dossier.db.Tables.PERSON.ID).from(org.dossier.db.Tables.PERSON)
                .where(org.dossier.db.Tables.PERSON.KEY.eq("ivan-vladimirovich-kovalev")).fetchSingle(org.dossier.db.Tables.PERSON.ID);
        assertEquals(roles, db.select(links.DOCUMENT_ID, links.ROLE).from(links).where(links.PERSON_ID.eq(survivor))
                .fetchMap(links.DOCUMENT_ID, links.ROLE), "every link moved with its role");
        assertEquals(roles.size(), search("person=ivan-vladimirovich-kovalev").get("total").asLong());
        assertEquals(0, facetCount(search("q=Kovalev"), "person", "kovalev"));
        for (String path : java.util.List.of("/search", "/search.json")) {
            HttpResponse<String> saved = catalogue.http().get(path + "?q=cable&person=stalin&person=kovalev&page=1");
            assertEquals(301, saved.statusCode(), "a saved search that names the old key follows the merge");
            assertEquals(path + "?q=cable&person=stalin&person=ivan-vladimirovich-kovalev", location(saved));
        }
        // So do its exports, its facets' pages and its hits: an export of the old key was a 200 with
        // no record in it, which a script fetching a saved export could not tell from an empty search.
        String[][] carried = {
            {"/search.csv?person=kovalev", "/search.csv?person=ivan-vladimirovich-kovalev"},
            {"/search.ris?q=cable&person=kovalev", "/search.ris?q=cable&person=ivan-vladimirovich-kovalev"},
            {"/search.bib?person=kovalev&sort=date", "/search.bib?person=ivan-vladimirovich-kovalev&sort=date"},
            {"/search/facets/place?person=kovalev&order=name",
                "/search/facets/place?person=ivan-vladimirovich-kovalev&order=name"},
            {"/search/hit?person=kovalev&hit=2", "/search/hit?person=ivan-vladimirovich-kovalev&hit=2"},
        };
        for (String[] saved : carried) {
            HttpResponse<String> moved = catalogue.http().get(saved[0]);
            assertEquals(301, moved.statusCode(), saved[0]);
            assertEquals(saved[1], location(moved), saved[0]);
        }
        assertEquals(roles.size() + 1, catalogue.http().get("/search.csv?person=ivan-vladimirovich-kovalev").body()
                .strip().split("\n").length, "the export it leads to has every record of the merged person");
        assertTrue(catalogue.http().get("/people/ivan-vladimirovich-kovalev").body().contains("Kovalev"));
        Document editForm = Jsoup.parse(alice.get("/admin/documents/" + roles.keySet().iterator().next() + "/edit").body());
        assertTrue(editForm.select("input[name=person][value=" + kovalev + "]").isEmpty(),
                "the merged-away entry is no longer offered in a record's form");
        assertFalse(editForm.select("input[name=person][value=" + survivor + "]").isEmpty(), "the survivor is");
        // One version in both histories.
        assertTrue(Jsoup.parse(catalogue.http().get("/people/kovalev/history").body()).selectFirst("li.revision")
                .text().contains("One man, entered twice"));
        assertTrue(Jsoup.parse(catalogue.http().get("/people/ivan-vladimirovich-kovalev/history").body())
                .selectFirst("li.revision").text().contains("One man, entered twice"));

        Document v1 = Jsoup.parse(alice.get("/people/kovalev/history/1").body());
        assertTrue(v1.selectFirst("form.restore-form").text().contains("restoring this version undoes the merge"),
                "the restore form says what restoring a version from before the merge does");
        HttpResponse<String> undone = alice.post("/admin/people/kovalev/restore", Map.of("csrf", Editors.csrf(v1.html()),
                "revision", "1", "version", v1.selectFirst("form.restore-form input[name=version]").val(),
                "note", "They were two after all"));
        assertEquals(303, undone.statusCode(), undone.body());
        database.awaitMergesMoved();
        assertEquals(200, catalogue.http().get("/people/kovalev").statusCode());
        assertEquals(roles, db.select(links.DOCUMENT_ID, links.ROLE).from(links).where(links.PERSON_ID.eq(kovalev))
                .fetchMap(links.DOCUMENT_ID, links.ROLE), "every link came back");
        assertEquals(0, search("person=ivan-vladimirovich-kovalev").get("total").asLong());
        assertEquals(roles.size(), search("person=kovalev").get("total").asLong());
        assertFalse(Jsoup.parse(catalogue.http().get("/people/ivan-vladimirovich-kovalev").body()).select(".alias")
                .eachText().contains("Kovalev"));
    }

    @Test
    void aSaveOfAMergedAwayEntryIsRefusedWithALinkToTheSurvivorsForm() {
        create("Andrei Andreyevich Gromyko", "person", "", "variant");
        create("A. A. Gromyko", "person", "", "variant");
        FormFields opened = form(alice, "/admin/people/a-a-gromyko/edit");
        Document merge = Jsoup.parse(bob.get("/admin/people/a-a-gromyko/merge").body());
        assertEquals(303, bob.post("/admin/people/a-a-gromyko/merge", Map.of("csrf", Editors.csrf(merge.html()),
                "version", merge.selectFirst("input[name=version]").val(), "survivor", "andrei-andreyevich-gromyko",
                "note", "One man, entered twice")).statusCode());

        HttpResponse<String> refused = alice.post("/admin/people/a-a-gromyko/edit",
                opened.set("description", "Foreign minister").set("note", "His office").entries());
        assertEquals(409, refused.statusCode(), refused.body());
        Document page = Jsoup.parse(refused.body());
        var survivor = page.selectFirst("p.notice a");
        assertNotNull(survivor, page.select("p.notice").outerHtml());
        assertEquals("Andrei Andreyevich Gromyko", survivor.text());
        assertEquals("/admin/people/andrei-andreyevich-gromyko/edit", survivor.attr("href"));
        assertEquals("Foreign minister", FormFields.of(refused.body(), "form.authority-form").get("description"),
                "what was typed is kept to carry over");
    }

    @Test
    void everyRowOfOtherFormsPostedIsSavedEvenAfterAGapInTheirNumbers() {
        FormFields blank = form(alice, "/admin/people/new");
        HttpResponse<String> made = alice.post("/admin/people/new", blank.set("name", "Mu Chong").set("kind", "person")
                .set("alias-0", "Kim Mu-jong").set("alias-kind-0", "variant")
                .without("alias-1").without("alias-kind-1")
                .set("alias-2", "Mu Jong").set("alias-kind-2", "variant")
                .set("note", "A hand-written post").entries());
        assertEquals(303, made.statusCode(), made.body());
        FormFields saved = form(alice, "/admin/people/mu-chong/edit");
        assertEquals(List.of("Kim Mu-jong", "Mu Jong", ""),
                java.util.stream.IntStream.range(0, 3).mapToObj(i -> saved.get("alias-" + i)).toList());
    }

    @Test
    void aRenamedPlacesLiveRecordsAreHarvestedAgainAndAnotherFormOfItsNameOrAWithdrawnRecordIsNot() {
        var db = database.dsl();
        var links = org.dossier.db.Tables.DOCUMENT_PLACE;
        var place = org.dossier.db.Tables.PLACE;
        List<Integer> linked = db.select(links.DOCUMENT_ID).from(links).join(place).on(place.ID.eq(links.PLACE_ID))
                .where(place.KEY.eq("mongolia")).orderBy(links.DOCUMENT_ID).fetch(links.DOCUMENT_ID);
        assertTrue(linked.size() >= 3, linked.toString());
        int withdrawn = linked.get(0);
        FormFields withdraw = FormFields.at(alice, "/admin/documents/" + withdrawn + "/withdraw", "form.stacked-form");
        assertEquals(303, alice.post("/admin/documents/" + withdrawn + "/withdraw",
                withdraw.set("reason", "Entered twice").entries()).statusCode());
        java.time.Instant longAgo = java.time.Instant.parse("2020-01-01T00:00:00Z");
        db.update(DOCUMENT).set(DOCUMENT.UPDATED_AT, longAgo).where(DOCUMENT.ID.in(linked)).execute();
        java.util.function.Supplier<Map<Integer, java.time.Instant>> stamps = () -> db.select(DOCUMENT.ID, DOCUMENT.UPDATED_AT)
                .from(DOCUMENT).where(DOCUMENT.ID.in(linked)).fetchMap(DOCUMENT.ID, DOCUMENT.UPDATED_AT);

        FormFields another = form(alice, "/admin/places/mongolia/edit");
        assertEquals(303, alice.post("/admin/places/mongolia/edit", another.set("alias-3", "MPR")
                .set("alias-kind-3", "abbreviation").set("description", "The Mongolian People's Republic from 1924")
                .set("note", "Its former name").entries()).statusCode());
        assertTrue(stamps.get().values().stream().allMatch(longAgo::equals),
                "another form of the name and a note show on no record: " + stamps.get());

        FormFields rename = form(alice, "/admin/places/mongolia/edit");
        HttpResponse<String> renamed = alice.post("/admin/places/mongolia/edit", rename.set("name", "People's Republic of Mongolia")
                .set("note", "The state's name in these years").entries());
        assertEquals(303, renamed.statusCode(), Jsoup.parse(renamed.body()).select(".field-error").text());
        Map<Integer, java.time.Instant> after = stamps.get();
        assertEquals(longAgo, after.get(withdrawn), "a withdrawn record is harvested as a header without names");
        for (int id : linked.subList(1, linked.size())) {
            assertTrue(after.get(id).isAfter(longAgo), id + " shows the new name: " + after);
            Document record = Jsoup.parse(catalogue.http().get("/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:127.0.0.1:" + id).body(), "", org.jsoup.parser.Parser.xmlParser());
            assertEquals(after.get(id).toString(), record.selectFirst("header > datestamp").text());
            assertTrue(record.select("dc|coverage").eachText().contains("People's Republic of Mongolia"), record.html());
        }
        String harvested = catalogue.http().get("/oai?verb=ListIdentifiers&metadataPrefix=oai_dc&from="
                + after.get(linked.get(1))).body();
        for (int id : linked.subList(1, linked.size())) {
            assertTrue(harvested.contains(":" + id + "</identifier>"), id + " is in the next selective harvest");
        }
    }

    @Test
    void aVersionNamesItsPeopleAsTheyWereWhenItWasSavedAndALaterVersionsDiffDoesNotCountARenameAsAChange() {
        var db = database.dsl();
        var links = org.dossier.db.Tables.DOCUMENT_PERSON;
        var person = org.dossier.db.Tables.PERSON;
        int record = db.select(links.DOCUMENT_ID).from(links).join(person).on(person.ID.eq(links.PERSON_ID))
                .join(DOCUMENT).on(DOCUMENT.ID.eq(links.DOCUMENT_ID))
                .where(person.KEY.eq("mao-zedong"), DOCUMENT.VERSION.eq(1), DOCUMENT.WITHDRAWN_AT.isNull())
                .orderBy(links.DOCUMENT_ID).limit(1).fetchSingle(links.DOCUMENT_ID);
        FormFields edit = form(alice, "/admin/people/mao-zedong/edit");
        int variant = 0;
        while (!"Mao Tse-tung".equals(edit.get("alias-" + variant))) {
            variant++;
        }
        assertEquals(303, alice.post("/admin/people/mao-zedong/edit", edit.set("name", "Mao Tse-tung")
                .set("sort_name", "Mao Tse-tung").set("alias-" + variant, "Mao Zedong")
                .set("note", "The form the English-language papers of these years use").entries()).statusCode());

        String page = location(catalogue.http().get("/documents/" + record));
        String facts = Jsoup.parse(catalogue.http().get(page).body()).select(".record-facts").text();
        assertTrue(facts.contains("Mao Tse-tung") && !facts.contains("Mao Zedong"), facts);
        String then = Jsoup.parse(catalogue.http().get("/documents/" + record + "/v/1").body()).select(".record-facts").text();
        assertTrue(then.contains("Mao Zedong") && !then.contains("Mao Tse-tung"), "version 1 as it was saved: " + then);
        assertTrue(catalogue.http().get("/documents/" + record + "/v/1.ris").body().contains("Zedong"),
                "and cited as it was");
        assertTrue(catalogue.http().get("/documents/" + record + ".ris").body().contains("Tse-tung"));

        FormFields recordForm = FormFields.at(alice, "/admin/documents/" + record + "/edit", "form.record-form");
        assertEquals(303, alice.post("/admin/documents/" + record + "/edit", recordForm
                .set("title", recordForm.get("title") + " (copy)").set("note", "Marked as a copy").entries()).statusCode());
        Document diff = Jsoup.parse(catalogue.http().get("/documents/" + record + "/history/2").body());
        assertEquals(List.of("Title"), diff.select("dl.diff dt").eachText(), "the rename is not this version's change");
    }

    @Test
    void aFormOfANameWithAControlCharacterIsRefusedAtItsRowWithWhatWasTypedKept() {
        FormFields edit = form(alice, "/admin/people/molotov/edit");
        int free = firstEmptyRow(edit);
        HttpResponse<String> refused = alice.post("/admin/people/molotov/edit", edit.set("alias-" + free, "Skryabin\u0007")
                .set("alias-kind-" + free, "variant").set("note", "His birth name").entries());
        assertEquals(422, refused.statusCode());
        Document page = Jsoup.parse(refused.body());
        assertTrue(page.text().contains("The form of the name has a control character, which shows nothing (U+0007"), page.text());
        assertEquals("Skryabin\u0007", page.selectFirst("#alias-" + free).val(), "what was typed is kept");
        assertFalse(Jsoup.parse(catalogue.http().get("/people/molotov").body()).text().contains("Skryabin"), "nothing was saved");
    }

    @Test
    void aNameWithNoLetterOrDigitIsRefusedWithWhatWasTypedKept() {
        int people = database.dsl().fetchCount(org.dossier.db.Tables.PERSON);
        FormFields blank = form(alice, "/admin/people/new");
        HttpResponse<String> refused = alice.post("/admin/people/new", blank.set("name", "???").set("kind", "person")
                .set("alias-0", "- -").set("alias-kind-0", "variant").set("note", "Named in a letter, unread").entries());
        assertEquals(422, refused.statusCode(), refused.body());
        Document page = Jsoup.parse(refused.body());
        assertTrue(page.text().contains("A name has at least one letter or digit; '???' has none."), page.text());
        assertTrue(page.text().contains("A form of a name has at least one letter or digit; '- -' has none."), page.text());
        assertEquals("???", page.selectFirst("#name").val(), "what was typed is kept");
        assertEquals(people, database.dsl().fetchCount(org.dossier.db.Tables.PERSON), "nothing was saved");
    }

    @Test
    void nothingChangesWithoutANoteOrACsrfToken() {
        FormFields blank = form(alice, "/admin/places/new");
        HttpResponse<String> noNote = alice.post("/admin/places/new", blank.set("name", "Gdansk").entries());
        assertEquals(422, noNote.statusCode());
        assertEquals("Gdansk", Jsoup.parse(noNote.body()).selectFirst("#name").val());
        HttpResponse<String> noToken = alice.post("/admin/places/new", Map.of("name", "Gdansk", "note", "x"));
        assertEquals(403, noToken.statusCode());
        assertEquals(404, catalogue.http().get("/places/gdansk").statusCode());
        assertEquals(0, database.dsl().fetchCount(DOCUMENT, DOCUMENT.TITLE.eq("Gdansk")));
    }

    @Test
    void aNewPersonsFormSentTwiceGoesOnToThePersonItMadeAsSavedAndAColleaguesSameFormIsStillRefused() {
        // A double click: the browser shows the second answer, which was "already a name of" the
        // person the first had just made.
        List<Map.Entry<String, String>> typed = form(alice, "/admin/people/new").set("name", "Nikolai Bulganin")
                .set("alias-0", "Bulganin").set("note", "Named in the records, missing here").entries();
        HttpResponse<String> first = alice.post("/admin/people/new", typed);
        HttpResponse<String> second = alice.post("/admin/people/new", typed);
        assertEquals(303, first.statusCode(), first.body());
        assertEquals(303, second.statusCode(), second.body());
        assertEquals("/admin/people/nikolai-bulganin/link?saved=1", location(second));
        assertEquals(1, database.dsl().fetchCount(org.dossier.db.Tables.PERSON,
                org.dossier.db.Tables.PERSON.NAME.eq("Nikolai Bulganin")), "one person");

        // Another editor's form of the same name is no double click of theirs: told whose it is.
        List<Map.Entry<String, String>> bobs = form(bob, "/admin/people/new").set("name", "Nikolai Bulganin")
                .set("alias-0", "Bulganin").set("note", "Named in the records, missing here").entries();
        HttpResponse<String> colleague = bob.post("/admin/people/new", bobs);
        assertEquals(422, colleague.statusCode(), colleague.body());
        assertTrue(Jsoup.parse(colleague.body()).selectFirst("#name-error").text()
                .startsWith("'Nikolai Bulganin' is already a name of Nikolai Bulganin."), colleague.body());

        // Nor is the first form sent again once the person has been changed since.
        FormFields edit = form(alice, "/admin/people/nikolai-bulganin/edit");
        assertEquals(303, alice.post("/admin/people/nikolai-bulganin/edit",
                edit.set("description", "Soviet Minister of Defence").set("note", "Who he was").entries()).statusCode());
        assertEquals(422, alice.post("/admin/people/new", typed).statusCode());
    }

    @Test
    void aNameAnotherPersonHasIsRefusedSayingHowToTellANamesakeApartAndANameSoToldApartIsSaved() {
        List<Map.Entry<String, String>> namesake = form(alice, "/admin/people/new").set("name", "Andrei Gromyko")
                .set("note", "A namesake in a later file").entries();
        HttpResponse<String> refused = alice.post("/admin/people/new", namesake);
        assertEquals(422, refused.statusCode());
        assertTrue(Jsoup.parse(refused.body()).selectFirst("#name-error").text().startsWith("'Andrei Gromyko' is "
                + "already a name of Andrei Gromyko. Another person of that name? Tell the two apart in the name, as "
                + "catalogues do: 'John Smith (1882–1959)'."), refused.body());
        HttpResponse<String> apart = alice.post("/admin/people/new", form(alice, "/admin/people/new")
                .set("name", "Andrei Gromyko (born 1960)").set("note", "A namesake in a later file").entries());
        assertEquals(303, apart.statusCode(), apart.body());
    }
}
