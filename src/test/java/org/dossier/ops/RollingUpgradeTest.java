package org.dossier.ops;

import static org.dossier.db.Tables.DOCUMENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.dossier.accounts.Role;
import org.dossier.app.Database;
import org.dossier.app.DatabaseAddress;
import org.dossier.documents.RecordStore;
import org.dossier.editing.Editors;
import org.dossier.editing.FormFields;
import org.dossier.testing.LaterRelease;
import org.dossier.testing.Http;
import org.dossier.testing.Logged;
import org.dossier.testing.RecordsByTitle;
import org.dossier.testing.TestCatalogue;
import org.dossier.testing.TestDatabase;
import org.dossier.web.ErrorPages;
import org.dossier.web.WriteUnavailable;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A rolling upgrade: a node of a newer version starts beside this one on the same database and
 * migrates it. This node goes on serving readers, but a save through it would write what the newer
 * schema no longer means (V17's languages: an older node's save kept the record's languages but
 * wrote its version without them), so it saves nothing and tells the editor to send the form again.
 */
class RollingUpgradeTest {

    @Test
    void aNodeWhoseDatabaseANewerVersionMigratedKeepsServingButSavesNothingAndKeepsWhatWasTyped() throws Exception {
        Path folder = Files.createTempDirectory("dossier-rolling-");
        try {
            int id;
            try (Database seeded = TestDatabase.seededIn(folder)) {
                Editors.add(seeded.dsl(), "olga", Role.EDITOR);
                id = RecordsByTitle.idOf(seeded.dsl(), "Orlemanski");
            }
            DatabaseAddress address = TestDatabase.in(folder);
            try (OperatedCatalogue older = OperatedCatalogue.start(address, folder.resolve("dossier.index"),
                    TestCatalogue.STOPS_AT_ONCE)) {
                Http editor = Editors.signIn(older.http(), "olga");
                Logger errorPages = (Logger) LoggerFactory.getLogger(ErrorPages.class);
                ListAppender<ILoggingEvent> logged = new ListAppender<>();
                logged.start();
                errorPages.addAppender(logged);
                String edit = "/admin/documents/" + id + "/edit";
                FormFields form = FormFields.at(editor, edit, "form.record-form");
                // The newer node's connection, opened before it migrates (this build refuses to open it after).
                try (Database newer = Database.open(address)) {
                    int version = versionOf(newer.dsl(), id);
                    LaterRelease.migrate(newer.dsl());

                    HttpResponse<String> saved = editor.post(edit, form.set("title", "Typed during the upgrade")
                            .set("note", "During the upgrade").entries());
                    assertEquals(503, saved.statusCode(), saved.body());
                    assertTrue(saved.body().contains("upgraded to a newer version of Dossier"), saved.body());
                    assertTrue(saved.body().contains("Typed during the upgrade"), "what the editor typed is kept");
                    assertTrue(saved.headers().firstValue("Retry-After").isPresent());
                    assertTrue(Logged.events(logged).stream().map(ILoggingEvent::getFormattedMessage).anyMatch(line -> line.contains(
                            "a newer version of Dossier migrated the database since this process opened it (V99 from a "
                            + "later release was applied since; run this node or command with the version that applied it)")),
                            "the operator is told what to do");
                    assertEquals(version, versionOf(newer.dsl(), id), "nothing was saved");
                } finally {
                    errorPages.detachAppender(logged);
                }

                // Readers are served as before, and the node stays in its balancer's rotation.
                assertEquals(200, older.http().get("/documents/" + id + ".json").statusCode());
                assertEquals(200, older.http().get("/search?q=Orlemanski").statusCode());
                HttpResponse<String> ready = older.http().get(Health.READINESS);
                assertEquals(200, ready.statusCode(), ready.body());
                assertTrue(ready.body().contains("\"newer\":\"V99\""), "it says why it saves nothing: " + ready.body());
            }
        } finally {
            TestDatabase.forget(folder);
            TestCatalogue.deleteRecursively(folder);
        }
    }

    /**
     * An import or a relink started before the newer version migrated the database writes through
     * the same check as the server's saves: nothing it wrote is kept, and what it says is pinned in
     * CommandOutputTest.
     */
    @Test
    void aCommandsWriteAfterANewerVersionMigratedTheDatabaseIsRefusedAndSaysWhatToRun() throws Exception {
        Path folder = Files.createTempDirectory("dossier-rolling-");
        try {
            DatabaseAddress address = TestDatabase.in(folder);
            try (Database older = Database.open(address); Database newer = Database.open(address)) {
                RecordStore records = older.recordStore(Clock.systemUTC());
                records.write(writer -> null);
                LaterRelease.migrate(newer.dsl());
                WriteUnavailable refused = WriteUnavailable.of(assertThrows(RuntimeException.class,
                        () -> records.write(writer -> null))).orElseThrow();
                assertTrue(refused.upgraded());
                assertEquals("V99 from a later release was applied since; run this node or command with the version "
                        + "that applied it", refused.why());
            }
        } finally {
            TestDatabase.forget(folder);
            TestCatalogue.deleteRecursively(folder);
        }
    }

    private static int versionOf(DSLContext db, int id) {
        return db.select(DOCUMENT.VERSION).from(DOCUMENT).where(DOCUMENT.ID.eq(id)).fetchOne(DOCUMENT.VERSION);
    }
}
