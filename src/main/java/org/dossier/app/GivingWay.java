package org.dossier.app;

import org.jooq.Configuration;
import org.jooq.DSLContext;

/**
 * Which writes to a SQLite file give way at once rather than wait for another writer: those a
 * thread runs inside {@link #during} ({@link Transactions#ifFree}). One for each pool of a SQLite
 * file, asked by its connections' busy handlers ({@link Patient}), and found by {@link
 * Transactions#ifFree} in the pool's jOOQ configuration ({@link #of}).
 *
 * <p>A thread's, not a connection's nor passed with the write: SQLite asks a connection's busy
 * handler on the thread that runs the statement, giving it only the count of its tries, and the
 * write is given whichever of the pool's connections jOOQ takes; sqlite-jdbc gives no way back from
 * a connection to its handler. The thread is what the write and the handler share.
 *
 * <p>Where nothing gives way, {@link #NONE}: a PostgreSQL pool (its writes give way by their
 * transaction's {@code lock_timeout}), an opening's connections (they run no such write), a
 * context of no pool of this program's. One value rather than a null each of those passes and each
 * asker must remember to test.
 */
final class GivingWay {

    /** Where a pool's {@link GivingWay} is found in the jOOQ configuration of its {@link DSLContext}. */
    private static final String KEY = GivingWay.class.getName();

    /** Nothing gives way: {@link #during} runs the write as any other, waiting as long as it does. */
    static final GivingWay NONE = new GivingWay(false);

    private final ThreadLocal<Boolean> now = ThreadLocal.withInitial(() -> Boolean.FALSE);
    /** False for {@link #NONE} alone, whose {@link #now} is therefore never set. */
    private final boolean gives;

    private GivingWay(boolean gives) {
        this.gives = gives;
    }

    /** A SQLite pool's, new: its connections' busy handlers ask it. */
    static GivingWay forAPool() {
        return new GivingWay(true);
    }

    /** Whether this thread's writes give way at once. */
    boolean now() {
        return now.get();
    }

    /** Runs {@code write} giving way at once to another writer. */
    void during(Runnable write) {
        if (!gives) {
            write.run();
            return;
        }
        now.set(Boolean.TRUE);
        try {
            write.run();
        } finally {
            now.remove();
        }
    }

    /** Gives {@code configuration}'s contexts this pool's {@code givingWay}, which {@link #of} finds there. */
    static void giveTo(Configuration configuration, GivingWay givingWay) {
        configuration.data(KEY, givingWay);
    }

    /** The {@link GivingWay} of {@code db}'s pool; {@link #NONE} for a context of no pool of this program's. */
    static GivingWay of(DSLContext db) {
        return db.configuration().data(KEY) instanceof GivingWay given ? given : NONE;
    }
}
