import static org.dossier.db.Tables.DOCUMENT;
import static org.dossier.db.Tables.DOCUMENT_PERSON;
import static org.dossier.db.Tables.DOCUMENT_PLACE;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.SplittableRandom;
import org.dossier.app.Database;
import org.dossier.app.Settings;
import org.dossier.search.LuceneSearchEngine;
import org.dossier.search.SearchRequest;

/**
 * How long the engine takes to pick the related records of one record page (up to five, from the
 * index: the record's people, places and most distinctive words, one ranked query), for records
 * picked at random. The engine's own time, in process; the server adds reading five titles.
 *
 * <pre>java -Xmx512m -cp target/dossier.jar bench/RelatedBenchmark.java /tmp/dossier-bench/1000000.db [runs] [warmup]</pre>
 *
 * Also says the process's processor time per record over the measured calls, how many of the
 * related records share a person or place with the record (the rest
 * share only words), and times a "did you mean" search (a misspelt word that finds nothing) for the same catalogue.
 */
public class RelatedBenchmark {

    public static void main(String[] args) throws Exception {
        Path db = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 300;
        try (Database database = Database.open(db);
             LuceneSearchEngine engine = LuceneSearchEngine.open(Settings.indexBeside(db), database.dsl())) {
            int max = database.dsl().fetchValue(org.jooq.impl.DSL.select(org.jooq.impl.DSL.max(DOCUMENT.ID)).from(DOCUMENT));
            SplittableRandom random = new SplittableRandom(7);
            double[] times = new double[runs];
            long found = 0;
            List<int[]> pairs = new ArrayList<>();
            long cpuAtStart = 0;
            for (int i = -warmup; i < runs; i++) {
                if (i == 0) {
                    cpuAtStart = processCpu();
                }
                int id = 1 + random.nextInt(max);
                long t = System.nanoTime();
                List<Integer> related = engine.related(id, 5);
                double ms = (System.nanoTime() - t) / 1e6;
                if (i >= 0) {
                    times[i] = ms;
                    found += related.size();
                    for (int other : related) {
                        pairs.add(new int[] {id, other});
                    }
                }
            }
            double cpuPerRecord = (processCpu() - cpuAtStart) / 1e6 / runs;
            report(String.format(Locale.ROOT, "related records of %,d random records of %,d (%.2f found on average)",
                    runs, engine.size(), (double) found / runs), times);
            // The whole process's: the search threads' share of each query too (and whatever else runs, the JIT's among it).
            System.out.printf(Locale.ROOT, "processor time per record, the process's: %.3f ms%n", cpuPerRecord);
            int sharing = 0;
            for (int[] pair : pairs) {
                Set<String> links = links(database, pair[0]);
                links.retainAll(links(database, pair[1]));
                sharing += links.isEmpty() ? 0 : 1;
            }
            System.out.printf(Locale.ROOT, "related records that share a person or place with theirs: %.1f %%%n",
                    100.0 * sharing / Math.max(1, pairs.size()));
            String[] misspelt = {"Stailn", "Molotow", "telegarm", "Shtykow", "negotation", "Koera", "convesation"};
            double[] spelling = new double[200];
            for (int i = -50; i < spelling.length; i++) {
                String q = misspelt[Math.floorMod(i, misspelt.length)];
                long t = System.nanoTime();
                engine.search(SearchRequest.of(q).withPageSize(10));
                if (i >= 0) {
                    spelling[i] = (System.nanoTime() - t) / 1e6;
                }
            }
            report("a misspelt one-word search with its suggestion (engine, all facets counted)", spelling);
        }
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static Set<String> links(Database database, int id) {
        Set<String> links = new HashSet<>();
        database.dsl().select(DOCUMENT_PERSON.PERSON_ID).from(DOCUMENT_PERSON).where(DOCUMENT_PERSON.DOCUMENT_ID.eq(id))
                .forEach(r -> links.add("person " + r.get(DOCUMENT_PERSON.PERSON_ID)));
        database.dsl().select(DOCUMENT_PLACE.PLACE_ID).from(DOCUMENT_PLACE).where(DOCUMENT_PLACE.DOCUMENT_ID.eq(id))
                .forEach(r -> links.add("place " + r.get(DOCUMENT_PLACE.PLACE_ID)));
        return links;
    }

    private static void report(String what, double[] times) {
        double[] sorted = times.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%s: median %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n", what,
                at(sorted, 0.5), at(sorted, 0.9), at(sorted, 0.99), sorted[sorted.length - 1]);
    }

    private static double at(double[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }
}
