package org.dossier.app;

import java.sql.SQLTransientConnectionException;
import org.jooq.TransactionContext;
import org.jooq.TransactionProvider;

/**
 * jOOQ's transactions, except that one that could not begin because the pool had no connection to
 * give (the database cannot be reached, or every connection stayed in use) is not rolled back:
 * there is nothing to roll back, and jOOQ's rollback asks the pool again, and again to restore
 * the connection's settings, each time waiting the pool's whole timeout. A sign-in while
 * PostgreSQL was down answered after 15 s instead of 5.
 */
final class NoRollbackWithoutConnection implements TransactionProvider {

    private static final Object NO_CONNECTION = new Object();

    private final TransactionProvider transactions;

    NoRollbackWithoutConnection(TransactionProvider transactions) {
        this.transactions = transactions;
    }

    @Override
    public void begin(TransactionContext ctx) {
        try {
            transactions.begin(ctx);
        } catch (RuntimeException e) {
            // Hikari says this only when it handed out no connection; one that broke says otherwise.
            if (e.getCause() instanceof SQLTransientConnectionException) {
                ctx.data(NO_CONNECTION, Boolean.TRUE);
            }
            throw e;
        }
    }

    @Override
    public void commit(TransactionContext ctx) {
        transactions.commit(ctx);
    }

    @Override
    public void rollback(TransactionContext ctx) {
        if (ctx.data(NO_CONNECTION) == null) {
            transactions.rollback(ctx);
        }
    }
}
