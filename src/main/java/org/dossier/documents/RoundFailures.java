package org.dossier.documents;

import java.util.Optional;
import org.dossier.web.WriteUnavailable;
import org.slf4j.Logger;

/**
 * How a task that runs every few moments in the background (the change feed into the index, the
 * merges still to move) logs its failed rounds: a failure is said once, in one line with the reason,
 * and not again while the rounds fail the same way; once a round goes through, the log says so.
 * Logged at every round, a PostgreSQL restart of a few minutes wrote a hundred 50-line stack traces
 * per node (and an index's full disk, five a second), and the line an operator needed was lost
 * among them. A database that cannot be reached, or a write it cannot take now (a lock held past
 * the wait), is one line; anything else is logged with its stack trace, as a fault. Each round that
 * fails as the last did is a line at DEBUG, without its stack trace: what a test that the outage is
 * said once waits for, rather than sleeping for rounds it cannot see.
 */
public final class RoundFailures {

    private final Logger log;
    private final String task;
    private final String retry;
    /** Why the last round failed (for an outage, only that it is one); null when it went through. */
    private String failing;
    /** What could not be reached in the last round ("the database"); null when the round failed otherwise. */
    private String unreachable;

    /**
     * @param task  what the task is, as the log names it: "The search index", "dossier-pending-merges"
     * @param retry when a failed round is tried again: "at the next poll"
     */
    public RoundFailures(Logger log, String task, String retry) {
        this.log = log;
        this.task = task;
        this.retry = retry;
    }

    /** A round failed with {@code failure}; {@code what} says what did not happen ("could not apply the changes after 50"). */
    public synchronized void failed(Throwable failure, String what) {
        Optional<WriteUnavailable> known = WriteUnavailable.of(failure);
        String why = known.map(w -> w.reason() + " (" + w.why() + ")").orElseGet(() -> firstLine(failure));
        // An outage is one, whatever each round's connection said ("Connection refused", "An I/O error ...").
        String same = known.filter(WriteUnavailable::unreachable).map(WriteUnavailable::reason).orElse(why);
        if (same.equals(failing)) {
            again(what, why);
            return;
        }
        failing = same;
        unreachable = known.filter(WriteUnavailable::unreachable).map(w -> "the database").orElse(null);
        if (known.isPresent()) {
            warn(what, why);
        } else {
            log.error("{} {}: {}; trying again {}, quietly while it fails the same way", task, what, why, retry, failure);
        }
    }

    /**
     * A round failed for a reason that is no fault of the code and is said in one line, with no
     * exception behind it: {@code why}, "the database server refuses new connections (...)".
     */
    public synchronized void failed(String why, String what) {
        if (why.equals(failing)) {
            again(what, why);
            return;
        }
        failing = why;
        unreachable = null;
        warn(what, why);
    }

    /**
     * A round failed because {@code service} ("the Solr collection") could not be reached: one line
     * with the first reason, and not again while it stays away, whatever each round's connection
     * said (a timeout, then a refused connection, then no live node, each naming another server).
     */
    public synchronized void unreachable(String service, String why, String what) {
        String same = service + " cannot be reached";
        if (same.equals(failing)) {
            again(what, same + " (" + why + ")");
            return;
        }
        failing = same;
        unreachable = service;
        warn(what, same + " (" + why + ")");
    }

    /** A round that failed as the last did: quietly, at DEBUG. */
    private void again(String what, String why) {
        log.debug("{} {} again: {}", task, what, why);
    }

    private void warn(String what, String why) {
        log.warn("{} {}: {}; trying again {}, quietly until it {}", task, what, why, retry,
                unreachable != null ? "answers" : "goes through");
    }

    /** A round went through: if the ones before failed, the log says it is over. */
    public synchronized void succeeded() {
        if (failing != null) {
            log.info("{}: {}", task, unreachable != null ? unreachable + " answers again" : "going through again");
            failing = null;
            unreachable = null;
        }
    }

    /** The innermost cause's first line that says anything: what the disk, driver or database said. */
    public static String firstLine(Throwable failure) {
        String why = failure.getClass().getSimpleName();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                why = t.getMessage().strip().lines().findFirst().orElse(why);
            }
        }
        return why;
    }
}
