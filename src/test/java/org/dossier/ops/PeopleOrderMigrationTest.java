package org.dossier.ops;

import static org.dossier.db.Tables.DOCUMENT_PERSON;
import static org.dossier.db.Tables.MOVED_LINK;
import static org.dossier.db.Tables.PERSON;
import static org.dossier.db.Tables.REVISION_PERSON;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.dossier.app.Database;
import org.dossier.documents.PersonLink;
import org.dossier.documents.RecordQueries;
import org.dossier.documents.RecordVersions;
import org.dossier.testing.EarlierSchema;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * V15 gives every link between a record (or a revision) and a person a position: a catalogue made
 * before it is numbered in the order its pages showed the people, by role and then by sort name,
 * so that nothing a reader sees changes. On SQLite, and on PostgreSQL in the suite's second half.
 */
class PeopleOrderMigrationTest {

    private static final String BEFORE_POSITIONS = "14";

    @RegisterExtension
    final EarlierSchema earlier = EarlierSchema.at(BEFORE_POSITIONS);

    /** The rows as V14 wrote them: links with roles and no order of their own. */
    private void rowsOfTheVersionBefore() throws Exception {
        try (Connection c = DriverManager.getConnection(earlier.url()); Statement s = c.createStatement()) {
            s.execute("INSERT INTO document_type (id, key, label, position) VALUES (1, 'letter', 'Letter', 1)");
            s.execute("INSERT INTO person (id, key, name, sort_name) VALUES "
                    + "(1, 'stalin', 'Joseph Stalin', 'Stalin, Joseph'), "
                    + "(2, 'molotov', 'Vyacheslav Molotov', 'Molotov, Vyacheslav'), "
                    + "(3, 'mao-zedong', 'Mao Zedong', 'Mao Zedong'), "
                    + "(4, 'kovalev', 'Ivan Kovalev', 'Kovalev, Ivan'), "
                    + "(5, 'aleksandrov', 'Aleksandrov', '')");
            s.execute("INSERT INTO document (id, title, summary, date_key, date_precision, type_id, sort_title, slug, "
                    + "version, created_at, updated_at) VALUES (7, 'Letter from Stalin and Molotov to Mao', "
                    + "'Via Kovalev and Aleksandrov.', '1950-02-14', 'day', 1, 'letter from stalin and molotov to mao', "
                    + "'letter-from-stalin-and-molotov-to-mao', 2, '2025-01-01T00:00:00Z', '2025-02-01T00:00:00Z')");
            s.execute("INSERT INTO revision (id, document_id, number, created_at, author, note, source, title, summary, "
                    + "date_key, date_precision, type_id, slug) VALUES "
                    + "(1, 7, 1, '2025-01-01T00:00:00Z', 'import', 'Imported', 'page.txt:3', 'Letter from Stalin to Mao', "
                    + "'Via Kovalev.', '1950-02-14', 'day', 1, 'letter-from-stalin-to-mao'), "
                    + "(2, 7, 2, '2025-02-01T00:00:00Z', 'olga', 'Molotov signed too', NULL, "
                    + "'Letter from Stalin and Molotov to Mao', 'Via Kovalev and Aleksandrov.', '1950-02-14', 'day', 1, "
                    + "'letter-from-stalin-and-molotov-to-mao')");
            s.execute("INSERT INTO document_person (document_id, person_id, role) VALUES "
                    + "(7, 4, 'mentioned'), (7, 3, 'recipient'), (7, 1, 'author'), (7, 5, 'mentioned'), (7, 2, 'author')");
            s.execute("INSERT INTO revision_person (revision_id, person_id, role) VALUES "
                    + "(1, 4, 'mentioned'), (1, 3, 'recipient'), (1, 1, 'author'), "
                    + "(2, 4, 'mentioned'), (2, 3, 'recipient'), (2, 1, 'author'), (2, 5, 'mentioned'), (2, 2, 'author')");
        }
    }

    private static List<String> keysByPosition(DSLContext db, boolean revision, int owner) {
        if (revision) {
            return db.select(PERSON.KEY).from(REVISION_PERSON).join(PERSON).on(PERSON.ID.eq(REVISION_PERSON.PERSON_ID))
                    .where(REVISION_PERSON.REVISION_ID.eq(owner)).orderBy(REVISION_PERSON.POSITION).fetch(PERSON.KEY);
        }
        return db.select(PERSON.KEY).from(DOCUMENT_PERSON).join(PERSON).on(PERSON.ID.eq(DOCUMENT_PERSON.PERSON_ID))
                .where(DOCUMENT_PERSON.DOCUMENT_ID.eq(owner)).orderBy(DOCUMENT_PERSON.POSITION).fetch(PERSON.KEY);
    }

    @Test
    void theMigrationNumbersEveryLinkByRoleThenSortNameSoThatPagesShowWhatTheyShowedBefore() throws Exception {
        rowsOfTheVersionBefore();
        try (Database migrated = Database.open(earlier.address())) {
            DSLContext db = migrated.dsl();
            // Authors (Molotov sorts before Stalin), the recipient, then the people mentioned (a blank
            // sort name sorts as the name: Aleksandrov before Kovalev).
            assertEquals(List.of("molotov", "stalin", "mao-zedong", "aleksandrov", "kovalev"), keysByPosition(db, false, 7));
            assertEquals(List.of(1, 2, 3, 4, 5), db.select(DOCUMENT_PERSON.POSITION).from(DOCUMENT_PERSON)
                    .where(DOCUMENT_PERSON.DOCUMENT_ID.eq(7)).orderBy(DOCUMENT_PERSON.POSITION).fetch(DOCUMENT_PERSON.POSITION));
            assertEquals(List.of("stalin", "mao-zedong", "kovalev"), keysByPosition(db, true, 1));
            assertEquals(List.of("molotov", "stalin", "mao-zedong", "aleksandrov", "kovalev"), keysByPosition(db, true, 2));
            assertEquals(List.of(1, 2, 3), db.select(REVISION_PERSON.POSITION).from(REVISION_PERSON)
                    .where(REVISION_PERSON.REVISION_ID.eq(1)).orderBy(REVISION_PERSON.POSITION).fetch(REVISION_PERSON.POSITION));

            assertEquals(List.of("molotov", "stalin", "mao-zedong", "aleksandrov", "kovalev"),
                    new RecordQueries(db).find(7).orElseThrow().people().stream().map(PersonLink::key).toList(),
                    "the record's page, as before");
            assertEquals(List.of("stalin", "mao-zedong", "kovalev"),
                    new RecordVersions(db).find(7, 1).orElseThrow().people().stream().map(PersonLink::key).toList(),
                    "its first version's page, as before");
            assertEquals(0, db.fetchCount(MOVED_LINK), "a catalogue with no merge under way has nothing to move");
        }
    }
}
