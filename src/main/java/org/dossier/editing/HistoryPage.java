package org.dossier.editing;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.dossier.accounts.AccessControl;
import org.dossier.documents.Attribution;
import org.dossier.documents.DocumentDetails;
import org.dossier.documents.NoSuchVersion;
import org.dossier.documents.PastPages;
import org.dossier.documents.RecordVersion;
import org.dossier.documents.RecordPage;
import org.dossier.documents.RecordQueries;
import org.dossier.documents.RecordStore;
import org.dossier.documents.VersionPage;
import org.dossier.web.ConditionalGet;
import org.dossier.web.NotFound;

/**
 * {@code /documents/{id}/history}: every version of a record, public, with what each changed
 * against the one before; editors can restore an earlier version, which makes a new one. The
 * history of a withdrawn record answers 410 with the reason above it, and stays readable.
 */
public final class HistoryPage {

    private final RecordStore store;
    private final RecordQueries records;
    private final Revisions revisions;
    private final PastPages past;

    public HistoryPage(RecordStore store, RecordQueries records, Revisions revisions,
                       ConditionalGet conditional) {
        this.store = store;
        this.records = records;
        this.revisions = revisions;
        this.past = new PastPages(conditional);
    }

    /** {@code GET /documents/{id}/history}. */
    public void list(Context ctx) {
        DocumentDetails record = Forms.record(records, RecordPage.id(ctx));
        if (past.answered(ctx, record, "history", record.id(), record.version())) {
            return;
        }
        Map<String, Object> model = new HashMap<>(Map.of("record", record, "revisions", revisions.of(record.id())));
        model.put("restoredNotice", RestoredNotice.of(ctx, record.version()));
        ctx.render("editing/history", model);
    }

    /** {@code GET /documents/{id}/history/{number}}: one version, and what it changed. */
    public void show(Context ctx) {
        DocumentDetails record = Forms.record(records, RecordPage.id(ctx));
        int number = VersionPage.number(ctx);
        // A version the record never had is a 404 (the model says so) and is given no validator.
        boolean had = number >= 1 && number <= record.version();
        if (had && past.answered(ctx, record, "history", record.id(), record.version(), number)) {
            return;
        }
        ctx.render("editing/revision", revisionModel(record, number, null));
    }

    /** {@code POST /admin/documents/{id}/restore}: revision, version, note. */
    public void restore(Context ctx) {
        DocumentDetails record = Forms.record(records, RecordPage.id(ctx));
        RestoreForm form = RestoreForm.posted(ctx);
        int number = form.number();
        String note = form.note();
        RecordVersion restoring = revisions.find(record.id(), number).orElseThrow(() -> noVersion(record, number));
        Optional<String> noteProblem = form.noteProblem();
        if (noteProblem.isPresent()) {
            ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
            refuse(ctx, record.id(), number, note, true, noteProblem.get());
            return;
        }
        String author = AccessControl.requireUser(ctx).username();
        WriteOutcome.of(() -> store.write(w -> w.restore(record.id(), form.opened(), number, Attribution.editor(author, note))))
                .unchangedIf(restoredAs -> restoredAs == form.opened(),
                        "Version " + number + " says what the record says now: there is nothing to restore.")
                .orDoneBefore(() -> restoredAlready(record.id(), restoring, author, note))
                .answer(ctx, new WriteOutcome.Page<>(
                        restoredAs -> RestoredNotice.path(record.historyPath(), number, restoredAs),
                        message -> refuse(ctx, record.id(), number, note, false, message),
                        now -> refuse(ctx, record.id(), number, note, false, "Someone changed this record while you had "
                                + "this page open (it is now at version " + now + "). Nothing was restored: "
                                + "look at the history again, then decide.")));
    }

    /**
     * The version the record is at, if it is this editor's with this note and says what {@code restoring}
     * says: the same restore sent again (a double click), which goes on as done.
     */
    private Optional<Integer> restoredAlready(int id, RecordVersion restoring, String author, String note) {
        DocumentDetails now = Forms.record(records, id);
        return Forms.sentAgain(revisions, now, author, note) && revisions.find(now.id(), now.version())
                .map(RecordVersion::draft).filter(restoring.draft()::equals).isPresent()
                ? Optional.of(now.version()) : Optional.empty();
    }

    /**
     * The version's page again with the note typed and {@code problem}, at the status already set;
     * {@code noteRefused}: the problem is the note, which the page then marks and describes.
     */
    private void refuse(Context ctx, int id, int number, String note, boolean noteRefused, String problem) {
        Map<String, Object> model = revisionModel(Forms.record(records, id), number, problem);
        model.put("note", note);
        model.put("noteRefused", noteRefused);
        ctx.render("editing/revision", model);
    }

    private Map<String, Object> revisionModel(DocumentDetails record, int number, String problem) {
        RecordVersion content = revisions.find(record.id(), number).orElseThrow(() -> noVersion(record, number));
        RecordVersion before = number > 1 ? revisions.find(record.id(), number - 1).orElse(null) : null;
        Map<String, Object> model = new HashMap<>();
        model.put("record", record);
        model.put("content", content);
        model.put("revision", Revision.of(content));
        model.put("diff", RevisionDiff.between(before, content));
        model.put("previous", number > 1 ? number - 1 : null);
        model.put("next", number < record.version() ? number + 1 : null);
        model.put("note", "Restored version " + number);
        model.put("problem", problem);
        return model;
    }

    /** The 404 of the record's history asked for a version it does not have, in the words a version's page says it. */
    private static NotFound noVersion(DocumentDetails record, int number) {
        return NoSuchVersion.ofRecord(record.id(), number, record.version()).notFound();
    }
}
