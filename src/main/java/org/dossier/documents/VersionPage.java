package org.dossier.documents;

import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.dossier.web.ConditionalGet;
import org.dossier.web.NotFound;
import org.dossier.web.PublicUrl;
import org.dossier.web.QueryParams;

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
    private final PastPages past;
    private final RecordFiles files;

    public VersionPage(RecordQueries records, RecordVersions versions, Citations citations, PublicUrl publicUrl,
                       ConditionalGet conditional) {
        this.records = records;
        this.versions = versions;
        this.citations = citations;
        this.publicUrl = publicUrl;
        this.past = new PastPages(conditional);
        this.files = new RecordFiles(conditional, publicUrl);
    }

    public void show(Context ctx) {
        int id = RecordPage.id(ctx);
        NumberAndSuffix ref = versionRef(ctx);
        DocumentDetails record = records.find(id).orElseThrow(() -> RecordPage.missing(id));
        // /v/01 is /v/1, /documents/024/v/1 is /documents/24/v/1: web.LeadingZeros has redirected them
        // before any handler, as it does every record's and version's number.
        int number = ref.number();
        RecordVersion version = versions.find(id, number).orElseThrow(() -> NoSuchVersion.ofRecord(id, number,
                record.version()).notFound());
        Citation citation = citations.of(version, publicUrl.of(ctx));
        // Its files are answered as the record's are: a withdrawn record's citation is gone, its JSON its tombstone.
        if (files.answered(ctx, ref, record, new RecordFiles.Given("version", List.of(id, number, record.version()),
                () -> citation, () -> DocumentJson.version(version, record, publicUrl.of(ctx))))) {
            return;
        }
        // What was saved at version n never changes, but the page around it does: it says
        // whether the record changed or was withdrawn since, and cites today's date.
        if (past.answered(ctx, record, "version", id, number, record.version())) {
            return;
        }
        ctx.render("documents/version", model(version, record, citation));
    }

    private static Map<String, Object> model(RecordVersion version, DocumentDetails record, Citation citation) {
        return Map.of(
                "version", version,
                "record", record,
                "cite", CiteBox.of(citation, version.path()),
                "canonicalUrl", citation.url(),
                "jsonLd", RecordJsonLd.ofVersion(citation));
    }

    /** The last segment of {@code /documents/{id}/v/{number}}: a version's number, alone or with a file's suffix; else a 404. */
    private static NumberAndSuffix versionRef(Context ctx) {
        return numberAsked(ctx, NumberAndSuffix::given);
    }

    /**
     * The {@code {number}} of a version's page in a history, a record's or a person's or place's
     * ({@code /documents/{id}/history/{number}}, {@code /people/{key}/history/{number}}): a number
     * alone, else the same 404 as a version's address gives.
     */
    public static int number(Context ctx) {
        return numberAsked(ctx, ref -> ref.suffix().isEmpty()).number();
    }

    /** The {@code {number}} segment if it is a version's number as {@code asked}; else a 404 that says it is none. */
    private static NumberAndSuffix numberAsked(Context ctx, Predicate<NumberAndSuffix> asked) {
        String raw = ctx.pathParam("number");
        return NumberAndSuffix.parse(raw).filter(asked)
                .orElseThrow(() -> new NotFound("'" + QueryParams.shorten(raw) + "' is not a version number."));
    }
}
