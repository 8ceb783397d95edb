package org.dossier.documents;

import java.time.LocalDate;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The styles of the "Cite this" box, each a pure function from a {@link Citation} to text. A
 * document with known authors starts from them; one without starts from its title. Every style
 * names the recipients after the genre ("Cable to Mao Zedong"), gives the
 * document's date only as precisely as it is known, names the version it cites and the day it
 * was read, and points at the address of that version.
 */
public enum CitationStyle {

    /**
     * Chicago notes-bibliography, the note: "1. Joseph Stalin, “Title,” cable to Mao Zedong, May 26,
     * 1949, Dossier, version 2, ..."; a record with no known author starts from its title.
     */
    CHICAGO_NOTE("chicago-note", "Chicago (note)") {
        @Override
        public FormattedCitation format(Citation c) {
            var out = new FormattedCitation.Builder();
            if (!c.authors().isEmpty()) {
                out.text(noteList(c.authors()) + ", ");
            }
            out.quoted(c.title(), ',', titleLang(c)).text(" ");
            String description = description(c, true);
            if (description != null) {
                out.text(description + ", ");
            }
            return out.text(chicagoDate(c) + ", " + c.archive() + ", version " + c.version()
                    + ", accessed " + longDate(c.accessed()) + ", " + c.url() + ".").build();
        }
    },

    /**
     * Chicago notes-bibliography, the bibliography entry: sentences where the note has commas, the
     * first author inverted: "Stalin, Joseph. “Title.” Cable to Mao Zedong, May 26, 1949. ...".
     */
    CHICAGO_BIBLIOGRAPHY("chicago-bibliography", "Chicago (bibliography)") {
        @Override
        public FormattedCitation format(Citation c) {
            var out = new FormattedCitation.Builder();
            if (!c.authors().isEmpty()) {
                out.text(FormattedCitation.Builder.withMark(bibliographyList(c.authors()), '.') + " ");
            }
            out.quoted(c.title(), '.', titleLang(c)).text(" ");
            String description = description(c, false);
            if (description != null) {
                out.text(description + ", ");
            }
            // "n.d." ends in its own full stop: "…, n.d. Dossier, version 2."
            String date = chicagoDate(c);
            return out.text(date + (date.endsWith(".") ? " " : ". ") + c.archive() + ", version " + c.version()
                    + ". Accessed " + longDate(c.accessed()) + ". " + c.url() + ".").build();
        }
    },

    /**
     * MLA (9th edition): the author inverted ("Stalin, Joseph, and Vyacheslav Molotov."; three or
     * more "et al."), the website as the container, in italics; the URL without its scheme.
     */
    MLA("mla", "MLA") {
        @Override
        public FormattedCitation format(Citation c) {
            var out = new FormattedCitation.Builder();
            if (!c.authors().isEmpty()) {
                out.text(FormattedCitation.Builder.withMark(mlaList(c.authors()), '.') + " ");
            }
            out.quoted(c.title(), '.', titleLang(c)).text(" ");
            // MLA 9 leaves out a date the source does not give: the description ends the element then.
            String element = java.util.stream.Stream.of(description(c, false), c.date().map(CitationStyle::mlaDate).orElse(null))
                    .filter(java.util.Objects::nonNull).collect(java.util.stream.Collectors.joining(", "));
            if (!element.isEmpty()) {
                out.text(element + ". ");
            }
            return out.italic(c.archive())
                    .text(", version " + c.version() + ", " + withoutScheme(c.url())
                            + ". Accessed " + mlaDate(DocumentDate.ofDay(c.accessed().getYear(),
                                    c.accessed().getMonthValue(), c.accessed().getDayOfMonth())) + ".")
                    .build();
        }
    },

    /**
     * APA (7th edition): authors by family name and initials ("Stalin, J."), then the date; with no
     * author the title, in italics, comes first. A record that editors may correct gets its
     * version, and no full stop after the URL. No retrieval date: APA 7 (9.16) asks for one only
     * for a page that changes and is not archived, and the address cited is the version's, which
     * stays as it was read.
     */
    APA("apa", "APA") {
        @Override
        public FormattedCitation format(Citation c) {
            var out = new FormattedCitation.Builder();
            String date = "(" + c.date().map(CitationStyle::apaDate).orElse(NO_DATE) + ").";
            if (!c.authors().isEmpty()) {
                out.text(FormattedCitation.Builder.withMark(apaList(c.authors()), '.') + " " + date + " ");
            }
            out.italicTitle(c.title(), titleLang(c)).text(" (Version " + c.version() + ")");
            String description = description(c, false);
            if (description != null) {
                out.text(" [" + description + "]");
            }
            out.text(".");
            if (c.authors().isEmpty()) {
                out.text(" " + date);
            }
            return out.text(" " + FormattedCitation.Builder.withMark(c.archive(), '.') + " " + c.url()).build();
        }
    };

