package org.dossier.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import org.dossier.app.Database;
import org.dossier.testing.EarlierSchema;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * V25 keeps every address a record has had ({@code document_slug}) and where each imported record
 * was seen ({@code document_source}) WITHOUT ROWID on SQLite: each table is made again under its own
 * name and filled from the old one, which must keep every row, the key, the foreign key to the
 * record and the index by identity, and leave a file SQLite finds whole. On PostgreSQL (the suite's
 * second half) it changes nothing, and the same rows are there after it.
 */
class SlugsAndSourcesWithoutRowidMigrationTest {

    private static final String BEFORE_KEYS_ALONE = "24";

    private static final String SLUGS = "SELECT document_id, slug, created_at FROM document_slug ORDER BY document_id, slug";
    private static final String SOURCES = "SELECT document_id, identity, file, position, line, imported_at "
            + "FROM document_source ORDER BY document_id, file, position";

    @RegisterExtension
    final EarlierSchema earlier = EarlierSchema.at(BEFORE_KEYS_ALONE);

    /**
     * Rows as V24 wrote them, not in their keys' order: a record renamed (two slugs, the newer
     * written first), and an entry seen on two pages, one of them twice.
     */
    private void rowsOfTheVersionBefore() throws Exception {
        try (Connection c = DriverManager.getConnection(earlier.url()); Statement s = c.createStatement()) {
            for (int id : List.of(3, 7)) {
                s.execute("INSERT INTO document (id, title, summary, date_key, date_precision, sort_title, slug, created_at, "
                        + "updated_at) VALUES (" + id + ", 'Letter " + id + "', '', '1961-01-01', 'year', 'letter " + id
                        + "', 'letter-" + id + "', '2025-01-01T00:00:00Z', '2025-02-01T00:00:00Z')");
            }
            s.execute("INSERT INTO document_slug (document_id, slug, created_at) VALUES "
                    + "(7, 'letter-7', '2025-02-01T00:00:00Z'), (3, 'letter-3', '2025-01-01T00:00:00Z'), "
                    + "(7, 'a-letter-to-mao', '2025-01-01T00:00:00Z')");
            s.execute("INSERT INTO document_source (document_id, identity, file, position, line, imported_at) VALUES "
                    + "(7, 'e5d1', '001_b.txt', 4, 19, '2025-02-01T00:00:00Z'), "
                    + "(3, '22ab', '000_a.txt', 2, 7, '2025-01-01T00:00:00Z'), "
                    + "(7, 'e5d1', '000_a.txt', 9, 40, '2025-01-01T00:00:00Z'), "
                    + "(7, 'e5d1', '000_a.txt', 3, 11, '2025-01-01T00:00:00Z')");
        }
    }

    private static List<List<Object>> rows(DSLContext db, String query) {
        return db.resultQuery(query).fetch().map(r -> Arrays.asList(r.intoArray()));
    }

    /** The two tables' indexes, by name, with what they are made of. */
    private static List<String> indexes(DSLContext db) {
        if (db.dialect().family() == SQLDialect.SQLITE) {
            return db.resultQuery("SELECT name || ': ' || coalesce(sql, '(the key)') FROM sqlite_master WHERE type = 'index' "
                    + "AND tbl_name IN ('document_slug', 'document_source') AND name NOT LIKE 'sqlite_autoindex%' ORDER BY name")
                    .fetch().getValues(0, String.class);
        }
        return db.resultQuery("SELECT indexname || ': ' || indexdef FROM pg_indexes WHERE tablename IN ('document_slug', "
                + "'document_source') ORDER BY 1").fetch().getValues(0, String.class);
    }

