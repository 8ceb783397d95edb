package org.dossier.ops;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.ClassicConstants;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * How every JVM of the app logs, set in code when logback starts (found as a service,
 * {@code META-INF/services/ch.qos.logback.classic.spi.Configurator}): it was a {@code logback.xml},
 * whose reading (logback's Joran: an XML parser, a model, its handlers) was a fifth of a command's
 * main-thread CPU, before it did anything (BENCHMARKS.md, "What an app JVM spends starting").
 *
 * <p>Logs go one line each to standard output for serve, and to standard error for every other
 * command (org.dossier.app.Main sets {@value #TARGET}), beside its progress and report: what
 * {@code user list} prints on standard output is the accounts alone, for a script to read. Serve's
 * log-format option set to json switches them to JSON ({@link LogFormat}). The level is INFO
 * unless {@value #LEVEL} says otherwise. A file named by {@code -Dlogback.configurationFile} is read
 * instead, by logback itself, as it was beside the XML.
 *
 * <p>No shutdown hook: the JVM runs its hooks at once, and logback's stopped the log while the
 * server's own (serve's, on SIGTERM) was still stopping, so nothing the stop said was written. The
 * server closes the log itself, last, writing the access lines still queued ({@link LogFormat#close}).
 */
public final class LogSetup extends ContextAwareBase implements Configurator {

    /** Where the console lines go: {@code System.out} (the default) or {@code System.err}. */
    public static final String TARGET = "dossier.log.target";
    /** The root logger's level, INFO unless set. */
    public static final String LEVEL = "dossier.log.level";

    private static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSS'Z',UTC} %-5level [%thread] %logger{36} - %msg%n";

    /**
     * Loggers held above the root's level. What each would otherwise say, and why it is left out:
     *
     * <ul>
     * <li>SolrJ and its ZooKeeper client (the SolrCloud engine) say every connection at INFO; what
     * goes wrong they say at WARN. Their note that ZooKeeper's nodes have open ACLs is the SolrCloud
     * operator's business, and would come with every client.
     * <li>While Solr or ZooKeeper is away, the node's feed follower says so in one line, and once when
     * it answers again (org.dossier.search.SolrSearchEngine); ZooKeeper's connection, in Curator's one
     * line at each change of its state (SUSPENDED, LOST, RECONNECTED). What the clients said at every
     * attempt meanwhile is left out: SolrJ's "Re-trying request ... after stale state" five times a
     * poll (25 lines a second with no replica of a shard left), ZooKeeper's client a warning with its
     * stack trace at each attempt to reconnect (one a second), Curator's notes on its ensemble's
     * configuration at each reconnection, its warnings that a session expired, said with the state LOST.
     * <li>The clients talk to ZooKeeper through Netty (org.dossier.search.SolrClients.builder),
     * whose socket says each failed attempt to connect itself ("future isn't success.", a warning with
     * its stack trace, once a second while ZooKeeper is away) and a connection reset by a ZooKeeper
     * that went down as an error with its stack trace ("Unexpected throwable"): the same outage
     * Curator's state lines say once.
     * <li>Said at INFO by every start and every command, and by /ready's look at the migrations every
     * five seconds: jOOQ's banner and tip of the day, the pool's opening and closing, Flyway's
     * "Environment: default". What goes wrong they say at WARN; the migrations applied are still
     * logged (Flyway's DbMigrate).
     * <li>A PostgreSQL server stopped or restarting (pg_ctl stop, a failover) breaks every connection
     * the pool holds: the pool said so for each one, a warning with a 25-line stack trace for each in
     * use, and for each idle one "Failed to validate connection ... consider a shorter maxLifetime",
     * which has nothing to do with it. The node says the outage itself, once, and once when it is over
     * (README, "A database that goes away"); a request it broke is its own line. What else these two
     * classes warn of is for settings the node does not use.
     * <li>Flyway's look at the schema before a catalogue is opened said "Successfully validated 23
     * migrations" on every command and every start (an operator's {@code user list}, {@code backup}
     * or cron mail carried it each time, about nothing that happened), and a new database's "Schema
     * history table ... does not exist yet", "Creating Schema History table": their warnings and
     * errors only. The migrations applied are still said (DbMigrate), since they change the database.
     * <li>A migration that fails (a full disk) is rolled back by SQLite itself; Flyway's own rollback
     * and commit after it then fail too, and it said so three times, each an ERROR with its stack
     * trace (a hundred lines), before the failure the command reports in one line (app/Database).
     * </ul>
     */
    private static final Map<String, Level> HELD = Map.ofEntries(
            Map.entry("org.apache.zookeeper", Level.WARN),
            Map.entry("org.apache.solr", Level.WARN),
            Map.entry("org.apache.solr.common.cloud.SolrZkClient", Level.ERROR),
            Map.entry("org.apache.solr.client.solrj.impl.CloudSolrClient", Level.ERROR),
            Map.entry("org.apache.zookeeper.ClientCnxn", Level.ERROR),
            Map.entry("org.apache.zookeeper.ClientCnxnSocketNetty", Level.OFF),
            Map.entry("org.apache.curator", Level.ERROR),
            Map.entry("org.apache.curator.framework.state.ConnectionStateManager", Level.INFO),
            Map.entry("org.jooq", Level.WARN),
            Map.entry("com.zaxxer.hikari", Level.WARN),
            Map.entry("com.zaxxer.hikari.pool.ProxyConnection", Level.ERROR),
            Map.entry("com.zaxxer.hikari.pool.PoolBase", Level.ERROR),
            Map.entry("org.flywaydb.core.FlywayExecutor", Level.WARN),
            Map.entry("org.flywaydb.core.internal.command.DbValidate", Level.WARN),
            Map.entry("org.flywaydb.core.internal.schemahistory", Level.WARN),
            Map.entry("org.flywaydb.core.internal.jdbc.TransactionalExecutionTemplate", Level.OFF));

    private final UnaryOperator<String> properties;

    /** As logback finds it: the JVM's system properties. */
    public LogSetup() {
        this(System::getProperty);
    }

    /** Reading the settings from {@code properties} rather than the JVM's (the tests' own). */
    public LogSetup(UnaryOperator<String> properties) {
        this.properties = properties;
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (properties.apply(ClassicConstants.CONFIG_FILE_PROPERTY) != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        String target = properties.apply(TARGET);
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(properties.apply(LEVEL), Level.INFO));
        root.addAppender(console(context, "console", target == null ? "System.out" : target));

        // The access log, a line per request, is handed to a thread of its own: a request never waits
        // for standard output (a slow disk or pipe under load held every request thread behind one
        // lock). Nothing is dropped (discardingThreshold 0); only a full queue of 8,192 lines makes
        // requests wait. It goes to standard output whatever the target: only serve writes it.
        AsyncAppender access = new AsyncAppender();
        access.setContext(context);
        access.setName("access");
        access.setQueueSize(8192);
        access.setDiscardingThreshold(0);
        access.addAppender(console(context, "access-console", "System.out"));
        access.start();
        Logger accessLog = context.getLogger(RequestLog.LOGGER);
        accessLog.setAdditive(false);
        accessLog.addAppender(access);

        HELD.forEach((name, level) -> context.getLogger(name).setLevel(level));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private static ConsoleAppender<ILoggingEvent> console(LoggerContext context, String name, String target) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName(name);
        appender.setTarget(target);
        appender.setEncoder(encoder);
        appender.start();
        return appender;
    }
}
