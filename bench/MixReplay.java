import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The load mix's requests one at a time, in the log's order, each written down with its kind and
 * when it was asked and answered (wall-clock nanoseconds, to be matched with a flight recording's
 * samples: {@code bench/MixAttribution.java}), its status, bytes and {@code Server-Timing}. Run with
 * the JDK alone:
 *
 * <pre>java bench/MixReplay.java URL PATHS FROM TO OUT.tsv [BODIES_DIR]</pre>
 *
 * PATHS holds one path a line ({@code java bench/LoadBenchmark.java URL --paths N}); lines FROM to
 * TO - 1 are asked. Each request says {@code Accept-Encoding} as a browser does, unless BODIES_DIR
 * is given: then each answer is asked uncompressed and saved there as its line's number (the
 * status on the first line), to compare two builds' pages byte for byte ({@code diff -r}).
 */
public class MixReplay {

    public static void main(String[] args) throws Exception {
        List<String> paths = Files.readAllLines(Path.of(args[1]));
        int from = Integer.parseInt(args[2]);
        int to = Math.min(paths.size(), Integer.parseInt(args[3]));
        Path bodies = args.length > 5 ? Path.of(args[5]) : null;
        if (bodies != null) {
            Files.createDirectories(bodies);
        }
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        StringBuilder out = new StringBuilder();
        for (int i = from; i < to; i++) {
            String path = paths.get(i);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(args[0] + path)).timeout(Duration.ofSeconds(120)).GET();
            if (bodies == null) {
                request.header("Accept-Encoding", "gzip, deflate, br, zstd");
            }
            Instant asked = Instant.now();
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            Instant answered = Instant.now();
            if (bodies != null) {
                Path body = bodies.resolve(String.valueOf(i));
                Files.write(body, (response.statusCode() + "\n").getBytes());
                Files.write(body, response.body(), StandardOpenOption.APPEND);
            }
            out.append(i).append('\t').append(kind(path)).append('\t').append(nanos(asked)).append('\t')
                    .append(nanos(answered)).append('\t').append(response.statusCode()).append('\t')
                    .append(response.body().length).append('\t')
                    .append(response.headers().firstValue("Server-Timing").orElse("")).append('\t').append(path).append('\n');
        }
        Files.writeString(Path.of(args[4]), out);
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    /** The mix's kind of a path, as bench/LoadBenchmark.java makes them; words with filters and a range apart. */
    static String kind(String path) {
        if (path.startsWith("/documents/")) {
            return "record_page";
        }
        if (path.startsWith("/search.csv")) {
            return "export";
        }
        if (path.contains("page=")) {
            return "deep_page";
        }
        boolean words = path.contains("q=");
        boolean filters = path.contains("type=") || path.contains("person=") || path.contains("place=");
        if (words && filters) {
            return path.contains("from=") ? "words_filters_range" : "words_and_filters";
        }
        return words ? "words" : "facets";
    }
}
