package org.dossier.editing;

import static org.dossier.db.Tables.PERSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.dossier.accounts.Role;
import org.dossier.authorities.AliasKind;
import org.dossier.authorities.AuthorityContent;
import org.dossier.authorities.AuthorityForm;
import org.dossier.authorities.AuthorityKind;
import org.dossier.authorities.AuthorityLoader;
import org.dossier.authorities.AuthorityRecords;
import org.dossier.authorities.AuthorityWriter;
import org.dossier.authorities.EntityType;
import org.dossier.authorities.StoredAuthority;
import org.dossier.documents.Attribution;
import org.dossier.documents.RecordStore;
import org.dossier.documents.RecordWriter;
import org.dossier.testing.CatalogueDatabase;
import org.dossier.importing.ImportReport;
import org.dossier.testing.Http;
import org.dossier.testing.Latches;
import org.dossier.testing.SeededCatalogue;
import org.jooq.DSLContext;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a person's form answers when another editor's change commits after its checks passed and
 * before its write: the write itself finds it and refuses, saying so as the checks would have a
 * moment later, with what was typed kept and nothing written. Each test holds that other change
 * open (another node's write through the catalogue's write path), sends the form, lets the change
 * commit once the form waits for it, and so reaches for certain what only a race reached before.
 */
@org.junit.jupiter.api.parallel.ResourceLock(LockWaits.PARKED_IN_SQLITE)
class FormsRefusedByAChangeMadeWhileTheyWaitedTest {

    @RegisterExtension
    static final SeededCatalogue catalogue = SeededCatalogue.ownedByTheClass();
    private static final Http alice = Editors.signedIn(catalogue, "alice", Role.EDITOR);

    private static final CatalogueDatabase database = CatalogueDatabase.forTheClass(catalogue);

    /**
     * {@code form} sent while {@code meanwhile} is written and held open: its checks read the
     * catalogue without it, then it waits for the lock the held write has; once it waits, the
     * held write commits, and the form's write goes on over it. {@code handler} is the page's, in
     * which the form's request waits.
     */
    private static HttpResponse<String> sentWhile(RecordStore.Work<?> meanwhile, Class<?> handler,
                                                  Supplier<HttpResponse<String>> form) throws Exception {
        CompletableFuture<HttpResponse<String>> sent;
        try (HeldWrite held = HeldWrite.throughTheStore(catalogue, meanwhile)) {
            sent = CompletableFuture.supplyAsync(form);
            LockWaits.awaitWaiting(database.dsl(), 1, handler);
            held.assertStillHeld();
        }
        return sent.get(60, TimeUnit.SECONDS);
    }

