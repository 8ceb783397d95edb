package org.dossier.documents;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * The time a write's records are stamped with (their {@code updated_at}: the OAI-PMH datestamp, the
 * sitemap's last change), read as the write commits, while it holds the head of the change feed
 * ({@link RecordWriter#stampAtCommit}). Writers hold that row one after another, to their commit, so
 * records are stamped in the order they commit, however long a writer took before: a harvest that
 * read between two commits is never past the datestamp of a record it could not see yet (see
 * {@code harvest/OaiPmh}).
 *
 * <p>In production the database's clock ({@link #of(SQLDialect)}), so that several app nodes whose
 * clocks disagree by seconds still stamp in commit order; a test gives a {@link Clock} of its own.
 */
@FunctionalInterface
public interface CommitClock {

    /** PostgreSQL's clock as it is when read, in whole seconds, as an ISO instant: a column of a select (SQL of our own, no value in it). */
    String POSTGRES_NOW = "to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')";

    /** The time to stamp a commit with, whole seconds, read in the committing transaction {@code tx}. */
    Instant stamp(DSLContext tx);

    /** The time by {@code clock}: for tests that choose the time their writes are made at. */
    static CommitClock of(Clock clock) {
        return tx -> Instant.now(clock).truncatedTo(ChronoUnit.SECONDS);
    }

    /**
     * The database's own clock, as it is when read (PostgreSQL's {@code clock_timestamp()}, not the
     * transaction's start that {@code now()} gives; SQLite's is the machine's, which every process
     * writing the file shares).
     */
    static CommitClock of(SQLDialect dialect) {
        Field<String> now = DSL.field(dialect.family() == SQLDialect.POSTGRES ? POSTGRES_NOW
                : "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')", String.class);
        return tx -> Instant.parse(tx.select(now).fetchOne(now));
    }
}
