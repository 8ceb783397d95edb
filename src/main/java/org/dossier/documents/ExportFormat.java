package org.dossier.documents;

import java.io.IOException;
import java.io.Writer;

/**
 * A file format for reference managers and spreadsheets that writes records one after another to
 * a stream: a download of one record and an export of a hundred thousand search hits use the same
 * code, and neither holds the whole list.
 *
 * <pre>{@code
 * try (ExportFormat.Output out = ExportFormat.RIS.open(writer)) {
 *     for (Citation c : batch) out.write(c);
 * }
 * }</pre>
 */
public interface ExportFormat {

    ExportFormat BIBTEX = new BibTeXFormat();
    ExportFormat RIS = new RisFormat();
    ExportFormat CSL_JSON = new CslJsonFormat();
    ExportFormat CSV = new CsvFormat();

    /** The Content-Type of a response in this format, with its charset. */
    String mediaType();

    /** What a file in this format ends with, without the dot: "bib", "csl.json". */
    String extension();

    /** A short name for people: "BibTeX". */
    String label();

    /** Starts a file on {@code out}: writes whatever comes before the first record. */
    Output open(Writer out) throws IOException;

    /** A file being written, a record at a time. */
    interface Output extends AutoCloseable {

        void write(Citation citation) throws IOException;

        /** Writes whatever comes after the last record and flushes; the writer stays open. */
        @Override
        void close() throws IOException;
    }
}
