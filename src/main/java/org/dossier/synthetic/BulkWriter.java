package org.dossier.synthetic;

import static org.dossier.db.Tables.DOCUMENT;
import static org.dossier.db.Tables.DOCUMENT_PERSON;
import static org.dossier.db.Tables.DOCUMENT_PLACE;
import static org.dossier.db.Tables.DOCUMENT_SLUG;
import static org.dossier.db.Tables.REVISION;
import static org.dossier.db.Tables.REVISION_PERSON;
import static org.dossier.db.Tables.REVISION_PLACE;

import java.time.Instant;
import java.util.List;
import org.dossier.documents.BatchInsert;
import org.dossier.documents.ChangeFeed;
import org.dossier.documents.DatePrecision;
import org.dossier.documents.Slugs;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Writes many new records in one transaction, each exactly as the record writer would (the
 * record, its links, its slug, and its whole revision 1), but as batched inserts with bind
 * values: a million records in minutes rather than hours. They join the change feed like any write. Only for made-up records in bulk;
 * every real change goes through the record store.
 */
final class BulkWriter {

    static final String AUTHOR = "generate";
    static final String NOTE = "Synthetic record, made for benchmarks";

    private BulkWriter() {
    }

    /** The highest record and revision ids so far, to number new ones after. */
    record Ids(int document, int revision) {
        static Ids current(DSLContext db) {
            Integer document = db.select(DSL.max(DOCUMENT.ID)).from(DOCUMENT).fetchOne(0, Integer.class);
            Integer revision = db.select(DSL.max(REVISION.ID)).from(REVISION).fetchOne(0, Integer.class);
            return new Ids(document == null ? 0 : document, revision == null ? 0 : revision);
        }
    }

    private static final String[] ROLES = {"author", "recipient", "mentioned"};

    /** Writes {@code records} in the caller's transaction, numbered after {@code after}; returns the new highest ids. */
    static Ids write(DSLContext tx, List<SyntheticRecord> records, Ids after, Instant now) {
        return tx.connectionResult(connection -> {
            try (BatchInsert documents = BatchInsert.into(tx, connection, DOCUMENT, DOCUMENT.ID, DOCUMENT.TITLE,
                    DOCUMENT.SUMMARY, DOCUMENT.DATE_KEY, DOCUMENT.DATE_PRECISION, DOCUMENT.TYPE_ID, DOCUMENT.SORT_TITLE,
                    DOCUMENT.SLUG, DOCUMENT.VERSION, DOCUMENT.CREATED_AT, DOCUMENT.UPDATED_AT);
                 BatchInsert slugs = BatchInsert.into(tx, connection, DOCUMENT_SLUG, DOCUMENT_SLUG.DOCUMENT_ID,
                         DOCUMENT_SLUG.SLUG, DOCUMENT_SLUG.CREATED_AT);
                 BatchInsert people = BatchInsert.into(tx, connection, DOCUMENT_PERSON, DOCUMENT_PERSON.DOCUMENT_ID,
                         DOCUMENT_PERSON.PERSON_ID, DOCUMENT_PERSON.ROLE);
                 BatchInsert places = BatchInsert.into(tx, connection, DOCUMENT_PLACE, DOCUMENT_PLACE.DOCUMENT_ID,
                         DOCUMENT_PLACE.PLACE_ID);
                 BatchInsert revisions = BatchInsert.into(tx, connection, REVISION, REVISION.ID, REVISION.DOCUMENT_ID,
                         REVISION.NUMBER, REVISION.CREATED_AT, REVISION.AUTHOR, REVISION.NOTE, REVISION.TITLE,
                         REVISION.SUMMARY, REVISION.DATE_KEY, REVISION.DATE_PRECISION, REVISION.TYPE_ID, REVISION.SLUG);
                 BatchInsert revisionPeople = BatchInsert.into(tx, connection, REVISION_PERSON,
                         REVISION_PERSON.REVISION_ID, REVISION_PERSON.PERSON_ID, REVISION_PERSON.ROLE);
                 BatchInsert revisionPlaces = BatchInsert.into(tx, connection, REVISION_PLACE,
                         REVISION_PLACE.REVISION_ID, REVISION_PLACE.PLACE_ID)) {
                return write(tx, records, after, now, documents, slugs, people, places, revisions, revisionPeople,
                        revisionPlaces);
            }
        });
    }

    private static Ids write(DSLContext tx, List<SyntheticRecord> records, Ids after, Instant now,
                             BatchInsert documents, BatchInsert slugs, BatchInsert people, BatchInsert places,
                             BatchInsert revisions, BatchInsert revisionPeople, BatchInsert revisionPlaces) {
        int document = after.document();
        int revision = after.revision();
        List<Integer> written = new java.util.ArrayList<>(records.size());
        for (SyntheticRecord record : records) {
            document++;
            revision++;
            written.add(document);
            String slug = Slugs.slugify(record.title());
            String dateKey = record.date().key();
            DatePrecision precision = record.date().precision();
            documents.add(document, record.title(), record.summary(), dateKey, precision, record.typeId(),
                    Slugs.sortKey(record.title()), slug, 1, now, now);
            slugs.add(document, slug, now);
            revisions.add(revision, document, 1, now, AUTHOR, NOTE, record.title(), record.summary(), dateKey,
                    precision, record.typeId(), slug);
            // The first person named wrote it, the second received it, the rest are mentioned: the
            // author and recipient facets are then as full at scale as the seeds make them.
            int position = 0;
            for (int person : record.people()) {
                String role = ROLES[Math.min(position++, ROLES.length - 1)];
                people.add(document, person, role);
                revisionPeople.add(revision, person, role);
            }
            for (int place : record.places()) {
                places.add(document, place);
                revisionPlaces.add(revision, place);
            }
        }
        // Every row goes in before the change feed names the records.
        for (BatchInsert batch : List.of(documents, slugs, revisions, people, places, revisionPeople, revisionPlaces)) {
            batch.flush();
        }
        ChangeFeed.append(tx, written, now);
        return new Ids(document, revision);
    }
}
