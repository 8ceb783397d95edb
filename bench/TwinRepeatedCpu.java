import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Two nodes' CPU per request over the same paths asked again and again (so that, after the first
 * rounds, what each node keeps is what is measured): every path with a browser's Accept-Encoding,
 * all of them to one node and then to the other, which goes first swapped each round.
 *
 * <pre>java bench/TwinRepeatedCpu.java PORT_1 PID_1 PORT_2 PID_2 PATHS ROUNDS</pre>
 */
public class TwinRepeatedCpu {
    static long cpu(long pid) throws Exception {
        String st = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] r = st.substring(st.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(r[11]) + Long.parseLong(r[12]);
    }
    public static void main(String[] a) throws Exception {
        if (a.length < 6) {
            System.err.println("usage: java bench/TwinRepeatedCpu.java PORT_1 PID_1 PORT_2 PID_2 PATHS ROUNDS");
            System.exit(2);
        }
        int[] port = {Integer.parseInt(a[0]), Integer.parseInt(a[2])};
        long[] pid = {Long.parseLong(a[1]), Long.parseLong(a[3])};
        List<String> paths = Files.readAllLines(Path.of(a[4]));
        int rounds = Integer.parseInt(a[5]);
        HttpClient http = HttpClient.newHttpClient();
        double[] total = new double[2]; long[] bytes = new long[2];
        for (int round = 0; round < rounds; round++) {
            for (int k = 0; k < 2; k++) {
                int node = round % 2 == 0 ? k : 1 - k;
                long c0 = cpu(pid[node]);
                for (String p : paths) {
                    HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port[node] + p))
                            .header("Accept-Encoding", "gzip, deflate, br, zstd").build();
                    bytes[node] += http.send(req, HttpResponse.BodyHandlers.ofByteArray()).body().length;
                }
                double ms = (cpu(pid[node]) - c0) * 10.0 / paths.size();
                if (round > 0) total[node] += ms;
                System.out.printf("round %d node %d: %.2f ms CPU a request%n", round, node + 1, ms);
            }
        }
        System.out.printf("mean of rounds 2..%d: node 1 %.2f ms, node 2 %.2f ms a request; bytes a response %d vs %d%n", rounds,
                total[0] / (rounds - 1), total[1] / (rounds - 1), bytes[0] / rounds / paths.size(), bytes[1] / rounds / paths.size());
    }
}
