package org.dossier.app;

import static org.dossier.app.SchemaHistory.INSTALLED_RANK;
import static org.dossier.app.SchemaHistory.MIGRATION_DESCRIPTION;
import static org.dossier.app.SchemaHistory.MIGRATION_VERSION;
import static org.dossier.app.SchemaHistory.SCHEMA_HISTORY;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.dossier.documents.CommitClock;
import org.dossier.documents.HeadWatch;
import org.dossier.documents.RecordStore;
import org.dossier.web.WriteUnavailable;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.DefaultTransactionProvider;
import org.sqlite.SQLiteDataSource;

/**
 * The catalogue's database: a SQLite file (WAL mode, foreign keys enforced) or a PostgreSQL
 * server, migrated to the newest schema on open from the vendor's own folder of migrations
 * ({@code db/sqlite/}, {@code db/postgresql/}: the same versions, the same meaning), and shared
 * through a small connection pool. Every query is jOOQ, rendered for the dialect chosen here.
 *
 * <p>This class is the database once opened: its jOOQ context, its records, what it answers /ready
 * and the metrics (its schema, whether it answers, whether the server takes another connection).
 * Beside it, each idea in a file of its own: the openings ({@link SqliteOpening},
 * {@link PostgresqlOpening}), the schema's check and migration ({@link SchemaHistory},
 * {@link Migrating}), how a connection is waited for ({@link ThreadsWait}, {@link Patient}, {@link GivingWay},
 * {@link NoRollbackWithoutConnection}), and what the features call where the vendors differ
 * ({@link Transactions}, {@link PendingStamps}).
 */
public final class Database implements AutoCloseable {

    static final String MIGRATIONS = "classpath:db/sqlite";
    static final String POSTGRESQL_MIGRATIONS = "classpath:db/postgresql";

    /** Tables whose ids come from an identity (PostgreSQL) or AUTOINCREMENT (SQLite). */
    private static final List<String> IDENTITY_TABLES =
            List.of("document_type", "person", "place", "document", "revision", "account");

    private final HikariDataSource pool;
    private final DSLContext dsl;
    private final String migrations;
    /** Where a connection outside the pool is asked for ({@link #refusesNewConnections}); null for a SQLite file. */
    private final DatabaseAddress server;
    /** The last migration applied when this process opened the database (Flyway's installed_rank). */
    private final Integer migratedTo;
    /** The pool as jOOQ and Flyway take its connections, each thread's wait for one its own ({@link #waitingAtMost}). */
    private final ThreadsWait connections;
    /** Where Flyway's view of the migrations is read ({@link #migrations}). */
    private final javax.sql.DataSource history;
    /** What tells a SQLite file's commits apart cheaply, for the feed's head before each search; null on PostgreSQL. */
    private final SqliteCommits commits;
    /** How the opening knew the schema to be this build's. */
    private final SchemaCheck schemaCheck;

    /** {@code givingWay}: which writes of a SQLite file's pool give way at once ({@link GivingWay}); {@link GivingWay#NONE} on PostgreSQL. */
    Database(HikariDataSource pool, SQLDialect dialect, String migrations, DatabaseAddress server,
             javax.sql.DataSource history, SchemaCheck schemaCheck, GivingWay givingWay) {
        this.pool = pool;
        this.schemaCheck = schemaCheck;
        this.migrations = migrations;
        this.server = server;
        this.connections = new ThreadsWait(pool);
        // On PostgreSQL Flyway reads its history through the pool: it waits as any reading of this thread does.
        this.history = history == pool ? connections : history;
        DefaultConfiguration configuration = new DefaultConfiguration();
        configuration.set(connections).set(dialect).set(new Settings().withExecuteLogging(false));
        configuration.set(new NoRollbackWithoutConnection(new DefaultTransactionProvider(configuration.connectionProvider())));
        this.commits = dialect.family() == SQLDialect.SQLITE
                ? new SqliteCommits(fileUrl(pool), SqliteOpening.readOnlyConfig()) : null;
        if (commits != null) {
            HeadWatch.count(configuration, commits);
        }
        GivingWay.giveTo(configuration, givingWay);
        this.dsl = DSL.using(configuration);
        this.migratedTo = SchemaHistory.lastMigration(dsl);
    }

