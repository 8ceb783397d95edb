package org.dossier.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dossier.testing.SameOnEveryDatabase;
import org.junit.jupiter.api.Test;

/** The lines of a refused form's summary of its problems. */
@SameOnEveryDatabase
class FormProblemTest {

    @Test
    void problemsAreListedInTheOrderOfTheFormAndAFieldTheFormDoesNotListIsNotLeftOut() {
        Map<String, String> errors = new LinkedHashMap<>();
        errors.put("note", "Say why.");
        errors.put("languages", "Which language is 'Rusian'?");
        errors.put("title", "Write a title.");
        assertEquals(List.of(new FormProblem("title", "Write a title."), new FormProblem("note", "Say why."),
                        new FormProblem("languages", "Which language is 'Rusian'?")),
                FormProblem.inOrder(errors, List.of("title", "date", "note")));
    }
}
