package org.dossier.ops;

import io.javalin.http.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.dossier.search.SearchEngine;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's first requests, asked of itself before {@code /ready} says it is ready: searches,
 * browses and record pages shaped like readers' ({@link WarmUpPaths}), through the whole stack
 * (Jetty, the handlers, the engine, the templates). A node put into rotation cold spends its first
 * minute compiling: at 50 searches a second it turned away a quarter of them, and kept some readers
 * waiting seconds (BENCHMARKS.md, "A node warms up before it says it is ready"). Warmed, the JIT
 * has compiled what readers use and the index keeps the answers to the popular searches.
 *
 * <p>The requests come in on a connector of their own inside the process ({@link #asks}): they are
 * not readers', so they are not logged, not counted in the request metrics, and not held to the
 * per-client search limit. Readers who reach the node directly are answered meanwhile.
 */
public final class WarmUp {

    /** Asks the node for an address in the process: the answer's status. */
    public interface Door {
        int get(String pathAndQuery) throws Exception;
    }

    private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);
    /** Failures reported in the log; the rest are counted. */
    private static final int FAILURES_LOGGED = 3;

    private final int requests;
    private final Duration limit;
    private final AtomicInteger asked = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private volatile Connector connector;
    private final AtomicBoolean begun = new AtomicBoolean();
    private volatile boolean finished;
    private volatile boolean stopping;

    /**
     * @param requests how many to ask (see {@link OperationsSettings}); 0 for none: ready once the rest is
     * @param limit    how long it may take: past that, the node is ready with what was asked (a large
     *                 catalogue's searches take longer, and the JIT is done with them sooner)
     */
    public WarmUp(int requests, Duration limit) {
        this.requests = requests;
        this.limit = limit;
        this.finished = requests == 0;
    }

    public int requests() {
        return requests;
    }

    /**
     * Starts asking, on as many threads as there are processors (up to four: the node is not in rotation yet),
     * the requests coming in through {@code door} on {@code connector}; returns at once.
     */
    public void begin(SearchEngine engine, Connector connector, Door door) {
        begin(() -> WarmUpPaths.of(engine, requests), connector, door);
    }

    /** As {@link #begin(SearchEngine, Connector, Door)}, asking the addresses {@code drawn} gives. */
    void begin(Supplier<List<String>> drawn, Connector connector, Door door) {
        if (requests == 0 || !begun.compareAndSet(false, true)) {
            return;
        }
        this.connector = connector;
        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        long started = System.nanoTime();
        long deadline = started + limit.toNanos();
        daemon("dossier-warm-up", () -> {
            try {
                List<String> paths = drawn.get();
                long drawnAt = System.nanoTime();
                AtomicInteger next = new AtomicInteger();
                List<Thread> askers = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    askers.add(daemon("dossier-warm-up-" + t, () -> {
                        for (int i = next.getAndIncrement(); i < paths.size() && !stopping
                                && System.nanoTime() - deadline < 0; i = next.getAndIncrement()) {
                            ask(door, paths.get(i));
                        }
                    }));
                }
                for (Thread asker : askers) {
                    asker.join();
                }
                LOG.info("Warmed up: {} of {} requests of this node's own in {} s (drawn from the catalogue in {} s){}{}",
                        asked.get(), requests, seconds(System.nanoTime() - started), seconds(drawnAt - started),
                        asked.get() < requests && !stopping ? "; stopped at the limit of " + limit.toSeconds() + " s" : "",
                        failed.get() == 0 ? "" : "; " + failed.get() + " failed");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.warn("The warm-up stopped after {} requests: {}", asked.get(), e.toString());
            } finally {
                finished = true;
            }
        });
    }

    private static double seconds(long nanos) {
        return Math.round(nanos / 1e8) / 10.0;
    }

    private static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void ask(Door door, String path) {
        try {
            int status = door.get(path);
            // A record withdrawn since its id was drawn is gone (404, 410); anything else is a failure.
            if (status >= 400 && status != 404 && status != 410) {
                failure(path, "status " + status);
            }
        } catch (Exception e) {
            failure(path, e.toString());
        } finally {
            asked.incrementAndGet();
        }
    }

    private void failure(String path, String why) {
        if (failed.incrementAndGet() <= FAILURES_LOGGED) {
            LOG.warn("Warm-up request {} failed: {}", path, why);
        }
    }

    /** The node is stopping: no more requests are asked; those in flight finish. */
    public void stop() {
        stopping = true;
    }

    /** Whether the warm-up is over (or there is none): a readiness check. */
    Readiness.Check check() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("requests", requests);
        details.put("asked", asked.get());
        details.put("failed", failed.get());
        return new Readiness.Check(finished, details);
    }

    /** Whether a request (Jetty's view) is one of the warm-up's. */
    public boolean asks(Request request) {
        Connector own = connector;
        return own != null && request.getConnectionMetaData().getConnector() == own;
    }

    /** Whether a request (Javalin's view) is one of the warm-up's. */
    public boolean asks(Context ctx) {
        if (connector == null) {
            return false;
        }
        ServletContextRequest request = ServletContextRequest.getServletContextRequest(ctx.req());
        return request != null && asks(request);
    }
}
