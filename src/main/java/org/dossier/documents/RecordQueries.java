package org.dossier.documents;

import static org.dossier.db.Tables.DOCUMENT;
import static org.dossier.db.Tables.DOCUMENT_PERSON;
import static org.dossier.db.Tables.DOCUMENT_PLACE;
import static org.dossier.db.Tables.DOCUMENT_SLUG;
import static org.dossier.db.Tables.DOCUMENT_SOURCE;
import static org.dossier.db.Tables.DOCUMENT_TYPE;
import static org.dossier.db.Tables.PERSON;
import static org.dossier.db.Tables.PLACE;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dossier.authorities.AuthorityRef;
import org.dossier.db.tables.records.DocumentRecord;
import org.jooq.DSLContext;
import org.jooq.Record;

/** Reads one record whole: the record page, its JSON twin and its exports start here. */
public final class RecordQueries {

    private final DSLContext db;

    public RecordQueries(DSLContext db) {
        this.db = db;
    }

    /** The record with this id, withdrawn or not. */
    public Optional<DocumentDetails> find(int id) {
        // Its type read with it: a record page's reads are most of what it costs the database.
        Record found = db.select(DOCUMENT.fields()).select(DOCUMENT_TYPE.ID, DOCUMENT_TYPE.KEY, DOCUMENT_TYPE.LABEL)
                .from(DOCUMENT).leftJoin(DOCUMENT_TYPE).on(DOCUMENT_TYPE.ID.eq(DOCUMENT.TYPE_ID))
                .where(DOCUMENT.ID.eq(id)).fetchOne();
        if (found == null) {
            return Optional.empty();
        }
        DocumentRecord row = found.into(DOCUMENT);
        AuthorityRef type = found.get(DOCUMENT_TYPE.ID) == null ? null
                : new AuthorityRef(found.get(DOCUMENT_TYPE.ID), found.get(DOCUMENT_TYPE.KEY), found.get(DOCUMENT_TYPE.LABEL));
        List<PersonLink> people = peopleOf(List.of(id)).getOrDefault(id, List.of()).stream()
                .sorted(PersonLink.BY_ROLE).toList();
        List<AuthorityRef> places = db.select(PLACE.ID, PLACE.KEY, PLACE.NAME)
                .from(DOCUMENT_PLACE).join(PLACE).on(PLACE.ID.eq(DOCUMENT_PLACE.PLACE_ID))
                .where(DOCUMENT_PLACE.DOCUMENT_ID.eq(id))
                .orderBy(PLACE.SORT_NAME)
                .fetch(r -> new AuthorityRef(r.get(PLACE.ID), r.get(PLACE.KEY), r.get(PLACE.NAME)));
        List<DocumentDetails.Source> sources = db.select(DOCUMENT_SOURCE.FILE, DOCUMENT_SOURCE.POSITION,
                        DOCUMENT_SOURCE.LINE)
                .from(DOCUMENT_SOURCE).where(DOCUMENT_SOURCE.DOCUMENT_ID.eq(id))
                .orderBy(DOCUMENT_SOURCE.FILE, DOCUMENT_SOURCE.POSITION)
                .fetch(r -> new DocumentDetails.Source(r.get(DOCUMENT_SOURCE.FILE), r.get(DOCUMENT_SOURCE.POSITION),
                        r.get(DOCUMENT_SOURCE.LINE)));
        return Optional.of(new DocumentDetails(row.getId(), row.getTitle(), RecordDraft.paragraphs(row.getSummary()),
                DocumentDate.stored(row.getDateKey(), row.getDatePrecision(), row.getDateCirca(),
                        row.getDateEndKey(), row.getDateEndPrecision()), row.getSlug(), row.getVersion(),
                type, row.getLanguages(), people, places, sources, row.getCreatedAt(), row.getUpdatedAt(), row.getWithdrawnReason(),
                row.getWithdrawnAt()));
    }

