package org.dossier.web;

import java.net.ConnectException;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The database cannot be reached: a PostgreSQL server that is down, restarting or cut off, so that
 * no connection could be had within the wait, or one broke mid-query. Answered with 503 and
 * {@code Retry-After} (a load balancer tries another node; a reader is told to come back), logged
 * as one line, not as a 500 with a stack trace per request.
 */
public final class DatabaseUnreachable {

    /** Seconds a client is told to wait before trying again. */
    public static final int RETRY_AFTER_SECONDS = 10;

    public static final String MESSAGE = "The catalogue cannot reach its database just now. Nothing was changed; "
            + "please try again in a minute.";

    private DatabaseUnreachable() {
    }

    /**
     * Why {@code failure} happened, when it is that the database cannot be reached: the innermost
     * cause's message ("Connection to db:5432 refused"); empty for any other failure.
     */
    public static Optional<String> of(Throwable failure) {
        boolean unreachable = false;
        String why = null;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            // Hikari's timeout (SQLTransientConnectionException) counts only through its cause, the
            // last connection that failed: with none, the pool was only busy and the database is there.
            if (t instanceof ConnectException) {
                unreachable = true;
            } else if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                // 08: connection exceptions; 57P01-57P03: the server shut down or is starting up.
                if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
                    unreachable = true;
                }
            }
            if (t.getMessage() != null) {
                // The innermost cause that says anything: a connection broken mid-query ends in an
                // EOFException with no message, under the driver's "An I/O error occurred".
                why = t.getMessage().strip().lines().findFirst().orElse("");
            }
        }
        return unreachable ? Optional.of(String.valueOf(why)) : Optional.empty();
    }
}
