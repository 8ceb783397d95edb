package org.dossier.documents;

import java.text.Normalizer;
import java.util.Locale;

/** Readable URL parts and sort keys made from titles. */
public final class Slugs {

    static final int MAX_LENGTH = 80;

    /** Words that name pages under a record's address, so a title must not take them as its slug. */
    private static final java.util.Set<String> RESERVED = java.util.Set.of("history", "v", "edit", "versions",
            "cite", "withdraw", "restore");

    private Slugs() {
    }

    /**
     * "Ciphered Telegram No. 405976 from Shtykov to Feng Xi [Stalin]" becomes
     * "ciphered-telegram-no-405976-from-shtykov-to-feng-xi-stalin": ASCII, lower case, cut at a
     * word boundary so that a permalink stays short enough to print in a footnote.
     */
    public static String slugify(String title) {
        String ascii = foldToAscii(title).toLowerCase(Locale.ROOT)
                .replace("'", "")
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
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
     * A key that orders titles as a reader expects: case, accents and punctuation do not count,
     * so "'On the Question...'" sorts under O and "Żymierski" beside "Zymierski".
     */
    public static String sortKey(String title) {
        return foldToAscii(title).toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9 ]+", " ")
                .replaceAll(" +", " ")
                .strip();
    }

    /** Drops accents ("Żymierski" to "Zymierski", "Lê Duẩn" to "Le Duan") and unifies quotes. */
    public static String foldToAscii(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD)
                .replaceAll("\\p{M}+", "")
                .replace('\u2018', '\'').replace('\u2019', '\'')
                .replace('\u201C', '"').replace('\u201D', '"')
                .replace("\u0141", "L").replace("\u0142", "l")
                .replace("\u0110", "D").replace("\u0111", "d")
                .replace("\u00D8", "O").replace("\u00F8", "o")
                .replace("\u00DF", "ss");
        return decomposed;
    }
}