    /**
     * {@code form} sent while an import of {@code lists} runs: it has written its lists and stops at its
     * first record, its transaction open, until the form's request waits for it (or has been answered
     * without waiting: what it wrote then is what the test finds), then commits. The import is not refused.
     */
    private static HttpResponse<String> sentWhileAnImportRuns(ListsToImport lists, Supplier<HttpResponse<String>> form)
            throws Exception {
        CountDownLatch listsWritten = new CountDownLatch(1);
        CountDownLatch goOn = new CountDownLatch(1);
        CompletableFuture<ImportReport> importing = CompletableFuture.supplyAsync(() -> {
            try {
                return lists.into(catalogue, (done, total) -> {
                    listsWritten.countDown();
                    Latches.await(goOn, java.time.Duration.ofSeconds(60), "the form to meet the import");
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        CompletableFuture<HttpResponse<String>> sent;
        try {
            Latches.await(listsWritten, java.time.Duration.ofSeconds(60), "the import to write its lists");
            sent = CompletableFuture.supplyAsync(form);
            LockWaits.awaitWaiting(database.dsl(), 1, AuthorityEditing.class, sent);
        } finally {
            goOn.countDown();
        }
        assertEquals(1, importing.get(60, TimeUnit.SECONDS).created(), "the import's record");
        return sent.get(60, TimeUnit.SECONDS);
    }

    /** The person's form refused (422), saying {@code why} at {@code error}, with {@code fields} as {@code typed}. */
    private static void formRefusedKeeping(HttpResponse<String> refused, String error, String why, FormFields typed,
                                           String... fields) {
        assertEquals(422, refused.statusCode(), refused.body());
        assertEquals(why, Jsoup.parse(refused.body()).selectFirst(error).text());
        FormFields kept = FormFields.of(refused.body(), "form.authority-form");
        for (String field : fields) {
            assertEquals(typed.get(field), kept.get(field), field);
        }
    }

    /** Bob's writer in the held transaction: an editor's change made as the app makes it. */
    private static AuthorityWriter bobs(RecordWriter records, DSLContext tx) {
        return new AuthorityWriter(records, tx, Clock.systemUTC());
    }

    private static Attribution bob(String note) {
        return Attribution.editor("bob", note);
    }

    private static StoredAuthority person(DSLContext db, String key) {
        return new AuthorityRecords(db).find(AuthorityKind.PERSON, key).orElseThrow();
    }

    private static int version(String key) {
        return database.dsl().select(PERSON.VERSION).from(PERSON).where(PERSON.KEY.eq(key)).fetchSingle(PERSON.VERSION);
    }

    /** A person made through the form by alice, with these other forms of the name; its key. */
    private static String made(String name, String key, String... forms) {
        FormFields form = FormFields.at(alice, "/admin/people/new", "form.authority-form").set("name", name)
                .set("kind", "person").set("note", "A clerk");
        for (int i = 0; i < forms.length; i++) {
            form = form.set("alias-" + i, forms[i]).set("alias-kind-" + i, "variant");
        }
        HttpResponse<String> made = alice.post("/admin/people/new", form.entries());
        assertEquals(303, made.statusCode(), made.body());
        assertEquals("/admin/people/" + key + "/link?saved=1", made.headers().firstValue("Location").orElseThrow());
        return key;
    }

    /** {@code content} with the form {@code form} added. */
    private static AuthorityContent withForm(AuthorityContent content, String form) {
        List<AuthorityContent.Alias> aliases = new ArrayList<>(content.aliases());
        aliases.add(new AuthorityContent.Alias(form, AliasKind.VARIANT));
        return new AuthorityContent(content.name(), content.sortName(), content.description(), content.kind(), aliases);
    }

    /** The row of the form's other forms of the name that says {@code form}: "" for the first empty one. */
    private static int rowOf(FormFields fields, String form) {
        int row = 0;
        while (!fields.get("alias-" + row).equals(form)) {
            row++;
        }
        return row;
    }

    @Test
    void aNewPersonWhoseNameAnotherEditorGaveANewPersonMeanwhileIsRefusedNamingThemWithTheFormKept() throws Exception {
        FormFields typed = FormFields.at(alice, "/admin/people/new", "form.authority-form").set("name", "Ivan Meanwhile")
                .set("kind", "person").set("description", "Alice's clerk, typed with <b>care</b>").set("note", "Alice's note");
        HttpResponse<String> refused = sentWhile((records, tx) -> {
            new AuthorityRecords(tx).ownersForWriting(AuthorityKind.PERSON, 0); // as the form's write takes the names
            return bobs(records, tx).create(AuthorityKind.PERSON, new AuthorityContent("Ivan Meanwhile", null,
                    "Bob's clerk", EntityType.PERSON, List.of()), bob("Bob's clerk"));
        }, AuthorityEditing.class, () -> alice.post("/admin/people/new", typed.entries()));

        formRefusedKeeping(refused, "#name-error > span",
                "'Ivan Meanwhile' is already a name of Ivan Meanwhile. Another person of that name? Tell the two "
                + "apart in the name, as catalogues do: 'John Smith (1882–1959)'.",
                typed, "name", "description", "note");
        assertEquals(List.of("Bob's clerk"), database.dsl().select(PERSON.NOTE).from(PERSON)
                .where(PERSON.NAME.eq("Ivan Meanwhile")).fetch(PERSON.NOTE), "Bob's alone");
    }

    /**
     * An import's lists add a person, held open: the form's write waits for the import's commit (on
     * PostgreSQL for the lock both take on the names; before the import took it, for the same key the
     * form's write made, which the database then refused; on SQLite for the write lock) and then sees
     * its name. Either way the form says whose the name is.
     */
    @Test
    void aNewPersonWhoseNameAnImportAddedMeanwhileIsRefusedNamingThemWithTheFormKept() throws Exception {
        FormFields typed = FormFields.at(alice, "/admin/people/new", "form.authority-form").set("name", "Ivan Imported")
                .set("kind", "person").set("description", "Alice's clerk, typed with <b>care</b>").set("note", "Alice's note");
        AuthorityLoader.FolderLists lists = new AuthorityLoader.FolderLists(Map.of("ivan-imported", List.of(
                new AuthorityForm("ivan-imported", "preferred", "Ivan Imported", "", "From the lists", 2))), Map.of(), Map.of());
        HttpResponse<String> refused = sentWhile((records, tx) -> AuthorityLoader.store(tx, lists), AuthorityEditing.class,
                () -> alice.post("/admin/people/new", typed.entries()));

        formRefusedKeeping(refused, "#name-error > span",
                "'Ivan Imported' is already a name of Ivan Imported. Another person of that name? Tell the two "
                + "apart in the name, as catalogues do: 'John Smith (1882–1959)'.",
                typed, "name", "description", "note");
        assertEquals(List.of("ivan-imported"), database.dsl().select(PERSON.KEY).from(PERSON)
                .where(PERSON.NAME.eq("Ivan Imported")).fetch(PERSON.KEY), "the import's alone");
    }

    /**
     * As above, the import's person under another name: no name is taken, only the key the form's
     * name makes. On PostgreSQL, while an import took no lock on the names, the database refused that
     * key and the form answered 500; with the lock on the names the import takes too, the form's
     * write sees the import's key, as it does on SQLite, and takes the next (with the import's lock
     * taken out, this fails again: 500, person_key_key).
     */
    @Test
    void aNewPersonWhoseKeyAnImportGaveAnotherNameMeanwhileIsMadeUnderTheNextKey() throws Exception {
        FormFields typed = FormFields.at(alice, "/admin/people/new", "form.authority-form").set("name", "Petr Keyed")
                .set("kind", "person").set("note", "Alice's note");
        AuthorityLoader.FolderLists lists = new AuthorityLoader.FolderLists(Map.of("petr-keyed", List.of(
                new AuthorityForm("petr-keyed", "preferred", "Pyotr Keyedov", "", "From the lists", 2))), Map.of(), Map.of());
        HttpResponse<String> made = sentWhile((records, tx) -> AuthorityLoader.store(tx, lists), AuthorityEditing.class,
                () -> alice.post("/admin/people/new", typed.entries()));

        assertEquals(303, made.statusCode(), made.body());
        assertEquals("/admin/people/petr-keyed-2/link?saved=1", made.headers().firstValue("Location").orElseThrow());
        assertEquals("Petr Keyed", person(database.dsl(), "petr-keyed-2").name());
        assertEquals("Pyotr Keyedov", person(database.dsl(), "petr-keyed").name());
    }

    /**
     * On PostgreSQL an import's lists took no lock on the names: the form's write did not see the
     * form the import had given, waited for nothing, and both committed, one form with two owners.
     * On SQLite the form's write waits for the import's commit, and then sees it.
     */
    @Test
    void aPersonsSaveOfAFormARunningImportGaveAnotherPersonIsRefusedNamingThemWithTheFormKept(@TempDir Path folder)
            throws Exception {
        String key = made("Clerk Wanting A Name", "clerk-wanting-a-name");
        FormFields opened = FormFields.at(alice, "/admin/people/" + key + "/edit", "form.authority-form");
        int row = rowOf(opened, "");
        FormFields typed = opened.set("alias-" + row, "The Paper Clerk").set("alias-kind-" + row, "pseudonym")
                .set("description", "Alice's words, typed with <b>care</b>").set("note", "His nickname");
        ListsToImport lists = ListsToImport.of(folder, List.of("pavel-papers,preferred,Pavel Papers,,A clerk",
                "pavel-papers,variant,The Paper Clerk,,"), "Report of the Paper Clerk on the archives");
        HttpResponse<String> refused = sentWhileAnImportRuns(lists,
                () -> alice.post("/admin/people/" + key + "/edit", typed.entries()));

        formRefusedKeeping(refused, "#alias-" + row + "-error > span",
                "'The Paper Clerk' is already a name of Pavel Papers. Two authorities cannot share a form, unless "
                + "it is marked as a short form.",
                typed, "alias-" + row, "alias-kind-" + row, "description", "note");
        assertEquals(1, version(key), "nothing saved");
        assertEquals(List.of("pavel-papers"), database.peopleWithForm("The Paper Clerk"), "the import's alone");
    }

    /** As above, the form a new person's name, another the import gave as another form of its own person's. */
    @Test
    void aNewPersonNamedWhatARunningImportGaveAnotherPersonIsRefusedNamingThemWithTheFormKept(@TempDir Path folder)
            throws Exception {
        FormFields typed = FormFields.at(alice, "/admin/people/new", "form.authority-form").set("name", "The Ink Clerk")
                .set("kind", "person").set("description", "Alice's clerk, typed with <b>care</b>").set("note", "Alice's note");
        ListsToImport lists = ListsToImport.of(folder, List.of("semyon-papers,preferred,Semyon Papers,,A clerk",
                "semyon-papers,variant,The Ink Clerk,,"), "Report of the Ink Clerk on the archives");
        HttpResponse<String> refused = sentWhileAnImportRuns(lists, () -> alice.post("/admin/people/new", typed.entries()));

        formRefusedKeeping(refused, "#name-error > span",
                "'The Ink Clerk' is already a name of Semyon Papers. Another person of that name? Tell the two "
                + "apart in the name, as catalogues do: 'John Smith (1882–1959)'.",
                typed, "name", "description", "note");
        assertEquals(List.of("semyon-papers"), database.peopleWithForm("The Ink Clerk"), "the import's alone");
    }

    @Test
    void aPersonsSaveOfAFormAnotherEditorGaveANewPersonMeanwhileIsRefusedNamingThemWithTheFormKept() throws Exception {
        String key = made("Clerk Given A Nickname", "clerk-given-a-nickname");
        FormFields opened = FormFields.at(alice, "/admin/people/" + key + "/edit", "form.authority-form");
        int row = rowOf(opened, "");
        FormFields typed = opened.set("alias-" + row, "The Iron Clerk").set("alias-kind-" + row, "pseudonym")
                .set("description", "Alice's words, typed with <b>care</b>").set("note", "His nickname");
        HttpResponse<String> refused = sentWhile((records, tx) -> {
            new AuthorityRecords(tx).ownersForWriting(AuthorityKind.PERSON, 0);
            return bobs(records, tx).create(AuthorityKind.PERSON, new AuthorityContent("The Iron Clerk", null,
                    "", EntityType.PERSON, List.of()), bob("Another clerk"));
        }, AuthorityEditing.class, () -> alice.post("/admin/people/" + key + "/edit", typed.entries()));

        formRefusedKeeping(refused, "#alias-" + row + "-error > span",
                "'The Iron Clerk' is already a name of The Iron Clerk. Two authorities cannot share a form, unless "
                + "it is marked as a short form.",
                typed, "alias-" + row, "alias-kind-" + row, "description", "note");
        assertEquals(1, version(key), "nothing saved");
    }

    @Test
    void restoringAVersionWithAFormAnotherEditorGaveAnotherPersonMeanwhileIsRefusedNamingThemWithTheNoteKept()
            throws Exception {
        String key = made("Clerk Losing A Form", "clerk-losing-a-form", "K. L. Form");
        FormFields opened = FormFields.at(alice, "/admin/people/" + key + "/edit", "form.authority-form");
        assertEquals(303, alice.post("/admin/people/" + key + "/edit", opened.set("alias-" + rowOf(opened, "K. L. Form"), "")
                .set("note", "Not his form").entries()).statusCode());
        String other = made("Clerk Taking A Form", "clerk-taking-a-form");
        FormFields restore = FormFields.at(alice, "/people/" + key + "/history/1", "form.restore-form")
                .set("note", "The form was his, typed with <b>care</b>");

        HttpResponse<String> refused = sentWhile((records, tx) -> {
            new AuthorityRecords(tx).ownersForWriting(AuthorityKind.PERSON, 0);
            StoredAuthority taking = person(tx, other);
            return bobs(records, tx).update(taking, taking.version(), withForm(taking.content(), "K. L. Form"),
                    bob("His signature"));
        }, AuthorityHistory.class, () -> alice.post("/admin/people/" + key + "/restore", restore.entries()));

        assertEquals(409, refused.statusCode(), refused.body());
        Document page = Jsoup.parse(refused.body());
        assertEquals("Version 1 gives it the form 'K. L. Form', which is a name of Clerk Taking A Form (clerk-taking-a-form) "
                + "now. Nothing was restored: take the form from Clerk Taking A Form first, or edit this person instead.",
                page.selectFirst("#restore-problem").text());
        assertEquals(restore.get("note"), FormFields.of(refused.body(), "form.restore-form").get("note"));
        assertEquals(2, version(key), "nothing restored");
    }

    /** The merge form of {@code key}, opened now, sent with {@code survivor} and {@code note}. */
    private static Supplier<HttpResponse<String>> mergeForm(String key, String survivor, String note) {
        Document page = Jsoup.parse(alice.get("/admin/people/" + key + "/merge").body());
        Map<String, String> form = Map.of("csrf", Editors.csrf(page.html()), "version",
                page.selectFirst("input[name=version]").val(), "survivor", survivor, "note", note);
        return () -> alice.post("/admin/people/" + key + "/merge", form);
    }

    /**
     * The merge form refused (409), saying {@code why}, with the note kept and {@code survivor} chosen
     * still (null: one the list no longer offers, merged away).
     */
    private static void refusedKeeping(HttpResponse<String> refused, String survivor, String note, String why) {
        assertEquals(409, refused.statusCode(), refused.body());
        Document page = Jsoup.parse(refused.body());
        assertEquals(why, page.selectFirst("#survivor-error").text());
        assertEquals(note, page.selectFirst("#note").val(), "the note typed");
        if (survivor != null) {
            assertEquals(survivor, page.selectFirst("#survivor option[selected]").val(), "the survivor chosen");
        }
    }

    @Test
    void aMergeIntoOneAnotherEditorMergedAwayMeanwhileIsRefusedWithTheChoiceAndNoteKept() throws Exception {
        String key = made("Clerk Merged Late", "clerk-merged-late");
        String survivor = made("Clerk Survivor Merged On", "clerk-survivor-merged-on");
        String onward = made("Clerk Onward", "clerk-onward");
        String note = "The same clerk, typed with <b>care</b>";
        HttpResponse<String> refused = sentWhile((records, tx) -> {
            StoredAuthority mergedOn = person(tx, survivor);
            bobs(records, tx).merge(mergedOn, mergedOn.version(), person(tx, onward), bob("The same clerk"));
            return null;
        }, AuthorityEditing.class, mergeForm(key, survivor, note));

        refusedKeeping(refused, null, note, "One of them was merged, or a merge of this one undone, while you "
                + "had this page open. Nothing was merged: look at them again, then decide.");
        assertEquals(1, version(key), "not merged");
        assertEquals(200, catalogue.http().get("/people/" + key).statusCode());
    }

    @Test
    void aMergeIntoOneAnotherEditorMadeAnOrganisationMeanwhileIsRefusedSayingSoWithTheChoiceAndNoteKept()
            throws Exception {
        String key = made("Clerk Of A Body", "clerk-of-a-body");
        String survivor = made("Clerk Office", "clerk-office");
        String note = "The same, typed with <b>care</b>";
        HttpResponse<String> refused = sentWhile((records, tx) -> {
            StoredAuthority body = person(tx, survivor);
            AuthorityContent was = body.content();
            return bobs(records, tx).update(body, body.version(), new AuthorityContent(was.name(), was.sortName(),
                    was.description(), EntityType.ORGANISATION, was.aliases()), bob("An office, not a man"));
        }, AuthorityEditing.class, mergeForm(key, survivor, note));

        refusedKeeping(refused, survivor, note, "Clerk Of A Body is a person and Clerk Office (clerk-office) an "
                + "organisation: a person is merged only into another person. Nothing was merged. If one of them was "
                + "entered as the wrong kind, change that on its edit form first (“A person or an organisation”), then "
                + "merge them.");
        assertEquals(1, version(key), "not merged");
    }

    @Test
    void aMergeOfOneAnotherEditorMergedMeanwhileIsRefusedNamingWhereItWentWithTheNoteKept() throws Exception {
        String key = made("Clerk Merged By Two", "clerk-merged-by-two");
        String alices = made("Clerk Alice Chose", "clerk-alice-chose");
        String bobsChoice = made("Clerk Bob Chose", "clerk-bob-chose");
        String note = "Alice's reason, typed with <b>care</b>";
        HttpResponse<String> refused = sentWhile((records, tx) -> {
            StoredAuthority merged = person(tx, key);
            bobs(records, tx).merge(merged, merged.version(), person(tx, bobsChoice), bob("Bob's reason"));
            return null;
        }, AuthorityEditing.class, mergeForm(key, alices, note));

        refusedKeeping(refused, alices, note, "Someone merged this person into Clerk Bob Chose (clerk-bob-chose) "
                + "while you had this page open. Nothing else was merged: its records and forms of the name are there now.");
        assertEquals(1, version(alices), "Alice's choice is merged into by none");
    }
}
