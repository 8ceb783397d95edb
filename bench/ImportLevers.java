import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;
import org.dossier.app.Database;
import org.dossier.documents.RecordStore;
import org.dossier.importing.ImportReport;
import org.dossier.importing.ImportRun;

/**
 * The import's levers one at a time: imports FILE into a fresh copy of CATALOGUE (a SQLite file
 * holding the seeds) once per tuning given, in this one JVM, and prints the wall time and rate of
 * each. A tuning is CHUNK:BESIDE:CACHE (BESIDE: pages read and names found on a thread beside the writer), e.g. 2000:true:true (the default). Run with the jar:
 *
 * <pre>java -cp target/dossier.jar bench/ImportLevers.java CATALOGUE FILE TUNING...</pre>
 *
 * The first run also warms the JVM; run the default first and last to see how much that moved.
 */
public class ImportLevers {

    public static void main(String[] args) throws Exception {
        Path catalogue = Path.of(args[0]);
        Path file = Path.of(args[1]);
        Path work = Files.createTempDirectory("import-levers-");
        for (int i = 2; i < args.length; i++) {
            String[] parts = args[i].split(":");
            ImportRun.Tuning tuning = new ImportRun.Tuning(Integer.parseInt(parts[0]), Boolean.parseBoolean(parts[1]),
                    Boolean.parseBoolean(parts[2]));
            Path db = work.resolve(i + ".db");
            Files.copy(catalogue, db, StandardCopyOption.REPLACE_EXISTING);
            try (Database database = Database.open(db)) {
                long start = System.nanoTime();
                ImportReport report = new ImportRun(new RecordStore(database.dsl(), Clock.systemUTC()), Clock.systemUTC(),
                        tuning).run(List.of(file));
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("%-22s %7.1f s %8.0f records/s  %s%n", args[i], seconds, report.created() / seconds,
                        report.summary());
            }
            for (String suffix : List.of("", "-wal", "-shm")) {
                Files.deleteIfExists(Path.of(db + suffix));
            }
        }
        Files.deleteIfExists(work);
    }
}
