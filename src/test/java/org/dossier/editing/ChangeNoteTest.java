package org.dossier.editing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.dossier.testing.SameOnEveryDatabase;
import org.junit.jupiter.api.Test;

/** The note every change asks for, checked one way for each form that asks it. */
@SameOnEveryDatabase
class ChangeNoteTest {

    private static final String MISSING = "Say why: the note is kept in the history.";

    @Test
    void aNoteThatShowsNothingIsAskedForInTheFormsOwnWords() {
        assertEquals(Optional.of(MISSING), ChangeNote.problem("", MISSING));
        assertEquals(Optional.of(MISSING), ChangeNote.problem(" \u00a0\u200b", MISSING), "no visible character");
    }

    @Test
    void aNoteHasAtMostAThousandCharactersAroundWhichSpaceDoesNotCount() {
        String longest = "n".repeat(1_000);
        assertEquals(Optional.empty(), ChangeNote.problem(longest, MISSING));
        assertEquals(Optional.empty(), ChangeNote.problem("  " + longest + "  ", MISSING), "as it is kept, stripped");
        assertEquals(Optional.of("A note has at most 1000 characters."), ChangeNote.problem(longest + "n", MISSING));
    }

    @Test
    void aControlCharacterIsRefusedNamingTheNote() {
        Optional<String> refused = ChangeNote.problem("Fixed\u0000 the date", MISSING);
        assertTrue(refused.isPresent());
        assertTrue(refused.get().startsWith("The note has a control character"), refused.get());
        assertEquals(Optional.empty(), ChangeNote.problem("Fixed the date", MISSING));
    }
}
