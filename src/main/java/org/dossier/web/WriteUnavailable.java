package org.dossier.web;

import java.sql.SQLException;
import java.util.Optional;

/**
 * A write the database cannot take now: another writer (an {@code import} running beside the
 * site) holds it longer than a web request waits, or the database is read-only. Answered with 503
 * and {@code Retry-After}; the forms that catch it show the editor's text again with the message.
 */
public final class WriteUnavailable extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Seconds a client is told to wait before trying again. */
    public static final int RETRY_AFTER_SECONDS = 30;

    private final boolean readOnly;

    private WriteUnavailable(boolean readOnly, Throwable cause) {
        super(readOnly
                ? "The catalogue's database is read-only at the moment, so nothing can be saved. Nothing was changed; "
                        + "ask whoever runs the site to make it writable, then send the form again."
                : "The catalogue is busy with a large change (an import is probably running), so this could not be "
                        + "saved within a few seconds. Nothing was changed; send the form again in a minute.",
                cause);
        this.readOnly = readOnly;
    }

    public boolean readOnly() {
        return readOnly;
    }

    /**
     * What a failed database call means, if it is a write that cannot get through: SQLite's BUSY,
     * LOCKED or READONLY, PostgreSQL's lock timeout or read-only transaction.
     */
    public static Optional<WriteUnavailable> of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof WriteUnavailable known) {
                return Optional.of(known);
            }
            if (t instanceof SQLException sql) {
                // sqlite-jdbc's error code is SQLite's primary result code in its low byte.
                int sqlite = sql.getErrorCode() & 0xff;
                String state = sql.getSQLState() == null ? "" : sql.getSQLState();
                String message = sql.getMessage() == null ? "" : sql.getMessage();
                if (state.equals("25006") || sqlite == 8 || message.contains("SQLITE_READONLY")) {
                    return Optional.of(new WriteUnavailable(true, failure));
                }
                if (state.equals("55P03") || state.equals("40P01") || sqlite == 5 || sqlite == 6
                        || message.contains("SQLITE_BUSY") || message.contains("SQLITE_LOCKED")) {
                    return Optional.of(new WriteUnavailable(false, failure));
                }
            }
        }
        return Optional.empty();
    }
}
