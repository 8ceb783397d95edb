package org.dossier.editing;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dossier.accounts.AccessControl;
import org.dossier.authorities.AuthorityContent;
import org.dossier.authorities.AuthorityKind;
import org.dossier.authorities.AuthorityRecords;
import org.dossier.authorities.PendingMerges;
import org.dossier.authorities.AuthorityVersion;
import org.dossier.authorities.AuthorityWriter;
import org.dossier.authorities.StoredAuthority;
import org.dossier.authorities.SurvivorMergedAwayException;
import org.dossier.documents.Attribution;
import org.dossier.documents.NoSuchVersion;
import org.dossier.documents.RecordStore;
import org.dossier.documents.VersionPage;
import org.dossier.web.ConditionalGet;
import org.dossier.web.NotFound;
import org.jooq.DSLContext;

/**
 * {@code /people/{key}/history} and {@code /places/{key}/history}: every version of a person or
 * place, public like a record's, each with a word-level diff against the one before; editors can
 * restore an earlier version, which makes a new one.
 */
public final class AuthorityHistory {

    private final RecordStore store;
    private final AuthorityRecords authorities;
    private final PendingMerges pending;
    private final Clock clock;
    private final ConditionalGet conditional;

    public AuthorityHistory(DSLContext db, RecordStore store, PendingMerges pending, Clock clock,
                            ConditionalGet conditional) {
        this.store = store;
        this.authorities = new AuthorityRecords(db);
        this.pending = pending;
        this.clock = clock;
        this.conditional = conditional;
    }

    /** {@code GET /people/{key}/history}. */
    public void list(Context ctx, AuthorityKind kind) {
        StoredAuthority authority = Forms.authority(ctx, authorities, kind);
        // Validated as a record's history is: a reader who has the page is answered 304 until it changes.
        if (conditional.answered(ctx, "history", kind, authority.key(), authority.version())) {
            return;
        }
        Map<String, Object> model = new HashMap<>(Map.of("kind", kind, "authority", authority,
                "versions", authorities.versions(authority), "survivorName", survivorName(authority)));
        model.put("restoredNotice", RestoredNotice.of(ctx, authority.version()));
        ctx.render("editing/authority-history", model);
    }

    /** The name of the one it was merged into, which its pages say rather than only its key; "" if not merged. */
    private String survivorName(StoredAuthority authority) {
        return authority.merged() ? nameOf(authority.kind(), authority.mergedInto()) : "";
    }

    /** The name of the entry {@code key}, or the key itself if there is none (a merge's survivor has no foreign key). */
    private String nameOf(AuthorityKind kind, String key) {
        return authorities.find(kind, key).map(StoredAuthority::name).orElse(key);
    }

    /** {@code GET /people/{key}/history/{number}}. */
    public void show(Context ctx, AuthorityKind kind) {
        StoredAuthority authority = Forms.authority(ctx, authorities, kind);
        int number = VersionPage.number(ctx);
        // A version it never had is a 404 (the model says so) and is given no validator.
        boolean had = number >= 1 && number <= authority.version();
        if (had && conditional.answered(ctx, "history", kind, authority.key(), authority.version(), number)) {
            return;
        }
        ctx.render("editing/authority-version", versionModel(authority, number, null, null));
    }

    /** {@code POST /admin/people/{key}/restore}: revision, version, note. */
    public void restore(Context ctx, AuthorityKind kind) {
        StoredAuthority authority = Forms.authority(ctx, authorities, kind);
        Restoring asked = restoring(authority, RestoreForm.posted(ctx));
        int number = asked.form().number();
        String note = asked.form().note();
        Optional<Refusal> refusal = asked.refusal(authorities, authority);
        if (refusal.isPresent()) {
            ctx.status(refusal.get().status());
            refuse(ctx, authority, number, note, refusal.get().noteRefused(), refusal.get().problem());
            return;
        }
        String author = AccessControl.requireUser(ctx).username();
        WriteOutcome.of(() -> restore(authority, asked, author), e -> e instanceof ClashMeanwhile
                        || e instanceof SurvivorMergedAwayException)
                .unchangedIf(changed -> !changed,
                        "Version " + number + " says what the " + authority.noun() + " says now: there is nothing to restore.")
                .orDoneBefore(() -> restoredAlready(authority, asked, author))
                .answer(ctx, new WriteOutcome.Page<>(restored -> restoredPath(authority, number),
                        message -> refuse(ctx, authority, number, note, false, message),
                        now -> refuse(ctx, authority, number, note, false, changedMeanwhile(authority, now)),
                        refused -> refusedMeanwhile(ctx, authority, number, note, refused)));
    }

