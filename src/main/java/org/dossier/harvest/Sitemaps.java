package org.dossier.harvest;

import static org.dossier.db.Tables.AUTHORITY_VERSION;
import static org.dossier.db.Tables.DOCUMENT;
import static org.dossier.db.Tables.DOCUMENT_COUNT;
import static org.dossier.db.Tables.PERSON;
import static org.dossier.db.Tables.PLACE;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.dossier.authorities.AuthorityKind;
import org.dossier.documents.Permalinks;
import org.dossier.web.ConditionalGet;
import org.dossier.web.NotFound;
import org.dossier.web.PublicUrl;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record3;
import org.jooq.impl.DSL;

/**
 * {@code /sitemap.xml}: the canonical address of every record in the catalogue, with the time of
 * its last revision, and the page of every person and place (not merged away), with the time of
 * its last version. Past 50,000 records (the protocol's limit for one file) it becomes a sitemap
 * index of child sitemaps {@code /sitemaps/{n}.xml}, each the records whose ids fall in the n-th
 * block of 50,000, so that a child keeps its records when others are added or withdrawn, and
 * {@code /sitemaps/names.xml} for the people and places. Files are streamed from a database
 * cursor, never held whole.
 */
public final class Sitemaps {

    /** The sitemap robots.txt names: the one file, or the index of the children past 50,000 records. */
    public static final String PATH = "/sitemap.xml";

    static final int URLS_PER_FILE = 50_000;
    static final String NS = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private static final Pattern CHILD = Pattern.compile("([1-9][0-9]{0,8})\\.xml");
    /** The child sitemap of the people's and places' pages, beside the records' blocks. */
    static final String NAMES = "names.xml";

    private final DSLContext db;
    private final PublicUrl publicUrl;
    private final int urlsPerFile;
    private final ConditionalGet conditional;

    public Sitemaps(DSLContext db, PublicUrl publicUrl, ConditionalGet conditional) {
        this(db, publicUrl, URLS_PER_FILE, conditional);
    }

    Sitemaps(DSLContext db, PublicUrl publicUrl, int urlsPerFile) {
        this(db, publicUrl, urlsPerFile, ConditionalGet.NEVER);
    }

    private Sitemaps(DSLContext db, PublicUrl publicUrl, int urlsPerFile, ConditionalGet conditional) {
        this.db = db;
        this.publicUrl = publicUrl;
        this.urlsPerFile = urlsPerFile;
        this.conditional = conditional;
    }

    /**
     * Whether the client has this sitemap already (a crawler asks for it again and again): its
     * validator is the change feed's position and the newest record's time, which a rename's later
     * batches move without a change of their own (AuthorityWriter.restamp). One probe of an index.
     */
    private boolean notModified(Context ctx) {
        return conditional.answered(ctx, "sitemap",
                db.fetchValue(DSL.select(DSL.max(DOCUMENT.UPDATED_AT)).from(DOCUMENT)));
    }

    /** {@code GET /sitemap.xml}. */
    public void root(Context ctx) throws IOException {
        if (notModified(ctx)) {
            return;
        }
        ctx.contentType("application/xml; charset=utf-8");
        writeRoot(ctx.outputStream(), publicUrl.of(ctx));
    }

    /** {@code GET /sitemaps/{file}}. */
    public void child(Context ctx) throws IOException {
        if (ctx.pathParam("file").equals(NAMES)) {
            if (notModified(ctx)) {
                return;
            }
            ctx.contentType("application/xml; charset=utf-8");
            writeNames(ctx.outputStream(), publicUrl.of(ctx));
            return;
        }
        Matcher m = CHILD.matcher(ctx.pathParam("file"));
        if (!m.matches() || !blockHasRecords(Integer.parseInt(m.group(1)))) {
            throw new NotFound("There is no sitemap " + ctx.pathParam("file") + ". The list of them is at /sitemap.xml.");
        }
        if (notModified(ctx)) {
            return;
        }
        ctx.contentType("application/xml; charset=utf-8");
        writeChild(ctx.outputStream(), publicUrl.of(ctx), Integer.parseInt(m.group(1)));
    }

    void writeRoot(OutputStream out, String siteUrl) {
        long published = db.select(DOCUMENT_COUNT.LIVE).from(DOCUMENT_COUNT).fetchSingle(DOCUMENT_COUNT.LIVE);
        if (published <= urlsPerFile) {
            writeUrls(out, siteUrl, DSL.trueCondition(), true);
        } else {
            writeIndex(out, siteUrl);
        }
    }

    void writeChild(OutputStream out, String siteUrl, int block) {
        writeUrls(out, siteUrl, inBlock(block), false);
    }

    void writeNames(OutputStream out, String siteUrl) {
        XmlText.document(out, xml -> {
            xml.writeStartElement("urlset");
            xml.writeDefaultNamespace(NS);
            writeNames(xml, siteUrl);
            xml.writeEndElement();
        });
    }

