import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.io.IOException;
import java.util.Collection;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.store.FSDirectory;

/**
 * The relevance page's ranking alone, without counting, highlighting or HTTP: the first
 * {@code wanted} hits of one word as the page asked Lucene for them before equal scores were ordered
 * by record number ({@code TopScoreDocCollector}: index order among equal scores, blocks skipped
 * above the page's lowest score), by Lucene's {@code TopFieldCollector} by score then id ("after":
 * blocks skipped at the page's lowest score), and by a heap of longs, score above id, as the
 * server's {@code TopByScore} ranks them ("heap"; a copy here, the server's class being package
 * private). The heap's hits are checked against the sorted collector's, id for id. All three run on
 * the same searcher (two threads, slices of 50,000 docs as the server's), one after the other in
 * each round, so that the machine's load falls on them alike. Run with the jar on the class path:
 *
 * <pre>java -cp target/dossier.jar bench/TiesCollectors.java INDEX_DIR [rounds] [word...]</pre>
 */
public class TiesCollectors {

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        List<String> words = args.length > 2 ? Arrays.asList(args).subList(2, args.length)
                : List.of("telegram", "korea", "china", "leadership");
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(folder))) {
            IndexSearcher searcher = new IndexSearcher(reader, threads) {
                @Override
                protected LeafSlice[] slices(List<LeafReaderContext> leaves) {
                    return slices(leaves, 50_000, 8);
                }
            };
            Sort byScoreThenId = new Sort(SortField.FIELD_SCORE, new SortField("id", SortField.Type.LONG));
            System.out.printf(Locale.ROOT, "%,d records in %d segments, %d rounds (a fifth more first as warm-up)%n%n",
                    reader.numDocs(), reader.leaves().size(), rounds);
            System.out.println("| word | hits | wanted (page) | before median | before p99 | after median | after p99 | after/before (median) | heap median | heap p99 | heap/before |");
            System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            for (String word : words) {
                // As QueryReader reads one word: its exact form, boosted, or its stem (here the word itself).
                Query query = new BooleanQuery.Builder()
                        .add(new BoostQuery(new TermQuery(new Term("text", word)), 4f), BooleanClause.Occur.SHOULD)
                        .add(new TermQuery(new Term("stem", word)), BooleanClause.Occur.SHOULD)
                        .build();
                int hits = searcher.count(query);
                for (int wanted : new int[] {10, 500, 9_990}) {
                    double[] before = new double[rounds];
                    double[] after = new double[rounds];
                    double[] heap = new double[rounds];
                    for (int i = -rounds / 5; i < rounds; i++) {
                        long start = System.nanoTime();
                        searcher.search(query, new TopScoreDocCollectorManager(wanted, null, wanted));
                        long middle = System.nanoTime();
                        searcher.search(query, new TopFieldCollectorManager(byScoreThenId, wanted, null, wanted));
                        long end = System.nanoTime();
                        searcher.search(query, new HeapTop(wanted));
                        long last = System.nanoTime();
                        if (i >= 0) {
                            before[i] = (middle - start) / 1e6;
                            after[i] = (end - middle) / 1e6;
                            heap[i] = (last - end) / 1e6;
                        }
                    }
                    // The heap's page is the sorted collector's, id for id.
                    org.apache.lucene.search.TopDocs sorted = searcher.search(query,
                            new TopFieldCollectorManager(byScoreThenId, wanted, null, wanted));
                    long[] keys = searcher.search(query, new HeapTop(wanted));
                    for (int i = 0; i < sorted.scoreDocs.length; i++) {
                        long id = (Long) ((org.apache.lucene.search.FieldDoc) sorted.scoreDocs[i]).fields[1];
                        long heapId = Integer.MAX_VALUE - (keys[keys.length - 1 - i] & 0xFFFF_FFFFL);
                        if (id != heapId) {
                            throw new IllegalStateException(word + " " + wanted + ": hit " + i + " is " + id + ", the heap's " + heapId);
                        }
                    }
                    Arrays.sort(before);
                    Arrays.sort(after);
                    Arrays.sort(heap);
                    System.out.printf(Locale.ROOT, "| %s | %,d | %,d (page %d) | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %.2f | %.2f ms | %.2f ms | %.2f |%n",
                            word, hits, wanted, (wanted + 9) / 10, p(before, 50), p(before, 99), p(after, 50), p(after, 99),
                            p(after, 50) / p(before, 50), p(heap, 50), p(heap, 99), p(heap, 50) / p(before, 50));
                }
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private static double p(double[] sorted, double percentile) {
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
    }

    /**
     * As the server's TopByScore, without the docs beside the keys: per slice a heap of longs (score
     * bits above MAX - id, the best highest), the scorers told the lowest score on the page once it
     * is full; the id read only for a hit whose score reaches it.
     */
    static final class HeapTop implements CollectorManager<HeapTop.Slice, long[]> {
        private final int wanted;

        HeapTop(int wanted) {
            this.wanted = wanted;
        }

        @Override
        public Slice newCollector() {
            return new Slice(wanted);
        }

        @Override
        public long[] reduce(Collection<Slice> slices) {
            long[] all = new long[slices.stream().mapToInt(s -> s.size).sum()];
            int at = 0;
            for (Slice s : slices) {
                System.arraycopy(s.keys, 0, all, at, s.size);
                at += s.size;
            }
            Arrays.sort(all);
            return all;
        }

        static final class Slice extends SimpleCollector {
            final long[] keys;
            int size;
            private Scorable scorer;
            private NumericDocValues ids;
            private float told;

            Slice(int wanted) {
                keys = new long[wanted];
            }

            @Override
            protected void doSetNextReader(LeafReaderContext context) throws IOException {
                ids = DocValues.getNumeric(context.reader(), "id");
                told = 0;
            }

            @Override
            public void setScorer(Scorable scorer) throws IOException {
                this.scorer = scorer;
                tell();
            }

            @Override
            public void collect(int doc) throws IOException {
                int bits = Float.floatToIntBits(scorer.score());
                boolean full = size == keys.length;
                if (full && bits < (int) (keys[0] >>> 32)) {
                    return;
                }
                ids.advanceExact(doc);
                long key = (long) bits << 32 | (Integer.MAX_VALUE - ids.longValue());
                if (!full) {
                    // sift up
                    int i = size++;
                    while (i > 0) {
                        int parent = (i - 1) >>> 1;
                        if (keys[parent] <= key) {
                            break;
                        }
                        keys[i] = keys[parent];
                        i = parent;
                    }
                    keys[i] = key;
                    if (size == keys.length) {
                        tell();
                    }
                } else if (key > keys[0]) {
                    int i = 0;
                    int n = size;
                    while (true) {
                        int child = 2 * i + 1;
                        if (child >= n) {
                            break;
                        }
                        if (child + 1 < n && keys[child + 1] < keys[child]) {
                            child++;
                        }
                        if (keys[child] >= key) {
                            break;
                        }
                        keys[i] = keys[child];
                        i = child;
                    }
                    keys[i] = key;
                    tell();
                }
            }

            private void tell() throws IOException {
                if (scorer != null && size == keys.length) {
                    float lowest = Float.intBitsToFloat((int) (keys[0] >>> 32));
                    if (lowest > told) {
                        scorer.setMinCompetitiveScore(lowest);
                        told = lowest;
                    }
                }
            }

            @Override
            public ScoreMode scoreMode() {
                return ScoreMode.TOP_SCORES;
            }
        }
    }
}
