package org.dossier.app;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.SQLException;
import java.time.Duration;

/**
 * The pool, handing out each connection after a wait of the calling thread's own when it has one
 * ({@link Database#waitingAtMost}), else after the pool's timeout. What jOOQ and Flyway are given.
 */
final class ThreadsWait implements javax.sql.DataSource {


    /** One of {@code pool}'s connections, waited for at most {@code wait} instead of the pool's timeout. */
    static java.sql.Connection takenWithin(HikariDataSource pool, Duration wait) throws SQLException {
        // The pool itself, which alone takes a wait of each caller's own (Hikari's public class).
        // HikariCP 7.0.2 hands it out only as this MXBean, whose interface has no getConnection:
        // HikariDataSource has no typed getter, and its unwrap reaches the driver's DataSource,
        // not the pool. The typed way is a HikariPool built without HikariDataSource, which would
        // mean owning what that does (checking and sealing the settings, its closing): not worth a cast.
        return ((HikariPool) pool.getHikariPoolMXBean()).getConnection(wait.toMillis());
    }

    private final HikariDataSource pool;
    /**
     * How long a connection of the pool is waited for on each thread, when not the pool's own timeout
     * ({@link #waitingAtMost}). A thread's, not passed with each call: jOOQ and Flyway take their
     * connections through {@link #getConnection()}, which has no parameter, from deep inside what the
     * caller reads (the search engines' reading of the feed's head through their own jOOQ context,
     * Flyway's view of the migrations), on the caller's thread, while every other thread shares the
     * pool with its own timeout. This pool's only: another database's is not waited for so.
     */
    private final ThreadLocal<Duration> wait = new ThreadLocal<>();

    ThreadsWait(HikariDataSource pool) {
        this.pool = pool;
    }

    /** Runs {@code reading} with this thread's connections waited for at most {@code wait} ({@link Database#waitingAtMost}). */
    <T> T waitingAtMost(Duration wait, java.util.function.Supplier<T> reading) {
        Duration before = this.wait.get();
        this.wait.set(wait);
        try {
            return reading.get();
        } finally {
            if (before == null) {
                this.wait.remove();
            } else {
                this.wait.set(before);
            }
        }
    }

    @Override
    public java.sql.Connection getConnection() throws SQLException {
        Duration wait = this.wait.get();
        return wait == null ? pool.getConnection() : takenWithin(pool, wait);
    }

    @Override
    public java.sql.Connection getConnection(String user, String password) throws SQLException {
        return pool.getConnection(user, password);
    }

    @Override
    public java.io.PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(java.io.PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public java.util.logging.Logger getParentLogger() throws java.sql.SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }

    /** The pool's name, which jOOQ's and Hikari's messages quote. */
    @Override
    public String toString() {
        return pool.toString();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : pool.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || pool.isWrapperFor(type);
    }
}
