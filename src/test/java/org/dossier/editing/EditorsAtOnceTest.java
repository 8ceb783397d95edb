package org.dossier.editing;

import static org.dossier.db.Tables.DOCUMENT;
import static org.dossier.db.Tables.DOCUMENT_PERSON;
import static org.dossier.db.Tables.PERSON;
import static org.dossier.db.Tables.REVISION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.dossier.accounts.Role;
import org.dossier.authorities.AuthorityContent;
import org.dossier.authorities.AuthorityKind;
import org.dossier.authorities.AuthorityRecords;
import org.dossier.authorities.AuthorityWriter;
import org.dossier.authorities.StoredAuthority;
import org.dossier.documents.Attribution;
import org.dossier.documents.DocumentDate;
import org.dossier.documents.RecordDraft;
import org.dossier.documents.RecordStore;
import org.dossier.testing.CatalogueDatabase;
import org.dossier.testing.Http;
import org.dossier.web.WriteUnavailable;
import org.jooq.SQLDialect;
import org.dossier.testing.SeededCatalogue;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Editors whose requests meet: real threads sending real requests to a real server at one instant,
 * round after round. Whatever the order the database takes them in, one save of a version wins,
 * every other is refused with the editor's text kept, and the history has each version once.
 */
@org.junit.jupiter.api.parallel.ResourceLock(LockWaits.PARKED_IN_SQLITE)
class EditorsAtOnceTest {

    private static final int ROUNDS = 8;

    @RegisterExtension
    static final SeededCatalogue catalogue = SeededCatalogue.ownedByTheClass();
    private static final Http alice = Editors.signedIn(catalogue, "alice", Role.EDITOR);
    private static final Http bea = Editors.signedIn(catalogue, "bea", Role.EDITOR);

    private static final CatalogueDatabase database = CatalogueDatabase.forTheClass(catalogue);
    private static ExecutorService pool;

    @BeforeAll
    static void start() {
        pool = Executors.newCachedThreadPool();
    }

    @AfterAll
    static void stop() {
        pool.shutdownNow();
    }

    private static int version(int id) {
        return database.dsl().select(DOCUMENT.VERSION).from(DOCUMENT).where(DOCUMENT.ID.eq(id)).fetchSingle(DOCUMENT.VERSION);
    }

    private static String summary(int id) {
        return database.dsl().select(DOCUMENT.SUMMARY).from(DOCUMENT).where(DOCUMENT.ID.eq(id)).fetchSingle(DOCUMENT.SUMMARY);
    }

    private static FormFields editForm(Http editor, int id) {
        return FormFields.at(editor, "/admin/documents/" + id + "/edit", "form.record-form");
    }

    /** Runs every one of {@code requests} at one instant (a barrier), and returns their answers in order. */
    @SafeVarargs
    private static List<HttpResponse<String>> atOnce(Callable<HttpResponse<String>>... requests) throws Exception {
        List<Callable<HttpResponse<String>>> each = new ArrayList<>();
        for (Callable<HttpResponse<String>> request : requests) {
            each.add(request);
        }
        return atOnce(each);
    }

    private static List<HttpResponse<String>> atOnce(List<Callable<HttpResponse<String>>> requests) throws Exception {
        CyclicBarrier together = new CyclicBarrier(requests.size());
        List<Future<HttpResponse<String>>> sent = new ArrayList<>();
        for (Callable<HttpResponse<String>> request : requests) {
            sent.add(pool.submit(() -> {
                together.await(60, TimeUnit.SECONDS);
                return request.call();
            }));
        }
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (Future<HttpResponse<String>> answer : sent) {
            answers.add(answer.get(120, TimeUnit.SECONDS));
        }
        return answers;
    }

    /** Each version of the record once, numbered 1 to its version, none missing. */
    private static void assertHistoryWhole(int id) {
        List<Integer> numbers = database.dsl().select(REVISION.NUMBER).from(REVISION).where(REVISION.DOCUMENT_ID.eq(id))
                .orderBy(REVISION.NUMBER).fetch(REVISION.NUMBER);
        List<Integer> expected = java.util.stream.IntStream.rangeClosed(1, version(id)).boxed().toList();
        assertEquals(expected, numbers, "record " + id + "'s history");
    }

    private static List<Integer> statuses(List<HttpResponse<String>> answers) {
        return answers.stream().map(HttpResponse::statusCode).toList();
    }

