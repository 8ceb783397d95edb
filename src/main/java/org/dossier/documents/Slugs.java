package org.dossier.documents;

import java.text.Normalizer;
import java.util.regex.Pattern;

/** Readable URL parts and sort keys made from titles. */
public final class Slugs {

    static final int MAX_LENGTH = 80;

    /** Words that name pages under a record's address, so a title must not take them as its slug. */
    private static final java.util.Set<String> RESERVED = java.util.Set.of("history", "v", "edit", "versions",
            "cite", "withdraw", "restore");

    // Compiled once: a slug and a sort key are made for every record written, a million at a time by imports.
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private Slugs() {
    }

    /**
     * "Ciphered Telegram No. 405976 from Shtykov to Feng Xi [Stalin]" becomes
     * "ciphered-telegram-no-405976-from-shtykov-to-feng-xi-stalin": ASCII, lower case, cut at a
     * word boundary so that a permalink stays short enough to print in a footnote.
     */
    public static String slugify(String title) {
        String ascii = words(foldToAscii(title), '-', true);
        if (ascii.length() > MAX_LENGTH) {
            int cut = ascii.lastIndexOf('-', MAX_LENGTH);
            ascii = ascii.substring(0, cut > MAX_LENGTH / 2 ? cut : MAX_LENGTH);
        }
        if (ascii.isEmpty()) {
            return "document";
        }
        return RESERVED.contains(ascii) ? ascii + "-document" : ascii;
    }

    /** English articles a title is filed without, as libraries file them, longest first. */
    private static final String[] ARTICLES = {"the ", "an ", "a "};

    /**
     * A key that orders titles as a reader expects: case, accents and punctuation do not count,
     * so "'On the Question...'" sorts under O and "Żymierski" beside "Zymierski"; and a title that
     * begins with an article is filed under the word after it, as a catalogue files it ("The
     * Political Situation in Korea" under P), where the article is a word of its own ("A-bomb
     * tests" stays under A). Migration V14 applies the same rule to the keys stored before it.
     */
    public static String sortKey(String title) {
        String key = words(foldToAscii(title), ' ', false);
        for (String article : ARTICLES) {
            if (title.regionMatches(true, 0, article, 0, article.length()) && key.startsWith(article)
                    && key.length() > article.length()) {
                return key.substring(article.length());
            }
        }
        return key;
    }

    /**
     * The ASCII letters and digits of folded {@code text} in lower case, each run of anything else
     * one {@code separator} (none at the ends), apostrophes dropped rather than separating when
     * {@code joinApostrophes}: in one pass and without a regular expression, because imports and
     * {@code generate} make a slug and a sort key for every record. (Folding has already turned
     * every letter that has an ASCII form into it; what is left is not a letter of a slug.)
     */
    private static String words(String text, char separator, boolean joinApostrophes) {
        StringBuilder out = new StringBuilder(text.length());
        boolean apart = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + ('a' - 'A'));
            }
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                if (apart && out.length() > 0) {
                    out.append(separator);
                }
                out.append(c);
                apart = false;
            } else if (c != '\'' || !joinApostrophes) {
                apart = true;
            }
        }
        return out.toString();
    }

    /**
     * Folded forms of the characters of the Basic Multilingual Plane met so far, filled as they are
     * met: names are found in every record's title and summary at import, and folding a whole text
     * through {@link Normalizer} (most summaries have a curly quote) cost more than finding the names.
     * A race fills a slot twice with equal strings, which is harmless.
     */
    private static final String[] FOLDED = new String[0x10000];

    /** Drops accents ("Żymierski" to "Zymierski", "Lê Duẩn" to "Le Duan") and unifies quotes. */
    public static String foldToAscii(String text) {
        int i = 0;
        while (i < text.length() && text.charAt(i) < 0x80) {
            i++;
        }
        if (i == text.length()) {
            // Nothing to fold, and most titles are ASCII: no normalising, no regular expression.
            return text;
        }
        // Folding a text is folding each of its characters in turn: compatibility decomposition only
        // reorders combining marks, and every one of them is dropped (checked over all of Unicode when
        // this was written), so a character's folded form does not depend on its neighbours.
        StringBuilder out = new StringBuilder(text.length() + 8).append(text, 0, i);
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c < 0x80) {
                out.append(c);
                i++;
            } else if (Character.isSurrogate(c)) {
                int end = i + Character.charCount(text.codePointAt(i));
                out.append(foldByNormalizing(text.substring(i, end)));
                i = end;
            } else {
                String folded = FOLDED[c];
                if (folded == null) {
                    folded = foldByNormalizing(String.valueOf(c));
                    FOLDED[c] = folded;
                }
                out.append(folded);
                i++;
            }
        }
        return out.toString();
    }

    /** {@link #foldToAscii} by decomposing the whole text: what each character's folded form is made by. */
    static String foldByNormalizing(String text) {
        return MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFKD)).replaceAll("")
                .replace('\u2018', '\'').replace('\u2019', '\'')
                .replace('\u201C', '"').replace('\u201D', '"')
                .replace("\u0141", "L").replace("\u0142", "l")
                .replace("\u0110", "D").replace("\u0111", "d")
                .replace("\u00D8", "O").replace("\u00F8", "o")
                .replace("\u00DF", "ss");
    }
}
