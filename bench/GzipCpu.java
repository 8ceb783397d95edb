import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One node's CPU per request (user + system time, /proc/PID/stat) without and with a browser's
 * Accept-Encoding, the same paths in turn, round after round (which goes first swapped each round).
 *
 * <pre>java bench/GzipCpu.java PORT PID PATHS ROUNDS</pre>
 */
public class GzipCpu {
    static long cpu(long pid) throws Exception {
        String st = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] r = st.substring(st.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(r[11]) + Long.parseLong(r[12]);
    }
    public static void main(String[] a) throws Exception {
        if (a.length < 4) {
            System.err.println("usage: java bench/GzipCpu.java PORT PID PATHS ROUNDS");
            System.exit(2);
        }
        int port = Integer.parseInt(a[0]); long pid = Long.parseLong(a[1]);
        List<String> paths = Files.readAllLines(Path.of(a[2]));
        int rounds = Integer.parseInt(a[3]);
        HttpClient http = HttpClient.newHttpClient();
        double[] total = new double[2]; long[] bytes = new long[2];
        for (int round = 0; round < rounds; round++) {
            for (int mode = 0; mode < 2; mode++) {
                int m = (round % 2 == 0) ? mode : 1 - mode;
                long c0 = cpu(pid);
                for (String p : paths) {
                    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + p));
                    if (m == 1) b.header("Accept-Encoding", "gzip, deflate, br, zstd");
                    HttpResponse<byte[]> resp = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
                    bytes[m] += resp.body().length;
                }
                double ms = (cpu(pid) - c0) * 10.0 / paths.size();
                total[m] += ms;
                System.out.printf("round %d %s: %.2f ms CPU a request%n", round, m == 0 ? "plain" : "gzip ", ms);
            }
        }
        System.out.printf("mean: plain %.2f ms, gzip %.2f ms a request; bytes a response %d vs %d%n",
                total[0] / rounds, total[1] / rounds, bytes[0] / rounds / paths.size(), bytes[1] / rounds / paths.size());
    }
}
