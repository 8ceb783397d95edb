package org.dossier.search;

import java.util.Arrays;
import java.util.Optional;

/**
 * The dimensions a reader can narrow by. A value is a stable key ({@code stalin}, {@code dprk},
 * {@code ciphered-telegram}, {@code ru}), never a label an editor may reword.
 */
public enum Facet {
    TYPE("type"),
    PERSON("person"),
    PLACE("place"),
    /** The people who wrote a record: {@code ?author=stalin} is what Stalin sent. */
    AUTHOR("author"),
    /** The people a record was sent to: {@code ?recipient=stalin} is what Stalin received. */
    RECIPIENT("recipient"),
    /**
     * The languages a record is written in, by code ({@code ?language=ru}; see
     * {@link org.dossier.documents.Languages}): not an authority list, but a value no editor rewords
     * all the same. A record whose languages no one has recorded has none.
     */
    LANGUAGE("language");

    private final String key;

    Facet(String key) {
        this.key = key;
    }

    /** The name of the URL parameter and of the JSON facet. */
    public String key() {
        return key;
    }

    /** Whether the facet's values are people: person, author and recipient all are. */
    public boolean ofPeople() {
        return this == PERSON || this == AUTHOR || this == RECIPIENT;
    }

    public static Optional<Facet> fromKey(String key) {
        return Arrays.stream(values()).filter(f -> f.key.equals(key)).findFirst();
    }
}
