import java.io.IOException;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures /search as a reader gets it: the whole HTML page, every facet counted, one request in
 * flight at a time, after a warm-up. Run with the JDK alone:
 *
 * <pre>java bench/SearchBenchmark.java http://127.0.0.1:7070 [runs] [warm-up runs] [clients]</pre>
 *
 * It finds its own queries from the catalogue it is pointed at: the word whose hits are closest to
 * half of the records, a word found in about 1 %, and the most frequent type and person. For each
 * case it prints the median, 90th and 99th percentile and the maximum of the page time, and the
 * same for the search engine's own time beside it, and the server's whole handler (engine, database
 * reads and rendering; both from the Server-Timing header). With {@code clients} above one (default
 * one), that many readers ask at once, each waiting for its page before asking again, and the runs
 * of a case are shared among them: the times are then what a reader gets on a busy server.
 */
public class SearchBenchmark {

    /** Words common in the seed pages, hence in generated records; the benchmark picks among them. */
    private static final List<String> CANDIDATES = List.of("soviet", "stalin", "chinese", "korea", "mao", "kim",
            "telegram", "military", "china", "discusses", "government", "war", "letter", "korean", "party",
            "conversation", "american", "talks", "north", "relations", "economic", "delegation", "meeting",
            "leadership", "armistice", "negotiations", "forces", "support", "situation", "ussr", "moscow", "army",
            "treaty", "aid", "agreement", "visit", "question", "assistance", "position", "report", "information",
            "ambassador", "committee", "central", "question", "soviets", "request", "prisoners", "republic");

    private static final Pattern TOTAL = Pattern.compile("\"total\":(\\d+)");
    private static final Pattern TIMING = Pattern.compile("search;dur=([0-9.]+)");
    private static final Pattern HANDLER = Pattern.compile("page;dur=([0-9.]+)");

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final int clients;

    SearchBenchmark(String base, int clients) {
        this.base = base.replaceAll("/+$", "");
        this.clients = clients;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: java bench/SearchBenchmark.java BASE_URL [runs] [warm-up runs] [clients]");
            System.exit(2);
        }
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 150;
        int clients = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        new SearchBenchmark(args[0], clients).run(runs, warmup);
    }

    private void run(int runs, int warmup) throws Exception {
        long all = total("/search.json?pageSize=1");
        String everything = get("/search.json?pageSize=1").body();
        String type = firstValue(everything, "type");
        String person = firstValue(everything, "person");
        Map<String, Long> shares = new LinkedHashMap<>();
        for (String word : CANDIDATES) {
            shares.putIfAbsent(word, total("/search.json?pageSize=1&q=" + encode(word)));
        }
        String broad = closest(shares, all * 0.5);
        String narrow = closest(shares, all * 0.01);
        System.out.printf(Locale.ROOT, "%,d records; broad word '%s' in %,d (%.1f%%), narrow word '%s' in %,d "
                        + "(%.1f%%); top type '%s', top person '%s'%n", all, broad, shares.get(broad),
                100.0 * shares.get(broad) / all, narrow, shares.get(narrow), 100.0 * shares.get(narrow) / all,
                type, person);

        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("neither (no words, no filter)", "/search");
        cases.put("broad query (q=" + broad + ")", "/search?q=" + encode(broad));
        cases.put("two facets (type, person)", "/search?type=" + encode(type) + "&person=" + encode(person));
        cases.put("broad query + two facets", "/search?q=" + encode(broad) + "&type=" + encode(type)
                + "&person=" + encode(person));
        cases.put("narrow query (q=" + narrow + ")", "/search?q=" + encode(narrow));
        cases.put("broad query, sorted by date", "/search?q=" + encode(broad) + "&sort=-date");
        cases.put("broad query, page 50", "/search?q=" + encode(broad) + "&page=50");
        String author = firstValue(everything, "author");
        if (author != null) {
            cases.put("letters from one author (author=" + author + ")", "/search?author=" + encode(author));
        }

        System.out.printf(Locale.ROOT, "%n%d runs after %d warm-up runs, %s%n%n", runs, warmup,
                clients == 1 ? "one request at a time" : clients + " clients asking at once");
        System.out.println("| case | hits | page median | page p90 | page p99 | page max | engine median | engine p99 "
                + "| handler median | handler p99 |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            measure(c.getKey(), c.getValue(), runs, warmup);
        }
    }

    private void measure(String name, String path, int runs, int warmup) throws Exception {
        double[] page = new double[runs];
        double[] engine = new double[runs];
        double[] handler = new double[runs];
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger(-warmup);
        java.util.concurrent.ExecutorService readers = java.util.concurrent.Executors.newFixedThreadPool(clients);
        try {
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                done.add(readers.submit(() -> {
                    // Every reader takes the next run (warm-up ones first) until there are none left.
                    for (int i = next.getAndIncrement(); i < runs; i = next.getAndIncrement()) {
                        long start = System.nanoTime();
                        HttpResponse<String> response = get(path);
                        double took = (System.nanoTime() - start) / 1e6;
                        check(response);
                        if (i < 0) {
                            continue;
                        }
                        page[i] = took;
                        String timing = response.headers().firstValue("Server-Timing").orElse("");
                        Matcher m = TIMING.matcher(timing);
                        engine[i] = m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
                        Matcher h = HANDLER.matcher(timing);
                        handler[i] = h.find() ? Double.parseDouble(h.group(1)) : Double.NaN;
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> reader : done) {
                reader.get();
            }
        } finally {
            readers.shutdownNow();
        }
        long hits = total(path.replaceFirst("^/search", "/search.json"));
        Arrays.sort(page);
        Arrays.sort(engine);
        Arrays.sort(handler);
        System.out.printf(Locale.ROOT, "| %s | %,d | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %.1f ms "
                        + "| %.1f ms | %.1f ms |%n",
                name, hits, percentile(page, 50), percentile(page, 90), percentile(page, 99), page[runs - 1],
                percentile(engine, 50), percentile(engine, 99), percentile(handler, 50), percentile(handler, 99));
    }

    private static void check(HttpResponse<String> response) {
        if (response.statusCode() != 200 || !response.body().contains("facet")) {
            throw new IllegalStateException(response.uri() + " answered " + response.statusCode());
        }
    }

    private static double percentile(double[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
    }

    private static String closest(Map<String, Long> shares, double target) {
        return shares.entrySet().stream()
                .min((a, b) -> Double.compare(Math.abs(a.getValue() - target), Math.abs(b.getValue() - target)))
                .orElseThrow().getKey();
    }

    /** The value of the first (largest) entry of a facet in a /search.json body. */
    private static String firstValue(String json, String facet) {
        Matcher m = Pattern.compile("\"" + facet + "\":\\[\\{\"value\":\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no values for facet " + facet);
        }
        return m.group(1);
    }

    private long total(String path) throws IOException, InterruptedException {
        Matcher m = TOTAL.matcher(get(path).body());
        if (!m.find()) {
            throw new IllegalStateException(path + " has no total");
        }
        return Long.parseLong(m.group(1));
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
