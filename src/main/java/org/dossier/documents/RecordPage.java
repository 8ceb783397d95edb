package org.dossier.documents;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.GoneResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dossier.web.ConditionalGet;
import org.dossier.web.NotFound;
import org.dossier.web.PublicUrl;
import org.dossier.web.Redirects;
import org.dossier.web.ResultTrail;
import org.dossier.web.ServerTiming;

/**
 * The record page and its permanent address. {@code /documents/{id}} always resolves: to the
 * canonical slug address (301), to a tombstone (410) for a withdrawn record, or, with
 * {@code .json}, to the record's JSON twin; {@code .bib}, {@code .ris} and {@code .csl.json} are
 * its citation as a file, to which the same suffixes after its page's address, old slugs too,
 * redirect. Only an id that never existed is a 404.
 */
public final class RecordPage {

    /**
     * The parameter an editor's save redirects to the record with ({@code ?saved=7}): the version
     * saved, which the page confirms while it is still the one shown.
     */
    public static final String SAVED = "saved";

    /**
     * The record page's address with a download's suffix ({@code /documents/24/cable-stalin.bib}), as
     * a reader types it after the address in the browser's bar; no slug has a full stop. Its
     * suffix in any case, as at the permanent address ({@code FootnoteAddresses}).
     */
    private static final Pattern SLUG_AND_SUFFIX = Pattern.compile("(.+?)" + Permalinks.suffixPattern(),
            Pattern.CASE_INSENSITIVE);

    private final RecordQueries records;
    private final PublicUrl publicUrl;
    private final Citations citations;
    private final RelatedRecords related;
    private final ConditionalGet conditional;
    private final RecordFiles files;

    public RecordPage(RecordQueries records, PublicUrl publicUrl, Citations citations) {
        this(records, publicUrl, citations, RelatedRecords.NONE, ConditionalGet.NEVER);
    }

    public RecordPage(RecordQueries records, PublicUrl publicUrl, Citations citations, RelatedRecords related,
                      ConditionalGet conditional) {
        this.records = records;
        this.publicUrl = publicUrl;
        this.citations = citations;
        this.related = related;
        this.conditional = conditional;
        this.files = new RecordFiles(conditional, publicUrl);
    }

    /** {@code GET /documents/{ref}}: the permanent address, or one of the record's files. */
    public void resolve(Context ctx) {
        NumberAndSuffix ref = permanentRef(ctx);
        int id = ref.number();
        if (ref.suffix().isEmpty()) {
            // The permanent address of a record still there leads to its page: its address is all it needs.
            RecordQueries.Address address = records.address(id).orElseThrow(() -> missing(id));
            if (!address.withdrawn()) {
                Redirects.permanent(ctx, address.canonicalPath());
                return;
            }
        }
        DocumentDetails record = existing(id);
        if (files.answered(ctx, ref, record, asNow(ctx, record))) {
            return;
        }
        if (record.withdrawn()) {
            tombstone(ctx, record);
        } else {
            Redirects.permanent(ctx, record.canonicalPath());
        }
    }

    /** The last segment of {@code /documents/{ref}}: a number, alone or with a file's suffix; else a 404 that says why. */
    private static NumberAndSuffix permanentRef(Context ctx) {
        String raw = ctx.pathParam("ref");
        NumberAndSuffix ref = NumberAndSuffix.parse(raw).orElseThrow(() -> new NotFound("'" + raw + "' is not a document number."));
        if (!ref.given()) {
            throw new NotFound(notGivenAs(ref));
        }
        return ref;
    }

    /**
     * The record as it is now, as its files give it. Sources are in its files' validators as in its
     * page's: an import that sees the entry again adds them without a change in the feed.
     */
    private RecordFiles.Given asNow(Context ctx, DocumentDetails record) {
        return new RecordFiles.Given("", List.of(record.id(), record.version(), record.sources().size()),
                () -> citations.of(record, publicUrl.of(ctx)), () -> DocumentJson.details(record, publicUrl.of(ctx)));
    }

    /** {@code GET /documents/{id}/{slug}}: the record page itself. */
    public void show(Context ctx) {
        DocumentDetails record = existing(id(ctx));
        Optional<String> canonical = elsewhere(ctx, record, ctx.pathParam("slug"));
        if (canonical.isPresent()) {
            Redirects.permanent(ctx, canonical.get());
            return;
        }
        if (record.withdrawn()) {
            tombstone(ctx, record);
            return;
        }
        // Sources are added by an import that sees the entry again, without a change in the feed.
        if (conditional.answered(ctx, "record", record.id(), record.version(), record.sources().size())) {
            return;
        }
        Map<String, Object> model = model(ctx, record);
        long rendering = System.nanoTime();
        ctx.render("documents/record", model);
        // For anyone measuring (serve --server-timing): the template's part of the page, as a search page sends its own.
        new ServerTiming().add("render", System.nanoTime() - rendering).send(ctx);
    }

