package org.dossier.documents;

import java.time.LocalDate;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The styles of the "Cite this" box, each a pure function from a {@link Citation} to text. An
 * archival document of the catalogue has no author: every style starts from its title, gives the
 * document's date only as precisely as it is known, names the version it cites and the day it
 * was read, and points at the address of that version.
 */
public enum CitationStyle {

    /** Chicago notes-bibliography, the note: "1. “Title,” letter, February 1942, Dossier, version 2, ...". */
    CHICAGO_NOTE("chicago-note", "Chicago (note)") {
        @Override
        public FormattedCitation format(Citation c) {
            var out = new FormattedCitation.Builder().quoted(c.title(), ',').text(" ");
            if (c.genre() != null) {
                out.text(lowerCaseWords(c.genre()) + ", ");
            }
            return out.text(c.date().display() + ", " + c.archive() + ", version " + c.version()
                    + ", accessed " + longDate(c.accessed()) + ", " + c.url() + ".").build();
        }
    },

    /** Chicago notes-bibliography, the bibliography entry: sentences where the note has commas. */
    CHICAGO_BIBLIOGRAPHY("chicago-bibliography", "Chicago (bibliography)") {
        @Override
        public FormattedCitation format(Citation c) {
            var out = new FormattedCitation.Builder().quoted(c.title(), '.').text(" ");
            if (c.genre() != null) {
                out.text(c.genre() + ", ");
            }
            return out.text(c.date().display() + ". " + c.archive() + ", version " + c.version()
                    + ". Accessed " + longDate(c.accessed()) + ". " + c.url() + ".").build();
        }
    },

    /** MLA (9th edition): the website is the container, in italics; the URL without its scheme. */
    MLA("mla", "MLA") {
        @Override
        public FormattedCitation format(Citation c) {
            var out = new FormattedCitation.Builder().quoted(c.title(), '.').text(" ");
            if (c.genre() != null) {
                out.text(c.genre() + ", ");
            }
            return out.text(mlaDate(c.date()) + ". ").italic(c.archive())
                    .text(", version " + c.version() + ", " + withoutScheme(c.url())
                            + ". Accessed " + mlaDate(DocumentDate.ofDay(c.accessed().getYear(),
                                    c.accessed().getMonthValue(), c.accessed().getDayOfMonth())) + ".")
                    .build();
        }
    },

    /**
     * APA (7th edition): with no author the title, in italics, comes first; a record that editors
     * may correct gets its version and a retrieval date, and no full stop after the URL.
     */
    APA("apa", "APA") {
        @Override
        public FormattedCitation format(Citation c) {
            var out = new FormattedCitation.Builder().italic(c.title()).text(" (Version " + c.version() + ")");
            if (c.genre() != null) {
                out.text(" [" + c.genre() + "]");
            }
            return out.text(". (" + apaDate(c.date()) + "). " + FormattedCitation.Builder.withMark(c.archive(), '.')
                    + " Retrieved " + longDate(c.accessed()) + ", from " + c.url()).build();
        }
    };

    private static final Pattern CAPITALISED_WORD = Pattern.compile("\\b[A-Z][a-z]+\\b");

    private final String key;
    private final String label;

    CitationStyle(String key, String label) {
        this.key = key;
        this.label = label;
    }

    public abstract FormattedCitation format(Citation citation);

    /** A stable name for the style, for element ids and tests. */
    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    /** "November 23, 2026". */
    static String longDate(LocalDate day) {
        return DocumentDate.ofDay(day.getYear(), day.getMonthValue(), day.getDayOfMonth()).display();
    }

    /** "Record of Conversation" as a common noun, "record of conversation"; acronyms stay as they are. */
    static String lowerCaseWords(String text) {
        Matcher m = CAPITALISED_WORD.matcher(text);
        return m.replaceAll(r -> r.group().toLowerCase(Locale.ENGLISH));
    }

    /** MLA's dates: "10 May 1943", "Feb. 1942", "1950", with its abbreviations of the months. */
    static String mlaDate(DocumentDate date) {
        String month = mlaMonth(date.earliest().getMonth());
        return switch (date.precision()) {
            case DAY -> date.earliest().getDayOfMonth() + " " + month + " " + date.year();
            case MONTH -> month + " " + date.year();
            case YEAR -> String.valueOf(date.year());
        };
    }

    private static String mlaMonth(Month month) {
        String full = month.getDisplayName(TextStyle.FULL, Locale.ENGLISH);
        return switch (month) {
            case MAY, JUNE, JULY -> full;
            case SEPTEMBER -> "Sept.";
            default -> full.substring(0, 3) + ".";
        };
    }

    /** APA's dates: "1943, May 10", "1942, February", "1950". */
    static String apaDate(DocumentDate date) {
        String month = date.earliest().getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
        return switch (date.precision()) {
            case DAY -> date.year() + ", " + month + " " + date.earliest().getDayOfMonth();
            case MONTH -> date.year() + ", " + month;
            case YEAR -> String.valueOf(date.year());
        };
    }

    private static String withoutScheme(String url) {
        return url.replaceFirst("^https?://", "");
    }
}
