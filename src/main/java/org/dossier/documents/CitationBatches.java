package org.dossier.documents;

import static org.dossier.db.Tables.DOCUMENT;
import static org.dossier.db.Tables.DOCUMENT_PERSON;
import static org.dossier.db.Tables.DOCUMENT_PLACE;
import static org.dossier.db.Tables.DOCUMENT_TYPE;
import static org.dossier.db.Tables.PERSON;
import static org.dossier.db.Tables.PLACE;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.dossier.authorities.AuthorityRef;
import org.dossier.authorities.PersonRole;
import org.jooq.DSLContext;
import org.jooq.ResultQuery;
import org.jooq.exception.DataAccessException;

/**
 * The citations of the current versions of many records, read a batch at a time for one export
 * ({@link Citations#batches}): three queries a batch, whatever its size, and the people, places and
 * types the batches name read once for the whole export.
 *
 * <p>Why not {@link Citations#linksOf} and jOOQ's records: an export's rows were most of its
 * processor time, and of that time jOOQ's records and sqlite-jdbc's strings most of the Java side
 * (BENCHMARKS.md, "What makes the tail at 250 req/s"). Here the queries are jOOQ's, typed, but their
 * rows are read by column straight into the citation's values, and a person's key, names and kind
 * (some 2,000 people name a million records) are read once an export rather than once a link: the
 * batches read a link's ids and role only. What is read and written is the same, byte for byte.
 *
 * <p>One export's, on one thread. What it keeps is bounded ({@link #KEPT}): an export of every
 * record of a catalogue naming more people than that reads them again.
 */
public final class CitationBatches {

    /** How many people, places and types one export keeps before it forgets them and reads them again. */
    static final int KEPT = 50_000;

    private final DSLContext db;
    private final Citations.Links nobody;
    private final Map<Integer, AuthorityRef> types = new HashMap<>();
    private final Map<Integer, Person> people = new HashMap<>();
    private final Map<Integer, String> places = new HashMap<>();

    CitationBatches(DSLContext db, Citations.Links nobody) {
        this.db = db;
        this.nobody = nobody;
    }

    /** A person as a link names them; the role is the link's. */
    private record Person(int id, String key, String name, String sortName, String kind, PersonLink[] inRole) {

        PersonLink as(String storedRole) {
            PersonRole role = PersonRole.stored(storedRole);
            PersonLink link = inRole[role.ordinal()];
            if (link == null) {
                link = PersonLink.stored(id, key, name, sortName, kind, storedRole);
                inRole[role.ordinal()] = link;
            }
            return link;
        }
    }

    /** A row of {@code document} as a citation needs it. */
    private record Row(int id, String title, String summary, Optional<DocumentDate> date, int version,
                       Languages languages, Integer typeId) {
    }

    /**
     * The current versions of these records, in the order given, each once. Withdrawn records and
     * ids that never existed are left out.
     */
    public List<Citation> current(List<Integer> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Integer, Row> rows = rows(ids);
        Map<Integer, List<PersonLink>> linked = peopleOf(ids);
        Map<Integer, List<String>> named = placesOf(ids);
        List<Citation> citations = new ArrayList<>(rows.size());
        for (int id : new LinkedHashSet<>(ids)) {
            Row row = rows.get(id);
            if (row == null) {
                continue;
            }
            AuthorityRef type = row.typeId() == null ? null : types.get(row.typeId());
            citations.add(new Citation(id, row.version(), row.title(), row.date(), Citation.genreOf(type),
                    RecordDraft.paragraphs(row.summary()), linked.getOrDefault(id, List.of()),
                    named.getOrDefault(id, List.of()), nobody.archive(), nobody.siteUrl(), nobody.accessed(),
                    row.languages()));
        }
        return citations;
    }

    private Map<Integer, Row> rows(List<Integer> ids) {
        Map<Integer, Row> rows = new HashMap<>();
        Set<Integer> unknownTypes = new HashSet<>();
        read(db.select(DOCUMENT.ID, DOCUMENT.TITLE, DOCUMENT.SUMMARY, DOCUMENT.DATE_KEY, DOCUMENT.DATE_PRECISION,
                        DOCUMENT.DATE_CIRCA, DOCUMENT.DATE_END_KEY, DOCUMENT.DATE_END_PRECISION, DOCUMENT.VERSION,
                        DOCUMENT.LANGUAGES, DOCUMENT.TYPE_ID)
                .from(DOCUMENT)
                .where(DOCUMENT.ID.in(ids).and(DOCUMENT.WITHDRAWN_AT.isNull())), rs -> {
            String dateKey = rs.getString(4);
            Optional<DocumentDate> date = dateKey == null ? Optional.empty()
                    : DocumentDate.stored(dateKey, precision(rs.getString(5)), rs.getBoolean(6),
                            rs.getString(7), precision(rs.getString(8)));
            String languages = rs.getString(10);
            int typeId = rs.getInt(11);
            Integer type = rs.wasNull() ? null : typeId;
            if (type != null && !types.containsKey(type)) {
                unknownTypes.add(type);
            }
            Row row = new Row(rs.getInt(1), rs.getString(2), rs.getString(3), date, rs.getInt(9),
                    languages == null ? null : Languages.stored(languages), type);
            rows.put(row.id(), row);
        });
        if (!unknownTypes.isEmpty()) {
            forgetPast(types);
            read(db.select(DOCUMENT_TYPE.ID, DOCUMENT_TYPE.KEY, DOCUMENT_TYPE.LABEL).from(DOCUMENT_TYPE)
                    .where(DOCUMENT_TYPE.ID.in(unknownTypes)),
                    rs -> types.put(rs.getInt(1), new AuthorityRef(rs.getInt(1), rs.getString(2), rs.getString(3))));
        }
        return rows;
    }

