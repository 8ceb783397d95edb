package org.dossier.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.dossier.app.Database;
import org.dossier.app.Main;
import org.dossier.app.DatabaseAddress;
import org.dossier.testing.EarlierSchema;
import org.dossier.testing.TestDatabase;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * V22 lets a record and its versions be undated (date key and precision both NULL). On SQLite it
 * writes new definitions of {@code document} and {@code revision} into the schema, which must keep
 * every row, id, index, trigger, CHECK and foreign key, AUTOINCREMENT's high-water mark, and a file
 * SQLite finds whole; on PostgreSQL (the suite's second
 * half) it drops two NOT NULLs. Both then hold an undated row to the same rules: a date is whole or
 * absent, and no date has no span's end and no "ca.".
 */
class UndatedRecordsMigrationTest {

    private static final String BEFORE_UNDATED = "21";

    private static final String DOCUMENT_COLUMNS = "id, title, summary, date_key, date_precision, type_id, sort_title, "
            + "slug, version, withdrawn_at, withdrawn_reason, created_at, updated_at, languages, date_circa, date_end_key, "
            + "date_end_precision";
    private static final String REVISION_COLUMNS = "id, document_id, number, created_at, author, note, source, title, "
            + "summary, date_key, date_precision, type_id, slug, withdrawn_reason, languages, date_circa, date_end_key, "
            + "date_end_precision";

    @RegisterExtension
    final EarlierSchema earlier = EarlierSchema.at(BEFORE_UNDATED);

    /**
     * Rows as V21 wrote them: a record with a span and two versions, an approximate one withdrawn,
     * people linked to both, and a record imported and then removed, whose id must not come back.
     */
    private void rowsOfTheVersionBefore() throws Exception {
        try (Connection c = DriverManager.getConnection(earlier.url()); Statement s = c.createStatement()) {
            s.execute("INSERT INTO document_type (id, key, label, position) VALUES (1, 'letter', 'Letter', 1)");
            s.execute("INSERT INTO person (id, key, name, sort_name) VALUES (1, 'stalin', 'Joseph Stalin', 'Stalin, Joseph')");
            s.execute("INSERT INTO document (id, title, summary, date_key, date_precision, type_id, sort_title, slug, "
                    + "version, created_at, updated_at, languages, date_circa, date_end_key, date_end_precision) VALUES "
                    + "(7, 'Letters to Mao', 'Two.', '1961-01-01', 'year', 1, 'letters to mao', 'letters-to-mao', 2, "
                    + "'2025-01-01T00:00:00Z', '2025-02-01T00:00:00Z', 'ru', FALSE, '1962-01-01', 'year')");
            s.execute("INSERT INTO document (id, title, summary, date_key, date_precision, type_id, sort_title, slug, "
                    + "version, withdrawn_at, withdrawn_reason, created_at, updated_at, date_circa) VALUES "
                    + "(8, 'Memorandum', '', '1962-03-01', 'month', NULL, 'memorandum', 'memorandum', 1, "
                    + "'2025-03-01T00:00:00Z', 'A copy', '2025-01-01T00:00:00Z', '2025-03-01T00:00:00Z', TRUE)");
            s.execute("INSERT INTO document (id, title, summary, date_key, date_precision, sort_title, slug, created_at, "
                    + "updated_at) VALUES (9, 'Removed', '', '1950-02-14', 'day', 'removed', 'removed', "
                    + "'2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')");
            s.execute("DELETE FROM document WHERE id = 9");
            s.execute("INSERT INTO revision (id, document_id, number, created_at, author, note, source, title, summary, "
                    + "date_key, date_precision, type_id, slug, languages, date_end_key, date_end_precision) VALUES "
                    + "(1, 7, 1, '2025-01-01T00:00:00Z', 'import', 'Imported', 'page.txt:3', 'Letter to Mao', 'One.', "
                    + "'1961-01-01', 'year', 1, 'letter-to-mao', '', NULL, NULL), "
                    + "(2, 7, 2, '2025-02-01T00:00:00Z', 'olga', 'Two letters', NULL, 'Letters to Mao', 'Two.', "
                    + "'1961-01-01', 'year', 1, 'letters-to-mao', 'ru', '1962-01-01', 'year')");
            s.execute("INSERT INTO revision (id, document_id, number, created_at, author, note, title, summary, date_key, "
                    + "date_precision, slug, withdrawn_reason, date_circa) VALUES (3, 8, 1, '2025-03-01T00:00:00Z', "
                    + "'olga', 'Withdrawn', 'Memorandum', '', '1962-03-01', 'month', 'memorandum', 'A copy', TRUE)");
            s.execute("INSERT INTO document_person (document_id, person_id, role, position) VALUES (7, 1, 'author', 1)");
            s.execute("INSERT INTO revision_person (revision_id, person_id, role, position) VALUES "
                    + "(1, 1, 'author', 1), (2, 1, 'author', 1)");
        }
    }

