package org.dossier.editing;

import static org.dossier.db.Tables.ACCOUNT;
import static org.dossier.db.Tables.ACCOUNT_SESSION;
import static org.dossier.db.Tables.DOCUMENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.dossier.accounts.Role;
import org.dossier.app.Database;
import org.dossier.app.WriteWait;
import org.dossier.documents.RecordStore;
import org.dossier.importing.ImportReport;
import org.dossier.importing.ImportRun;
import org.dossier.testing.CatalogueDatabase;
import org.dossier.testing.Http;
import org.dossier.testing.SeededCatalogue;
import org.dossier.testing.TestCatalogue;
import org.dossier.testing.TestPostgres;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.dossier.testing.Latches;
import org.dossier.testing.Logged;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * An import beside the live site: it writes in one transaction, so a save or a sign-in that meets it
 * waits for its commit and then goes through; one that cannot get through in a few seconds gets a
 * 503 page that keeps everything typed, never a bare 500. Reads never wait.
 */
@org.junit.jupiter.api.parallel.ResourceLock(LockWaits.PARKED_IN_SQLITE)
class WritesBesideAnImportTest {

    /**
     * Entries in the import. It stops at its last entry, its transaction open, until the save and
     * the sign-in have met it: what is left then (sending the last rows, the commit) takes well
     * under the server's 5 s wait even on a busy machine, so they go through rather than get a 503.
     */
    private static final int LARGE = 500;

    @RegisterExtension
    static final SeededCatalogue catalogue = SeededCatalogue.ownedByTheClass();

    private static final Http alice = Editors.signedIn(catalogue, "alice", Role.EDITOR);

    /**
     * A second node on the catalogue's database whose writes wait a second for another writer, not the
     * server's 5 s, and alice signed in there: the writes that must meet a held write and give up go to
     * it, and come back after that second (at 5 s each, four of them, five on PostgreSQL, took 20-25 s).
     * The class's catalogue keeps the 5 s, which a save that meets a running import must outlast.
     */
    private static final WriteWait SHORT_WAIT = WriteWait.parse("1s");
    /**
     * How long the second node's /ready answers what it read of the migrations again unasked (5 s on a
     * node): a reading made beside a held write is what the test of readiness needs, which waited 6 s
     * for one.
     */
    private static final Duration SHORT_MEMORY = Duration.ofSeconds(1);
    private static TestCatalogue impatient;
    private static Http aliceOnTheImpatientNode;

    @TempDir
    static Path seeds;

    @BeforeAll
    static void start() throws Exception {
        Editors.add(catalogue, "bea", Role.EDITOR);
        writeLargeSeedPage(seeds.resolve("large.txt"), LARGE);
        impatient = catalogue.anotherNodeWaiting(SHORT_WAIT, SHORT_MEMORY);
        catalogue.closeBeforeStopping(impatient);
        aliceOnTheImpatientNode = Editors.signIn(impatient, "alice");
    }

