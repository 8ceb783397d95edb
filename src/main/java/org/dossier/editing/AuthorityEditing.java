package org.dossier.editing;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.dossier.accounts.AccessControl;
import org.dossier.authorities.AuthorityContent;
import org.dossier.authorities.AuthorityKind;
import org.dossier.authorities.AuthorityRecords;
import org.dossier.authorities.PendingMerges;
import org.dossier.authorities.AuthorityVersion;
import org.dossier.authorities.AuthorityWriter;
import org.dossier.authorities.Mentions;
import org.dossier.authorities.StoredAuthority;
import org.dossier.documents.Attribution;
import org.dossier.documents.RecordStore;
import org.dossier.web.BadRequest;
import org.dossier.web.Choice;
import org.dossier.web.ControlProblems;
import org.dossier.web.FormProblem;
import org.dossier.web.QueryParams;
import org.jooq.DSLContext;

/**
 * {@code /admin/people} and {@code /admin/places}: the lists, a new person or place, the form of
 * one, and linking the records that name it. The form carries the version it was opened at; a
 * save based on an older one is refused (409) with what is saved now beside what was typed, as
 * for records.
 */
public final class AuthorityEditing {

    /** Why a save was refused: someone saved in between. */
    public record Conflict(StoredAuthority saved, AuthorityVersion latest, int openedVersion, RevisionDiff sinceOpened,
                           StaleMerge<AuthorityEditForm> merge) {
    }

    /** The linking page's parameter (and its form's field): the record id the page began after. */
    static final String AFTER = "after";
    private static final int MAX_ID = 999_999_999;
    /** The linking page's notices, from the address a save or a link goes on to: the version saved, the records linked. */
    private static final String SAVED = "saved";
    private static final String LINKED = "linked";

    private final DSLContext db;
    private final RecordStore store;
    private final AuthorityRecords authorities;
    private final Mentions.Candidates candidates;
    private final PendingMerges pending;
    private final Clock clock;

    public AuthorityEditing(DSLContext db, RecordStore store, Mentions.Candidates candidates, PendingMerges pending,
                            Clock clock) {
        this.db = db;
        this.store = store;
        this.authorities = new AuthorityRecords(db);
        this.candidates = candidates;
        this.pending = pending;
        this.clock = clock;
    }

    /** {@code GET /admin/people}. */
    public void list(Context ctx, AuthorityKind kind) {
        ctx.render("editing/authorities", Map.of("kind", kind, "listed", authorities.list(kind)));
    }

    /** {@code GET /admin/people/new}. */
    public void blank(Context ctx, AuthorityKind kind) {
        ctx.render("editing/authority-edit", model(kind, null, AuthorityEditForm.empty(kind), 0));
    }

    /**
     * {@code POST /admin/people/new}. Its key is chosen inside the write, under the list's lock on
     * the names ({@link #checkAgain}), which every writer of new entries takes (an import's lists
     * too, to their commit): a key another writer gave meanwhile, under any name, is seen and the
     * next free one taken, as on SQLite, whose writers take turns.
     */
    public void create(Context ctx, AuthorityKind kind) {
        AuthorityEditForm form = AuthorityEditForm.posted(ctx, kind);
        AuthorityEditForm.Checked checked = form.check(kind, null, authorities.owners(kind, 0));
        String author = AccessControl.requireUser(ctx).username();
        if (!checked.ok()) {
            refusedUnlessMadeAlready(ctx, kind, form, author, checked);
            return;
        }
        WriteOutcome.of(() -> store.write((w, tx) -> {
                    checkAgain(tx, form, kind, null, null, 0);
                    return new AuthorityWriter(w, tx, clock).create(kind, checked.content(),
                            Attribution.editor(author, checked.note()));
                }), e -> e instanceof TakenMeanwhile)
                .answer(ctx, WriteOutcome.Page.ofNew(made -> made.linkPath() + "?" + SAVED + "=1",
                        message -> again(ctx, model(kind, null, form, 0), message),
                        // One of its names taken meanwhile, seen under the list's lock: the form says so,
                        // as it would have a moment later.
                        taken -> refusedUnlessMadeAlready(ctx, kind, form, author, ((TakenMeanwhile) taken).checked)));
    }

