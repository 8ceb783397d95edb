package org.dossier.authorities;

/**
 * One row of an authority file: a form of a person's, place's or type's name and what kind of
 * form it is (the preferred one, a variant, a pseudonym, a misspelling; for types a label or a
 * title pattern).
 */
public record AuthorityForm(String key, String kind, String name, String sortAs, String note, int line) {
}