    /** A seed page of {@code count} distinct documents, in the archive's export format. */
    private static void writeLargeSeedPage(Path file, int count) throws Exception {
        StringBuilder page = new StringBuilder("Skip to content\n\n\n1 - " + count + " of " + count + "\n\n\nDocuments\n\n");
        DateTimeFormatter day = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.ENGLISH);
        for (int i = 0; i < count; i++) {
            page.append(LocalDate.of(1945, 1, 1).plusDays(i % 15_000).format(day)).append("\n\n")
                    .append("Telegram number ").append(i).append(" from Moscow to Pyongyang\n\n")
                    .append("The ambassador reports on meeting ").append(i).append(" with Kim Il Sung.\n\n");
        }
        Files.writeString(file, page, StandardCharsets.UTF_8);
    }

    private static FormFields editForm(Http editor, int id) {
        return FormFields.at(editor, "/admin/documents/" + id + "/edit", "form.record-form");
    }

    @Test
    void aSaveAndASignInThatMeetARunningImportGoThroughOnceItCommits() throws Exception {
        int id = catalogue.recordTitled("(via Shtytkov)");
        FormFields form = editForm(alice, id);
        CountDownLatch underWay = new CountDownLatch(1);
        CountDownLatch goOn = new CountDownLatch(1);
        CompletableFuture<ImportReport> importing = CompletableFuture.supplyAsync(() -> {
            // The import command's own connection, as from another process.
            try (Database db = Database.open(catalogue.database())) {
                return new ImportRun(new RecordStore(db.dsl(), Clock.systemUTC()), Clock.systemUTC())
                        .run(List.of(seeds), (done, total) -> {
                            if (done == LARGE) {
                                underWay.countDown();
                                Latches.await(goOn, java.time.Duration.ofSeconds(60), "the test to let the import go on");
                            }
                        });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            assertTrue(underWay.await(60, TimeUnit.SECONDS), "the import got under way");
            assertEquals(200, catalogue.http().get("/search?q=telegram").statusCode(), "reads do not wait for the import");
            CompletableFuture<HttpResponse<String>> saving = CompletableFuture.supplyAsync(() -> alice.post(
                    "/admin/documents/" + id + "/edit", form
                            .set("title", "Letter from Feng Xi (Stalin) to Kim Il Sung, saved during an import")
                            .set("note", "Saved while an import ran").entries()));
            CompletableFuture<Http> signingIn = CompletableFuture.supplyAsync(() -> Editors.signIn(catalogue, "bea"));
            // Both meet the import's open transaction (on SQLite they wait for its lock; on PostgreSQL
            // they touch nothing it holds), and it then goes on to its commit.
            Thread.sleep(500);
            goOn.countDown();

            HttpResponse<String> saved = saving.get(60, TimeUnit.SECONDS);
            assertEquals(303, saved.statusCode(), saved.body());
            assertEquals(200, signingIn.get(60, TimeUnit.SECONDS).get("/admin").statusCode());
            ImportReport report = importing.get(10, TimeUnit.MINUTES);
            assertEquals(LARGE, report.created());
            try (CatalogueDatabase database = CatalogueDatabase.of(catalogue)) {
                assertEquals(49 + LARGE, database.dsl().fetchCount(DOCUMENT));
                assertEquals("Letter from Feng Xi (Stalin) to Kim Il Sung, saved during an import",
                        database.dsl().select(DOCUMENT.TITLE).from(DOCUMENT).where(DOCUMENT.ID.eq(id)).fetchSingle(DOCUMENT.TITLE));
            }
        } finally {
            goOn.countDown();
        }
    }

    @Test
    void aSaveThatCannotGetThroughInAFewSecondsGetsA503ThatKeepsEverythingTyped() throws Exception {
        int id = catalogue.recordTitled("Lee Chang-chen");
        Http editor = aliceOnTheImpatientNode;
        FormFields form = editForm(editor, id);
        String typedTitle = "A title typed while the database was held, with <b>markup</b> & more";
        String typedNote = "A note the editor must not lose";

        try (HeldWrite held = holdWriting(id)) {
            assertEquals(200, catalogue.http().get("/").statusCode(), "reads do not wait for a writer");
            assertEquals(200, editor.get("/admin").statusCode(), "nor do a signed-in editor's");

            HttpResponse<String> refused = editor.post("/admin/documents/" + id + "/edit", form
                    .set("title", typedTitle).set("note", typedNote).entries());
            assertEquals(503, refused.statusCode(), refused.body());
            assertEquals("30", refused.headers().firstValue("Retry-After").orElse(""));
            Document page = Jsoup.parse(refused.body());
            assertNotNull(page.selectFirst("form.record-form"), "the form comes back");
            FormFields kept = FormFields.of(refused.body(), "form.record-form");
            assertEquals(typedTitle, kept.get("title"));
            assertEquals(typedNote, kept.get("note"));
            assertTrue(page.selectFirst(".notice").text().contains("busy"), page.selectFirst(".notice").text());
            held.assertStillHeld();
        }
        HttpResponse<String> again = editor.post("/admin/documents/" + id + "/edit", form
                .set("title", typedTitle).set("note", typedNote).entries());
        assertEquals(303, again.statusCode(), "the same form goes through once the writer is done");
    }

    /**
     * An editor whose session is due to be kept alive reads pages beside a long write (on SQLite an
     * import's write lock): each is served as it is, the session used as it stands (keeping it alive
     * is a write, and waited the server's 5 s write wait for the lock before every page), and the
     * first page after the writer is done keeps it alive. SessionsTest shows it no longer waits.
     */
    @Test
    void anEditorReadsPagesBesideALongWriteAndTheSessionIsKeptAliveOnceItIsDone() throws Exception {
        int id = catalogue.recordTitled("Concentering the Situation on Taiwan");
        Editors.add(catalogue, "cleo", Role.EDITOR);
        Http cleo = Editors.signIn(catalogue, "cleo");
        Instant longAgo = Instant.now().minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS);
        try (CatalogueDatabase database = CatalogueDatabase.of(catalogue)) {
            assertEquals(1, database.dsl().update(ACCOUNT_SESSION).set(ACCOUNT_SESSION.LAST_SEEN_AT, longAgo)
                    .where(ACCOUNT_SESSION.ACCOUNT_ID.eq(accountId(database, "cleo"))).execute());
        }
        try (HeldWrite held = holdWriting(id)) {
            HttpResponse<String> dashboard = cleo.get("/admin");
            assertEquals(200, dashboard.statusCode(), dashboard.body());
            assertEquals(200, cleo.get("/admin/documents/" + id + "/edit").statusCode());
            assertFalse(held.ended(), "served while the writer held the database");
            if (TestPostgres.selected()) {
                // The long write holds a record's row, and nothing the session's refresh needs.
                assertTrue(lastSeen("cleo").isAfter(longAgo), "kept alive at once");
            } else {
                assertEquals(longAgo, lastSeen("cleo"), "not kept alive while the import held the write lock");
            }
        }
        assertEquals(200, cleo.get("/admin").statusCode());
        assertTrue(lastSeen("cleo").isAfter(longAgo), "kept alive by the first page after the writer");
    }

    private static int accountId(CatalogueDatabase database, String username) {
        return database.dsl().select(ACCOUNT.ID).from(ACCOUNT).where(ACCOUNT.USERNAME.eq(username)).fetchSingle(ACCOUNT.ID);
    }

    private static Instant lastSeen(String username) {
        try (CatalogueDatabase database = CatalogueDatabase.of(catalogue)) {
            return database.dsl().select(ACCOUNT_SESSION.LAST_SEEN_AT).from(ACCOUNT_SESSION)
                    .where(ACCOUNT_SESSION.ACCOUNT_ID.eq(accountId(database, username))).fetchSingle(ACCOUNT_SESSION.LAST_SEEN_AT);
        }
    }

    /**
     * A withdrawal, a restore and a merge that cannot get through in a few seconds come back as their
     * forms with the reason or note typed and the choice made, 503 with Retry-After: each was the
     * bare busy page, and what was typed was gone.
     */
    @Test
    void aWithdrawalARestoreOrAMergeThatCannotGetThroughGetsA503ThatKeepsWhatWasTyped() throws Exception {
        int id = catalogue.recordTitled("Letter to Stalin from Korean Political Parties");
        Http editor = aliceOnTheImpatientNode;
        FormFields edit = editForm(editor, id);
        assertEquals(303, editor.post("/admin/documents/" + id + "/edit", edit.set("summary", "A second version to restore from.")
                .set("note", "A second version").entries()).statusCode());
        String linkedKey;
        try (CatalogueDatabase database = CatalogueDatabase.of(catalogue)) {
            linkedKey = database.dsl().select(org.dossier.db.Tables.PERSON.KEY).from(org.dossier.db.Tables.PERSON)
                    .join(org.dossier.db.Tables.DOCUMENT_PERSON).on(org.dossier.db.Tables.DOCUMENT_PERSON.PERSON_ID
                            .eq(org.dossier.db.Tables.PERSON.ID))
                    .where(org.dossier.db.Tables.DOCUMENT_PERSON.DOCUMENT_ID.eq(id))
                    .orderBy(org.dossier.db.Tables.PERSON.KEY).limit(1).fetchSingle(org.dossier.db.Tables.PERSON.KEY);
        }
        String survivor = linkedKey.equals("molotov") ? "stalin" : "molotov";
        FormFields withdraw = FormFields.at(editor, "/admin/documents/" + id + "/withdraw", "form.stacked-form")
                .set("reason", "Duplicate of <b>another</b> record & typed with care");
        FormFields restore = FormFields.at(editor, "/documents/" + id + "/history/1", "form.restore-form")
                .set("note", "Back to the first version, a note typed with care");
        FormFields merge = FormFields.at(editor, "/admin/people/" + linkedKey + "/merge", "form.merge-form")
                .set("survivor", survivor).set("note", "The same man, a note typed with care");

        try (HeldWrite held = holdWriting(id)) {
            HttpResponse<String> withdrawn = editor.post("/admin/documents/" + id + "/withdraw", withdraw.entries());
            assertEquals(503, withdrawn.statusCode(), withdrawn.body());
            assertTrue(withdrawn.headers().firstValue("Retry-After").isPresent());
            assertEquals(withdraw.get("reason"), FormFields.of(withdrawn.body(), "form.stacked-form").get("reason"));
            assertTrue(Jsoup.parse(withdrawn.body()).selectFirst(".form-problem").text().contains("busy"), withdrawn.body());

            HttpResponse<String> restored = editor.post("/admin/documents/" + id + "/restore", restore.entries());
            assertEquals(503, restored.statusCode(), restored.body());
            assertTrue(restored.headers().firstValue("Retry-After").isPresent());
            assertEquals(restore.get("note"), FormFields.of(restored.body(), "form.restore-form").get("note"));

            HttpResponse<String> merged = editor.post("/admin/people/" + linkedKey + "/merge", merge.entries());
            assertEquals(503, merged.statusCode(), merged.body());
            assertTrue(merged.headers().firstValue("Retry-After").isPresent());
            FormFields keptMerge = FormFields.of(merged.body(), "form.merge-form");
            assertEquals(survivor, keptMerge.get("survivor"));
            assertEquals(merge.get("note"), keptMerge.get("note"));
            assertTrue(Jsoup.parse(merged.body()).selectFirst(".notice").text().contains("busy"), merged.body());
            held.assertStillHeld();
        }
        assertEquals(200, catalogue.http().get("/people/" + linkedKey).statusCode(), "nothing was merged");
        HttpResponse<String> again = editor.post("/admin/documents/" + id + "/restore", restore.entries());
        assertEquals(303, again.statusCode(), "the same restore goes through once the writer is done: " + again.body());
    }

    /**
     * The other writes of an editor's forms that cannot get through in a few seconds: a new record, a
     * reinstatement, a new person, a person's save and restore come back as their forms with what was
     * typed, 503 with Retry-After; a link of ticked records is the busy page, 503 with Retry-After.
     * Nothing is written, and each goes through once the writer is done.
     */
    @Test
    void aNewRecordAReinstatementAPersonsFormsOrALinkThatCannotGetThroughGetsA503KeepingWhatWasTyped() throws Exception {
        Http editor = aliceOnTheImpatientNode;
        int withdrawnId = catalogue.recordTitled("Wang Ruofei");
        FormFields withdraw = FormFields.at(editor, "/admin/documents/" + withdrawnId + "/withdraw", "form.stacked-form");
        assertEquals(303, editor.post("/admin/documents/" + withdrawnId + "/withdraw",
                withdraw.set("reason", "Withdrawn to be reinstated").entries()).statusCode());
        FormFields person = FormFields.at(editor, "/admin/people/new", "form.authority-form");
        assertEquals(303, editor.post("/admin/people/new", person.set("name", "Red Army").set("kind", "organisation")
                .set("note", "A clerk").entries()).statusCode());
        FormFields edited = FormFields.at(editor, "/admin/people/red-army/edit", "form.authority-form");
        assertEquals(303, editor.post("/admin/people/red-army/edit", edited.set("description", "A second version.")
                .set("note", "Second").entries()).statusCode());

        FormFields newRecord = FormFields.at(editor, "/admin/documents/new", "form.record-form")
                .set("title", "A record typed while the database was held, with <b>markup</b> & more")
                .set("date", "July 1953").set("note", "A new record's note typed with care");
        FormFields reinstate = FormFields.at(editor, "/admin/documents/" + withdrawnId + "/withdraw", "form.stacked-form")
                .set("note", "Back, a note typed with care");
        FormFields newPerson = FormFields.at(editor, "/admin/people/new", "form.authority-form")
                .set("name", "Clerk Typed While Held").set("kind", "person").set("note", "A new person's note typed with care");
        FormFields save = FormFields.at(editor, "/admin/people/red-army/edit", "form.authority-form")
                .set("description", "Described while the database was held").set("note", "A save's note typed with care");
        FormFields restore = FormFields.at(editor, "/people/red-army/history/1", "form.restore-form")
                .set("note", "Back to the first version, a note typed with care");
        Document linking = Jsoup.parse(editor.get("/admin/people/red-army/link").body());
        String ticked = linking.selectFirst("form.link-form input[name=document]").val();
        List<Map.Entry<String, String>> link = List.of(Map.entry("csrf", Editors.csrf(linking.html())),
                Map.entry("document", ticked));
        int records = countRecords();

        try (HeldWrite held = HeldWrite.ofEveryWrite(catalogue)) {
            HttpResponse<String> created = editor.post("/admin/documents/new", newRecord.entries());
            assertBusyWithTheFormKept(created, "form.record-form", newRecord, "title", "note");

            HttpResponse<String> reinstated = editor.post("/admin/documents/" + withdrawnId + "/reinstate", reinstate.entries());
            assertBusyWithTheFormKept(reinstated, "form.stacked-form", reinstate, "note");
            assertTrue(Jsoup.parse(reinstated.body()).selectFirst(".form-problem").text().contains("busy"), reinstated.body());

            HttpResponse<String> made = editor.post("/admin/people/new", newPerson.entries());
            assertBusyWithTheFormKept(made, "form.authority-form", newPerson, "name", "note");

            HttpResponse<String> saved = editor.post("/admin/people/red-army/edit", save.entries());
            assertBusyWithTheFormKept(saved, "form.authority-form", save, "description", "note");

            HttpResponse<String> restored = editor.post("/admin/people/red-army/restore", restore.entries());
            assertBusyWithTheFormKept(restored, "form.restore-form", restore, "note");
            assertTrue(Jsoup.parse(restored.body()).selectFirst("#restore-problem").text().contains("busy"), restored.body());

            HttpResponse<String> linked = editor.post("/admin/people/red-army/link", link);
            assertEquals(503, linked.statusCode(), linked.body());
            assertTrue(linked.headers().firstValue("Retry-After").isPresent());
            held.assertStillHeld();
        }
        assertEquals(records, countRecords(), "no record was made");
        assertEquals(404, catalogue.http().get("/people/clerk-typed-while-held").statusCode(), "nor a person");
        assertEquals(410, catalogue.http().get("/documents/" + withdrawnId).statusCode(), "the record is still withdrawn");
        try (CatalogueDatabase database = CatalogueDatabase.of(catalogue)) {
            assertEquals(2, database.dsl().select(org.dossier.db.Tables.PERSON.VERSION).from(org.dossier.db.Tables.PERSON)
                    .where(org.dossier.db.Tables.PERSON.KEY.eq("red-army")).fetchSingle(org.dossier.db.Tables.PERSON.VERSION),
                    "the person was neither saved nor restored");
        }
        assertEquals(303, editor.post("/admin/people/red-army/edit", save.entries()).statusCode(),
                "the same form goes through once the writer is done");
        assertEquals(303, editor.post("/admin/documents/" + withdrawnId + "/reinstate", reinstate.entries()).statusCode());
    }

    private static int countRecords() {
        try (CatalogueDatabase database = CatalogueDatabase.of(catalogue)) {
            return database.dsl().fetchCount(DOCUMENT);
        }
    }

    /** A 503 with Retry-After whose page is the form {@code selector} again, with {@code fields} as they were typed. */
    private static void assertBusyWithTheFormKept(HttpResponse<String> answer, String selector, FormFields typed,
                                                  String... fields) {
        assertEquals(503, answer.statusCode(), answer.body());
        assertTrue(answer.headers().firstValue("Retry-After").isPresent(), answer.headers().toString());
        FormFields kept = FormFields.of(answer.body(), selector);
        for (String field : fields) {
            assertEquals(typed.get(field), kept.get(field), field);
        }
    }

    /**
     * A sign-in that meets a held write on SQLite, where counting the attempt is a write that waits
     * for the lock: its form again with the username kept and the reason said, 503 with Retry-After,
     * and nobody signed in; not the bare busy page, nor a 500. On PostgreSQL the held row is not one
     * a sign-in writes, so it goes through there.
     */
    @Test
    void aSignInThatCannotBeCountedInAFewSecondsIsItsFormAgainWith503AndRetryAfter() throws Exception {
        assumeTrue(!TestPostgres.selected(), "on PostgreSQL a sign-in writes no row the held write holds");
        int id = catalogue.recordTitled("Lee Chang-chen");
        Http visitor = impatient.http().anotherVisitor();
        String csrf = Editors.csrf(visitor.get("/admin/login").body());
        try (HeldWrite held = holdWriting(id)) {
            HttpResponse<String> refused = visitor.post("/admin/login", java.util.Map.of("csrf", csrf, "username", "bea",
                    "password", Editors.PASSWORD, "return", "/admin"));
            assertEquals(503, refused.statusCode(), refused.body());
            assertEquals("30", refused.headers().firstValue("Retry-After").orElse(""));
            Document page = Jsoup.parse(refused.body());
            assertEquals("bea", page.selectFirst("form input#username").attr("value"), "the username typed is kept");
            assertTrue(page.selectFirst("#login-problem").text().contains("busy"), refused.body());
            held.assertStillHeld();
        }
        assertEquals(303, visitor.get("/admin").statusCode(), "nobody was signed in");
    }

    /**
     * A load balancer asks /ready every few seconds while another process writes for minutes (an
     * import of a large folder, a generate): readers are served meanwhile, so the node is ready.
     * /ready read the migrations through Flyway, whose closing transaction, on SQLite, began as a
     * writer's: each reading (every 5 s) waited the 5 s of a write for the lock, longer than a
     * balancer's check waits (compose.yaml's 3 s), and Flyway logged two stack traces of 70 lines.
     */
    @Test
    void readinessStaysReadyWhileAnotherProcessHoldsTheWriteLock() throws Exception {
        int id = catalogue.recordTitled("Letter to Stalin from Korean Political Parties");
        Logger flyway = (Logger) LoggerFactory.getLogger("org.flywaydb");
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        flyway.addAppender(logged);
        try (HeldWrite held = holdWriting(id)) {
            // Past the time a reading of the migrations is answered again unasked (the second node's
            // short one, its writes' wait short too): at least one is read while the writer holds its lock.
            long until = System.nanoTime() + SHORT_MEMORY.multipliedBy(6).dividedBy(5).toNanos();
            do {
                HttpResponse<String> ready = impatient.http().get("/ready");
                assertEquals(200, ready.statusCode(), ready.body());
                assertTrue(ready.body().contains("\"migrations\":{\"ok\":true"), ready.body());
                Thread.sleep(SHORT_MEMORY.toMillis() / 5);
            } while (System.nanoTime() < until);
            assertEquals(List.of(), Logged.events(logged).stream().filter(event -> event.getLevel().isGreaterOrEqual(Level.WARN))
                    .map(event -> event.getLoggerName() + ": " + event.getFormattedMessage()).toList());
            held.assertStillHeld();
        } finally {
            flyway.detachAppender(logged);
        }
    }

    /**
     * Another process's long write transaction (an import's, say), held until closed: on SQLite the
     * write lock; on PostgreSQL the row of record {@code id}, which a save of it must lock too.
     */
    private static HeldWrite holdWriting(int id) throws InterruptedException {
        return HeldWrite.begun(catalogue, tx -> tx.update(DOCUMENT).set(DOCUMENT.TITLE, DOCUMENT.TITLE)
                .where(DOCUMENT.ID.eq(id)).execute());
    }

    /**
     * On PostgreSQL a reader can meet a lock too: a long write (or an operator's LOCK TABLE) that
     * holds the records' table past the server's wait. The reader is told the page could not be
     * read, with Retry-After: it was told its save had not gone through and to send the form again.
     */
    @Test
    void aPageThatALongLockKeepsFromBeingReadSaysSoNotThatASaveFailed() throws Exception {
        assumeTrue(TestPostgres.selected(), "SQLite's readers never wait for a writer");
        int id = catalogue.recordTitled("Letter to Stalin from Korean Political Parties");
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> locking = CompletableFuture.runAsync(() -> {
            try (CatalogueDatabase other = CatalogueDatabase.of(catalogue)) {
                other.dsl().transaction(tx -> {
                    tx.dsl().execute("lock table document in access exclusive mode");
                    held.countDown();
                    release.await(60, TimeUnit.SECONDS);
                });
            }
        });
        try {
            assertTrue(held.await(30, TimeUnit.SECONDS));
            HttpResponse<String> page = impatient.http().get("/documents/" + id);
            assertEquals(503, page.statusCode(), page.body());
            assertTrue(page.headers().firstValue("Retry-After").isPresent());
            String told = Jsoup.parse(page.body()).select("main").text();
            assertTrue(told.contains("could not be read"), told);
            assertFalse(told.contains("saved") || told.contains("form"), told);
        } finally {
            release.countDown();
            locking.get(60, TimeUnit.SECONDS);
        }
        assertEquals(301, catalogue.http().get("/documents/" + id).statusCode(), "read once the lock is gone (to its address with its slug)");
    }
}
