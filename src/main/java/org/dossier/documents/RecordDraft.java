package org.dossier.documents;

import java.text.Normalizer;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.dossier.authorities.PersonRole;

/**
 * What a record says, as a writer hands it in: before it has an id, a slug or a version.
 * Summary paragraphs are kept apart; none of them is blank. Each person linked has one role.
 */
public record RecordDraft(String title, List<String> summary, DocumentDate date, Integer typeId,
                          SortedMap<Integer, PersonRole> people, SortedSet<Integer> places) {

    public RecordDraft {
        Objects.requireNonNull(date, "a record needs a date");
        // Composed (NFC), whoever wrote it (an import, the edit form, a merge): a letter typed with a
        // combining accent (macOS, text pasted from a PDF) is stored, shown and searched as the one
        // precomposed letter, so "Pásztor" is one spelling however it was typed.
        title = title == null ? "" : composed(title).strip();
        if (title.isEmpty()) {
            throw new IllegalArgumentException("a record needs a title");
        }
        summary = summary.stream().map(p -> composed(p).strip()).filter(p -> !p.isEmpty()).toList();
        people.values().forEach(role -> Objects.requireNonNull(role, "every person linked needs a role"));
        people = Collections.unmodifiableSortedMap(new TreeMap<>(people));
        places = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(places));
    }

    private static String composed(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFC);
    }

    public RecordDraft(String title, List<String> summary, DocumentDate date) {
        this(title, summary, date, null, new TreeMap<>(), new TreeSet<>());
    }

    /** Every one of {@code ids} in the same role: for a caller that links people it only names. */
    public static SortedMap<Integer, PersonRole> inRole(java.util.Collection<Integer> ids, PersonRole role) {
        SortedMap<Integer, PersonRole> people = new TreeMap<>();
        ids.forEach(id -> people.put(id, role));
        return people;
    }

    /** The summary as stored: paragraphs separated by one blank line. */
    public String summaryText() {
        return String.join("\n\n", summary);
    }

    /** Splits a stored summary back into its paragraphs. */
    public static List<String> paragraphs(String summaryText) {
        if (summaryText == null || summaryText.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(summaryText.split("\\n\\s*\\n")).map(String::strip)
                .filter(p -> !p.isEmpty()).toList();
    }
}
