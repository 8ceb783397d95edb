package org.dossier.documents;

import java.util.concurrent.atomic.LongAdder;
import org.jooq.Configuration;
import org.jooq.DSLContext;

/**
 * The change feed's head as it is now ({@link ChangeFeed#head}), read again only when something may
 * have been committed since it was last read. Every search asks for the head before it begins, so
 * that it sees every change committed before it, by this node, by another process writing the same
 * SQLite file, or by another node; the row's read (a connection of the pool, jOOQ, SQLite) was 4-8 %
 * of a kept or facet page's processor time, for a row that changes only with a write.
 *
 * <p>What makes the kept head exact: {@link Commits} changes whenever anything is committed to the
 * database by anyone, and it is asked before the head is read, so a head kept beside the count it was
 * read after holds every change committed before that count was taken; while the count stays the
 * same, nothing was committed since, and the kept head is the head now. Where nothing tells commits
 * apart cheaply (PostgreSQL: other nodes commit without this one hearing of it), or the count cannot
 * be asked, the row is read every time, as before.
 */
public final class HeadWatch {

    /**
     * A number that changes whenever anything is committed to the database, by any connection of any
     * process, and need not change otherwise (SQLite's {@code PRAGMA data_version}, asked on a
     * connection that never writes). Throws when it cannot be asked: the head is then read.
     */
    @FunctionalInterface
    public interface Commits {
        long now() throws Exception;
    }

    /** A head and the count of commits asked just before it was read. */
    private record Seen(long commits, ChangeFeed.Head head) {
    }

    private final DSLContext db;
    private final Commits commits;
    private volatile Seen seen;
    private final LongAdder reads = new LongAdder();

    /** Where a database's {@link Commits} is found in the jOOQ configuration of its {@link DSLContext}. */
    private static final String COMMITS = HeadWatch.class.getName() + ".commits";

    /** {@code commits} null: the head's row is read every time. */
    private HeadWatch(DSLContext db, Commits commits) {
        this.db = db;
        this.commits = commits;
    }

    /**
     * The head of {@code db}'s feed, kept by the count of commits its database gave its configuration
     * ({@link #count}); read every time when it gave none (PostgreSQL, a {@link DSLContext} made elsewhere).
     */
    public static HeadWatch of(DSLContext db) {
        return new HeadWatch(db, db.configuration().data(COMMITS) instanceof Commits given ? given : null);
    }

    /** Gives {@code configuration}'s contexts {@code commits}, which {@link #of} finds there. */
    public static void count(Configuration configuration, Commits commits) {
        configuration.data(COMMITS, commits);
    }

    /** The feed's name and its newest committed change, as of this call: every change committed before it is up to it. */
    public ChangeFeed.Head now() {
        if (commits == null) {
            return read();
        }
        long count;
        try {
            count = commits.now();
        } catch (Exception e) {
            return read(); // today's read, exact; the count is asked again next time
        }
        Seen last = seen;
        if (last != null && last.commits() == count) {
            return last.head();
        }
        // Read after the count: a commit in between is in the head, and changes the count for the next call.
        ChangeFeed.Head head = read();
        // Two threads may store out of order: a pair with an older count is only ever read again while
        // the count is that older one, which it no longer is; each pair is exact for its own count.
        seen = new Seen(count, head);
        return head;
    }

    /** How many times the head's row was read: for the tests of what is kept. */
    public long reads() {
        return reads.sum();
    }

    private ChangeFeed.Head read() {
        reads.increment();
        return ChangeFeed.head(db);
    }
}
