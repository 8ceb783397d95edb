import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What an editor meets while an import runs: signs in, then saves one record over and over (the
 * edit form read, a field changed, the form posted, as a browser does) and signs in afresh every
 * tenth round, until the file STOP exists. Prints the status counts and the median, 99th
 * percentile and maximum time of the saves and of the sign-ins. Run with the JDK alone:
 *
 * <pre>java bench/SavesDuringImport.java BASE_URL USER PASSWORD RECORD_ID STOP_FILE</pre>
 */
public class SavesDuringImport {

    private static final Pattern CHECKED = Pattern.compile(
            "<input[^>]*type=\"checkbox\"[^>]*name=\"(person|place)\"[^>]*value=\"(\\d+)\"[^>]*checked");

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: java bench/SavesDuringImport.java BASE_URL USER PASSWORD RECORD_ID STOP_FILE");
            System.exit(2);
        }
        String base = args[0].replaceAll("/+$", "");
        Path stop = Path.of(args[4]);
        List<Double> saves = new ArrayList<>();
        List<Double> signIns = new ArrayList<>();
        Map<Integer, Integer> saveStatus = new TreeMap<>();
        Map<Integer, Integer> signInStatus = new TreeMap<>();
        HttpClient editor = signIn(base, args[1], args[2], signIns, signInStatus);
        if (editor == null) {
            throw new IllegalStateException("could not sign in as " + args[1]);
        }
        int round = 0;
        while (!Files.exists(stop)) {
            round++;
            HttpResponse<String> form = send(editor, HttpRequest.newBuilder(URI.create(base + "/admin/documents/"
                    + args[3] + "/edit")).GET());
            if (form.statusCode() != 200) {
                // The form itself refused (a 503 while the database is locked, say): a save that failed.
                saveStatus.merge(form.statusCode(), 1, Integer::sum);
                Thread.sleep(100);
                continue;
            }
            String body = formBody(form.body(), round);
            long started = System.nanoTime();
            HttpResponse<String> saved = send(editor, HttpRequest.newBuilder(URI.create(base + "/admin/documents/"
                    + args[3] + "/edit")).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
            saves.add((System.nanoTime() - started) / 1e6);
            saveStatus.merge(saved.statusCode(), 1, Integer::sum);
            if (round % 10 == 0) {
                HttpClient again = signIn(base, args[1], args[2], signIns, signInStatus);
                if (again != null) {
                    editor = again;
                }
            }
        }
        report("saves", saves, saveStatus);
        report("sign-ins", signIns, signInStatus);
    }

    /** A client signed in afresh, or null when the sign-in was refused (the editor keeps the session she has). */
    private static HttpClient signIn(String base, String user, String password, List<Double> times,
            Map<Integer, Integer> statuses) throws Exception {
        HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
        String page = send(client, HttpRequest.newBuilder(URI.create(base + "/admin/login")).GET()).body();
        String body = "csrf=" + enc(input(page, "csrf")) + "&username=" + enc(user) + "&password=" + enc(password)
                + "&return=%2Fadmin";
        long started = System.nanoTime();
        HttpResponse<String> answer = send(client, HttpRequest.newBuilder(URI.create(base + "/admin/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)));
        times.add((System.nanoTime() - started) / 1e6);
        statuses.merge(answer.statusCode(), 1, Integer::sum);
        return answer.statusCode() == 303 ? client : null;
    }

    /** The edit form as a browser would send it, with the title and note changed for this round. */
    private static String formBody(String html, int round) {
        List<String> fields = new ArrayList<>();
        fields.add("csrf=" + enc(input(html, "csrf")));
        fields.add("version=" + enc(input(html, "version")));
        String title = input(html, "title").replaceAll(" \\(round \\d+\\)$", "");
        fields.add("title=" + enc(title + " (round " + round + ")"));
        fields.add("date=" + enc(input(html, "date")));
        Matcher select = Pattern.compile("<select[^>]*name=\"type\".*?</select>", Pattern.DOTALL).matcher(html);
        if (select.find()) {
            Matcher chosen = Pattern.compile("<option[^>]*value=\"([^\"]*)\"[^>]*selected").matcher(select.group());
            if (chosen.find()) {
                fields.add("type=" + enc(chosen.group(1)));
            }
        }
        Matcher checked = CHECKED.matcher(html);
        while (checked.find()) {
            fields.add(checked.group(1) + "=" + checked.group(2));
            Matcher role = Pattern.compile("<select[^>]*name=\"role-" + checked.group(2) + "\".*?</select>", Pattern.DOTALL)
                    .matcher(html);
            if (checked.group(1).equals("person") && role.find()) {
                Matcher chosen = Pattern.compile("<option[^>]*value=\"([^\"]*)\"[^>]*selected").matcher(role.group());
                if (chosen.find()) {
                    fields.add("role-" + checked.group(2) + "=" + enc(chosen.group(1)));
                }
            }
        }
        Matcher summary = Pattern.compile("<textarea[^>]*name=\"summary\"[^>]*>(.*?)</textarea>", Pattern.DOTALL)
                .matcher(html);
        fields.add("summary=" + enc(summary.find() ? unescape(summary.group(1)) : ""));
        fields.add("note=" + enc("Saved during an import, round " + round));
        return String.join("&", fields);
    }

    private static String input(String html, String name) {
        Matcher m = Pattern.compile("<input[^>]*name=\"" + name + "\"[^>]*>").matcher(html);
        if (!m.find()) {
            throw new IllegalStateException("no field " + name + " in:\n" + html);
        }
        Matcher value = Pattern.compile("value=\"([^\"]*)\"").matcher(m.group());
        return value.find() ? unescape(value.group(1)) : "";
    }

    private static String unescape(String html) {
        return html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&");
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) throws Exception {
        return client.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void report(String what, List<Double> times, Map<Integer, Integer> statuses) {
        List<Double> sorted = times.stream().sorted().toList();
        if (sorted.isEmpty()) {
            System.out.println(what + ": none");
            return;
        }
        System.out.printf(Locale.ROOT, "%-9s %5d   status %s   median %7.1f ms   p99 %7.1f ms   max %7.1f ms%n", what,
                sorted.size(), statuses.entrySet().stream().map(e -> e.getKey() + " x" + e.getValue())
                        .collect(Collectors.joining(", ")),
                sorted.get(sorted.size() / 2), sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * 0.99))),
                sorted.get(sorted.size() - 1));
    }
}
