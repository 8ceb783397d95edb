package org.dossier.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;
import org.dossier.accounts.AccessControl;
import org.dossier.search.IndexStatus;
import org.dossier.search.SearchEngine;

/**
 * What a Prometheus server scrapes: requests per route template (never per raw address, which
 * would make a series per record), search engine time, the index's generation and lag, records
 * changed, sign-in failures and throttles, and the JVM's and the connection pool's gauges.
 */
public final class Metrics implements AutoCloseable {

    /** Latency buckets, seconds: enough for a p99 from 2 ms pages to 30 s exports. */
    private static final Duration[] BUCKETS = {Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
        Duration.ofSeconds(10), Duration.ofSeconds(30)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Counter signInFailures;
    private final Counter signInThrottled;
    private final Counter recordsChanged;
    private final Counter importedRecords;
    /**
     * Each route's timer by method, route and status, once registered: building a timer with its
     * buckets and tags for every request, only for the registry to find the one it has, was a
     * few per cent of every request's CPU. As many as the routes' answers, like the registry's own.
     */
    private final Map<RequestKind, Timer> requestTimers = new ConcurrentHashMap<>();
    /** What the counters read from elsewhere read, held here: a function counter keeps only a weak reference to it. */
    private final java.util.List<LongSupplier> counted = new CopyOnWriteArrayList<>();
    /** Reads what the database gauges need, so that a scrape waits for it only so long. */
    private final java.util.concurrent.ExecutorService gaugeReader = java.util.concurrent.Executors.newSingleThreadExecutor(
            task -> {
                Thread thread = new Thread(task, "dossier-metrics-gauges");
                thread.setDaemon(true);
                return thread;
            });
    /** How long a scrape waits for a gauge's reading of the database before it gives the last one. */
    static final Duration GAUGE_WAIT = Duration.ofSeconds(2);

    private record RequestKind(String method, String route, int status) {
    }

    /**
     * The methods a series is kept for, each by name: Jetty takes any word as a method, and a
     * client that sent a new one with every request ({@code M0000001 / HTTP/1.1}, each a 405) made a
     * timer apiece, held for as long as the node ran (3,000 such requests: 6 MB more at every scrape).
     * {@code -} is a request Jetty could not parse ({@link RequestLog}).
     */
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH",
            "TRACE", "CONNECT", "-");
    /** Every other method's one series. */
    static final String OTHER_METHOD = "other";

    public Metrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        signInFailures = Counter.builder("dossier.signin.failures")
                .description("Sign-ins refused for a wrong username or password").register(registry);
        signInThrottled = Counter.builder("dossier.signin.throttled")
                .description("Sign-in attempts turned away to wait, after too many failures").register(registry);
        recordsChanged = Counter.builder("dossier.records.changed")
                .description("Records written (imported, edited, withdrawn, reinstated) through this node").register(registry);
        importedRecords = Counter.builder("dossier.imports.records")
                .description("Records new to the catalogue from imports this node ran").register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Everything, in Prometheus' text format. */
    public String scrape() {
        return registry.scrape();
    }

    /**
     * One answered request. {@code route} is the route template ({@code /documents/{id}}), never the
     * address; a method not in {@link #METHODS} is counted as {@code other}.
     */
    public void request(String requestMethod, String route, int status, Duration time) {
        String method = METHODS.contains(requestMethod) ? requestMethod : OTHER_METHOD;
        requestTimers.computeIfAbsent(new RequestKind(method, route, status), kind -> Timer.builder("http.server.requests")
                .description("HTTP requests by route template, method and status")
                .tags("method", method, "route", route, "status", Integer.toString(status),
                        "outcome", outcome(status))
                .serviceLevelObjectives(BUCKETS)
                .register(registry))
                .record(time);
        if (route.equals(AccessControl.LOGIN_PATH) && method.equals("POST")) {
            if (status == 401) {
                signInFailures.increment();
            } else if (status == 429) {
                signInThrottled.increment();
            }
        }
    }

