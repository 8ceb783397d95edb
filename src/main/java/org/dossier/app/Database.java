package org.dossier.app;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The catalogue's database: a SQLite file (WAL mode, foreign keys enforced) or a PostgreSQL
 * server, migrated to the newest schema on open from the vendor's own folder of migrations
 * ({@code db/sqlite/}, {@code db/postgresql/}: the same versions, the same meaning), and shared
 * through a small connection pool. This is the one place that knows which vendor it is; every
 * query is jOOQ, rendered for the dialect chosen here.
 */
public final class Database implements AutoCloseable {

    static final String MIGRATIONS = "classpath:db/sqlite";
    static final String POSTGRESQL_MIGRATIONS = "classpath:db/postgresql";

    /** Tables whose ids come from an identity (PostgreSQL) or AUTOINCREMENT (SQLite). */
    private static final List<String> IDENTITY_TABLES =
            List.of("document_type", "person", "place", "document", "revision", "account");

    private final HikariDataSource pool;
    private final DSLContext dsl;

    private Database(HikariDataSource pool, SQLDialect dialect) {
        this.pool = pool;
        this.dsl = DSL.using(pool, dialect, new Settings().withExecuteLogging(false));
    }

    public static Database open(Path file) throws IOException {
        return open(DatabaseAddress.sqlite(file));
    }

    public static Database open(DatabaseAddress address) throws IOException {
        return address.isSqlite() ? openSqlite(address.file()) : openPostgresql(address);
    }

    private static Database openSqlite(Path file) throws IOException {
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
        return migrated(new HikariDataSource(config), MIGRATIONS, SQLDialect.SQLITE);
    }

    private static Database openPostgresql(DatabaseAddress address) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(address.url());
        config.setPoolName("dossier-postgresql");
        config.setMaximumPoolSize(10);
        config.setMinimumIdle(1);
        // Fail at once with the reason (wrong host, password, database) rather than retry in silence.
        config.setInitializationFailTimeout(1);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new Unavailable("Cannot connect to the database " + address + ": " + rootMessage(e), e);
        }
        return migrated(pool, POSTGRESQL_MIGRATIONS, SQLDialect.POSTGRES);
    }

    private static Database migrated(HikariDataSource pool, String migrations, SQLDialect dialect) {
        try {
            Flyway.configure().dataSource(pool).locations(migrations).load().migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new Database(pool, dialect);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    /** The database cannot be reached; the message says which (without a password) and why. */
    public static final class Unavailable extends RuntimeException {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public DSLContext dsl() {
        return dsl;
    }

    /**
     * After rows were written with ids of their own (the bulk generator numbers its records), makes
     * the next generated id follow the highest one. SQLite's AUTOINCREMENT does this by itself; a
     * PostgreSQL identity's sequence has to be moved on.
     */
    public void identitiesFollowRows() {
        if (dsl.dialect().family() != SQLDialect.POSTGRES) {
            return;
        }
        for (String table : IDENTITY_TABLES) {
            dsl.resultQuery("select setval(pg_get_serial_sequence({0}, 'id'), coalesce(max(id), 0) + 1, false) from {1}",
                    DSL.inline(table), DSL.name(table)).fetch();
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