    /** How an opening knew the database's schema to be this build's, with nothing left to migrate. */
    public enum SchemaCheck {
        /**
         * Its history table held exactly the migrations of the build's list ({@link MigrationList}),
         * each applied successfully: Flyway was not run.
         */
        HISTORY,
        /** Flyway validated it, or migrated it. */
        FLYWAY
    }

    /** How this opening knew the schema to be this build's ({@link SchemaCheck}). */
    public SchemaCheck schemaCheck() {
        return schemaCheck;
    }

    /**
     * The records of this database, written one transaction at a time ({@link RecordStore}), each
     * refused ({@link #requireNoNewerMigration}) once a newer version has migrated the database: by the
     * server, and by an import or a relink running beside it.
     */
    public RecordStore recordStore(Clock clock) {
        RecordStore store = new RecordStore(dsl, clock, CommitClock.of(dsl.dialect()));
        store.checkBeforeCommit(this::requireNoNewerMigration);
        return store;
    }

    /**
     * Refuses, inside a write's transaction {@code tx}, when a migration was applied after this
     * process opened the database: a newer version's node, started beside this one in a rolling
     * upgrade, migrated it. This version would write what the newer schema no longer means (a save
     * kept the record's languages, added by V17, but wrote its version without them), so the write
     * is rolled back and the editor asked to send it again, when it reaches a node of the newer
     * version; reading goes on. Asked last, before the commit: on PostgreSQL a migration that
     * committed while the write waited for its locks is seen, and one that had not begun waits for
     * the write's locks, and then migrates what it wrote.
     */
    public void requireNoNewerMigration(DSLContext tx) {
        Integer now = SchemaHistory.lastMigration(tx);
        if (now != null && migratedTo != null && now > migratedTo) {
            Record2<String, String> newest = tx.select(MIGRATION_VERSION, MIGRATION_DESCRIPTION).from(SCHEMA_HISTORY)
                    .orderBy(INSTALLED_RANK.desc()).limit(1).fetchOne();
            throw WriteUnavailable.schemaUpgraded("V" + newest.get(MIGRATION_VERSION) + " " + newest.get(MIGRATION_DESCRIPTION)
                    + " was applied since; run this node or command with the version that applied it");
        }
    }

    public static Database open(Path file) {
        return open(DatabaseAddress.sqlite(file));
    }

    public static Database open(Path file, WriteWait writeWait) {
        return open(DatabaseAddress.sqlite(file), writeWait);
    }

    /** As a command opens it when not told otherwise ({@link WriteWait#COMMAND}). */
    public static Database open(DatabaseAddress address) {
        return open(address, WriteWait.COMMAND);
    }

    /**
     * As {@link #open(DatabaseAddress, WriteWait)}, for a command that works on a catalogue there
     * already (a reindex, a relink): a SQLite file that is not there is refused, not made empty.
     */
    public static Database openExisting(DatabaseAddress address, WriteWait writeWait) {
        if (address.isSqlite() && !Files.exists(address.file())) {
            throw new Unavailable("There is no catalogue at " + address.file() + " (no such file); nothing was done. "
                    + "Give --db the file of an existing one.", null);
        }
        return open(address, writeWait);
    }

    /**
     * @param writeWait how long a write waits for another writer before it fails ({@code --write-wait}):
     *     the server waits a few seconds, so that an editor's save during an import gets a clear answer,
     *     not a hung page. On a SQLite file held by another process, the opening itself waits this long
     *     in all, its reads and its wait for the write lock together, then says so.
     */
    public static Database open(DatabaseAddress address, WriteWait writeWait) {
        return address.isSqlite() ? SqliteOpening.open(address.file(), writeWait) : PostgresqlOpening.open(address, writeWait);
    }

