package org.dossier.search;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.store.FSDirectory;

/**
 * Issue 14, sweep {@code complement}: a words + one facet value search (no range) counted, as a warm
 * node counts it once the words' counts are kept, over {@code words AND value} (the pass a node runs,
 * {@link FacetCounter} with the hits kept for the page's ranking), against what counting from the
 * complement would run: the same pass over {@code value AND NOT words} (its records to be subtracted
 * from the counts under the value alone, which the node has), and the value's records walked to
 * rebuild the hits' bits (the value's records less the complement's). The words are matched as the
 * node matches them ({@code QueryReader.matching}, no names). In-process, on a snapshot searching with
 * two threads as a node's does; processor time of the whole process, the mean of ROUNDS rounds after
 * one warm-up round, the three (today's pass; the complement's with the hits rebuilt; the complement's
 * alone, what a search that keeps no hits, its JSON twin, would run) asked in turn, which first
 * rotating from request to request and round to round. The process's clock ticks by 10 ms: only the
 * sums over many requests and rounds say anything.
 *
 * <pre>
 * javac -d /tmp/cp -cp JAR bench/ComplementPass.java bench/SmallPassBenchmark.java bench/CountBitsBenchmark.java
 * java -Xmx3g -cp JAR:/tmp/cp org.dossier.search.ComplementPass COPY/1m.index ROUNDS requests.txt [v]
 * </pre>
 *
 * The file holds one path a line, {@code /search?q=WORDS&type=VALUE} (or a person, a place), as
 * {@code bench/words-with-filters.sh} picks them; with {@code v}, each request's figures too.
 */
public class ComplementPass {

    public static void main(String[] args) throws Exception {
        DirectoryReader reader = DirectoryReader.open(FSDirectory.open(Path.of(args[0])));
        int rounds = Integer.parseInt(args[1]);
        boolean each = args.length > 3;
        SegmentMemory memory = new SegmentMemory();
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r);
            t.setDaemon(true);
            return t;
        });
        Snapshot snap = new Snapshot(reader, executor, IndexLayout.facetsConfig(), 0, memory);
        QueryReader queries = new QueryReader(new CatalogueAnalyzer());
        List<String> paths = Files.readAllLines(Path.of(args[2]));
        int n = paths.size();
        RequestFilters[] filtersOf = new RequestFilters[n];
        Query[] today = new Query[n];
        Query[] complement = new Query[n];
        Query[] value = new Query[n];
        long[] hits = new long[n];
        long[] outside = new long[n];
        for (int i = 0; i < n; i++) {
            Map<String, String> p = CountBitsBenchmark.parameters(paths.get(i));
            RequestFilters filters = new RequestFilters(CountBitsBenchmark.request(p), snap.ordinals);
            filtersOf[i] = filters;
            Query words = queries.matching(queries.read(p.get("q"), Names.NONE).query());
            value[i] = filters.only(filters.facetBits);
            today[i] = Searching.and(words, value[i]);
            complement[i] = new BooleanQuery.Builder().add(value[i], Occur.FILTER).add(words, Occur.MUST_NOT).build();
            hits[i] = snap.search(today[i], new SmallPassBenchmark.OnlyIterate());
            outside[i] = snap.search(complement[i], new SmallPassBenchmark.OnlyIterate());
        }
        long[] todayCpu = new long[n];
        long[] complementCpu = new long[n];
        long[] complementAloneCpu = new long[n];
        for (int round = 0; round <= rounds; round++) {
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < 3; k++) {
                    // 0: today's pass; 1: the complement's, the hits rebuilt; 2: the complement's alone.
                    int asked = (i + round + k) % 3;
                    long cpu = SmallPassBenchmark.OS.getProcessCpuTime();
                    if (asked == 0) {
                        snap.search(today[i], counter(snap, filtersOf[i]));
                    } else {
                        FacetCounter counter = counter(snap, filtersOf[i]);
                        snap.search(complement[i], counter);
                        if (asked == 1) {
                            snap.search(value[i], new HitsRebuilt(counter.hits(), reader.leaves()));
                        }
                    }
                    cpu = SmallPassBenchmark.OS.getProcessCpuTime() - cpu;
                    if (round > 0) {
                        (asked == 0 ? todayCpu : asked == 1 ? complementCpu : complementAloneCpu)[i] += cpu;
                    }
                }
            }
        }
        double per = 1e6 * rounds;
        long allHits = 0;
        long allOutside = 0;
        double allToday = 0;
        double allComplement = 0;
        double allComplementAlone = 0;
        for (int i = 0; i < n; i++) {
            allHits += hits[i];
            allOutside += outside[i];
            allToday += todayCpu[i] / per;
            allComplement += complementCpu[i] / per;
            allComplementAlone += complementAloneCpu[i] / per;
            if (each) {
                System.out.printf(Locale.ROOT, "R %s %d %d %.3f %.3f %.3f%n", paths.get(i), hits[i], outside[i],
                        todayCpu[i] / per, complementCpu[i] / per, complementAloneCpu[i] / per);
            }
        }
        System.out.printf(Locale.ROOT, "%d requests: words AND value %,d records, value AND NOT words %,d;"
                + " processor time summed: the pass today %.0f ms; the complement's pass and the hits rebuilt %.0f ms,"
                + " the complement's pass alone %.0f ms%n", n, allHits, allOutside, allToday, allComplement, allComplementAlone);
        executor.shutdown();
    }

    /** The pass a node runs for a page: the hits kept for its ranking. */
    private static FacetCounter counter(Snapshot snap, RequestFilters filters) throws java.io.IOException {
        return new FacetCounter(snap.ordinals, snap.segments, filters, false, snap.getIndexReader().leaves().size(),
                false, snap.yearSpan());
    }

    /** The value's records less {@code without}, a bit set a leaf: the hits' bits rebuilt. */
    private static final class HitsRebuilt implements CollectorManager<SimpleCollector, Long> {
        private final RecordSet without;
        private final List<LeafReaderContext> leaves;

        HitsRebuilt(RecordSet without, List<LeafReaderContext> leaves) {
            this.without = without;
            this.leaves = leaves;
        }

        @Override
        public SimpleCollector newCollector() {
            return new SimpleCollector() {
                private PagedBitSet bits;
                private int base;
                private long set;

                @Override
                protected void doSetNextReader(LeafReaderContext context) {
                    bits = new PagedBitSet(context.reader().maxDoc());
                    base = context.docBase;
                }

                @Override
                public void collect(int doc) {
                    if (!without.holds(base + doc, leaves)) {
                        bits.set(doc);
                        set++;
                    }
                }

                @Override
                public ScoreMode scoreMode() {
                    return ScoreMode.COMPLETE_NO_SCORES;
                }

                @Override
                public String toString() {
                    return Long.toString(set);
                }
            };
        }

        @Override
        public Long reduce(Collection<SimpleCollector> collectors) {
            long set = 0;
            for (SimpleCollector c : collectors) {
                set += Long.parseLong(c.toString());
            }
            return set;
        }
    }
}
