import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dossier.importing.SeedPageParser;

/**
 * A seed page's parse alone, as both passes of an import read it: reads FILE (bench/seed-file.sh N,
 * whose every title ends in its number) ROUNDS times in this one JVM, with a sink that only counts,
 * and prints each round's wall and thread CPU time in ms. The first round is what the first pass of a
 * cold `import` pays (the JIT compiling); the last are the parse itself. Run with each jar:
 *
 * <pre>java -cp BEFORE.jar bench/SeedPageParse.java FILE ROUNDS BEFORE</pre>
 */
public class SeedPageParse {

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int rounds = Integer.parseInt(args[1]);
        SeedPageParser parser = new SeedPageParser();
        var threads = ManagementFactory.getThreadMXBean();
        StringBuilder out = new StringBuilder(args.length > 2 ? args[2] : "");
        for (int r = 0; r < rounds; r++) {
            long start = System.nanoTime();
            long cpu = threads.getCurrentThreadCpuTime();
            int[] entries = {0};
            try (var in = Files.newInputStream(file)) {
                parser.read(file.getFileName().toString(), in, entry -> entries[0]++);
            }
            out.append(String.format(" %.0f/%.0f", (System.nanoTime() - start) / 1e6,
                    (threads.getCurrentThreadCpuTime() - cpu) / 1e6));
        }
        System.out.println(out + " (wall/CPU ms per round of " + rounds + ")");
    }
}