    /**
     * A new one's form refused, unless its name is taken by the one this same form made (a double
     * click, whose browser shows the second answer): that goes on to it as saved, as a record's form
     * sent twice does, rather than telling the editor their name is already their new entry's.
     */
    private void refusedUnlessMadeAlready(Context ctx, AuthorityKind kind, AuthorityEditForm form, String author,
                                          AuthorityEditForm.Checked checked) {
        var made = madeAlready(kind, form, author);
        if (made.isPresent()) {
            ctx.redirect(made.get().linkPath() + "?" + SAVED + "=1", HttpStatus.SEE_OTHER);
            return;
        }
        refused(ctx, kind, null, form, 0, checked);
    }

    /**
     * The entry that owns the form's name and says exactly what the form says, still at its first
     * version, saved by {@code author} with the form's note: what this form made when it was sent before.
     */
    private java.util.Optional<StoredAuthority> madeAlready(AuthorityKind kind, AuthorityEditForm form, String author) {
        AuthorityEditForm.Checked alone = form.check(kind, null, Map.of()); // as if no other entry had its names
        if (!alone.ok()) {
            return java.util.Optional.empty();
        }
        return authorities.owners(kind, 0).getOrDefault(AuthorityRecords.matched(alone.content().name()), List.of())
                .stream().findFirst()
                .flatMap(owner -> authorities.find(kind, owner.key()))
                .filter(s -> !s.merged() && s.version() == 1 && s.content().equals(alone.content()))
                .filter(s -> authorities.version(s, 1)
                        .filter(v -> author.equals(v.author()) && alone.note().equals(v.note())).isPresent());
    }

    /**
     * Whether {@code authority} was merged away, the editor then sent on (303) to the survivor's
     * {@code page} ({@link AuthorityKind#editPath}, {@link AuthorityKind#linkPath}): from the merge on,
     * its key answers with the survivor's pages, as its public page does.
     */
    private static boolean sentOnToTheSurvivor(Context ctx, StoredAuthority authority, UnaryOperator<String> page) {
        if (!authority.merged()) {
            return false;
        }
        ctx.redirect(page.apply(authority.mergedInto()), HttpStatus.SEE_OTHER);
        return true;
    }

    /** {@code GET /admin/people/{key}/edit}. */
    public void edit(Context ctx, AuthorityKind kind) {
        StoredAuthority authority = Forms.authority(ctx, authorities, kind);
        if (sentOnToTheSurvivor(ctx, authority, kind::editPath)) {
            return;
        }
        ctx.render("editing/authority-edit", model(kind, authority, AuthorityEditForm.of(authority), authority.version()));
    }

    /** {@code POST /admin/people/{key}/edit}. */
    public void save(Context ctx, AuthorityKind kind) {
        StoredAuthority authority = Forms.authority(ctx, authorities, kind);
        int opened = Forms.number(ctx, "version");
        AuthorityEditForm form = AuthorityEditForm.posted(ctx, kind);
        if (authority.merged()) {
            mergedAway(ctx, authority, form, opened);
            return;
        }
        AuthorityContent openedContent = openedContent(authority, opened);
        var checked = form.checkSaving(authority, openedContent, authorities.owners(kind, authority.id()));
        if (!checked.ok()) {
            refused(ctx, kind, authority, form, opened, checked);
            return;
        }
        String author = AccessControl.requireUser(ctx).username();
        WriteOutcome.of(() -> update(authority, opened, form, checked, openedContent.name(), author),
                        e -> e instanceof TakenMeanwhile)
                .unchangedIf(saved -> !saved,
                        "Nothing to save: the form says exactly what the " + authority.noun() + " already says.")
                .orDoneBefore(() -> savedAlready(authority, checked.content()))
                .answer(ctx, new WriteOutcome.Page<>(saved -> savedPath(authority),
                        message -> again(ctx, model(kind, authority, form, opened), message),
                        now -> conflict(ctx, kind, form, checked.content(), opened),
                        taken -> refused(ctx, kind, authority, form, opened, ((TakenMeanwhile) taken).checked)));
    }

    /**
     * The form of one merged into another since it was opened: nothing saved (409), what was typed kept.
     * The survivor's name leads to its form, where what was typed can go (it was only named); its key
     * alone where no entry has it (merged_into has no foreign key).
     */
    private void mergedAway(Context ctx, StoredAuthority authority, AuthorityEditForm form, int opened) {
        AuthorityKind kind = authority.kind();
        Map<String, Object> model = model(kind, authority, form, opened);
        authorities.find(kind, authority.mergedInto()).ifPresentOrElse(survivor -> model.put("survivor", survivor),
                () -> model.put("notice", "This " + authority.noun() + " was merged into " + authorities.named(kind,
                        authority.mergedInto()) + ": nothing was saved."));
        ctx.status(HttpStatus.CONFLICT).render("editing/authority-edit", model);
    }