    /**
     * Each record's people in the record's order (its stored positions), grouped by role as
     * {@link Citations#linksOf} groups them: the links' ids and roles, and the people not met before
     * in one more query.
     */
    private Map<Integer, List<PersonLink>> peopleOf(Collection<Integer> ids) {
        record Link(int document, int person, String role) {
        }
        List<Link> links = new ArrayList<>();
        Set<Integer> unknown = new HashSet<>();
        read(db.select(DOCUMENT_PERSON.DOCUMENT_ID, DOCUMENT_PERSON.PERSON_ID, DOCUMENT_PERSON.ROLE)
                .from(DOCUMENT_PERSON)
                .where(DOCUMENT_PERSON.DOCUMENT_ID.in(ids))
                .orderBy(DOCUMENT_PERSON.DOCUMENT_ID, DOCUMENT_PERSON.POSITION, DOCUMENT_PERSON.PERSON_ID), rs -> {
            Link link = new Link(rs.getInt(1), rs.getInt(2), rs.getString(3));
            links.add(link);
            if (!people.containsKey(link.person())) {
                unknown.add(link.person());
            }
        });
        if (!unknown.isEmpty()) {
            forgetPast(people);
            read(db.select(PERSON.ID, PERSON.KEY, PERSON.NAME, PERSON.SORT_NAME, PERSON.KIND).from(PERSON)
                    .where(PERSON.ID.in(unknown)), rs -> people.put(rs.getInt(1), new Person(rs.getInt(1),
                    rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                    new PersonLink[PersonRole.values().length])));
        }
        Map<Integer, List<PersonLink>> byRecord = new HashMap<>();
        for (Link link : links) {
            Person person = people.get(link.person());
            // A link to no person is none, as the join of linksOf makes it (the schema allows neither).
            if (person != null) {
                byRecord.computeIfAbsent(link.document(), k -> new ArrayList<>()).add(person.as(link.role()));
            }
        }
        byRecord.replaceAll((id, list) -> list.stream().sorted(PersonLink.BY_ROLE).toList());
        return byRecord;
    }

    /** The names of each record's places by sort name: the links' ids in that order, the names not met before in one more query. */
    private Map<Integer, List<String>> placesOf(Collection<Integer> ids) {
        record Link(int document, int place) {
        }
        List<Link> links = new ArrayList<>();
        Set<Integer> unknown = new HashSet<>();
        read(db.select(DOCUMENT_PLACE.DOCUMENT_ID, DOCUMENT_PLACE.PLACE_ID)
                .from(DOCUMENT_PLACE).join(PLACE).on(PLACE.ID.eq(DOCUMENT_PLACE.PLACE_ID))
                .where(DOCUMENT_PLACE.DOCUMENT_ID.in(ids))
                .orderBy(DOCUMENT_PLACE.DOCUMENT_ID, PLACE.SORT_NAME, PLACE.ID), rs -> {
            Link link = new Link(rs.getInt(1), rs.getInt(2));
            links.add(link);
            if (!places.containsKey(link.place())) {
                unknown.add(link.place());
            }
        });
        if (!unknown.isEmpty()) {
            forgetPast(places);
            read(db.select(PLACE.ID, PLACE.NAME).from(PLACE).where(PLACE.ID.in(unknown)),
                    rs -> places.put(rs.getInt(1), rs.getString(2)));
        }
        Map<Integer, List<String>> byRecord = new HashMap<>();
        for (Link link : links) {
            String name = places.get(link.place());
            if (name != null) {
                byRecord.computeIfAbsent(link.document(), k -> new ArrayList<>()).add(name);
            }
        }
        return byRecord;
    }

    private static DatePrecision precision(String stored) {
        return stored == null ? null : DatePrecision.fromKey(stored);
    }

    /** Keeps what an export has met from growing past {@link #KEPT}: the rest is read again when met. */
    private static void forgetPast(Map<Integer, ?> kept) {
        if (kept.size() >= KEPT) {
            kept.clear();
        }
    }

    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    /** Runs a query and hands each of its rows to {@code reader}, columns in the order selected. */
    private static void read(ResultQuery<?> query, RowReader reader) {
        try (ResultSet rs = query.fetchResultSet()) {
            while (rs.next()) {
                reader.read(rs);
            }
        } catch (SQLException e) {
            throw new DataAccessException("reading an export's rows: " + e.getMessage(), e);
        }
    }
}
