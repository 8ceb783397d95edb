package org.dossier.search;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * The segment tallies' own loops, timed in-process on one thread over an index as it is (the
 * server stopped): every live record counted ({@code LiveTallies.everything} with no tally kept) and
 * the first browse of each popular facet value and of pairs of them ({@code ValueTallies.under}
 * with no tally kept). The facet columns are read once before the rounds and kept, as a running
 * engine keeps them, so that only the counting is timed.
 *
 * <p>In package {@code org.dossier.search} to reach the engine's package-private classes: compile it
 * against the jar and run it on the jar's class path (the source launcher's own class loader could
 * not reach them).
 *
 * <pre>
 * javac -d /tmp/tallies-bench -cp target/dossier.jar bench/TalliesBenchmark.java
 * java -Xmx1g -cp target/dossier.jar:/tmp/tallies-bench org.dossier.search.TalliesBenchmark INDEX_DIR [rounds]
 * </pre>
 */
public class TalliesBenchmark {

    public static void main(String[] args) throws Exception {
        Path index = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(index))) {
            IndexSearcher searcher = new IndexSearcher(reader);
            Ordinals ordinals = Ordinals.of(reader, IndexLayout.facetsConfig());
            List<List<List<Term>>> browses = browses(reader);
            SegmentMemory memory = new SegmentMemory();
            LiveTallies.everything(searcher, ordinals, memory); // reads the facet columns, kept from here on
            // CPU time of this thread (the searcher has no executor: every segment is counted here)
            // as well as the time passed, which a shared machine's other work stretches.
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            double[] everything = new double[rounds];
            double[] values = new double[rounds];
            double[] everythingCpu = new double[rounds];
            double[] valuesCpu = new double[rounds];
            long check = 0;
            for (int round = -3; round < rounds; round++) { // three rounds of warm-up
                memory.liveTallies.clear();
                memory.valueTallies.clear();
                long started = System.nanoTime();
                long startedCpu = threads.getCurrentThreadCpuTime();
                check += LiveTallies.everything(searcher, ordinals, memory).total;
                long counted = System.nanoTime();
                long countedCpu = threads.getCurrentThreadCpuTime();
                for (List<List<Term>> browse : browses) {
                    check += ValueTallies.under(searcher, ordinals, browse, memory).total;
                }
                long browsed = System.nanoTime();
                long browsedCpu = threads.getCurrentThreadCpuTime();
                if (round >= 0) {
                    everything[round] = (counted - started) / 1e6;
                    values[round] = (browsed - counted) / 1e6;
                    everythingCpu[round] = (countedCpu - startedCpu) / 1e6;
                    valuesCpu[round] = (browsedCpu - countedCpu) / 1e6;
                }
            }
            System.out.printf(Locale.ROOT, "%,d records in %d segments, %d browses (checksum %d)%n",
                    reader.numDocs(), reader.leaves().size(), browses.size(), check);
            System.out.println("every live record counted, time passed: " + summary(everything));
            System.out.println("every live record counted, CPU: " + summary(everythingCpu));
            System.out.println("first browses of popular values, time passed: " + summary(values));
            System.out.println("first browses of popular values, CPU: " + summary(valuesCpu));
        }
    }

    /** Each facet value held by at least 5 % of the records alone, and each pair of the first eight of them together. */
    private static List<List<List<Term>>> browses(DirectoryReader reader) throws Exception {
        List<Term> popular = new ArrayList<>();
        Terms terms = MultiTerms.getTerms(reader, IndexLayout.FACETS);
        TermsEnum each = terms.iterator();
        for (BytesRef term = each.next(); term != null; term = each.next()) {
            if (each.docFreq() * 20L >= reader.maxDoc()) {
                popular.add(new Term(IndexLayout.FACETS, BytesRef.deepCopyOf(term)));
            }
        }
        List<List<List<Term>>> browses = new ArrayList<>();
        for (Term value : popular) {
            browses.add(List.of(List.of(value)));
        }
        for (int a = 0; a < Math.min(8, popular.size()); a++) {
            for (int b = a + 1; b < Math.min(8, popular.size()); b++) {
                browses.add(List.of(List.of(popular.get(a)), List.of(popular.get(b))));
            }
        }
        return browses;
    }

    private static String summary(double[] times) {
        double[] sorted = times.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "median %.1f ms, min %.1f ms, max %.1f ms (%d rounds)",
                sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1], sorted.length);
    }
}
