package org.dossier.documents;

import static org.dossier.db.Tables.DOCUMENT_PLACE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.dossier.app.Database;
import org.dossier.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;

class BulkWritingTest {

    @TempDir
    Path folder;
    private Database database;

    @BeforeEach
    void open() {
        database = TestDatabase.openIn(folder);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private static List<String> schema(DSLContext tx) {
        return tx.resultQuery("select type || ' ' || name || ' ' || coalesce(sql, '') as entry from sqlite_master order by name")
                .fetch("entry", String.class);
    }

    @Test
    void aLargeRunDropsOnlyTheIndexesItWouldFillAllOverAndTheSchemaEndsAsItBegan() {
        database.dsl().transaction(configuration -> {
            DSLContext tx = configuration.dsl();
            if (tx.dialect().family() != SQLDialect.SQLITE) {
                assertEquals(List.of(), BulkWriting.dropBeforeAdding(tx, 1_000));
                return;
            }
            List<String> before = schema(tx);
            Object mapped = tx.fetchValue("PRAGMA mmap_size");

            List<BulkWriting.SecondaryIndex> indexes = BulkWriting.dropBeforeAdding(tx, 1_000);
            Set<String> dropped = indexes.stream().map(BulkWriting.SecondaryIndex::name).collect(Collectors.toSet());

            assertEquals(Set.of("document_live_by_date", "document_live_by_title", "document_spans"), dropped);
            // By update, live by id, by type and revision by time get a run's entries in key order,
            // the withdrawn records' none, and the links by person and by place each at the end of
            // their person's or place's: kept.
            List<String> during = schema(tx);
            for (String kept : List.of("document_by_update", "document_live_by_id", "document_by_type", "revision_by_time",
                    "document_withdrawn", "document_person_by_person", "document_place_by_place")) {
                assertTrue(during.stream().anyMatch(line -> line.startsWith("index " + kept + " ")), kept);
            }
            BulkWriting.rebuild(tx, indexes);
            assertEquals(before, schema(tx));
            assertEquals(String.valueOf(mapped), String.valueOf(tx.fetchValue("PRAGMA mmap_size")));
        });
    }

    @Test
    void aRunStampedAtItsCommitAlsoDropsTheIndexesOnTheTimesTheStampRewritesAndTheSchemaEndsAsItBegan() {
        database.dsl().transaction(configuration -> {
            DSLContext tx = configuration.dsl();
            if (tx.dialect().family() != SQLDialect.SQLITE) {
                assertEquals(List.of(), BulkWriting.dropBeforeAdding(tx, 1_000, BulkWriting.Times.STAMPED_AT_COMMIT));
                return;
            }
            List<String> before = schema(tx);

            List<BulkWriting.SecondaryIndex> indexes = BulkWriting.dropBeforeAdding(tx, 1_000,
                    BulkWriting.Times.STAMPED_AT_COMMIT);
            Set<String> dropped = indexes.stream().map(BulkWriting.SecondaryIndex::name).collect(Collectors.toSet());

            // Those on the records' and revisions' times too: built once the stamp has rewritten them.
            assertEquals(Set.of("document_live_by_date", "document_live_by_title", "document_spans",
                    "document_by_update", "document_live_by_id", "document_by_type", "revision_by_time"), dropped);
            List<String> during = schema(tx);
            for (String kept : List.of("document_withdrawn", "document_person_by_person", "document_place_by_place")) {
                assertTrue(during.stream().anyMatch(line -> line.startsWith("index " + kept + " ")), kept);
            }
            BulkWriting.rebuild(tx, indexes);
            assertEquals(before, schema(tx));
        });
    }

    @Test
    void aBulkWriteThatLeavesARowPointingNowhereIsRolledBackAndTheRowIsNamed() {
        RecordStore store = new RecordStore(database.dsl(), Clock.systemUTC());
        RuntimeException refused = assertThrows(RuntimeException.class, () -> store.writeInBulk((writer, tx) ->
                tx.insertInto(DOCUMENT_PLACE, DOCUMENT_PLACE.DOCUMENT_ID, DOCUMENT_PLACE.PLACE_ID).values(404, 405).execute()));
        if (database.dsl().dialect().family() == SQLDialect.SQLITE) {
            // Not looked up at the insert: found by the check before the commit (a link has no rowid to name).
            assertEquals("2 foreign keys point to rows that are not there (document_place names a place that is not there; "
                    + "document_place names a document that is not there): nothing was written", refused.getMessage());
        }
        assertEquals(0, database.dsl().fetchCount(DOCUMENT_PLACE));
    }

    @Test
    void aBulkWriteLooksNoForeignKeyUpAtEachInsertAndGivesItsConnectionBackCheckingThemAgain() {
        RecordStore store = new RecordStore(database.dsl(), Clock.systemUTC());
        if (database.dsl().dialect().family() != SQLDialect.SQLITE) {
            return;
        }
        assertEquals(0, ((Number) store.writeInBulk((writer, tx) -> tx.fetchValue("PRAGMA foreign_keys"))).intValue());
        // The pool hands this thread the connection it gave back last: the one the bulk write had.
        assertEquals(1, ((Number) database.dsl().fetchValue("PRAGMA foreign_keys")).intValue());
        assertThrows(org.jooq.exception.DataAccessException.class, () -> store.write((writer, tx) ->
                tx.insertInto(DOCUMENT_PLACE, DOCUMENT_PLACE.DOCUMENT_ID, DOCUMENT_PLACE.PLACE_ID).values(404, 405).execute()));
        assertEquals(0, database.dsl().fetchCount(DOCUMENT_PLACE));
    }
}
