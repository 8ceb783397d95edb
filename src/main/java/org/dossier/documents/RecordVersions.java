package org.dossier.documents;

import static org.dossier.db.Tables.AUTHORITY_VERSION;
import static org.dossier.db.Tables.PERSON;
import static org.dossier.db.Tables.PLACE;
import static org.dossier.db.Tables.REVISION;
import static org.dossier.db.Tables.REVISION_PERSON;
import static org.dossier.db.Tables.REVISION_PLACE;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.dossier.authorities.AuthorityKind;
import org.dossier.authorities.AuthorityRef;
import org.dossier.db.tables.records.RevisionRecord;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * Reads the versions of records from the revision table, each whole, as it was saved: its people and
 * places by the names they had then.
 */
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
        Instant saved = row.getCreatedAt();
        Field<String> personName = asOf(AuthorityKind.PERSON, PERSON.ID, saved, AUTHORITY_VERSION.NAME, PERSON.NAME);
        Field<String> personSortName = asOf(AuthorityKind.PERSON, PERSON.ID, saved, AUTHORITY_VERSION.SORT_NAME, PERSON.SORT_NAME);
        Field<String> personKind = asOf(AuthorityKind.PERSON, PERSON.ID, saved, AUTHORITY_VERSION.KIND, PERSON.KIND);
        List<PersonLink> people = db.select(PERSON.ID, PERSON.KEY, personName, personSortName, personKind, REVISION_PERSON.ROLE)
                .from(REVISION_PERSON).join(PERSON).on(PERSON.ID.eq(REVISION_PERSON.PERSON_ID))
                .where(REVISION_PERSON.REVISION_ID.eq(row.getId()))
                .orderBy(REVISION_PERSON.POSITION, PERSON.ID)
                .fetch(r -> PersonLink.stored(r.get(PERSON.ID), r.get(PERSON.KEY), r.get(personName), r.get(personSortName),
                        r.get(personKind), r.get(REVISION_PERSON.ROLE)))
                .stream().sorted(PersonLink.BY_ROLE).toList();
        Field<String> placeName = asOf(AuthorityKind.PLACE, PLACE.ID, saved, AUTHORITY_VERSION.NAME, PLACE.NAME);
        List<AuthorityRef> places = db.select(PLACE.ID, PLACE.KEY, placeName)
                .from(REVISION_PLACE).join(PLACE).on(PLACE.ID.eq(REVISION_PLACE.PLACE_ID))
                .where(REVISION_PLACE.REVISION_ID.eq(row.getId()))
                .orderBy(asOf(AuthorityKind.PLACE, PLACE.ID, saved, AUTHORITY_VERSION.SORT_NAME, PLACE.SORT_NAME))
                .fetch(r -> new AuthorityRef(r.get(PLACE.ID), r.get(PLACE.KEY), r.get(placeName)));
        return Optional.of(new RecordVersion(row.getDocumentId(), row.getNumber(), row.getCreatedAt(),
                row.getAuthor(), row.getNote(), row.getSource(), row.getTitle(), RecordDraft.paragraphs(row.getSummary()),
                DocumentDate.stored(row.getDateKey(), row.getDatePrecision(), row.getDateCirca(),
                        row.getDateEndKey(), row.getDateEndPrecision()), type, row.getLanguages(), people, places,
                row.getSlug(), row.getWithdrawnReason()));
    }

    /**
     * What a person or place was called when a version was saved: its own version in force then
     * ({@code authority_version}), so that a version reads, and is cited, as it did whatever renames
     * came after — a record's current page names them as they are now. Where it has no version as
     * old (a catalogue made before authority histories were kept starts each at its first), its
     * first; where it has none at all, what it says now.
     */
    private static <T> Field<T> asOf(AuthorityKind list, Field<Integer> authority, Instant saved, Field<T> versioned, Field<T> now) {
        var then = AUTHORITY_VERSION.as("then");
        var first = AUTHORITY_VERSION.as("first");
        Field<T> inForce = DSL.select(then.field(versioned)).from(then)
                .where(then.FACET.eq(list.key()), then.AUTHORITY_ID.eq(authority), then.CREATED_AT.le(saved))
                .orderBy(then.NUMBER.desc()).limit(1).asField();
        Field<T> earliest = DSL.select(first.field(versioned)).from(first)
                .where(first.FACET.eq(list.key()), first.AUTHORITY_ID.eq(authority))
                .orderBy(first.NUMBER).limit(1).asField();
        return DSL.coalesce(inForce, earliest, now);
    }
}
