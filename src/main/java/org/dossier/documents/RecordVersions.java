package org.dossier.documents;

import static org.dossier.db.Tables.PERSON;
import static org.dossier.db.Tables.PLACE;
import static org.dossier.db.Tables.REVISION;
import static org.dossier.db.Tables.REVISION_PERSON;
import static org.dossier.db.Tables.REVISION_PLACE;

import java.util.List;
import java.util.Optional;
import org.dossier.authorities.AuthorityRef;
import org.dossier.authorities.PersonRole;
import org.dossier.db.tables.records.RevisionRecord;
import org.jooq.DSLContext;

/** Reads the versions of records from the revision table, each whole, as it was saved. */
public final class RecordVersions {

    private final DSLContext db;

    public RecordVersions(DSLContext db) {
        this.db = db;
    }

    /** Version {@code number} of record {@code id}, or empty when the record never had it. */
    public Optional<RecordVersion> find(int id, int number) {
        RevisionRecord row = db.selectFrom(REVISION)
                .where(REVISION.DOCUMENT_ID.eq(id).and(REVISION.NUMBER.eq(number)))
                .fetchOne();
        if (row == null) {
            return Optional.empty();
        }
        AuthorityRef type = RecordQueries.type(db, row.getTypeId());
        List<PersonLink> people = db.select(PERSON.ID, PERSON.KEY, PERSON.NAME, PERSON.SORT_NAME, PERSON.KIND,
                        REVISION_PERSON.ROLE)
                .from(REVISION_PERSON).join(PERSON).on(PERSON.ID.eq(REVISION_PERSON.PERSON_ID))
                .where(REVISION_PERSON.REVISION_ID.eq(row.getId()))
                .fetch(r -> new PersonLink(r.get(PERSON.ID), r.get(PERSON.KEY), r.get(PERSON.NAME), r.get(PERSON.SORT_NAME),
                        PersonLink.isOrganisation(r.get(PERSON.KIND)), PersonRole.stored(r.get(REVISION_PERSON.ROLE))))
                .stream().sorted(PersonLink.BY_ROLE).toList();
        List<AuthorityRef> places = db.select(PLACE.ID, PLACE.KEY, PLACE.NAME)
                .from(REVISION_PLACE).join(PLACE).on(PLACE.ID.eq(REVISION_PLACE.PLACE_ID))
                .where(REVISION_PLACE.REVISION_ID.eq(row.getId()))
                .orderBy(PLACE.SORT_NAME)
                .fetch(r -> new AuthorityRef(r.get(PLACE.ID), r.get(PLACE.KEY), r.get(PLACE.NAME)));
        return Optional.of(new RecordVersion(row.getDocumentId(), row.getNumber(), row.getCreatedAt(),
                row.getAuthor(), row.getNote(), row.getSource(), row.getTitle(), RecordDraft.paragraphs(row.getSummary()),
                DocumentDate.fromStored(row.getDateKey(), row.getDatePrecision()), type, people, places,
                row.getSlug(), row.getWithdrawnReason()));
    }
}