    @Test
    void twoEditorsSavingOneVersionAtOnceOneWinsAndTheOtherGetsTheMergeScreenWithTheirText() throws Exception {
        int id = catalogue.recordTitled("(via Shtytkov)");
        for (int round = 0; round < ROUNDS; round++) {
            int opened = version(id);
            int r = round;
            FormFields aliceForm = editForm(alice, id);
            FormFields beaForm = editForm(bea, id);
            String aliceText = "Alice's summary of round " + round + " <b>& more</b>.";
            String beaText = "Bea's summary of round " + round + " <i>\"quoted\"</i>.";
            List<HttpResponse<String>> answers = atOnce(
                    () -> alice.post("/admin/documents/" + id + "/edit", aliceForm.set("summary", aliceText)
                            .set("note", "Alice, round " + r).entries()),
                    () -> bea.post("/admin/documents/" + id + "/edit", beaForm.set("summary", beaText)
                            .set("note", "Bea, round " + r).entries()));
            List<Integer> codes = statuses(answers);
            assertTrue(codes.equals(List.of(303, 409)) || codes.equals(List.of(409, 303)), "round " + round + ": " + codes);
            assertEquals(opened + 1, version(id), "round " + round);
            boolean aliceWon = codes.get(0) == 303;
            assertEquals(aliceWon ? aliceText : beaText, summary(id), "round " + round + ": the winner's text is saved");
            Document merge = Jsoup.parse(answers.get(aliceWon ? 1 : 0).body());
            assertEquals(aliceWon ? beaText : aliceText, merge.selectFirst("form.record-form textarea[name=summary]").wholeText(),
                    "the loser's text is in the form, as typed");
            assertEquals(String.valueOf(opened + 1), merge.selectFirst("form.record-form input[name=version]").val(),
                    "the merge screen carries the version it shows");
            assertTrue(merge.selectFirst(".saved-version").text().contains(aliceWon ? aliceText : beaText),
                    "the saved text stands beside it");
            assertTrue(merge.selectFirst(".conflict").text().contains(aliceWon ? "alice" : "bea"), merge.selectFirst(".conflict").text());
        }
        assertHistoryWhole(id);
    }

    /** A record made for a test, linking no one, whose title names {@code name}; returns its id. */
    private static int recordNaming(String name, String title) {
        return new RecordStore(database.dsl(), Clock.systemUTC()).write(w -> w.create(new RecordDraft(
                title + " " + name, List.of("A record naming " + name + " that links no one yet."),
                DocumentDate.ofYear(1950)), Attribution.editor("bea", "Made for a test")));
    }

    /**
     * Bea's save of record {@code id}, from another connection (as another node's), held open until
     * {@code meanwhile} has sent its request and that request waits for it (on PostgreSQL, for her
     * row lock; on SQLite, for the write lock); then it commits, and {@code meanwhile}'s answer is returned.
     */
    private static HttpResponse<String> whileASaveIsUnderWay(int id, String summary,
            Callable<HttpResponse<String>> meanwhile) throws Exception {
        return whileUnderWay((w, tx) -> {
            RecordDraft now = w.draft(id);
            return w.update(id, version(id), new RecordDraft(now.title(), List.of(summary), now.date(),
                    now.typeId(), now.people(), now.places(), now.languages()), Attribution.editor("bea", "Held open"));
        }, meanwhile);
    }

    /**
     * Bea's save of person {@code key}'s note, as {@link #whileASaveIsUnderWay} holds a record's open:
     * {@code meanwhile}'s answer, once it waited for her save (on PostgreSQL, for the person's row).
     */
    private static HttpResponse<String> whileAPersonsSaveIsUnderWay(String key, String note,
            Callable<HttpResponse<String>> meanwhile) throws Exception {
        return whileUnderWay((w, tx) -> {
            StoredAuthority now = new AuthorityRecords(tx).find(AuthorityKind.PERSON, key).orElseThrow();
            AuthorityContent content = now.content();
            return new AuthorityWriter(w, tx, Clock.systemUTC()).update(now, now.version(), new AuthorityContent(
                    content.name(), content.sortName(), note, content.kind(), content.aliases()),
                    Attribution.editor("bea", "Held open"));
        }, meanwhile);
    }