    /** The save, refused inside its write if a name of the form was taken since it was checked; whether it changed. */
    private boolean update(StoredAuthority authority, int opened, AuthorityEditForm form, AuthorityEditForm.Checked checked,
                           String renamedFrom, String author) {
        boolean saved = store.write((w, tx) -> {
            checkAgain(tx, form, authority.kind(), authority.content(), renamedFrom, authority.id());
            return new AuthorityWriter(w, tx, clock).update(authority, opened, checked.content(),
                    Attribution.editor(author, checked.note()));
        });
        pending.wake(); // a renamed one's records past the first batch are stamped in the background
        return saved;
    }

    /**
     * Whether it says now what a stale form says: the same form sent again (a double click), whose
     * browser shows the second answer. That was the conflict page, naming the editor as the one who
     * had saved in between.
     */
    private java.util.Optional<Boolean> savedAlready(StoredAuthority authority, AuthorityContent content) {
        StoredAuthority now = authorities.find(authority.kind(), authority.id()).orElseThrow();
        return !now.merged() && now.content().equals(content) ? java.util.Optional.of(true) : java.util.Optional.empty();
    }

    /** To the linking page, which says "Saved — version N". */
    private String savedPath(StoredAuthority authority) {
        StoredAuthority now = authorities.find(authority.kind(), authority.id()).orElseThrow();
        return now.linkPath() + "?" + SAVED + "=" + now.version();
    }

    /**
     * {@code GET /admin/people/{key}/link?after=ID}: the records whose title or summary name it and
     * that are not linked to it yet, with how many each form of the name finds, to link all or some;
     * a page at a time ({@link Mentions.Bound#PAGE}), from the first record after {@code after}.
     */
    public void preview(Context ctx, AuthorityKind kind) {
        StoredAuthority authority = Forms.authority(ctx, authorities, kind);
        if (sentOnToTheSurvivor(ctx, authority, kind::linkPath)) {
            return;
        }
        // What the address says that the page cannot take is said at the page's top, where its notices
        // go, and the page shown without it: from the first records, no notice.
        ControlProblems problems = new ControlProblems();
        int after = problems.orDefault(AFTER, 0, () -> QueryParams.integer(ctx, AFTER, 0, 0, MAX_ID));
        Mentions.Preview preview = Mentions.unlinked(db, authority, candidates, after, Mentions.Bound.PAGE);
        Map<String, Object> model = new HashMap<>();
        model.put("kind", kind);
        model.put("authority", authority);
        model.put("preview", preview);
        // What the redirect after a save or a link says: numbers. Other text was a 500 ("linked=x" in the
        // template's arithmetic), or words on an editor's page from whoever wrote the link.
        model.put("saved", problems.orDefault(SAVED, null, () -> number(ctx, SAVED)));
        model.put("linked", problems.orDefault(LINKED, null, () -> number(ctx, LINKED)));
        problems.answer(ctx, model, List.of(SAVED, LINKED, AFTER));
        model.put("action", authority.linkPath());
        model.put("firstPath", authority.linkPath());
        model.put("nextPath", preview.nextAfter() == null ? null : authority.linkPath() + "?" + AFTER + "=" + preview.nextAfter());
        ctx.render("editing/authority-link", model);
    }

    /** A whole number the address may carry, as written; absent, null; anything else refused. */
    private static String number(Context ctx, String name) {
        return QueryParams.single(ctx, name) == null ? null
                : String.valueOf(QueryParams.integer(ctx, name, 0, 0, Integer.MAX_VALUE));
    }

    /**
     * {@code POST /admin/people/{key}/link}: links the records ticked that name it (each read again),
     * each with a revision saying why.
     */
    public void link(Context ctx, AuthorityKind kind) {
        StoredAuthority authority = Forms.authority(ctx, authorities, kind);
        // Merged while the ticks were made: linked to it, each record would be moved on to the
        // survivor by a merge under way again, two revisions apiece. The survivor's page reads
        // them afresh, with its forms and the merged one's.
        if (sentOnToTheSurvivor(ctx, authority, kind::linkPath)) {
            return;
        }
        Set<Integer> chosen = ticked(ctx);
        String after = afterPosted(ctx);
        String author = AccessControl.requireUser(ctx).username();
        List<Mentions.Mention> ticked = Mentions.confirm(db, authority, chosen);
        // No form comes back: a database that cannot take it now is the site's 503 page (ErrorPages).
        int linked = store.write((w, tx) -> new AuthorityWriter(w, tx, clock).link(authority, ticked, author, null));
        ctx.redirect(authority.linkPath() + "?" + LINKED + "=" + linked + (after.isEmpty() ? "" : "&" + AFTER + "=" + after),
                HttpStatus.SEE_OTHER);
    }

