package org.dossier.editing;

import static org.dossier.db.Tables.DOCUMENT;
import static org.dossier.db.Tables.DOCUMENT_PERSON;
import static org.dossier.db.Tables.PERSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dossier.accounts.Role;
import org.dossier.app.Main;
import org.dossier.testing.CatalogueDatabase;
import org.dossier.testing.Http;
import org.dossier.testing.SeededCatalogue;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A renamed person keeps the name it had as a former name (ISAAR(CPF) 5.1.4, "other forms of
 * name"), so that what finds it by the names the records use — search, the import of seed pages,
 * {@code relink} — still does, through the forms of a real server and the real commands.
 */
class RenamesKeepTheOldNameTest {

    @RegisterExtension
    static final SeededCatalogue catalogue = SeededCatalogue.ownedByTheClass();
    private static final Http alice = Editors.signedIn(catalogue, "alice", Role.EDITOR);
    private static final Http bob = Editors.signedIn(catalogue, "bob", Role.EDITOR);

    private static final CatalogueDatabase database = CatalogueDatabase.forTheClass(catalogue);

    @TempDir
    static Path pages;

    private static FormFields form(Http editor, String key) {
        return FormFields.at(editor, "/admin/people/" + key + "/edit", "form.authority-form");
    }

    /** The other forms of the person's name as the edit form lists them, each "name (kind)". */
    private static List<String> forms(String key) {
        return formsAt("/admin/people/" + key + "/edit");
    }

    private static List<String> formsAt(String edit) {
        FormFields now = FormFields.at(alice, edit, "form.authority-form");
        List<String> forms = new ArrayList<>();
        for (int i = 0; !now.get("alias-" + i).isEmpty(); i++) {
            forms.add(now.get("alias-" + i) + " (" + now.get("alias-kind-" + i) + ")");
        }
        return forms;
    }

    private static void create(String name) {
        FormFields blank = FormFields.at(alice, "/admin/people/new", "form.authority-form");
        HttpResponse<String> made = alice.post("/admin/people/new", blank.set("name", name).set("kind", "person")
                .set("note", "Named in the records").entries());
        assertEquals(303, made.statusCode(), made.body());
    }

    private static HttpResponse<String> rename(Http editor, FormFields opened, String key, String name) {
        return editor.post("/admin/people/" + key + "/edit", opened.set("name", name).set("note", "Renamed").entries());
    }

    private static void renamed(String key, String name) {
        HttpResponse<String> saved = rename(alice, form(alice, key), key, name);
        assertEquals(303, saved.statusCode(), Jsoup.parse(saved.body()).select(".field-error, .notice").text());
    }

    private static long total(String query) throws IOException {
        HttpResponse<String> response = catalogue.http().get("/search.json?" + query);
        assertEquals(200, response.statusCode(), response.body());
        return new ObjectMapper().readTree(response.body()).get("total").asLong();
    }

    /** Imports one seed page with one entry titled so, as {@code import} does. */
    private static void importPage(String file, String title) throws IOException {
        Path folder = Files.createDirectories(pages.resolve(file));
        Files.writeString(folder.resolve(file + ".txt"), "Skip to content\n\n1 - 1 of 1\n\nMay 10, 1950\n\n" + title
                + "\n\nA report on the harvest.\n");
        assertEquals(0, Main.run("import", "--db", catalogue.database().toString(), folder.toString()));
    }

    private static boolean linked(String title, String key) {
        return database.dsl().fetchExists(database.dsl().selectOne().from(DOCUMENT_PERSON)
                .join(DOCUMENT).on(DOCUMENT.ID.eq(DOCUMENT_PERSON.DOCUMENT_ID))
                .join(PERSON).on(PERSON.ID.eq(DOCUMENT_PERSON.PERSON_ID))
                .where(DOCUMENT.TITLE.eq(title)).and(PERSON.KEY.eq(key)));
    }

    @Test
    void aRenamedPersonKeepsItsOldNameAsAFormerNameWhichTheFormSaysBeforeTheHistoryShowsAndSearchWidensTo()
            throws IOException, InterruptedException {
        long linkedRecords = total("person=shtykov");
        assertTrue(linkedRecords > 0);
        String page = alice.get("/admin/people/shtykov/edit").body();
        Document opened = Jsoup.parse(page);
        assertTrue(opened.selectFirst("#name-hint").text().contains("keeps “Terentii Shtykov” among its other forms, as a former name"),
                opened.selectFirst("#name-hint").text());
        assertEquals("name-hint", opened.selectFirst("#name").attr("aria-describedby"));
        assertFalse(opened.selectFirst("input[name=drop_old_name]").hasAttr("checked"));

        HttpResponse<String> saved = rename(alice, FormFields.of(page, "form.authority-form"), "shtykov", "Terentii Fomich Shtykov");
        assertEquals(303, saved.statusCode(), saved.body());
        assertTrue(forms("shtykov").contains("Terentii Shtykov (former)"), forms("shtykov").toString());
        String version = saved.headers().firstValue("Location").orElseThrow().replaceAll(".*saved=", "");
        Document diff = Jsoup.parse(catalogue.http().get("/people/shtykov/history/" + version).body());
        assertTrue(diff.select("dd.diff-text ins").eachText().contains("Terentii Shtykov (former)"), diff.select("dl.diff").html());
        // The names that widen a search are reloaded with the index's next change: once the new name
        // (in no record's text) finds his records, the old one still does, as it did before the rename.
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        while (total(query("Terentii Fomich Shtykov")) != linkedRecords) {
            assertTrue(System.nanoTime() < deadline, "the new name never widened the search");
            Thread.sleep(100);
        }
        assertEquals(linkedRecords, total(query("Terentii Shtykov")));
    }

    private static String query(String words) {
        return "q=" + URLEncoder.encode(words, StandardCharsets.UTF_8);
    }

    @Test
    void aRecordThatNamesARenamedPersonByTheOldNameIsLinkedByRelinkAndByALaterImport() throws IOException {
        importPage("before", "Letter from Hans Altmann to the Ministry");
        create("Hans Altmann");
        renamed("hans-altmann", "Hans Neumann");
        assertEquals(0, Main.run("relink", "--db", catalogue.database().toString(), "--person", "hans-altmann"));
        assertTrue(linked("Letter from Hans Altmann to the Ministry", "hans-altmann"), "relink reads the old name");
        importPage("after", "Telegram from Hans Altmann to the Embassy");
        assertTrue(linked("Telegram from Hans Altmann to the Embassy", "hans-altmann"), "an import reads the old name");
    }

    @Test
    void aRenameBackKeepsEachNameOnceAndARenameOfCaseAccentsOrStopsAloneKeepsNothing() {
        create("Anna Erste");
        renamed("anna-erste", "Anna Zweite");
        assertEquals(List.of("Anna Erste (former)"), forms("anna-erste"));
        renamed("anna-erste", "Anna Erste");
        assertEquals(List.of("Anna Zweite (former)"), forms("anna-erste"), "the name it has again is not also another form");
        renamed("anna-erste", "Anna  ÉRSTE");
        renamed("anna-erste", "Anna-Erste");
        assertEquals(List.of("Anna Zweite (former)"), forms("anna-erste"), "the name matcher reads these as one name");
    }

    @Test
    void aPlaceRenamedToOneOfItsFormsHasThatFormAsItsNameOnlyAndKeepsItsOldNameAsAFormerName() {
        HttpResponse<String> page = alice.get("/admin/places/mongolia/edit");
        HttpResponse<String> saved = alice.post("/admin/places/mongolia/edit", FormFields.of(page.body(), "form.authority-form")
                .set("name", "Mongolian People's Republic").set("note", "The state's name in these years").entries());
        assertEquals(303, saved.statusCode(), Jsoup.parse(saved.body()).select(".field-error").text());
        assertEquals(List.of("Mongolia (former)", "Mongolian (variant)", "Outer Mongolia (variant)"),
                formsAt("/admin/places/mongolia/edit"));
    }

    @Test
    void anEditorWhoTicksNotToKeepTheOldNameOrListsItThemselvesGetsNoFormerNameForIt() {
        create("Otto Frst");
        HttpResponse<String> dropped = alice.post("/admin/people/otto-frst/edit", form(alice, "otto-frst")
                .set("name", "Otto Fürst").set("drop_old_name", "1").set("note", "A misspelling").entries());
        assertEquals(303, dropped.statusCode(), dropped.body());
        assertEquals(List.of(), forms("otto-frst"));
        HttpResponse<String> listed = alice.post("/admin/people/otto-frst/edit", form(alice, "otto-frst")
                .set("name", "Otto Fürst-Kahn").set("alias-0", "Otto Fürst").set("alias-kind-0", "variant")
                .set("note", "His full name").entries());
        assertEquals(303, listed.statusCode(), listed.body());
        assertEquals(List.of("Otto Fürst (variant)"), forms("otto-frst"));
    }

    @Test
    void aRenameSentTwiceIsSavedOnceAndAStaleRenameComesBackWithTheOldNameAmongTheMergedForms() {
        create("Karl Alt");
        FormFields opened = form(alice, "karl-alt");
        assertEquals(303, rename(alice, opened, "karl-alt", "Karl Mitte").statusCode());
        HttpResponse<String> again = rename(alice, opened, "karl-alt", "Karl Mitte");
        assertEquals(303, again.statusCode(), "a double click goes on as saved: " + again.body());
        assertEquals(List.of("Karl Alt (former)"), forms("karl-alt"));

        FormFields alices = form(alice, "karl-alt");
        FormFields bobs = form(bob, "karl-alt");
        assertEquals(303, bob.post("/admin/people/karl-alt/edit", bobs.set("alias-1", "K. Mitte")
                .set("alias-kind-1", "abbreviation").set("note", "Initial").entries()).statusCode());
        HttpResponse<String> stale = rename(alice, alices, "karl-alt", "Karl Neu");
        assertEquals(409, stale.statusCode());
        FormFields merged = FormFields.of(stale.body(), "form.authority-form");
        assertEquals("Karl Neu", merged.get("name"));
        assertEquals(303, alice.post("/admin/people/karl-alt/edit", merged.entries()).statusCode());
        assertEquals(List.of("K. Mitte (abbreviation)", "Karl Alt (former)", "Karl Mitte (former)"), forms("karl-alt"));
    }

    private static FormFields restoreForm(String key, int number) {
        return FormFields.at(alice, "/people/" + key + "/history/" + number, "form.restore-form")
                .set("note", "The name as the records give it");
    }

    private static HttpResponse<String> restore(String key, FormFields form) {
        return alice.post("/admin/people/" + key + "/restore", form.entries());
    }

    @Test
    void aRestoreOfAnotherNameKeepsTheNameItHadAsAFormerNameSaidBeforeSendingAndSearchStillFindsItByThatName()
            throws IOException, InterruptedException {
        long linkedRecords = total("person=mikoyan");
        assertTrue(linkedRecords > 0);
        renamed("mikoyan", "Anastas Hovhannesi Mikoyan");
        Document opened = Jsoup.parse(alice.get("/people/mikoyan/history/1").body());
        assertTrue(opened.selectFirst("#restore-keeps").text().contains(
                "keeps “Anastas Hovhannesi Mikoyan” among its other forms, as a former name"), opened.select("form.restore-form").text());
        assertFalse(opened.selectFirst("form.restore-form input[name=drop_old_name]").hasAttr("checked"));

        FormFields restoring = restoreForm("mikoyan", 1);
        HttpResponse<String> restored = restore("mikoyan", restoring);
        assertEquals(303, restored.statusCode(), Jsoup.parse(restored.body()).select("#restore-problem").text());
        assertEquals(303, restore("mikoyan", restoring).statusCode(), "the same restore sent twice (a double click) goes on as done");
        assertEquals(List.of("Anastas (variant)", "Anastas Hovhannesi Mikoyan (former)", "Mikoyan (variant)"),
                forms("mikoyan"), "the name it had, once; its first name not twice");
        Document diff = Jsoup.parse(catalogue.http().get("/people/mikoyan/history/3").body());
        assertTrue(diff.select("dd.diff-text ins").eachText().contains("Anastas Hovhannesi Mikoyan (former)"), diff.select("dl.diff").html());
        assertEquals(3, (int) database.dsl().select(PERSON.VERSION).from(PERSON).where(PERSON.KEY.eq("mikoyan"))
                .fetchSingle(PERSON.VERSION),
                "one version for the rename, one for the restore, none for its second sending");
        // "Hovhannesi" is in no record: only the name kept finds his records.
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        while (total(query("Anastas Hovhannesi Mikoyan")) != linkedRecords) {
            assertTrue(System.nanoTime() < deadline, "the name it had no longer finds its records");
            Thread.sleep(100);
        }
    }

    @Test
    void aRestoreWithDoNotKeepTickedKeepsNoFormerNameAndOneOfTheSameNameShowsNoBox() {
        create("Hans Brandt");
        renamed("hans-brandt", "Hans Brnadt");
        var box = Jsoup.parse(alice.get("/people/hans-brandt/history/1").body())
                .selectFirst("form.restore-form input[name=drop_old_name]");
        assertTrue(box != null && !box.hasAttr("checked"), "the box is offered, unticked");
        assertEquals(303, restore("hans-brandt", restoreForm("hans-brandt", 1).set("drop_old_name", "1")).statusCode());
        assertEquals(List.of(), forms("hans-brandt"), "a misspelling the editor chose not to keep");
        Document same = Jsoup.parse(alice.get("/people/hans-brandt/history/1").body());
        assertEquals(null, same.selectFirst("#restore-keeps"), "version 1 has the name it has now: nothing to keep");
        assertEquals(null, same.selectFirst("form.restore-form input[name=drop_old_name]"));
    }
}
