package org.dossier.search;

/**
 * A piece of a record's text as HTML that is safe to insert into a page: the text was escaped
 * first, and only then were {@code <mark>} tags put around the words that matched.
 */
public record HighlightedText(String html) {

    public static final HighlightedText EMPTY = new HighlightedText("");

    public HighlightedText {
        if (html == null) {
            throw new IllegalArgumentException("no html");
        }
    }

    /** Plain text as safe HTML, with nothing marked. */
    public static HighlightedText plain(String text) {
        return new HighlightedText(escape(text));
    }

    public boolean isEmpty() {
        return html.isEmpty();
    }

    /** Escapes everything HTML gives a meaning to, in text and in attribute values alike. */
    static String escape(CharSequence text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        escapeInto(out, text, 0, text.length());
        return out.toString();
    }

    static void escapeInto(StringBuilder out, CharSequence text, int start, int end) {
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
    }
}