    /**
     * Whether the database at {@code address} holds nothing at all, looked at without making or
     * changing anything (no file made, no migration applied): a SQLite file that is not there yet or
     * is empty, a PostgreSQL database (its schema) with no table. False when it holds anything, a
     * catalogue or something else, or cannot be reached or read: opening it says what it is.
     */
    public static boolean isBlank(DatabaseAddress address) {
        String tables;
        if (address.isSqlite()) {
            Path file = address.file();
            try {
                if (!Files.exists(file) || Files.size(file) == 0) {
                    return true;
                }
            } catch (IOException e) {
                return false;
            }
            tables = "SELECT count(*) FROM sqlite_master";
        } else {
            tables = "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()";
        }
        try (java.sql.Connection connection = address.isSqlite() ? SqliteOpening.readOnly(address.file()).getConnection()
                    : DriverManager.getConnection(address.url());
             java.sql.Statement statement = connection.createStatement();
             java.sql.ResultSet found = statement.executeQuery(tables)) {
            return found.next() && found.getInt(1) == 0;
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * What the pool is on either database: {@code name}d in the log, {@code size} connections at
     * most, one kept open; and a request that finds every connection in use (on SQLite, saves
     * waiting on an import's write lock hold theirs; on PostgreSQL, the server is down or cut off)
     * waits as long as a write would ({@code writeWait}: the server's a few seconds, a command's
     * longer), then is answered 503, not after Hikari's default of 30 s with every page holding a
     * thread meanwhile.
     */
    static HikariConfig poolSettings(String name, int size, WriteWait writeWait) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(Math.max(250, writeWait.duration().toMillis()));
        return config;
    }

    /** The address of the SQLite file {@code pool} connects to. */
    static String fileUrl(HikariDataSource pool) {
        return ((SQLiteDataSource) pool.getDataSource()).getUrl();
    }

    /**
     * The database cannot be reached or used (its schema is not this version's); the message says
     * which (without a password) and why, on one line.
     */
    public static final class Unavailable extends RuntimeException {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Why a command's write was cut off by the database (it stopped, was cut off, filled up or stayed
     * locked while the rows went in), for the command to say in its own words that none of it was
     * kept, and what to do. Any other failure is thrown on, and so is a database that could not be
     * opened at all ({@link Unavailable}), which {@link Main} says in one line of its own.
     */
    static WriteUnavailable cutOff(RuntimeException failure) {
        Optional<WriteUnavailable> cutOff = WriteUnavailable.of(failure);
        if (cutOff.isEmpty() || failure instanceof Unavailable) {
            throw failure;
        }
        return cutOff.get();
    }

    public DSLContext dsl() {
        return dsl;
    }

    /**
     * Flyway's view of this database: the migrations applied, and any this build has that are not.
     * On SQLite read outside the pool, read-only: Flyway reads the history in a transaction, which
     * on the pool's connections begins as a writer's, and while an import (or any long write of
     * another process) held the write lock, /ready, which asks this every 5 s, waited 5 s for it,
     * said 503 with the migrations unreadable, and Flyway logged two stack traces each time.
     */
    public MigrationInfoService migrations() {
        return Flyway.configure().dataSource(history).locations(migrations).load().info();
    }

    /**
     * The schema as this build sees it ({@link SchemaState}), read where {@link #migrations} reads.
     * Known from the history table alone when it lists exactly the build's migrations, each applied
     * ({@link MigrationList}), else from Flyway's view: /ready asks every 5 s, and Flyway's view
     * found every migration on the class path and checksummed it again each time.
     */
    public SchemaState schemaState() {
        Optional<MigrationList> list = MigrationList.of(migrations);
        if (list.isPresent() && SchemaHistory.historyListing(DSL.using(history, dsl.dialect()), list.get()) != null) {
            return new SchemaState(list.get().last(), 0, List.of());
        }
        MigrationInfoService info = migrations();
        MigrationInfo current = info.current();
        // Applied by a newer version beside this node (a rolling upgrade).
        List<String> newer = Arrays.stream(info.all()).filter(m -> m.getState().name().startsWith("FUTURE"))
                .map(m -> m.getVersion().getVersion()).toList();
        return new SchemaState(current == null ? null : current.getVersion().getVersion(), info.pending().length, newer);
    }

    /**
     * The schema as this build sees it: the version last applied ({@code current}, null when none
     * is), how many of this build's migrations are not applied yet ({@code pending}), and the
     * versions a newer build applied that this one does not have ({@code newer}, in order).
     */
    public record SchemaState(String current, int pending, List<String> newer) {
        public SchemaState {
            if (pending < 0) {
                throw new IllegalArgumentException("pending must be 0 or more, not " + pending);
            }
            newer = List.copyOf(newer);
        }

        /** At this build's schema, with nothing pending. */
        public boolean upToDate() {
            return pending == 0 && current != null;
        }
    }

    /** What {@link #answers} found, when it was not a failure. */
    public enum Answer {
        /** A connection of the pool ran a query. */
        ANSWERED,
        /**
         * No connection of the pool came within the wait, and none failed to connect: every one was in
         * use, answering others, so the database is there.
         */
        POOL_BUSY
    }

    /**
     * Whether the database answers a query on one of the pool's connections, waiting at most
     * {@code wait} for one (a request waits the pool's whole timeout, 5 s). Throws when it does not
     * answer: the query failed, or the pool's last attempt to connect failed (the server is down,
     * restarting or cut off), which the pool says only once the wait is over, so that a readiness
     * check during an outage waited the 5 s and a balancer whose probe gives up sooner saw a
     * timeout, not a 503.
     */
    public Answer answers(Duration wait) {
        java.sql.Connection connection;
        try {
            connection = ThreadsWait.takenWithin(pool, wait);
        } catch (SQLTransientConnectionException e) {
            if (e.getCause() == null) {
                return Answer.POOL_BUSY; // Hikari names the last connection that failed as the cause
            }
            throw new DataAccessException(e.getMessage(), e);
        } catch (SQLException e) {
            throw new DataAccessException(e.getMessage(), e);
        }
        try (connection) {
            dsl.configuration().derive(connection).dsl().selectOne().fetch();
            return Answer.ANSWERED;
        } catch (SQLException e) {
            throw new DataAccessException(e.getMessage(), e); // closing it failed
        }
    }

    /**
     * Why the database server would refuse the next connection this node's pool asks for (on
     * PostgreSQL: its {@code max_connections}, or a role's or database's connection limit, reached),
     * in one line; empty when it takes one, and always for a SQLite file. A query through the pool
     * cannot tell: it runs on a connection the pool already holds, while every request beyond what
     * those serve waits for one the server will not give. Asks for one outside the pool, waiting at
     * most as long as a request waits for a connection, and closes it at once.
     */
    public Optional<String> refusesNewConnections() {
        if (server == null) {
            return Optional.empty();
        }
        Properties wait = new Properties();
        wait.setProperty("loginTimeout", Long.toString(Math.max(1, pool.getConnectionTimeout() / 1000)));
        wait.setProperty("connectTimeout", Long.toString(Math.max(1, pool.getConnectionTimeout() / 1000)));
        try {
            // A new connection taken, and given back at once: what the server would give this node.
            DriverManager.getConnection(server.url(), wait).close();
            return Optional.empty();
        } catch (SQLException e) {
            String why = String.valueOf(e.getMessage()).strip().lines().findFirst().orElse(e.getClass().getSimpleName());
            // 53300: too_many_connections (the server's max_connections, a role's or a database's limit).
            return Optional.of("53300".equals(e.getSQLState())
                    ? "the database server refuses new connections (" + why + "): its connection limit is reached"
                    : "the database server refuses a new connection (" + why + ")");
        }
    }

    /** Reports the connection pool's gauges (active, idle, pending, timings) to {@code registry}. */
    public void reportTo(MeterRegistry registry) {
        pool.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
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

    /**
     * A time no write that a read begun after this call cannot see will be stamped before: an OAI-PMH
     * list's response date ({@link PendingStamps#earliest}, which says how it is found on each vendor).
     */
    public Instant earliestPendingStamp() {
        return PendingStamps.earliest(dsl, pool);
    }

    /**
     * Runs {@code reading} with every connection it takes from the pool, on this thread, waited for at
     * most {@code wait} rather than the pool's whole timeout (a request's 5 s); past it, a reading
     * fails as one that waited the whole timeout does (a {@link SQLTransientConnectionException}:
     * with no cause, every connection was in use). For /ready, which reads through the pool what
     * the search engines and Flyway read: a node whose connections all stayed busy answering
     * others said 503 after 5 s, and left a balancer's rotation while it served.
     */
    public <T> T waitingAtMost(Duration wait, java.util.function.Supplier<T> reading) {
        return connections.waitingAtMost(wait, reading);
    }

    @Override
    public void close() {
        if (commits != null) {
            commits.close();
        }
        pool.close();
    }
}
