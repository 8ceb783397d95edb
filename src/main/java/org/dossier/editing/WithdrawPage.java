package org.dossier.editing;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.Map;
import org.dossier.accounts.AccessControl;
import org.dossier.documents.Attribution;
import org.dossier.documents.ControlCharacters;
import org.dossier.documents.DocumentDetails;
import org.dossier.documents.RecordPage;
import org.dossier.documents.RecordQueries;
import org.dossier.documents.RecordStore;
import org.dossier.documents.StaleVersionException;
import org.dossier.web.FormFields;

/**
 * {@code /admin/documents/{id}/withdraw}: takes a record out of the catalogue with a public reason
 * (it keeps its id; its permalink then answers 410 with the reason), or brings it back.
 */
public final class WithdrawPage {

    static final int MAX_REASON = 1_000;

    private final RecordStore store;
    private final RecordQueries records;
    private final Revisions revisions;

    public WithdrawPage(RecordStore store, RecordQueries records, Revisions revisions) {
        this.store = store;
        this.records = records;
        this.revisions = revisions;
    }

    /** {@code GET /admin/documents/{id}/withdraw}: the withdraw form, or the reinstate form for a withdrawn record. */
    public void form(Context ctx) {
        DocumentDetails record = Forms.record(records, RecordPage.id(ctx));
        ctx.render("editing/withdraw", model(record, "", "", null, false));
    }

    /** {@code POST /admin/documents/{id}/withdraw}: reason, version. */
    public void withdraw(Context ctx) {
        DocumentDetails record = Forms.record(records, RecordPage.id(ctx));
        int version = Forms.number(ctx, "version");
        // Without bidi controls, as a record's title: one left open would reverse the page around the reason.
        String reason = ControlCharacters.withoutBidiControls(FormFields.text(ctx, "reason")).strip();
        String author = AccessControl.requireUser(ctx).username();
        String note = "Withdrawn: " + reason;
        if (record.withdrawn() && Forms.sentAgain(revisions, record, author, note)) {
            ctx.redirect(record.permanentPath(), HttpStatus.SEE_OTHER);
            return;
        }
        String problem = record.withdrawn() ? "This record is already withdrawn."
                : reason.isEmpty() ? "Give the reason: it is shown to everyone who follows the record's permalink."
                : reason.length() > MAX_REASON ? "A reason has at most " + MAX_REASON + " characters."
                : ControlCharacters.refusal("reason", reason).orElse(null);
        if (problem != null) {
            ctx.status(record.withdrawn() ? HttpStatus.CONFLICT : HttpStatus.UNPROCESSABLE_CONTENT)
                    .render("editing/withdraw", model(record, reason, "", problem, !record.withdrawn()));
            return;
        }
        try {
            store.write(w -> w.withdraw(record.id(), version, reason, Attribution.editor(author, note)));
        } catch (StaleVersionException e) {
            DocumentDetails now = Forms.record(records, record.id());
            if (now.withdrawn() && Forms.sentAgain(revisions, now, author, note)) {
                ctx.redirect(now.permanentPath(), HttpStatus.SEE_OTHER);
                return;
            }
            stale(ctx, record.id(), reason, "");
            return;
        } catch (RuntimeException e) {
            ctx.render("editing/withdraw", model(record, reason, "", Forms.unavailable(ctx, e).getMessage(), false));
            return;
        }
        ctx.redirect(record.permanentPath(), HttpStatus.SEE_OTHER);
    }

    /** {@code POST /admin/documents/{id}/reinstate}: note, version. */
    public void reinstate(Context ctx) {
        DocumentDetails record = Forms.record(records, RecordPage.id(ctx));
        int version = Forms.number(ctx, "version");
        String note = ChangeNote.posted(ctx);
        String author = AccessControl.requireUser(ctx).username();
        if (!record.withdrawn() && Forms.sentAgain(revisions, record, author, note)) {
            ctx.redirect(record.canonicalPath(), HttpStatus.SEE_OTHER);
            return;
        }
        String problem = !record.withdrawn() ? "This record is in the catalogue: there is nothing to reinstate."
                : ChangeNote.problem(note, "Say why the record comes back: the note is kept in the history.").orElse(null);
        if (problem != null) {
            ctx.status(record.withdrawn() ? HttpStatus.UNPROCESSABLE_CONTENT : HttpStatus.CONFLICT)
                    .render("editing/withdraw", model(record, "", note, problem, record.withdrawn()));
            return;
        }
        try {
            store.write(w -> w.reinstate(record.id(), version, Attribution.editor(author, note)));
        } catch (StaleVersionException e) {
            DocumentDetails now = Forms.record(records, record.id());
            if (!now.withdrawn() && Forms.sentAgain(revisions, now, author, note)) {
                ctx.redirect(now.canonicalPath(), HttpStatus.SEE_OTHER);
                return;
            }
            stale(ctx, record.id(), "", note);
            return;
        } catch (RuntimeException e) {
            ctx.render("editing/withdraw", model(record, "", note, Forms.unavailable(ctx, e).getMessage(), false));
            return;
        }
        ctx.redirect(Forms.record(records, record.id()).canonicalPath(), HttpStatus.SEE_OTHER);
    }

    private void stale(Context ctx, int id, String reason, String note) {
        DocumentDetails now = Forms.record(records, id);
        ctx.status(HttpStatus.CONFLICT).render("editing/withdraw", model(now, reason, note,
                "Someone changed this record while you had this page open (it is now at version " + now.version()
                        + "). Nothing was changed: look at it again below, then decide.", false));
    }

    /** {@code invalid}: the problem is with what was typed (the reason, the note), not with the record's state. */
    private static Map<String, Object> model(DocumentDetails record, String reason, String note, String problem,
            boolean invalid) {
        Map<String, Object> model = new HashMap<>();
        model.put("record", record);
        model.put("reason", reason);
        model.put("note", note);
        model.put("problem", problem);
        model.put("invalid", invalid);
        return model;
    }
}
