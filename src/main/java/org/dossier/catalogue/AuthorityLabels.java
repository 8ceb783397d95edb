package org.dossier.catalogue;

import static org.dossier.db.Tables.DOCUMENT_TYPE;
import static org.dossier.db.Tables.PERSON;
import static org.dossier.db.Tables.PLACE;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dossier.search.Facet;
import org.jooq.DSLContext;

/**
 * The names behind facet keys, as the authority lists in the database have them now: an editor
 * may reword a label, but the key in a bookmarked URL stays.
 */
public final class AuthorityLabels {

    /** A facet value's name, and the form it is sorted by ("Stalin, Joseph"). */
    public record Label(String key, String name, String sortName) {
    }

    private final Map<Facet, Map<String, Label>> byFacet;

    private AuthorityLabels(Map<Facet, Map<String, Label>> byFacet) {
        this.byFacet = byFacet;
    }

    public static AuthorityLabels load(DSLContext db) {
        Map<Facet, Map<String, Label>> byFacet = new EnumMap<>(Facet.class);
        Map<String, Label> types = new LinkedHashMap<>();
        db.select(DOCUMENT_TYPE.KEY, DOCUMENT_TYPE.LABEL).from(DOCUMENT_TYPE).orderBy(DOCUMENT_TYPE.POSITION)
                .forEach(r -> types.put(r.value1(), new Label(r.value1(), r.value2(), r.value2())));
        Map<String, Label> people = new LinkedHashMap<>();
        db.select(PERSON.KEY, PERSON.NAME, PERSON.SORT_NAME).from(PERSON).orderBy(PERSON.SORT_NAME)
                .forEach(r -> people.put(r.value1(), new Label(r.value1(), r.value2(), r.value3())));
        Map<String, Label> places = new LinkedHashMap<>();
        db.select(PLACE.KEY, PLACE.NAME, PLACE.SORT_NAME).from(PLACE).orderBy(PLACE.SORT_NAME)
                .forEach(r -> places.put(r.value1(), new Label(r.value1(), r.value2(), r.value3())));
        byFacet.put(Facet.TYPE, types);
        byFacet.put(Facet.PERSON, people);
        byFacet.put(Facet.AUTHOR, people);
        byFacet.put(Facet.RECIPIENT, people);
        byFacet.put(Facet.PLACE, places);
        return new AuthorityLabels(byFacet);
    }

    public boolean knows(Facet facet, String key) {
        return byFacet.get(facet).containsKey(key);
    }

    /** The label of a key; the key itself for a value the lists no longer have. */
    public Label of(Facet facet, String key) {
        Label label = byFacet.get(facet).get(key);
        return label != null ? label : new Label(key, key, key);
    }
}
