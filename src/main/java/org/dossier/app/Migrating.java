package org.dossier.app;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.dossier.app.Database.SchemaCheck;
import org.dossier.app.Database.Unavailable;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * A database brought to this build's schema as it is opened ({@link #migrated}), by Flyway when its
 * history ({@link SchemaHistory}) does not already say it is there, and what is said, in one line,
 * when it cannot be: tables of something else, another writer, another role's tables, a full disk,
 * a newer version's migrations.
 */
final class Migrating {

    private Migrating() {
    }

    /**
     * Flyway over {@code source} with this version's {@code migrations}, ignoring none, a future one
     * included (Flyway ignores those by default): a database a newer release migrated would be
     * written by this one as its own schema no longer means (titles filed the old way, renames that
     * tell no harvester). A node of the older release that is already running keeps running through
     * a rolling upgrade. How a start both looks at a database read-only and migrates it.
     */
    static Flyway strictFlyway(javax.sql.DataSource source, String migrations) {
        return Flyway.configure().dataSource(source).locations(migrations).ignoreMigrationPatterns(new String[0]).load();
    }

    static Database migrated(HikariDataSource pool, String migrations, SQLDialect dialect, String name,
                                     DatabaseAddress server, javax.sql.DataSource history, SchemaHistory.Seen seen,
                                     WriteWait writeWait, GivingWay givingWay) {
        SchemaCheck by = seen.by();
        try {
            // Seen at this version read-only: migrated only if another version migrated it since.
            if (seen.current() == null || !seen.current().equals(SchemaHistory.lastMigration(DSL.using(pool, dialect)))) {
                strictFlyway(pool, migrations).migrate();
                by = SchemaCheck.FLYWAY;
            }
        } catch (FlywayValidateException e) {
            pool.close();
            throw new Unavailable("The database " + name + " does not match this version's migrations ("
                    + validationProblems(e) + "): it was migrated by another version of Dossier or changed by hand. "
                    + "Run the version that wrote it, or restore a backup; nothing was changed.", e);
        } catch (FlywayException e) {
            pool.close();
            throw notMigrated(name, e, server == null, writeWait);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new Database(pool, dialect, migrations, server, history, by, givingWay);
    }

    /**
     * Why Flyway could not bring {@code name} to this version's schema, in one line that says what to
     * do: a database that holds tables of something else (no migration history), or a migration
     * that failed (a full disk, a file this user may not write), which Flyway rolled back.
     */
    private static Unavailable notMigrated(String name, FlywayException e, boolean sqlite, WriteWait writeWait) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("but no schema history table")) {
            return new Unavailable(notACatalogue(name), e);
        }
        if (sqlite && SqliteOpening.anotherWriterHeld(e)) {
            return new Unavailable(SqliteOpening.anotherWriter(name, writeWait.duration()), e);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            // 42501, insufficient_privilege: the tables are there but belong to another role, as a
            // pg_restore run by another user (the README's postgres) without --role leaves them. It
            // was said to be a migration that failed and was rolled back, which none had.
            if (t instanceof SQLException denied && "42501".equals(denied.getSQLState())) {
                String why = String.valueOf(denied.getMessage()).strip().lines().findFirst().orElse("");
                return new Unavailable("The database " + name + " cannot be read by the role its address connects as ("
                        + why + "): its tables belong to another role, as a pg_restore run as another user without "
                        + "--role leaves them. Restore it again with pg_restore --no-owner --role=ROLE (ROLE being the "
                        + "one the catalogue connects as), or give that role the tables (ALTER TABLE ... OWNER TO); "
                        + "nothing was changed.", e);
            }
        }
        if (sqlite) {
            Optional<String> full = diskFull(Path.of(name));
            if (full.isPresent()) {
                return new Unavailable(full.get(), e);
            }
        }
        String first = message.strip().lines().findFirst().orElse(e.getClass().getSimpleName());
        return new Unavailable("The database " + name + " could not be brought to this version's schema (" + first
                + "); what the failed migration did was rolled back. " + "Fix the cause and start again.", e);
    }

    static String notACatalogue(String name) {
        return "The database " + name + " holds tables but is not a Dossier catalogue (it has no migration history); "
                + "nothing was changed. Give --db a catalogue, or a new or empty database.";
    }

    /**
     * Below this much room on a SQLite file's disk, a migration that failed is taken to have failed
     * for want of it: SQLite's "disk is full" does not reach Flyway's exception (SQLite rolls the
     * transaction back itself, and Flyway's commit then says "Unable to commit transaction").
     */
    private static final long ALMOST_FULL_BYTES = 1024 * 1024;

    /** What to say of a migration of {@code file} that failed on a disk that is (almost) full; empty otherwise. */
    private static Optional<String> diskFull(Path file) {
        Path folder = file.toAbsolutePath().getParent();
        try {
            long free = Files.getFileStore(folder).getUsableSpace();
            if (free >= ALMOST_FULL_BYTES) {
                return Optional.empty();
            }
            return Optional.of(String.format(Locale.ROOT, "The disk of the database %s is full (%,d bytes are "
                    + "free there), so it could not be brought to this version's schema; what the failed migration did "
                    + "was rolled back. Free space on that disk, or give --db a file on another, and start again.",
                    file, free));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Flyway's findings, on one line, without its advice on Flyway's own commands. */
    static String validationProblems(FlywayValidateException e) {
        List<String> problems = new ArrayList<>();
        for (String line : String.valueOf(e.getMessage()).split("\\R")) {
            String problem = line.strip();
            if (problem.startsWith("Detected") || problem.startsWith("Migration") || problem.startsWith("Validate failed: ")
                    && !problem.endsWith("Migrations have failed validation")) {
                problems.add(problem.replaceFirst("^Validate failed: ", "").replaceAll("\\.$", ""));
            }
        }
        return problems.isEmpty() ? "Flyway's validation failed" : String.join("; ", problems);
    }
}
