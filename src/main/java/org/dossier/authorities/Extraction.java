package org.dossier.authorities;

import java.util.Collections;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a record's text names: its type (from the title; null before types are loaded), its people
 * with the role the title gives each (see {@link TitleRoles}), and its places.
 */
public record Extraction(Integer typeId, SortedMap<Integer, PersonRole> people, SortedSet<Integer> places) {

    public Extraction {
        people = Collections.unmodifiableSortedMap(new TreeMap<>(people));
        places = Collections.unmodifiableSortedSet(new TreeSet<>(places));
    }
}
