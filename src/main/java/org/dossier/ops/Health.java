package org.dossier.ops;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.dossier.search.SearchUnavailableException;
import org.dossier.web.ErrorPages;

/**
 * {@code GET /health} (liveness: the process answers) and {@code GET /ready} (readiness: see
 * {@link Readiness}), JSON for load balancers and orchestrators; 503 when not ready. Neither reads
 * a session or writes anything, so either can be called every second.
 */
public final class Health {

    public static final String LIVENESS = "/health";
    public static final String READINESS = "/ready";
    /** Addresses that sessions, throttles and rate limits should leave alone. */
    public static final Set<String> PATHS = Set.of(LIVENESS, READINESS);

    private final BuildInfo build;
    private final Readiness readiness;
    private volatile boolean stopping;

    public Health(BuildInfo build, Readiness readiness) {
        this.build = build;
        this.readiness = readiness;
    }

    public void install(RoutesConfig routes) {
        routes.get(LIVENESS, this::liveness);
        routes.get(READINESS, this::readiness);
        routes.exception(SearchUnavailableException.class, (e, ctx) -> {
            ctx.header("Retry-After", "30");
            ErrorPages.show(ctx, 503, "Search is not available yet",
                    "The search index is not ready (" + e.getMessage() + "). Please try again in a minute.");
        });
    }

    /** From now on the node says it is not ready, so that load balancers stop sending it work. */
    public void stopping() {
        stopping = true;
    }

    void liveness(Context ctx) {
        Map<String, Object> body = head("alive");
        noCache(ctx).json(body);
    }

    void readiness(Context ctx) {
        Readiness.Report report = readiness.check();
        boolean ready = report.ready() && !stopping;
        Map<String, Object> body = head(ready ? "ready" : stopping ? "stopping" : "not ready");
        body.put("checks", report.checks());
        noCache(ctx).status(ready ? 200 : 503).json(body);
    }

    private Map<String, Object> head(String status) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("version", build.version());
        body.put("build", build.build());
        return body;
    }

    private static Context noCache(Context ctx) {
        return ctx.header("Cache-Control", "no-store");
    }
}
