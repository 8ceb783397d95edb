import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * What a record page asks SQLite for, alone: for records picked at random across the catalogue (a
 * fixed seed), the record by its id, its slugs, people, places and revisions by its id, on one
 * read-only connection with the app's default page cache (2 MB), the file's pages in the operating
 * system's cache (a warm-up pass first). Prints the time per record (median, p99) and the process's
 * CPU over the measured pass. Used to see whether a larger page makes reads by key slower:
 * {@code java -cp target/dossier.jar bench/KeyReads.java FILE [records]}
 */
public class KeyReads {

    private static final List<String> QUERIES = List.of(
            "select * from document where id = ?",
            "select * from document_slug where document_id = ?",
            "select * from document_person where document_id = ?",
            "select * from document_place where document_id = ?",
            "select * from revision where document_id = ? order by number");

    private static double cpu() throws Exception {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    public static void main(String[] args) throws Exception {
        int records = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + args[0] + "?mode=ro")) {
            long max;
            try (ResultSet r = c.createStatement().executeQuery("select max(id) from document")) {
                r.next();
                max = r.getLong(1);
            }
            PreparedStatement[] statements = new PreparedStatement[QUERIES.size()];
            for (int i = 0; i < statements.length; i++) {
                statements[i] = c.prepareStatement(QUERIES.get(i));
            }
            for (int pass = 0; pass < 2; pass++) {
                SplittableRandom random = new SplittableRandom(1950 + pass);
                double[] micros = new double[records];
                double cpuBefore = cpu();
                long began = System.nanoTime();
                long columns = 0;
                for (int n = 0; n < records; n++) {
                    long id = 1 + random.nextLong(max);
                    long at = System.nanoTime();
                    for (PreparedStatement s : statements) {
                        s.setLong(1, id);
                        try (ResultSet r = s.executeQuery()) {
                            while (r.next()) {
                                columns += r.getString(2) == null ? 0 : 1;
                            }
                        }
                    }
                    micros[n] = (System.nanoTime() - at) / 1e3;
                }
                double wall = (System.nanoTime() - began) / 1e9;
                Arrays.sort(micros);
                System.out.printf(Locale.ROOT, "%s %,d records: median %.1f µs, p99 %.1f µs, %.1f s wall, %.1f s CPU (%d)%n",
                        pass == 0 ? "warm-up" : "measured", records, micros[records / 2], micros[(int) (records * 0.99)],
                        wall, cpu() - cpuBefore, columns);
            }
        }
    }
}
