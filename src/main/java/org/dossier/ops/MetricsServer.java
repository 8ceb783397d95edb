package org.dossier.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code GET /metrics} on a port of its own ({@code --metrics-port}), so that metrics are never
 * served to the public by accident; and {@code GET /ready} with every check's details, which the
 * public port's /ready leaves out where they quote the database or Solr (internal hosts). The JDK's own small HTTP server: one path, no pages, sessions
 * or templates, nothing shared with the catalogue's server, and no dependency.
 */
public final class MetricsServer implements AutoCloseable {

    public static final String PATH = "/metrics";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService executor;

    private MetricsServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    public static MetricsServer start(String host, int port, Metrics metrics, Health health) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 8);
        // Two: a /ready that waits for a database that does not answer (5 s) holds no scrape up.
        ExecutorService executor = Executors.newFixedThreadPool(2, task -> {
            Thread thread = new Thread(task, "dossier-metrics");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", exchange -> answer(exchange, metrics, health));
        server.start();
        return new MetricsServer(server, executor);
    }

    private static void answer(HttpExchange exchange, Metrics metrics, Health health) throws IOException {
        try (exchange) {
            boolean get = exchange.getRequestMethod().equals("GET") || exchange.getRequestMethod().equals("HEAD");
            String path = exchange.getRequestURI().getPath();
            if (!path.equals(PATH) && !path.equals(Health.READINESS)) {
                send(exchange, 404, "text/plain; charset=utf-8", "Metrics are at " + PATH + ", readiness in full at "
                        + Health.READINESS + "\n");
            } else if (!get) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "text/plain; charset=utf-8", "Only GET\n");
            } else if (path.equals(Health.READINESS)) {
                Health.Answer ready = health.readiness(true);
                exchange.getResponseHeaders().set("Cache-Control", "no-store");
                ready.retryAfter().ifPresent(seconds -> exchange.getResponseHeaders().set("Retry-After", seconds));
                send(exchange, ready.status(), "application/json", JSON.writeValueAsString(ready.body()));
            } else {
                send(exchange, 200, PROMETHEUS_TEXT, metrics.scrape());
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
