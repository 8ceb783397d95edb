package org.dossier.editing;

import static org.dossier.db.Tables.DOCUMENT_TYPE;
import static org.dossier.db.Tables.PERSON;
import static org.dossier.db.Tables.PLACE;

import java.util.List;
import org.dossier.authorities.AuthorityRef;
import org.jooq.DSLContext;
import org.jooq.Records;

/** What a record form offers to choose from: the authority lists of types, people and places. */
public record AuthorityChoices(List<AuthorityRef> types, List<AuthorityRef> people, List<AuthorityRef> places) {

    public AuthorityChoices {
        types = List.copyOf(types);
        people = List.copyOf(people);
        places = List.copyOf(places);
    }

    public static AuthorityChoices load(DSLContext db) {
        return new AuthorityChoices(
                db.select(DOCUMENT_TYPE.ID, DOCUMENT_TYPE.KEY, DOCUMENT_TYPE.LABEL).from(DOCUMENT_TYPE)
                        .orderBy(DOCUMENT_TYPE.LABEL).fetch(Records.mapping(AuthorityRef::new)),
                // One merged into another is no longer a choice: its links went to the survivor.
                db.select(PERSON.ID, PERSON.KEY, PERSON.NAME).from(PERSON).where(PERSON.MERGED_INTO.isNull())
                        .orderBy(PERSON.SORT_NAME).fetch(Records.mapping(AuthorityRef::new)),
                db.select(PLACE.ID, PLACE.KEY, PLACE.NAME).from(PLACE).where(PLACE.MERGED_INTO.isNull())
                        .orderBy(PLACE.SORT_NAME).fetch(Records.mapping(AuthorityRef::new)));
    }

    boolean hasType(int id) {
        return types.stream().anyMatch(t -> t.id() == id);
    }

    boolean hasPerson(int id) {
        return people.stream().anyMatch(p -> p.id() == id);
    }

    boolean hasPlace(int id) {
        return places.stream().anyMatch(p -> p.id() == id);
    }
}