    /**
     * The restore, refused inside its write if a form it gives back was taken since the page's
     * check; whether it changed the entry.
     */
    private boolean restore(StoredAuthority authority, Restoring asked, String author) {
        boolean changed = store.write((w, tx) -> {
            AuthorityRecords locked = new AuthorityRecords(tx);
            clashOf(locked, locked.ownersForWriting(authority.kind(), authority.id()), authority, asked.restored())
                    .ifPresent(c -> {
                        throw new ClashMeanwhile(c);
                    });
            return new AuthorityWriter(w, tx, clock).restore(authority, asked.form().opened(), asked.form().number(),
                    asked.form().keepName(),
                    Attribution.editor(author, asked.why()));
        });
        if (changed) {
            pending.wake(); // an undone merge's records come back in batches
        }
        return changed;
    }

    /** Why a stale restore was refused, naming the entry as it is now (another editor may have changed its kind). */
    private String changedMeanwhile(StoredAuthority authority, int currentVersion) {
        return "Someone changed this " + authorities.find(authority.kind(), authority.id()).orElseThrow().noun()
                + " while you had this page open (it is now at version " + currentVersion + "). Nothing was "
                + "restored: look at the history again, then decide.";
    }

    /** Where a restore goes once done: to the history, which says it was restored. */
    private String restoredPath(StoredAuthority authority, int number) {
        StoredAuthority now = authorities.find(authority.kind(), authority.id()).orElseThrow();
        return RestoredNotice.path(now.historyPath(), number, now.version());
    }

    /** Whether the entry says now what the restore asked, by this editor with its note: the same restore sent again (a double click). */
    private Optional<Boolean> restoredAlready(StoredAuthority authority, Restoring asked, String author) {
        StoredAuthority now = authorities.find(authority.kind(), authority.id()).orElseThrow();
        return !now.merged() && now.content().equals(asked.restored()) && authorities.version(now, now.version())
                .filter(v -> author.equals(v.author()) && asked.why().equals(v.note())).isPresent()
                ? Optional.of(true) : Optional.empty();
    }

    /** A restore the writer refused: a form taken since the page's check, or a survivor merged on since. */
    private void refusedMeanwhile(Context ctx, StoredAuthority authority, int number, String note, RuntimeException why) {
        ctx.status(HttpStatus.CONFLICT);
        if (why instanceof ClashMeanwhile clash) {
            refuse(ctx, authority, number, note, false, clashMessage(authority, number, clash.clash));
            return;
        }
        StoredAuthority survivor = ((SurvivorMergedAwayException) why).survivor();
        String onward = authorities.find(authority.kind(), survivor.mergedInto()).map(StoredAuthority::name)
                .orElse(survivor.mergedInto());
        refuse(ctx, authority, number, note, false, "Its records went to " + survivor.name()
                + ", which has since been merged into " + onward + ". Nothing was restored: undo that merge "
                + "first (restore " + survivor.name() + "'s version from before it), then this one.");
    }

    /**
     * What a restore form asks: version {@code form.number()} made the entry's content again, over the
     * one the page was opened at; {@code restored} is that content, {@code why} the note its history is given.
     */
    private record Restoring(RestoreForm form, AuthorityContent restored, String why) {

        /** Why it is refused before it is written, if it is: its note (422), or a form it gives back that another has now (409). */
        Optional<Refusal> refusal(AuthorityRecords authorities, StoredAuthority authority) {
            Optional<String> noteProblem = form.noteProblem();
            if (noteProblem.isPresent()) {
                return Optional.of(new Refusal(HttpStatus.UNPROCESSABLE_CONTENT, true, noteProblem.get()));
            }
            // A form it had then may be another's now (taken out here, added there since): as the form
            // refuses a form another has, so does a restore, or two would own it. Checked here for the
            // page, and again inside the write under the list's lock, as a new or edited entry is, so
            // that an entry made with that form at the same moment cannot come between the two.
            return clashOf(authorities, authorities.owners(authority.kind(), authority.id()), authority, restored)
                    .map(clash -> new Refusal(HttpStatus.CONFLICT, false, clashMessage(authority, form.number(), clash)));
        }
    }

