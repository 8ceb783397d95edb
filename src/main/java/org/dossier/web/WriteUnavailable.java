package org.dossier.web;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;

/**
 * A write the database cannot take now: another writer (an {@code import} running beside the
 * site) holds it longer than a web request waits, the database is read-only, or its disk is full;
 * or, for any request, every connection of the pool stayed in use for the whole wait (a node asked
 * more at once than its connections serve), or the database cannot be reached at all
 * ({@link DatabaseUnreachable}); or a newer version migrated the database under this node (a rolling
 * upgrade), whose saves it would no longer write as the schema means. Answered with 503 and {@code Retry-After}; the forms that catch it
 * show the editor's text again with the message.
 */
public final class WriteUnavailable extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why: another writer holds the database, it is read-only, its disk is full, no connection was free, or none could be made. */
    private enum Kind {
        BUSY("the database is busy", "The catalogue is busy with a large change (an import, or a change to many "
                + "records at once), so this "
                + "could not be saved within a few seconds. Nothing was changed; send the form again in a minute."),
        READ_ONLY("the database is read-only", "The catalogue's database is read-only at the moment, so nothing can be "
                + "saved. Nothing was changed; ask whoever runs the site to make it writable, then send the form again."),
        FULL("the database's disk is full", "The catalogue's disk is full, so nothing can be saved. Nothing was changed; "
                + "ask whoever runs the site to free some space, then send the form again."),
        // PostgreSQL found this write and another each waiting for what the other held (a deadlock),
        // and stopped this one: nothing of an import, and the other has gone through by now.
        MET("this write and another waited for each other", "This change met another made at the same moment, each "
                + "waiting for what the other had, so the database stopped this one. Nothing was changed; send the form "
                + "again: the other change is saved by now, and you will see it if it touched the same thing."),
        // A moment's crowd, not a long import: the client may try again soon.
        CROWDED("every connection to the database stayed in use", "The catalogue is answering many requests at once "
                + "and could not reach its database within a few seconds. Nothing was changed; please try again in a moment."),
        // A PostgreSQL server stopped, restarting or cut off: a form that catches it keeps what was typed.
        UNREACHABLE("the database cannot be reached", DatabaseUnreachable.MESSAGE),
        // A rolling upgrade: a node of a newer version migrated the database this older one serves.
        UPGRADED("a newer version of Dossier migrated the database since this process opened it", "The catalogue has just "
                + "been upgraded to a newer version of Dossier, which this server does not run yet, so it could not save "
                + "this correctly. Nothing was changed; send the form again in a minute.");

        private final String logged;
        private final String told;

        Kind(String logged, String told) {
            this.logged = logged;
            this.told = told;
        }

        /** What a reader is told, who sent no form: a page that could not be read, not a save. */
        String toldReading() {
            return this == BUSY ? "The catalogue is busy with a large change (a long write holds what this page reads), "
                    + "so this page could not be read within a few seconds. Please try again in a minute." : told;
        }
    }

    private final Kind kind;

    private WriteUnavailable(Kind kind, Throwable cause) {
        super(kind.told, cause);
        this.kind = kind;
    }

    /**
     * A write refused because a newer version migrated the database after this node opened it;
     * {@code what} (the migration, and what to do) is logged as why.
     */
    public static WriteUnavailable schemaUpgraded(String what) {
        return new WriteUnavailable(Kind.UPGRADED, new IllegalStateException(what));
    }

    /** True when waiting will not help (read-only, a full disk): someone has to act first. */
    public boolean readOnly() {
        return kind == Kind.READ_ONLY || kind == Kind.FULL;
    }

    /** Another writer held the database's write lock (or a row's) longer than this one could wait. */
    public boolean busy() {
        return kind == Kind.BUSY;
    }

    /**
     * Every connection of the pool stayed in use for the whole wait, none failing to connect: the
     * database is there, and this node is answering others.
     */
    public boolean crowded() {
        return kind == Kind.CROWDED;
    }

    /** True when a newer version migrated the database after this process opened it: only that version may write. */
    public boolean upgraded() {
        return kind == Kind.UPGRADED;
    }

    /** True when the database cannot be reached at all (its server is down, restarting or cut off). */
    public boolean unreachable() {
        return kind == Kind.UNREACHABLE;
    }

    /** Seconds a client is told to wait before trying again: a crowd passes in moments, an import in minutes. */
    public int retryAfterSeconds() {
        return switch (kind) {
            case CROWDED, MET -> 2;
            case UNREACHABLE -> DatabaseUnreachable.RETRY_AFTER_SECONDS;
            default -> 30;
        };
    }

    /**
     * What the database or its driver said, the innermost cause that said anything: "Connection
     * refused", "canceling statement due to lock timeout" (a broken connection's EOFException says nothing).
     */
    public String why() {
        String why = "";
        for (Throwable t = getCause(); t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                // Its first line: PostgreSQL's messages go on with "  Position: 62", and the log says it in one.
                why = t.getMessage().strip().lines().findFirst().orElse("");
            }
        }
        return why;
    }

    /** What a reader is told, whose request only reads (a GET): the same, except that it speaks of no save. */
    public String toldReading() {
        return kind.toldReading();
    }

    /** What the log says it was: "the database is read-only" ... */
    public String reason() {
        return kind.logged;
    }

    /**
     * What a failed database call means, if it is a write that cannot get through: SQLite's BUSY,
     * LOCKED, READONLY or FULL, PostgreSQL's lock timeout, deadlock, read-only transaction or full disk; or
     * the pool's wait for a connection ended with every connection in use (Hikari's timeout with no
     * failed connection behind it); or the database cannot be reached ({@link DatabaseUnreachable}).
     */
    public static Optional<WriteUnavailable> of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof WriteUnavailable known) {
                return Optional.of(known);
            }
            if (t instanceof SQLTransientConnectionException && DatabaseUnreachable.of(t).isEmpty()) {
                return Optional.of(new WriteUnavailable(Kind.CROWDED, failure));
            }
            if (t instanceof SQLException sql) {
                // sqlite-jdbc's error code is SQLite's primary result code in its low byte.
                int sqlite = sql.getErrorCode() & 0xff;
                String state = sql.getSQLState() == null ? "" : sql.getSQLState();
                String message = sql.getMessage() == null ? "" : sql.getMessage();
                if (state.equals("25006") || sqlite == 8 || message.contains("SQLITE_READONLY")) {
                    return Optional.of(new WriteUnavailable(Kind.READ_ONLY, failure));
                }
                // SQLite's FULL; PostgreSQL's disk_full.
                if (state.equals("53100") || sqlite == 13 || message.contains("SQLITE_FULL")) {
                    return Optional.of(new WriteUnavailable(Kind.FULL, failure));
                }
                // PostgreSQL's deadlock, and the serialization failure its stricter isolation levels give instead.
                if (state.equals("40P01") || state.equals("40001")) {
                    return Optional.of(new WriteUnavailable(Kind.MET, failure));
                }
                if (state.equals("55P03") || sqlite == 5 || sqlite == 6
                        || message.contains("SQLITE_BUSY") || message.contains("SQLITE_LOCKED")) {
                    return Optional.of(new WriteUnavailable(Kind.BUSY, failure));
                }
            }
        }
        return DatabaseUnreachable.of(failure).map(why -> new WriteUnavailable(Kind.UNREACHABLE, failure));
    }
}
