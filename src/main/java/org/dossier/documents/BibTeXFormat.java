package org.dossier.documents;

import java.io.IOException;
import java.io.Writer;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * BibTeX, as {@code @letter} entries for a document sent to someone and {@code @unpublished} for
 * any other: the types Zotero's BibTeX import reads as a letter and a manuscript (it reads a
 * {@code @misc} as a book), and pandoc as CSL's personal_communication and manuscript. biblatex's
 * standard styles and classic BibTeX's print a {@code @letter}, which they have no layout of their
 * own for, as a {@code @misc}.
 * The authors are in {@code author} and the recipients in a {@code recipient} field of their own:
 * {@code date} keeps a partial date partial ("1942-02"), {@code year} and {@code month} say the
 * same for classic styles, and a month-only date never gets a day. Text is UTF-8 with LaTeX's
 * special characters escaped; the title is braced so that styles keep its capitals, unless it has
 * none to keep ({@link #title}).
 */
final class BibTeXFormat implements ExportFormat {

    @Override
    public String mediaType() {
        return "application/x-bibtex; charset=utf-8";
    }

    @Override
    public String extension() {
        return "bib";
    }

    @Override
    public String label() {
        return "BibTeX";
    }

    @Override
    public Output open(Writer out) throws IOException {
        out.write("% Encoding: UTF-8\n");
        return new Output() {
            @Override
            public void write(Citation c) throws IOException {
                out.write("\n@" + entryType(c) + "{" + c.key() + ",\n");
                if (!c.authors().isEmpty()) {
                    field(out, "author", names(c.authors()));
                }
                field(out, "title", title(c.title()));
                field(out, "year", String.valueOf(c.date().year()));
                if (c.date().precision() != DatePrecision.YEAR) {
                    out.write("  month        = " + c.date().earliest().getMonth()
                            .getDisplayName(TextStyle.SHORT, Locale.ENGLISH).toLowerCase(Locale.ROOT) + ",\n");
                }
                // After year and month: Zotero's BibTeX import puts a month before the date it has
                // read so far ("July1952-07-18"), and a date read last replaces what they made.
                // biblatex reads its date as EDTF: "1962~" is approximate (printed "circa 1962").
                field(out, "date", c.date().edtf());
                if (c.genre() != null) {
                    field(out, "type", escape(c.genre()));
                }
                if (!c.languages().isEmpty()) {
                    // biblatex's language is a list, its items joined by "and".
                    field(out, "language", escape(String.join(" and ", c.languages().names())));
                }
                if (!c.recipients().isEmpty()) {
                    // No BibTeX or biblatex entry type has a standard field for the addressee: a
                    // field of its own is kept by reference managers and ignored by styles.
                    field(out, "recipient", names(c.recipients()));
                }
                field(out, "howpublished", escape(c.archive()));
                if (!c.sent()) {
                    // biblatex prints a @letter with its @misc driver, which prints the version and
                    // then the note: with both, every letter read "Version 2. Version 2.". The note
                    // says it in every style, classic BibTeX's too, which print no version field.
                    field(out, "version", String.valueOf(c.version()));
                }
                field(out, "note", "Version " + c.version());
                if (!c.summary().isEmpty()) {
                    field(out, "abstract", escape(String.join(" ", c.summary())));
                }
                if (!c.subjects().isEmpty()) {
                    field(out, "keywords", escape(String.join(", ", c.subjects())));
                }
                field(out, "urldate", c.accessed().toString());
                // biblatex and the url package read the address verbatim: escaping it would break it.
                out.write("  url          = {" + c.url() + "}\n}\n");
            }

            @Override
            public void close() throws IOException {
                out.flush();
            }
        };
    }

    /**
     * The entry type Zotero's BibTeX import ("BibTeX.js", bibtex2zoteroTypeMap) reads as the item
     * type the record is everywhere else ({@link Citation#zoteroType}): {@code letter} to a letter,
     * {@code unpublished} to a manuscript.
     */
    static String entryType(Citation c) {
        return c.sent() ? "letter" : "unpublished";
    }

    /**
     * A BibTeX name list: "Stalin, Joseph and Molotov, Vyacheslav". A name written family name
     * first ("Kim Il Sung") and an organisation are braced whole, so that no style splits,
     * reorders or abbreviates them. A suffix goes where BibTeX reads one, "von Last, Jr, First"
     * ("Davies, Jr., John Paton"): after the given names, "Davies, John Paton, Jr." would make
     * "John Paton" the suffix and "Jr." the first name.
     */
    static String names(java.util.List<PersonLink> people) {
        return String.join(" and ", people.stream().map(BibTeXFormat::name).toList());
    }

    private static String name(PersonLink p) {
        if (p.familyFirst()) {
            return "{" + escape(p.name()) + "}";
        }
        if (p.suffix().isEmpty() || p.given().isEmpty()) {
            return escape(p.inverted());
        }
        return escape(p.family()) + ", " + escape(p.suffix()) + ", " + escape(p.given());
    }

    private static void field(Writer out, String name, String value) throws IOException {
        out.write("  " + name + " ".repeat(Math.max(1, 13 - name.length())) + "= {" + value + "},\n");
    }

    /**
     * The title, braced so that a style changing its case keeps it as written when it has a letter
     * with a case; a title in letters that have none (Chinese, Arabic, Hebrew) has nothing to keep,
     * and a reader that cannot parse the letters as LaTeX (citeproc-java's, through jbibtex) gave
     * the braces as part of it: "{毛泽东致斯大林电报}".
     */
    static String title(String title) {
        boolean cased = title.codePoints().anyMatch(c -> Character.isUpperCase(c) || Character.isLowerCase(c));
        return cased ? "{" + escape(title) + "}" : escape(title);
    }

    /**
     * Text as LaTeX reads it back: its special characters escaped, everything else as it is. BibTeX
     * counts every brace, escaped or not, so a lone one is written as a command in a group
     * ({@code {\textbraceleft}}) and every field keeps its braces balanced. The same brace-group
     * form is used for the tilde, caret and backslash: Zotero and biber both read it, while Zotero
     * mis-reads {@code \textasciitilde{}}. The angle brackets and the bar are written so too, as
     * Zotero's own BibTeX export writes them: LaTeX's default (OT1) fonts have no such glyphs and
     * print "¡", "¿" and "—" in their place ("Kim <draft> | 1950" set as "Kim ¡draft¿ — 1950").
     */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("{\\textbackslash}");
                case '{' -> out.append("{\\textbraceleft}");
                case '}' -> out.append("{\\textbraceright}");
                case '#', '$', '%', '&', '_' -> out.append('\\').append(c);
                case '~' -> out.append("{\\textasciitilde}");
                case '^' -> out.append("{\\textasciicircum}");
                case '<' -> out.append("{\\textless}");
                case '>' -> out.append("{\\textgreater}");
                case '|' -> out.append("{\\textbar}");
                case '\n', '\r', '\t' -> out.append(' ');
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
