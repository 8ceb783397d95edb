package org.dossier.authorities;

import java.util.List;
import java.util.stream.Stream;

/**
 * What an import of lists reports of them, one line each, in two kinds an operator reads apart:
 * where the lists differ from what editors made of an entry (the editors' work is kept, never
 * overwritten), and the forms of a name the lists give an entry that another entry has already
 * (left with that one, untouched entries' too: two owners would both claim the records that name it).
 *
 * @param editorsWorkKept          what the file says otherwise than an editor, who is kept
 * @param formsLeftWithTheirOwners each form the file gives an entry and another has, "(kept there)"
 */
public record ListDifferences(List<String> editorsWorkKept, List<String> formsLeftWithTheirOwners) {

    /** An import of no lists, or of lists that say what the catalogue says. */
    public static final ListDifferences NONE = new ListDifferences(List.of(), List.of());

    public ListDifferences {
        editorsWorkKept = List.copyOf(editorsWorkKept);
        formsLeftWithTheirOwners = List.copyOf(formsLeftWithTheirOwners);
    }

    /** These, then {@code later}'s: an import of several folders' lists. */
    public ListDifferences and(ListDifferences later) {
        return new ListDifferences(Stream.concat(editorsWorkKept.stream(), later.editorsWorkKept.stream()).toList(),
                Stream.concat(formsLeftWithTheirOwners.stream(), later.formsLeftWithTheirOwners.stream()).toList());
    }

    /** Every line of both kinds, the editors' first. */
    public List<String> all() {
        return Stream.concat(editorsWorkKept.stream(), formsLeftWithTheirOwners.stream()).toList();
    }
}
