package org.dossier.app;

import java.util.concurrent.locks.LockSupport;
import org.sqlite.BusyHandler;

/**
 * Waits for another writer by looking again every 2 ms, up to the write wait. SQLite's own
 * busy timeout looks again ever more rarely (up to once a second in some builds), so a save
 * waiting for an import's commit could notice it a second late, or only after its wait ran out.
 */
final class Patient extends BusyHandler {

    private final long waitNanos;
    /** When every wait ends, whenever it began ({@link #until}); unused when {@code waitNanos} is each wait's. */
    private final long until;
    private final boolean untilFixed;
    /** Told as each wait begins. */
    private final Runnable waiting;
    /** Which writes of the pool give way at once, not waiting at all ({@link Transactions#ifFree}); {@link GivingWay#NONE} for an opening's, which runs none. */
    private final GivingWay givingWay;
    private long since;

    /**
     * Each wait up to {@code waitNanos} from its first try: a connection of the pool, whose every write
     * waits that long, unless {@code givingWay} says it gives way at once.
     */
    Patient(long waitNanos, GivingWay givingWay) {
        this(waitNanos, 0, false, () -> { }, givingWay);
    }

    private Patient(long waitNanos, long until, boolean untilFixed, Runnable waiting, GivingWay givingWay) {
        this.waitNanos = waitNanos;
        this.until = until;
        this.untilFixed = untilFixed;
        this.waiting = waiting;
        this.givingWay = givingWay;
    }

    /** Every wait up to {@code until} ({@link System#nanoTime}): an opening's, one wait in all ({@link SqliteOpening}). */
    static Patient until(long until, Runnable waiting) {
        return new Patient(0, until, true, waiting, GivingWay.NONE);
    }

    @Override
    protected int callback(int tries) {
        if (givingWay.now()) {
            return 0;
        }
        long now = System.nanoTime();
        if (tries == 0) {
            since = now;
            waiting.run();
        }
        if (now - (untilFixed ? until : since + waitNanos) >= 0) {
            return 0;
        }
        LockSupport.parkNanos(2_000_000);
        return 1;
    }
}
