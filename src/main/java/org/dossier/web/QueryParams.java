package org.dossier.web;

import io.javalin.http.Context;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.dossier.documents.ControlCharacters;

/** Reads query parameters strictly: a value that makes no sense is a 400 with a reason, never a guess. */
public final class QueryParams {

    private QueryParams() {
    }

    /** A whole number from {@code min} to {@code max}, or {@code fallback} when absent. */
    public static int integer(Context ctx, String name, int fallback, int min, int max) {
        String value = single(ctx, name);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below, with the allowed range
        }
        // With no upper bound a reader is not told Java's largest int ("from 1 to 2147483647").
        throw new BadRequest("'" + name + "' must be a whole number "
                + (max == Integer.MAX_VALUE ? "of " + min + " or more" : "from " + min + " to " + max)
                + ", not '" + shorten(value) + "'");
    }

    /**
     * One of {@code offered}, or {@code fallback} when absent. A value not offered is refused in the
     * words of the page's own control ({@code words}, "Newest first"), each with the value to type
     * ({@code value}, "sort=-date"), in the order the page shows them: the raw values alone
     * ("-date, date, title") told a reader nothing of what they do.
     */
    public static <T> T choice(Context ctx, String name, T fallback, List<T> offered, Function<T, String> value,
                               Function<T, String> words) {
        String typed = single(ctx, name);
        if (typed == null || typed.isEmpty()) {
            return fallback;
        }
        return offered.stream().filter(o -> value.apply(o).equals(typed)).findFirst().orElseThrow(() -> new BadRequest(
                "'" + name + "' must be " + (offered.size() == 1 ? "" : "one of ") + offered.stream()
                        .map(o -> inSentence(words.apply(o)) + " (" + name + "=" + value.apply(o) + ")")
                        .collect(Collectors.joining(", ")) + ", not '" + shorten(typed) + "'"));
    }

    /** A control's label within a sentence: "Newest first" as "newest first", "A–Z" as it is. */
    private static String inSentence(String label) {
        return label.length() > 1 && Character.isLowerCase(label.charAt(1))
                ? Character.toLowerCase(label.charAt(0)) + label.substring(1) : label;
    }

    /** The parameter's value, or null; given twice, it is a 400 rather than a silent pick. */
    public static String single(Context ctx, String name) {
        List<String> values = ctx.queryParams(name);
        if (values.size() > 1) {
            throw new BadRequest("'" + name + "' may be given only once");
        }
        return values.isEmpty() ? null : values.get(0);
    }

    /**
     * A value as a message quotes it: its first 37 characters when longer than 40, what shows
     * nothing and still acts named by its code point ({@link ControlCharacters#named}).
     */
    public static String shorten(String value) {
        String shown = ControlCharacters.named(value);
        return shown.length() <= 40 ? shown : shown.substring(0, 37) + "...";
    }
}