    /** What Chicago (17th ed.) and APA (7th ed.) write where a document with no date would have it. */
    static final String NO_DATE = "n.d.";

    /** Chicago's date: as the record shows it ("May 26, 1949", "ca. 1962"), or "n.d.". */
    private static String chicagoDate(Citation c) {
        return c.date().map(DocumentDate::display).orElse(NO_DATE);
    }

    /** The language of the record's title when its letters tell it ({@link Languages#of}), for the page's {@code lang}. */
    static String titleLang(Citation c) {
        return c.languages().of(c.title());
    }

    /**
     * What the document is, for the citation's description: its genre, and whom it was sent to
     * ("Cable to Mao Zedong", "To Joseph Stalin" when the catalogue gives no genre); null when
     * there is neither. The genre is a common noun, as a note writes it ("ciphered telegram to Mao
     * Zedong"), and where it starts a sentence only its first word is capitalised ("Ciphered
     * telegram to Mao Zedong"): the type's name is a label in title case ("Ciphered Telegram").
     */
    static String description(Citation c, boolean inSentence) {
        String to = c.recipients().isEmpty() ? null : naturalList(c.recipients());
        if (c.genre() == null) {
            return to == null ? null : (inSentence ? "to " : "To ") + to;
        }
        String genre = lowerCaseWords(c.genre());
        if (!inSentence && !genre.isEmpty()) {
            int first = genre.offsetByCodePoints(0, 1);
            genre = genre.substring(0, first).toUpperCase(Locale.ENGLISH) + genre.substring(first);
        }
        return to == null ? genre : genre + " to " + to;
    }

    /**
     * "Joseph Stalin", "Kim Il Sung and Pak Heon-yeong", "A, B, and C": names as written. A name
     * written right to left is set apart, as a title is ({@link WrittenText#isolated}):
     * two Arabic names with the comma between them would otherwise be shown in the wrong order, and
     * the day after one ("جمال عبد الناصر, 26 July") drawn into it, at its left.
     */
    static String naturalList(java.util.List<PersonLink> people) {
        return series(people.stream().map(p -> isolated(p.name())).toList(), "and");
    }

    private static String isolated(String name) {
        return WrittenText.isolated(name);
    }

    /**
     * Chicago's note (CMOS 14.76): up to three authors by name, four or more as the first "et al."
     * ("Joseph Stalin et al."), as the Chicago CSL style has it ({@code et-al-min="4"}).
     */
    static String noteList(java.util.List<PersonLink> people) {
        return people.size() >= 4 ? isolated(people.get(0).name()) + " et al." : naturalList(people);
    }

    /**
     * Chicago's bibliography: the first name inverted ("Stalin, Joseph, and Vyacheslav Molotov");
     * up to ten authors by name, more than ten as the first seven and "et al." (CMOS 14.76, the
     * Chicago CSL style's {@code et-al-min="11" et-al-use-first="7"}).
     */
    static String bibliographyList(java.util.List<PersonLink> people) {
        var names = new java.util.ArrayList<String>();
        names.add(isolated(people.get(0).bibliographic()));
        people.stream().skip(1).limit(people.size() > 10 ? 6 : people.size()).map(p -> isolated(p.name()))
                .forEach(names::add);
        if (people.size() > 10) {
            return String.join(", ", names) + ", et al.";
        }
        if (names.size() == 2 && names.get(0).contains(",")) {
            return names.get(0) + ", and " + names.get(1);
        }
        return series(names, "and");
    }

    /** MLA: one author inverted, two joined with "and", three or more as the first "et al.". */
    static String mlaList(java.util.List<PersonLink> people) {
        String first = isolated(people.get(0).bibliographic());
        return switch (people.size()) {
            case 1 -> first;
            case 2 -> first + (first.contains(",") ? ", and " : " and ") + isolated(people.get(1).name());
            default -> first + ", et al.";
        };
    }

