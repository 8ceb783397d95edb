package org.dossier.authorities;

import java.util.Optional;
import org.dossier.documents.Keyed;

/**
 * What kind of form of a name an alias is. {@link #FULL_NAME_ONLY} marks a short form many share
 * ("Kim", "Mao"): the extractor reads it beside the rest of a name, search does not widen a query
 * for it alone, and several authorities may have it.
 */
public enum AliasKind implements Keyed {
    VARIANT("variant", "Variant"),
    PSEUDONYM("pseudonym", "Pseudonym"),
    MISSPELLING("misspelling", "Misspelling"),
    ABBREVIATION("abbreviation", "Abbreviation"),
    FORMER("former", "Former name"),
    FULL_NAME_ONLY("full-name-only", "Short form, only with the full name");

    private final String key;
    private final String label;

    AliasKind(String key, String label) {
        this.key = key;
        this.label = label;
    }

    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    public static Optional<AliasKind> fromKey(String key) {
        return Keyed.byKey(values(), key);
    }
}
