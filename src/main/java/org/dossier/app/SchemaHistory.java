package org.dossier.app;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.sqlite.SQLiteDataSource;

/**
 * Flyway's history table, read to know whether a database is at this build's schema with nothing
 * to migrate: on every opening ({@link #atThisVersion}), for /ready ({@link Database#schemaState}),
 * for a write that must not follow a newer version's migration ({@link Database#requireNoNewerMigration})
 * and for a backup before it is restored ({@link #schemaProblems}). What it holds is compared with
 * the build's list ({@link MigrationList}); anything else is Flyway's to validate.
 */
public final class SchemaHistory {

    private SchemaHistory() {
    }

    /** Flyway's history of the migrations applied, read to see whether a newer version migrated since (and by OpenedByItsHistoryTest). */
    static final Table<?> SCHEMA_HISTORY = DSL.table(DSL.name("flyway_schema_history"));
    static final Field<Integer> INSTALLED_RANK = DSL.field(DSL.name("installed_rank"), Integer.class);
    static final Field<String> MIGRATION_VERSION = DSL.field(DSL.name("version"), String.class);
    static final Field<String> MIGRATION_DESCRIPTION = DSL.field(DSL.name("description"), String.class);
    static final Field<String> MIGRATION_TYPE = DSL.field(DSL.name("type"), String.class);
    static final Field<String> MIGRATION_SCRIPT = DSL.field(DSL.name("script"), String.class);
    static final Field<Integer> MIGRATION_CHECKSUM = DSL.field(DSL.name("checksum"), Integer.class);
    static final Field<Boolean> MIGRATION_SUCCESS = DSL.field(DSL.name("success"), Boolean.class);

    static Integer lastMigration(DSLContext db) {
        return db.fetchValue(DSL.select(DSL.max(INSTALLED_RANK)).from(SCHEMA_HISTORY));
    }

    /**
     * What an opening's look at the database found: the last migration applied (Flyway's
     * installed_rank) when it holds this version's schema with nothing to migrate, else null; and
     * how that was known.
     */
    record Seen(Integer current, Database.SchemaCheck by) {
        static final Seen TO_MIGRATE = new Seen(null, Database.SchemaCheck.FLYWAY);

        Seen {
            Objects.requireNonNull(by, "by");
        }
    }

    /**
     * The last migration applied to the database {@code source} reaches when it holds this version's
     * schema ({@code migrations}), with nothing to migrate; none when it needs migrating or cannot be
     * read (migrating it says why). Known from the history table alone when it lists exactly the
     * build's migrations ({@link #historyListing}), else asked of Flyway's validation. On PostgreSQL too, where Flyway's migrate, run on every opening,
     * said at INFO on every command "Current version of schema" and "Schema is up to date. No
     * migration necessary", of a database it did nothing to. A SQLite file's {@code opening} refuses
     * it when another process kept it from being read for the whole write wait; null on PostgreSQL.
     */
    static Seen atThisVersion(javax.sql.DataSource source, String migrations, SQLDialect dialect,
                              SqliteOpening opening) {
        try {
            Integer listed = historyListing(source, migrations, dialect);
            if (listed != null) {
                return new Seen(listed, Database.SchemaCheck.HISTORY);
            }
        } catch (RuntimeException e) {
            if (opening != null && SqliteOpening.anotherWriterHeld(e)) {
                throw opening.refusal(e);
            }
            // No history table, or one of another shape: Flyway looks, and says what it is.
        }
        try {
            // Pending migrations fail the validation, and future ones too.
            Migrating.strictFlyway(source, migrations).validate();
            return new Seen(lastMigration(DSL.using(source, dialect)), Database.SchemaCheck.FLYWAY);
        } catch (RuntimeException e) {
            if (opening != null && SqliteOpening.anotherWriterHeld(e)) {
                throw opening.refusal(e);
            }
            return Seen.TO_MIGRATE;
        }
    }