    private static List<List<Object>> rows(DSLContext db, String columns, String table) {
        return db.resultQuery("SELECT " + columns + " FROM " + table + " ORDER BY id").fetch()
                .map(r -> java.util.Arrays.asList(r.intoArray()));
    }

    /** The indexes and triggers on the two tables, by name: the migration must keep each. */
    private static List<String> indexesAndTriggers(DSLContext db) {
        if (db.dialect().family() == org.jooq.SQLDialect.SQLITE) {
            return db.resultQuery("SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_master "
                    + "WHERE tbl_name IN ('document', 'revision') AND type IN ('index', 'trigger') ORDER BY name")
                    .fetch().getValues(0, String.class);
        }
        return db.resultQuery("SELECT indexname || ': ' || indexdef FROM pg_indexes WHERE tablename IN ('document', "
                + "'revision') UNION ALL SELECT tgname || ' on ' || tgrelid::regclass::text FROM pg_trigger "
                + "WHERE NOT tgisinternal AND tgrelid::regclass::text IN ('document', 'revision') ORDER BY 1")
                .fetch().getValues(0, String.class);
    }

    @Test
    void theMigrationKeepsEveryRowIdIndexTriggerAndForeignKeyOfTheTablesItRebuilds() throws Exception {
        rowsOfTheVersionBefore();
        List<List<Object>> documents;
        List<List<Object>> revisions;
        List<String> schema;
        Object live;
        try (Connection c = DriverManager.getConnection(earlier.url())) {
            DSLContext before = org.jooq.impl.DSL.using(c);
            documents = rows(before, DOCUMENT_COLUMNS, "document");
            revisions = rows(before, REVISION_COLUMNS, "revision");
            schema = indexesAndTriggers(before);
            live = before.resultQuery("SELECT live FROM document_count").fetchOne("live");
        }
        try (Database migrated = Database.open(earlier.address())) {
            DSLContext db = migrated.dsl();
            assertEquals(documents, rows(db, DOCUMENT_COLUMNS, "document"));
            assertEquals(revisions, rows(db, REVISION_COLUMNS, "revision"));
            // V23, which comes after, adds the spans' index: every other index and trigger is as it was.
            assertEquals(schema, indexesAndTriggers(db).stream().filter(line -> !line.contains("document_spans")).toList());
            assertTrue(indexesAndTriggers(db).stream().anyMatch(line -> line.contains("document_spans")), "V23 ran after");
            assertEquals(live, db.resultQuery("SELECT live FROM document_count").fetchOne("live"));
            assertEquals(List.of(List.of(7, 1)), db.resultQuery("SELECT document_id, person_id FROM document_person")
                    .fetch().map(r -> List.of(r.get("document_id", Integer.class), r.get("person_id", Integer.class))));

            if (earlier.address().isSqlite()) {
                assertTrue(db.resultQuery("PRAGMA foreign_key_check").fetch().isEmpty(), "every foreign key still holds");
                assertEquals(1, db.resultQuery("PRAGMA foreign_keys").fetchOne("foreign_keys", Integer.class),
                        "foreign keys are still enforced");
                // Every page, index entry and constraint against the definitions written into the schema.
                assertEquals("ok", db.resultQuery("PRAGMA integrity_check").fetchOne("integrity_check", String.class));
                // AUTOINCREMENT's mark: record 9 was removed, and its id is not handed out again.
                db.execute("INSERT INTO document (title, summary, date_key, date_precision, sort_title, slug, created_at, "
                        + "updated_at) VALUES ('Next', '', '1950-01-01', 'year', 'next', 'next', '2025-04-01T00:00:00Z', "
                        + "'2025-04-01T00:00:00Z')");
                assertEquals(10, db.resultQuery("SELECT max(id) AS highest FROM document").fetchOne("highest", Integer.class));
            }
            assertThrows(DataAccessException.class, () -> db.execute("INSERT INTO document_person (document_id, "
                    + "person_id, role, position) VALUES (99, 1, 'author', 1)"), "a link to no record is still refused");
            assertThrows(DataAccessException.class, () -> db.execute("INSERT INTO revision (id, document_id, "
                    + "number, created_at, author, note, title, summary, slug) VALUES (99, 99, 1, '2025-04-01T00:00:00Z', 'olga', "
                    + "'x', 'x', '', 'x')"), "a version of no record is still refused");
            assertThrows(DataAccessException.class, () -> db.execute("UPDATE document SET date_key = '1962' WHERE id = 8"),
                    "a key not written as a day is still refused");
            db.execute("UPDATE document SET withdrawn_at = NULL, withdrawn_reason = NULL WHERE id = 8");
            assertEquals(((Number) live).intValue() + 1 + (earlier.address().isSqlite() ? 1 : 0),
                    db.resultQuery("SELECT live FROM document_count").fetchOne("live", Integer.class),
                    "the count's triggers still count a reinstated record");
        }
    }

