package org.dossier.documents;

import java.util.ArrayList;
import java.util.List;

/**
 * A citation in one style, as runs of text of which some are set in italics: a page shows them
 * with {@code <i>}, a plain-text copy drops the italics.
 */
public record FormattedCitation(List<Run> runs) {

    /**
     * A stretch of the citation, in italics or not.
     *
     * @param lang the language the stretch is written in when it is not the citation's English (a
     *     title in Cyrillic or Arabic letters of a record written in Russian or Arabic, as
     *     {@link Languages#of} tells), for the page's {@code lang}; null for the rest
     */
    public record Run(String text, boolean italic, String lang) {

        public Run(String text, boolean italic) {
            this(text, italic, null);
        }

        /** Neither in italics nor in another language: printed as it is. */
        public boolean plain() {
            return !italic && lang == null;
        }

        /** Not in italics but in another language: set apart in its own language and direction. */
        public boolean setApart() {
            return !italic && lang != null;
        }

        /** The direction of a stretch in another language, found from its letters ({@code auto}); null for the rest. */
        public String dir() {
            return lang == null ? null : "auto";
        }
    }

    public FormattedCitation {
        runs = List.copyOf(runs);
    }

    /** The citation as plain text. */
    public String text() {
        StringBuilder text = new StringBuilder();
        runs.forEach(r -> text.append(r.text()));
        return text.toString();
    }

    @Override
    public String toString() {
        return text();
    }

    /** Builds a citation run by run, joining neighbouring runs of the same kind. */
    static final class Builder {

        private final List<Run> runs = new ArrayList<>();

        Builder text(String text) {
            return add(text, false);
        }

        Builder italic(String text) {
            return add(text, true);
        }

        /**
         * A title in italics, its quotations in double marks ({@link Citation#outerQuotes}), set
         * apart from the citation's direction when it is written right to left ({@link WrittenText#isolated}).
         */
        Builder italicTitle(String title, String lang) {
            return add(WrittenText.isolated(Citation.outerQuotes(title)), true, lang);
        }

        /**
         * A title in double quotation marks with the mark that follows it set inside, as American
         * usage has it ("Title," / "Title."); quotation marks inside the title become single ones.
         * A title written right to left is set apart ({@link WrittenText#isolated}) with the mark outside the
         * isolate, where the English sentence around it has it.
         */
        Builder quoted(String title, char mark, String lang) {
            String inner = Citation.innerQuotes(title);
            String marked = withMark(inner, mark);
            // The mark added after the title goes outside its isolate; one set inside a quotation the title ends with stays in.
            boolean markAfter = marked.equals(inner + mark);
            return text("\u201C").add(WrittenText.isolated(markAfter ? inner : marked), false, lang)
                    .text((markAfter ? String.valueOf(mark) : "") + "\u201D");
        }

        /**
         * The text followed by a comma or full stop: none when it already ends with a question or
         * exclamation mark (or a full stop, for a full stop), and inside a quotation it ends with;
         * outside an isolate it ends with ({@link WrittenText#isolated}).
         */
        static String withMark(String text, char mark) {
            if (text.endsWith("\u2069")) {
                // A name set apart (isolated): its own last mark counts, a new one goes after it.
                String inner = text.substring(0, text.length() - 1);
                return withMark(inner, mark).equals(inner) ? text : text + mark;
            }
            int end = text.length();
            while (end > 0 && closesQuotation(text, end - 1)) {
                end--;
            }
            if (end > 0) {
                char last = text.charAt(end - 1);
                if (last == '?' || last == '!' || last == '.' && mark == '.') {
                    return text;
                }
            }
            return text.substring(0, end) + mark + text.substring(end);
        }

        /** Whether the character at {@code i} closes a quotation opened earlier (not an apostrophe). */
        private static boolean closesQuotation(String text, int i) {
            char c = text.charAt(i);
            return switch (c) {
                case '\u2019' -> text.lastIndexOf('\u2018', i) >= 0;
                case '\u201D' -> text.lastIndexOf('\u201C', i) >= 0;
                case '\'', '"' -> {
                    for (int j = i - 1; j >= 0; j--) {
                        if (text.charAt(j) == c && (j == 0 || !Character.isLetterOrDigit(text.charAt(j - 1)))) {
                            yield true;
                        }
                    }
                    yield false;
                }
                default -> false;
            };
        }

        FormattedCitation build() {
            return new FormattedCitation(runs);
        }

        private Builder add(String text, boolean italic) {
            return add(text, italic, null);
        }

        private Builder add(String text, boolean italic, String lang) {
            if (text.isEmpty()) {
                return this;
            }
            int last = runs.size() - 1;
            if (last >= 0 && runs.get(last).italic() == italic && java.util.Objects.equals(runs.get(last).lang(), lang)) {
                runs.set(last, new Run(runs.get(last).text() + text, italic, lang));
            } else {
                runs.add(new Run(text, italic, lang));
            }
            return this;
        }
    }
}