    /** The records ticked on the linking page: their ids, anything else left out (each is read again). */
    private static Set<Integer> ticked(Context ctx) {
        Set<Integer> chosen = new HashSet<>();
        for (String id : ctx.formParams("document")) {
            if (id.strip().matches("[0-9]{1,9}")) {
                chosen.add(Integer.parseInt(id.strip()));
            }
        }
        return chosen;
    }

    /**
     * Where the page the ticks came from ended ("" for its first): the editor goes on from there, not
     * back to the records left unticked on purpose.
     */
    private static String afterPosted(Context ctx) {
        String after = ctx.formParam(AFTER);
        if (after != null && !after.isEmpty() && !after.matches("[0-9]{1,9}")) {
            throw new BadRequest("The form's '" + AFTER + "' field is not a record's number; reload the page and try again.");
        }
        return after == null ? "" : after;
    }

    /** {@code GET /admin/people/{key}/merge}: choose the one it is the same as. */
    public void mergeForm(Context ctx, AuthorityKind kind) {
        StoredAuthority authority = Forms.authority(ctx, authorities, kind);
        if (sentOnToTheSurvivor(ctx, authority, kind::editPath)) {
            return;
        }
        ctx.render("editing/authority-merge", mergeModel(authority, authority.version(), "", "", Map.of()));
    }

    /** {@code POST /admin/people/{key}/merge}: survivor, version, note. */
    public void merge(Context ctx, AuthorityKind kind) {
        StoredAuthority authority = Forms.authority(ctx, authorities, kind);
        MergeForm form = MergeForm.posted(ctx);
        String author = AccessControl.requireUser(ctx).username();
        MergeForm.Checked checked = form.check(authority, authorities);
        if (!checked.ok()) {
            refusedUnlessMergedAlready(ctx, authority, form, author, checked);
            return;
        }
        StoredAuthority into = checked.survivor().orElseThrow();
        // Refused by the writer after the checks above: another editor may have merged either of
        // them, restored this one, or changed either one's kind since.
        WriteOutcome.of(() -> merge(authority, form.opened(), into, author, form.note()),
                        e -> e instanceof IllegalArgumentException || e instanceof IllegalStateException)
                .orDoneBefore(() -> Optional.of(into).filter(s -> mergedAlready(authority, s, author, form.note())))
                .answer(ctx, new WriteOutcome.Page<>(merged -> kind.path(merged.key()),
                        message -> mergeAgain(ctx, authority, form, message),
                        // Only this one's version is checked: the survivor is merged into as it is when the merge
                        // is made (AuthorityWriter.merge), whoever saved it meanwhile.
                        now -> refusedMeanwhile(ctx, kind, form, merged -> "Someone changed this "
                                + authority.noun() + " while you had this page open (it is now at version " + now
                                + "). Nothing was merged: look at it again, then decide."),
                        refused -> mergeRefused(ctx, authority, into, form)));
    }

    /**
     * A merge form refused (422), unless it is the same merge sent again (a double click, whose browser
     * shows the second answer): that goes where the first went rather than saying "Nothing was merged",
     * as a new person's form sent twice goes on to the one it made ({@link #refusedUnlessMadeAlready}).
     */
    private void refusedUnlessMergedAlready(Context ctx, StoredAuthority authority, MergeForm form, String author,
                                            MergeForm.Checked checked) {
        var sentAgain = checked.survivor().filter(into -> mergedAlready(authority, into, author, form.note()));
        if (sentAgain.isPresent()) {
            ctx.redirect(authority.kind().path(sentAgain.get().key()), HttpStatus.SEE_OTHER);
            return;
        }
        ctx.status(HttpStatus.UNPROCESSABLE_CONTENT).render("editing/authority-merge",
                mergeModel(authority, form.opened(), checked.chosen(), form.note(), checked.errors()));
    }

    /** The merge form again with the choice and the note, to send again, and {@code message} (503). */
    private void mergeAgain(Context ctx, StoredAuthority authority, MergeForm form, String message) {
        Map<String, Object> model = mergeModel(authority, form.opened(), form.survivorKey(), form.note(), new HashMap<>());
        model.put("notice", message);
        ctx.render("editing/authority-merge", model);
    }

