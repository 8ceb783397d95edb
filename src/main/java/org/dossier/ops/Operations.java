package org.dossier.ops;

import io.javalin.config.JavalinConfig;
import io.javalin.config.RoutesConfig;
import java.io.IOException;
import java.time.Clock;
import org.dossier.app.Database;
import org.dossier.search.SearchEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything an operator needs from a running node, in one place for {@code DossierApp} to wire:
 * health and readiness, metrics on their own port, the access log, and a graceful stop (stop
 * taking requests, let those in flight finish within a bound, then close the index).
 */
public final class Operations implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Operations.class);

    private final OperationsSettings settings;
    private final Database database;
    private final Metrics metrics = new Metrics();
    private final WarmUp warmUp;
    private final RequestLog requestLog;
    private final FirstImport firstImport = new FirstImport();
    private Readiness readiness;
    private Health health;
    private MetricsServer metricsServer;

    public Operations(OperationsSettings settings, Database database) {
        this.settings = settings;
        this.database = database;
        this.warmUp = new WarmUp(settings.warmUpRequests(), settings.warmUpLimit());
        this.requestLog = new RequestLog(metrics, warmUp);
        database.reportTo(metrics.registry());
    }

    public Metrics metrics() {
        return metrics;
    }

    /** The requests a node asks of itself before it is ready. */
    public WarmUp warmUp() {
        return warmUp;
    }

    /** A first start's import of the seed pages, during which the node listens but serves no page. */
    public FirstImport firstImport() {
        return firstImport;
    }

    /** The engine the catalogue should use: timed, and asked for readiness. */
    public SearchEngine watch(SearchEngine engine) {
        SearchEngine measured = metrics.measure(engine);
        readiness = new Readiness(database, measured, settings.maxIndexLag(), warmUp, firstImport, Clock.systemUTC(),
                settings.remembered());
        health = new Health(BuildInfo.current(), readiness);
        return measured;
    }

    /** The server's side: an access-log line and metrics per request, and a bounded graceful stop. */
    public void configure(JavalinConfig config) {
        config.requestLogger.http(requestLog::noteRoute);
        var state = config.unsafe;
        requestLog.routesFrom(() -> state.internalRouter);
        config.jetty.modifyServer(server -> {
            server.setRequestLog(requestLog);
            server.setStopTimeout(settings.shutdownGrace().toMillis());
            server.insertHandler(new GracefulStop());
        });
    }

    /**
     * {@code /health} and {@code /ready}, whose routes are in DossierApp's table: once {@link #watch}
     * has been given the engine they ask about.
     */
    public Health health() {
        if (health == null) {
            throw new IllegalStateException("watch the search engine before asking for its health");
        }
        return health;
    }

    /**
     * The 503 page of a search asked before the index is open, and of any page asked while a first
     * start imports the seeds.
     */
    public void install(RoutesConfig routes) {
        if (health == null) {
            throw new IllegalStateException("watch the search engine before installing the health routes");
        }
        health.install(routes);
        firstImport.install(routes);
    }

    /** How this node is operated: its metrics port, readiness lag, shutdown grace and warm-up. */
    public OperationsSettings settings() {
        return settings;
    }

    /** Once the catalogue's server listens: opens the metrics port, when one is set. */
    public void started() throws IOException {
        if (settings.metricsPort() != null) {
            metricsServer = MetricsServer.start(settings.metricsHost(), settings.metricsPort(), metrics, health);
            LOG.info("Metrics at http://{}:{}{}", settings.metricsHost(), metricsServer.port(), MetricsServer.PATH);
        }
    }

    /** The port of the metrics endpoint, or -1 when it is off. */
    public int metricsPort() {
        return metricsServer == null ? -1 : metricsServer.port();
    }

    /**
     * The node is going away: readiness answers 503 from now on. Returns after the shutdown delay,
     * during which the node goes on serving whoever still reaches it, so that a load balancer has
     * taken it out of rotation before its connector closes.
     */
    public void stopping() {
        warmUp.stop();
        if (health != null) {
            health.stopping();
        }
        long delay = settings.shutdownDelay().toMillis();
        if (delay > 0) {
            LOG.info("Saying 503 on {} for {} s before the server stops taking requests (--shutdown-delay)",
                    Health.READINESS, settings.shutdownDelay().toSeconds());
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        if (metricsServer != null) {
            metricsServer.close();
        }
        if (readiness != null) {
            readiness.close();
        }
        metrics.close();
    }
}
