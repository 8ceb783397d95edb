package org.dossier.documents;

import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What a record says, as a writer hands it in: before it has an id, a slug or a version.
 * Summary paragraphs are kept apart; none of them is blank.
 */
public record RecordDraft(String title, List<String> summary, DocumentDate date, Integer typeId,
                          SortedSet<Integer> people, SortedSet<Integer> places) {

    public RecordDraft {
        Objects.requireNonNull(date, "a record needs a date");
        title = title == null ? "" : title.strip();
        if (title.isEmpty()) {
            throw new IllegalArgumentException("a record needs a title");
        }
        summary = summary.stream().map(String::strip).filter(p -> !p.isEmpty()).toList();
        people = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(people));
        places = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(places));
    }

    public RecordDraft(String title, List<String> summary, DocumentDate date) {
        this(title, summary, date, null, new TreeSet<>(), new TreeSet<>());
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
