package org.dossier.search;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A designation's letters and digits written together or apart: "No. 709", "No.709", "no 709" and
 * "No709", "T-34", "T 34" and "T34", "1950's" and "1950s" are what a reader means alike. The
 * tokenizer keeps letters and digits written together as one word ("t34", "no709", "1950s") and
 * cuts them apart at a hyphen, a stop, an apostrophe or a space ("t" "34", "1950" "s"), so each
 * way of writing them was a different search.
 *
 * <p>The index is left as it is; a search for such words looks for each way of writing them
 * ({@link #forms}): each place where letters meet digits is written joined or apart. Where the
 * reader wrote them apart with a space, only letters then digits are joined ("T 34", "No. 709"),
 * not digits then a word ("34 tanks", "1950 Korea"). Splitting letters from digits in the index
 * instead (WordDelimiterGraphFilter) gives a word and its parts positions that no phrase reads
 * right both ways ("T34 tanks" or "Soviet T34" stops matching as a phrase), and would cut words
 * such as "1.5" or "o'brien" apart in the Solr configset, which has no narrower filter.
 */
final class LettersAndDigits {

    /** At most this many places where letters meet digits are each tried both ways; beyond, only all joined or all apart. */
    static final int MAX_CHOICES = 3;

    private LettersAndDigits() {
    }

    /**
     * The ways of writing {@code tokens} (words as the index folds them, in the reader's order), the
     * way they were typed first; one when none of them has letters meeting digits. {@code spaced}
     * has one entry per pair of neighbouring tokens: whether the reader typed a space between them.
     */
    static List<List<String>> forms(List<String> tokens, List<Boolean> spaced) {
        if (spaced.size() != Math.max(0, tokens.size() - 1)) {
            throw new IllegalArgumentException(tokens.size() + " tokens and " + spaced.size() + " gaps between them");
        }
        List<String> parts = new ArrayList<>();
        // Between each part and the next: JOINED (written together), APART (may be joined) or KEPT (never joined).
        List<Integer> gaps = new ArrayList<>();
        for (int t = 0; t < tokens.size(); t++) {
            List<String> split = split(tokens.get(t));
            if (t > 0) {
                String before = parts.get(parts.size() - 1);
                boolean meet = kind(before) != OTHER && kind(split.get(0)) != OTHER && kind(before) != kind(split.get(0));
                gaps.add(meet && (!spaced.get(t - 1) || joinedAcrossASpace(tokens.get(t - 1), tokens.get(t))) ? APART : KEPT);
            }
            for (int p = 0; p < split.size(); p++) {
                if (p > 0) {
                    gaps.add(JOINED);
                }
                parts.add(split.get(p));
            }
        }
        List<Integer> choices = new ArrayList<>();
        for (int g = 0; g < gaps.size(); g++) {
            if (gaps.get(g) != KEPT) {
                choices.add(g);
            }
        }
        Set<List<String>> forms = new LinkedHashSet<>();
        forms.add(List.copyOf(tokens));
        if (choices.size() <= MAX_CHOICES) {
            for (int mask = 0; mask < 1 << choices.size(); mask++) {
                boolean[] joined = new boolean[gaps.size()];
                for (int c = 0; c < choices.size(); c++) {
                    joined[choices.get(c)] = (mask & 1 << c) != 0;
                }
                forms.add(written(parts, joined));
            }
        } else {
            boolean[] all = new boolean[gaps.size()];
            for (int choice : choices) {
                all[choice] = true;
            }
            forms.add(written(parts, all));
            forms.add(written(parts, new boolean[gaps.size()]));
        }
        return List.copyOf(forms);
    }

    /**
     * Whether a word typed before a space and the word after it may also be one word: letters then
     * digits ("T 34", "No. 709"), not digits then letters ("34 tanks").
     */
    static boolean joinedAcrossASpace(String before, String after) {
        return kind(before) == LETTERS && kind(split(after).get(0)) == DIGITS;
    }

    private static List<String> written(List<String> parts, boolean[] joined) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder(parts.get(0));
        for (int p = 1; p < parts.size(); p++) {
            if (joined[p - 1]) {
                word.append(parts.get(p));
            } else {
                words.add(word.toString());
                word.setLength(0);
                word.append(parts.get(p));
            }
        }
        words.add(word.toString());
        return List.copyOf(words);
    }

    private static final int JOINED = 0;
    private static final int APART = 1;
    private static final int KEPT = 2;

    private static final int LETTERS = 0;
    private static final int DIGITS = 1;
    private static final int OTHER = 2;

    /** A word cut where its letters meet its digits ("mig15bis": "mig" "15" "bis"); whole when it has any other character. */
    static List<String> split(String token) {
        if (kindOfEach(token) == OTHER) {
            return List.of(token);
        }
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = Character.charCount(token.codePointAt(0)); i < token.length(); i += Character.charCount(token.codePointAt(i))) {
            if (kindOf(token.codePointBefore(i)) != kindOf(token.codePointAt(i))) {
                parts.add(token.substring(start, i));
                start = i;
            }
        }
        parts.add(token.substring(start));
        return parts;
    }

    /** LETTERS or DIGITS for a part of one kind only, else OTHER. */
    private static int kind(String part) {
        int kind = kindOfEach(part);
        return kind == OTHER || split(part).size() > 1 ? OTHER : kind;
    }

    /** OTHER when a character of {@code token} is neither a letter nor a digit, else the kind of its first. */
    private static int kindOfEach(String token) {
        if (token.isEmpty()) {
            return OTHER;
        }
        return token.codePoints().allMatch(c -> kindOf(c) != OTHER) ? kindOf(token.codePointAt(0)) : OTHER;
    }

    private static int kindOf(int codePoint) {
        return Character.isLetter(codePoint) ? LETTERS : Character.isDigit(codePoint) ? DIGITS : OTHER;
    }
}