    /**
     * A merge the writer refused because the survivor was merged, this one's last merge is still being
     * undone, or either one's kind changed, since the checks. Never the same merge sent again: that
     * one's version moved with the first sending, so its second is stale before anything else is
     * looked at ({@code AuthorityWriter.claim}), and goes where the first went ({@code orDoneBefore}).
     */
    private void mergeRefused(Context ctx, StoredAuthority authority, StoredAuthority into, MergeForm form) {
        AuthorityKind kind = authority.kind();
        refusedMeanwhile(ctx, kind, form, merged -> authorities.find(kind, into.key())
                .flatMap(s -> MergeForm.otherKind(merged, s)).orElse("One of them was merged, or a merge of this one undone, "
                        + "while you had this page open. Nothing was merged: look at them again, then decide."));
    }

    /** The merge, with the note both histories are given; the survivor. */
    private StoredAuthority merge(StoredAuthority authority, int opened, StoredAuthority survivor, String author,
                                  String note) {
        String why = mergeNote(authority, survivor, note);
        store.write((w, tx) -> {
            new AuthorityWriter(w, tx, clock).merge(authority, opened, survivor, Attribution.editor(author, why));
            return null;
        });
        pending.wake(); // the records past the first batch move in the background
        return survivor;
    }

    /**
     * A merge the writer refused because one of the two moved on after the checks, and not the same
     * merge sent again: a 409 with the form as it is now, saying that this one was merged meanwhile or
     * else {@code why} (given the entry now).
     */
    private void refusedMeanwhile(Context ctx, AuthorityKind kind, MergeForm form, Function<StoredAuthority, String> why) {
        StoredAuthority now = Forms.authority(ctx, authorities, kind);
        Map<String, String> errors = new LinkedHashMap<>();
        errors.put("survivor", now.merged() ? MergeForm.mergedMeanwhile(authorities, now) : why.apply(now));
        ctx.status(HttpStatus.CONFLICT).render("editing/authority-merge",
                mergeModel(now, now.version(), form.survivorKey(), form.note(), errors));
    }

    /** What a merge's version says in both histories, and every moved record's revision. */
    private static String mergeNote(StoredAuthority merged, StoredAuthority survivor, String note) {
        return "Merged " + merged.name() + " (" + merged.key() + ") into " + survivor.name() + ": " + note;
    }

    /**
     * Whether {@code merged} is merged into {@code survivor} now by {@code author}'s merge with this
     * note: the same form sent again (a double click, whose browser shows the second answer), which
     * goes on as done rather than saying "Nothing was merged".
     */
    private boolean mergedAlready(StoredAuthority merged, StoredAuthority survivor, String author, String note) {
        StoredAuthority now = authorities.find(merged.kind(), merged.id()).orElseThrow();
        String why = mergeNote(merged, survivor, note);
        return now.merged() && survivor.key().equals(now.mergedInto()) && authorities.version(now, now.version())
                .filter(v -> author.equals(v.author()) && why.equals(v.note())).isPresent();
    }

    /**
     * What the merge form offers as the survivor: none chosen first, then every other entry of the
     * list not merged away ({@code listed}), by name and key, and by type where it is not the merged
     * one's, which a merge then refuses ({@link MergeForm#otherKind}).
     */
    private static List<Choice> survivorChoices(StoredAuthority merged, List<AuthorityRecords.Listed> listed) {
        List<Choice> choices = new ArrayList<>();
        choices.add(new Choice("", "(choose)"));
        for (AuthorityRecords.Listed c : listed) {
            if (!c.key().equals(merged.key())) {
                choices.add(new Choice(c.key(), c.name() + " (" + c.key() + ")"
                        + (c.type() == merged.content().kind() ? "" : " — " + c.type().withArticle())));
            }
        }
        return choices;
    }

    private Map<String, Object> mergeModel(StoredAuthority authority, int version, String survivor, String note,
                                           Map<String, String> errors) {
        Map<String, Object> model = new HashMap<>();
        model.put("kind", authority.kind());
        model.put("authority", authority);
        model.put("version", version);
        List<AuthorityRecords.Listed> listed = authorities.list(authority.kind());
        model.put("choices", survivorChoices(authority, listed));
        model.put("records", listed.stream().filter(a -> a.key().equals(authority.key()))
                .findFirst().map(AuthorityRecords.Listed::records).orElse(0));
        model.put("moveBatch", AuthorityWriter.MOVE_BATCH);
        model.put("survivor", survivor);
        model.put("note", note);
        model.put("errors", errors);
        model.put("problems", FormProblem.inOrder(errors, List.of("survivor", "note")));
        return model;
    }

