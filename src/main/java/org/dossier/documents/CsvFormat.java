package org.dossier.documents;

import java.io.IOException;
import java.io.Writer;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * CSV for spreadsheets (RFC 4180, through Commons CSV): a header row, then one row a record. The
 * date column holds the date as precisely as it is known ("1942-02"), with its precision beside it;
 * the languages column names the languages the document is written in ("Russian; Chinese").
 *
 * <p>A text cell that a spreadsheet would run as a formula (one starting with {@code =}, {@code +},
 * {@code -}, {@code @}, a tab or a carriage return) is written with a single quote before it, as
 * OWASP recommends against CSV injection; Commons CSV then quotes it. The quote shows in the cell,
 * which is the price of a title never being run.
 */
final class CsvFormat implements ExportFormat {

    static final String[] HEADER = {"id", "title", "date", "date_precision", "date_circa", "date_edtf",
        "display_date", "type", "people",
        "places", "version", "permalink", "version_url", "authors", "recipients", "languages"};

    /** RFC 4180's {@code header} parameter: the first row names the columns, so a program need not guess. */
    @Override
    public String mediaType() {
        return "text/csv; charset=utf-8; header=present";
    }

    @Override
    public String extension() {
        return "csv";
    }

    @Override
    public String label() {
        return "CSV";
    }

    @Override
    public Output open(Writer out) throws IOException {
        CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(HEADER).get());
        return new Output() {
            @Override
            public void write(Citation c) throws IOException {
                // An undated record's five date cells are empty, not a date a spreadsheet could misread.
                Optional<DocumentDate> date = c.date();
                csv.printRecord(c.id(), inert(c.title()), date.map(d -> d.start().iso()).orElse(""),
                        date.map(d -> d.precision().key()).orElse(""), date.map(d -> (Object) d.circa()).orElse(""),
                        date.map(DocumentDate::edtf).orElse(""),
                        inert(date.map(DocumentDate::display).orElse("")), inert(c.genre() == null ? "" : c.genre()),
                        inert(names(c.people())), inert(String.join("; ", c.places())), c.version(),
                        c.permalink(), c.url(), inert(names(c.authors())), inert(names(c.recipients())),
                        String.join("; ", c.languages().names()));
            }

            @Override
            public void close() throws IOException {
                csv.flush();
            }
        };
    }

    private static String names(java.util.List<PersonLink> people) {
        return String.join("; ", people.stream().map(PersonLink::name).toList());
    }

    /** The text with a single quote before it when a spreadsheet would read it as a formula. */
    static String inert(String text) {
        if (text.isEmpty()) {
            return text;
        }
        char first = text.charAt(0);
        boolean formula = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
        return formula ? "'" + text : text;
    }
}
