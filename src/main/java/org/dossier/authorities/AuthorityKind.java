package org.dossier.authorities;

import java.util.Optional;
import org.dossier.documents.Keyed;

/** The two authority lists editors keep: people (and organisations) and places. */
public enum AuthorityKind implements Keyed {
    PERSON("person", "people", "person", "People"),
    PLACE("place", "places", "place", "Places");

    private final String key;
    private final String plural;
    private final String noun;
    private final String heading;

    AuthorityKind(String key, String plural, String noun, String heading) {
        this.key = key;
        this.plural = plural;
        this.noun = noun;
        this.heading = heading;
    }

    /** As stored ({@code authority_version.facet}) and as a search facet: {@code person}, {@code place}. */
    public String key() {
        return key;
    }

    /** The word in addresses: {@code /people/…}, {@code /admin/places}. */
    public String plural() {
        return plural;
    }

    public String noun() {
        return noun;
    }

    public String heading() {
        return heading;
    }

    /**
     * Whether this is the people's list, whose entries (unlike places) may be organisations, have
     * pseudonyms and a role in each record: what their forms and pages say of those.
     */
    public boolean forPeople() {
        return this == PERSON;
    }

    /** The public page of the authority {@code key}. */
    public String path(String key) {
        return "/" + plural + "/" + key;
    }

    public String historyPath(String key) {
        return path(key) + "/history";
    }

    /** Version {@code number} in the history, with its word-level diff against the one before. */
    public String historyPath(String key, int number) {
        return historyPath(key) + "/" + number;
    }

    /** The editors' list of every person (or place). */
    public String adminPath() {
        return "/admin/" + plural;
    }

    public String newPath() {
        return adminPath() + "/new";
    }

    public String editPath(String key) {
        return adminPath() + "/" + key + "/edit";
    }

    /** The records that name the authority without being linked to it, to link. */
    public String linkPath(String key) {
        return adminPath() + "/" + key + "/link";
    }

    public String mergePath(String key) {
        return adminPath() + "/" + key + "/merge";
    }

    /** Where an earlier version is posted to become the current one again. */
    public String restorePath(String key) {
        return adminPath() + "/" + key + "/restore";
    }

    public static Optional<AuthorityKind> fromKey(String key) {
        return Keyed.byKey(values(), key);
    }
}
