package org.dossier.web;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * One line of the summary a refused form opens with ({@code fragments/form :: problems}): a link to
 * the control with the problem ({@code target}, its id) that says what to change there.
 */
public record FormProblem(String target, String message) {

    public FormProblem {
        Objects.requireNonNull(target);
        Objects.requireNonNull(message);
    }

    /**
     * The problems of {@code errors} (field to message) in the order of the form's {@code fields},
     * then any other in the order {@code errors} has them, so that none is left out of the summary
     * (a record's languages once were); each leads to its field.
     */
    public static List<FormProblem> inOrder(Map<String, String> errors, List<String> fields) {
        return Stream.concat(fields.stream().filter(errors::containsKey),
                        errors.keySet().stream().filter(f -> !fields.contains(f)))
                .map(f -> new FormProblem(f, errors.get(f))).toList();
    }
}
