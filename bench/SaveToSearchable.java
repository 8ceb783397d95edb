import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

/**
 * Save-to-searchable on the other node: an editor signed in on node A saves a correction that adds
 * a new word to a record, and the time is taken from the save's answer (303) to the first search on
 * node B that finds the word. Also the save itself (the POST, as the editor waits for it). Run with
 * jsoup on the class path (it reads the edit form as a browser would):
 *
 * <pre>java -cp target/dossier.jar:jsoup.jar bench/SaveToSearchable.java NODE_A NODE_B USER PASSWORD [saves]</pre>
 */
public class SaveToSearchable {

    private static final Pattern TOTAL = Pattern.compile("\"total\":(\\d+)");

    private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .connectTimeout(Duration.ofSeconds(10)).build();

    public static void main(String[] args) throws Exception {
        String a = args[0].replaceAll("/+$", "");
        String b = args[1].replaceAll("/+$", "");
        int saves = args.length > 4 ? Integer.parseInt(args[4]) : 50;
        new SaveToSearchable().run(a, b, args[2], args[3], saves);
    }

    private void run(String a, String b, String user, String password, int saves) throws Exception {
        String csrf = Jsoup.parse(get(a + "/admin/login").body()).selectFirst("input[name=csrf]").attr("value");
        HttpResponse<String> signedIn = post(a + "/admin/login", List.of(Map.entry("csrf", csrf),
                Map.entry("username", user), Map.entry("password", password), Map.entry("return", "/admin")));
        if (signedIn.statusCode() != 303) {
            throw new IllegalStateException("sign-in on " + a + " answered " + signedIn.statusCode());
        }
        long total = total(get(b + "/search.json").body());
        SplittableRandom random = new SplittableRandom(1991);
        double[] saving = new double[saves];
        double[] searchable = new double[saves];
        int polls = 0;
        for (int i = 0; i < saves; i++) {
            long id = 1 + random.nextLong(total);
            HttpResponse<String> form = get(a + "/admin/documents/" + id + "/edit");
            if (form.statusCode() != 200) {
                i--;
                continue;
            }
            String word = word(random);
            List<Map.Entry<String, String>> fields = fields(form.body());
            fields.removeIf(f -> f.getKey().equals("note"));
            fields.replaceAll(f -> f.getKey().equals("summary")
                    ? Map.entry("summary", f.getValue().strip() + "\n\nChecked again: " + word + ".") : f);
            fields.add(Map.entry("note", "Benchmark: save on one node, search on the other"));
            long started = System.nanoTime();
            HttpResponse<String> saved = post(a + "/admin/documents/" + id + "/edit", fields);
            long acknowledged = System.nanoTime();
            if (saved.statusCode() != 303) {
                throw new IllegalStateException("saving record " + id + " answered " + saved.statusCode());
            }
            while (total(get(b + "/search.json?q=" + word).body()) == 0) {
                polls++;
                if (System.nanoTime() - acknowledged > 10_000_000_000L) {
                    throw new IllegalStateException("'" + word + "' not found on " + b + " after 10 s");
                }
                Thread.sleep(5);
            }
            searchable[i] = (System.nanoTime() - acknowledged) / 1e6;
            saving[i] = (acknowledged - started) / 1e6;
        }
        Arrays.sort(saving);
        Arrays.sort(searchable);
        System.out.printf(Locale.ROOT, "%d saves through node A, each of a random record of %d; node B searched until it"
                + " found the new word (%d searches found nothing yet)%n%n", saves, total, polls);
        System.out.println("| what | median | p90 | p99 | max |");
        System.out.println("|---|---:|---:|---:|---:|");
        row("the save on node A (POST to 303)", saving);
        row("from node A's 303 to node B's search finding the word", searchable);
    }

    private static void row(String what, double[] sorted) {
        System.out.printf(Locale.ROOT, "| %s | %.1f ms | %.1f ms | %.1f ms | %.1f ms |%n", what, at(sorted, 0.5),
                at(sorted, 0.9), at(sorted, 0.99), sorted[sorted.length - 1]);
    }

    /** A word no record has: ten letters from the random source. */
    private static String word(SplittableRandom random) {
        StringBuilder word = new StringBuilder("qx");
        for (int i = 0; i < 10; i++) {
            word.append((char) ('a' + random.nextInt(26)));
        }
        return word.toString();
    }

    /** The edit form's fields as a browser sends them. */
    private static List<Map.Entry<String, String>> fields(String html) {
        Element form = Jsoup.parse(html).selectFirst("form.record-form");
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        for (Element e : form.select("input[name], textarea[name], select[name]")) {
            String name = e.attr("name");
            switch (e.tagName()) {
                case "textarea" -> fields.add(Map.entry(name, e.wholeText()));
                case "select" -> {
                    Element chosen = e.selectFirst("option[selected]");
                    fields.add(Map.entry(name, (chosen == null ? e.selectFirst("option") : chosen).attr("value")));
                }
                default -> {
                    boolean box = e.attr("type").equals("checkbox") || e.attr("type").equals("radio");
                    if (!box || e.hasAttr("checked")) {
                        fields.add(Map.entry(name, e.attr("value")));
                    }
                }
            }
        }
        return fields;
    }

    private static long total(String json) {
        Matcher m = TOTAL.matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no total in " + json);
        }
        return Long.parseLong(m.group(1));
    }

    private static double at(double[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)];
    }

    private HttpResponse<String> get(String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, List<Map.Entry<String, String>> fields) throws Exception {
        StringBuilder body = new StringBuilder();
        for (Map.Entry<String, String> f : fields) {
            if (body.length() > 0) {
                body.append('&');
            }
            body.append(URLEncoder.encode(f.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(f.getValue(), StandardCharsets.UTF_8));
        }
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", url.replaceAll("^(https?://[^/]+).*$", "$1"))
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }
}
