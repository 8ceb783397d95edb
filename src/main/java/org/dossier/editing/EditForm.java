package org.dossier.editing;


import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dossier.accounts.AccessControl;
import org.dossier.authorities.AuthorityLists;
import org.dossier.documents.Attribution;
import org.dossier.documents.DocumentDetails;
import org.dossier.documents.FormToken;
import org.dossier.documents.RecordDraft;
import org.dossier.documents.RecordVersion;
import org.dossier.documents.RecordPage;
import org.dossier.documents.RecordQueries;
import org.dossier.documents.RecordStore;
import org.dossier.web.FormProblem;

/**
 * {@code /admin/documents/{id}/edit} and {@code /admin/documents/new}: the record form. It carries
 * the version it was opened at; a save based on an older version is refused and the editor sees
 * what is saved now beside their own text, which is kept, to merge and save again.
 */
public final class EditForm {

    /** Why a save was refused: someone saved in between. */
    public record Conflict(DocumentDetails saved, Revision latest, int openedVersion, RevisionDiff sinceOpened,
                           StaleMerge<RecordForm> merge) {
    }

    private final AuthorityLists authorities;
    private final RecordStore store;
    private final RecordQueries records;
    private final Revisions revisions;
    private final java.time.Clock clock;

    public EditForm(AuthorityLists authorities, RecordStore store, RecordQueries records, Revisions revisions,
                    java.time.Clock clock) {
        this.clock = clock;
        this.authorities = authorities;
        this.store = store;
        this.records = records;
        this.revisions = revisions;
    }

    /** The day a record is catalogued: no document is dated after it. */
    private java.time.LocalDate today() {
        return java.time.LocalDate.now(clock.withZone(java.time.ZoneOffset.UTC));
    }

    /** {@code GET /admin/documents/{id}/edit}. */
    public void edit(Context ctx) {
        DocumentDetails record = Forms.record(records, RecordPage.id(ctx));
        Map<String, Object> model = model(record, RecordForm.of(record, authorities.current()), record.version());
        ctx.render("editing/edit", model);
    }

    /** {@code POST /admin/documents/{id}/edit}. */
    public void save(Context ctx) {
        DocumentDetails record = Forms.record(records, RecordPage.id(ctx));
        int openedVersion = Forms.number(ctx, "version");
        var lists = authorities.current();
        // A person or place merged away since the form was opened stands for its survivor.
        RecordForm form = RecordForm.posted(ctx).withSurvivors(lists);
        RecordForm.Checked checked = form.check(AuthorityChoices.of(lists), today());
        if (!checked.ok()) {
            refused(ctx, model(record, form, openedVersion), checked);
            return;
        }
        String author = AccessControl.requireUser(ctx).username();
        WriteOutcome.of(() -> store.write(writer -> writer.update(record.id(), openedVersion, checked.draft(),
                        Attribution.editor(author, checked.note()))))
                .unchangedIf(saved -> saved == openedVersion,
                        "Nothing to save: the form says exactly what the record already says.")
                .orDoneBefore(() -> savedAlready(record.id(), checked.draft()))
                .answer(ctx, new WriteOutcome.Page<>(saved -> savedPath(record.id()),
                        message -> again(ctx, model(record, form, openedVersion), message),
                        now -> showConflict(ctx, form, checked.draft(), openedVersion)));
    }

    /**
     * The version the record is at, if it says now exactly what {@code draft} says: a stale form's
     * save has nothing left to do. The same form sent again (a double click, a retry after a save
     * whose answer was lost), whose browser shows the second answer: that was the conflict page,
     * naming the editor as the one who had saved in between.
     */
    private java.util.Optional<Integer> savedAlready(int id, RecordDraft draft) {
        DocumentDetails now = Forms.record(records, id);
        return revisions.find(id, now.version()).map(RecordVersion::draft).filter(draft::equals).map(d -> now.version());
    }

    /** To the record, which then says "Saved — version N" to the editor. */
    private String savedPath(int id) {
        var now = Forms.record(records, id);
        return now.canonicalPath() + "?" + RecordPage.SAVED + "=" + now.version();
    }

    /** The hidden field of a new-record form that carries its {@link FormToken}. */
    static final String FORM_TOKEN = "formToken";

    /** {@code GET /admin/documents/new}: a blank form, with a token of its own. */
    public void blank(Context ctx) {
        ctx.render("editing/edit", newRecordModel(RecordForm.empty(), FormToken.fresh()));
    }

