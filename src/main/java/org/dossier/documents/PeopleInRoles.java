package org.dossier.documents;

import java.util.List;
import org.dossier.authorities.PersonRole;

/** A record's people grouped by role, for the "From … to …" line and the people list of a page. */
public record PeopleInRoles(List<PersonLink> people) {

    public PeopleInRoles {
        people = people.stream().sorted(PersonLink.BY_ROLE).toList();
    }

    public List<PersonLink> authors() {
        return PersonLink.inRole(people, PersonRole.AUTHOR);
    }

    public List<PersonLink> recipients() {
        return PersonLink.inRole(people, PersonRole.RECIPIENT);
    }

    public List<PersonLink> participants() {
        return PersonLink.inRole(people, PersonRole.PARTICIPANT);
    }

    public List<PersonLink> mentioned() {
        return PersonLink.inRole(people, PersonRole.MENTIONED);
    }

    /** Whether there is a "From … to …" or "Between …" line to show. */
    public boolean correspondence() {
        return !authors().isEmpty() || !recipients().isEmpty();
    }
}
