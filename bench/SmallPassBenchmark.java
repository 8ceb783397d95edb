package org.dossier.search;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.*;
import org.apache.lucene.index.*;
import org.apache.lucene.search.*;
import org.apache.lucene.store.FSDirectory;

/**
 * The counting pass ({@link FacetCounter}) of the load mix's words with filters, in-process, timed by
 * the share of the catalogue it visits: what a pass costs whatever its records (its fixed cost, issue
 * 14, sweep {@code smallpass}) shows in the small passes. The candidates are chosen as
 * {@code bench/CountBitsBenchmark.java} chooses them (a warm node's {@code Searching.Counted}): with a
 * range, the words' records meeting it, counted with the near misses' other values; without one, the
 * words' records with the value. The snapshot searches with an executor of two threads as a node's
 * does (its slices fanned out), so that what a pass costs in hand-offs is counted.
 *
 * <p>Two figures a request: the wall time of the search on the calling thread, and the processor
 * time of the whole process over it (every thread: the search threads' share, the collector's),
 * each the mean of {@code ROUNDS} timed rounds after one warm-up round. Besides the pass itself, the
 * same candidates iterated by a collector that only counts them: the part of a pass that is Lucene's.
 *
 * <pre>
 * javac -d /tmp/sp -cp target/dossier.jar bench/SmallPassBenchmark.java bench/CountBitsBenchmark.java
 * java -Xmx3g -cp target/dossier.jar:/tmp/sp org.dossier.search.SmallPassBenchmark COPY/1m.index ROUNDS wf-range.txt wf-plain.txt
 * </pre>
 *
 * The files hold one path a line, as {@code bench/words-with-filters.sh} picks them. Compiled
 * against either of two builds' jars (it reaches only what both have), it times each on the same
 * requests; run them one after the other, A B B A.
 */
public class SmallPassBenchmark {
    static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** Counts the candidates and nothing else: Lucene's share of a pass. */
    static final class OnlyIterate implements CollectorManager<Collector, Long> {
        @Override
        public Collector newCollector() {
            return new SimpleCollector() {
                long n;
                @Override public void collect(int doc) { n++; }
                @Override public ScoreMode scoreMode() { return ScoreMode.COMPLETE_NO_SCORES; }
                @Override public String toString() { return Long.toString(n); }
            };
        }
        @Override
        public Long reduce(Collection<Collector> collectors) {
            long n = 0;
            for (Collector c : collectors) n += Long.parseLong(c.toString());
            return n;
        }
    }

    /**
     * The pass a node runs: with the snapshot's span of years where the build has one (sweep
     * {@code smallpass}), else with a place for every year (the builds before it). Reached by
     * reflection, so that one source runs on both.
     */
    static FacetCounter counter(Snapshot snap, RequestFilters filters, boolean range) throws Exception {
        try {
            Class<?> span = Class.forName("org.dossier.search.YearSpan");
            Object years = Snapshot.class.getDeclaredMethod("yearSpan").invoke(snap);
            return (FacetCounter) FacetCounter.class.getDeclaredConstructor(Ordinals.class, SegmentMemory.class,
                    RequestFilters.class, boolean.class, int.class, boolean.class, span)
                    .newInstance(snap.ordinals, snap.segments, filters, false, 0, range, years);
        } catch (ClassNotFoundException before) {
            return new FacetCounter(snap.ordinals, snap.segments, filters, false, 0, range);
        }
    }