    @Test
    void theMigrationKeepsEverySlugAndSourceTheirKeysForeignKeysAndTheIndexByIdentity() throws Exception {
        rowsOfTheVersionBefore();
        List<List<Object>> slugs;
        List<List<Object>> sources;
        List<String> indexes;
        try (Connection c = DriverManager.getConnection(earlier.url())) {
            DSLContext before = DSL.using(c);
            slugs = rows(before, SLUGS);
            sources = rows(before, SOURCES);
            indexes = indexes(before);
        }
        assertEquals(3, slugs.size());
        assertEquals(4, sources.size());
        try (Database migrated = Database.open(earlier.address())) {
            DSLContext db = migrated.dsl();
            assertEquals(slugs, rows(db, SLUGS));
            assertEquals(sources, rows(db, SOURCES));
            assertEquals(indexes, indexes(db));
            assertEquals(List.of(List.of("e5d1", 7), List.of("e5d1", 7), List.of("e5d1", 7)),
                    db.resultQuery("SELECT identity, document_id FROM document_source WHERE identity = 'e5d1'").fetch()
                            .map(r -> List.of(r.get(0, String.class), r.get(1, Integer.class))),
                    "an entry is still found by its identity");
            if (earlier.address().isSqlite()) {
                assertTrue(db.resultQuery("PRAGMA foreign_key_check").fetch().isEmpty(), "every foreign key still holds");
                assertEquals("ok", db.resultQuery("PRAGMA integrity_check").fetchOne(0, String.class));
            }
            assertThrows(DataAccessException.class, () -> db.execute("INSERT INTO document_slug (document_id, slug, "
                    + "created_at) VALUES (99, 'nowhere', '2025-04-01T00:00:00Z')"), "a slug of no record is still refused");
            assertThrows(DataAccessException.class, () -> db.execute("INSERT INTO document_source (document_id, identity, "
                    + "file, position, line, imported_at) VALUES (99, 'ffff', '000_a.txt', 1, 1, '2025-04-01T00:00:00Z')"),
                    "a source of no record is still refused");
            assertThrows(DataAccessException.class, () -> db.execute("INSERT INTO document_slug (document_id, slug, "
                    + "created_at) VALUES (7, 'letter-7', '2025-04-01T00:00:00Z')"), "a record's slug is still kept once");
            assertThrows(DataAccessException.class, () -> db.execute("INSERT INTO document_source (document_id, identity, "
                    + "file, position, line, imported_at) VALUES (7, 'e5d1', '000_a.txt', 3, 11, '2025-04-01T00:00:00Z')"),
                    "an entry's place in a file is still kept once");
            assertThrows(DataAccessException.class, () -> db.execute("INSERT INTO document_source (document_id, identity, "
                    + "file, position, line, imported_at) VALUES (3, NULL, '000_a.txt', 5, 1, '2025-04-01T00:00:00Z')"),
                    "a source still has an identity");
            assertEquals(sources, rows(db, SOURCES), "nothing refused was written");
        }
    }

    @Test
    void slugsAndSourcesAreKeptInTheirKeysOrderAloneWithNoRowidOnSqlite() throws Exception {
        assumeTrue(earlier.address().isSqlite(), "PostgreSQL's tables have no rowid");
        rowsOfTheVersionBefore();
        try (Database migrated = Database.open(earlier.address())) {
            DSLContext db = migrated.dsl();
            for (String table : List.of("document_slug", "document_source")) {
                // A rowid table answers for its rowid whatever its columns; one WITHOUT ROWID has none.
                DataAccessException noRowid = assertThrows(DataAccessException.class,
                        () -> db.resultQuery("SELECT rowid FROM " + table).fetch(), table + " has no rowid");
                assertTrue(noRowid.getMessage().contains("no such column: rowid"), noRowid.getMessage());
                // Nor a second b-tree for its key: the key is the table.
                assertEquals(0, db.resultQuery("SELECT count(*) FROM sqlite_master WHERE tbl_name = '" + table
                        + "' AND name LIKE 'sqlite_autoindex%'").fetchOne(0, Integer.class), table + "'s key is its table");
            }
        }
    }
}
