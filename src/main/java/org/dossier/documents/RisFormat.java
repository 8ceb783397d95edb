package org.dossier.documents;

import java.io.IOException;
import java.io.Writer;

/**
 * RIS: one tag a line ("TY  - "), each record from {@code TY} to {@code ER}, lines ending in CR LF
 * as the format asks. A document sent to someone is correspondence ({@code PCOMM}, which Zotero
 * imports as a letter), any other an unpublished manuscript ({@code MANSCPT}), with its date in
 * RIS's partial form: "1942/02//" for a month, "1950///" for a year. Authors are {@code AU},
 * recipients {@code A2}, the secondary-author tag that reference managers read as the addressee of
 * correspondence (Zotero reads A2 as recipients only for a letter: for a manuscript it drops them).
 * Names are "Lastname, Firstname" as the format has them ({@link PersonLink#lastFirst}: "Stalin,
 * Joseph"; "Mao Zedong," and "Legation of Hungary in the DPRK," a last name alone, which Zotero
 * imports in one field and EndNote and citeproc-java keep whole).
 */
final class RisFormat implements ExportFormat {

    private static final String END_OF_LINE = "\r\n";

    @Override
    public String mediaType() {
        return "application/x-research-info-systems; charset=utf-8";
    }

    @Override
    public String extension() {
        return "ris";
    }

    @Override
    public String label() {
        return "RIS";
    }

    @Override
    public Output open(Writer out) {
        return new Output() {
            @Override
            public void write(Citation c) throws IOException {
                tag(out, "TY", c.sent() ? "PCOMM" : "MANSCPT");
                for (PersonLink author : c.authors()) {
                    tag(out, "AU", author.lastFirst());
                }
                for (PersonLink recipient : c.recipients()) {
                    tag(out, "A2", recipient.lastFirst());
                }
                tag(out, "TI", c.title());
                if (c.genre() != null) {
                    tag(out, "M3", c.genre());
                }
                if (!c.languages().isEmpty()) {
                    // One LA line, as Zotero's RIS import keeps one language: the names a reader reads.
                    tag(out, "LA", c.languages().namesText());
                }
                // An undated record has neither: RIS has no "no date", and Zotero's RIS import reads
                // an item without DA and PY as undated.
                if (c.date().isPresent()) {
                    tag(out, "DA", date(c.date().get()));
                    tag(out, "PY", String.valueOf(c.date().get().year()));
                }
                tag(out, "DB", c.archive());
                tag(out, "UR", c.url());
                tag(out, "Y2", String.format("%04d/%02d/%02d", c.accessed().getYear(),
                        c.accessed().getMonthValue(), c.accessed().getDayOfMonth()));
                if (!c.summary().isEmpty()) {
                    tag(out, "AB", String.join(" ", c.summary()));
                }
                for (String subject : c.subjects()) {
                    tag(out, "KW", subject);
                }
                tag(out, "N1", note(c));
                out.write("ER  - " + END_OF_LINE);
            }

            @Override
            public void close() throws IOException {
                out.flush();
            }
        };
    }

    /**
     * RIS's date: year, month and day separated by slashes, empty where unknown, then the spec's
     * "other info" (letters, spaces and hyphens): "circa" for an approximate date. Zotero's RIS
     * import reads the year, month and day and drops the rest; citeproc-java keeps it all as raw.
     * RIS has no range: a span's {@code DA} is its start (as Zotero's RIS.js dateRIStoZotero reads
     * one date, and puts the rest of a line that is not in this form into its date as written).
     */
    static String date(DocumentDate date) {
        DatePoint start = date.start();
        int year = start.year();
        int month = start.earliest().getMonthValue();
        return switch (start.precision()) {
            case DAY -> String.format("%04d/%02d/%02d/", year, month, start.earliest().getDayOfMonth());
            case MONTH -> String.format("%04d/%02d//", year, month);
            case YEAR -> String.format("%04d///", year);
        } + (date.circa() ? "circa" : "");
    }

    /**
     * The record's note ({@code N1}, which Zotero keeps as a note of the item): a span's whole date
     * first, which no other tag can carry, then the version and the record's permanent link.
     */
    static String note(Citation c) {
        return c.date().filter(DocumentDate::isSpan).map(d -> "Dated " + d.display() + ". ").orElse("")
                + "Version " + c.version()
                + " of the record at " + c.permalink();
    }

    private static void tag(Writer out, String tag, String value) throws IOException {
        // A value is one line: a line break inside it would start a line that is no tag.
        out.write(tag + "  - " + value.replaceAll("\\s+", " ").strip() + END_OF_LINE);
    }
}