    public static void main(String[] args) throws Exception {
        DirectoryReader reader = DirectoryReader.open(FSDirectory.open(Path.of(args[0])));
        int rounds = Integer.parseInt(args[1]);
        SegmentMemory memory = new SegmentMemory();
        // Two search threads on a machine of two processors, as a node here has them.
        SearchThreads threads = SearchThreads.of(2, 2);
        Snapshot snap = new Snapshot(reader, threads, IndexLayout.facetsConfig(), 0, memory);
        Ordinals ordinals = snap.ordinals;
        QueryReader queries = new QueryReader(new CatalogueAnalyzer());
        System.out.println("maxDoc " + reader.maxDoc() + ", leaves " + reader.leaves().size());
        for (int f = 2; f < args.length; f++) {
            List<String> paths = Files.readAllLines(Path.of(args[f]));
            int n = paths.size();
            long[] passWall = new long[n], passCpu = new long[n], iterWall = new long[n], iterCpu = new long[n], visited = new long[n];
            Query[] candidates = new Query[n];
            RequestFilters[] filtersOf = new RequestFilters[n];
            boolean[] ranged = new boolean[n];
            for (int i = 0; i < n; i++) {
                Map<String, String> p = CountBitsBenchmark.parameters(paths.get(i));
                SearchRequest request = CountBitsBenchmark.request(p);
                ranged[i] = p.containsKey("from");
                RequestFilters filters = new RequestFilters(request, ordinals);
                filtersOf[i] = filters;
                Query words = queries.matching(queries.read(p.get("q"), Names.NONE).query());
                candidates[i] = ranged[i]
                        ? Searching.and(words, memory.ranges.meetingOrAnyOf(snap, filters, List.of()))
                        : Searching.and(words, filters.only(filters.facetBits));
            }
            // MAX_SHARE (a fraction, 1 unless set): only the requests visiting less of the catalogue are timed.
            double maxShare = Double.parseDouble(System.getenv().getOrDefault("MAX_SHARE", "1.01"));
            boolean[] timed = new boolean[n];
            for (int i = 0; i < n; i++) {
                visited[i] = snap.search(candidates[i], new OnlyIterate());
                timed[i] = visited[i] < maxShare * reader.maxDoc();
            }
            for (int round = 0; round <= rounds; round++) {
                for (int i = 0; i < n; i++) {
                    if (!timed[i]) {
                        continue;
                    }
                    for (int k = 0; k < 2; k++) {
                        boolean pass = (i + round + k) % 2 == 0;
                        long cpu = OS.getProcessCpuTime();
                        long wall = System.nanoTime();
                        if (pass) {
                            FacetCounter counter = counter(snap, filtersOf[i], ranged[i]);
                            snap.search(candidates[i], counter);
                        } else {
                            snap.search(candidates[i], new OnlyIterate());
                        }
                        wall = System.nanoTime() - wall;
                        cpu = OS.getProcessCpuTime() - cpu;
                        if (round > 0) {
                            if (pass) { passWall[i] += wall; passCpu[i] += cpu; } else { iterWall[i] += wall; iterCpu[i] += cpu; }
                        }
                    }
                }
            }
            double per = 1e6 * rounds;
            int t = 0;
            for (boolean yes : timed) t += yes ? 1 : 0;
            System.out.printf(Locale.ROOT, "%s: %d requests (%d timed), %.0f records visited each; timed: pass wall %.3f ms, cpu %.3f ms; iteration alone wall %.3f, cpu %.3f%n",
                    args[f], n, t, Arrays.stream(visited).average().orElse(0), Arrays.stream(passWall).sum() / per / t,
                    Arrays.stream(passCpu).sum() / per / t, Arrays.stream(iterWall).sum() / per / t, Arrays.stream(iterCpu).sum() / per / t);
            double[] shares = {0, 0.001, 0.01, 0.05, 0.10, 0.20, 1.01};
            for (int b = 0; b + 1 < shares.length; b++) {
                long pw = 0, pc = 0, iw = 0, ic = 0;
                int count = 0;
                for (int i = 0; i < n; i++) {
                    double share = (double) visited[i] / reader.maxDoc();
                    if (timed[i] && share >= shares[b] && share < shares[b + 1]) {
                        pw += passWall[i]; pc += passCpu[i]; iw += iterWall[i]; ic += iterCpu[i];
                        count++;
                    }
                }
                if (count > 0) {
                    System.out.printf(Locale.ROOT, "  visiting %.1f-%.1f %%: %d requests, pass wall %.3f ms, cpu %.3f ms; iteration alone wall %.3f, cpu %.3f%n",
                            100 * shares[b], Math.min(100, 100 * shares[b + 1]), count, pw / per / count, pc / per / count, iw / per / count, ic / per / count);
                }
            }
        }
        threads.shutdownNow();
    }
}
