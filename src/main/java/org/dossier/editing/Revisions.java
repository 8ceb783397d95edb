package org.dossier.editing;

import static org.dossier.db.Tables.DOCUMENT;
import static org.dossier.db.Tables.DOCUMENT_TYPE;
import static org.dossier.db.Tables.PERSON;
import static org.dossier.db.Tables.PLACE;
import static org.dossier.db.Tables.REVISION;
import static org.dossier.db.Tables.REVISION_PERSON;
import static org.dossier.db.Tables.REVISION_PLACE;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.dossier.authorities.AuthorityRef;
import org.dossier.db.tables.records.RevisionRecord;
import org.dossier.documents.DocumentDate;
import org.dossier.documents.RecordDraft;
import org.jooq.DSLContext;
import org.jooq.Record;

/** Reads the stored versions of records: a record's history, one version whole, the latest changes. */
public final class Revisions {

    /** A change somewhere in the catalogue, with the title the record has now. */
    public record RecentChange(Revision revision, String title) {
    }

    private final DSLContext db;

    public Revisions(DSLContext db) {
        this.db = db;
    }

    /** Every version of a record, newest first. */
    public List<Revision> of(int documentId) {
        return db.selectFrom(REVISION).where(REVISION.DOCUMENT_ID.eq(documentId)).orderBy(REVISION.NUMBER.desc())
                .fetch(Revisions::revision);
    }

    public Optional<RevisionContent> find(int documentId, int number) {
        RevisionRecord row = db.selectFrom(REVISION)
                .where(REVISION.DOCUMENT_ID.eq(documentId).and(REVISION.NUMBER.eq(number))).fetchOne();
        if (row == null) {
            return Optional.empty();
        }
        AuthorityRef type = row.getTypeId() == null ? null
                : db.select(DOCUMENT_TYPE.ID, DOCUMENT_TYPE.KEY, DOCUMENT_TYPE.LABEL).from(DOCUMENT_TYPE)
                        .where(DOCUMENT_TYPE.ID.eq(row.getTypeId())).fetchOne(Revisions::authority);
        List<AuthorityRef> people = db.select(PERSON.ID, PERSON.KEY, PERSON.NAME)
                .from(REVISION_PERSON).join(PERSON).on(PERSON.ID.eq(REVISION_PERSON.PERSON_ID))
                .where(REVISION_PERSON.REVISION_ID.eq(row.getId())).orderBy(PERSON.SORT_NAME)
                .fetch(Revisions::authority);
        List<AuthorityRef> places = db.select(PLACE.ID, PLACE.KEY, PLACE.NAME)
                .from(REVISION_PLACE).join(PLACE).on(PLACE.ID.eq(REVISION_PLACE.PLACE_ID))
                .where(REVISION_PLACE.REVISION_ID.eq(row.getId())).orderBy(PLACE.SORT_NAME)
                .fetch(Revisions::authority);
        return Optional.of(new RevisionContent(revision(row), row.getTitle(), RecordDraft.paragraphs(row.getSummary()),
                DocumentDate.fromStored(row.getDateKey(), row.getDatePrecision()), type, people, places, row.getSlug()));
    }

    /** The latest changes across the catalogue, newest first. */
    public List<RecentChange> recent(int limit) {
        return db.select(REVISION.asterisk(), DOCUMENT.TITLE).from(REVISION)
                .join(DOCUMENT).on(DOCUMENT.ID.eq(REVISION.DOCUMENT_ID))
                .orderBy(REVISION.ID.desc()).limit(limit)
                .fetch(r -> new RecentChange(revision(r.into(REVISION)), r.get(DOCUMENT.TITLE)));
    }

    private static Revision revision(RevisionRecord row) {
        return new Revision(row.getDocumentId(), row.getNumber(), Instant.parse(row.getCreatedAt()), row.getAuthor(),
                row.getNote(), row.getSource(), row.getWithdrawnReason());
    }

    private static AuthorityRef authority(Record r) {
        return new AuthorityRef(r.get(0, Integer.class), r.get(1, String.class), r.get(2, String.class));
    }
}