    public void recordsChanged(Set<Integer> ids) {
        recordsChanged.increment(ids.size());
    }

    public void imported(int newRecords) {
        importedRecords.increment(newRecords);
    }

    /**
     * The records merges and their undoing have still to move, in the whole catalogue, read at each
     * scrape: above 0 for long (a merge moves a few hundred records a second) says none is moving them.
     */
    public void pendingMerges(java.util.function.LongSupplier stillToMove) {
        // Held strongly: a gauge keeps only a weak reference to its object, and nothing else holds this one.
        BoundedReading<Double> pending = new BoundedReading<>(() -> (double) stillToMove.getAsLong(), Double.NaN,
                gaugeReader, GAUGE_WAIT);
        Gauge.builder("dossier.merges.pending", pending, BoundedReading::get).strongReference(true)
                .description("Records a merge, or the undoing of one, has still to move").register(registry);
    }

    /**
     * Readers' search pages given from the pages kept beside the kept answers ({@code page="kept"}) and
     * rendered for want of one ({@code page="rendered"}), read at each scrape: many rendered on a warm node
     * say the pages' share of {@code --kept-answers} is full before the answers are.
     */
    public void searchPages(LongSupplier givenKept, LongSupplier rendered) {
        searchPagesCounter("kept", givenKept);
        searchPagesCounter("rendered", rendered);
    }

    private void searchPagesCounter(String page, LongSupplier count) {
        counted.add(count);
        FunctionCounter.builder("dossier.search.pages", count, LongSupplier::getAsLong).tag("page", page)
                .description("Readers' search pages, given as kept or rendered").register(registry);
    }

    /** The engine's time per search and per index update, and its index's state as gauges. */
    public SearchEngine measure(SearchEngine engine) {
        // The lag is counted against the database's head: one bounded reading for both gauges.
        BoundedReading<IndexStatus> status = new BoundedReading<>(() -> status(engine),
                IndexStatus.closed("not read yet"), gaugeReader, GAUGE_WAIT);
        Gauge.builder("dossier.index.lag", status, s -> s.get().lag()).strongReference(true)
                .description("Changes in the database the search index has not applied yet").register(registry);
        Gauge.builder("dossier.index.generation", status, s -> s.get().generation()).strongReference(true)
                .description("The search index's commit generation").register(registry);
        // Open or not is the engine's own state: read from the database with the lag, a first scrape
        // while the database could not be reached, with no reading yet to give, said 0 of an open index.
        Gauge.builder("dossier.index.open", engine, e -> e.isOpen() ? 1 : 0).strongReference(true)
                .description("1 when the search index answers, 0 while it is built or closed").register(registry);
        // 0 while it opens too: a node that will never open is told apart from one that is slow to.
        Gauge.builder("dossier.index.failed", engine, e -> e.failure().isPresent() ? 1 : 0).strongReference(true)
                .description("1 when the search index could not be opened: the node will not be ready until it is "
                        + "started again").register(registry);
        Timer.Builder time = Timer.builder("dossier.search.engine")
                .description("Time in the search engine, by operation").serviceLevelObjectives(BUCKETS);
        return new MeasuredSearchEngine(engine, time.tag("operation", "search").register(registry),
                time.tag("operation", "hit-ids").register(registry),
                time.tag("operation", "update").register(registry));
    }

    private static IndexStatus status(SearchEngine engine) {
        try {
            return engine.status();
        } catch (RuntimeException e) {
            return IndexStatus.closed(e.getMessage());
        }
    }

    private static String outcome(int status) {
        if (status >= 500) {
            return "SERVER_ERROR";
        }
        if (status >= 400) {
            return "CLIENT_ERROR";
        }
        return status >= 300 ? "REDIRECTION" : "SUCCESS";
    }

    @Override
    public void close() {
        gaugeReader.shutdownNow();
        gc.close();
        registry.close();
    }
}
