package org.dossier.authorities;

import java.util.Arrays;
import java.util.Optional;

/**
 * What an authority is, as each of its versions keeps it ({@code authority_version.kind}, and
 * {@code person.kind} for the people): a person or an organisation, both in the people's list, or a
 * place. An organisation is cited whole, never inverted: "Legation of Hungary in North Korea", not
 * "Korea, Legation of Hungary in North".
 */
public enum EntityType {
    PERSON("person", AuthorityKind.PERSON),
    ORGANISATION(AuthorityFiles.ORGANISATION, AuthorityKind.PERSON),
    PLACE("place", AuthorityKind.PLACE);

    private final String key;
    private final AuthorityKind list;

    EntityType(String key, AuthorityKind list) {
        this.key = key;
        this.list = list;
    }

    /** As stored and as the person form posts it: {@code person}, {@code organisation}, {@code place}. */
    public String key() {
        return key;
    }

    /** "a person", "an organisation", "a place": what a message calls an entry of this type. */
    public String withArticle() {
        return (this == ORGANISATION ? "an " : "a ") + key;
    }

    /** The list an entry of this type is kept in. */
    public AuthorityKind list() {
        return list;
    }

    /** What a new entry of {@code list} is until its form says otherwise. */
    public static EntityType usual(AuthorityKind list) {
        return list == AuthorityKind.PERSON ? PERSON : PLACE;
    }

    /** The type {@code key} names, if it is one that {@code list} keeps. */
    public static Optional<EntityType> of(AuthorityKind list, String key) {
        return Arrays.stream(values()).filter(t -> t.list == list && t.key.equals(key)).findFirst();
    }

    /** A type as stored for an entry of {@code list}: one this build does not know is read as the list's usual one. */
    static EntityType stored(AuthorityKind list, String key) {
        return of(list, key).orElse(usual(list));
    }

    /** Whether a person's stored kind ({@code person.kind}, as records' queries read it) is an organisation's. */
    public static boolean isOrganisation(String storedKind) {
        return ORGANISATION.key.equals(storedKind);
    }
}