    @Test
    void anUndatedRecordAndVersionAreStoredWithNeitherKeyNorPrecision() throws Exception {
        rowsOfTheVersionBefore();
        try (Database migrated = Database.open(earlier.address())) {
            DSLContext db = migrated.dsl();
            db.execute("INSERT INTO document (id, title, summary, date_key, date_precision, sort_title, slug, created_at, "
                    + "updated_at) VALUES (20, 'Undated note', '', NULL, NULL, 'undated note', 'undated-note', "
                    + "'2025-04-01T00:00:00Z', '2025-04-01T00:00:00Z')");
            db.execute("INSERT INTO revision (id, document_id, number, created_at, author, note, title, summary, "
                    + "date_key, date_precision, slug) VALUES (4, 20, 1, '2025-04-01T00:00:00Z', 'import', 'Imported', "
                    + "'Undated note', '', NULL, NULL, 'undated-note')");
            db.execute("UPDATE document SET date_key = NULL, date_precision = NULL, date_end_key = NULL, "
                    + "date_end_precision = NULL WHERE id = 7");
            assertEquals(2, db.resultQuery("SELECT count(*) AS undated FROM document WHERE date_key IS NULL").fetchOne("undated", Integer.class));
            assertEquals(1, db.resultQuery("SELECT count(*) AS undated FROM revision WHERE date_precision IS NULL").fetchOne("undated", Integer.class));
        }
    }

    @Test
    void aDateIsWholeOrAbsentAndNoDateHasNeitherAnEndNorCirca() throws Exception {
        rowsOfTheVersionBefore();
        try (Database migrated = Database.open(earlier.address())) {
            DSLContext db = migrated.dsl();
            for (String table : List.of("document", "revision")) {
                for (String change : List.of("date_key = NULL", "date_precision = NULL",
                        "date_key = NULL, date_precision = NULL", "date_key = NULL, date_precision = NULL, date_circa = TRUE")) {
                    // Record 7 and its version 2 are spans; version 3 and record 8 are approximate.
                    String rows = change.endsWith("TRUE") ? "id = 8" : "id = " + (table.equals("document") ? 7 : 2);
                    if (table.equals("revision") && change.endsWith("TRUE")) {
                        rows = "id = 3";
                    }
                    String update = "UPDATE " + table + " SET " + change + " WHERE " + rows;
                    assertThrows(DataAccessException.class, () -> db.execute(update), update);
                }
            }
            assertThrows(DataAccessException.class, () -> db.execute("UPDATE revision SET date_key = NULL, "
                    + "date_precision = NULL, date_circa = TRUE WHERE id = 1"), "no 'ca.' of no date");
            assertEquals(List.of("1961-01-01", "1962-03-01"),
                    db.resultQuery("SELECT date_key FROM document ORDER BY id").fetch().getValues(0, String.class),
                    "nothing refused was written");
        }
    }

    @Test
    void copyCarriesAnUndatedRecordAndItsVersionToTheOtherDatabaseUndated() throws Exception {
        Path source = earlier.folder().resolve("source.db");
        try (Database db = Database.open(source)) {
            db.dsl().execute("INSERT INTO document (id, title, summary, date_key, date_precision, sort_title, slug, "
                    + "created_at, updated_at) VALUES (5, 'Undated note', '', NULL, NULL, 'undated note', 'undated-note', "
                    + "'2025-04-01T00:00:00Z', '2025-04-01T00:00:00Z')");
            db.dsl().execute("INSERT INTO revision (id, document_id, number, created_at, author, note, title, summary, "
                    + "date_key, date_precision, slug) VALUES (1, 5, 1, '2025-04-01T00:00:00Z', 'import', 'Imported', "
                    + "'Undated note', '', NULL, NULL, 'undated-note')");
        }
        Path targetFolder = earlier.folder().resolve("target");
        DatabaseAddress target = TestDatabase.in(targetFolder);
        try {
            try (Database made = Database.open(target)) {
                // Made and migrated, then closed: a SQLite target open elsewhere is refused.
            }
            assertEquals(0, Main.run("copy", "--from", source.toString(), "--to", target.text()));
            try (Database copied = Database.open(target)) {
                assertEquals(List.of(java.util.Arrays.asList(5, null, null)), copied.dsl()
                        .resultQuery("SELECT id, date_key, date_precision FROM document").fetch()
                        .map(r -> java.util.Arrays.asList(r.get("id", Integer.class), r.get("date_key"), r.get("date_precision"))));
                assertEquals(List.of(java.util.Arrays.asList(1, null, null)), copied.dsl()
                        .resultQuery("SELECT id, date_key, date_precision FROM revision").fetch()
                        .map(r -> java.util.Arrays.asList(r.get("id", Integer.class), r.get("date_key"), r.get("date_precision"))));
            }
        } finally {
            TestDatabase.forget(targetFolder);
        }
    }
}
