package org.dossier.editing;

import static org.dossier.db.Tables.DOCUMENT;
import static org.dossier.db.Tables.REVISION;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.dossier.db.tables.records.RevisionRecord;
import org.dossier.documents.Permalinks;
import org.dossier.documents.RecordVersion;
import org.dossier.documents.RecordVersions;
import org.jooq.DSLContext;

/** Reads the stored versions of records: a record's history, one version whole, the latest changes. */
public final class Revisions {

    /** A change somewhere in the catalogue, with the title the record has now. */
    public record RecentChange(Revision revision, String title) {
    }

    private final DSLContext db;
    private final RecordVersions versions;

    public Revisions(DSLContext db) {
        this.db = db;
        this.versions = new RecordVersions(db);
    }

    /** Every version of a record, newest first. */
    public List<Revision> of(int documentId) {
        return db.selectFrom(REVISION).where(REVISION.DOCUMENT_ID.eq(documentId)).orderBy(REVISION.NUMBER.desc())
                .fetch(Revisions::revision);
    }

    /** Version {@code number} of a record, whole, or empty when the record never had it. */
    public Optional<RecordVersion> find(int documentId, int number) {
        return versions.find(documentId, number);
    }

    /** The latest changes across the catalogue, newest first. */
    public List<RecentChange> recent(int limit) {
        return db.select(REVISION.asterisk(), DOCUMENT.TITLE).from(REVISION)
                .join(DOCUMENT).on(DOCUMENT.ID.eq(REVISION.DOCUMENT_ID))
                .orderBy(REVISION.ID.desc()).limit(limit)
                .fetch(r -> new RecentChange(revision(r.into(REVISION)), r.get(DOCUMENT.TITLE)));
    }

    /** A record taken out of the catalogue, for the editors' list of what can be reinstated. */
    public record WithdrawnRecord(int id, String title, String reason, Instant withdrawnAt) {
        public String path() {
            return Permalinks.permanent(id);
        }

        /** The withdraw form, which for a withdrawn record is where it is reinstated. */
        public String reinstatePath() {
            return Permalinks.withdraw(id);
        }

        /** The day, as the rest of the editors' pages give it ("2026-05-01"). */
        public String day() {
            return withdrawnAt.atOffset(java.time.ZoneOffset.UTC).toLocalDate().toString();
        }
    }

    /** The records withdrawn most recently first, at most {@code limit}. */
    public List<WithdrawnRecord> withdrawn(int limit) {
        return db.select(DOCUMENT.ID, DOCUMENT.TITLE, DOCUMENT.WITHDRAWN_REASON, DOCUMENT.WITHDRAWN_AT).from(DOCUMENT)
                .where(DOCUMENT.WITHDRAWN_AT.isNotNull())
                .orderBy(DOCUMENT.WITHDRAWN_AT.desc(), DOCUMENT.ID.desc()).limit(limit)
                .fetch(r -> new WithdrawnRecord(r.get(DOCUMENT.ID), r.get(DOCUMENT.TITLE), r.get(DOCUMENT.WITHDRAWN_REASON),
                        r.get(DOCUMENT.WITHDRAWN_AT)));
    }

    private static Revision revision(RevisionRecord row) {
        return new Revision(row.getDocumentId(), row.getNumber(), row.getCreatedAt(), row.getAuthor(),
                row.getNote(), row.getSource(), row.getWithdrawnReason());
    }
}
