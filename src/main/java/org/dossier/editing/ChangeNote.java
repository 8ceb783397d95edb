package org.dossier.editing;

import io.javalin.http.Context;
import java.util.Optional;
import org.dossier.documents.ControlCharacters;
import org.dossier.web.FormFields;

/**
 * The note an editor gives a change (a correction, a new entry, a merge, a restore, a record
 * reinstated), which the history keeps beside it. Every form asks the same of it: that there is
 * one, of at most {@link #MOST} characters, with no control character (PostgreSQL keeps no NUL in
 * text: it was a 500 there, and kept raw on SQLite); only the words asking for a missing one differ.
 */
final class ChangeNote {

    /** The longest note, in characters. */
    static final int MOST = 1_000;
    /** What a restore, of a record's version or of an authority's, asks for when its note is missing. */
    static final String WHY_RESTORED = "Say why this version comes back: the note is kept in the history.";

    private ChangeNote() {
    }

    /**
     * The note a form posted in its {@code note} field, as it is kept: without bidi controls (one left
     * open would reverse the history's page around it) and without white space around.
     */
    static String posted(Context ctx) {
        return ControlCharacters.withoutBidiControls(FormFields.text(ctx, "note")).strip();
    }

    /**
     * What is wrong with {@code note}, if anything: {@code missing} when it shows nothing (what to
     * write, and why it is asked for), its length, or its control character.
     */
    static Optional<String> problem(String note, String missing) {
        if (ControlCharacters.showsNothing(note)) {
            return Optional.of(missing);
        }
        if (note.strip().length() > MOST) {
            return Optional.of("A note has at most " + MOST + " characters.");
        }
        return ControlCharacters.refusal("note", note);
    }
}
