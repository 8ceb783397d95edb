package org.dossier.search;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Words a question wraps around what it asks about ("what did Stalin say about Korea", "what
 * happened in June 1950"): {@code search/question-words.txt}. Only ever used for what a search
 * offers instead (a respelling, a date's range), never to change the search itself.
 */
public final class QuestionWords {

    /** One word a line, lower case and with its diacritics folded, as the analyser writes it. */
    static final Set<String> WORDS = Set.copyOf(CatalogueAnalyzer.lines("search/question-words.txt").stream()
            .map(String::strip).toList());

    private QuestionWords() {
    }

    /**
     * The typed words without those a question wraps around them, each other word as typed and one
     * space between: {@code "what happened in"} is empty, {@code "what did Kim say"} is "Kim". The
     * list's words are plain letters, so a word is matched by its lower case.
     */
    public static String leftOut(String typed) {
        return Arrays.stream(typed.strip().split("\\s+"))
                .filter(word -> !word.isEmpty() && !WORDS.contains(word.toLowerCase(Locale.ROOT)))
                .collect(Collectors.joining(" "));
    }
}
