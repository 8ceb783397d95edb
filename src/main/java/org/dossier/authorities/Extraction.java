package org.dossier.authorities;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What a record's text names: its type (from the title; null before types are loaded), its people
 * with the role the title gives each (see {@link TitleRoles}) in the order the text names them,
 * and its places.
 */
public record Extraction(Integer typeId, Map<Integer, PersonRole> people, SortedSet<Integer> places) {

    public Extraction {
        people = Collections.unmodifiableMap(new LinkedHashMap<>(people));
        places = Collections.unmodifiableSortedSet(new TreeSet<>(places));
    }
}
