package org.dossier.documents;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    // As the record's own address: ".csl.json" is tried as a whole before it could be taken for ".json".
    private static final Pattern REF = Pattern.compile("([0-9]{1,9})(\\.json|\\.bib|\\.ris|\\.csl\\.json)?");

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
        Matcher m = REF.matcher(ctx.pathParam("number"));
        if (!m.matches()) {
            throw new NotFound("'" + org.dossier.web.QueryParams.shorten(ctx.pathParam("number")) + "' is not a version number.");
        }
        DocumentDetails record = records.find(id)
                .orElseThrow(() -> new NotFound("There is no document " + id + " in the catalogue."));
        int number = Integer.parseInt(m.group(1));
        if (!m.group(1).equals(String.valueOf(number)) || !ctx.pathParam("id").equals(String.valueOf(id))) {
            // /v/01 is /v/1: one address for each version, as for each record.
            String suffix = m.group(2) == null ? "" : m.group(2);
            Redirects.permanent(ctx, Permalinks.version(id, number) + suffix);
            return;
        }
        RecordVersion version = versions.find(id, number).orElseThrow(() -> new NotFound("Document " + id
                + " has no version " + number + ": its versions are numbered 1 to " + record.version() + "."));
        Citation citation = citations.of(version, publicUrl.of(ctx));
        if (m.group(2) != null && CitationDownload.forSuffix(m.group(2)).isPresent()) {
            if (record.withdrawn()) {
                throw RecordPage.withdrawn(record);
            }
            // Validated as the record's own files are: a script fetching a version's citation again
            // gets a 304 while nothing it shows has changed (the day of access is in the tag).
            if (!conditional.answered(ctx, "version citation", id, number, record.version())) {
                CitationDownload.send(ctx, citation, CitationDownload.forSuffix(m.group(2)).get());
            }
            return;
        }
        if (m.group(2) != null) {
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
