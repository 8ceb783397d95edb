package org.dossier.documents;

import java.util.regex.Pattern;

/**
 * White space as a regular expression's {@code \s} means it (space, tab, line feed, vertical tab,
 * form feed, carriage return), for code that reads every line of an import and so tells it apart
 * without a regular expression.
 */
public final class WhiteSpace {

    private static final Pattern RUNS = Pattern.compile("\\s+");
    private static final Pattern RUNS_OF_ANY_KIND = Pattern.compile("[\\s\\p{Z}]+");

    private WhiteSpace() {
    }

    /** Whether {@code c} is what {@code \s} matches. */
    public static boolean is(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    /**
     * {@code text} with every run of white space made one space, as {@code replaceAll("\\s+", " ")}
     * makes it; {@code text} itself when there is nothing to fold (a space here and there).
     */
    public static String oneSpaceApart(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (is(c) && (c != ' ' || i + 1 < text.length() && is(text.charAt(i + 1)))) {
                return RUNS.matcher(text).replaceAll(" ");
            }
        }
        return text;
    }

    /** Whether {@code c} is a space of any kind: {@link #is}, or Unicode's (no-break, em, ideographic, line separator...). */
    public static boolean isOfAnyKind(char c) {
        // Below 0x80 Unicode's only space is ' ', which is() holds: most text is asked no more.
        return c < 0x80 ? is(c) : Character.isSpaceChar(c);
    }

    /**
     * {@code text} with every run of spaces of any kind ({@link #isOfAnyKind}) made one space, as an
     * import folds each line of a page; {@code text} itself when there is nothing to fold.
     */
    public static String oneSpaceApartOfAnyKind(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ' ' ? i + 1 < text.length() && isOfAnyKind(text.charAt(i + 1)) : isOfAnyKind(c)) {
                return RUNS_OF_ANY_KIND.matcher(text).replaceAll(" ");
            }
        }
        return text;
    }
}