    /** As {@link #historyListing(DSLContext, MigrationList)}, with the build's list of {@code migrations}; null without one. */
    private static Integer historyListing(javax.sql.DataSource source, String migrations, SQLDialect dialect) {
        return MigrationList.of(migrations).map(list -> historyListing(DSL.using(source, dialect), list)).orElse(null);
    }

    /**
     * Whether the history of the database {@code source} reaches lists exactly the build's
     * {@code migrations} ({@link #historyListing}); false too when it cannot be read as one (no
     * history table, or one of another shape): Flyway then reads it, and says what it is.
     */
    private static boolean listsThisBuild(javax.sql.DataSource source, String migrations, SQLDialect dialect) {
        try {
            return historyListing(source, migrations, dialect) != null;
        } catch (DataAccessException e) {
            return false;
        }
    }

    /**
     * The last migration applied (installed_rank) when {@code db}'s history holds exactly the
     * migrations of {@code list}, in its order, each applied successfully; null when it holds
     * anything else: fewer (migrations pending), more (a newer version's, or one this build no
     * longer has), one whose checksum, description, type or script differs (changed since it was
     * applied), one that failed, or a row of Flyway's own (a baseline, a schema it made). Flyway's
     * validation would find nothing to say of such a database, and costs far more to ask: it finds
     * every migration on the class path and checksums it again.
     */
    static Integer historyListing(DSLContext db, MigrationList list) {
        var rows = db.select(INSTALLED_RANK, MIGRATION_VERSION, MIGRATION_DESCRIPTION, MIGRATION_TYPE, MIGRATION_SCRIPT,
                        MIGRATION_CHECKSUM, MIGRATION_SUCCESS)
                .from(SCHEMA_HISTORY).orderBy(INSTALLED_RANK).fetch();
        if (rows.size() != list.migrations().size()) {
            return null;
        }
        for (int i = 0; i < rows.size(); i++) {
            var row = rows.get(i);
            MigrationList.Migration listed = list.migrations().get(i);
            if (!Boolean.TRUE.equals(row.get(MIGRATION_SUCCESS))
                    || !listed.version().equals(row.get(MIGRATION_VERSION))
                    || !listed.description().equals(row.get(MIGRATION_DESCRIPTION))
                    || !listed.type().equals(row.get(MIGRATION_TYPE))
                    || !listed.script().equals(row.get(MIGRATION_SCRIPT))
                    || !Objects.equals(listed.checksum(), row.get(MIGRATION_CHECKSUM))) {
                return null;
            }
        }
        return rows.get(rows.size() - 1).get(INSTALLED_RANK);
    }

    /**
     * What in the SQLite catalogue {@code file}'s migration history keeps this version from opening
     * it, in one line, read without changing the file: a migration this version does not have (a
     * newer version applied it), one changed since it was applied, or one that failed. Empty when
     * this version can open it; the migrations an older catalogue lacks are applied on start. Asked
     * of a backup before it is restored, so that one this version would refuse never replaces a
     * catalogue it serves. A history that lists exactly this build's migrations has none, known as an
     * opening knows it ({@link #historyListing}), without Flyway's validation, which finds every
     * migration on the class path and checksums it again; anything else is Flyway's to validate, which
     * says what it found.
     */
    public static Optional<String> schemaProblems(Path file) {
        SQLiteDataSource source = SqliteOpening.readOnly(file);
        if (listsThisBuild(source, Database.MIGRATIONS, SQLDialect.SQLITE)) {
            return Optional.empty();
        }
        try {
            // Only what migrated() would refuse: an older history is pending migrations, which a start applies.
            Flyway.configure().dataSource(source).locations(Database.MIGRATIONS).ignoreMigrationPatterns("*:pending").load()
                    .validate();
            return Optional.empty();
        } catch (FlywayValidateException e) {
            return Optional.of(Migrating.validationProblems(e));
        }
    }
}