    /** {@code held}, from another connection, held open until {@code meanwhile}'s request waits for it; then that answer. */
    private static HttpResponse<String> whileUnderWay(RecordStore.Work<?> held,
            Callable<HttpResponse<String>> meanwhile) throws Exception {
        CountDownLatch underWay = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        Future<?> saving = pool.submit(() -> new RecordStore(database.dsl(), Clock.systemUTC()).write((w, tx) -> {
            Object saved = held.run(w, tx);
            underWay.countDown();
            try {
                assertTrue(commit.await(60, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return saved;
        }));
        assertTrue(underWay.await(60, TimeUnit.SECONDS), "bea's save got under way");
        Future<HttpResponse<String>> answer = pool.submit(meanwhile);
        LockWaits.awaitWaiting(database.dsl(), 1);
        commit.countDown();
        saving.get(60, TimeUnit.SECONDS);
        return answer.get(60, TimeUnit.SECONDS);
    }

    private static List<Integer> peopleOf(int id) {
        return database.dsl().select(DOCUMENT_PERSON.PERSON_ID).from(DOCUMENT_PERSON).where(DOCUMENT_PERSON.DOCUMENT_ID.eq(id))
                .orderBy(DOCUMENT_PERSON.POSITION).fetch(DOCUMENT_PERSON.PERSON_ID);
    }

    @Test
    void linkingARecordWhileAnEditorSavesItKeepsBothTheSaveAndTheLink() throws Exception {
        for (int round = 0; round < 3; round++) {
            int id = recordNaming("Stalin", "Note of round " + round + " to");
            String csrf = Editors.csrf(alice.get("/admin/people/stalin/link").body());
            String summary = "Bea's correction, saved while Alice linked the record, round " + round + ".";
            HttpResponse<String> linked = whileASaveIsUnderWay(id, summary, () -> alice.post("/admin/people/stalin/link",
                    List.of(Map.entry("csrf", csrf), Map.entry("document", String.valueOf(id)))));
            assertEquals(303, linked.statusCode(), linked.body());
            assertEquals(summary, summary(id), "bea's save is kept");
            assertEquals(List.of(database.personId("stalin")), peopleOf(id), "and the link made after it");
            assertEquals(3, version(id));
            assertHistoryWhole(id);
        }
    }

    @Test
    void mergingAPersonWhileAnEditorSavesOneOfItsRecordsKeepsTheSaveAndMovesTheLink() throws Exception {
        for (int round = 0; round < 3; round++) {
            String name = "Merged Clerk " + (char) ('A' + round);
            String key = "merged-clerk-" + (char) ('a' + round);
            FormFields person = FormFields.at(alice, "/admin/people/new", "form.authority-form");
            HttpResponse<String> made = alice.post("/admin/people/new", person.set("name", name).set("kind", "person")
                    .set("note", "A clerk to merge").entries());
            assertEquals(303, made.statusCode(), made.body());
            int id = recordNaming(name, "Note of round " + round + " to");
            String csrf = Editors.csrf(alice.get("/admin/people/" + key + "/link").body());
            assertEquals(303, alice.post("/admin/people/" + key + "/link",
                    List.of(Map.entry("csrf", csrf), Map.entry("document", String.valueOf(id)))).statusCode());
            assertEquals(List.of(database.personId(key)), peopleOf(id));
            FormFields merge = FormFields.at(alice, "/admin/people/" + key + "/merge", "form.merge-form");
            String summary = "Bea's correction, saved while Alice merged its person, round " + round + ".";
            HttpResponse<String> merged = whileASaveIsUnderWay(id, summary, () -> alice.post("/admin/people/" + key + "/merge",
                    merge.set("survivor", "stalin").set("note", "The same man").entries()));
            assertEquals(303, merged.statusCode(), merged.body());
            assertEquals(summary, summary(id), "bea's save is kept");
            assertEquals(List.of(database.personId("stalin")), peopleOf(id), "and the link moved after it");
            assertHistoryWhole(id);
        }
    }

    /**
     * The editor merging saw the one merged away at a version, never the survivor: a save of the
     * survivor meanwhile is merged into, not refused, and so is one made while the merge is undone.
     * On PostgreSQL each checked the survivor's version as read before that save committed, and said
     * someone had changed it (409).
     */
    @Test
    void aMergeAndItsUndoingWhileAnEditorSavesTheSurvivorAreDoneAndKeepTheSave() throws Exception {
        makePerson("Clerk Kept", "A clerk who stays");
        makePerson("Clerk Given Back", "Thought the same clerk");
        FormFields merge = FormFields.at(alice, "/admin/people/clerk-given-back/merge", "form.merge-form")
                .set("survivor", "clerk-kept").set("note", "The same clerk");
        String saved = "Bea's note, saved while Alice merged another into him.";
        HttpResponse<String> merged = whileAPersonsSaveIsUnderWay("clerk-kept", saved,
                () -> alice.post("/admin/people/clerk-given-back/merge", merge.entries()));
        assertEquals(303, merged.statusCode(), merged.body());
        assertEquals(saved, person("clerk-kept").content().description(), "bea's save is kept");
        assertEquals(List.of("Clerk Given Back"), person("clerk-kept").content().aliases().stream()
                .map(AuthorityContent.Alias::name).toList(), "and the merge made after it");
        assertEquals("clerk-kept", person("clerk-given-back").mergedInto());

        FormFields undo = FormFields.at(alice, "/people/clerk-given-back/history/1", "form.restore-form")
                .set("note", "Not the same clerk");
        String savedAgain = "Bea's note, saved while Alice undid the merge.";
        HttpResponse<String> undone = whileAPersonsSaveIsUnderWay("clerk-kept", savedAgain,
                () -> alice.post("/admin/people/clerk-given-back/restore", undo.entries()));
        assertEquals(303, undone.statusCode(), undone.body());
        assertEquals(savedAgain, person("clerk-kept").content().description(), "bea's save is kept");
        assertEquals(List.of(), person("clerk-kept").content().aliases(), "and the form the merge brought is given back after it");
        assertEquals(null, person("clerk-given-back").mergedInto());
        assertEquals(5, person("clerk-kept").version(), "made, saved by bea, merged into, saved by bea, merge undone");
    }

    private static void makePerson(String name, String note) {
        FormFields person = FormFields.at(alice, "/admin/people/new", "form.authority-form");
        HttpResponse<String> made = alice.post("/admin/people/new", person.set("name", name).set("kind", "person")
                .set("note", note).entries());
        assertEquals(303, made.statusCode(), made.body());
    }

    private static StoredAuthority person(String key) {
        return new AuthorityRecords(database.dsl()).find(AuthorityKind.PERSON, key).orElseThrow();
    }

    @Test
    void withdrawingARecordWhileAnotherEditorSavesItOneWinsAndTheOtherIsToldNothingWasChanged() throws Exception {
        int id = recordNaming("Molotov", "Record withdrawn and edited at once, to");
        for (int round = 0; round < ROUNDS; round++) {
            int opened = version(id);
            FormFields edit = editForm(alice, id);
            FormFields withdraw = FormFields.at(bea, "/admin/documents/" + id + "/withdraw", "form.stacked-form");
            String text = "Alice's summary while Bea withdrew it, round " + round + ".";
            List<HttpResponse<String>> answers = atOnce(
                    () -> alice.post("/admin/documents/" + id + "/edit", edit.set("summary", text).set("note", "Edit").entries()),
                    () -> bea.post("/admin/documents/" + id + "/withdraw", withdraw.set("reason", "A duplicate").entries()));
            List<Integer> codes = statuses(answers);
            assertTrue(codes.equals(List.of(303, 409)) || codes.equals(List.of(409, 303)), "round " + round + ": " + codes);
            assertEquals(opened + 1, version(id));
            boolean edited = codes.get(0) == 303;
            Document refused = Jsoup.parse(answers.get(edited ? 1 : 0).body());
            if (edited) {
                assertEquals(text, summary(id));
                assertEquals("A duplicate", refused.selectFirst("textarea[name=reason], input[name=reason]").val(),
                        "the reason typed is kept");
            } else {
                assertEquals(text, refused.selectFirst("form.record-form textarea[name=summary]").wholeText());
                // Back in the catalogue for the next round.
                FormFields reinstate = FormFields.at(bea, "/admin/documents/" + id + "/withdraw", "form.stacked-form");
                assertEquals(303, bea.post("/admin/documents/" + id + "/reinstate", reinstate.set("note", "Back").entries())
                        .statusCode());
            }
        }
        assertHistoryWhole(id);
    }

    @Test
    void restoringAVersionWhileAnotherEditorSavesOneWinsAndTheOtherIsRefused() throws Exception {
        int id = recordNaming("Molotov", "Record restored and edited at once, to");
        for (int round = 0; round < ROUNDS; round++) {
            // Saying something else than version 1 first, so that restoring it changes the record.
            assertEquals(303, alice.post("/admin/documents/" + id + "/edit", editForm(alice, id)
                    .set("summary", "Before round " + round + ".").set("note", "Before").entries()).statusCode());
            int opened = version(id);
            FormFields edit = editForm(alice, id);
            FormFields restore = FormFields.at(bea, "/documents/" + id + "/history/1", "form.restore-form")
                    .set("note", "Restored, round " + round);
            String text = "Alice's summary while Bea restored the first version, round " + round + ".";
            List<HttpResponse<String>> answers = atOnce(
                    () -> alice.post("/admin/documents/" + id + "/edit", edit.set("summary", text).set("note", "Edit").entries()),
                    () -> bea.post("/admin/documents/" + id + "/restore", restore.entries()));
            List<Integer> codes = statuses(answers);
            assertTrue(codes.equals(List.of(303, 409)) || codes.equals(List.of(409, 303)), "round " + round + ": " + codes);
            assertEquals(opened + 1, version(id));
            boolean edited = codes.get(0) == 303;
            assertEquals(edited ? text : "A record naming Molotov that links no one yet.", summary(id));
            if (edited) {
                assertEquals("Restored, round " + round, Jsoup.parse(answers.get(1).body()).selectFirst("form.restore-form textarea[name=note], form.restore-form input[name=note]").val());
            } else {
                assertEquals(text, Jsoup.parse(answers.get(0).body()).selectFirst("form.record-form textarea[name=summary]").wholeText());
            }
        }
        assertHistoryWhole(id);
    }

    @Test
    void manyEditorsSavingDifferentRecordsAtOnceAreAllSaved() throws Exception {
        int writers = 24;
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            ids.add(recordNaming("Molotov", "Record " + i + " of a burst of saves, to"));
        }
        // A session each, signed in once: each round is the same 24 editors saving at once.
        List<Http> editors = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            editors.add(Editors.signIn(catalogue.http().anotherVisitor(), i % 2 == 0 ? "alice" : "bea"));
        }
        for (int round = 0; round < 3; round++) {
            List<Callable<HttpResponse<String>>> saves = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                int id = ids.get(i);
                Http editor = editors.get(i);
                FormFields form = editForm(editor, id);
                String text = "Saved in burst " + round + " by writer " + i + ".";
                saves.add(() -> editor.post("/admin/documents/" + id + "/edit", form.set("summary", text)
                        .set("note", "Burst").entries()));
            }
            List<HttpResponse<String>> answers = atOnce(saves);
            for (int i = 0; i < writers; i++) {
                assertEquals(303, answers.get(i).statusCode(), "writer " + i + ": " + answers.get(i).body());
                assertEquals("Saved in burst " + round + " by writer " + i + ".", summary(ids.get(i)));
            }
        }
        ids.forEach(EditorsAtOnceTest::assertHistoryWhole);
    }

