package org.dossier.app;

import static org.dossier.db.Tables.DOCUMENT;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.time.Instant;
import org.dossier.documents.CommitClock;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.sqlite.SQLiteConfig;

/**
 * The earliest stamp a write not yet seen can still commit with ({@link Database#earliestPendingStamp}):
 * found without waiting for a writer, on each vendor in its own way.
 */
final class PendingStamps {

    private PendingStamps() {
    }

    /**
     * A time no write that a read begun after this call cannot see will be stamped before
     * ({@link CommitClock}): an OAI-PMH list's response date, which a harvester
     * gives as the next harvest's {@code from}. Writers stamp their records as they commit, one after
     * another, holding the change feed's head. When none holds it, that is the database's time now:
     * a writer that takes it later reads the clock later. When one does (it is committing), it is
     * the newest datestamp committed, which that writer's stamp is not before; never a wait for it.
     * On PostgreSQL, whether a writer holds the head is read from {@code pg_locks} ({@link
     * #headHeldOnPostgres}), which neither waits nor writes; on SQLite the file's write lock is tried
     * with {@code BEGIN IMMEDIATE} on a connection of its own that does not wait, and let go at once
     * (an import holds it for as long as it runs).
     */
    static Instant earliest(DSLContext dsl, HikariDataSource pool) {
        CommitClock clock = CommitClock.of(dsl.dialect());
        if (dsl.dialect().family() == SQLDialect.POSTGRES) {
            // The time first, then whether the head is held: a writer that takes it after the look
            // reads its stamp later still; one that held it before and has not committed is seen.
            Instant now = clock.stamp(dsl);
            return headHeldOnPostgres(dsl) ? newestStamp(dsl, clock) : now;
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(0);
        String url = Database.fileUrl(pool);
        try (java.sql.Connection connection = config.createConnection(url);
             java.sql.Statement statement = connection.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            try {
                return clock.stamp(DSL.using(connection, SQLDialect.SQLITE));
            } finally {
                statement.execute("ROLLBACK");
            }
        } catch (SQLException e) {
            // Another process writes (or the lock could not be tried): what it will stamp is not before the newest.
            return newestStamp(dsl, clock);
        }
    }

    /**
     * Whether another transaction holds, or is taking, the change feed's head on PostgreSQL. A writer
     * takes the head by updating its row ({@code ChangeFeed}), which first takes the table's
     * {@code RowExclusiveLock}, held to its commit or rollback and let go only once the commit is
     * visible to every later read: so a writer that has read its stamp and not committed holds it,
     * and nothing else does (readers take none, old nodes' {@code FOR SHARE} probes a
     * {@code RowShareLock}). Reading {@code pg_locks} takes no lock a writer waits for and writes
     * nothing, where trying the head's row {@code FOR SHARE SKIP LOCKED} wrote the prober's
     * transaction id into it: a transaction id given out and a page dirtied at every list. A writer
     * still waiting for the head's row has the table's lock too: answered as if it held it, at worst
     * a date a few seconds older than it could be, never a later one.
     */
    private static boolean headHeldOnPostgres(DSLContext db) {
        // SQL of our own, no value in it; pg_locks is no table of the schema jOOQ knows.
        return Boolean.TRUE.equals(db.fetchValue(DSL.field("exists (select 1 from pg_locks where locktype = 'relation'"
                + " and database = (select oid from pg_database where datname = current_database())"
                + " and relation = to_regclass('change_head') and mode = 'RowExclusiveLock' and granted"
                + " and pid <> pg_backend_pid())", Boolean.class)));
    }

    /** The newest datestamp committed, or the time now when no record has one (or has a later one: a test's clock). */
    private static Instant newestStamp(DSLContext db, CommitClock clock) {
        Instant now = clock.stamp(db);
        Instant newest = db.fetchValue(DSL.select(DSL.max(DOCUMENT.UPDATED_AT)).from(DOCUMENT));
        return newest == null || newest.isAfter(now) ? now : newest;
    }
}
