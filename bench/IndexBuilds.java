import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What each of the secondary indexes generate drops and makes again costs to build on a catalogue
 * already made: drops them (or those named in the third argument, comma-separated), then makes
 * them again one by one on one connection set as generate sets its new file's (no journal, no
 * waiting for the disk, temporary storage in memory, two sorter threads, 256 MB cache), plus the
 * pragmas of the second argument (';'-separated, may be empty), printing each build's wall time
 * and the process's user and system CPU. The file ends with every index, as it began. Run with the
 * jar on the class path and the benchmark lock held:
 * {@code flock /work/wt/bench.lock java -cp target/dossier.jar bench/IndexBuilds.java FILE 'PRAGMA mmap_size=17179869184'}
 */
public class IndexBuilds {

    private static double[] cpu() throws Exception {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new double[] {Long.parseLong(fields[11]) / 100.0, Long.parseLong(fields[12]) / 100.0};
    }

    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + args[0]); Statement s = c.createStatement()) {
            for (String pragma : List.of("PRAGMA journal_mode=OFF", "PRAGMA synchronous=OFF", "PRAGMA temp_store=MEMORY",
                    "PRAGMA threads=2", "PRAGMA cache_size=-262144")) {
                s.execute(pragma);
            }
            for (String pragma : (args.length > 1 ? args[1] : "").split(";")) {
                if (!pragma.isBlank()) {
                    s.execute(pragma);
                    System.out.println("with " + pragma);
                }
            }
            List<String[]> indexes = new ArrayList<>();
            try (ResultSet r = s.executeQuery("select name, sql from sqlite_master where type = 'index' and sql is not null"
                    + " and tbl_name in ('document', 'document_person', 'document_place', 'revision') order by name")) {
                while (r.next()) {
                    if (args.length < 3 || List.of(args[2].split(",")).contains(r.getString(1))) {
                        indexes.add(new String[] {r.getString(1), r.getString(2)});
                    }
                }
            }
            for (String[] index : indexes) {
                s.execute("DROP INDEX " + index[0]);
            }
            double[] start = cpu();
            long began = System.nanoTime();
            for (String[] index : indexes) {
                double[] before = cpu();
                long at = System.nanoTime();
                s.execute(index[1]);
                double[] after = cpu();
                System.out.printf("%-28s wall %6.1f s  user %6.1f s  sys %5.1f s%n", index[0], (System.nanoTime() - at) / 1e9,
                        after[0] - before[0], after[1] - before[1]);
            }
            double[] end = cpu();
            System.out.printf("%-28s wall %6.1f s  user %6.1f s  sys %5.1f s%n", "all", (System.nanoTime() - began) / 1e9,
                    end[0] - start[0], end[1] - start[1]);
        }
    }
}
