package org.dossier.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.SolrInputDocument;

/**
 * What the collection holds, written and read back: a record as a document ({@link #of}), carrying
 * the change it was read at ({@code feed_version}); a withdrawn record's stub, which no search finds;
 * and the position of the feed the collection has applied, a document of its own ({@value #FEED_ID}).
 */
final class SolrDocuments {

    static final String FEED_ID = "_feed";
    /** Every search: records a reader can find (not the stubs of withdrawn records, not the feed's position). */
    static final String LIVE = "live:true";

    private SolrDocuments() {
    }

    /** {@code record} as the collection holds it, read at the change {@code version}: an older write cannot replace it. */
    static SolrInputDocument of(IndexedRecord record, long version) {
        SolrInputDocument doc = new SolrInputDocument();
        doc.setField("id", Integer.toString(record.id()));
        doc.setField("doc_id", record.id());
        doc.setField("feed_version", version);
        doc.setField("live", true);
        doc.setField("text", IndexLayout.words(record.title(), record.summary()));
        doc.setField("title", record.title());
        doc.setField("summary", record.summary());
        doc.setField("sort_title", record.sortTitle());
        if (record.dated()) {
            // An undated record has none of these: no range or year finds it, and it sorts last (sortMissingLast).
            doc.setField("start", IndexLayout.day(record.earliest()));
            doc.setField("end", IndexLayout.day(record.latest()));
            for (int year = record.earliest().getYear(); year <= record.latest().getYear(); year++) {
                doc.addField("year", year); // each year a span covers, as the embedded index (IndexLayout.YEAR)
            }
        }
        if (record.typeKey() != null) {
            doc.setField("type", record.typeKey());
        }
        setAll(doc, "person", record.people());
        setAll(doc, "place", record.places());
        setAll(doc, "author", record.authors());
        setAll(doc, "recipient", record.recipients());
        setAll(doc, "language", record.languages());
        return doc;
    }

    private static void setAll(SolrInputDocument doc, String field, List<String> values) {
        if (!values.isEmpty()) {
            doc.setField(field, new ArrayList<>(new LinkedHashSet<>(values)));
        }
    }

    /** A withdrawn (or unknown) record: a stub no search finds, which an older write cannot replace. */
    static SolrInputDocument stub(int id, long version) {
        SolrInputDocument doc = new SolrInputDocument();
        doc.setField("id", Integer.toString(id));
        doc.setField("doc_id", id);
        doc.setField("feed_version", version);
        return doc;
    }

    /** The position of the feed {@code feed} the collection has applied, up to change {@code applied}. */
    static SolrInputDocument positionDocument(String feed, long applied) {
        SolrInputDocument doc = new SolrInputDocument();
        doc.setField("id", FEED_ID);
        doc.setField("feed", feed);
        doc.setField("applied_change", applied);
        doc.setField("feed_version", applied);
        return doc;
    }

    /** Where the collection is in the feed: its position document, or none. */
    record Position(String feed, long applied) {
        static final Position NONE = new Position(null, -1);
    }

    static Position position(SolrClient client) throws IOException {
        return position(client, null);
    }

    /** {@link #position} of {@code collection} (null: the client's own, through the alias). */
    static Position position(SolrClient client, String collection) throws IOException {
        try {
            SolrDocument doc = collection == null ? client.getById(FEED_ID) : client.getById(collection, FEED_ID);
            if (doc == null) {
                return Position.NONE;
            }
            return new Position((String) doc.getFirstValue("feed"), ((Number) doc.getFirstValue("applied_change")).longValue());
        } catch (SolrServerException | SolrException e) {
            throw new IOException("the Solr collection cannot be read: " + e.getMessage(), e);
        }
    }

    /** The record a hit is of (its {@code doc_id}). */
    static int recordId(SolrDocument hit) {
        return ((Number) hit.getFirstValue("doc_id")).intValue();
    }
}
