package org.dossier.app;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfoService;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.sqlite.SQLiteConfig;
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

    public static Database open(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        sqlite.enforceForeignKeys(true);
        sqlite.setBusyTimeout(30_000);
        // Writers take the write lock when they begin: two writers never deadlock upgrading a read lock.
        sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource source = new SQLiteDataSource(sqlite);
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