    /**
     * APA: "Stalin, J.", "Kim, I. S., & Pak, H.-Y."; an organisation by its whole name; twenty-one
     * or more as the first nineteen, an ellipsis and the last, with no ampersand (APA 7, 9.8; the
     * APA CSL style's {@code et-al-min="21" et-al-use-first="19" et-al-use-last="true"}).
     */
    static String apaList(java.util.List<PersonLink> people) {
        var names = people.stream().map(p -> isolated(apaName(p))).toList();
        if (names.size() == 1) {
            return names.get(0);
        }
        if (names.size() >= 21) {
            return String.join(", ", names.subList(0, 19)) + ", \u2026 " + names.get(names.size() - 1);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + ", & " + names.get(names.size() - 1);
    }

    private static String apaName(PersonLink p) {
        if (p.organisation() || p.given().isEmpty()) {
            return p.family();
        }
        StringBuilder initials = new StringBuilder();
        for (String word : p.given().split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            if (initials.length() > 0) {
                initials.append(' ');
            }
            if (Character.isLowerCase(word.codePointAt(0))) {
                // A particle after the given names, as library headings write it ("Gaulle, Charles
                // de"): kept as a word, "Gaulle, C. de", as citeproc-js sets it, not "C. D.".
                initials.append(word);
                continue;
            }
            String[] parts = word.split("-");
            for (int i = 0; i < parts.length; i++) {
                if (parts[i].isEmpty()) {
                    continue;
                }
                if (i > 0) {
                    initials.append('-');
                }
                initials.append(Character.toUpperCase(parts[i].charAt(0))).append('.');
            }
        }
        return p.family() + ", " + initials + (p.suffix().isEmpty() ? "" : ", " + p.suffix());
    }

    /** "A", "A and B", "A, B, and C". */
    private static String series(java.util.List<String> names, String conjunction) {
        return switch (names.size()) {
            case 0 -> "";
            case 1 -> names.get(0);
            case 2 -> names.get(0) + " " + conjunction + " " + names.get(1);
            default -> String.join(", ", names.subList(0, names.size() - 1)) + ", " + conjunction + " "
                    + names.get(names.size() - 1);
        };
    }

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

    /**
     * MLA's dates: "10 May 1943", "Feb. 1942", "1950", with its abbreviations of the months; an
     * approximate one with MLA's abbreviation of circa, "c. 1962". A span says what its ends share
     * once, as MLA writes "3–5 June 1961" and "Mar.–Apr. 1962"; "1961–1962".
     */
    static String mlaDate(DocumentDate date) {
        DatePoint start = date.start();
        String span = date.end().map(end -> {
            if (start.precision() == end.precision() && start.year() == end.year()) {
                switch (start.precision()) {
                    case MONTH:
                        return mlaMonth(start.earliest().getMonth()) + "\u2013" + mlaPoint(end);
                    case DAY:
                        return (start.earliest().getMonth() == end.earliest().getMonth()
                                ? String.valueOf(start.earliest().getDayOfMonth())
                                : start.earliest().getDayOfMonth() + " " + mlaMonth(start.earliest().getMonth()))
                                + "\u2013" + mlaPoint(end);
                    default:
                        break;
                }
            }
            return mlaPoint(start) + "\u2013" + mlaPoint(end);
        }).orElseGet(() -> mlaPoint(start));
        return (date.circa() ? "c. " : "") + span;
    }

    private static String mlaPoint(DatePoint date) {
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

    /**
     * APA's dates: "1943, May 10", "1942, February", "1950"; an estimated one "ca. 1962", as APA 7
     * writes it. A span within a year gives the year once: "1962, March–April", "1961, June 3–5";
     * "1961–1962".
     */
    static String apaDate(DocumentDate date) {
        DatePoint start = date.start();
        String span = date.end().map(end -> {
            if (start.precision() == end.precision() && start.year() == end.year()
                    && start.precision() != DatePrecision.YEAR) {
                String first = start.precision() == DatePrecision.MONTH ? start.monthName()
                        : start.monthName() + " " + start.earliest().getDayOfMonth();
                String last = start.precision() == DatePrecision.MONTH ? end.monthName()
                        : (start.earliest().getMonth() == end.earliest().getMonth() ? "" : end.monthName() + " ")
                                + end.earliest().getDayOfMonth();
                return start.year() + ", " + first + "\u2013" + last;
            }
            return apaPoint(start) + "\u2013" + apaPoint(end);
        }).orElseGet(() -> apaPoint(start));
        return (date.circa() ? "ca. " : "") + span;
    }

    private static String apaPoint(DatePoint date) {
        String month = date.monthName();
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
