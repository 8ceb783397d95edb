package org.dossier.harvest;

import static org.dossier.db.Tables.REVISION;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.dossier.documents.Archive;
import org.dossier.documents.Permalinks;
import org.dossier.web.ConditionalGet;
import org.dossier.web.PublicUrl;
import org.jooq.DSLContext;

/**
 * {@code /feed.atom}: the latest changes to the catalogue, newest first, one entry a revision:
 * a record added, corrected or withdrawn, with the editor's note as its summary, linking to the
 * record's permanent address and to the version the change made.
 */
public final class AtomFeed {

    public static final String PATH = "/feed.atom";

    static final int ENTRIES = 50;
    static final String NS = "http://www.w3.org/2005/Atom";

    /** One change: a revision of a record. */
    record Change(int documentId, int number, Instant createdAt, String note, String title, String withdrawnReason) {

        String heading() {
            if (withdrawnReason != null) {
                return "Withdrawn: " + title;
            }
            return number == 1 ? "New record: " + title : "Corrected (version " + number + "): " + title;
        }
    }

    private final DSLContext db;
    private final Archive archive;
    private final PublicUrl publicUrl;
    private final Clock clock;
    private final ConditionalGet conditional;

    public AtomFeed(DSLContext db, Archive archive, PublicUrl publicUrl, Clock clock, ConditionalGet conditional) {
        this.db = db;
        this.archive = archive;
        this.publicUrl = publicUrl;
        this.clock = clock;
        this.conditional = conditional;
    }

    /**
     * {@code GET /feed.atom}, with a validator: a feed reader polls it every few minutes, and gets a
     * 304 until a revision is written (each one moves the change feed the validator is made of).
     */
    public void show(Context ctx) throws IOException {
        if (conditional.answered(ctx, "feed")) {
            return;
        }
        ctx.contentType("application/atom+xml; charset=utf-8");
        write(ctx.outputStream(), publicUrl.of(ctx));
    }

    List<Change> latest() {
        return db.select(REVISION.DOCUMENT_ID, REVISION.NUMBER, REVISION.CREATED_AT, REVISION.NOTE, REVISION.TITLE,
                        REVISION.WITHDRAWN_REASON)
                .from(REVISION)
                .orderBy(REVISION.ID.desc())
                .limit(ENTRIES)
                .fetch(r -> new Change(r.get(REVISION.DOCUMENT_ID), r.get(REVISION.NUMBER), r.get(REVISION.CREATED_AT),
                        r.get(REVISION.NOTE), r.get(REVISION.TITLE), r.get(REVISION.WITHDRAWN_REASON)));
    }

    void write(OutputStream out, String siteUrl) {
        List<Change> changes = latest();
        String updated = (changes.isEmpty()
                ? Instant.now(clock).truncatedTo(ChronoUnit.SECONDS) : changes.get(0).createdAt()).toString();
        XmlText.document(out, xml -> {
            xml.writeStartElement("feed");
            xml.writeDefaultNamespace(NS);
            XmlText.element(xml, "id", siteUrl + PATH);
            XmlText.element(xml, "title", archive.name() + ": new and corrected records");
            XmlText.element(xml, "updated", updated);
            link(xml, "self", siteUrl + PATH, "application/atom+xml");
            link(xml, "alternate", siteUrl + "/", "text/html");
            xml.writeStartElement("author");
            XmlText.element(xml, "name", archive.name());
            XmlText.element(xml, "uri", siteUrl + "/");
            xml.writeEndElement();
            XmlText.element(xml, "generator", "Dossier");
            for (Change change : changes) {
                xml.writeStartElement("entry");
                XmlText.element(xml, "id", siteUrl + Permalinks.version(change.documentId(), change.number()));
                XmlText.element(xml, "title", change.heading());
                XmlText.element(xml, "updated", change.createdAt().toString());
                link(xml, "alternate", siteUrl + Permalinks.permanent(change.documentId()), "text/html");
                link(xml, "related", siteUrl + Permalinks.version(change.documentId(), change.number()), "text/html");
                xml.writeStartElement("summary");
                xml.writeAttribute("type", "text");
                xml.writeCharacters(XmlText.clean("Version " + change.number() + ". " + change.note()));
                xml.writeEndElement();
                xml.writeEndElement();
            }
            xml.writeEndElement();
        });
    }

    private static void link(XMLStreamWriter xml, String rel, String href, String type) throws XMLStreamException {
        xml.writeEmptyElement("link");
        xml.writeAttribute("rel", rel);
        xml.writeAttribute("type", type);
        xml.writeAttribute("href", href);
    }
}
