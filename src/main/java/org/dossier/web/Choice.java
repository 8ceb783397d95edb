package org.dossier.web;

import java.util.Objects;

/**
 * One option of a form's list to choose from ({@code fragments/form :: select}): the {@code value}
 * the form sends when it is chosen, and the {@code label} the list shows for it. An empty value is
 * the list's "none chosen" ({@code (choose)}, {@code (no type)}).
 */
public record Choice(String value, String label) {

    public Choice {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(label, "label");
    }
}
