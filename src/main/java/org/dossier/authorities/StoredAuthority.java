package org.dossier.authorities;

/**
 * A person or place as the database has it now: its id, its stable key, its version, what it says,
 * and, once merged into another, the survivor's key (its pages then redirect there).
 */
public record StoredAuthority(AuthorityKind kind, int id, String key, int version, AuthorityContent content,
                              String mergedInto) {

    public boolean merged() {
        return mergedInto != null;
    }

    public String name() {
        return content.name();
    }

    /** What it is now, as its pages call it: "person", "organisation" or "place" (its list's noun would call an organisation a person). */
    public String noun() {
        return content.kind().key();
    }

    public String path() {
        return kind.path(key);
    }

    public String editPath() {
        return kind.editPath(key);
    }

    public String historyPath() {
        return kind.historyPath(key);
    }

    public String historyPath(int number) {
        return kind.historyPath(key, number);
    }

    public String linkPath() {
        return kind.linkPath(key);
    }

    public String mergePath() {
        return kind.mergePath(key);
    }

    public String restorePath() {
        return kind.restorePath(key);
    }
}
