package org.dossier.harvest;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.dossier.web.ConditionalGet;
import org.dossier.web.NotFound;
import org.dossier.web.PublicUrl;
import org.jooq.DSLContext;

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

    private final SitemapQueries queries;
    private final PublicUrl publicUrl;
    private final ConditionalGet conditional;

    public Sitemaps(DSLContext db, PublicUrl publicUrl, ConditionalGet conditional) {
        this(db, publicUrl, URLS_PER_FILE, conditional);
    }

    Sitemaps(DSLContext db, PublicUrl publicUrl, int urlsPerFile) {
        this(db, publicUrl, urlsPerFile, ConditionalGet.NEVER);
    }

    private Sitemaps(DSLContext db, PublicUrl publicUrl, int urlsPerFile, ConditionalGet conditional) {
        this.queries = new SitemapQueries(db, urlsPerFile);
        this.publicUrl = publicUrl;
        this.conditional = conditional;
    }

    /**
     * Whether the client has this sitemap already (a crawler asks for it again and again): its
     * validator is the change feed's position and the newest record's time, which a rename's later
     * batches move without a change of their own (AuthorityWriter.restamp). One probe of an index.
     */
    private boolean notModified(Context ctx) {
        return conditional.answered(ctx, "sitemap", queries.lastChange());
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
        if (!m.matches() || !queries.blockHasRecords(Integer.parseInt(m.group(1)))) {
            throw new NotFound("There is no sitemap " + ctx.pathParam("file") + ". The list of them is at /sitemap.xml.");
        }
        if (notModified(ctx)) {
            return;
        }
        ctx.contentType("application/xml; charset=utf-8");
        writeChild(ctx.outputStream(), publicUrl.of(ctx), Integer.parseInt(m.group(1)));
    }

    void writeRoot(OutputStream out, String siteUrl) {
        if (queries.fitOneFile()) {
            writeUrls(out, siteUrl, queries::records, true);
        } else {
            writeIndex(out, siteUrl);
        }
    }

    void writeChild(OutputStream out, String siteUrl, int block) {
        writeUrls(out, siteUrl, () -> queries.recordsInBlock(block), false);
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
        var blocks = queries.blocks();
        XmlText.document(out, xml -> {
            xml.writeStartElement("sitemapindex");
            xml.writeDefaultNamespace(NS);
            for (SitemapQueries.Block b : blocks) {
                xml.writeStartElement("sitemap");
                XmlText.element(xml, "loc", siteUrl + "/sitemaps/" + b.number() + ".xml");
                XmlText.element(xml, "lastmod", b.lastmod().toString());
                xml.writeEndElement();
            }
            xml.writeStartElement("sitemap");
            XmlText.element(xml, "loc", siteUrl + "/sitemaps/" + NAMES);
            var named = queries.namesChanged();
            if (named.isPresent()) {
                XmlText.element(xml, "lastmod", named.get().toString());
            }
            xml.writeEndElement();
            xml.writeEndElement();
        });
    }

    /** The records {@code records} opens (a stream read from a cursor, closed here), then the names' pages when asked. */
    private void writeUrls(OutputStream out, String siteUrl, Supplier<Stream<SitemapQueries.Page>> records,
                           boolean withNames) {
        XmlText.document(out, xml -> {
            xml.writeStartElement("urlset");
            xml.writeDefaultNamespace(NS);
            try (Stream<SitemapQueries.Page> pages = records.get()) {
                for (SitemapQueries.Page page : (Iterable<SitemapQueries.Page>) pages::iterator) {
                    writeUrl(xml, siteUrl, page);
                }
            }
            if (withNames) {
                writeNames(xml, siteUrl);
            }
            xml.writeEndElement();
        });
    }

    private void writeNames(XMLStreamWriter xml, String siteUrl) throws XMLStreamException {
        for (SitemapQueries.Page page : queries.names()) {
            writeUrl(xml, siteUrl, page);
        }
    }

    private static void writeUrl(XMLStreamWriter xml, String siteUrl, SitemapQueries.Page page) throws XMLStreamException {
        xml.writeStartElement("url");
        XmlText.element(xml, "loc", siteUrl + page.path());
        if (page.lastmod().isPresent()) {
            XmlText.element(xml, "lastmod", page.lastmod().get().toString());
        }
        xml.writeEndElement();
    }
}
