package org.dossier.app;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfoService;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import java.sql.SQLException;
import java.util.concurrent.locks.LockSupport;
import org.sqlite.BusyHandler;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteDataSource;

/**
 * The catalogue's SQLite database: opened in WAL mode with foreign keys enforced, migrated to the
 * newest schema on open, and shared through a small connection pool.
 */
public final class Database implements AutoCloseable {

    /** Where Flyway finds the migrations for this vendor; a PostgreSQL folder can sit beside it. */
    static final String MIGRATIONS = "classpath:db/sqlite";

    private final HikariDataSource pool;
    private final DSLContext dsl;

    private Database(HikariDataSource pool) {
        this.pool = pool;
        this.dsl = DSL.using(pool, SQLDialect.SQLITE, new Settings().withExecuteLogging(false));
    }

    /** How long a command (an import, a reindex) waits for another writer to finish. */
    static final Duration COMMAND_WRITE_WAIT = Duration.ofSeconds(30);

    public static Database open(Path file) throws IOException {
        return open(file, COMMAND_WRITE_WAIT);
    }

    /**
     * @param writeWait how long a write waits for another writer before it fails: the server waits
     *     a few seconds, so that an editor's save during an import gets a clear answer, not a hung page
     */
    public static Database open(Path file, Duration writeWait) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        sqlite.enforceForeignKeys(true);
        sqlite.setBusyTimeout((int) writeWait.toMillis());
        // Writers take the write lock when they begin: two writers never deadlock upgrading a read lock.
        sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        long waitNanos = writeWait.toNanos();
        SQLiteDataSource source = new SQLiteDataSource(sqlite) {
            @Override
            public SQLiteConnection getConnection(String user, String password) throws SQLException {
                SQLiteConnection connection = super.getConnection(user, password);
                BusyHandler.setHandler(connection, new Patient(waitNanos));
                return connection;
            }
        };
        source.setUrl("jdbc:sqlite:" + file.toAbsolutePath());

        HikariConfig config = new HikariConfig();
        config.setDataSource(source);
        config.setPoolName("dossier-sqlite");
        config.setMaximumPoolSize(8);
        config.setMinimumIdle(1);
        HikariDataSource pool = new HikariDataSource(config);
        try {
            Flyway.configure().dataSource(pool).locations(MIGRATIONS).load().migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new Database(pool);
    }

    /**
     * Waits for another writer by looking again every 2 ms, up to the write wait. SQLite's own
     * busy timeout looks again ever more rarely (up to once a second in some builds), so a writer
     * waiting on an import that commits batch after batch could miss every gap between them.
     */
    private static final class Patient extends BusyHandler {

        private final long waitNanos;
        private long since;

        Patient(long waitNanos) {
            this.waitNanos = waitNanos;
        }

        @Override
        protected int callback(int tries) {
            long now = System.nanoTime();
            if (tries == 0) {
                since = now;
            }
            if (now - since >= waitNanos) {
                return 0;
            }
            LockSupport.parkNanos(2_000_000);
            return 1;
        }
    }

    public DSLContext dsl() {
        return dsl;
    }

    /** Flyway's view of this database: the migrations applied, and any this build has that are not. */
    public MigrationInfoService migrations() {
        return Flyway.configure().dataSource(pool).locations(MIGRATIONS).load().info();
    }

    /** Reports the connection pool's gauges (active, idle, pending, timings) to {@code registry}. */
    public void reportTo(MeterRegistry registry) {
        pool.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
    }

    @Override
    public void close() {
        pool.close();
    }
}
