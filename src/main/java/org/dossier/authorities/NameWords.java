package org.dossier.authorities;

import java.util.Arrays;
import java.util.Locale;
import org.dossier.documents.Slugs;

/**
 * The words names are made of, each given a number the first time a name brings it, in lower case
 * (folded to ASCII where it has an ASCII form): "stalin" is one number however a text writes it.
 * A text is cut into words once ({@link #cut}) and each of its words looked up here once, for
 * people and places alike (their {@link NameMatcher}s share one), so that finding names compares
 * numbers. A word of plain ASCII letters and digits, nearly every word of every record, is looked up
 * where it stands in the text, lower-cased as it is read: no string is made for it. Not safe for
 * adding words from several threads; looking up is, once every name is added.
 */
final class NameWords {

    /** No name has this word. */
    static final int NONE = -1;

    /** Open addressing, linear probing, at most half full: each word (lower case), its hash and its number. */
    private String[] keys = new String[256];
    private int[] hashes = new int[256];
    private int[] numbers = new int[256];
    private int size;

    /** The number of {@code lower} (a word in lower case), given now if no name had it yet. */
    int numberOf(String lower) {
        int slot = slotOf(lower);
        if (keys[slot] == null) {
            keys[slot] = lower;
            hashes[slot] = lower.hashCode();
            numbers[slot] = size++;
            if (size * 2 > keys.length) {
                grow();
            }
            return size - 1;
        }
        return numbers[slot];
    }

    /** How many words names have: every number is below it. */
    int size() {
        return size;
    }

    private int slotOf(String lower) {
        int mask = keys.length - 1;
        for (int slot = spread(lower.hashCode()) & mask; ; slot = (slot + 1) & mask) {
            if (keys[slot] == null || keys[slot].equals(lower)) {
                return slot;
            }
        }
    }

    private void grow() {
        String[] oldKeys = keys;
        int[] oldNumbers = numbers;
        keys = new String[oldKeys.length * 2];
        hashes = new int[oldKeys.length * 2];
        numbers = new int[oldKeys.length * 2];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                int slot = slotOf(oldKeys[i]);
                keys[slot] = oldKeys[i];
                hashes[slot] = oldKeys[i].hashCode();
                numbers[slot] = oldNumbers[i];
            }
        }
    }

    private static int spread(int hash) {
        return hash ^ (hash >>> 16);
    }

    /**
     * The number of the word at {@code start}–{@code end} of {@code text} in lower case, or {@link #NONE}:
     * for a word of ASCII letters and digits, read in place ({@link String#hashCode}'s sum over
     * its characters lower-cased, then compared character by character), which is what
     * {@code toLowerCase(Locale.ROOT)} of it would give; any other word is lower-cased as
     * {@link NameMatcher#words} lower-cases it, and looked up.
     */
    private int find(String text, int start, int end) {
        int hash = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                return find(text.substring(start, end).toLowerCase(Locale.ROOT));
            }
            hash = 31 * hash + (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
        }
        int mask = keys.length - 1;
        int length = end - start;
        for (int slot = spread(hash) & mask; ; slot = (slot + 1) & mask) {
            String key = keys[slot];
            if (key == null) {
                return NONE;
            }
            if (hashes[slot] == hash && key.length() == length && sameLowerCase(key, text, start)) {
                return numbers[slot];
            }
        }
    }

    private int find(String lower) {
        int slot = slotOf(lower);
        return keys[slot] == null ? NONE : numbers[slot];
    }

    /** Whether {@code text} from {@code start}, ASCII, lower-cased, is {@code key}. */
    private static boolean sameLowerCase(String key, String text, int start) {
        for (int k = 0; k < key.length(); k++) {
            char c = text.charAt(start + k);
            if ((c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c) != key.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** {@code text} cut into words as {@link NameMatcher#words} cuts it, each word's number looked up here. */
    Text cut(String text) {
        String folded = Slugs.foldToAscii(text);
        Text cut = new Text(folded);
        NameMatcher.bounds(folded, (start, end) -> cut.add(start, end, find(folded, start, end)));
        return cut;
    }

    /**
     * A text cut into words: where each word starts and ends in the folded text (which
     * {@link NameMatcher#words}' {@code original} is), and its number, or {@link #NONE}.
     */
    static final class Text {

        private final String folded;
        private int[] starts = new int[32];
        private int[] ends = new int[32];
        private int[] numbers = new int[32];
        private int size;

        private Text(String folded) {
            this.folded = folded;
        }

        private void add(int start, int end, int number) {
            if (size == starts.length) {
                starts = Arrays.copyOf(starts, size * 2);
                ends = Arrays.copyOf(ends, size * 2);
                numbers = Arrays.copyOf(numbers, size * 2);
            }
            starts[size] = start;
            ends[size] = end;
            numbers[size] = number;
            size++;
        }

        int size() {
            return size;
        }

        int number(int word) {
            return numbers[word];
        }

        /** Whether word {@code word}, as the text writes it (folded, case kept), is {@code original}. */
        boolean writtenAs(int word, String original) {
            int length = ends[word] - starts[word];
            return length == original.length() && folded.regionMatches(starts[word], original, 0, length);
        }
    }
}
