package org.dossier.documents;

import java.io.IOException;
import java.io.Writer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * CSV for spreadsheets (RFC 4180, through Commons CSV): a header row, then one row a record. The
 * date column holds the date as precisely as it is known ("1942-02"), with its precision beside it.
 */
final class CsvFormat implements ExportFormat {

    static final String[] HEADER = {"id", "title", "date", "date_precision", "display_date", "type", "people",
        "places", "version", "permalink", "version_url", "authors", "recipients"};

    @Override
    public String mediaType() {
        return "text/csv; charset=utf-8";
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
                csv.printRecord(c.id(), c.title(), c.date().iso(), c.date().precision().key(), c.date().display(),
                        c.genre() == null ? "" : c.genre(), String.join("; ", c.people().stream().map(PersonLink::name).toList()),
                        String.join("; ", c.places()), c.version(), c.permalink(), c.url(),
                        String.join("; ", c.authors().stream().map(PersonLink::name).toList()),
                        String.join("; ", c.recipients().stream().map(PersonLink::name).toList()));
            }

            @Override
            public void close() throws IOException {
                csv.flush();
            }
        };
    }
}
