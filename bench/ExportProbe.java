import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A directed probe of what exports cost the other requests: a steady stream of searches at a fixed
 * rate (open loop: each request's latency counted from when it was due, so that a stalled node is
 * not hidden by a client that waits), first alone, then while exports are asked for back to back,
 * one at a time, for as long. Reports each phase's probe p50/p90/p99/max, and the exports written.
 *
 *   java bench/ExportProbe.java URL PROBES.txt EXPORTS.txt [rate=150] [seconds=30]
 *
 * PROBES.txt and EXPORTS.txt hold one path a line (java bench/LoadBenchmark.java URL --paths N,
 * filtered by kind); both are cycled through. bench/export-probe.sh starts the nodes and runs it.
 */
public class ExportProbe {

    public static void main(String[] args) throws Exception {
        String base = args[0];
        List<String> probes = Files.readAllLines(Path.of(args[1]));
        List<String> exports = Files.readAllLines(Path.of(args[2]));
        int rate = args.length > 3 ? Integer.parseInt(args[3]) : 150;
        int seconds = args.length > 4 ? Integer.parseInt(args[4]) : 30;
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        AtomicInteger next = new AtomicInteger();
        for (String phase : List.of("alone", "beside exports")) {
            AtomicBoolean exporting = new AtomicBoolean(phase.startsWith("beside"));
            List<Long> exportMillis = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger refused = new AtomicInteger();
            Thread exporter = new Thread(() -> {
                int i = 0;
                while (exporting.get()) {
                    long start = System.nanoTime();
                    try {
                        HttpResponse<Void> r = client.send(request(base + exports.get(i++ % exports.size())),
                                HttpResponse.BodyHandlers.discarding());
                        if (r.statusCode() == 200) {
                            exportMillis.add((System.nanoTime() - start) / 1_000_000);
                        } else {
                            refused.incrementAndGet();
                        }
                    } catch (Exception e) {
                        refused.incrementAndGet();
                    }
                }
            });
            if (exporting.get()) {
                exporter.start();
            }
            List<CompletableFuture<Long>> answered = new ArrayList<>();
            AtomicInteger failed = new AtomicInteger();
            long begin = System.nanoTime() + 200_000_000L;
            long interval = 1_000_000_000L / rate;
            int count = rate * seconds;
            for (int i = 0; i < count; i++) {
                long due = begin + i * interval;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                String path = probes.get(next.getAndIncrement() % probes.size());
                answered.add(client.sendAsync(request(base + path), HttpResponse.BodyHandlers.discarding())
                        .thenApply(r -> {
                            if (r.statusCode() != 200) {
                                failed.incrementAndGet();
                            }
                            return (System.nanoTime() - due) / 1_000;
                        }));
            }
            List<Long> micros = new ArrayList<>();
            for (CompletableFuture<Long> f : answered) {
                micros.add(f.get());
            }
            exporting.set(false);
            if (exporter.isAlive()) {
                exporter.join();
            }
            Collections.sort(micros);
            List<Long> e = new ArrayList<>(exportMillis);
            Collections.sort(e);
            System.out.printf("%-15s probes %d at %d/s (not 200: %d): p50 %.1f  p90 %.1f  p99 %.1f  max %.1f ms"
                    + "; exports written %d (not 200: %d), median %s ms, max %s ms%n",
                    phase, micros.size(), rate, failed.get(), at(micros, 0.50), at(micros, 0.90), at(micros, 0.99),
                    micros.get(micros.size() - 1) / 1000.0, e.size(), refused.get(),
                    e.isEmpty() ? "-" : e.get(e.size() / 2), e.isEmpty() ? "-" : e.get(e.size() - 1));
        }
    }

    private static HttpRequest request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build();
    }

    private static double at(List<Long> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1)) / 1000.0;
    }
}