    /**
     * {@code POST /admin/documents/new}. The same form sent again (a double click, a retry after a
     * save whose answer was lost) goes to the record it created, and creates none: it created two.
     */
    public void create(Context ctx) {
        var lists = authorities.current();
        // A person or place merged away since the form was opened stands for its survivor.
        RecordForm form = RecordForm.posted(ctx).withSurvivors(lists);
        String sent = ctx.formParam(FORM_TOKEN);
        // None: a form opened before the site gave tokens, or a script's post; it creates a record as before.
        FormToken token = FormToken.parse(sent);
        if (sent != null && token == null) {
            refusedToken(ctx, form);
            return;
        }
        RecordForm.Checked checked = form.check(AuthorityChoices.of(lists), today());
        if (!checked.ok()) {
            refused(ctx, newRecordModel(form, token), checked);
            return;
        }
        String author = AccessControl.requireUser(ctx).username();
        Attribution by = Attribution.editor(author, checked.note());
        // A new record's form keeps its token, so that sent again it still creates one record at most.
        WriteOutcome.of(() -> store.write(writer -> token == null ? writer.create(checked.draft(), by)
                        : writer.createOnce(token, checked.draft(), by)))
                .answer(ctx, WriteOutcome.Page.ofNew(this::savedPath,
                        message -> again(ctx, newRecordModel(form, token), message)));
    }

    /**
     * The new record's form again as it was typed, refused (422): its token was not one this site
     * gave out. It has one now, to be sent again.
     */
    private void refusedToken(Context ctx, RecordForm form) {
        Map<String, Object> model = newRecordModel(form, FormToken.fresh());
        model.put("notice", "This form's mark that keeps it from creating a record twice was not one this site "
                + "gave out, so nothing was saved. Everything you typed is still here; send it again.");
        ctx.status(HttpStatus.UNPROCESSABLE_CONTENT).render("editing/edit", model);
    }

    /** The form again as it was typed, refused (422): what is wrong beside each field and, above the form, in order. */
    private static void refused(Context ctx, Map<String, Object> model, RecordForm.Checked checked) {
        model.put("errors", checked.errors());
        model.put("problems", checked.problems());
        ctx.status(HttpStatus.UNPROCESSABLE_CONTENT).render("editing/edit", model);
    }

    private Map<String, Object> newRecordModel(RecordForm form, FormToken token) {
        Map<String, Object> model = model(null, form, 0);
        model.put(FORM_TOKEN, token == null ? null : token.value());
        return model;
    }

    /**
     * The form again, with everything the editor typed and a message: that it changed nothing, or
     * that the database cannot take the write now (an import holds it, it is read-only, or its
     * server went away mid-save), never a bare 500.
     */
    private static void again(Context ctx, Map<String, Object> model, String message) {
        model.put("notice", message);
        ctx.render("editing/edit", model);
    }

    /**
     * The form again, beside the version saved in between, merged with it field by field
     * ({@link StaleMerge}: what the editor changed is as they typed it, what they did not is as saved
     * now); it now carries that version, so that saving the merged text goes through.
     */
    private void showConflict(Context ctx, RecordForm form, RecordDraft mine, int openedVersion) {
        DocumentDetails saved = Forms.record(records, RecordPage.id(ctx));
        RecordVersion now = revisions.find(saved.id(), saved.version()).orElseThrow();
        // Who saved the version shown, read with it: the history's newest line may be a later save's.
        Revision latest = Revision.of(now);
        var opened = revisions.find(saved.id(), openedVersion);
        RevisionDiff sinceOpened = opened.map(o -> RevisionDiff.between(o, now)).orElse(null);
        var lists = authorities.current();
        StaleMerge<RecordForm> merge = opened.map(o -> StaleMerge.of(o.draft(), now.draft(), mine, form,
                RecordForm.of(saved, lists), lists)).orElse(null);
        Map<String, Object> model = model(saved, merge == null ? form : merge.form(), saved.version());
        model.put("conflict", new Conflict(saved, latest, openedVersion, sinceOpened, merge));
        ctx.render("editing/edit", model);
    }

    private Map<String, Object> model(DocumentDetails record, RecordForm form, int version) {
        Map<String, Object> model = new HashMap<>();
        model.put("record", record);
        model.put("form", form);
        model.put("version", version);
        model.put("choices", AuthorityChoices.of(authorities.current()));
        model.put("errors", Map.of());
        model.put("problems", List.of());
        model.put("action", record == null ? "/admin/documents/new" : record.editPath());
        model.put("cancel", record == null ? "/admin" : record.canonicalPath());
        return model;
    }
}
