import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a search page's time goes beyond the engine's, by the parts its Server-Timing header names
 * ({@code serve --server-timing}): each address asked RUNS times after WARM-UP, one at a time over
 * one kept-alive connection, as SearchBenchmark asks (no Accept-Encoding unless GZIP is given). Prints
 * a Markdown row per address: the client's median and p90, the median of each part the header has,
 * and two medians of differences per request: the handler beyond the engine ({@code page - search})
 * and what the client waited beyond the handler (writing the body, the connection, the client).
 * Run with the JDK alone:
 *
 * <pre>java bench/PageParts.java BASE_URL RUNS WARM-UP [gzip] PATH...</pre>
 */
public class PageParts {

    private static final Pattern PART = Pattern.compile("(\\w+);dur=([0-9.]+)");
    private static final List<String> ORDER = List.of("search", "counts", "records", "citations", "render", "page");

    public static void main(String[] args) throws Exception {
        String base = args[0].replaceAll("/+$", "");
        int runs = Integer.parseInt(args[1]);
        int warmup = Integer.parseInt(args[2]);
        boolean gzip = args[3].equals("gzip");
        HttpClient client = HttpClient.newHttpClient();
        System.out.println("| address | bytes | client median | client p90 | " + String.join(" | ", ORDER)
                + " | page - search | client - page |");
        System.out.println("|---|---:|---:|---:|" + "---:|".repeat(ORDER.size() + 2));
        for (int a = gzip ? 4 : 3; a < args.length; a++) {
            Map<String, List<Double>> times = new TreeMap<>();
            long bytes = 0;
            for (int i = -warmup; i < runs; i++) {
                HttpRequest.Builder ask = HttpRequest.newBuilder(URI.create(base + args[a]));
                if (gzip) {
                    ask.header("Accept-Encoding", "gzip");
                }
                long start = System.nanoTime();
                HttpResponse<byte[]> answer = client.send(ask.build(), HttpResponse.BodyHandlers.ofByteArray());
                double took = (System.nanoTime() - start) / 1e6;
                if (answer.statusCode() != 200) {
                    throw new IllegalStateException(args[a] + " answered " + answer.statusCode());
                }
                if (i < 0) {
                    continue;
                }
                bytes = answer.body().length;
                Map<String, Double> parts = new TreeMap<>();
                Matcher m = PART.matcher(answer.headers().firstValue("Server-Timing").orElse(""));
                while (m.find()) {
                    parts.put(m.group(1), Double.parseDouble(m.group(2)));
                }
                parts.forEach((name, ms) -> times.computeIfAbsent(name, n -> new ArrayList<>()).add(ms));
                times.computeIfAbsent("client", n -> new ArrayList<>()).add(took);
                if (parts.containsKey("page") && parts.containsKey("search")) {
                    times.computeIfAbsent("beyond", n -> new ArrayList<>()).add(parts.get("page") - parts.get("search"));
                    times.computeIfAbsent("after", n -> new ArrayList<>()).add(took - parts.get("page"));
                }
            }
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| `%s` | %,d | %s | %s |", args[a], bytes,
                    ms(times.get("client"), 50), ms(times.get("client"), 90)));
            for (String part : ORDER) {
                row.append(' ').append(ms(times.get(part), 50)).append(" |");
            }
            row.append(' ').append(ms(times.get("beyond"), 50)).append(" | ").append(ms(times.get("after"), 50)).append(" |");
            System.out.println(row);
        }
    }

    private static String ms(List<Double> values, int percentile) {
        if (values == null) {
            return "–";
        }
        Collections.sort(values);
        int rank = (int) Math.ceil(percentile / 100.0 * values.size()) - 1;
        return String.format(Locale.ROOT, "%.1f", values.get(Math.max(0, Math.min(values.size() - 1, rank))));
    }
}
