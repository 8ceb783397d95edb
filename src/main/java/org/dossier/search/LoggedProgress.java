package org.dossier.search;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * How a long step of opening the index (a rebuild, the changes made while the node was stopped) is
 * getting on, in the node's log: a line at most every {@link #EVERY_SECONDS} seconds while it lasts,
 * none for a step done sooner. An index that took 25 s to open on a loaded machine left the log
 * silent meanwhile, and an operator could not tell a slow start from a stuck one. The same words,
 * at every step, are the opening's {@link OpeningPhase}: what {@code /ready} says meanwhile.
 */
final class LoggedProgress implements IndexProgress {

    static final long EVERY_SECONDS = 5;

    private final Logger log;
    private final String doing;
    private final String counted;
    private final LongSupplier clock;
    private final OpeningPhase phase;
    private final long started;
    private long lastLine;

    /** {@code doing} begins each line ("Rebuilding the search index"); {@code counted} names what is counted ("records"). */
    LoggedProgress(Logger log, String doing, String counted) {
        this(log, doing, counted, new OpeningPhase(doing));
    }

    /** As {@link #LoggedProgress(Logger, String, String)}, saying each step in {@code phase} too. */
    LoggedProgress(Logger log, String doing, String counted, OpeningPhase phase) {
        this(log, doing, counted, phase, System::nanoTime);
    }

    LoggedProgress(Logger log, String doing, String counted, OpeningPhase phase, LongSupplier clock) {
        this.log = log;
        this.doing = doing;
        this.counted = counted;
        this.phase = phase;
        this.clock = clock;
        this.started = clock.getAsLong();
        this.lastLine = started;
    }

    /**
     * {@code done} of {@code total} are done (a total of 0: not known): said in the phase at once,
     * and logged if the last line (or the start) is long enough ago.
     */
    @Override
    public synchronized void indexed(long done, long total) {
        String said = total > 0 ? String.format(Locale.ROOT, "%s: %,d of %,d %s", doing, done, total, counted)
                : String.format(Locale.ROOT, "%s: %,d %s", doing, done, counted);
        phase.now(said);
        long now = clock.getAsLong();
        if (now - lastLine >= TimeUnit.SECONDS.toNanos(EVERY_SECONDS)) {
            lastLine = now;
            log.info("{}, {} s so far", said, TimeUnit.NANOSECONDS.toSeconds(now - started));
        }
    }
}
