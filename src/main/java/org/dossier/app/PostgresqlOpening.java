package org.dossier.app;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.dossier.app.Database.Unavailable;
import org.jooq.SQLDialect;

/**
 * The opening of a PostgreSQL database: its pool, whose connections give up a lock after the write
 * wait, connected at once or refused with the reason in one line, then checked and migrated as a
 * SQLite file is ({@link SchemaHistory}, {@link Migrating}).
 */
final class PostgresqlOpening {

    private PostgresqlOpening() {
    }

    static Database open(DatabaseAddress address, WriteWait writeWait) {
        HikariConfig config = Database.poolSettings("dossier-postgresql", 10, writeWait);
        // A write that waits longer than this for a lock fails (SQLSTATE 55P03), which the server
        // answers with its 503 page that keeps what the editor typed, as on SQLite.
        config.setConnectionInitSql("SET lock_timeout = " + writeWait.duration().toMillis());
        config.setJdbcUrl(address.url());
        // Fail at once with the reason (wrong host, password, database) rather than retry in silence.
        config.setInitializationFailTimeout(1);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new Unavailable("Cannot connect to the database " + address + ": " + rootMessage(e), e);
        }
        return Migrating.migrated(pool, Database.POSTGRESQL_MIGRATIONS, SQLDialect.POSTGRES, address.toString(), address, pool,
                SchemaHistory.atThisVersion(pool, Database.POSTGRESQL_MIGRATIONS, SQLDialect.POSTGRES, null), writeWait, GivingWay.NONE);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        // The driver's UnknownHostException says the name alone ("...: db-prod.internl").
        return root instanceof java.net.UnknownHostException ? "no address has the name " + root.getMessage()
                + " (check the host in the address)" : root.getMessage();
    }
}