    /**
     * Both editors change every field from one version but the type, the lists differently: the one
     * refused sees each of the other's changes in "what changed since", the other's values beside,
     * every one of their own fields as they sent it (ticks, roles, order, escaped text), the other's
     * type, which they left alone, and in each list what either added. Saving the merge after a
     * third editor saved is refused again, overwriting nothing.
     */
    @Test
    void theMergeScreenShowsEachFieldTheOtherChangedKeepsEachOfMineAndRefusesAgainAfterAThirdSave() throws Exception {
        int id = recordNaming("Molotov", "Record merged field by field, to");
        String page = alice.get("/admin/documents/" + id + "/edit").body();
        String stalin = FormFields.choiceId(page, "person", "Joseph Stalin");
        String molotov = FormFields.choiceId(page, "person", "Vyacheslav Molotov");
        String korea = FormFields.choiceId(page, "place", "Korea");
        String china = FormFields.choiceId(page, "place", "China");
        String type = Jsoup.parse(page).select("select[name=type] option").stream().filter(o -> o.text().equals("Telegram"))
                .findFirst().orElseThrow().val();
        FormFields aliceForm = FormFields.of(page, "form.record-form");
        FormFields beaForm = editForm(bea, id);

        // Bea: Molotov the author, Stalin the recipient, Korea, a telegram in Russian.
        HttpResponse<String> beaSaved = bea.post("/admin/documents/" + id + "/edit", beaForm
                .set("title", "Bea's title").set("date", "May 10, 1950").set("summary", "Bea's summary.")
                .set("type", type).set("languages", "Russian")
                .add("person", molotov).set("role-" + molotov, "author").set("order-" + molotov, "1")
                .add("person", stalin).set("role-" + stalin, "recipient").set("order-" + stalin, "2")
                .add("place", korea).set("note", "Bea's correction").entries());
        assertEquals(303, beaSaved.statusCode(), beaSaved.body());

        // Alice, from the same version: Stalin the author, then Molotov mentioned; China; Chinese.
        String aliceTitle = "Alice's <title> & \"quotes\"";
        HttpResponse<String> refused = alice.post("/admin/documents/" + id + "/edit", aliceForm
                .set("title", aliceTitle).set("date", "1951").set("summary", "Alice's <b>summary</b>.")
                .set("languages", "Chinese")
                .add("person", stalin).set("role-" + stalin, "author").set("order-" + stalin, "1")
                .add("person", molotov).set("role-" + molotov, "mentioned").set("order-" + molotov, "2")
                .add("place", china).set("note", "Alice's correction").entries());
        assertEquals(409, refused.statusCode(), refused.body());
        Document merge = Jsoup.parse(refused.body());
        List<String> changed = merge.select(".since-opened dt").eachText();
        assertEquals(List.of("Title", "Date", "Type", "Languages", "People", "Places", "Summary"), changed);
        String saved = merge.selectFirst(".saved-version").text();
        for (String beas : List.of("Bea's title", "May 10, 1950", "Telegram", "Russian", "Vyacheslav Molotov (author); Joseph Stalin (recipient)",
                "Korea", "Bea's summary.")) {
            assertTrue(saved.contains(beas), beas + " in " + saved);
        }
        FormFields mine = FormFields.of(refused.body(), "form.record-form");
        assertEquals(aliceTitle, mine.get("title"));
        assertEquals("1951", mine.get("date"));
        assertEquals("Alice's <b>summary</b>.", mine.get("summary"));
        assertEquals(type, mine.get("type"), "Bea's type: Alice left it as it was");
        assertEquals("Chinese, Russian", mine.get("languages"), "what each added");
        assertEquals(List.of(stalin, molotov).stream().sorted().toList(), mine.all("person").stream().sorted().toList());
        assertEquals("author", mine.get("role-" + stalin));
        assertEquals("mentioned", mine.get("role-" + molotov));
        assertEquals("1", mine.get("order-" + stalin));
        assertEquals("2", mine.get("order-" + molotov));
        assertEquals(List.of(china, korea).stream().sorted().toList(), mine.all("place").stream().sorted().toList());
        assertEquals("Alice's correction", mine.get("note"));
        assertTrue(refused.body().contains("Alice&#39;s &lt;title&gt; &amp; &quot;quotes&quot;")
                || refused.body().contains("Alice's &lt;title&gt; &amp; &quot;quotes&quot;"), "her title, escaped");
        assertEquals(String.valueOf(version(id)), mine.get("version"));

        // Carol (bea again, from a fresh form) saves before Alice sends her merge: refused again.
        assertEquals(303, bea.post("/admin/documents/" + id + "/edit", editForm(bea, id).set("summary", "A third save.")
                .set("note", "Third").entries()).statusCode());
        int third = version(id);
        HttpResponse<String> again = alice.post("/admin/documents/" + id + "/edit", mine.set("type", type)
                .set("note", "Merged with Bea's").entries());
        assertEquals(409, again.statusCode(), again.body());
        assertEquals(third, version(id), "the third save stands");
        assertEquals("A third save.", summary(id));
        Document second = Jsoup.parse(again.body());
        assertEquals(List.of("Summary"), second.select(".since-opened dt").eachText(), "only what the third save changed");
        assertEquals("Alice's <b>summary</b>.", FormFields.of(again.body(), "form.record-form").get("summary"));
        assertHistoryWhole(id);
    }

