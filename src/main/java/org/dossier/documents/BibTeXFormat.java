package org.dossier.documents;

import java.io.IOException;
import java.io.Writer;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * BibTeX, as {@code @letter} entries for a document sent to someone and {@code @unpublished} for
 * any other: the types Zotero's BibTeX import reads as a letter and a manuscript (it reads a
 * {@code @misc} as a book), and pandoc as CSL's personal_communication and manuscript. biblatex's
 * standard styles and classic BibTeX's print a {@code @letter}, which they have no layout of their
 * own for, as a {@code @misc}.
 * The authors are in {@code author} and the recipients in a {@code recipient} field of their own:
 * {@code date} keeps a partial date partial ("1942-02"), {@code year} and {@code month} say the
 * same for classic styles, and a month-only date never gets a day. Text is UTF-8 with LaTeX's
 * special characters escaped; in the title each run of words with a capital is braced, so that
 * styles keep their capitals ({@link #title}); {@code langid} names the main language as babel does.
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
                // An undated record has no year, month or date: biblatex's styles then print none
                // (biblatex has no "n.d." of its own), and Zotero's import leaves the item undated.
                if (c.date().isPresent()) {
                    DocumentDate date = c.date().get();
                    field(out, "year", String.valueOf(date.year()));
                    if (date.precision() != DatePrecision.YEAR) {
                        out.write("  month        = " + date.earliest().getMonth()
                                .getDisplayName(TextStyle.SHORT, Locale.ENGLISH).toLowerCase(Locale.ROOT) + ",\n");
                    }
                    // After year and month: Zotero's BibTeX import puts a month before the date it has
                    // read so far ("July1952-07-18"), and a date read last replaces what they made.
                    // biblatex reads its date as EDTF: "1962~" is approximate (printed "circa 1962").
                    field(out, "date", date.edtf());
                }
                if (c.genre() != null) {
                    field(out, "type", escape(c.genre()));
                }
                if (!c.languages().isEmpty()) {
                    // biblatex's language is a list, its items joined by "and".
                    field(out, "language", escape(String.join(" and ", c.languages().names())));
                }
                String langid = langid(c.languages());
                if (langid != null) {
                    field(out, "langid", langid);
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
    static String names(List<PersonLink> people) {
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

    /**
     * The babel and polyglossia names of the languages babel hyphenates, by the codes
     * {@link Languages} stores: what biblatex's {@code langid} takes (its {@code hyphenation}
     * before biblatex 2.8, still read as the same). The names are those pandoc's LaTeX writer
     * gives babel (Text.Pandoc.Writers.LaTeX.Lang) and CTAN's babel-belarusian, -georgian,
     * -macedonian and -azerbaijani; German is babel's new orthography, "ngerman".
     */
    static final Map<String, String> BABEL = Map.ofEntries(
            Map.entry("af", "afrikaans"), Map.entry("am", "amharic"),
            Map.entry("ar", "arabic"), Map.entry("as", "assamese"),
            Map.entry("ast", "asturian"), Map.entry("az", "azerbaijani"),
            Map.entry("be", "belarusian"), Map.entry("bg", "bulgarian"),
            Map.entry("bn", "bengali"), Map.entry("bo", "tibetan"),
            Map.entry("br", "breton"), Map.entry("ca", "catalan"),
            Map.entry("cs", "czech"), Map.entry("cy", "welsh"),
            Map.entry("da", "danish"), Map.entry("de", "ngerman"),
            Map.entry("dsb", "lowersorbian"), Map.entry("dv", "divehi"),
            Map.entry("el", "greek"), Map.entry("en", "english"),
            Map.entry("eo", "esperanto"), Map.entry("es", "spanish"),
            Map.entry("et", "estonian"), Map.entry("eu", "basque"),
            Map.entry("fa", "persian"), Map.entry("fi", "finnish"),
            Map.entry("fr", "french"), Map.entry("fur", "friulan"),
            Map.entry("ga", "irish"), Map.entry("gd", "scottish"),
            Map.entry("gl", "galician"), Map.entry("gu", "gujarati"),
            Map.entry("he", "hebrew"), Map.entry("hi", "hindi"),
            Map.entry("hr", "croatian"), Map.entry("hsb", "uppersorbian"),
            Map.entry("hu", "magyar"), Map.entry("hy", "armenian"),
            Map.entry("ia", "interlingua"), Map.entry("id", "indonesian"),
            Map.entry("is", "icelandic"), Map.entry("it", "italian"),
            Map.entry("ja", "japanese"), Map.entry("ka", "georgian"),
            Map.entry("km", "khmer"), Map.entry("kn", "kannada"),
            Map.entry("ko", "korean"), Map.entry("la", "latin"),
            Map.entry("lo", "lao"), Map.entry("lt", "lithuanian"),
            Map.entry("lv", "latvian"), Map.entry("mk", "macedonian"),
            Map.entry("ml", "malayalam"), Map.entry("mn", "mongolian"),
            Map.entry("mr", "marathi"), Map.entry("nb", "norsk"),
            Map.entry("nl", "dutch"), Map.entry("nn", "nynorsk"),
            Map.entry("no", "norsk"), Map.entry("oc", "occitan"),
            Map.entry("or", "oriya"), Map.entry("pa", "punjabi"),
            Map.entry("pl", "polish"), Map.entry("pt", "portuguese"),
            Map.entry("rm", "romansh"), Map.entry("ro", "romanian"),
            Map.entry("ru", "russian"), Map.entry("sa", "sanskrit"),
            Map.entry("se", "samin"), Map.entry("sk", "slovak"),
            Map.entry("sl", "slovene"), Map.entry("sq", "albanian"),
            Map.entry("sr", "serbian"), Map.entry("sv", "swedish"),
            Map.entry("ta", "tamil"), Map.entry("te", "telugu"),
            Map.entry("th", "thai"), Map.entry("tk", "turkmen"),
            Map.entry("tr", "turkish"), Map.entry("uk", "ukrainian"),
            Map.entry("ur", "urdu"), Map.entry("vi", "vietnamese"),
            Map.entry("zh", "chinese"));

    /**
     * biblatex's {@code langid}: the main language's babel name, by which biber and babel or
     * polyglossia hyphenate the entry and set its quotation marks ({@code autolang}); null when the
     * record names no language or its main one is not in babel's list: a name babel does not know is
     * an error in the reader's document, where no langid is English.
     */
    static String langid(Languages languages) {
        return languages.isEmpty() ? null : BABEL.get(languages.tags().get(0));
    }

    private static void field(Writer out, String name, String value) throws IOException {
        out.write("  " + name + " ".repeat(Math.max(1, 13 - name.length())) + "= {" + value + "},\n");
    }

    /**
     * The title, with each run of words that has a capital braced, as BibTeX's documentation
     * advises and reference managers do (Better BibTeX: a word with at least one capital): a style
     * that sets titles in sentence case keeps "{NATO}" and "{Mao Zedong}" as written and may lower
     * the rest. Only the letters are braced, not the punctuation around them ("[via {Kovalev}]").
     * Letters that have no case (Chinese, Arabic, Hebrew) are never braced, not even inside a word:
     * there is nothing to keep, and a reader that cannot parse them as LaTeX (citeproc-java's,
     * through jbibtex) gives back whatever braces are near them. A first word whose one capital is
     * the title's first letter is left as it is: every style keeps that letter.
     */
    static String title(String title) {
        StringBuilder out = new StringBuilder(title.length() + 16);
        int written = 0;
        int groupStart = -1;
        int groupEnd = -1;
        for (int[] word : casedWords(title)) {
            boolean alone = groupStart < 0;
            if (!alone && title.substring(groupEnd, word[0]).isBlank()) {
                groupEnd = word[1];
                continue;
            }
            if (!alone) {
                written = brace(out, title, written, groupStart, groupEnd);
            }
            groupStart = word[0];
            groupEnd = word[1];
        }
        if (groupStart >= 0) {
            written = brace(out, title, written, groupStart, groupEnd);
        }
        out.append(escape(title.substring(written)));
        return out.toString();
    }

    /** Writes the text up to {@code start} as it is and from there to {@code end} braced. */
    private static int brace(StringBuilder out, String title, int written, int start, int end) {
        out.append(escape(title.substring(written, start))).append('{').append(escape(title.substring(start, end))).append('}');
        return end;
    }

    /**
     * Where the title's words with a capital start and end: runs of letters with a case, digits and
     * the punctuation inside a word ("U.S.-Soviet", "Kim's"), split at spaces and at letters with no
     * case, their punctuation at either end left out; not the title's first word when its first
     * letter is its only capital.
     */
    private static List<int[]> casedWords(String title) {
        List<int[]> words = new ArrayList<>();
        int i = 0;
        while (i < title.length()) {
            int c = title.codePointAt(i);
            if (Character.isWhitespace(c) || caseless(c)) {
                i += Character.charCount(c);
                continue;
            }
            int start = i;
            while (i < title.length() && !Character.isWhitespace(title.codePointAt(i)) && !caseless(title.codePointAt(i))) {
                i += Character.charCount(title.codePointAt(i));
            }
            int from = start;
            int to = i;
            while (from < to && !Character.isLetterOrDigit(title.codePointAt(from))) {
                from += Character.charCount(title.codePointAt(from));
            }
            while (to > from && !Character.isLetterOrDigit(title.codePointBefore(to))) {
                to -= Character.charCount(title.codePointBefore(to));
            }
            String word = title.substring(from, to);
            boolean capitalisedFirstWord = from == 0 && word.codePoints().skip(1).noneMatch(BibTeXFormat::capital);
            if (!capitalisedFirstWord && word.codePoints().anyMatch(BibTeXFormat::capital)) {
                words.add(new int[] {from, to});
            }
        }
        return words;
    }

    private static boolean capital(int c) {
        return Character.isUpperCase(c) || Character.isTitleCase(c);
    }

    /**
     * A letter of a script with no case: Chinese, Japanese, Korean, Arabic, Hebrew, Thai... (Unicode's
     * "other letter"; a modifier letter, the apostrophe of "Pʼyŏngyang", belongs to its word).
     */
    private static boolean caseless(int c) {
        return Character.getType(c) == Character.OTHER_LETTER;
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
