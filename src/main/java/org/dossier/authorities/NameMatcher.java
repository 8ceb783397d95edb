package org.dossier.authorities;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.dossier.documents.Slugs;

/**
 * Finds names in running text, word by word: "I.V. Stalin", "I. V. Stalin" and "Stalin's" are
 * the same words to it, case and accents do not count, and where names overlap the longest one
 * wins ("North Korea" is the DPRK, not Korea). Acronyms ("US", "PRC") match only in capitals, so
 * that "us" is not the United States. A form marked {@code full-name-only} ("Kim", "Mao": a short
 * form many others share) names its authority only in a text that also names it in full.
 */
public final class NameMatcher {

    /** A word of a text: folded to ASCII where it has an ASCII form, and also in lower case. */
    record Word(String folded, String original) {
    }

    private record Name(List<String> words, boolean acronym, int id, boolean fullNameOnly) {
    }

    private final Map<String, List<Name>> byFirstWord = new HashMap<>();

    /** Adds a form of the name of authority {@code id}. */
    public void add(String form, int id) {
        add(form, id, false);
    }

    /**
     * Adds a form of the name of authority {@code id}; a {@code fullNameOnly} form ("Kim") names it
     * only where the text, or the rest of the record, names it in another form ("Kim Il Sung").
     */
    public void add(String form, int id, boolean fullNameOnly) {
        List<Word> words = words(form);
        if (words.isEmpty()) {
            return;
        }
        boolean acronym = form.chars().anyMatch(Character::isLetter)
                && form.chars().filter(Character::isLetter).allMatch(Character::isUpperCase);
        List<String> folded = words.stream().map(w -> acronym ? w.original() : w.folded()).toList();
        List<Name> names = byFirstWord.computeIfAbsent(words.get(0).folded(), k -> new ArrayList<>());
        names.add(new Name(folded, acronym, id, fullNameOnly));
        names.sort(Comparator.comparingInt((Name n) -> n.words().size()).reversed());
    }

    /** The ids of every authority named in {@code text}; a short form counts only beside a full one there. */
    public SortedSet<Integer> find(String text) {
        return find(text, Set.of());
    }

    /**
     * The ids of every authority named in {@code text}, where a full-name-only form ("Kim") counts
     * for an authority named in full in the same text or in {@code namedInFull} (the rest of the record).
     */
    public SortedSet<Integer> find(String text, Set<Integer> namedInFull) {
        return find(words(text), namedInFull);
    }

    /** {@link #find(String, Set)} in a text already cut into {@link #words}: one cut for people and places. */
    SortedSet<Integer> find(List<Word> words, Set<Integer> namedInFull) {
        return new TreeSet<>(inOrder(words, namedInFull));
    }

    /**
     * {@link #find(List, Set)} in the order the text first names each (by any of its forms): the
     * order a record gives its people ("from B and A": B, then A), which it keeps.
     */
    List<Integer> inOrder(List<Word> words, Set<Integer> namedInFull) {
        Set<Integer> found = new HashSet<>();
        Set<Integer> shortForms = new HashSet<>();
        // Every id a form names, full or short, where the text first names it.
        Set<Integer> appearance = new java.util.LinkedHashSet<>();
        int i = 0;
        while (i < words.size()) {
            List<Name> match = longestAt(words, i);
            if (match.isEmpty()) {
                i++;
                continue;
            }
            // A full form wins over short forms of the same words; of two full forms, the first added.
            Name full = match.stream().filter(name -> !name.fullNameOnly()).findFirst().orElse(null);
            if (full != null) {
                found.add(full.id());
                appearance.add(full.id());
            } else {
                match.forEach(name -> {
                    shortForms.add(name.id());
                    appearance.add(name.id());
                });
            }
            i += match.get(0).words().size();
        }
        for (Integer id : shortForms) {
            if (found.contains(id) || namedInFull.contains(id)) {
                found.add(id);
            }
        }
        return appearance.stream().filter(found::contains).toList();
    }

    /** The names of the most words that start at {@code start}: one, or several that share those words. */
    private List<Name> longestAt(List<Word> words, int start) {
        List<Name> candidates = byFirstWord.get(words.get(start).folded());
        if (candidates == null) {
            return List.of();
        }
        List<Name> longest = new ArrayList<>();
        for (Name name : candidates) {
            if (!longest.isEmpty() && name.words().size() < longest.get(0).words().size()) {
                break;
            }
            if (start + name.words().size() <= words.size() && matches(name, words, start)) {
                longest.add(name);
            }
        }
        return longest;
    }

    private static boolean matches(Name name, List<Word> words, int start) {
        for (int k = 0; k < name.words().size(); k++) {
            Word word = words.get(start + k);
            String actual = name.acronym() ? word.original() : word.folded();
            if (!actual.equals(name.words().get(k))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The words of {@code text}, folded: its runs of letters and digits (any script), everything
     * else apart; in Chinese and Japanese, which put no space between words, each character is a
     * word (as the search index reads them), so that "毛泽东" is found in "毛泽东致斯大林的电报". One pass over the characters, without a regular expression: every record's title
     * and summary is cut into words at import.
     */
    static List<Word> words(String text) {
        String folded = Slugs.foldToAscii(text);
        List<Word> words = new ArrayList<>();
        int i = 0;
        while (i < folded.length()) {
            int c = folded.codePointAt(i);
            if (!isLetterOrDigit(c)) {
                i += Character.charCount(c);
                continue;
            }
            int start = i;
            if (writtenWithoutSpaces(c)) {
                i += Character.charCount(c);
            } else {
                do {
                    i += Character.charCount(c);
                } while (i < folded.length() && isLetterOrDigit(c = folded.codePointAt(i)) && !writtenWithoutSpaces(c));
            }
            String part = folded.substring(start, i);
            words.add(new Word(part.toLowerCase(Locale.ROOT), part));
        }
        return words;
    }

    /** A Chinese character (or a Japanese kanji) or kana: a letter of a script written without spaces. */
    private static boolean writtenWithoutSpaces(int c) {
        if (c < 0x2E80) {
            return false;
        }
        Character.UnicodeScript script = Character.UnicodeScript.of(c);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA;
    }

    /** What {@code \p{L}} or {@code \p{N}} matches: a letter, or a digit or other number, of any script. */
    static boolean isLetterOrDigit(int c) {
        if (c < 0x80) {
            return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
        }
        if (Character.isLetter(c)) {
            return true;
        }
        int type = Character.getType(c);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }
}
