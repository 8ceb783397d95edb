import java.nio.file.Path;
import org.dossier.search.TopByScore;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.lucene.index.DirectoryReader;
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
 * server ranks them ({@code org.dossier.search.TopByScore} itself, "heap"). The heap's hits are checked against the sorted collector's, id for id. All three run on
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
                        searcher.search(query, new TopByScore(wanted));
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
                    int[] docs = searcher.search(query, new TopByScore(wanted));
                    for (int i = 0; i < sorted.scoreDocs.length; i++) {
                        if (sorted.scoreDocs[i].doc != docs[i]) {
                            throw new IllegalStateException(word + " " + wanted + ": hit " + i + " is doc "
                                    + sorted.scoreDocs[i].doc + ", the heap's " + docs[i]);
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
}
