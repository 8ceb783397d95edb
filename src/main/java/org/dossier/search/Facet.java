package org.dossier.search;

import java.util.Optional;
import org.dossier.authorities.AuthorityKind;
import org.dossier.documents.Keyed;

/**
 * The dimensions a reader can narrow by. A value is a stable key ({@code stalin}, {@code dprk},
 * {@code ciphered-telegram}, {@code ru}), never a label an editor may reword.
 */
public enum Facet implements Keyed {
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

    /**
     * A key of this facet's kind, for a message about one that is malformed: a reader who typed
     * {@code person=Stalin} is shown a person's key, not a type's.
     */
    public String exampleKey() {
        return switch (this) {
            case TYPE -> "ciphered-telegram";
            case PERSON, AUTHOR, RECIPIENT -> "stalin";
            case PLACE -> "korea";
            case LANGUAGE -> "ru";
        };
    }

    /** The name of the URL parameter and of the JSON facet. */
    public String key() {
        return key;
    }

    /**
     * The authority list the facet's values are keys of: people for person, author and recipient,
     * places for place; none for types and languages, which have no page of their own.
     */
    public Optional<AuthorityKind> authorities() {
        return switch (this) {
            case PERSON, AUTHOR, RECIPIENT -> Optional.of(AuthorityKind.PERSON);
            case PLACE -> Optional.of(AuthorityKind.PLACE);
            case TYPE, LANGUAGE -> Optional.empty();
        };
    }

    /** The facet of the records that name an authority of this kind, in any role. */
    public static Facet of(AuthorityKind kind) {
        return switch (kind) {
            case PERSON -> PERSON;
            case PLACE -> PLACE;
        };
    }

    public static Optional<Facet> fromKey(String key) {
        return Keyed.byKey(values(), key);
    }
}
