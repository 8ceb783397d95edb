package org.dossier.documents;

import static org.dossier.db.Tables.DOCUMENT_PLACE;
import static org.dossier.db.Tables.DOCUMENT_TYPE;
import static org.dossier.db.Tables.LOGIN_FAILURE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.dossier.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;

class BulkWritingTest {

    @RegisterExtension
    final TestDatabase database = TestDatabase.emptyForEachTest();

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
            Object cache = tx.fetchValue("PRAGMA cache_size");

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
            // The smaller cache the builds sort within is the connection's own again.
            assertEquals(String.valueOf(cache), String.valueOf(tx.fetchValue("PRAGMA cache_size")));
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

    @Test
    void aStatementOfManyRowsThatMeetsAKeyAlreadyThereFailsWithTheDatabasesOwnMessageAndKeepsNoneOfItsRows() {
        RecordStore store = new RecordStore(database.dsl(), Clock.systemUTC());
        int before = database.dsl().fetchCount(DOCUMENT_TYPE);
        // The 61st row of the first statement of a hundred has the key of the 11th: on SQLite the
        // statement fails there (not aborts, which kept an undo journal of its own), keeping the sixty
        // before it, and the transaction rolls back with them.
        DataAccessException refused = assertThrows(DataAccessException.class, () -> store.write((writer, tx) ->
                tx.connectionResult(connection -> {
                    try (BatchInsert types = BatchInsert.into(tx, connection, DOCUMENT_TYPE, DOCUMENT_TYPE.KEY,
                            DOCUMENT_TYPE.LABEL)) {
                        for (int i = 0; i < 150; i++) {
                            types.add("type-" + (i == 60 ? 10 : i), "Type " + i);
                        }
                    }
                    return null;
                })));
        String said = String.valueOf(refused.getCause() == null ? refused.getMessage() : refused.getCause().getMessage());
        assertTrue(database.dsl().dialect().family() == SQLDialect.SQLITE
                ? said.contains("UNIQUE constraint failed: document_type.key")
                : said.contains("duplicate key value violates unique constraint"), said);
        assertEquals(before, database.dsl().fetchCount(DOCUMENT_TYPE));
    }

    @Test
    void onSqliteAWriteOfManyRowsFailsOnAConflictInsteadOfAbortingAndBindsItsValuesAsJooqWould() {
        Instant failed = Instant.parse("1950-06-25T04:00:00Z");
        DSLContext db = database.dsl();
        Query insert = db.insertInto(LOGIN_FAILURE, LOGIN_FAILURE.SCOPE, LOGIN_FAILURE.SUBJECT, LOGIN_FAILURE.FAILURES,
                LOGIN_FAILURE.LAST_FAILED_AT).values("client", "192.0.2.1", 3, failed);
        Query failing = BulkWriting.failingOnConflict(db, insert);
        Query update = db.update(LOGIN_FAILURE).set(LOGIN_FAILURE.BLOCKED_UNTIL, failed.plusSeconds(60))
                .where(LOGIN_FAILURE.SUBJECT.eq("192.0.2.1"));
        if (db.dialect().family() == SQLDialect.SQLITE) {
            assertTrue(failing.getSQL().startsWith("insert or fail into "), failing.getSQL());
            assertTrue(BulkWriting.failingOnConflict(db, update).getSQL().startsWith("update or fail "),
                    BulkWriting.failingOnConflict(db, update).getSQL());
            assertThrows(IllegalArgumentException.class,
                    () -> BulkWriting.failingOnConflict(db, db.deleteFrom(LOGIN_FAILURE)));
        } else {
            assertEquals(insert.getSQL(), failing.getSQL());
        }
        assertEquals(1, failing.execute());
        assertEquals(1, BulkWriting.failingOnConflict(db, update).execute());
        // Each value through its field's converter, as the query itself binds it.
        var row = db.selectFrom(LOGIN_FAILURE).fetchSingle();
        assertEquals(List.of("client", "192.0.2.1", 3, failed, failed.plusSeconds(60)), List.of(row.getScope(),
                row.getSubject(), row.getFailures(), row.getLastFailedAt(), row.getBlockedUntil()));
    }
}
