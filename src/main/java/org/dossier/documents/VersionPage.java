package org.dossier.documents;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Map;
import java.util.Optional;
import org.dossier.web.ConditionalGet;
import org.dossier.web.NotFound;
import org.dossier.web.PublicUrl;
import org.dossier.web.Redirects;

/**
 * {@code /documents/{id}/v/{number}}: a record exactly as it was at that version, for citations that
 * point at what their author read. It says when the record has changed since, and when it has
 * been withdrawn (then as a 410, keeping the text that was cited). With {@code .bib},
 * {@code .ris} or {@code .csl.json} it is that version's citation as a file; with {@code .json},
 * that version's JSON twin.
 */
public final class VersionPage {

    private final RecordQueries records;
    private final RecordVersions versions;
    private final Citations citations;
    private final PublicUrl publicUrl;
    private final ConditionalGet conditional;

    public VersionPage(RecordQueries records, RecordVersions versions, Citations citations, PublicUrl publicUrl,
                       ConditionalGet conditional) {
        this.records = records;
        this.versions = versions;
        this.citations = citations;
        this.publicUrl = publicUrl;
        this.conditional = conditional;
    }

    public void show(Context ctx) {
        int id = RecordPage.id(ctx);
        NumberAndSuffix ref = NumberAndSuffix.parse(ctx.pathParam("number")).filter(NumberAndSuffix::given)
                .orElseThrow(() -> new NotFound("'" + org.dossier.web.QueryParams.shorten(ctx.pathParam("number"))
                        + "' is not a version number."));
        DocumentDetails record = records.find(id)
                .orElseThrow(() -> new NotFound("There is no document " + id + " in the catalogue."));
        int number = ref.number();
        if (!ref.canonical() || !ctx.pathParam("id").equals(String.valueOf(id))) {
            // /v/01 is /v/1: one address for each version, as for each record.
            Redirects.permanent(ctx, Permalinks.version(id, number) + ref.suffix().orElse(""));
            return;
        }
        RecordVersion version = versions.find(id, number).orElseThrow(() -> new NotFound("Document " + id
                + " has no version " + number + ": its versions are numbered 1 to " + record.version() + "."));
        Citation citation = citations.of(version, publicUrl.of(ctx));
        Optional<ExportFormat> download = ref.download();
        if (download.isPresent()) {
            if (record.withdrawn()) {
                throw RecordPage.withdrawn(record);
            }
            // Validated as the record's own files are: a script fetching a version's citation again
            // gets a 304 while nothing it shows has changed (the day of access is in the tag).
            if (!conditional.answered(ctx, "version citation", id, number, record.version())) {
                CitationDownload.send(ctx, citation, download.get());
            }
            return;
        }
        if (ref.json()) {
            // The version's JSON twin, answered as the record's is: a withdrawn record's is its tombstone.
            if (record.withdrawn()) {
                ctx.status(HttpStatus.GONE).json(DocumentJson.tombstone(record, publicUrl.of(ctx)));
            } else if (!conditional.answered(ctx, "version json", id, number, record.version())) {
                ctx.json(DocumentJson.version(version, record, publicUrl.of(ctx)));
            }
            return;
        }
        if (record.withdrawn()) {
            ctx.status(HttpStatus.GONE);
        } else if (conditional.answered(ctx, "version", id, number, record.version())) {
            // What was saved at version n never changes, but the page around it does: it says
            // whether the record changed or was withdrawn since, and cites today's date.
            return;
        }
        ctx.render("documents/version", Map.of(
                "version", version,
                "record", record,
                "cite", CiteBox.of(citation, version.path()),
                "canonicalUrl", citation.url(),
                "jsonLd", RecordJsonLd.ofVersion(citation)));
    }
}
