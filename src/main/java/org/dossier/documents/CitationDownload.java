package org.dossier.documents;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Sends one version of a record as a file for a reference manager. */
final class CitationDownload {

    private CitationDownload() {
    }

    /** The format a path suffix asks for (".bib", ".ris", ".csl.json"), if it is one of the downloads. */
    static Optional<ExportFormat> forSuffix(String suffix) {
        return CiteBox.DOWNLOADS.stream().filter(f -> suffix.equals("." + f.extension())).findFirst();
    }

    static void send(Context ctx, Citation citation, ExportFormat format) {
        ctx.contentType(format.mediaType());
        ctx.header("Content-Disposition", "attachment; filename=\"" + citation.key() + "." + format.extension() + "\"");
        try {
            Writer writer = new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8);
            try (ExportFormat.Output file = format.open(writer)) {
                file.write(citation);
            }
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
