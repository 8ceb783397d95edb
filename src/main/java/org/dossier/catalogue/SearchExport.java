package org.dossier.catalogue;

import io.javalin.http.Context;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.dossier.documents.Citation;
import org.dossier.documents.CitationBatches;
import org.dossier.documents.Citations;
import org.dossier.documents.ExportFormat;
import org.dossier.search.SearchRequest;
import org.dossier.web.ConditionalGet;
import org.dossier.web.ErrorPages;
import org.dossier.web.PublicUrl;

/**
 * {@code /search.csv}, {@code /search.ris}, {@code /search.bib}: every hit of the search the same
 * parameters make on {@code /search}, in its order, as a file. The engine hands over the hits' ids
 * (four bytes each); the records are read and written a batch at a time straight to the response,
 * so a hundred thousand hits never sit in memory as records.
 */
public final class SearchExport {

    static final int BATCH = 500;
    /**
     * When an export turned away may be asked for again, in seconds: about what a large export takes,
     * so that a script that honours it finds a turn free the next time.
     */
    static final int RETRY_AFTER_SECONDS = 2;
    /** What a search is exported as, each at {@link #path}. */
    public static final List<ExportFormat> FORMATS = List.of(ExportFormat.CSV, ExportFormat.RIS, ExportFormat.BIBTEX);

    /** Where a search is exported in {@code format}: {@code /search.csv}. */
    public static String path(ExportFormat format) {
        return SearchLinks.SEARCH + "." + format.extension();
    }

    private final CatalogueSearch search;
    private final Citations citations;
    private final PublicUrl publicUrl;
    private final ConditionalGet conditional;
    private final ExportSlots slots;
    private final MergesFollowed merges;

    public SearchExport(CatalogueSearch search, Citations citations, PublicUrl publicUrl, ConditionalGet conditional,
                        ExportSlots slots) {
        this.search = search;
        this.merges = new MergesFollowed(search);
        this.slots = slots;
        this.citations = citations;
        this.publicUrl = publicUrl;
        this.conditional = conditional;
    }

    public void csv(Context ctx) throws IOException {
        export(ctx, ExportFormat.CSV);
    }

    public void ris(Context ctx) throws IOException {
        export(ctx, ExportFormat.RIS);
    }

    public void bibtex(Context ctx) throws IOException {
        export(ctx, ExportFormat.BIBTEX);
    }

    private void export(Context ctx, ExportFormat format) throws IOException {
        SearchRequest request = SearchRequestReader.strictUnpaged(ctx);
        // A saved export of a person merged into another follows the merge, as the search's page
        // does: it was a 200 with no record in it, which a script fetching it could not tell apart.
        if (merges.sentOn(ctx, request)) {
            return;
        }
        // A script fetching a large export again gets a 304 while nothing in it can have changed (the
        // day of access, which its citations name, is in the validator).
        if (conditional.answered(ctx, "search export")) {
            return;
        }
        // Checked before the wait: a malformed request, a merge followed and a 304 take no turn.
        if (!slots.written(() -> write(ctx, format, request))) {
            ctx.header("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
            ErrorPages.notYet(ctx, "The catalogue is busy", slots.refusal());
        }
    }

    private void write(Context ctx, ExportFormat format, SearchRequest request) throws IOException {
        int[] ids = search.hitIds(request);
        String site = publicUrl.of(ctx);
        ctx.contentType(format.mediaType());
        ctx.header("Content-Disposition", "attachment; filename=\"dossier-search." + format.extension() + "\"");
        ctx.header("X-Total-Count", String.valueOf(ids.length));
        Writer writer = new BufferedWriter(new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8));
        CitationBatches batches = citations.batches(site);
        try (ExportFormat.Output out = format.open(writer)) {
            for (int from = 0; from < ids.length; from += BATCH) {
                List<Integer> batch = new ArrayList<>(BATCH);
                for (int i = from; i < Math.min(ids.length, from + BATCH); i++) {
                    batch.add(ids[i]);
                }
                for (Citation citation : batches.current(batch)) {
                    out.write(citation);
                }
            }
        }
        writer.flush();
    }
}
