package org.dossier.ops;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.dossier.search.SearchUnavailableException;
import org.dossier.web.ErrorPages;

/**
 * {@code GET /health} (liveness: the process answers) and {@code GET /ready} (readiness: see
 * {@link Readiness}), JSON for load balancers and orchestrators; 503 when not ready, with the
 * {@code phase} the node is in (opening its index, catching up, warming up). Neither reads
 * a session or writes anything, so either can be called every second. The metrics port answers
 * /ready too ({@link MetricsServer}), with the details the public one leaves out.
 */
public final class Health {

    public static final String LIVENESS = "/health";
    public static final String READINESS = "/ready";
    /** Addresses that sessions, throttles and rate limits should leave alone. */
    public static final Set<String> PATHS = Set.of(LIVENESS, READINESS);

    /** The details that quote others' words (a connection's error, Solr's answer): on the metrics port only. */
    private static final Set<String> QUOTING = Set.of("error", "detail");
    /** The status of a node that will not be ready until it is started again, on /health and /ready. */
    static final String FAILED = "failed";
    static final String WITHHELD = "said in the node's log, and in /ready on its metrics port (--metrics-port)";

    private final BuildInfo build;
    private final Readiness readiness;
    private volatile boolean stopping;

    public Health(BuildInfo build, Readiness readiness) {
        this.build = build;
        this.readiness = readiness;
    }

    /**
     * The 503 page of a search asked before the index is open; the routes of {@link #LIVENESS} and
     * {@link #READINESS} are in DossierApp's table.
     */
    void install(RoutesConfig routes) {
        routes.exception(SearchUnavailableException.class, (e, ctx) -> {
            ctx.header("Retry-After", "30");
            ErrorPages.notYet(ctx, "Search is not available yet",
                    "The search index is not ready (" + e.getMessage() + "). Please try again in a minute.");
        });
    }

    /** From now on the node says it is not ready, so that load balancers stop sending it work. */
    public void stopping() {
        stopping = true;
    }

    /**
     * 200 "alive" whenever the process answers; 503 "failed", saying why, once it will not be ready
     * until it is started again (its search index could not be opened): what a liveness probe is
     * for. It answered "alive" to a node that said "Opening the search index" for good.
     */
    public void liveness(Context ctx) {
        Optional<String> failure = readiness.failure();
        Map<String, Object> body = head(failure.isPresent() ? FAILED : "alive");
        failure.ifPresent(why -> body.put("phase", why));
        noCache(ctx).status(failure.isPresent() ? 503 : 200).json(body);
    }

    public void readiness(Context ctx) {
        Answer answer = readiness(false);
        answer.retryAfter().ifPresent(seconds -> ctx.header("Retry-After", seconds));
        noCache(ctx).status(answer.status()).json(answer.body());
    }

    /**
     * Seconds a 503 of /ready tells its asker to wait: what it reads is kept that long
     * ({@link Readiness#REMEMBERED}), so asked sooner it would mostly say the same. Every other 503
     * carried a Retry-After; /ready's none, so that a client that honours it (a script waiting for a
     * node, a proxy) had no figure from the one address meant to be asked again and again.
     */
    static final long RETRY_AFTER_SECONDS = Readiness.REMEMBERED.toSeconds();

    /** /ready's status (200 or 503) and JSON body. */
    public record Answer(int status, Map<String, Object> body) {

        /** The Retry-After of a 503, none for a 200. */
        public Optional<String> retryAfter() {
            return status == 503 ? Optional.of(Long.toString(RETRY_AFTER_SECONDS)) : Optional.empty();
        }
    }

    /**
     * What /ready answers: every check with its details when {@code inFull} (on the metrics port, an
     * operator's), else without the texts that quote what the database, Solr or Flyway said, which
     * name internal hosts, ports, users and collections: the public port's answer is for a load
     * balancer, which reads its status, and for anyone who asks.
     */
    public Answer readiness(boolean inFull) {
        Readiness.Report report = readiness.check();
        boolean ready = report.ready() && !stopping;
        // A node whose index could not be opened stops, as a start that fails does: "failed" says why
        // rather than "stopping", which said nothing of it.
        Optional<String> failure = readiness.failure();
        Map<String, Object> body = head(ready ? "ready" : failure.isPresent() ? FAILED : stopping ? "stopping" : "not ready");
        if (!ready) {
            // What it is doing meanwhile, in this program's words: a balancer's log, or an operator
            // watching a start of a minute or more, saw only "not ready". Left out when ready, whose
            // answer is as it was.
            body.put("phase", failure.orElse(stopping ? "Stopping" : report.phase()));
        }
        Map<String, Readiness.Check> checks = report.checks();
        if (!inFull) {
            Map<String, Readiness.Check> shown = new LinkedHashMap<>();
            checks.forEach((name, check) -> shown.put(name, withoutQuotes(check)));
            checks = shown;
        }
        body.put("checks", checks);
        return new Answer(ready ? 200 : 503, body);
    }

    private static Readiness.Check withoutQuotes(Readiness.Check check) {
        if (QUOTING.stream().noneMatch(check.details()::containsKey)) {
            return check;
        }
        Map<String, Object> details = new LinkedHashMap<>(check.details());
        details.replaceAll((key, value) -> QUOTING.contains(key) ? WITHHELD : value);
        return new Readiness.Check(check.ok(), details);
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