    /**
     * Where the record's page or file is when {@code slug} is not its page's address: a download's
     * suffix after the page's address (old slugs too) leads to the file at the permanent address, an
     * old slug or one cut short to the page's address; empty when {@code slug} is the page's. A slug
     * the record never had is a 404 that gives its permanent address.
     */
    private Optional<String> elsewhere(Context ctx, DocumentDetails record, String slug) {
        Matcher download = SLUG_AND_SUFFIX.matcher(slug);
        if (download.matches() && (download.group(1).equals(record.slug()) || records.hadSlug(record.id(), download.group(1)))) {
            // The download is at the permanent address: one address for each file, as for the page.
            return Optional.of(record.permanentPath() + download.group(2).toLowerCase(Locale.ROOT));
        }
        if (slug.equals(record.slug())) {
            return Optional.empty();
        }
        // A slug cut short is the record's all the same: the id says which record is meant.
        if (!records.hadSlug(record.id(), slug) && !record.slug().startsWith(slug)
                && !records.hadSlugBeginning(record.id(), slug)) {
            throw new NotFound.Elsewhere("Document " + record.id() + " never had the address '" + slug + "'.",
                    new NotFound.Instead("Its permanent address is", publicUrl.absolute(ctx, record.permanentPath())));
        }
        return Optional.of(record.canonicalPath());
    }

    /** The record page's model: the record, its addresses, its citation, the records related to it, the way back to a search. */
    private Map<String, Object> model(Context ctx, DocumentDetails record) {
        String canonicalUrl = publicUrl.absolute(ctx, record.canonicalPath());
        Citation citation = citations.of(record, publicUrl.of(ctx));
        Map<String, Object> model = new HashMap<>(Map.of(
                "record", record,
                "permalink", publicUrl.absolute(ctx, record.permanentPath()),
                "canonicalUrl", canonicalUrl,
                "cite", CiteBox.of(citation, record.permanentPath()),
                "jsonLd", RecordJsonLd.of(citation, canonicalUrl),
                "related", related.of(record.id())));
        model.put("trail", ResultTrail.of(ctx));
        model.put("savedVersion", String.valueOf(record.version()).equals(ctx.queryParam(SAVED)) ? record.version() : null);
        model.put("metaDescription", RecordView.description(record));
        model.put("sourceDescription", RecordView.source(record.sources()));
        return model;
    }

    /** The answer to a request for a withdrawn record's citation: it is gone, and why. */
    static GoneResponse withdrawn(DocumentDetails record) {
        return new GoneResponse("Document " + record.id() + " was withdrawn from the catalogue on "
                + record.withdrawnOn() + ": " + record.withdrawnReason() + " Its permanent address "
                + record.permanentPath() + " says more.");
    }

    /**
     * What a reader is told of a number with a file's suffix no record is given as ({@code 24.xml},
     * {@code 24.pdf}): which ones it is given as, as it would not hear from "'24.xml' is not a
     * document number".
     */
    private static String notGivenAs(NumberAndSuffix ref) {
        List<String> suffixes = Permalinks.SUFFIXES;
        return "A record is not given as '" + ref.suffix().orElseThrow() + "': document " + ref.digits()
                + " is a page at /documents/" + ref.digits() + ", and a file at the same address followed by "
                + String.join(", ", suffixes.subList(0, suffixes.size() - 1)) + " or " + suffixes.get(suffixes.size() - 1) + ".";
    }

    /** The id in {@code /documents/{id}/...}, or a 404 when it cannot be one. */
    public static int id(Context ctx) {
        String raw = ctx.pathParam("id");
        if (!raw.matches("[0-9]{1,9}")) {
            throw new NotFound("'" + raw + "' is not a document number.");
        }
        return Integer.parseInt(raw);
    }

    /** The record with this id, withdrawn or not; a 404 when no record ever had it. */
    public DocumentDetails existing(int id) {
        return records.find(id).orElseThrow(() -> missing(id));
    }

    /** The one answer for a number no record ever had, at the record's addresses, its versions' and its history's. */
    public static NotFound missing(int id) {
        return new NotFound("There is no document " + id + " in the catalogue.");
    }

    private void tombstone(Context ctx, DocumentDetails record) {
        ctx.status(HttpStatus.GONE);
        ctx.render("documents/withdrawn", Map.of(
                "record", record,
                "permalink", publicUrl.absolute(ctx, record.permanentPath())));
    }
}
