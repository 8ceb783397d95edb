import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures the catalogue listing (/) as a reader gets it: the whole HTML page, one request in
 * flight at a time, after a warm-up, on its first page, a page in the middle and the last page,
 * in each order. Run with the JDK alone:
 *
 * <pre>java bench/ListingBenchmark.java http://127.0.0.1:7070 [runs] [warm-up runs]</pre>
 */
public class ListingBenchmark {

    private static final Pattern TOTAL = Pattern.compile("of ([0-9,]+)</p>");

    public static void main(String[] args) throws Exception {
        String base = args[0].replaceAll("/+$", "");
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        Matcher m = TOTAL.matcher(get(client, base + "/").body());
        if (!m.find()) {
            throw new IllegalStateException("no count on " + base + "/");
        }
        long total = Long.parseLong(m.group(1).replace(",", ""));
        long last = Math.max(1, (total + 9) / 10);
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("newest first, page 1", "/");
        cases.put("newest first, middle page " + (last / 2), "/?page=" + (last / 2));
        cases.put("newest first, last page " + last, "/?page=" + last);
        cases.put("oldest first, middle page", "/?sort=date&page=" + (last / 2));
        cases.put("title, page 1", "/?sort=title");
        cases.put("title, middle page", "/?sort=title&page=" + (last / 2));
        System.out.printf(Locale.ROOT, "%s records; %d runs after %d warm-up runs each%n%n", total, runs, warmup);
        System.out.println("| case | median | p90 | p99 | max |");
        System.out.println("|---|---:|---:|---:|---:|");
        for (var c : cases.entrySet()) {
            for (int i = 0; i < warmup; i++) {
                get(client, base + c.getValue());
            }
            double[] ms = new double[runs];
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                HttpResponse<String> response = get(client, base + c.getValue());
                ms[i] = (System.nanoTime() - start) / 1e6;
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(c.getValue() + " answered " + response.statusCode());
                }
            }
            Arrays.sort(ms);
            System.out.printf(Locale.ROOT, "| %s | %.1f ms | %.1f ms | %.1f ms | %.1f ms |%n", c.getKey(),
                    at(ms, 0.5), at(ms, 0.9), at(ms, 0.99), ms[ms.length - 1]);
        }
    }

    private static double at(double[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)];
    }

    private static HttpResponse<String> get(HttpClient client, String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