    @Test
    void aSpanTheOtherEditorSavedIsKeptThroughTheMergeScreen() {
        int id = catalogue.recordTitled("Joseph V. Stalin to Ja'far Pishevari");
        FormFields aliceForm = editForm(alice, id);
        assertEquals(303, bea.post("/admin/documents/" + id + "/edit", editForm(bea, id)
                .set("date", "3-5 June 1946").set("note", "Bea: the letter was written over three days").entries())
                .statusCode());

        // Alice, from the version before, corrects the summary only: the merge screen keeps Bea's span.
        HttpResponse<String> refused = alice.post("/admin/documents/" + id + "/edit", aliceForm
                .set("summary", "Alice's summary.").set("note", "Alice's correction").entries());
        assertEquals(409, refused.statusCode(), refused.body());
        FormFields mine = FormFields.of(refused.body(), "form.record-form");
        assertEquals("June 3\u20135, 1946", mine.get("date"), "Bea's span, as the form writes it");
        assertEquals(303, alice.post("/admin/documents/" + id + "/edit", mine.set("note", "Merged with Bea's").entries())
                .statusCode());
        var row = database.dsl().selectFrom(DOCUMENT).where(DOCUMENT.ID.eq(id)).fetchSingle();
        assertEquals("1946-06-03", row.getDateKey());
        assertEquals("1946-06-05", row.getDateEndKey());
        assertEquals("Alice's summary.", row.getSummary());
        assertHistoryWhole(id);
    }

