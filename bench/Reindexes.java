import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.dossier.app.Database;
import org.dossier.search.LuceneSearchEngine;

/**
 * Rebuilds a catalogue's search index several times in one JVM, into a folder of its own, and
 * prints each build's wall time and the process's CPU time (user + system, every thread: the
 * writers, the reader, merges, the JIT and the collector) over it: the later builds are warm, so
 * that two builds can be compared on a busy machine without the JIT's start in the way.
 *
 * <pre>java -cp target/dossier.jar bench/Reindexes.java DB [builds]</pre>
 */
public class Reindexes {

    public static void main(String[] args) throws Exception {
        Path db = Path.of(args[0]);
        int builds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path folder = Files.createTempDirectory("reindexes").resolve("index");
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (Database database = Database.open(db)) {
            for (int i = 1; i <= builds; i++) {
                long cpu = os.getProcessCpuTime();
                long started = System.nanoTime();
                long records = LuceneSearchEngine.rebuild(folder, database.dsl(), (done, total) -> { });
                double wall = (System.nanoTime() - started) / 1e9;
                double used = (os.getProcessCpuTime() - cpu) / 1e9;
                System.out.printf(Locale.ROOT, "build %d: %,d records in %.1f s (%,.0f records/s), %.1f s of CPU (%.0f µs a record)%n",
                        i, records, wall, records / wall, used, used * 1e6 / records);
            }
        }
    }
}
