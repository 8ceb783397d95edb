package org.dossier.documents;

import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * What a transaction that writes records by the thousand asks of SQLite first. A million records
 * carry a dozen indexes (by date, title, person, place, slug...) that grow in random order; with
 * SQLite's default page cache of 2 MB every insert reads their pages again from the operating
 * system, and that, not the inserts themselves, is most of the time. PostgreSQL sizes its buffers
 * itself: nothing is asked of it.
 */
public final class BulkWriting {

    /** Page cache per connection while writing in bulk (negative: in KiB), 256 MiB. */
    static final int CACHE_KIB = 256 * 1024;
    /** SQLite's own default (2 MiB), which the pool's other connections keep. */
    private static final int DEFAULT_CACHE = -2000;

    private BulkWriting() {
    }

    /**
     * Runs {@code work} in the transaction {@code tx}, already begun, with SQLite's large page cache
     * when {@code large} (as {@link #onOneConnection}; commits stay as durable as they are), then
     * gives the connection its default cache again.
     */
    public static <T> T withLargeCache(DSLContext tx, boolean large, java.util.function.Supplier<T> work) {
        if (!large || tx.dialect().family() != SQLDialect.SQLITE) {
            return work.get();
        }
        tx.execute("PRAGMA cache_size = -" + CACHE_KIB);
        try {
            return work.get();
        } finally {
            tx.execute("PRAGMA cache_size = " + DEFAULT_CACHE);
        }
    }

    /**
     * Runs {@code work} on one connection of {@code db} with a large page cache (it is only used as
     * it fills), then puts the connection back as it was. With {@code durable} false, commits also
     * stop waiting for the disk ({@code synchronous=OFF}): for made-up records only, whose loss in a
     * power cut costs nothing but running {@code generate} again; an application crash loses nothing
     * either way. The settings are made outside any transaction, where SQLite allows them.
     */
    public static <T> T onOneConnection(DSLContext db, boolean durable, Function<DSLContext, T> work) {
        if (db.dialect().family() != SQLDialect.SQLITE) {
            return work.apply(db);
        }
        return db.connectionResult(connection -> {
            DSLContext one = DSL.using(connection, db.dialect(), db.settings());
            one.execute("PRAGMA cache_size = -" + CACHE_KIB);
            if (!durable) {
                one.execute("PRAGMA synchronous = OFF");
            }
            try {
                return work.apply(one);
            } finally {
                one.execute("PRAGMA cache_size = " + DEFAULT_CACHE);
                one.execute("PRAGMA synchronous = NORMAL");
            }
        });
    }
}