    /**
     * A double click on Save sends the form twice, and the browser shows the second answer: it was the
     * conflict page, saying that the editor had saved in between, as if someone else had. A form
     * whose text the record says now goes to the record, as saved; only one version is written.
     */
    @Test
    void theSameEditFormSentTwiceAtOnceIsOneSaveAndBothGoToTheRecord() throws Exception {
        int id = recordNaming("Molotov", "Record saved with a double click, to");
        for (int round = 0; round < ROUNDS; round++) {
            int opened = version(id);
            FormFields form = editForm(alice, id).set("summary", "Saved with a double click, round " + round + ".")
                    .set("note", "Double click");
            List<HttpResponse<String>> answers = atOnce(
                    () -> alice.post("/admin/documents/" + id + "/edit", form.entries()),
                    () -> alice.post("/admin/documents/" + id + "/edit", form.entries()));
            assertEquals(List.of(303, 303), statuses(answers), "round " + round + ": " + answers.get(0).body() + answers.get(1).body());
            assertEquals(answers.get(0).headers().firstValue("Location"), answers.get(1).headers().firstValue("Location"));
            assertTrue(answers.get(0).headers().firstValue("Location").orElseThrow().endsWith("?saved=" + (opened + 1)));
            assertEquals(opened + 1, version(id), "one save");
        }
        assertHistoryWhole(id);
    }

    /** The same for a person's form: a double click on Save was the conflict page naming the editor. */
    @Test
    void thePersonFormSentTwiceAtOnceIsOneSaveAndBothGoOn() throws Exception {
        FormFields person = FormFields.at(alice, "/admin/people/new", "form.authority-form");
        assertEquals(303, alice.post("/admin/people/new", person.set("name", "Clerk Saved Twice").set("kind", "person")
                .set("note", "A clerk").entries()).statusCode());
        for (int round = 0; round < ROUNDS; round++) {
            FormFields form = FormFields.at(alice, "/admin/people/clerk-saved-twice/edit", "form.authority-form")
                    .set("description", "Described with a double click, round " + round + ".").set("note", "Double click");
            List<HttpResponse<String>> answers = atOnce(
                    () -> alice.post("/admin/people/clerk-saved-twice/edit", form.entries()),
                    () -> alice.post("/admin/people/clerk-saved-twice/edit", form.entries()));
            assertEquals(List.of(303, 303), statuses(answers), "round " + round + ": " + answers.get(0).body() + answers.get(1).body());
            assertEquals(answers.get(0).headers().firstValue("Location"), answers.get(1).headers().firstValue("Location"));
        }
        assertEquals(ROUNDS + 1, database.dsl().select(PERSON.VERSION).from(PERSON).where(PERSON.KEY.eq("clerk-saved-twice"))
                .fetchSingle(PERSON.VERSION), "one version a round");
    }

