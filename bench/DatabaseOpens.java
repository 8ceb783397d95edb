import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.dossier.app.Database;
import org.dossier.app.DatabaseAddress;

/**
 * What a {@code Database.open} costs in one JVM, as the tests open hundreds: {@code ROUNDS} new SQLite
 * files opened (made and migrated) and closed, then the last of them opened and closed {@code ROUNDS}
 * times more (at this version, nothing to migrate); with a PostgreSQL URL, the same database opened
 * {@code ROUNDS} times. Prints the first opening and the median and mean of the rest, in milliseconds,
 * and the process's CPU:
 * {@code java -cp target/dossier.jar bench/DatabaseOpens.java DIR ROUNDS [jdbc:postgresql://...]}
 */
public class DatabaseOpens {

    private static double cpu() throws Exception {
        String[] stat = Files.readString(Path.of("/proc/self/stat")).split(" ");
        return (Long.parseLong(stat[13]) + Long.parseLong(stat[14])) / 100.0;
    }

    private static String said(String what, List<Double> ms) {
        List<Double> rest = new ArrayList<>(ms.subList(1, ms.size()));
        Collections.sort(rest);
        double mean = rest.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        return String.format(Locale.ROOT, "%-26s first %7.1f ms, then median %6.1f ms, mean %6.1f ms (%d)",
                what, ms.get(0), rest.get(rest.size() / 2), mean, rest.size());
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int rounds = Integer.parseInt(args[1]);
        Files.createDirectories(dir);
        List<Double> fresh = new ArrayList<>();
        List<Double> again = new ArrayList<>();
        double cpuStart = cpu();
        if (args.length > 2) {
            DatabaseAddress address = DatabaseAddress.parse(args[2]);
            for (int i = 0; i < rounds; i++) {
                long t = System.nanoTime();
                Database.open(address).close();
                again.add((System.nanoTime() - t) / 1e6);
            }
            System.out.println(said("PostgreSQL, reopened", again));
        } else {
            Path last = null;
            for (int i = 0; i < rounds; i++) {
                last = dir.resolve("new-" + i + ".db");
                long t = System.nanoTime();
                Database.open(last).close();
                fresh.add((System.nanoTime() - t) / 1e6);
            }
            double cpuMiddle = cpu();
            for (int i = 0; i < rounds; i++) {
                long t = System.nanoTime();
                Database.open(last).close();
                again.add((System.nanoTime() - t) / 1e6);
            }
            System.out.println(said("SQLite, new file", fresh));
            System.out.println(said("SQLite, at this version", again));
            System.out.printf(Locale.ROOT, "CPU: new files %.2f s, reopenings %.2f s%n", cpuMiddle - cpuStart, cpu() - cpuMiddle);
            return;
        }
        System.out.printf(Locale.ROOT, "CPU %.2f s%n", cpu() - cpuStart);
    }
}
