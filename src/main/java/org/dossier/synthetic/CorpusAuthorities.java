package org.dossier.synthetic;

import java.util.List;

/**
 * The people, places and types records are drawn from, in the order of their authority lists:
 * the first are the most frequent.
 */
record CorpusAuthorities(List<Named> people, List<Named> places, List<Named> types) {

    /** An authority's id and the forms its name takes in text; the first is the preferred one. */
    record Named(int id, List<String> forms) {
        Named {
            forms = List.copyOf(forms);
            if (forms.isEmpty()) {
                throw new IllegalArgumentException("authority " + id + " has no name");
            }
        }
    }

    CorpusAuthorities {
        people = List.copyOf(people);
        places = List.copyOf(places);
        types = List.copyOf(types);
        if (people.isEmpty() || places.isEmpty() || types.isEmpty()) {
            throw new IllegalArgumentException("records need people, places and types to draw from");
        }
    }
}
