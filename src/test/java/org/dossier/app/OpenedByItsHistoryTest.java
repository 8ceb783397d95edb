package org.dossier.app;

import static org.dossier.app.SchemaHistory.INSTALLED_RANK;
import static org.dossier.app.SchemaHistory.MIGRATION_CHECKSUM;
import static org.dossier.app.SchemaHistory.MIGRATION_DESCRIPTION;
import static org.dossier.app.SchemaHistory.MIGRATION_SCRIPT;
import static org.dossier.app.SchemaHistory.MIGRATION_SUCCESS;
import static org.dossier.app.SchemaHistory.MIGRATION_TYPE;
import static org.dossier.app.SchemaHistory.MIGRATION_VERSION;
import static org.dossier.app.SchemaHistory.SCHEMA_HISTORY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.dossier.testing.EarlierSchema;
import org.dossier.testing.LaterRelease;
import org.dossier.testing.TestDatabase;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database whose migration history lists exactly this build's migrations is opened without
 * Flyway ({@link MigrationList}); one whose history says anything else is Flyway's, which migrates
 * it or refuses it in the same words as before. On a SQLite file and, in the suite's PostgreSQL
 * half, on a database of the shared server.
 */
class OpenedByItsHistoryTest {

    @TempDir
    Path folder;

    @Test
    void aDatabaseFlywayMigratedIsOpenedAgainByItsHistoryAlone() {
        DatabaseAddress address = TestDatabase.in(folder);
        Database.open(address).close();
        try (Database again = Database.open(address)) {
            assertEquals(Database.SchemaCheck.HISTORY, again.schemaCheck());
        }
    }

    @Test
    void theBuildsListIsTheHistoryFlywayWrote() {
        DatabaseAddress address = TestDatabase.in(folder);
        try (Database database = Database.open(address)) {
            List<MigrationList.Migration> applied = new ArrayList<>();
            for (Record row : database.dsl().select(MIGRATION_VERSION, MIGRATION_DESCRIPTION, MIGRATION_TYPE, MIGRATION_SCRIPT, MIGRATION_CHECKSUM, MIGRATION_SUCCESS).from(SCHEMA_HISTORY)
                    .orderBy(INSTALLED_RANK).fetch()) {
                assertEquals(Boolean.TRUE, row.get(MIGRATION_SUCCESS), row::toString);
                applied.add(new MigrationList.Migration(row.get(MIGRATION_VERSION), row.get(MIGRATION_DESCRIPTION), row.get(MIGRATION_TYPE),
                        row.get(MIGRATION_SCRIPT), row.get(MIGRATION_CHECKSUM)));
            }
            String location = address.isSqlite() ? Database.MIGRATIONS : Database.POSTGRESQL_MIGRATIONS;
            assertEquals(applied, MigrationList.of(location).orElseThrow().migrations());
        }
    }

    /** Every opening and every /ready probe asks for it: the resource is read once a process, not each time. */
    @Test
    void eachVendorsListIsReadOnceAndTheSameListAnsweredEveryTime() {
        for (String location : List.of(Database.MIGRATIONS, Database.POSTGRESQL_MIGRATIONS)) {
            MigrationList first = MigrationList.of(location).orElseThrow();
            assertSame(first, MigrationList.of(location).orElseThrow(), location);
        }
        assertThrows(IllegalArgumentException.class, () -> MigrationList.of("classpath:db/other"));
    }

    @Test
    void theSchemaStateReadyReportsIsWhatFlywaysViewSaysOnACurrentDatabaseAndBesideANewerVersion() {
        DatabaseAddress address = TestDatabase.in(folder);
        try (Database database = Database.open(address)) {
            assertEquals(new Database.SchemaState(lastVersion(database), 0, List.of()), database.schemaState());
            assertEquals(flywaysView(database), database.schemaState());
            LaterRelease.migrate(database.dsl());
            Database.SchemaState besideANewer = database.schemaState();
            assertEquals(flywaysView(database), besideANewer);
            assertEquals(List.of("99"), besideANewer.newer());
        }
    }

