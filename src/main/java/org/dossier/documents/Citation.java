package org.dossier.documents;

import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.dossier.authorities.AuthorityRef;

/**
 * Everything a citation of one version of a record needs, and nothing about how a style lays it
 * out: the formatters ({@link CitationStyle}, {@link ExportFormat}) derive every form from this.
 *
 * @param date the document's date, empty for an undated one: each format says so its own way
 *     (Chicago and APA "n.d."; MLA, RIS, BibTeX, CSL-JSON, COinS and the page's metadata leave the
 *     date out, and the page has no {@code <time datetime>} for Zotero to take one from)
 * @param genre the kind of document ("Letter", "Ciphered Telegram"), or null when the catalogue
 *     does not say
 * @param archive the repository that publishes the record ("Dossier")
 * @param siteUrl the catalogue's address, with no slash at the end
 * @param accessed the day the reader saw the record
 * @param languages the languages the document is written in, none when the catalogue does not say
 */
public record Citation(int id, int version, String title, Optional<DocumentDate> date, String genre,
                       List<String> summary, List<PersonLink> people, List<String> places,
                       String archive, String siteUrl, LocalDate accessed, Languages languages) {

    /** The type whose records are of no particular kind: naming it in a citation says nothing. */
    static final String UNSPECIFIED_TYPE = "other";

    public Citation {
        if (id < 1 || version < 1) {
            throw new IllegalArgumentException("record " + id + ", version " + version);
        }
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(siteUrl, "siteUrl");
        Objects.requireNonNull(accessed, "accessed");
        Objects.requireNonNull(languages, "languages");
        summary = List.copyOf(summary);
        people = List.copyOf(people);
        places = List.copyOf(places);
    }

    /** The genre a citation names for a record of this type, or null. */
    public static String genreOf(AuthorityRef type) {
        return type == null || type.key().equals(UNSPECIFIED_TYPE) ? null : type.name();
    }

    /** The address of exactly this version: what the citation points at. */
    public String url() {
        return siteUrl + Permalinks.version(id, version);
    }

    /** The record's permanent address, which always shows its current version. */
    public String permalink() {
        return siteUrl + Permalinks.permanent(id);
    }

    /** A key for reference managers, the same for the same version wherever it is exported. */
    public String key() {
        return "dossier-" + id + "-v" + version;
    }

    /** The people and the places of the record, for keywords and subjects. */
    public List<String> subjects() {
        return java.util.stream.Stream.concat(people.stream().map(PersonLink::name), places.stream()).toList();
    }

    /**
     * The Zotero item type the record is captured as: {@code letter} for anything sent to someone
     * (a Zotero letter has recipients, and its Type field takes "Ciphered Telegram"),
     * {@code manuscript} for the rest.
     */
    public String zoteroType() {
        return sent() ? "letter" : "manuscript";
    }

    /** Whether the document was sent to someone: a letter, in every format that has one. */
    public boolean sent() {
        return !recipients().isEmpty();
    }

    /**
     * The page's Highwire {@code citation_author}s ({@link PersonLink#lastFirst}: "Stalin, Joseph",
     * "Mao Zedong,"). None when the only author's has words on both sides of its comma ("Van Fleet,
     * James Alward"): Zotero's Embedded Metadata reads a lone citation_author like that as a list of
     * two authors. The page's {@code DC.creator} names them then, which Zotero reads as one name.
     */
    public List<String> highwireAuthors() {
        List<String> names = authors().stream().map(PersonLink::lastFirst).toList();
        if (names.size() == 1) {
            String[] parts = names.get(0).split("\\s*,\\s*");
            if (parts.length > 1 && parts[0].contains(" ") && parts[1].contains(" ")) {
                return List.of();
            }
        }
        return names;
    }

    /**
     * The page's {@code DC.contributor}s, the recipients, only beside a {@code DC.creator}: Zotero's
     * RDF reader takes the dc:contributors for the authors when there is no dc:creator, and would
     * make the addressee of a letter with no known author its author too.
     */
    public List<String> dcContributors() {
        return authors().isEmpty() ? List.of() : recipients().stream().map(PersonLink::lastFirst).toList();
    }

    /**
     * The date as Google Scholar and Highwire ask for it: "1949/05/26", "1942/02", "1950"; a span's
     * start, the one date the tag takes; none for an undated record, whose page has no such tag.
     */
    public Optional<String> highwireDate() {
        return date.map(d -> d.start().iso().replace('-', '/'));
    }

    /**
     * An approximate date in the words Zotero keeps: "circa 1962", "circa March 1962", "circa May
     * 10, 1943" (a span's start); empty for any other date. The page's {@code citation_date}, which
     * Zotero's Embedded Metadata applies after {@code citation_publication_date} and so keeps, and
     * COinS' {@code rft.date}. Zotero's Date field is free text, and
     * its date reader (zotero/utilities date.js strToDate) finds the year, the month by its name
     * and the day in these and keeps what is left, "circa", beside them: the field reads as the
     * record does, sorts by the date, and a citation of a year gives "circa 1962" (itemToCSLJSON
     * hands the leftover words of a date without a month to the style as its season). Spelled out
     * because the reader drops the punctuation around that leftover: "ca. 1962" would be cited
     * "ca 1962". A month by its name because the reader takes "1962/03" or "1962-03" after a word
     * for the year and a day 3. None for an undated record: a date field that says "n.d." is a date
     * Zotero keeps as text and cites as written, in English, whatever the style's language (a
     * German style's "o. J."), and no date to Google Scholar or any reader that parses the tag.
     */
    public Optional<String> circaWords() {
        return date.filter(DocumentDate::circa).map(d -> "circa " + d.start().exactly());
    }

    /**
     * The date as Dublin Core's {@code DC.date} gives it: ISO 8601, a span as its interval
     * ("1961/1962", "1962-03/1963-04"), as OAI-PMH's dc:date does: DCMI's date is "a point or period
     * of time", written in ISO 8601-1 or a profile of it. Zotero's page reader applies
     * {@code citation_publication_date} over it, so it still reads the start alone, which its Date
     * field can hold (it reads an interval's end as words beside the start). None for an undated record.
     */
    public Optional<String> dcDate() {
        return date.map(DocumentDate::iso);
    }

    /** Who wrote the document, in the order the record lists them. */
    public List<PersonLink> authors() {
        return PersonLink.inRole(people, org.dossier.authorities.PersonRole.AUTHOR);
    }

    /** Who the document was sent to. */
    public List<PersonLink> recipients() {
        return PersonLink.inRole(people, org.dossier.authorities.PersonRole.RECIPIENT);
    }

    /**
     * The title as a citation quotes it: the quotations inside it are set in single marks
     * ("Report on "Operation #5"" and "Malik, 'On the Question'" are cited as “Report on ‘Operation
     * #5’” and “Malik, ‘On the Question’”), as citeproc-js renders a quoted title; apostrophes
     * stay as they are.
     */
    public static String innerQuotes(String title) {
        return quotations(title, true);
    }

    /**
     * The title as a style that does not quote it sets it (APA's, in italics): the quotations
     * inside it in double marks, as citeproc-js renders them there ("Malik, 'On the Question'" is
     * Malik, “On the Question”). Single curly marks are kept as written, as citeproc-js keeps them.
     */
    public static String outerQuotes(String title) {
        return quotations(title, false);
    }

    /**
     * The quotations of a title in the marks of their depth, as citeproc-js sets them: inside a
     * quoted title the first depth is single marks and the next double ones, in an unquoted title
     * the other way round. Straight marks ('…', "…") and double curly ones open and close a
     * quotation; a straight single mark inside a word or after one with no quotation open is an
     * apostrophe ("Stalin's", "Soldiers' letters"), and a single curly mark is left as written.
     */
    private static String quotations(String title, boolean quoted) {
        StringBuilder out = new StringBuilder(title.length());
        ArrayDeque<Character> open = new ArrayDeque<>();
        for (int i = 0; i < title.length(); i++) {
            char c = title.charAt(i);
            char kind = c == '\u201C' || c == '\u201D' ? '"' : c;
            if (kind != '"' && kind != '\'') {
                out.append(c);
                continue;
            }
            boolean opens = c == '\u201C' || c != '\u201D' && opensQuotation(title, i);
            boolean closes = !opens && open.contains(kind);
            if (kind == '\'' && !opens && !closes) {
                out.append(c);
            } else if (opens) {
                open.push(kind);
                out.append(open.size() % 2 == 1 == quoted ? '\u2018' : '\u201C');
            } else {
                // A closing mark closes its own quotation and any left open inside it; one with
                // none open closes the first depth.
                while (!open.isEmpty() && open.peek() != kind) {
                    open.pop();
                }
                out.append(Math.max(1, open.size()) % 2 == 1 == quoted ? '\u2019' : '\u201D');
                open.poll();
            }
        }
        return out.toString();
    }

    /**
     * Whether a straight mark opens a quotation: at the start, or after a space, an opening bracket
     * or another opening mark, and followed by something other than a space.
     */
    private static boolean opensQuotation(String title, int i) {
        boolean after = i == 0 || Character.isWhitespace(title.charAt(i - 1))
                || "([{\u2018\u201C\"'".indexOf(title.charAt(i - 1)) >= 0;
        return after && i + 1 < title.length() && !Character.isWhitespace(title.charAt(i + 1));
    }

    /** The summary in one piece, paragraphs separated by a blank line. */
    public String summaryText() {
        return String.join("\n\n", summary);
    }
}