    private void writeIndex(OutputStream out, String siteUrl) {
        Field<Integer> block = DOCUMENT.ID.minus(1).div(urlsPerFile).plus(1).as("block");
        Field<Instant> lastmod = DSL.max(DOCUMENT.UPDATED_AT).as("lastmod");
        // Every id (they start at 1), said as a range on the id: without one SQLite read the live
        // records through the titles' index and each record for its date (6-12 s at a million);
        // with it, the live records' id index, which holds the date (0.4 s).
        List<org.jooq.Record2<Integer, Instant>> blocks = db.select(block, lastmod).from(DOCUMENT)
                .where(DOCUMENT.WITHDRAWN_AT.isNull().and(DOCUMENT.ID.ge(1)))
                .groupBy(block).orderBy(block).fetch();
        XmlText.document(out, xml -> {
            xml.writeStartElement("sitemapindex");
            xml.writeDefaultNamespace(NS);
            for (var b : blocks) {
                xml.writeStartElement("sitemap");
                XmlText.element(xml, "loc", siteUrl + "/sitemaps/" + b.get(block) + ".xml");
                XmlText.element(xml, "lastmod", b.get(lastmod).toString());
                xml.writeEndElement();
            }
            xml.writeStartElement("sitemap");
            XmlText.element(xml, "loc", siteUrl + "/sitemaps/" + NAMES);
            Instant named = db.fetchValue(DSL.select(DSL.max(AUTHORITY_VERSION.CREATED_AT)).from(AUTHORITY_VERSION));
            if (named != null) {
                XmlText.element(xml, "lastmod", named.toString());
            }
            xml.writeEndElement();
            xml.writeEndElement();
        });
    }

    private void writeUrls(OutputStream out, String siteUrl, org.jooq.Condition which, boolean withNames) {
        XmlText.document(out, xml -> {
            xml.writeStartElement("urlset");
            xml.writeDefaultNamespace(NS);
            try (Cursor<Record3<Integer, String, Instant>> rows = db.select(DOCUMENT.ID, DOCUMENT.SLUG, DOCUMENT.UPDATED_AT)
                    .from(DOCUMENT).where(DOCUMENT.WITHDRAWN_AT.isNull().and(which))
                    .orderBy(DOCUMENT.ID).fetchSize(1_000).fetchLazy()) {
                for (Record3<Integer, String, Instant> row : rows) {
                    xml.writeStartElement("url");
                    XmlText.element(xml, "loc", siteUrl + Permalinks.canonical(row.get(DOCUMENT.ID), row.get(DOCUMENT.SLUG)));
                    XmlText.element(xml, "lastmod", row.get(DOCUMENT.UPDATED_AT).toString());
                    xml.writeEndElement();
                }
            }
            if (withNames) {
                writeNames(xml, siteUrl);
            }
            xml.writeEndElement();
        });
    }

    /** Each person's and place's page (not one merged away: its address leads to the survivor's), with its last version's time. */
    private void writeNames(XMLStreamWriter xml, String siteUrl) throws XMLStreamException {
        Field<Instant> changed = DSL.max(AUTHORITY_VERSION.CREATED_AT).as("changed");
        var people = db.select(PERSON.KEY, changed).from(PERSON).leftJoin(AUTHORITY_VERSION)
                .on(AUTHORITY_VERSION.FACET.eq(AuthorityKind.PERSON.key()), AUTHORITY_VERSION.AUTHORITY_ID.eq(PERSON.ID))
                .where(PERSON.MERGED_INTO.isNull()).groupBy(PERSON.ID, PERSON.KEY).orderBy(PERSON.KEY)
                .fetch(r -> Map.entry(AuthorityKind.PERSON.path(r.get(PERSON.KEY)), Optional.ofNullable(r.get(changed))));
        var places = db.select(PLACE.KEY, changed).from(PLACE).leftJoin(AUTHORITY_VERSION)
                .on(AUTHORITY_VERSION.FACET.eq(AuthorityKind.PLACE.key()), AUTHORITY_VERSION.AUTHORITY_ID.eq(PLACE.ID))
                .where(PLACE.MERGED_INTO.isNull()).groupBy(PLACE.ID, PLACE.KEY).orderBy(PLACE.KEY)
                .fetch(r -> Map.entry(AuthorityKind.PLACE.path(r.get(PLACE.KEY)), Optional.ofNullable(r.get(changed))));
        for (var page : Stream.concat(people.stream(), places.stream()).toList()) {
            xml.writeStartElement("url");
            XmlText.element(xml, "loc", siteUrl + page.getKey());
            if (page.getValue().isPresent()) {
                XmlText.element(xml, "lastmod", page.getValue().get().toString());
            }
            xml.writeEndElement();
        }
    }

    private boolean blockHasRecords(int block) {
        return db.fetchExists(DOCUMENT, DOCUMENT.WITHDRAWN_AT.isNull().and(inBlock(block)));
    }

    private org.jooq.Condition inBlock(int block) {
        long first = (long) (block - 1) * urlsPerFile + 1;
        return DOCUMENT.ID.between((int) Math.min(first, Integer.MAX_VALUE),
                (int) Math.min(first + urlsPerFile - 1, Integer.MAX_VALUE));
    }
}
