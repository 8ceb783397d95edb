package org.dossier.authorities;

/** A pointer to a person, place or document type: its id, its stable URL key and its name. */
public record AuthorityRef(int id, String key, String name) {
}