    /** The schema's state as Flyway's view of the migrations says it, without the history's short cut. */
    private static Database.SchemaState flywaysView(Database database) {
        org.flywaydb.core.api.MigrationInfoService info = database.migrations();
        return new Database.SchemaState(info.current().getVersion().getVersion(), info.pending().length,
                java.util.Arrays.stream(info.all()).filter(m -> m.getState().name().startsWith("FUTURE"))
                        .map(m -> m.getVersion().getVersion()).toList());
    }

    private static String lastVersion(Database database) {
        return database.dsl().select(MIGRATION_VERSION).from(SCHEMA_HISTORY).orderBy(INSTALLED_RANK.desc()).limit(1).fetchOne(MIGRATION_VERSION);
    }

    @Test
    void aChecksumChangedInTheHistoryIsRefusedAsFlywayRefusesIt() {
        refusedAfter(db -> db.update(SCHEMA_HISTORY).set(MIGRATION_CHECKSUM, MIGRATION_CHECKSUM.plus(1)).where(MIGRATION_VERSION.eq("3")).execute(),
                "Migration checksum mismatch for migration version 3");
    }

    @Test
    void aDescriptionChangedInTheHistoryIsRefusedAsFlywayRefusesIt() {
        refusedAfter(db -> db.update(SCHEMA_HISTORY).set(MIGRATION_DESCRIPTION, "changed").where(MIGRATION_VERSION.eq("5")).execute(),
                "Migration description mismatch for migration version 5");
    }

    @Test
    void aNewerVersionsMigrationIsRefusedAsFlywayRefusesIt() {
        refusedAfter(LaterRelease::migrate, "Detected applied migration not resolved locally: 99");
    }

    @Test
    void aMigrationThatFailedHalfwayIsRefusedAsFlywayRefusesIt() {
        refusedAfter(db -> db.update(SCHEMA_HISTORY).set(MIGRATION_SUCCESS, false).where(MIGRATION_VERSION.eq("24")).execute(),
                "Detected failed migration to version 24 (links without rowid)");
    }

    /**
     * Writes {@code change} into the history of a database at this build's schema, then opens it:
     * refused, with Flyway's finding {@code problem} in the one line, and nothing changed.
     */
    private void refusedAfter(Consumer<DSLContext> change, String problem) {
        DatabaseAddress address = TestDatabase.in(folder);
        List<List<Object>> before;
        try (Database database = Database.open(address)) {
            change.accept(database.dsl());
            before = history(database.dsl());
        }
        Database.Unavailable refused = assertThrows(Database.Unavailable.class, () -> Database.open(address).close());
        assertEquals("The database " + address + " does not match this version's migrations (" + problem + "): it was "
                + "migrated by another version of Dossier or changed by hand. Run the version that wrote it, or restore "
                + "a backup; nothing was changed.", refused.getMessage());
        String url = address.isSqlite() ? "jdbc:sqlite:" + address.file() : address.url();
        try (java.sql.Connection raw = java.sql.DriverManager.getConnection(url)) {
            assertEquals(before, history(DSL.using(raw)), "nothing was changed");
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static List<List<Object>> history(DSLContext db) {
        return db.select(INSTALLED_RANK, MIGRATION_VERSION, MIGRATION_DESCRIPTION, MIGRATION_TYPE, MIGRATION_SCRIPT, MIGRATION_CHECKSUM, MIGRATION_SUCCESS).from(SCHEMA_HISTORY).orderBy(INSTALLED_RANK).fetch()
                .map(row -> java.util.Arrays.asList(row.intoArray()));
    }

    /** A database an earlier version migrated: Flyway brings it to this build's schema, and then it is listed. */
    @Nested
    class MigratedFromAnEarlierVersion {

        @RegisterExtension
        final EarlierSchema earlier = EarlierSchema.at("23");

        @Test
        void itIsMigratedByFlywayAndOpenedByItsHistoryAfterwards() {
            try (Database migrated = Database.open(earlier.address())) {
                assertEquals(Database.SchemaCheck.FLYWAY, migrated.schemaCheck());
                assertEquals(25, migrated.dsl().fetchCount(SCHEMA_HISTORY));
            }
            try (Database again = Database.open(earlier.address())) {
                assertEquals(Database.SchemaCheck.HISTORY, again.schemaCheck());
            }
        }
    }
}
