package org.dossier.editing;

import static org.dossier.db.Tables.DOCUMENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.dossier.accounts.Role;
import org.dossier.app.Database;
import org.dossier.documents.RecordStore;
import org.dossier.importing.ImportReport;
import org.dossier.importing.ImportRun;
import org.dossier.testing.CatalogueDatabase;
import org.dossier.testing.Http;
import org.dossier.testing.SeededCatalogue;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An import beside the live site: editors' saves and sign-ins get through while a large import
 * runs, and a save that cannot get through in a few seconds gets a 503 page that keeps everything
 * typed, never a bare 500. Reads never wait.
 */
class WritesBesideAnImportTest {

    /**
     * Entries in the large import, each written in at least {@link #ENTRY_NANOS}: it lasts 8 s or
     * more on any machine, most of it after the save and the sign-in start ({@link #UNDER_WAY} in).
     * Fewer, slower entries rather than many fast ones: on PostgreSQL each entry's own work is what
     * takes long, and 4,000 of them made this the longest test of the run.
     */
    private static final int LARGE = 1_000;
    private static final long ENTRY_NANOS = 8_000_000;
    private static final int UNDER_WAY = 75;

    @RegisterExtension
    static final SeededCatalogue catalogue = SeededCatalogue.ownedByTheClass();

    private static Http alice;

    @TempDir
    static Path seeds;

    @BeforeAll
    static void start() throws Exception {
        Editors.add(catalogue, "alice", Role.EDITOR);
        Editors.add(catalogue, "bea", Role.EDITOR);
        alice = Editors.signIn(catalogue, "alice");
        writeLargeSeedPage(seeds.resolve("large.txt"), LARGE);
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
        HttpResponse<String> page = editor.get("/admin/documents/" + id + "/edit");
        assertEquals(200, page.statusCode());
        return FormFields.of(page.body(), "form.record-form");
    }

    @Test
    void savesAndSignInsGetThroughWhileALargeImportRuns() throws Exception {
        AtomicInteger written = new AtomicInteger();
        CompletableFuture<ImportReport> importing = CompletableFuture.supplyAsync(() -> {
            // The import command's own connection, as from another process.
            try (Database db = Database.open(catalogue.database())) {
                return new ImportRun(new RecordStore(db.dsl(), Clock.systemUTC()), Clock.systemUTC())
                        .run(List.of(seeds), (done, total) -> {
                            written.set(done);
                            // Each entry takes at least 8 ms, as on a slow disk: the import lasts
                            // long enough on any machine for the save and the sign-in to meet it.
                            java.util.concurrent.locks.LockSupport.parkNanos(ENTRY_NANOS);
                        });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        while (written.get() < UNDER_WAY && !importing.isDone()) {
            Thread.sleep(20);
        }
        int id = catalogue.recordTitled("(via Shtytkov)");
        FormFields form = editForm(alice, id);
        HttpResponse<String> saved = alice.post("/admin/documents/" + id + "/edit", form
                .set("title", "Letter from Feng Xi (Stalin) to Kim Il Sung, saved during an import")
                .set("note", "Saved while an import ran").entries());
        Http bea = Editors.signIn(catalogue, "bea");
        int writtenAfter = written.get();
        assertEquals(303, saved.statusCode(), saved.body());
        assertEquals(200, bea.get("/admin").statusCode());
        assertEquals(200, catalogue.http().get("/search?q=telegram").statusCode());
        assertTrue(writtenAfter < LARGE, "the import was still running when the save and the sign-in went through ("
                + writtenAfter + " of " + LARGE + " written)");

        ImportReport report = importing.get(10, TimeUnit.MINUTES);
        assertEquals(LARGE, report.created());
        try (CatalogueDatabase database = CatalogueDatabase.of(catalogue)) {
            assertEquals(49 + LARGE, database.dsl().fetchCount(DOCUMENT));
            assertEquals("Letter from Feng Xi (Stalin) to Kim Il Sung, saved during an import",
                    database.dsl().select(DOCUMENT.TITLE).from(DOCUMENT).where(DOCUMENT.ID.eq(id)).fetchSingle(DOCUMENT.TITLE));
        }
    }

    @Test
    void aSaveThatCannotGetThroughInAFewSecondsGetsA503ThatKeepsEverythingTyped() throws Exception {
        int id = catalogue.recordTitled("Lee Chang-chen");
        FormFields form = editForm(alice, id);
        String typedTitle = "A title typed while the database was held, with <b>markup</b> & more";
        String typedNote = "A note the editor must not lose";

        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            // Another process's long write transaction: an import's, say. On SQLite writing
            // transactions begin IMMEDIATE, so this one holds the write lock from its start; on
            // PostgreSQL it holds the record's row, which the save must lock too.
            try (CatalogueDatabase other = CatalogueDatabase.of(catalogue)) {
                other.dsl().transaction(tx -> {
                    tx.dsl().update(org.dossier.db.Tables.DOCUMENT)
                            .set(org.dossier.db.Tables.DOCUMENT.TITLE, org.dossier.db.Tables.DOCUMENT.TITLE)
                            .where(org.dossier.db.Tables.DOCUMENT.ID.eq(id)).execute();
                    held.countDown();
                    release.await(60, TimeUnit.SECONDS);
                });
            }
        });
        try {
            assertTrue(held.await(30, TimeUnit.SECONDS));
            assertEquals(200, catalogue.http().get("/").statusCode(), "reads do not wait for a writer");
            assertEquals(200, alice.get("/admin").statusCode(), "nor do a signed-in editor's");

            HttpResponse<String> refused = alice.post("/admin/documents/" + id + "/edit", form
                    .set("title", typedTitle).set("note", typedNote).entries());
            assertEquals(503, refused.statusCode(), refused.body());
            assertEquals("30", refused.headers().firstValue("Retry-After").orElse(""));
            Document page = Jsoup.parse(refused.body());
            assertNotNull(page.selectFirst("form.record-form"), "the form comes back");
            FormFields kept = FormFields.of(refused.body(), "form.record-form");
            assertEquals(typedTitle, kept.get("title"));
            assertEquals(typedNote, kept.get("note"));
            assertTrue(page.selectFirst(".notice").text().contains("busy"), page.selectFirst(".notice").text());
        } finally {
            release.countDown();
            writer.get(60, TimeUnit.SECONDS);
        }
        HttpResponse<String> again = alice.post("/admin/documents/" + id + "/edit", form
                .set("title", typedTitle).set("note", typedNote).entries());
        assertEquals(303, again.statusCode(), "the same form goes through once the writer is done");
    }
}
