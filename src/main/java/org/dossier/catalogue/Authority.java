package org.dossier.catalogue;

import java.util.List;
import org.dossier.authorities.AuthorityKind;

/** A person or a place as its page shows it: the preferred name, a note, and every other form of the name. */
public record Authority(AuthorityKind kind, int id, String key, String name, String note, List<Alias> aliases) {

    /** Another form of the name, and what kind of form it is (variant, pseudonym, misspelling...). */
    public record Alias(String name, String kind) {
    }

    public Authority {
        aliases = List.copyOf(aliases);
    }

    public String path() {
        return kind.path(key);
    }
}