    /** What the version's page says refusing a restore, and at which status; {@code noteRefused}: the problem is the note. */
    private record Refusal(HttpStatus status, boolean noteRefused, String problem) {
    }

    private Restoring restoring(StoredAuthority authority, RestoreForm form) {
        int number = form.number();
        AuthorityVersion restoring = authorities.version(authority, number).orElseThrow(() -> noVersion(authority, number));
        Optional<AuthorityVersion> opened = authorities.version(authority, form.opened());
        // Another name than the one it had when the page was opened keeps that one as a former name,
        // as a rename does (the page said so, beside the box not to). Read from the version opened, as
        // the edit form reads its old name: the same form sent twice keeps the same name.
        AuthorityContent restored = restoring.restoredOver(opened.map(v -> v.content().name()).orElse(authority.name()),
                form.keepName());
        // Undoing a merge writes the survivor's history and each record's too, where "Restored
        // version 1" would name a version of another entry: it says, as a merge does, what it undid.
        // Read from the version the page was opened at, not from the entry now: the same form sent
        // twice (a double click) finds the merge undone by its first sending, and must say what that
        // one said to be known for the same.
        String mergedInto = opened.map(AuthorityVersion::mergedInto).orElse(null);
        String why = mergedInto != null && restoring.mergedInto() == null
                ? "Undid the merge of " + authority.name() + " (" + authority.key() + ") into "
                        + nameOf(authority.kind(), mergedInto) + ": " + form.note()
                : form.note();
        return new Restoring(form, restored, why);
    }

    /**
     * The first form {@code restored} would give the authority that another has now, as
     * {@code records} read them. Undoing a merge takes its forms back from the survivor, which is no
     * clash; a survivor merged on since has passed them on (the writer refuses that undoing, saying why).
     */
    private static Optional<AuthorityEditForm.Clash> clashOf(AuthorityRecords records,
                                                             Map<String, List<AuthorityRecords.Owner>> owners,
                                                             StoredAuthority authority, AuthorityContent restored) {
        Map<String, List<AuthorityRecords.Owner>> others = new HashMap<>(owners);
        if (authority.merged()) {
            boolean survivorMergedOn = records.find(authority.kind(), authority.mergedInto())
                    .map(StoredAuthority::merged).orElse(false);
            if (survivorMergedOn) {
                return Optional.empty();
            }
            others.replaceAll((form, those) -> those.stream().filter(o -> !o.key().equals(authority.mergedInto())).toList());
        }
        return AuthorityEditForm.firstClash(authority.kind(), restored, authority.content(), others);
    }

    private static String clashMessage(StoredAuthority authority, int number, AuthorityEditForm.Clash clash) {
        return "Version " + number + " gives it the form '" + clash.form() + "', which is a name of " + clash.name()
                + " (" + clash.key() + ") now. Nothing was restored: take the form from " + clash.name()
                + " first, or edit this " + authority.noun() + " instead.";
    }

    /** A restore refused inside its write: an entry saved since the page's check took one of its forms. */
    private static final class ClashMeanwhile extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient AuthorityEditForm.Clash clash;