    /**
     * A double click on Withdraw, on Reinstate, on Restore: the second answer, the one the browser
     * shows, said that someone had changed the record meanwhile, or that it was withdrawn already.
     * Each goes on as done; each is done once.
     */
    @Test
    void aWithdrawalAReinstatementAndARestoreSentTwiceAtOnceAreEachDoneOnceAndGoOn() throws Exception {
        int id = recordNaming("Molotov", "Record withdrawn with a double click, to");
        assertEquals(303, alice.post("/admin/documents/" + id + "/edit", editForm(alice, id)
                .set("summary", "A second version.").set("note", "Second").entries()).statusCode());
        for (int round = 0; round < ROUNDS; round++) {
            int opened = version(id);
            FormFields withdraw = FormFields.at(alice, "/admin/documents/" + id + "/withdraw", "form.stacked-form")
                    .set("reason", "A duplicate, round " + round);
            List<HttpResponse<String>> withdrawn = atOnce(
                    () -> alice.post("/admin/documents/" + id + "/withdraw", withdraw.entries()),
                    () -> alice.post("/admin/documents/" + id + "/withdraw", withdraw.entries()));
            assertEquals(List.of(303, 303), statuses(withdrawn), "withdrawn, round " + round + ": "
                    + withdrawn.get(0).body() + withdrawn.get(1).body());
            assertEquals(opened + 1, version(id));

            FormFields reinstate = FormFields.at(alice, "/admin/documents/" + id + "/withdraw", "form.stacked-form")
                    .set("note", "Back, round " + round);
            List<HttpResponse<String>> back = atOnce(
                    () -> alice.post("/admin/documents/" + id + "/reinstate", reinstate.entries()),
                    () -> alice.post("/admin/documents/" + id + "/reinstate", reinstate.entries()));
            assertEquals(List.of(303, 303), statuses(back), "reinstated, round " + round + ": "
                    + back.get(0).body() + back.get(1).body());
            assertEquals(opened + 2, version(id));

            int version = round % 2 == 0 ? 1 : 2;
            FormFields restore = FormFields.at(alice, "/documents/" + id + "/history/" + version, "form.restore-form");
            List<HttpResponse<String>> restored = atOnce(
                    () -> alice.post("/admin/documents/" + id + "/restore", restore.entries()),
                    () -> alice.post("/admin/documents/" + id + "/restore", restore.entries()));
            assertEquals(List.of(303, 303), statuses(restored), "restored, round " + round + ": "
                    + restored.get(0).body() + restored.get(1).body());
            assertEquals(opened + 3, version(id));
        }
        assertHistoryWhole(id);
    }

