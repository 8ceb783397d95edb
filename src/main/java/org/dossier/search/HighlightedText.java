package org.dossier.search;

/**
 * A piece of a record's text as HTML that is safe to insert into a page: the text was escaped
 * first, and only then were {@code <mark>} tags put around the words that matched. Only this
 * package makes them ({@link Highlights}).
 */
public record HighlightedText(String html) {

    public static final HighlightedText EMPTY = new HighlightedText("");

    public HighlightedText {
        if (html == null) {
            throw new IllegalArgumentException("no html");
        }
    }

    /** The text without its marks, as a reader reads it (for telling its language). */
    public String text() {
        return org.unbescape.html.HtmlEscape.unescapeHtml(html.replace("<mark>", "").replace("</mark>", ""));
    }

    public boolean isEmpty() {
        return html.isEmpty();
    }
}