        ClashMeanwhile(AuthorityEditForm.Clash clash) {
            super("a form of the version was taken meanwhile", null, false, false);
            this.clash = clash;
        }
    }

    /**
     * The version's page again with the note typed and {@code problem}, at the status already set;
     * {@code noteRefused}: the problem is the note, which the page then marks and describes.
     */
    private void refuse(Context ctx, StoredAuthority authority, int number, String note, boolean noteRefused,
                        String problem) {
        StoredAuthority now = authorities.find(authority.kind(), authority.id()).orElseThrow();
        Map<String, Object> model = versionModel(now, number, problem, note);
        model.put("noteRefused", noteRefused);
        model.put("dropOldName", ctx.formParam(AuthorityEditForm.DROP_OLD_NAME) != null);
        ctx.render("editing/authority-version", model);
    }

    private Map<String, Object> versionModel(StoredAuthority authority, int number, String problem, String note) {
        AuthorityVersion version = authorities.version(authority, number).orElseThrow(() -> noVersion(authority, number));
        AuthorityVersion before = number > 1 ? authorities.version(authority, number - 1).orElse(null) : null;
        Map<String, Object> model = new HashMap<>();
        model.put("kind", authority.kind());
        model.put("authority", authority);
        model.put("version", version);
        model.put("diff", withRecordsMoved(authority, version, AuthorityDiff.between(before, version)));
        model.put("previous", number > 1 ? number - 1 : null);
        model.put("next", number < authority.version() ? number + 1 : null);
        model.put("note", note == null ? "Restored version " + number : note);
        model.put("problem", problem);
        model.put("survivorName", survivorName(authority));
        model.put("mergedSince", mergedInSince(authority, number));
        // The name it has, which restoring this version of another name keeps as a former name: said
        // on the form before it is sent, as the edit form says it of a rename (null where it keeps none).
        model.put("keeps", version.restoredOver(authority.name(), true).equals(version.content()) ? null : authority.name());
        model.put("dropOldName", false);
        return model;
    }

    /**
     * Those merged into this one after version {@code number} and merged into it still: restoring
     * this version would not undo their merges (only their own versions from before do), but take
     * away the forms of the name they brought, their records staying here. The restore form says so.
     */
    private List<StoredAuthority> mergedInSince(StoredAuthority authority, int number) {
        if (authority.merged()) {
            return List.of();
        }
        return authorities.versions(authority).stream()
                .filter(v -> v.number() > number && v.mergeVersion())
                .map(v -> org.dossier.authorities.AuthorityMerge.fromJson(v.merge()))
                .filter(m -> m.survivor().equals(authority.key()))
                .map(org.dossier.authorities.AuthorityMerge::merged).distinct()
                .flatMap(key -> authorities.find(authority.kind(), key).stream())
                .filter(merged -> authority.key().equals(merged.mergedInto()))
                .toList();
    }

    /**
     * A merge's version, and its undoing's, say how many records moved and between which two: what
     * the forms of the name alone do not show. The undoing writes the merge again (what it undid), so
     * in each history the merge's versions alternate: a merge, then its undoing.
     */
    private RevisionDiff withRecordsMoved(StoredAuthority authority, AuthorityVersion version, RevisionDiff diff) {
        if (!version.mergeVersion()) {
            return diff;
        }
        var merge = org.dossier.authorities.AuthorityMerge.fromJson(version.merge());
        if (merge.records() == null) {
            return diff;
        }
        long sameBefore = authorities.versions(authority).stream()
                .filter(v -> v.number() < version.number() && version.merge().equals(v.merge())).count();
        boolean undoing = sameBefore % 2 == 1;
        boolean mergedAway = merge.merged().equals(authority.key());
        String other = authorities.named(authority.kind(), mergedAway ? merge.survivor() : merge.merged());
        String records = merge.records() == 1 ? "1 record" : String.format(java.util.Locale.ENGLISH, "%,d records", merge.records());
        String moved = mergedAway
                ? (undoing ? records + " came back from " + other : records + " moved to " + other)
                : (undoing ? records + " went back to " + other : records + " came here from " + other);
        List<RevisionDiff.Change> changes = new java.util.ArrayList<>(diff.changes());
        changes.add(new RevisionDiff.Change("Records", WordDiff.html(List.of(new WordDiff.Part(WordDiff.Kind.SAME,
                moved + ", each with a version of its own saying so")))));
        return new RevisionDiff(changes, diff.unchanged());
    }

    /** The 404 of its history asked for a version it does not have, named as readers know it, in the words a record's says it. */
    private static NotFound noVersion(StoredAuthority authority, int number) {
        return new NoSuchVersion(authority.name(), number, authority.version()).notFound();
    }

    static List<AuthorityKind> kinds() {
        return List.of(AuthorityKind.values());
    }
}
