import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Two nodes measured at once: each request of a file (one path a line, e.g. from
 * {@code LoadBenchmark --paths}) is sent to one node and then to the other, which goes first swapped
 * every request, and each node's user + system time (/proc/PID/stat) is read around its own
 * requests. This machine's speed drifts by half within minutes, so two builds measured one after
 * the other differ by the drift as much as by themselves; measured this way both bear it alike.
 * A node's place (first or second port) can weigh too: run it again with the builds swapped. The
 * two answers to each request are compared too (status and body, each node's own address taken
 * out, as written and URL-encoded): the last column counts those that differ, and the first few
 * are named on standard error. Run with the JDK alone:
 *
 * <pre>java bench/TwinCpu.java PORT_1 PID_1 PORT_2 PID_2 FILE...</pre>
 *
 * With the environment variable ACCEPT_ENCODING set (e.g. {@code "gzip, deflate, br, zstd"}, what
 * Chromium sends), every request says it, so the nodes compress as for a browser; a gzipped answer
 * is unzipped before it is compared.
 *
 * <p>Each node's wall time for each of its requests (sent to the answer's last byte, one request at a
 * time) is kept too: the median and the 99th percentile of each file, each node, close the line.
 */
public class TwinCpu {

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("usage: java bench/TwinCpu.java PORT_1 PID_1 PORT_2 PID_2 FILE...");
            System.exit(2);
        }
        HttpClient client = HttpClient.newHttpClient();
        String acceptEncoding = System.getenv("ACCEPT_ENCODING");
        int[] ports = {Integer.parseInt(args[0]), Integer.parseInt(args[2])};
        long[] pids = {Long.parseLong(args[1]), Long.parseLong(args[3])};
        System.out.printf(Locale.ROOT, "| requests | node :%d, CPU ms each | node :%d, CPU ms each | second / first | answers differ "
                + "| :%d p50 ms | :%d p50 ms | :%d p99 ms | :%d p99 ms |%n", ports[0], ports[1], ports[0], ports[1], ports[0], ports[1]);
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (int f = 4; f < args.length; f++) {
            List<String> paths = Files.readAllLines(Path.of(args[f]));
            long[] ticks = new long[2];
            long[][] walls = new long[2][paths.size()];
            int differ = 0;
            for (int i = 0; i < paths.size(); i++) {
                String[] answers = new String[2];
                for (int k = 0; k < 2; k++) {
                    int node = (i + k) % 2;
                    long before = ticks(pids[node]);
                    long sent = System.nanoTime();
                    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports[node] + paths.get(i)));
                    if (acceptEncoding != null) {
                        request.header("Accept-Encoding", acceptEncoding);
                    }
                    HttpResponse<byte[]> answer = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                    walls[node][i] = System.nanoTime() - sent;
                    ticks[node] += ticks(pids[node]) - before;
                    answers[node] = answer.statusCode() + " " + text(answer)
                            .replace("127.0.0.1:" + ports[node], "NODE").replace("127.0.0.1%3A" + ports[node], "NODE");
                }
                if (!answers[0].equals(answers[1]) && differ++ < 5) {
                    System.err.println("the two nodes answer differently: " + paths.get(i));
                }
            }
            // Clock ticks are hundredths of a second on Linux.
            System.out.printf(Locale.ROOT, "| %s (%d) | %.1f | %.1f | %.3f | %d | %.1f | %.1f | %.1f | %.1f |%n", args[f], paths.size(),
                    ticks[0] * 10.0 / paths.size(), ticks[1] * 10.0 / paths.size(), (double) ticks[1] / ticks[0], differ,
                    percentile(walls[0], 0.50), percentile(walls[1], 0.50), percentile(walls[0], 0.99), percentile(walls[1], 0.99));
        }
    }

    /** The {@code share} percentile of {@code nanos}, in milliseconds (nearest rank). */
    private static double percentile(long[] nanos, double share) {
        long[] sorted = nanos.clone();
        java.util.Arrays.sort(sorted);
        return sorted.length == 0 ? 0 : sorted[Math.max(0, (int) Math.ceil(share * sorted.length) - 1)] / 1e6;
    }

    private static String text(HttpResponse<byte[]> answer) throws java.io.IOException {
        byte[] body = answer.body();
        if (answer.headers().firstValue("Content-Encoding").orElse("").equals("gzip")) {
            try (var unzipped = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
                body = unzipped.readAllBytes();
            }
        }
        return new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The process's user and system time so far, in clock ticks (fields 14 and 15 of /proc/PID/stat). */
    private static long ticks(long pid) throws java.io.IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
