package org.dossier.synthetic;

import java.util.Optional;
import java.util.SortedSet;
import org.dossier.documents.DocumentDate;

/**
 * A made-up record, as consistent as a real one: its links name the people and places its text
 * names. Its date is empty for an undated one.
 */
record SyntheticRecord(String title, String summary, Optional<DocumentDate> date, int typeId, SortedSet<Integer> people,
                       SortedSet<Integer> places) {
}
