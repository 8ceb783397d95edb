package org.dossier.authorities;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
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

    /**
     * A form of a name: the numbers of its words (see {@link NameWords}); for an acronym, also its
     * words as written ("US"), which a text must write so.
     */
    private record Name(int[] words, String[] acronym, int id, boolean fullNameOnly) {

        int size() {
            return words.length;
        }
    }

    private static final Name[] NO_NAMES = {};

    private final NameWords vocabulary;
    /** The forms whose first word has each number, the longest first (of as many words, the first added first). */
    private Name[][] byFirstWord = {};

    public NameMatcher() {
        this(new NameWords());
    }

    /** A matcher whose words are numbered in {@code vocabulary}, which others may share: a text cut once serves each. */
    NameMatcher(NameWords vocabulary) {
        this.vocabulary = vocabulary;
    }

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
        int[] numbers = words.stream().mapToInt(w -> vocabulary.numberOf(w.folded())).toArray();
        String[] written = acronym ? words.stream().map(Word::original).toArray(String[]::new) : null;
        int first = numbers[0];
        if (first >= byFirstWord.length) {
            byFirstWord = Arrays.copyOf(byFirstWord, Math.max(first + 1, byFirstWord.length * 2));
        }
        Name[] names = byFirstWord[first] == null ? NO_NAMES : byFirstWord[first];
        names = Arrays.copyOf(names, names.length + 1);
        names[names.length - 1] = new Name(numbers, written, id, fullNameOnly);
        // Stable: of forms of as many words, the first added stays first.
        Arrays.sort(names, Comparator.comparingInt(Name::size).reversed());
        byFirstWord[first] = names;
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
        return find(cut(text), namedInFull);
    }

    /** {@code text} cut into words, each numbered as this matcher (and those sharing its words) numbers them. */
    NameWords.Text cut(String text) {
        return vocabulary.cut(text);
    }

    /** {@link #find(String, Set)} in a text already {@link #cut}: one cut for people and places. */
    SortedSet<Integer> find(NameWords.Text text, Set<Integer> namedInFull) {
        return new TreeSet<>(inOrder(text, namedInFull));
    }

    /**
     * {@link #find(NameWords.Text, Set)} in the order the text first names each (by any of its forms): the
     * order a record gives its people ("from B and A": B, then A), which it keeps.
     */
    List<Integer> inOrder(NameWords.Text text, Set<Integer> namedInFull) {
        // Made at the first name found: most of a text's words start none.
        Set<Integer> found = null;
        Set<Integer> shortForms = null;
        // Every id a form names, full or short, where the text first names it.
        Set<Integer> appearance = null;
        int i = 0;
        while (i < text.size()) {
            int number = text.number(i);
            Name[] candidates = number == NameWords.NONE || number >= byFirstWord.length ? null : byFirstWord[number];
            if (candidates == null) {
                i++;
                continue;
            }
            // The names of the most words that start here: one, or several that share those words.
            // A full form wins over short forms of the same words; of two full forms, the first added.
            int length = 0;
            Name full = null;
            for (Name name : candidates) {
                if (length > 0 && name.size() < length) {
                    break;
                }
                if (i + name.size() <= text.size() && matches(name, text, i)) {
                    length = name.size();
                    if (!name.fullNameOnly()) {
                        full = name;
                        break;
                    }
                }
            }
            if (length == 0) {
                i++;
                continue;
            }
            if (found == null) {
                found = new HashSet<>();
                shortForms = new HashSet<>();
                appearance = new LinkedHashSet<>();
            }
            if (full != null) {
                found.add(full.id());
                appearance.add(full.id());
            } else {
                for (Name name : candidates) {
                    if (name.size() == length && matches(name, text, i)) {
                        shortForms.add(name.id());
                        appearance.add(name.id());
                    }
                }
            }
            i += length;
        }
        if (found == null) {
            return List.of();
        }
        for (Integer id : shortForms) {
            if (found.contains(id) || namedInFull.contains(id)) {
                found.add(id);
            }
        }
        List<Integer> inOrder = new ArrayList<>(appearance.size());
        for (Integer id : appearance) {
            if (found.contains(id)) {
                inOrder.add(id);
            }
        }
        return inOrder;
    }

    private static boolean matches(Name name, NameWords.Text text, int start) {
        for (int k = 0; k < name.size(); k++) {
            if (text.number(start + k) != name.words()[k]
                    || name.acronym() != null && !text.writtenAs(start + k, name.acronym()[k])) {
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
        bounds(folded, (start, end) -> {
            String part = folded.substring(start, end);
            words.add(new Word(part.toLowerCase(Locale.ROOT), part));
        });
        return words;
    }

    /** Where a word starts and ends in a folded text. */
    interface Bounds {
        void word(int start, int end);
    }

    /** Each word of {@code folded} (a text {@link Slugs#foldToAscii folded}) as {@link #words} cuts it, in order. */
    static void bounds(String folded, Bounds sink) {
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
            sink.word(start, i);
        }
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
