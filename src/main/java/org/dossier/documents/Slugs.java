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
    /**
     * Combining marks, and the invisible formatting characters (a soft hyphen, a zero-width joiner,
     * a direction mark) that would otherwise split a word of a slug or a key in two: "Plovdiv"
     * pasted with a joiner inside was "plov-div", and a second name of the same key.
     */
    private static final Pattern MARKS = Pattern.compile("[\\p{M}\\p{Cf}]+");

    private Slugs() {
    }

    /**
     * "Ciphered Telegram No. 405976 from Shtykov to Feng Xi [Stalin]" becomes
     * "ciphered-telegram-no-405976-from-shtykov-to-feng-xi-stalin": ASCII, lower case, cut at a
     * word boundary so that a permalink stays short enough to print in a footnote. Cyrillic and Greek
     * are romanized first, letter by letter ({@link #romanized}): "Никита Хрущёв" is
     * "nikita-khrushchev", "Αθήνα" "athina". A title with no letter that has a Latin form (Chinese,
     * Arabic, Hebrew) is "document": its record is still found by its number.
     */
    public static String slugify(String title) {
        String ascii = words(foldToAscii(romanized(title)), '-', true);
        if (ascii.length() > MAX_LENGTH) {
            int cut = ascii.lastIndexOf('-', MAX_LENGTH);
            ascii = ascii.substring(0, cut > MAX_LENGTH / 2 ? cut : MAX_LENGTH);
        }
        if (ascii.isEmpty()) {
            return "document";
        }
        return RESERVED.contains(ascii) ? ascii + "-document" : ascii;
    }

    /**
     * Russian (and the other Cyrillic alphabets' letters) as the Library of Congress romanizes it
     * (ALA-LC) without its diacritics, which is how English-language archives and catalogues write
     * these names (Khrushchev, Shtykov, Vyshinsky's "Vyshinskii"); Greek as ELOT 743 does. Letter
     * by letter, from a table and not a dictionary, so that the same name always gives the same
     * address. Lower case: only slugs read it.
     */
    private static final java.util.Map<Character, String> ROMAN = romanTable();

    private static java.util.Map<Character, String> romanTable() {
        String[] pairs = {
            // Russian
            "а", "a", "б", "b", "в", "v", "г", "g", "д", "d", "е", "e", "ё", "e", "ж", "zh", "з", "z", "и", "i",
            "й", "i", "к", "k", "л", "l", "м", "m", "н", "n", "о", "o", "п", "p", "р", "r", "с", "s", "т", "t",
            "у", "u", "ф", "f", "х", "kh", "ц", "ts", "ч", "ch", "ш", "sh", "щ", "shch", "ъ", "", "ы", "y",
            "ь", "", "э", "e", "ю", "iu", "я", "ia",
            // Ukrainian, Belarusian, Serbian, Macedonian
            "є", "ie", "і", "i", "ї", "i", "ґ", "g", "ў", "u", "ђ", "dj", "ј", "j", "љ", "lj", "њ", "nj", "ћ", "c",
            "џ", "dz", "ѓ", "gj", "ќ", "kj", "ѕ", "dz",
            // Greek (two-letter vowels below)
            "α", "a", "β", "v", "γ", "g", "δ", "d", "ε", "e", "ζ", "z", "η", "i", "θ", "th", "ι", "i", "κ", "k",
            "λ", "l", "μ", "m", "ν", "n", "ξ", "x", "ο", "o", "π", "p", "ρ", "r", "σ", "s", "ς", "s", "τ", "t",
            "υ", "y", "φ", "f", "χ", "ch", "ψ", "ps", "ω", "o",
        };
        java.util.Map<Character, String> table = new java.util.HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            table.put(pairs[i].charAt(0), pairs[i + 1]);
        }
        return java.util.Map.copyOf(table);
    }

    /** {@code text} with its Cyrillic and Greek letters romanized (see {@link #ROMAN}); the same string when it has none. */
    static String romanized(String text) {
        boolean any = false;
        for (int i = 0; i < text.length() && !any; i++) {
            char c = text.charAt(i);
            any = c >= 0x0370 && c <= 0x052F || c >= 0x1F00 && c <= 0x1FFF;
        }
        if (!any) {
            return text;
        }
        // Ukrainian (a letter Russian lacks) writes и as "y" and г as "h": Київ is Kyiv, not Kiiv.
        boolean ukrainian = text.chars().anyMatch(c -> "іїєґІЇЄҐ".indexOf(c) >= 0);
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = letter(text.charAt(i));
            char next = i + 1 < text.length() ? letter(text.charAt(i + 1)) : 0;
            if (next == 'υ' && (c == 'ο' || c == 'α' || c == 'ε')) {
                // ου is "ou", αυ and ευ "av" and "ev", as ELOT 743 writes them before most letters.
                out.append(c == 'ο' ? "ou" : c == 'α' ? "av" : "ev");
                i++;
            } else if (ukrainian && (c == 'и' || c == 'г')) {
                out.append(c == 'и' ? 'y' : 'h');
            } else {
                String roman = ROMAN.get(c);
                out.append(roman == null ? String.valueOf(text.charAt(i)) : roman);
            }
        }
        return out.toString();
    }

    /**
     * A Greek or Cyrillic letter in lower case, without the accents the table does not know (ά is α,
     * ѐ is е); й, ё and ї, letters of their own there, stay.
     */
    private static char letter(char c) {
        char lower = Character.toLowerCase(c);
        if (!ROMAN.containsKey(lower) && (lower >= 0x0370 && lower <= 0x052F || lower >= 0x1F00 && lower <= 0x1FFF)) {
            return Normalizer.normalize(String.valueOf(lower), Normalizer.Form.NFD).charAt(0);
        }
        return lower;
    }

    /** English articles a title is filed without, as libraries file them, longest first. */
    private static final String[] ARTICLES = {"the ", "an ", "a "};

    /**
     * A key that orders titles as a reader expects: case, accents and punctuation do not count,
     * so "'On the Question...'" sorts under O and "Żymierski" beside "Zymierski"; and a title that
     * begins with an article is filed under the word after it, as a catalogue files it ("The
     * Political Situation in Korea" under P), where the article is a word of its own ("A-bomb
     * tests" stays under A). Migration V14 applies the same rule to the keys stored before it.
     * Letters of other scripts are kept, in lower case and without accents (the sort key of
     * "Письмо Хрущёва" is "письмо хрущева"), so such titles file among their own script after the
     * Latin ones, in code point order (the alphabet's, for Cyrillic, Greek, Hebrew and Arabic),
     * rather than all first under an empty key.
     */
    public static String sortKey(String title) {
        String key = sortWords(foldToAscii(title));
        for (String article : ARTICLES) {
            if (title.regionMatches(true, 0, article, 0, article.length()) && key.startsWith(article)
                    && key.length() > article.length()) {
                return key.substring(article.length());
            }
        }
        return key;
    }

    /**
     * A name as it is filed: its letters and digits of any script, accents and case aside, words
     * one space apart ("Żymierski" beside "Zymierski", "Müller" among the M's), with no article
     * dropped (unlike {@link #sortKey}: a name is not a title).
     */
    public static String filingKey(String name) {
        return sortWords(foldToAscii(name));
    }

    /**
     * The letters and digits of folded {@code text}, of any script, in lower case (a Greek final
     * sigma as σ), each run of anything else one space: {@link #words} for a sort key, which keeps
     * what a slug cannot.
     */
    private static String sortWords(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean apart = false;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            c = c == '\u03C2' ? '\u03C3' : Character.toLowerCase(c);
            boolean kept = c < 0x80 ? c >= 'a' && c <= 'z' || c >= '0' && c <= '9' : Character.isLetterOrDigit(c);
            if (kept) {
                if (apart && out.length() > 0) {
                    out.append(' ');
                }
                out.appendCodePoint(c);
                apart = false;
            } else {
                apart = true;
            }
        }
        return out.toString();
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
                .replace("\u00DF", "ss")
                // Letters without a decomposition that ASCII folding (and so search) reads as these:
                // Turkish dotless ı ("ılık" is "ilik"), the ligatures and the Nordic and Maltese letters.
                .replace("\u0131", "i")
                .replace("\u00C6", "AE").replace("\u00E6", "ae").replace("\u0152", "OE").replace("\u0153", "oe")
                .replace("\u00DE", "TH").replace("\u00FE", "th").replace("\u00D0", "D").replace("\u00F0", "d")
                .replace("\u0126", "H").replace("\u0127", "h").replace("\u0166", "T").replace("\u0167", "t");
    }
}
