package org.dossier.editing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.dossier.authorities.AliasKind;
import org.dossier.authorities.AuthorityKind;
import org.dossier.authorities.EntityType;
import org.dossier.testing.SameOnEveryDatabase;
import org.junit.jupiter.api.Test;

/** An authority's form, checked as the editor's save checks it. */
@SameOnEveryDatabase
class AuthorityEditFormTest {

    /** "é" typed as e and a combining accent (macOS, text pasted from a PDF): two characters typed, one stored. */
    private static final String DECOMPOSED_E = "e\u0301";

    private static AuthorityEditForm.Checked check(String name, String description, String alias) {
        return new AuthorityEditForm(name, "", description, EntityType.usual(AuthorityKind.PERSON).key(),
                List.of(new AuthorityEditForm.Row(alias, AliasKind.VARIANT.key())), "note", false)
                .check(AuthorityKind.PERSON, null, Map.of());
    }

    @Test
    void aNameAFormAndANoteAreCountedAsStoredSoComposedLettersFitTheirLimits() {
        // 400 characters typed for the name, 4,000 for the note: 200 and 2,000 as stored.
        AuthorityEditForm.Checked checked = check(DECOMPOSED_E.repeat(200), DECOMPOSED_E.repeat(2_000),
                "x" + DECOMPOSED_E.repeat(199));
        assertTrue(checked.ok(), checked.errors().toString());
        assertEquals(AuthorityEditForm.MAX_NAME, checked.content().name().length());
        assertEquals(AuthorityEditForm.MAX_DESCRIPTION, checked.content().description().length());

        AuthorityEditForm.Checked over = check(DECOMPOSED_E.repeat(201), DECOMPOSED_E.repeat(2_001),
                "x" + DECOMPOSED_E.repeat(200));
        assertEquals("A name has at most 200 characters.", over.errors().get("name"));
        assertEquals("The note has at most 2000 characters.", over.errors().get("description"));
        assertEquals("A form of a name has at most 200 characters.", over.errors().get("alias-0"));
    }
}
