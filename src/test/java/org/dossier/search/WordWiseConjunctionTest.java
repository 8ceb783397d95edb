package org.dossier.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Random;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BulkScorer;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LRUQueryCache;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryCachingPolicy;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.Weight;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The counting pass's conjunction matched a machine word at a time finds exactly the records
 * Lucene's own conjunction finds, deleted records left out, whether its clauses are cached bit sets
 * or not; and it does take the word-at-a-time way once they are cached.
 */
class WordWiseConjunctionTest {

    private static final int RECORDS = 5_000;
    private static Directory directory;
    private static DirectoryReader reader;
    /** Caches every clause of every query on every segment at its first use, so that the bit sets are there to intersect. */
    private static IndexSearcher cachingAll;
    /** Caches nothing: Lucene's conjunction, the reference. */
    private static IndexSearcher cachingNothing;

    @BeforeAll
    static void index() throws IOException {
        directory = new ByteBuffersDirectory();
        Random random = new Random(1950);
        try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(new KeywordAnalyzer()))) {
            for (int id = 0; id < RECORDS; id++) {
                Document document = new Document();
                document.add(new StringField("id", Integer.toString(id), Field.Store.NO));
                // Values from very common (a) to rare (e), so that some clauses are dense and some sparse.
                for (String value : List.of("a", "b", "c", "d", "e")) {
                    double share = switch (value) {
                        case "a" -> 0.8;
                        case "b" -> 0.5;
                        case "c" -> 0.3;
                        case "d" -> 0.1;
                        default -> 0.005;
                    };
                    if (random.nextDouble() < share) {
                        document.add(new StringField("word", value, Field.Store.NO));
                    }
                    if (random.nextDouble() < share) {
                        document.add(new StringField("facet", value, Field.Store.NO));
                    }
                }
                document.add(new IntPoint("year", 1940 + random.nextInt(52)));
                writer.addDocument(document);
                if (id % 1_700 == 1_699) {
                    writer.commit(); // several segments
                }
            }
            for (int id = 0; id < RECORDS; id += 7) {
                writer.deleteDocuments(new Term("id", Integer.toString(id)));
            }
        }
        reader = DirectoryReader.open(directory);
        cachingAll = new IndexSearcher(reader);
        cachingAll.setQueryCache(new LRUQueryCache(10_000, 64 << 20, leaf -> true, Float.POSITIVE_INFINITY));
        cachingAll.setQueryCachingPolicy(new QueryCachingPolicy() {
            @Override
            public void onUse(Query query) {
                // every clause is cached at its first use
            }

            @Override
            public boolean shouldCache(Query query) {
                // Not the conjunction as a whole, which would then be one bit set: its clauses.
                return !(query instanceof WordWiseConjunction);
            }
        });
        cachingNothing = new IndexSearcher(reader);
        cachingNothing.setQueryCache(null);
    }

    @AfterAll
    static void close() throws IOException {
        reader.close();
        directory.close();
    }

    @Test
    void findsWhatLuceneFindsForEveryConjunctionOfTwoToFourClauses() throws IOException {
        Random random = new Random(7);
        for (int round = 0; round < 300; round++) {
            BooleanQuery.Builder conjunction = new BooleanQuery.Builder();
            int clauses = 2 + random.nextInt(3);
            for (int i = 0; i < clauses; i++) {
                conjunction.add(randomClause(random), i == 0 ? Occur.MUST : Occur.FILTER);
            }
            Query query = conjunction.build();
            List<Integer> expected = matches(cachingNothing, query);
            // Twice: the first asking fills the cache, the second intersects what it holds.
            assertEquals(expected, matches(cachingAll, WordWiseConjunction.of(query)), query.toString());
            assertEquals(expected, matches(cachingAll, WordWiseConjunction.of(query)), query.toString());
        }
    }

    @Test
    void intersectsWordByWordOnceEveryClauseIsACachedBitSet() throws IOException {
        Query query = new BooleanQuery.Builder()
                .add(new TermQuery(new Term("word", "a")), Occur.MUST)
                .add(new BooleanQuery.Builder()
                        .add(new TermQuery(new Term("facet", "b")), Occur.FILTER)
                        .add(new TermQuery(new Term("facet", "c")), Occur.FILTER).build(), Occur.FILTER)
                .build();
        matches(cachingAll, WordWiseConjunction.of(query));
        Weight weight = cachingAll.rewrite(WordWiseConjunction.of(query)).createWeight(cachingAll, ScoreMode.COMPLETE_NO_SCORES, 1f);
        for (LeafReaderContext leaf : reader.leaves()) {
            assertInstanceOf(WordWiseConjunction.Intersection.class, weight.bulkScorer(leaf));
        }
        assertNotEquals(List.of(), matches(cachingAll, WordWiseConjunction.of(query)));
    }

    @Test
    void findsTheSameRecordsWhenAskedWindowByWindow() throws IOException {
        Query query = new BooleanQuery.Builder()
                .add(new TermQuery(new Term("word", "b")), Occur.MUST)
                .add(new TermQuery(new Term("facet", "c")), Occur.FILTER)
                .build();
        matches(cachingAll, WordWiseConjunction.of(query));
        Weight weight = cachingAll.rewrite(WordWiseConjunction.of(query)).createWeight(cachingAll, ScoreMode.COMPLETE_NO_SCORES, 1f);
        Random random = new Random(11);
        for (LeafReaderContext leaf : reader.leaves()) {
            Found whole = new Found();
            weight.bulkScorer(leaf).score(whole, leaf.reader().getLiveDocs());
            Found windows = new Found();
            BulkScorer scorer = weight.bulkScorer(leaf);
            int min = 0;
            while (min != DocIdSetIterator.NO_MORE_DOCS) {
                int max = min + 1 + random.nextInt(200);
                int next = scorer.score(windows, leaf.reader().getLiveDocs(), min, max);
                assertEquals(max >= leaf.reader().maxDoc() ? DocIdSetIterator.NO_MORE_DOCS : max, next);
                min = next;
            }
            assertNotEquals(List.of(), whole.found);
            assertEquals(whole.found, windows.found);
        }
    }

    @Test
    void leavesAQueryOfOneClauseOrWithAlternativesAsItIs() {
        Query one = new TermQuery(new Term("word", "a"));
        Query alternatives = new BooleanQuery.Builder()
                .add(new TermQuery(new Term("word", "a")), Occur.SHOULD)
                .add(new TermQuery(new Term("word", "b")), Occur.SHOULD).build();
        assertEquals(one, WordWiseConjunction.of(one));
        assertEquals(alternatives, WordWiseConjunction.of(alternatives));
    }

    /** A value of a field (dense to rare), any of two values, a range of years, or a conjunction of two of these. */
    private static Query randomClause(Random random) {
        String[] values = {"a", "b", "c", "d", "e"};
        String field = random.nextBoolean() ? "word" : "facet";
        return switch (random.nextInt(5)) {
            case 0, 1 -> new TermQuery(new Term(field, values[random.nextInt(values.length)]));
            case 2 -> new BooleanQuery.Builder().setMinimumNumberShouldMatch(1)
                    .add(new TermQuery(new Term(field, values[random.nextInt(values.length)])), Occur.SHOULD)
                    .add(new TermQuery(new Term(field, values[random.nextInt(values.length)])), Occur.SHOULD).build();
            case 3 -> {
                int from = 1940 + random.nextInt(52);
                yield IntPoint.newRangeQuery("year", from, from + random.nextInt(30));
            }
            default -> new BooleanQuery.Builder()
                    .add(new TermQuery(new Term("word", values[random.nextInt(3)])), Occur.FILTER)
                    .add(new TermQuery(new Term("facet", values[random.nextInt(3)])), Occur.FILTER).build();
        };
    }

    /** Every record {@code query} matches, by its number in the reader, in order. */
    private static List<Integer> matches(IndexSearcher searcher, Query query) throws IOException {
        return searcher.search(query, new CollectorManager<Found, List<Integer>>() {
            @Override
            public Found newCollector() {
                return new Found();
            }

            @Override
            public List<Integer> reduce(Collection<Found> collectors) {
                List<Integer> all = new ArrayList<>();
                collectors.forEach(collector -> all.addAll(collector.found));
                all.sort(Integer::compare);
                return all;
            }
        });
    }

    /** The records one slice of a search matched. */
    private static final class Found extends SimpleCollector {
        final List<Integer> found = new ArrayList<>();
        private int base;

        @Override
        protected void doSetNextReader(LeafReaderContext context) {
            base = context.docBase;
        }

        @Override
        public void setScorer(Scorable scorer) {
            // no score needed
        }

        @Override
        public void collect(int doc) {
            found.add(base + doc);
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }
    }
}
