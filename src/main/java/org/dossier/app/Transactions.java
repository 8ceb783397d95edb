package org.dossier.app;

import java.util.function.Consumer;
import org.dossier.web.WriteUnavailable;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * A transaction's shape where the two databases differ: a read of one instant that waits for no
 * writer ({@link #reading}), a write that gives way at once rather than wait ({@link #ifFree}), rows
 * locked until the transaction ends ({@link #lockingRows}) and a lock by name ({@link #oneAtATime}).
 * The features call these with their own {@code DSLContext}; what each vendor is told is said here.
 */
public final class Transactions {

    private Transactions() {
    }

    /**
     * Runs {@code read} in one transaction that only reads: what it reads is the catalogue as of one
     * instant, and it never waits for a writer. {@code db}'s own transactions are a writer's: on
     * SQLite the pool begins every one IMMEDIATE, taking the write lock, so that a search index's
     * first read (the feed's head and the records' count, or the records of a rebuild), beside an
     * {@code import} or a {@code sqlite3} shell holding the lock, waited 5 s for it and stopped the
     * start. Here SQLite's transaction begins DEFERRED on one of the pool's connections, a reader of
     * the write-ahead log's last commit; PostgreSQL's is REPEATABLE READ, READ ONLY.
     */
    public static <T> T reading(DSLContext db, Read<T> read) {
        if (db.dialect().family() != SQLDialect.SQLITE) {
            return db.transactionResult(tx -> {
                tx.dsl().execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                return read.read(tx.dsl());
            });
        }
        // The connection stays in auto-commit, as the pool hands it out: the driver would begin IMMEDIATE.
        return db.connectionResult(connection -> {
            try (java.sql.Statement statement = connection.createStatement()) {
                statement.execute("BEGIN DEFERRED");
                boolean ended = false;
                try {
                    T result = read.read(db.configuration().derive(connection).dsl());
                    statement.execute("COMMIT");
                    ended = true;
                    return result;
                } finally {
                    if (!ended) {
                        statement.execute("ROLLBACK");
                    }
                }
            }
        });
    }

    /**
     * Runs {@code write}, one statement, only if no other writer holds what it needs: one that
     * would have to wait fails at once with {@link WriteUnavailable} ({@link WriteUnavailable#busy}),
     * having changed nothing. For a write that is worth no wait, made on the way to a page that only
     * reads (a signed-in editor's session kept alive): beside an import holding a SQLite file's
     * write lock, it waited the server's whole write wait (5 s) before every such page. On SQLite the
     * pool's busy handler gives way at once for this thread meanwhile; PostgreSQL's lock wait
     * becomes a millisecond (0 would mean no limit).
     */
    public static void ifFree(DSLContext db, Consumer<DSLContext> write) {
        try {
            if (db.dialect().family() != SQLDialect.SQLITE) {
                db.transaction(tx -> {
                    tx.dsl().execute("SET LOCAL lock_timeout = 1");
                    write.accept(tx.dsl());
                });
                return;
            }
            // In auto-commit, the statement its own transaction: a BEGIN that the lock refused
            // would leave jOOQ a rollback of nothing to make on the pool's connection.
            // A context of no pool of this program's has no busy handler of ours to give way: NONE runs it as it is.
            GivingWay.of(db).during(() -> write.accept(db));
        } catch (RuntimeException e) {
            throw WriteUnavailable.of(e).orElseThrow(() -> e);
        }
    }

    /** What {@link #reading} runs: reads, and nothing else, of the database as one transaction sees it. */
    @FunctionalInterface
    public interface Read<T> {
        T read(DSLContext tx) throws Exception;
    }

    /**
     * {@code select}, its rows locked until {@code tx} ends where the database has row locks
     * (PostgreSQL's {@code SELECT ... FOR UPDATE}). SQLite has no row locks and needs none: its
     * writing transactions run one at a time.
     */
    public static <R extends org.jooq.Record> org.jooq.ResultQuery<R> lockingRows(DSLContext tx,
                                                                              org.jooq.SelectForUpdateStep<R> select) {
        return tx.dialect().family() == SQLDialect.SQLITE ? select : select.forUpdate();
    }

    /**
     * Waits, inside {@code tx}, until no other transaction holds the lock named {@code lock}, and
     * holds it until {@code tx} ends (PostgreSQL's transaction-scoped advisory lock): for writes
     * that read what they must not duplicate, where READ COMMITTED lets two transactions miss each
     * other's rows. SQLite's writing transactions run one at a time already.
     */
    public static void oneAtATime(DSLContext tx, long lock) {
        if (tx.dialect().family() == SQLDialect.POSTGRES) {
            tx.resultQuery("select pg_advisory_xact_lock({0})", DSL.val(lock)).fetch();
        }
    }
}