    /** A form refused inside its write: another editor's save, committed since it was checked, took one of its names. */
    private static final class TakenMeanwhile extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient AuthorityEditForm.Checked checked;

        TakenMeanwhile(AuthorityEditForm.Checked checked) {
            super("a name of the form was taken meanwhile", null, false, false);
            this.checked = checked;
        }
    }

    /**
     * The form checked again against the names as its write transaction sees them: the check before
     * it read them outside, and two editors adding the same name at once both passed it (two
     * people of one name, or one form with two owners). Read under the list's lock, none can come
     * between this and the write.
     */
    private static void checkAgain(DSLContext tx, AuthorityEditForm form, AuthorityKind kind, AuthorityContent before,
                                   String renamedFrom, int id) {
        AuthorityEditForm.Checked again = form.check(kind, before, renamedFrom,
                new AuthorityRecords(tx).ownersForWriting(kind, id));
        if (!again.ok()) {
            throw new TakenMeanwhile(again);
        }
    }

    /** What the entry said in the version a form was opened at: what its editor saw and changed. */
    private AuthorityContent openedContent(StoredAuthority authority, int opened) {
        return authorities.version(authority, opened).map(AuthorityVersion::content).orElse(authority.content());
    }

    private void refused(Context ctx, AuthorityKind kind, StoredAuthority authority, AuthorityEditForm form, int version,
                         AuthorityEditForm.Checked checked) {
        Map<String, Object> model = model(kind, authority, form, version);
        // Sent again as it is, the form says its editor has been shown how it will be cited.
        model.put("citationAsked", authority != null && checked.errors().containsKey("sort_name")
                && form.asksCitation(openedContent(authority, version)));
        model.put("errors", checked.errors());
        model.put("problems", FormProblem.inOrder(checked.errors(), fields(form)));
        model.put("clashes", checked.clashes());
        ctx.status(HttpStatus.UNPROCESSABLE_CONTENT).render("editing/authority-edit", model);
    }

    /**
     * The editor's form merged with what is saved now ({@link StaleMerge}), beside it; the form now
     * carries that version.
     */
    private void conflict(Context ctx, AuthorityKind kind, AuthorityEditForm form, AuthorityContent mine, int opened) {
        StoredAuthority saved = Forms.authority(ctx, authorities, kind);
        // Who saved the version shown, read with it: the history's newest may be a later save's.
        AuthorityVersion latest = authorities.version(saved, saved.version()).orElseThrow();
        AuthorityVersion openedVersion = authorities.version(saved, opened).orElse(null);
        RevisionDiff since = openedVersion == null ? null
                : AuthorityDiff.between(openedVersion.content(), saved.content());
        StaleMerge<AuthorityEditForm> merge = openedVersion == null ? null
                : StaleMerge.of(openedVersion.content(), saved.content(), mine, form, AuthorityEditForm.of(saved));
        Map<String, Object> model = model(kind, saved, merge == null ? form : merge.form(), saved.version());
        model.put("conflict", new Conflict(saved, latest, opened, since, merge));
        ctx.render("editing/authority-edit", model);
    }

    /**
     * The form again with what was typed and a message, at the status already set: that it changed
     * nothing, or that the database cannot take the write now.
     */
    private static void again(Context ctx, Map<String, Object> model, String message) {
        model.put("notice", message);
        ctx.render("editing/authority-edit", model);
    }

    private Map<String, Object> model(AuthorityKind kind, StoredAuthority authority, AuthorityEditForm form, int version) {
        Map<String, Object> model = new HashMap<>();
        model.put("kind", kind);
        model.put("authority", authority);
        model.put("form", form);
        model.put("version", version);
        model.put("errors", Map.of());
        model.put("citationAsked", false);
        model.put("clashes", Map.of());
        model.put("problems", List.of());
        model.put("action", authority == null ? kind.newPath() : authority.editPath());
        model.put("cancel", authority == null ? kind.adminPath() : authority.path());
        return model;
    }

    /** The fields in the order of the form, for the summary of its problems. */
    private static List<String> fields(AuthorityEditForm form) {
        List<String> fields = new ArrayList<>(List.of("name", "sort_name", "kind", "description"));
        for (int i = 0; i < form.shownRows().size(); i++) {
            fields.add("alias-" + i);
        }
        fields.add("note");
        return fields;
    }
}
