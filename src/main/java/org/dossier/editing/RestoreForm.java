package org.dossier.editing;

import io.javalin.http.Context;
import java.util.Objects;
import java.util.Optional;

/**
 * What a restore form posts, a record's or a person's or place's, as typed: the version to restore
 * ({@code revision}), the version its page was opened at, the note its history is given, and whether
 * a renamed person or place keeps the name it has now as a former name (the box not to, which only
 * their form has: unticked, and absent, it is kept).
 */
record RestoreForm(int number, int opened, String note, boolean keepName) {

    RestoreForm {
        Objects.requireNonNull(note);
    }

    static RestoreForm posted(Context ctx) {
        int number = Forms.number(ctx, "revision");
        int opened = Forms.number(ctx, "version");
        return new RestoreForm(number, opened, ChangeNote.posted(ctx),
                ctx.formParam(AuthorityEditForm.DROP_OLD_NAME) == null);
    }

    /** What is wrong with its note, if anything: a restore says why the version comes back. */
    Optional<String> noteProblem() {
        return ChangeNote.problem(note, ChangeNote.WHY_RESTORED);
    }
}
