import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Whether a bulk write should keep an index live or drop it and build it at the end: copies the
 * first million records' rows of one table of a generated catalogue (SOURCE) into a new file (TARGET,
 * deleted first) set as generate sets its new file's (no journal, no waiting for the disk,
 * temporary storage in memory, two sorter threads, 256 MB cache, foreign keys not checked), a
 * thousand records a statement and 50,000 a transaction in record order, as generate writes them,
 * with the table's other indexes live and the named ones either live ({@code live}) or made at the
 * end ({@code later}). Prints the writing thread's CPU for the copy and for the builds (SQLite's
 * sorter thread is not counted; its wall time is). Run with the jar on the class path and the
 * benchmark lock held, the two ways in turn:
 * {@code flock /work/wt/bench.lock java -cp target/dossier.jar bench/IndexLiveOrLater.java 1m.db /tmp/x.db document_person later document_person_by_person}
 */
public class IndexLiveOrLater {

    private static double cpu() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1e9;
    }

    public static void main(String[] args) throws Exception {
        String source = args[0];
        Path target = Path.of(args[1]);
        String table = args[2];
        boolean live = args[3].equals("live");
        List<String> named = Arrays.asList(args).subList(4, args.length);
        Files.deleteIfExists(target);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + target); Statement s = c.createStatement()) {
            for (String pragma : List.of("journal_mode=OFF", "synchronous=OFF", "temp_store=MEMORY", "cache_size=-262144",
                    "threads=2", "foreign_keys=OFF")) {
                s.execute("PRAGMA " + pragma);
            }
            s.execute("ATTACH '" + source.replace("'", "''") + "' AS source");
            List<String[]> schema = new ArrayList<>();
            try (ResultSet r = s.executeQuery("select type, name, sql from source.sqlite_master where tbl_name = '"
                    + table.replace("'", "''") + "' and type in ('table', 'index') and sql is not null order by type desc")) {
                while (r.next()) {
                    schema.add(new String[] {r.getString(1), r.getString(2), r.getString(3)});
                }
            }
            List<String> later = new ArrayList<>();
            for (String[] entry : schema) {
                if (entry[0].equals("index") && named.contains(entry[1]) && !live) {
                    later.add(entry[2]);
                } else {
                    s.execute(entry[2]);
                }
            }
            String record = table.equals("document") ? "id" : "document_id";
            double start = cpu();
            long began = System.nanoTime();
            c.setAutoCommit(false);
            for (long from = 1; from <= 1_000_000; from += 1_000) {
                s.execute("insert into main." + table + " select * from source." + table + " where " + record
                        + " between " + from + " and " + (from + 999));
                if (from % 50_000 == 1) {
                    c.commit();
                }
            }
            c.commit();
            double copied = cpu();
            long copiedAt = System.nanoTime();
            for (String sql : later) {
                s.execute(sql);
            }
            c.commit();
            double built = cpu();
            long builtAt = System.nanoTime();
            System.out.printf("%s, %s %s: copy %.2f s CPU (%.1f s wall), builds at the end %.2f s CPU (%.1f s wall), "
                            + "all %.2f s CPU; file %d MB%n", table, String.join(", ", named), live ? "live" : "later",
                    copied - start, (copiedAt - began) / 1e9, built - copied, (builtAt - copiedAt) / 1e9, built - start,
                    Files.size(target) >> 20);
        }
    }
}
