package org.dossier.authorities;

import java.util.Locale;
import java.util.Optional;
import org.dossier.documents.Keyed;

/**
 * What a person (or organisation) is to a record. An intermediary a message went "via" is
 * {@link #MENTIONED}: neither the one who wrote it nor the one it was for, and citations name
 * only authors and recipients. Declared from the strongest claim to the weakest: where a title
 * gives a person two roles, the stronger one wins.
 */
public enum PersonRole implements Keyed {
    AUTHOR("author", "Author"),
    RECIPIENT("recipient", "Recipient"),
    PARTICIPANT("participant", "Participant"),
    MENTIONED("mentioned", "Mentioned");

    private final String key;
    private final String label;

    PersonRole(String key, String label) {
        this.key = key;
        this.label = label;
    }

    /** The stable name stored in the database and used in URLs and JSON ("author"). */
    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    public static Optional<PersonRole> fromKey(String key) {
        return Keyed.byKey(values(), key == null ? "" : key.strip().toLowerCase(Locale.ROOT));
    }

    /** The stored role, or {@link #MENTIONED} for a link that claims nothing. */
    public static PersonRole stored(String key) {
        return fromKey(key).orElse(MENTIONED);
    }

    /** The stronger of two roles. */
    public PersonRole strongest(PersonRole other) {
        return other == null || ordinal() <= other.ordinal() ? this : other;
    }
}
