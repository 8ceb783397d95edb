package org.dossier.editing;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.dossier.accounts.AccessControl;
import org.dossier.documents.Attribution;
import org.dossier.documents.ControlCharacters;
import org.dossier.documents.DocumentDetails;
import org.dossier.documents.RecordPage;
import org.dossier.documents.RecordQueries;
import org.dossier.documents.RecordStore;
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
        var page = new WriteOutcome.Page<Integer>(done -> record.permanentPath(),
                message -> ctx.render("editing/withdraw", model(record, reason, "", message, false)),
                now -> stale(ctx, record.id(), reason, ""));
        if (sentAgain(record, true, author, note)) {
            new WriteOutcome.Done<>(record.version()).answer(ctx, page);
            return;
        }
        String problem = withdrawalProblem(record, reason);
        if (problem != null) {
            ctx.status(record.withdrawn() ? HttpStatus.CONFLICT : HttpStatus.UNPROCESSABLE_CONTENT)
                    .render("editing/withdraw", model(record, reason, "", problem, !record.withdrawn()));
            return;
        }
        WriteOutcome.of(() -> store.write(w -> w.withdraw(record.id(), version, reason, Attribution.editor(author, note))))
                .orDoneBefore(() -> doneBefore(record.id(), true, author, note))
                .answer(ctx, page);
    }

    /** Why the record cannot be withdrawn with this reason, or null when it can: withdrawn already, or the reason refused. */
    private static String withdrawalProblem(DocumentDetails record, String reason) {
        return record.withdrawn() ? "This record is already withdrawn."
                : reason.isEmpty() ? "Give the reason: it is shown to everyone who follows the record's permalink."
                : reason.length() > MAX_REASON ? "A reason has at most " + MAX_REASON + " characters."
                : ControlCharacters.refusal("reason", reason).orElse(null);
    }

    /** {@code POST /admin/documents/{id}/reinstate}: note, version. */
    public void reinstate(Context ctx) {
        DocumentDetails record = Forms.record(records, RecordPage.id(ctx));
        int version = Forms.number(ctx, "version");
        String note = ChangeNote.posted(ctx);
        String author = AccessControl.requireUser(ctx).username();
        var page = new WriteOutcome.Page<Integer>(done -> Forms.record(records, record.id()).canonicalPath(),
                message -> ctx.render("editing/withdraw", model(record, "", note, message, false)),
                now -> stale(ctx, record.id(), "", note));
        if (sentAgain(record, false, author, note)) {
            new WriteOutcome.Done<>(record.version()).answer(ctx, page);
            return;
        }
        String problem = !record.withdrawn() ? "This record is in the catalogue: there is nothing to reinstate."
                : ChangeNote.problem(note, "Say why the record comes back: the note is kept in the history.").orElse(null);
        if (problem != null) {
            ctx.status(record.withdrawn() ? HttpStatus.UNPROCESSABLE_CONTENT : HttpStatus.CONFLICT)
                    .render("editing/withdraw", model(record, "", note, problem, record.withdrawn()));
            return;
        }
        WriteOutcome.of(() -> store.write(w -> w.reinstate(record.id(), version, Attribution.editor(author, note))))
                .orDoneBefore(() -> doneBefore(record.id(), false, author, note))
                .answer(ctx, page);
    }

    /**
     * Whether {@code now} is withdrawn (or not) by {@code author}'s change with {@code note}: the same
     * form sent again (a double click, whose browser shows the second answer), which goes on as done
     * rather than saying that the record was withdrawn already, or that someone changed it meanwhile.
     */
    private boolean sentAgain(DocumentDetails now, boolean withdrawn, String author, String note) {
        return now.withdrawn() == withdrawn && Forms.sentAgain(revisions, now, author, note);
    }

    /** The version the record is at, if a stale write finds it done by the same form's first sending. */
    private Optional<Integer> doneBefore(int id, boolean withdrawn, String author, String note) {
        DocumentDetails now = Forms.record(records, id);
        return sentAgain(now, withdrawn, author, note) ? Optional.of(now.version()) : Optional.empty();
    }

    private void stale(Context ctx, int id, String reason, String note) {
        DocumentDetails now = Forms.record(records, id);
        ctx.render("editing/withdraw", model(now, reason, note,
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
