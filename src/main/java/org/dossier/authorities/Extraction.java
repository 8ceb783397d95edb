package org.dossier.authorities;

import java.util.SortedSet;

/** What a record's text names: its type (from the title; null before types are loaded), people and places. */
public record Extraction(Integer typeId, SortedSet<Integer> people, SortedSet<Integer> places) {

    public Extraction {
        people = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(people));
        places = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(places));
    }
}
