package org.dossier.search;

import java.util.Objects;

/**
 * One thing to offer a reader as they type: the text to search for, what it is (a person, a place,
 * a word), for a name the authority's preferred name (the text may be another form of it,
 * "Filippov" for Joseph Stalin), and how many records it is in.
 *
 * @param label null for a word
 */
public record Suggestion(String text, String kind, String label, int records) {

    public static final String PERSON = "person";
    public static final String PLACE = "place";
    public static final String WORD = "word";

    public Suggestion {
        Objects.requireNonNull(text, "text");
        if (!kind.equals(PERSON) && !kind.equals(PLACE) && !kind.equals(WORD)) {
            throw new IllegalArgumentException("a suggestion is a person, a place or a word, not " + kind);
        }
        if (records < 0) {
            throw new IllegalArgumentException("records cannot be negative: " + records);
        }
    }
}
