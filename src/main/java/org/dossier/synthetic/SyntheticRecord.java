package org.dossier.synthetic;

import java.util.SortedSet;
import org.dossier.documents.DocumentDate;

/** A made-up record, as consistent as a real one: its links name the people and places its text names. */
record SyntheticRecord(String title, String summary, DocumentDate date, int typeId, SortedSet<Integer> people,
                       SortedSet<Integer> places) {
}
