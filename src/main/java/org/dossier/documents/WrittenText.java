package org.dossier.documents;

import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * Text as the catalogue stores it, whoever wrote it (an import, a form, a merge): composed (NFC),
 * so that a letter typed with a combining accent (macOS, text pasted from a PDF) is the one
 * precomposed letter and "Pásztor" is one spelling however it was typed; and without the invisible
 * characters that carry nothing in any script but break a word in two for search, slugs and the
 * check for a name already taken: the soft hyphen, the zero-width space, the word joiner and the
 * byte-order mark, which text pasted from a PDF or a word processor brings inside words
 * ("Zanzi&shy;bar"). The zero-width joiners, which some scripts write words with, are kept; search
 * ignores them (resources/search/script-folding.txt).
 */
public final class WrittenText {

    private static final Pattern INVISIBLE = Pattern.compile("[\\u00AD\\u200B\\u2060\\uFEFF]");

    private WrittenText() {
    }

    /** {@code text} as stored: composed, and without the invisible characters above. */
    public static String asStored(String text) {
        String composed = Normalizer.normalize(text, Normalizer.Form.NFC);
        // Looked for by hand first: the expression costs more than the rest when, as nearly always, there is none.
        return hasInvisible(composed) ? INVISIBLE.matcher(composed).replaceAll("") : composed;
    }

    /** Whether {@code text} has one of the characters {@link #INVISIBLE} matches. */
    private static boolean hasInvisible(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u00AD' || c == '\u200B' || c == '\u2060' || c == '\uFEFF') {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code text} between FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE when it has a letter
     * written right to left, for a line of text with no element to set it apart (a citation, a
     * page's title): an English sentence around an Arabic or Hebrew title or search would otherwise
     * be drawn into its direction (a bracket at its end shown at the wrong side, the comma or the
     * count after it before it). Set apart, it is laid out in its own direction and the sentence in
     * its own. Text without such a letter is returned as it is.
     */
    public static String isolated(String text) {
        return hasRightToLeft(text) ? "\u2068" + text + "\u2069" : text;
    }

    private static boolean hasRightToLeft(String text) {
        return text.codePoints().anyMatch(c -> {
            byte direction = Character.getDirectionality(c);
            return direction == Character.DIRECTIONALITY_RIGHT_TO_LEFT
                    || direction == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC;
        });
    }
}
