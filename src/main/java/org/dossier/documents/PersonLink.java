package org.dossier.documents;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.dossier.authorities.AuthorityKind;
import org.dossier.authorities.AuthorityRef;
import org.dossier.authorities.EntityType;
import org.dossier.authorities.PersonRole;

/**
 * A person (or organisation) as a record names them: who, in what role, and the name parts that
 * citations and exports need.
 *
 * @param sortName the authority's sort form: "Stalin, Joseph" for a name written given name
 *     first; a name written family name first ("Mao Zedong", "Kim Il Sung") sorts as it is written
 * @param organisation an organisation is always named whole, never split or inverted
 */
public record PersonLink(int id, String key, String name, String sortName, boolean organisation, PersonRole role) {

    /**
     * Authors first, then recipients, participants and the people only mentioned; within each role
     * in the order given, which a stable sort keeps: readers hand in the links in the record's order
     * (their stored positions), the order the document names them in ("B and A" stays so).
     */
    public static final Comparator<PersonLink> BY_ROLE = Comparator.comparing(PersonLink::role);

    public PersonLink {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        sortName = sortName == null || sortName.isBlank() ? name : sortName;
    }

    /**
     * A link as the database keeps it, read once here: the person's stored kind ({@code person.kind}
     * or a version's) and the link's stored role ({@link PersonRole#stored}).
     */
    public static PersonLink stored(int id, String key, String name, String sortName, String kind, String role) {
        return new PersonLink(id, key, name, sortName, EntityType.isOrganisation(kind), PersonRole.stored(role));
    }

    /** Their page. */
    public String path() {
        return AuthorityKind.PERSON.path(key);
    }

    public AuthorityRef ref() {
        return new AuthorityRef(id, key, name);
    }

    /**
     * The family name: what comes before the comma of the sort form ("Stalin"), or, for a name
     * written family name first, its first word ("Mao"); an organisation's whole name.
     */
    public String family() {
        if (organisation) {
            return name;
        }
        int comma = sortName.indexOf(", ");
        if (comma > 0) {
            return sortName.substring(0, comma);
        }
        int space = name.indexOf(' ');
        return space > 0 ? name.substring(0, space) : name;
    }

    /**
     * The given names ("Joseph", "Zedong"), or "" for an organisation or a single name; without the
     * suffix a sort form may end with ("Davies, John Paton, Jr." has "John Paton").
     */
    public String given() {
        if (organisation) {
            return "";
        }
        int comma = sortName.indexOf(", ");
        if (comma > 0) {
            int suffix = sortName.indexOf(", ", comma + 2);
            return sortName.substring(comma + 2, suffix > 0 ? suffix : sortName.length());
        }
        int space = name.indexOf(' ');
        return space > 0 ? name.substring(space + 1) : "";
    }

    /**
     * The suffix after the given names, as a sort form written "Family, Given, Suffix" (as library
     * authority headings write it) has it: "Jr." of "Davies, John Paton, Jr.", "III"; "" for none.
     * Every format that has a place for it puts it there (BibTeX's "von Last, Jr, First", CSL's
     * {@code suffix}, APA's "Davies, J. P., Jr."): taken for given names, it became APA's
     * "Davies, J. P. J." and BibTeX's first name.
     */
    public String suffix() {
        if (organisation) {
            return "";
        }
        int comma = sortName.indexOf(", ");
        int suffix = comma > 0 ? sortName.indexOf(", ", comma + 2) : -1;
        return suffix > 0 ? sortName.substring(suffix + 2).strip() : "";
    }

    /**
     * The given names with the suffix after them ("John Paton, Jr."), as Zotero keeps a suffix in
     * its first-name field and citeproc-js parses it back out of CSL's {@code given}; the given
     * names alone when there is no suffix.
     */
    public String givenAndSuffix() {
        return suffix().isEmpty() ? given() : given() + ", " + suffix();
    }

    /**
     * Whether the family name starts with a particle written in lower case ("de Gaulle", "von
     * Braun"): the sort form says it belongs to the family name, sorted under "d", where a CSL
     * processor would split it off and the Chicago style print "Gaulle, Charles de".
     */
    public boolean familyHasParticle() {
        String family = family();
        return !organisation && !family.isEmpty() && Character.isLowerCase(family.codePointAt(0));
    }

    /** Whether the name is written family name first ("Mao Zedong"): it is never inverted in prose. */
    public boolean familyFirst() {
        return organisation || !sortName.contains(", ");
    }

    /**
     * "Stalin, Joseph", "Mao, Zedong", "Davies, John Paton, Jr.": the family name, a comma, the given
     * names, and the suffix after another; an organisation whole.
     */
    public String inverted() {
        String inverted = given().isEmpty() ? family() : family() + ", " + given();
        return suffix().isEmpty() ? inverted : inverted + ", " + suffix();
    }

    /**
     * A name as reference managers read "Lastname, Firstname" (RIS, Highwire's {@code citation_author},
     * Dublin Core): "Stalin, Joseph"; a name written family name first and an organisation
     * whole, ended by the comma ("Mao Zedong,", "Legation of Hungary in the DPRK,"): a last name
     * alone, which Zotero's translators, EndNote and citeproc-java keep in one piece and cite as
     * written. "Mao, Zedong" would be cited "Zedong Mao" in a note, an organisation's sort form
     * ("Hungary, Legation in the DPRK") "Legation in the DPRK Hungary", and a name with no comma
     * split at its last word. An organisation named with a comma ("Central Committee, CPSU") is
     * written as named: no form of these keeps it whole in Zotero, which splits any of them at its
     * first comma ("Central Committee", "CPSU"), and a comma after it stays in the first name there
     * ("CPSU,", cited "Central Committee, CPSU,.").
     */
    public String lastFirst() {
        if (organisation && name.contains(",")) {
            return name;
        }
        return familyFirst() ? name + "," : inverted();
    }

    /** As a bibliography lists its first author: "Stalin, Joseph", but "Mao Zedong" as written. */
    public String bibliographic() {
        return familyFirst() ? name : inverted();
    }

    public static List<PersonLink> inRole(List<PersonLink> people, PersonRole role) {
        return people.stream().filter(p -> p.role() == role).toList();
    }
}
