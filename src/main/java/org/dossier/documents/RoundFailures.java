package org.dossier.documents;

import java.util.Optional;
import org.dossier.web.DatabaseUnreachable;
import org.dossier.web.WriteUnavailable;
import org.slf4j.Logger;

/**
 * How a task that runs every few moments in the background (the change feed into the index, the
 * merges still to move) logs its failed rounds. A database that cannot be reached is said once, in
 * one line with the reason, and once more when it answers again: logged with its stack trace at
 * every round, a PostgreSQL restart of a few minutes wrote a hundred 50-line errors per node, and
 * the line an operator needed was lost among them. A write the database cannot take now (a lock
 * held past the wait) is one line each time; anything else is logged whole, as a fault.
 */
public final class RoundFailures {

    private final Logger log;
    private final String task;
    private final String retry;
    private boolean unreachable;

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
        Optional<String> why = DatabaseUnreachable.of(failure);
        if (why.isPresent()) {
            if (!unreachable) {
                unreachable = true;
                log.warn("{} {}: the database cannot be reached ({}); trying again {}, quietly until it answers",
                        task, what, why.get(), retry);
            }
            return;
        }
        Optional<WriteUnavailable> busy = WriteUnavailable.of(failure);
        if (busy.isPresent()) {
            log.warn("{} {}: {} ({}); trying again {}", task, what, busy.get().reason(), busy.get().why(), retry);
            return;
        }
        log.error("{} {}; trying again {}", task, what, retry, failure);
    }

    /** A round went through: if the database could not be reached before, the log says it answers again. */
    public synchronized void succeeded() {
        if (unreachable) {
            unreachable = false;
            log.info("{}: the database answers again", task);
        }
    }
}
