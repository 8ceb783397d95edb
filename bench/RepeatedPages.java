import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures what a reader asks again and again on an unchanged catalogue, beside the searches
 * SearchBenchmark measures: a record page (its related records asked of the engine each time) and a
 * keystroke's suggestions (/search/suggest.json, asked on every keystroke). Each case is a few
 * addresses taken round and round, so that each is asked many times; the whole response as the
 * client gets it, and the handler's own time where the server says it (Server-Timing {@code page}).
 * Run with the JDK alone:
 *
 * <pre>java bench/RepeatedPages.java http://127.0.0.1:7070 [runs] [warm-up runs] [clients]</pre>
 *
 * The record pages are those of the first {@value #RECORDS} hits of a search for "korea" (the
 * canonical addresses the JSON gives); the suggestions are those of {@link #TYPED}, a word typed
 * letter by letter and a name's first letters.
 */
public class RepeatedPages {

    private static final int RECORDS = 5;
    /** What a reader types: each prefix a keystroke. */
    private static final List<String> TYPED = List.of("te", "tel", "tele", "teleg", "sta", "stal", "kor", "kore");
    private static final Pattern URL = Pattern.compile("\"url\":\"([^\"]*/documents/[^\"]*)\"");
    private static final Pattern HANDLER = Pattern.compile("page;dur=([0-9.]+)");

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: java bench/RepeatedPages.java BASE_URL [runs] [warm-up runs] [clients]");
            System.exit(2);
        }
        String base = args[0].replaceAll("/+$", "");
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 40;
        int clients = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        RepeatedPages bench = new RepeatedPages();
        String found = bench.get(URI.create(base + "/search.json?q=korea")).body();
        List<URI> records = new ArrayList<>();
        for (Matcher m = URL.matcher(found); m.find() && records.size() < RECORDS; ) {
            // The JSON's addresses carry the node's public address: asked here at the base given.
            records.add(URI.create(base + URI.create(m.group(1)).getRawPath()));
        }
        if (records.isEmpty()) {
            throw new IllegalStateException("no record found for korea at " + base);
        }
        List<URI> keystrokes = TYPED.stream()
                .map(t -> URI.create(base + "/search/suggest.json?q=" + URLEncoder.encode(t, StandardCharsets.UTF_8)))
                .toList();
        Map<String, List<URI>> cases = new LinkedHashMap<>();
        cases.put("record page (" + records.size() + " records, round and round)", records);
        cases.put("a keystroke's suggestions (" + keystrokes.size() + " texts, round and round)", keystrokes);
        System.out.printf(Locale.ROOT, "%d measured requests a case after %d warm-up, %d client(s)%n", runs, warmup, clients);
        System.out.println("| case | client median | p90 | p99 | handler median | handler p99 |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        for (Map.Entry<String, List<URI>> each : cases.entrySet()) {
            bench.run(each.getValue(), warmup, clients);
            double[][] times = bench.run(each.getValue(), runs, clients);
            System.out.printf(Locale.ROOT, "| %s | %.1f ms | %.1f ms | %.1f ms | %s | %s |%n", each.getKey(),
                    percentile(times[0], 50), percentile(times[0], 90), percentile(times[0], 99),
                    times[1].length == 0 ? "-" : String.format(Locale.ROOT, "%.1f ms", percentile(times[1], 50)),
                    times[1].length == 0 ? "-" : String.format(Locale.ROOT, "%.1f ms", percentile(times[1], 99)));
        }
    }

    /** {@code runs} requests of {@code addresses} in turn, shared by {@code clients}: the client's times and the handler's. */
    private double[][] run(List<URI> addresses, int runs, int clients) throws Exception {
        double[] took = new double[runs];
        double[] handled = new double[runs];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger handlers = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> readers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                readers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < runs; i = next.getAndIncrement()) {
                        long start = System.nanoTime();
                        HttpResponse<String> response = get(addresses.get(i % addresses.size()));
                        took[i] = (System.nanoTime() - start) / 1e6;
                        Matcher m = HANDLER.matcher(response.headers().firstValue("Server-Timing").orElse(""));
                        if (m.find()) {
                            handled[handlers.getAndIncrement()] = Double.parseDouble(m.group(1));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> reader : readers) {
                reader.get();
            }
        } finally {
            pool.shutdown();
        }
        return new double[][] {took, Arrays.copyOf(handled, handlers.get())};
    }

    private HttpResponse<String> get(URI uri) {
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(uri + " answered " + response.statusCode());
            }
            return response;
        } catch (Exception e) {
            throw new IllegalStateException(uri + ": " + e, e);
        }
    }

    private static double percentile(double[] values, int p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
