package org.dossier.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.sqlite.SQLiteDataSource;

/**
 * The migrations this build has in one vendor's folder ({@code location}), each as Flyway's history
 * table lists it once applied: version, description, type, script and checksum, in order. Written
 * by the build ({@link #main}, run by pom.xml after the classes are compiled) with Flyway's own
 * reading of the folder, its own checksums included, into a resource beside this class, read once a
 * process ({@link #of}), and compared with the history on every opening of a database
 * ({@link Database}): one whose history holds exactly these, each applied successfully, is at this
 * build's schema with nothing to migrate, and is opened without Flyway, whose validation found each
 * migration on the class path and checksummed it again on every opening, loading some 380 of
 * Flyway's classes: about a sixth of a {@code user list}'s processor time, on SQLite and on
 * PostgreSQL (BENCHMARKS.md, "What opening a database costs").
 * Anything else, or no list at all (classes compiled without the build's step), is Flyway's to
 * migrate, validate or refuse, as before.
 */
record MigrationList(List<Migration> migrations) {

    /** How the build's list is named beside this class, after the vendor's folder ({@code sqlite.migrations}). */
    private static final String SUFFIX = ".migrations";

    MigrationList {
        migrations = List.copyOf(migrations);
        if (migrations.isEmpty()) {
            throw new IllegalArgumentException("A list of migrations holds at least one");
        }
    }

    /**
     * One migration as Flyway's history table holds it: {@code checksum} is null for a Java migration
     * (Flyway takes none of its class), {@code type} Flyway's name for it ({@code SQL}, {@code JDBC}).
     */
    record Migration(String version, String description, String type, String script, Integer checksum) {
        Migration {
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(script, "script");
            for (String field : List.of(version, description, type, script)) {
                if (field.contains("\t") || field.contains("\n")) {
                    throw new IllegalArgumentException("A migration's field holds a tab or a line break: " + field);
                }
            }
        }

        private String line() {
            return String.join("\t", version, description, type, script, checksum == null ? "" : checksum.toString());
        }

        private static Migration of(String line) {
            String[] fields = line.split("\t", -1);
            if (fields.length != 5) {
                throw new IllegalArgumentException("Not a migration of the build's list: " + line);
            }
            return new Migration(fields[0], fields[1], fields[2], fields[3],
                    fields[4].isEmpty() ? null : Integer.valueOf(fields[4]));
        }
    }

    /**
     * The build's list for the migrations at {@code location} ({@link Database#MIGRATIONS} or
     * {@link Database#POSTGRESQL_MIGRATIONS}); empty when the build made none. Read once a process, at
     * the first asking: every opening of a database and every /ready probe (every 5 s a node) asks,
     * and the list is the build's, which does not change while it runs.
     */
    static Optional<MigrationList> of(String location) {
        return switch (location) {
            case Database.MIGRATIONS -> Sqlite.LIST;
            case Database.POSTGRESQL_MIGRATIONS -> Postgresql.LIST;
            default -> throw new IllegalArgumentException("No vendor's migrations are at " + location);
        };
    }

    /** SQLite's list, read when first asked for (the JVM initialises a class once, on its first use). */
    private static final class Sqlite {
        static final Optional<MigrationList> LIST = read(Database.MIGRATIONS);
    }

    /** PostgreSQL's list, as {@link Sqlite}'s. */
    private static final class Postgresql {
        static final Optional<MigrationList> LIST = read(Database.POSTGRESQL_MIGRATIONS);
    }

    private static Optional<MigrationList> read(String location) {
        try (InputStream in = MigrationList.class.getResourceAsStream(resourceName(location))) {
            if (in == null) {
                return Optional.empty();
            }
            List<Migration> migrations = new ArrayList<>();
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    migrations.add(Migration.of(line));
                }
            }
            return Optional.of(new MigrationList(migrations));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The version of the last migration. */
    String last() {
        return migrations.get(migrations.size() - 1).version();
    }

    private static String resourceName(String location) {
        return location.substring(location.lastIndexOf('/') + 1) + SUFFIX;
    }

    /**
     * Writes the list of each vendor's migrations into the folder {@code args[0]} (this class's
     * package under the build's classes). Flyway reads each folder as an opening does, against an
     * empty database in memory, where every migration is pending: what it would write into the
     * history table as it applies each is what it says of the pending one. The PostgreSQL folder is
     * read against SQLite too: reading a migration's name and checksum asks nothing of the database,
     * and a test compares both lists with the history of a database Flyway migrated
     * ({@code MigrationListTest}).
     */
    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args[0]);
        Files.createDirectories(folder);
        for (String location : List.of(Database.MIGRATIONS, Database.POSTGRESQL_MIGRATIONS)) {
            MigrationList list = readByFlyway(location);
            List<String> lines = new ArrayList<>();
            lines.add("# The migrations of " + location + " as Flyway's history lists them: version, description, type,"
                    + " script, checksum. Written by the build (MigrationList.main); not to be edited.");
            list.migrations().forEach(m -> lines.add(m.line()));
            Files.write(folder.resolve(resourceName(location)), lines, StandardCharsets.UTF_8);
        }
    }

    private static MigrationList readByFlyway(String location) {
        SQLiteDataSource empty = new SQLiteDataSource();
        empty.setUrl("jdbc:sqlite::memory:");
        List<Migration> migrations = new ArrayList<>();
        for (MigrationInfo info : Flyway.configure().dataSource(empty).locations(location).failOnMissingLocations(true)
                .ignoreMigrationPatterns(new String[0]).load().info().all()) {
            migrations.add(new Migration(info.getVersion().getVersion(), info.getDescription(), info.getType().name(),
                    info.getScript(), info.getChecksum()));
        }
        return new MigrationList(migrations);
    }
}