    /**
     * The people each of these records names now, by record, each in the record's order (its stored
     * positions): one query for them all, for a page of records (an export's batch, a harvest's page).
     */
    public Map<Integer, List<PersonLink>> peopleOf(Collection<Integer> ids) {
        Map<Integer, List<PersonLink>> people = new HashMap<>();
        db.select(DOCUMENT_PERSON.DOCUMENT_ID, PERSON.ID, PERSON.KEY, PERSON.NAME, PERSON.SORT_NAME, PERSON.KIND,
                        DOCUMENT_PERSON.ROLE)
                .from(DOCUMENT_PERSON).join(PERSON).on(PERSON.ID.eq(DOCUMENT_PERSON.PERSON_ID))
                .where(DOCUMENT_PERSON.DOCUMENT_ID.in(ids))
                .orderBy(DOCUMENT_PERSON.DOCUMENT_ID, DOCUMENT_PERSON.POSITION, PERSON.ID)
                .forEach(r -> people.computeIfAbsent(r.get(DOCUMENT_PERSON.DOCUMENT_ID), k -> new ArrayList<>()).add(
                        PersonLink.stored(r.get(PERSON.ID), r.get(PERSON.KEY), r.get(PERSON.NAME), r.get(PERSON.SORT_NAME),
                                r.get(PERSON.KIND), r.get(DOCUMENT_PERSON.ROLE))));
        return people;
    }

    /** The names of the places each of these records names now, by record, each by sort name: one query for them all. */
    public Map<Integer, List<String>> placeNamesOf(Collection<Integer> ids) {
        Map<Integer, List<String>> places = new HashMap<>();
        db.select(DOCUMENT_PLACE.DOCUMENT_ID, PLACE.NAME)
                .from(DOCUMENT_PLACE).join(PLACE).on(PLACE.ID.eq(DOCUMENT_PLACE.PLACE_ID))
                .where(DOCUMENT_PLACE.DOCUMENT_ID.in(ids))
                .orderBy(DOCUMENT_PLACE.DOCUMENT_ID, PLACE.SORT_NAME, PLACE.ID)
                .forEach(r -> places.computeIfAbsent(r.get(DOCUMENT_PLACE.DOCUMENT_ID), k -> new ArrayList<>())
                        .add(r.get(PLACE.NAME)));
        return places;
    }

    /** Where a record's permanent address leads: its current slug, and whether it was withdrawn. */
    public record Address(int id, String slug, boolean withdrawn) {
        public String canonicalPath() {
            return Permalinks.canonical(id, slug);
        }
    }

    /**
     * The record's address alone, withdrawn or not: one small read for the permanent address's
     * redirect, which needs neither the record's text nor its people, places and sources.
     */
    public Optional<Address> address(int id) {
        return db.select(DOCUMENT.SLUG, DOCUMENT.WITHDRAWN_REASON).from(DOCUMENT).where(DOCUMENT.ID.eq(id))
                .fetchOptional(r -> new Address(id, r.get(DOCUMENT.SLUG), r.get(DOCUMENT.WITHDRAWN_REASON) != null));
    }

    /** The document type with this id, or null for none. */
    static AuthorityRef type(DSLContext db, Integer typeId) {
        return typeId == null ? null
                : db.select(DOCUMENT_TYPE.ID, DOCUMENT_TYPE.KEY, DOCUMENT_TYPE.LABEL).from(DOCUMENT_TYPE)
                        .where(DOCUMENT_TYPE.ID.eq(typeId))
                        .fetchOne(r -> new AuthorityRef(r.get(DOCUMENT_TYPE.ID), r.get(DOCUMENT_TYPE.KEY), r.get(DOCUMENT_TYPE.LABEL)));
    }

    /**
     * Whether {@code start} begins the record's slug or one it had: its address cut short, as a PDF
     * cuts a footnote's at a line's end. Compared here, not by {@code LIKE}, which SQLite reads
     * without regard to case and PostgreSQL with it.
     */
    public boolean hadSlugBeginning(int id, String start) {
        return db.select(DOCUMENT_SLUG.SLUG).from(DOCUMENT_SLUG).where(DOCUMENT_SLUG.DOCUMENT_ID.eq(id))
                .fetch(DOCUMENT_SLUG.SLUG).stream().anyMatch(slug -> slug.startsWith(start));
    }

    /** Whether the record ever had this slug. */
    public boolean hadSlug(int id, String slug) {
        return db.fetchExists(DOCUMENT_SLUG, DOCUMENT_SLUG.DOCUMENT_ID.eq(id).and(DOCUMENT_SLUG.SLUG.eq(slug)));
    }
}
