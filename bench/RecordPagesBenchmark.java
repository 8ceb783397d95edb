import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures record pages as a reader gets them: the whole HTML page of a record's canonical address
 * (/documents/{id}/{slug}), one request in flight at a time, after a warm-up, over records picked at
 * random (a fixed seed) across the whole catalogue. Run with the JDK alone:
 *
 * <pre>java bench/RecordPagesBenchmark.java http://127.0.0.1:7070 [runs] [warm-up runs]</pre>
 */
public class RecordPagesBenchmark {

    private static final Pattern TOTAL = Pattern.compile("\"total\":(\\d+)");

    public static void main(String[] args) throws Exception {
        String base = args[0].replaceAll("/+$", "");
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        Matcher m = TOTAL.matcher(get(client, base + "/search.json").body());
        if (!m.find()) {
            throw new IllegalStateException("no total in " + base + "/search.json");
        }
        long total = Long.parseLong(m.group(1));
        // The canonical address of each picked record, found through its permanent one (not timed).
        SplittableRandom random = new SplittableRandom(1950);
        List<String> pages = new ArrayList<>();
        while (pages.size() < runs + warmup) {
            long id = 1 + random.nextLong(total);
            HttpResponse<String> permanent = get(client, base + "/documents/" + id);
            if (permanent.statusCode() == 301) {
                pages.add(permanent.headers().firstValue("Location").orElseThrow());
            }
        }
        for (String page : pages.subList(0, warmup)) {
            get(client, absolute(base, page));
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            String url = absolute(base, pages.get(warmup + i));
            long start = System.nanoTime();
            HttpResponse<String> response = get(client, url);
            ms[i] = (System.nanoTime() - start) / 1e6;
            if (response.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + response.statusCode());
            }
        }
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "%d records; %d different record pages after %d warm-up pages%n%n", total, runs,
                warmup);
        System.out.println("| case | median | p90 | p99 | max |");
        System.out.println("|---|---:|---:|---:|---:|");
        System.out.printf(Locale.ROOT, "| record page (/documents/{id}/{slug}) | %.1f ms | %.1f ms | %.1f ms | %.1f ms |%n",
                at(ms, 0.5), at(ms, 0.9), at(ms, 0.99), ms[ms.length - 1]);
    }

    private static String absolute(String base, String location) {
        return location.startsWith("http") ? location : base + location;
    }

    private static double at(double[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)];
    }

    private static HttpResponse<String> get(HttpClient client, String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