    /**
     * PostgreSQL stops one of two writes that wait for each other (a deadlock: here each holds one
     * record and wants the other's, as two merges of one pair in opposite directions can). The one
     * stopped is told that it met another change, to send it again: it was told that an import was
     * probably running, with half a minute to wait.
     */
    @Test
    void twoWritesWaitingForEachOtherAreToldTheyMetNotThatAnImportRuns() throws Exception {
        assumeTrue(database.dsl().dialect().family() == SQLDialect.POSTGRES, "SQLite's writers take turns: none waits holding a row");
        int first = recordNaming("Molotov", "First of two records locked crosswise, to");
        int second = recordNaming("Molotov", "Second of two records locked crosswise, to");
        CyclicBarrier eachHoldsOne = new CyclicBarrier(2);
        RecordStore store = new RecordStore(database.dsl(), Clock.systemUTC());
        List<Future<Void>> writes = new ArrayList<>();
        for (int[] order : List.of(new int[] {first, second}, new int[] {second, first})) {
            writes.add(pool.submit(() -> store.write((records, tx) -> {
                tx.update(DOCUMENT).set(DOCUMENT.TITLE, DOCUMENT.TITLE).where(DOCUMENT.ID.eq(order[0])).execute();
                try {
                    eachHoldsOne.await(60, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                tx.update(DOCUMENT).set(DOCUMENT.TITLE, DOCUMENT.TITLE).where(DOCUMENT.ID.eq(order[1])).execute();
                return null;
            })));
        }
        List<Throwable> stopped = new ArrayList<>();
        for (Future<Void> write : writes) {
            try {
                write.get(60, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                stopped.add(e.getCause());
            }
        }
        assertEquals(1, stopped.size(), "one of the two is stopped: " + stopped);
        WriteUnavailable told = WriteUnavailable.of(stopped.get(0)).orElseThrow(() -> new AssertionError(stopped.get(0)));
        assertTrue(told.getMessage().contains("met another made at the same moment"), told.getMessage());
        assertFalse(told.getMessage().contains("import"), told.getMessage());
        assertEquals(2, told.retryAfterSeconds());
    }

    /** A rename stamps every record linked to the name; a save of one of them at that instant is kept, and so is the rename. */
    @Test
    void renamingAPersonWhileAnEditorSavesOneOfItsRecordsKeepsBoth() throws Exception {
        FormFields person = FormFields.at(alice, "/admin/people/new", "form.authority-form");
        assertEquals(303, alice.post("/admin/people/new", person.set("name", "Renamed Clerk").set("kind", "person")
                .set("note", "A clerk to rename").entries()).statusCode());
        int id = recordNaming("Renamed Clerk", "Record of a clerk renamed while it is edited, to");
        String csrf = Editors.csrf(alice.get("/admin/people/renamed-clerk/link").body());
        assertEquals(303, alice.post("/admin/people/renamed-clerk/link",
                List.of(Map.entry("csrf", csrf), Map.entry("document", String.valueOf(id)))).statusCode());
        for (int round = 0; round < ROUNDS; round++) {
            int opened = version(id);
            FormFields edit = editForm(alice, id).set("summary", "Saved while the clerk was renamed, round " + round + ".")
                    .set("note", "Edit");
            FormFields rename = FormFields.at(bea, "/admin/people/renamed-clerk/edit", "form.authority-form")
                    .set("name", "Renamed Clerk " + round).set("note", "Rename " + round);
            List<HttpResponse<String>> answers = atOnce(
                    () -> alice.post("/admin/documents/" + id + "/edit", edit.entries()),
                    () -> bea.post("/admin/people/renamed-clerk/edit", rename.entries()));
            assertEquals(List.of(303, 303), statuses(answers), "round " + round + ": " + answers.get(0).body() + answers.get(1).body());
            assertEquals(opened + 1, version(id), "the rename writes no version of the record");
            assertEquals("Saved while the clerk was renamed, round " + round + ".", summary(id));
            assertEquals("Renamed Clerk " + round, database.dsl().select(PERSON.NAME).from(PERSON)
                    .where(PERSON.KEY.eq("renamed-clerk")).fetchSingle(PERSON.NAME));
        }
        assertEquals(List.of(database.personId("renamed-clerk")), peopleOf(id));
        assertHistoryWhole(id);
    }

    /**
     * A double click on Merge said "Nothing was merged" (it was merged already, or changed meanwhile)
     * on the answer the browser shows, and a double click on restoring its version from before the
     * merge said someone had changed it: each goes on as done, once.
     */
    @Test
    void anUndoingOfAMergeSentAgainAfterTheFirstWasDoneGoesOnAsDone() {
        FormFields person = FormFields.at(alice, "/admin/people/new", "form.authority-form");
        assertEquals(303, alice.post("/admin/people/new", person.set("name", "Clerk Undone Twice").set("kind", "person")
                .set("note", "A clerk").entries()).statusCode());
        FormFields merge = FormFields.at(alice, "/admin/people/clerk-undone-twice/merge", "form.merge-form")
                .set("survivor", "stalin").set("note", "The same man");
        assertEquals(303, alice.post("/admin/people/clerk-undone-twice/merge", merge.entries()).statusCode());
        FormFields undo = FormFields.at(alice, "/people/clerk-undone-twice/history/1", "form.restore-form")
                .set("note", "Not the same man");
        assertEquals(303, alice.post("/admin/people/clerk-undone-twice/restore", undo.entries()).statusCode());

        // The second sending of a double click arrives once the first has undone the merge: its page
        // was opened while merged, and it said 409 "someone changed this person" (the note compared
        // was the one it would write had the entry not been merged).
        HttpResponse<String> again = alice.post("/admin/people/clerk-undone-twice/restore", undo.entries());
        assertEquals(303, again.statusCode(), again.body());
        assertEquals(3, database.dsl().select(PERSON.VERSION).from(PERSON).where(PERSON.KEY.eq("clerk-undone-twice"))
                .fetchSingle(PERSON.VERSION), "made, merged, undone once");
    }

    @Test
    void aMergeAndItsUndoingSentTwiceAtOnceAreEachDoneOnceAndGoOn() throws Exception {
        FormFields person = FormFields.at(alice, "/admin/people/new", "form.authority-form");
        assertEquals(303, alice.post("/admin/people/new", person.set("name", "Clerk Merged Twice").set("kind", "person")
                .set("note", "A clerk").entries()).statusCode());
        for (int round = 0; round < 3; round++) {
            FormFields merge = FormFields.at(alice, "/admin/people/clerk-merged-twice/merge", "form.merge-form")
                    .set("survivor", "stalin").set("note", "The same man, round " + round);
            List<HttpResponse<String>> merged = atOnce(
                    () -> alice.post("/admin/people/clerk-merged-twice/merge", merge.entries()),
                    () -> alice.post("/admin/people/clerk-merged-twice/merge", merge.entries()));
            assertEquals(List.of(303, 303), statuses(merged), "merged, round " + round + ": "
                    + merged.get(0).body() + merged.get(1).body());
            assertEquals(List.of("/people/stalin", "/people/stalin"),
                    merged.stream().map(m -> m.headers().firstValue("Location").orElseThrow()).toList());

            FormFields undo = FormFields.at(alice, "/people/clerk-merged-twice/history/1", "form.restore-form").set("note", "Not the same man, round " + round);
            List<HttpResponse<String>> undone = atOnce(
                    () -> alice.post("/admin/people/clerk-merged-twice/restore", undo.entries()),
                    () -> alice.post("/admin/people/clerk-merged-twice/restore", undo.entries()));
            assertEquals(List.of(303, 303), statuses(undone), "undone, round " + round + ": "
                    + undone.get(0).body() + undone.get(1).body());
        }
        assertEquals(7, database.dsl().select(PERSON.VERSION).from(PERSON).where(PERSON.KEY.eq("clerk-merged-twice"))
                .fetchSingle(PERSON.VERSION), "made, then merged and undone once a round");
    }
}
