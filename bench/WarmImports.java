import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.dossier.app.Database;
import org.dossier.documents.RecordStore;
import org.dossier.importing.ImportReport;
import org.dossier.importing.ImportRun;

/**
 * An import's cost once its code is compiled: imports FILE into a fresh copy of CATALOGUE (a SQLite
 * file holding the seeds) RUNS times in this one JVM, and prints each run's wall time and the
 * process's CPU time per entry. A cold `java -jar dossier.jar import` of tens of thousands of
 * entries is mostly the JIT compiling (BENCHMARKS.md, "Imports, third round"); the last runs here
 * are the work itself. With OUT.jfr, the last three runs are recorded by JFR, sampling every 2 ms.
 *
 * <pre>java -cp target/dossier.jar bench/WarmImports.java CATALOGUE FILE RUNS [OUT.jfr]</pre>
 */
public class WarmImports {

    public static void main(String[] args) throws Exception {
        Path catalogue = Path.of(args[0]);
        Path file = Path.of(args[1]);
        int runs = Integer.parseInt(args[2]);
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean();
        Path work = Files.createTempDirectory("warm-imports-");
        jdk.jfr.Recording recording = null;
        for (int i = 1; i <= runs; i++) {
            Path db = work.resolve(i + ".db");
            Files.copy(catalogue, db);
            if (args.length > 3 && i == Math.max(1, runs - 2)) {
                recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
                recording.enable("jdk.ExecutionSample").withPeriod(java.time.Duration.ofMillis(2));
                recording.enable("jdk.NativeMethodSample").withPeriod(java.time.Duration.ofMillis(2));
                recording.start();
            }
            try (Database database = Database.open(db)) {
                long cpu = os.getProcessCpuTime();
                long start = System.nanoTime();
                ImportReport report = new ImportRun(new RecordStore(database.dsl(), Clock.systemUTC()),
                        Clock.systemUTC()).run(List.of(file));
                double wall = (System.nanoTime() - start) / 1e9;
                double used = (os.getProcessCpuTime() - cpu) / 1e9;
                System.out.printf("run %d: %.1f s wall, %.1f s CPU, %.0f µs CPU per entry, %.0f entries/s  %s%n", i,
                        wall, used, used * 1e6 / report.entries(), report.entries() / wall, report.summary());
            }
            for (String suffix : List.of("", "-wal", "-shm")) {
                Files.deleteIfExists(Path.of(db + suffix));
            }
        }
        if (recording != null) {
            recording.stop();
            recording.dump(Path.of(args[3]));
            recording.close();
        }
        Files.deleteIfExists(work);
    }
}
