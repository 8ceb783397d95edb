package org.dossier.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.facet.DrillDownQuery;
import org.apache.lucene.facet.DrillSideways;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LRUQueryCache;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryCachingPolicy;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.dossier.testing.SameOnEveryDatabase;

/**
 * The hand-written facet counter ({@link FacetCounter}, driven by {@link Searching}) against Lucene's
 * own {@link DrillSideways}, over thousands of random searches on a generated catalogue: every
 * count a search page shows must be what Lucene's facet module counts for the same filters. The
 * catalogue is made here the way the {@code generate} command makes one (skewed people, places,
 * types and words; authors and recipients; dates known to the day, month or year), straight into an
 * index in memory rather than through a database, which would only add a minute of setup; it has
 * three segments, so that values are numbered differently in each and mapped onto global ordinals.
 * Keys that no record has, and "all of" with values no record has together, are asked too. One
 * record in twenty-five is undated (V22), and some searches ask for the undated records alone.
 *
 * <p>What Lucene is asked: one {@link DrillDownQuery} with a dimension per filter (a facet's values
 * OR'd, or for "all of" a facet every value required; the years ticked; the date range; the undated
 * records), answered by
 * {@link DrillSideways} with a {@link FacetsCollector} for the hits and one per dimension for the
 * records that miss only that dimension. Facet values are then counted by
 * {@link SortedSetDocValuesFacetCounts}, years by reading each collected record's date. The
 * histogram and the count of undated records, which lift the years, the range and the undated
 * records, are a plain drill-down without those.
 */
@SameOnEveryDatabase
class FacetCounterAgainstDrillSidewaysTest {

    private static final int RECORDS = 2_000;
    private static final int WORDS = 400;
    private static final int TYPES = 15;
    private static final int PEOPLE = 80;
    private static final int PLACES = 40;
    private static final int SEARCHES = 2_000;
    private static final String YEAR_DIM = "year";
    private static final String DATES_DIM = "dates";
    private static final String UNDATED_DIM = "undated";

    private static Directory directory;
    private static DirectoryReader reader;
    private static SearchThreads threads;
    private static Snapshot snapshot;
    private static IndexSearcher plain;
    private static FacetsConfig config;
    private static SortedSetDocValuesReaderState state;
    private static Analyzer analyzer;
    private static Map<Facet, List<String>> commonFirst;
    private static List<String> words;

    @BeforeAll
    static void generateAndIndex() throws IOException {
        analyzer = new CatalogueAnalyzer();
        config = IndexLayout.facetsConfig();
        directory = new ByteBuffersDirectory();
        SplittableRandom random = new SplittableRandom(1950);
        List<String> vocabulary = vocabulary(random);
        // No merging: three segments, each numbering its facet values its own way.
        try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer)
                .setMergePolicy(NoMergePolicy.INSTANCE))) {
            for (int id = 1; id <= RECORDS; id++) {
                writer.addDocument(IndexLayout.document(record(id, vocabulary, random), config));
                if (id % (RECORDS / 3) == 0) {
                    writer.commit();
                }
            }
        }
        reader = DirectoryReader.open(directory);
        assertTrue(reader.leaves().size() >= 3, "several segments, each numbering its values its own way");
        threads = SearchThreads.of(2, 2);
        snapshot = new Snapshot(reader, threads, config, LuceneSearchEngine.DEFAULT_KEPT_ANSWERS, new SegmentMemory());
        plain = new IndexSearcher(reader);
        state = new DefaultSortedSetDocValuesReaderState(reader, config);
        commonFirst = valuesByFrequency();
        words = middlingWords();
    }

    @AfterAll
    static void close() throws IOException {
        LUCENE_COUNTED.clear();
        if (reader != null) {
            reader.close();
        }
        if (directory != null) {
            directory.close();
        }
        if (threads != null) {
            threads.shutdownNow();
        }
    }

    /** Made-up words of two to four syllables, each once. */
    private static List<String> vocabulary(SplittableRandom random) {
        String[] syllables = {"ka", "lo", "mi", "ser", "tan", "vo", "rik", "dal", "pe", "nuv", "sha", "gor", "bel",
            "tis", "ram", "quo"};
        Set<String> words = new LinkedHashSet<>();
        while (words.size() < WORDS) {
            StringBuilder word = new StringBuilder();
            for (int n = 2 + random.nextInt(3); n > 0; n--) {
                word.append(syllables[random.nextInt(syllables.length)]);
            }
            words.add(word.toString());
        }
        return List.copyOf(words);
    }

    /** The languages records are written in, the most frequent first. */
    private static final List<String> LANGUAGES = List.of("ru", "zh", "ko", "en", "de", "fr", "pl", "hu", "yue");

    /**
     * A record like the generator's ({@code generate}): a type, people and places drawn with a skew
     * (a few common, most rare), the first person its author and the second its recipient, a date over
     * 1940-1991 known to the day, the month or only the year, words drawn with a skew too, and
     * languages (none said for some).
     */
    private static IndexedRecord record(int id, List<String> vocabulary, SplittableRandom random) {
        String type = "type-" + skewed(TYPES, random);
        Set<String> people = new LinkedHashSet<>();
        for (int n = random.nextInt(5); n > 0; n--) {
            people.add("person-" + skewed(PEOPLE, random));
        }
        Set<String> places = new LinkedHashSet<>();
        for (int n = random.nextInt(4); n > 0; n--) {
            places.add("place-" + skewed(PLACES, random));
        }
        List<String> who = List.copyOf(people);
        StringBuilder text = new StringBuilder();
        for (int n = 4 + random.nextInt(12); n > 0; n--) {
            text.append(vocabulary.get(skewed(vocabulary.size(), random))).append(' ');
        }
        int year = 1940 + random.nextInt(52);
        int precision = random.nextInt(10);
        LocalDate earliest;
        LocalDate latest;
        if (precision == 0) {
            earliest = LocalDate.of(year, 1, 1);
            latest = LocalDate.of(year, 12, 31);
        } else if (precision < 3) {
            earliest = LocalDate.of(year, 1 + random.nextInt(12), 1);
            latest = earliest.plusMonths(1).minusDays(1);
        } else {
            earliest = LocalDate.of(year, 1, 1).plusDays(random.nextInt(365));
            latest = earliest;
        }
        // A span for one record in twenty ("1961–1963", "June 1950 – March 1951"), from numbers of
        // its own, so that the rest of the catalogue is what it was before dates could be spans.
        SplittableRandom spanned = new SplittableRandom(id * 31L + 7);
        if (spanned.nextInt(20) == 0) {
            latest = latest.plusDays(1 + spanned.nextInt(1_200));
        }
        // Undated, one record in twenty-five, from numbers of its own too.
        if (new SplittableRandom(id * 13L + 3).nextInt(25) == 0) {
            earliest = null;
            latest = null;
        }
        String words = text.toString().strip();
        // None said for one record in five; most in one, a few in two or three. Drawn from numbers of
        // their own, so that the rest of each record is what it was before records had languages.
        SplittableRandom said = new SplittableRandom(id);
        Set<String> languages = new LinkedHashSet<>();
        for (int n = said.nextInt(5) == 0 ? 0 : 1 + (said.nextInt(6) == 0 ? said.nextInt(3) : 0); n > 0; n--) {
            languages.add(LANGUAGES.get(skewed(LANGUAGES.size(), said)));
        }
        return new IndexedRecord(id, words, "", earliest, latest, type, who, List.copyOf(places), words,
                who.isEmpty() ? List.of() : List.of(who.get(0)), who.size() < 2 ? List.of() : List.of(who.get(1)),
                List.copyOf(languages));
    }

    /** 0 to n - 1, low numbers far more often than high ones. */
    private static int skewed(int n, SplittableRandom random) {
        double r = random.nextDouble();
        return Math.min(n - 1, (int) (n * r * r * r));
    }

    @Test
    void everyCountOfThousandsOfRandomSearchesIsWhatDrillSidewaysCounts() throws IOException {
        everyCountIsWhatDrillSidewaysCounts(snapshot);
    }

    /**
     * With nothing kept, a search's counts under its words alone come from its own pass instead of
     * from those kept for the words ({@link Snapshot#keptCountsUnder}): the same counts either way.
     */
    @Test
    void everyCountIsWhatDrillSidewaysCountsWithNothingKeptToo() throws IOException {
        everyCountIsWhatDrillSidewaysCounts(new Snapshot(reader, threads, config, 0, new SegmentMemory()));
    }

    /**
     * With every query's records kept as bits by Lucene's query cache, as a node's popular words and
     * values are (segments this small are never cached otherwise), a value's records are added to a
     * range's kept ones a word at a time ({@link PagedBitSet#or}): the same counts.
     */
    @Test
    void everyCountIsWhatDrillSidewaysCountsWithEveryQueryKeptAsBitsToo() throws IOException {
        Snapshot cachingAll = new Snapshot(reader, threads, config, LuceneSearchEngine.DEFAULT_KEPT_ANSWERS,
                new SegmentMemory());
        LRUQueryCache cache = new LRUQueryCache(100_000, 256L << 20, leaf -> true, Float.POSITIVE_INFINITY);
        cachingAll.setQueryCache(cache);
        cachingAll.setQueryCachingPolicy(new QueryCachingPolicy() {
            @Override
            public void onUse(Query query) {
                // every query is cached at its first use
            }

            @Override
            public boolean shouldCache(Query query) {
                return true;
            }
        });
        everyCountIsWhatDrillSidewaysCounts(cachingAll);
        assertTrue(cache.getHitCount() > SEARCHES, cache.getHitCount() + " queries' records found kept as bits");
    }

    private static void everyCountIsWhatDrillSidewaysCounts(Snapshot snapshot) throws IOException {
        Searching searching = new Searching(analyzer);
        QueryReader queries = new QueryReader(analyzer);
        SplittableRandom random = new SplittableRandom(20261130);
        SplittableRandom languages = new SplittableRandom(17);
        SplittableRandom undatedAsked = new SplittableRandom(22);
        int withHits = 0;
        int withinLeftOut = 0;
        int undatedFound = 0;
        int undatedCounted = 0;
        int decadesLinked = 0;
        long spannedDecades = 0;
        for (int i = 0; i < SEARCHES; i++) {
            Asked asked = randomSearch(random, languages, undatedAsked);
            QueryReader.ReadQuery read = asked.text().isEmpty() ? null : queries.read(asked.text(), Names.NONE);
            SearchResults ours = searching.search(snapshot, asked.request(), read);
            Query words = read == null ? null : read.query();
            Expected lucene = drillSidewaysOnce(asked, words);
            String which = "search " + i + ": " + asked;
            assertCountedAsLucene(lucene, ours, which);
            assertEquals(lucene.total, searching.count(snapshot, Names.NONE, asked.request()), which + ": the count alone");
            if (i % 10 == 0) {
                // A decade's number is what its link finds: the decade as a range met in the default way.
                for (Map.Entry<Integer, Long> decade : ours.decades().entrySet()) {
                    SearchRequest link = asked.request().between(DateBound.year(decade.getKey()),
                            DateBound.year(decade.getKey() + 9)).withDated(Dated.MAY_FALL_IN);
                    assertEquals(decade.getValue(), searching.count(snapshot, Names.NONE, link),
                            which + ": the " + decade.getKey() + "s' link");
                    decadesLinked++;
                }
            }
            spannedDecades += ours.decades().entrySet().stream().filter(decade -> decade.getValue()
                    < ours.yearsAnyDate().subMap(decade.getKey(), decade.getKey() + 10).values().stream()
                            .mapToLong(Long::longValue).sum()).count();
            if (ours.total() > 0) {
                withHits++;
                undatedFound += asked.request().dates() instanceof DateFilter.Undated ? 1 : 0;
            }
            undatedCounted += ours.undated() > 0 && ours.total() > ours.undated() ? 1 : 0;
            if (asked.from() != null || asked.to() != null) {
                // The records the two ways of meeting the range disagree on: those straddling one of its ends.
                long mayFallIn = drillSidewaysOnce(asked.mayFallIn(), words).total;
                long within = drillSidewaysOnce(asked.within(), words).total;
                assertEquals(mayFallIn - within, searching.straddling(snapshot, Names.NONE, asked.request()),
                        which + ": straddling an end of the range");
                if (asked.dated() == Dated.WITHIN && mayFallIn > lucene.total) {
                    withinLeftOut++;
                }
            }
        }
        // Not a vacuous comparison of empty pages: most searches find something.
        assertTrue(withHits > SEARCHES / 2, withHits + " of " + SEARCHES + " searches found records");
        // Nor of two rules that find the same: "within" leaves out records that may fall in the range.
        assertTrue(withinLeftOut > 20, withinLeftOut + " searches for records dated within left some out");
        // Nor of undated records never asked for, or never counted beside dated ones.
        assertTrue(undatedFound > 20, undatedFound + " searches for undated records alone found some");
        assertTrue(undatedCounted > SEARCHES / 5, undatedCounted + " searches counted undated records beside dated ones");
        // Nor of decades that are only sums of their years: spans make many a decade less than its sum.
        assertTrue(spannedDecades > SEARCHES / 4, spannedDecades + " decades were less than their years' sum");
        assertTrue(decadesLinked > SEARCHES / 10, decadesLinked + " decades' links counted");
        // Nor of passes that never took a range's kept records as their candidates (RangeRecords):
        // each range searched is kept once for each of the three segments.
        // (some 200 ranges here, kept for each of the three segments: about 600).
        long ranges = snapshot.segments.ranges.kept();
        assertTrue(ranges > 300, ranges + " sets of a segment's records meeting a range were kept");
    }

    /** Every count of {@code ours} is what Lucene counted for the same search. */
    private static void assertCountedAsLucene(Expected lucene, SearchResults ours, String which) {
        assertEquals(lucene.total, ours.total(), which + ": total");
        for (Facet facet : Facet.values()) {
            assertEquals(lucene.facets.get(facet), nonZero(ours.facet(facet)), which + ": " + facet.key());
        }
        assertEquals(lucene.years, nonZero(ours.years()), which + ": years");
        assertEquals(lucene.yearsAnyDate, nonZero(ours.yearsAnyDate()), which + ": histogram");
        assertEquals(lucene.decades, ours.decades(), which + ": decades");
        assertEquals(lucene.undated, ours.undated(), which + ": undated records");
        assertEquals(lucene.without, ours.without(), which + ": totals without each filter");
    }

    /**
     * Words, one value of a type, person or place, and a range of whole years (either way of
     * meeting it, an end left open now and then), as the load mix asks them, the same words again
     * and again with other ranges: the facet's counts under the words and the range are then the
     * words' rows by span of years summed over the spans meeting the range ({@link YearRows}), a
     * span ("1961–1963") met as the pass meets it, by any year it covers or by all of them. Every
     * count and the page of hits are what a snapshot keeping nothing (its pass over every record
     * with the words meeting the range) gives, and what Lucene counts.
     */
    @Test
    void aRangeOfWholeYearsCountedFromTheWordsRowsBySpanIsWhatThePassCounts() throws IOException {
        Snapshot rowsKept = new Snapshot(reader, threads, config, LuceneSearchEngine.DEFAULT_KEPT_ANSWERS,
                new SegmentMemory());
        Snapshot nothingKept = new Snapshot(reader, threads, config, 0, new SegmentMemory());
        Searching searching = new Searching(analyzer);
        QueryReader queries = new QueryReader(analyzer);
        SplittableRandom random = new SplittableRandom(1947_1958);
        List<Facet> ticked = List.of(Facet.TYPE, Facet.PERSON, Facet.PLACE);
        int fromRowsKept = 0;
        int spansMet = 0;
        for (int i = 0; i < SEARCHES; i++) {
            // A few words, each asked with many ranges: most searches find the words' rows kept.
            String text = words.get(random.nextInt(12));
            Facet facet = ticked.get(random.nextInt(ticked.size()));
            Map<Facet, List<String>> selected = Map.of(facet, List.of(pick(commonFirst.get(facet), random)));
            Asked asked = withWholeYears(text, selected, 1, random);
            SearchRequest request = asked.request();
            QueryReader.ReadQuery read = queries.read(text, Names.NONE);
            Query words = queries.matching(read.query());
            YearRows rows = rowsKept.keptYearRows(words);
            fromRowsKept += rows != null && rows.counted() ? 1 : 0;
            SearchResults ours = searching.search(rowsKept, request, read);
            String which = "search " + i + ": " + asked;
            assertEquals(searching.search(nothingKept, request, read), ours, which + ": against the pass over the range");
            assertCountedAsLucene(drillSideways(asked, read.query()), ours, which);
            // Records with the words and the value whose period straddles an end of the range:
            // met by the default way and not "within", whichever this search asked.
            spansMet += searching.straddling(rowsKept, Names.NONE, request) > 0 ? 1 : 0;
        }
        // Not a path never taken: the words' rows were kept and read again for most searches.
        assertTrue(fromRowsKept > SEARCHES / 2, fromRowsKept + " searches read the words' rows kept");
        // Nor a rule never tried on a span: some periods reached outside the range asked.
        assertTrue(spansMet > 20, spansMet + " searches had periods straddling an end of the range");
    }

    /**
     * Words and a value asked again and again, each time with another range of whole years (a
     * reader trying ranges on one search): from the third time, the hits are counted from the rows
     * by span of the records with the words and the value, and no pass visits them; the page is
     * then looked for among the words' first hits, checked against the value and the range. Every
     * count and every page are what a snapshot keeping nothing gives, and what Lucene counts.
     */
    @Test
    void theHitsOfWordsAndAValueAskedAgainWithOtherRangesAreCountedFromTheirRowsAsThePassCounts() throws IOException {
        Snapshot rowsKept = new Snapshot(reader, threads, config, LuceneSearchEngine.DEFAULT_KEPT_ANSWERS,
                new SegmentMemory());
        Snapshot nothingKept = new Snapshot(reader, threads, config, 0, new SegmentMemory());
        Searching searching = new Searching(analyzer);
        QueryReader queries = new QueryReader(analyzer);
        SplittableRandom random = new SplittableRandom(1961);
        List<Facet> ticked = List.of(Facet.TYPE, Facet.PERSON, Facet.PLACE);
        int fromPairRows = 0;
        int firstHitsKept = 0;
        int pagesWithHits = 0;
        for (int pair = 0; pair < 12; pair++) {
            String text = words.get(random.nextInt(12));
            Facet facet = ticked.get(pair % ticked.size());
            Map<Facet, List<String>> selected = Map.of(facet, List.of(commonFirst.get(facet).get(random.nextInt(3))));
            QueryReader.ReadQuery read = queries.read(text, Names.NONE);
            // The words alone first, as a reader starts: their first hits are ranked and kept.
            SearchRequest alone = new SearchRequest(text, Map.of(), DateFilter.of(new TreeSet<>(), null), Set.of(), null, 1, 10);
            searching.search(rowsKept, Names.NONE, alone.forCounts(), new Searching.Found(alone));
            searching.hits(rowsKept, Names.NONE, alone, null, null);
            for (int i = 0; i < 25; i++) {
                Asked asked = withWholeYears(text, selected, random.nextInt(4) == 0 ? 2 : 1, random);
                SearchRequest request = asked.request();
                String which = "pair " + pair + ", search " + i + ": " + asked;
                Searching.Found found = new Searching.Found(request);
                SearchResults counted = searching.search(rowsKept, Names.NONE, request.forCounts(), found);
                List<SearchHit> page = searching.hits(rowsKept, Names.NONE, request, found, counted.years());
                if (found.holdsHitsAsFilters()) {
                    fromPairRows++;
                    // The page looked for among the words' first hits, kept by their search alone.
                    firstHitsKept += rowsKept.keptFirstHits(read.query()) != null ? 1 : 0;
                }
                SearchResults everyRecordVisited = searching.search(nothingKept, Names.NONE, request.forCounts(), null);
                assertEquals(everyRecordVisited, counted, which + ": against the pass over the hits");
                assertCountedAsLucene(drillSideways(asked, read.query()), counted, which);
                assertEquals(searching.hits(nothingKept, Names.NONE, request, null, null), page, which + ": the page");
                pagesWithHits += page.isEmpty() ? 0 : 1;
            }
        }
        // Not a path never taken: most searches, from each pair's third, counted their hits from the rows.
        assertTrue(fromPairRows > 12 * 25 / 2, fromPairRows + " searches counted their hits from the rows");
        assertEquals(fromPairRows, firstHitsKept, "each page looked for among the words' first hits");
        assertTrue(pagesWithHits > 12 * 25 / 4, pagesWithHits + " pages had hits on them");
    }

    /**
     * {@code text} and {@code selected} with a random range of whole years (from 1938 to 2005, a
     * year to a dozen; now and then open at one end), met either way: page {@code page} of ten.
     */
    private static Asked withWholeYears(String text, Map<Facet, List<String>> selected, int page, SplittableRandom random) {
        int first = 1938 + random.nextInt(56);
        DateBound from = random.nextInt(8) == 0 ? null : DateBound.year(first);
        DateBound to = from != null && random.nextInt(8) == 0 ? null : DateBound.year(first + random.nextInt(12));
        Dated dated = random.nextBoolean() ? Dated.WITHIN : Dated.MAY_FALL_IN;
        DateFilter.Range range = DateFilter.Range.of(from, to, dated);
        SearchRequest request = new SearchRequest(text, selected, DateFilter.of(new TreeSet<>(), range), Set.of(),
                null, page, 10);
        return new Asked(text, selected, Set.of(), new TreeSet<>(), from, to, dated, request);
    }

    /** A search as the engine gets it, and what it was made of, for Lucene's side and for messages. */
    private record Asked(String text, Map<Facet, List<String>> selected, Set<Facet> requireAll,
                         TreeSet<Integer> years, DateBound from, DateBound to, Dated dated, SearchRequest request) {

        Asked mayFallIn() {
            return new Asked(text, selected, requireAll, years, from, to, Dated.MAY_FALL_IN,
                    request.withDated(Dated.MAY_FALL_IN));
        }

        Asked within() {
            return new Asked(text, selected, requireAll, years, from, to, Dated.WITHIN, request.withDated(Dated.WITHIN));
        }

        @Override
        public String toString() {
            return "text '" + text + "', " + selected + (requireAll.isEmpty() ? "" : " all of " + requireAll)
                    + ", years " + years + ", dates " + (from == null ? null : from.value()) + " to "
                    + (to == null ? null : to.value()) + " " + dated + (request.dates() instanceof DateFilter.Undated ? ", undated only" : "");
        }
    }

    /**
     * @param languages numbers of their own for the language facet: every other part of a search is as it was before it
     * @param undated   likewise, whether a search without years or a range asks for the undated records alone
     */
    private static Asked randomSearch(SplittableRandom random, SplittableRandom languages, SplittableRandom undated) {
        String text = random.nextInt(3) == 0 ? words.get(random.nextInt(words.size())) : "";
        Map<Facet, List<String>> selected = new EnumMap<>(Facet.class);
        Set<Facet> requireAll = EnumSet.noneOf(Facet.class);
        for (Facet facet : Facet.values()) {
            SplittableRandom drawn = facet == Facet.LANGUAGE ? languages : random;
            // A reader narrows by language less often than by type, person or place; as often, most of
            // these searches would find nothing, and the comparisons would be of empty pages.
            if (drawn.nextInt(facet == Facet.LANGUAGE ? 6 : 3) != 0) {
                continue;
            }
            Set<String> keys = new LinkedHashSet<>();
            int n = 1 + (drawn.nextInt(4) == 0 ? drawn.nextInt(3) : 0);
            for (int k = 0; k < n; k++) {
                keys.add(drawn.nextInt(40) == 0 ? "no-such-key" : pick(commonFirst.get(facet), drawn));
            }
            selected.put(facet, List.copyOf(keys));
            if (SearchRequest.MULTI_VALUED.contains(facet) && drawn.nextBoolean()) {
                requireAll.add(facet);
            }
        }
        TreeSet<Integer> years = new TreeSet<>();
        if (random.nextInt(4) == 0) {
            int n = 1 + random.nextInt(3);
            for (int k = 0; k < n; k++) {
                years.add(1938 + random.nextInt(56));
            }
        }
        DateBound from = null;
        DateBound to = null;
        Dated dated = Dated.MAY_FALL_IN;
        if (random.nextInt(4) == 0) {
            // A year, a month or a day at each end, as the URL gives them: "1950", "1953-07", "1950-06-25".
            int startYear = 1940 + random.nextInt(50);
            int endYear = startYear + random.nextInt(10);
            from = random.nextInt(4) == 0 ? null : bound(startYear, random.nextBoolean() ? 0 : 1 + random.nextInt(12),
                    random.nextInt(3) == 0 ? 1 + random.nextInt(28) : 0);
            to = from != null && random.nextInt(4) == 0 ? null
                    : bound(endYear, endYear == startYear || random.nextBoolean() ? 0 : 1 + random.nextInt(12),
                    random.nextInt(3) == 0 ? 1 + random.nextInt(28) : 0);
            if (from != null && to != null && from.firstDay().isAfter(to.lastDay())) {
                to = null;
            }
            dated = random.nextBoolean() ? Dated.WITHIN : Dated.MAY_FALL_IN;
        }
        boolean undatedOnly = years.isEmpty() && from == null && to == null && undated.nextInt(10) == 0;
        DateFilter.Range range = DateFilter.Range.of(from, to, dated);
        SearchRequest request = new SearchRequest(text, selected,
                undatedOnly ? DateFilter.UNDATED : DateFilter.of(years, range), requireAll, null, 1, 0);
        return new Asked(text, selected, requireAll, years, from, to, range == null ? Dated.MAY_FALL_IN : range.how(),
                request);
    }

    private static DateBound bound(int year, int month, int day) {
        return DateBound.parse(month == 0 ? String.valueOf(year)
                : day == 0 ? String.format("%d-%02d", year, month) : String.format("%d-%02d-%02d", year, month, day));
    }

    /** Common values more often than rare ones, as readers tick them. */
    private static String pick(List<String> values, SplittableRandom random) {
        double r = random.nextDouble();
        return values.get(Math.min(values.size() - 1, (int) (values.size() * r * r * r)));
    }

    /** What Lucene's facet module counts for the same search. */
    private record Expected(long total, Map<Facet, Map<String, Long>> facets, SortedMap<Integer, Long> years,
                            SortedMap<Integer, Long> yearsAnyDate, SortedMap<Integer, Long> decades, long undated,
                            Map<Filter, Long> without) {
    }

    /**
     * What Lucene counted for {@code asked}, counted once per class: both tests ask the same searches
     * (the same seeds) of the same index, and Lucene's side depends on nothing else (not on what the
     * snapshot under test keeps), so the second test compares its counts with the first's answers
     * instead of asking DrillSideways again, which was some two fifths of each test's time.
     */
    private static Expected drillSidewaysOnce(Asked asked, Query words) throws IOException {
        Expected counted = LUCENE_COUNTED.get(asked);
        if (counted == null) {
            counted = drillSideways(asked, words);
            LUCENE_COUNTED.put(asked, counted);
        }
        return counted;
    }

    /** Lucene's answers, by search: {@link #drillSidewaysOnce}. */
    private static final Map<Asked, Expected> LUCENE_COUNTED = new ConcurrentHashMap<>();

    private static Expected drillSideways(Asked asked, Query words) throws IOException {
        DrillDownQuery query = new DrillDownQuery(config, words);
        // The dimensions in the order they were added, which is the order of the sideways results.
        Map<String, Filter> filterOf = new LinkedHashMap<>();
        drillDownFacets(query, asked);
        asked.selected().keySet().forEach(facet -> filterOf.put(facet.key(), Filter.of(facet)));
        if (!asked.years().isEmpty()) {
            query.add(YEAR_DIM, IntPoint.newSetQuery(IndexLayout.YEAR, asked.years()));
            filterOf.put(YEAR_DIM, Filter.YEAR);
        }
        Query dates = dateRange(asked.from() == null ? null : asked.from().firstDay(),
                asked.to() == null ? null : asked.to().lastDay(), asked.dated());
        if (dates != null) {
            query.add(DATES_DIM, dates);
            filterOf.put(DATES_DIM, Filter.DATES);
        }
        if (asked.request().dates() instanceof DateFilter.Undated) {
            query.add(UNDATED_DIM, new TermQuery(IndexLayout.undatedTerm()));
            filterOf.put(UNDATED_DIM, Filter.UNDATED);
        }
        Map<String, Integer> dims = new HashMap<>();
        filterOf.keySet().forEach(dim -> dims.put(dim, dims.size()));
        List<FacetsCollectorManager> sideways = new ArrayList<>();
        dims.keySet().forEach(dim -> sideways.add(new FacetsCollectorManager()));
        DrillSideways.Result<FacetsCollector, FacetsCollector> result = new DrillSideways(plain, config, state)
                .search(query, new FacetsCollectorManager(), sideways);
        FacetsCollector hits = result.drillDownResult();

        Map<Facet, Map<String, Long>> facets = new EnumMap<>(Facet.class);
        Map<FacetsCollector, SortedSetDocValuesFacetCounts> counts = new IdentityHashMap<>();
        for (Facet facet : Facet.values()) {
            boolean lifted = dims.containsKey(facet.key())
                    && !asked.requireAll().contains(facet);
            FacetsCollector counted = lifted ? result.drillSidewaysResults().get(dims.get(facet.key())) : hits;
            facets.put(facet, values(counts.computeIfAbsent(counted, FacetCounterAgainstDrillSidewaysTest::count), facet));
        }
        FacetsCollector yearsCounted = dims.containsKey(YEAR_DIM)
                ? result.drillSidewaysResults().get(dims.get(YEAR_DIM)) : hits;
        Map<Filter, Long> without = new EnumMap<>(Filter.class);
        dims.forEach((dim, at) -> without.put(filterOf.get(dim), total(result.drillSidewaysResults().get(at))));

        // The histogram and the undated count lift every date filter: the same search without them, drilled down plainly.
        DrillDownQuery noDates = new DrillDownQuery(config, words);
        drillDownFacets(noDates, asked);
        FacetsCollector anyDate = plain.search(noDates, new FacetsCollectorManager());
        return new Expected(total(hits), facets, years(yearsCounted), years(anyDate), decades(anyDate), undated(anyDate),
                without);
    }

    /** A dimension per facet ticked: any of its values, or for "all of" every one of them. */
    private static void drillDownFacets(DrillDownQuery query, Asked asked) {
        asked.selected().forEach((facet, keys) -> {
            if (asked.requireAll().contains(facet) && keys.size() > 1) {
                BooleanQuery.Builder every = new BooleanQuery.Builder();
                for (String key : keys) {
                    every.add(new TermQuery(DrillDownQuery.term(IndexLayout.FACETS, facet.key(), key)), Occur.FILTER);
                }
                query.add(facet.key(), every.build());
            } else {
                keys.forEach(key -> query.add(facet.key(), key));
            }
        });
    }

    /**
     * A range of days overlapping a record's period (it starts by {@code to} and ends on or after
     * {@code from}), or holding all of it (it starts on or after {@code from} and ends by {@code to}).
     */
    private static Query dateRange(LocalDate from, LocalDate to, Dated dated) {
        if (from == null && to == null) {
            return null;
        }
        if (dated == Dated.WITHIN) {
            BooleanQuery.Builder within = new BooleanQuery.Builder();
            if (from != null) {
                within.add(IntPoint.newRangeQuery(IndexLayout.START, IndexLayout.day(from), Integer.MAX_VALUE), Occur.FILTER);
            }
            if (to != null) {
                within.add(IntPoint.newRangeQuery(IndexLayout.END, Integer.MIN_VALUE, IndexLayout.day(to)), Occur.FILTER);
            }
            return within.build();
        }
        BooleanQuery.Builder overlap = new BooleanQuery.Builder();
        if (to != null) {
            overlap.add(IntPoint.newRangeQuery(IndexLayout.START, Integer.MIN_VALUE, IndexLayout.day(to)), Occur.FILTER);
        }
        if (from != null) {
            overlap.add(IntPoint.newRangeQuery(IndexLayout.END, IndexLayout.day(from), Integer.MAX_VALUE), Occur.FILTER);
        }
        return overlap.build();
    }

    private static long total(FacetsCollector collected) {
        long total = 0;
        for (FacetsCollector.MatchingDocs docs : collected.getMatchingDocs()) {
            total += docs.totalHits;
        }
        return total;
    }

    private static SortedSetDocValuesFacetCounts count(FacetsCollector collected) {
        try {
            return new SortedSetDocValuesFacetCounts(state, collected);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Map<String, Long> values(SortedSetDocValuesFacetCounts counted, Facet facet) throws IOException {
        Map<String, Long> counts = new TreeMap<>();
        FacetResult result = counted.getAllChildren(facet.key());
        if (result != null) {
            for (LabelAndValue value : result.labelValues) {
                if (value.value.longValue() > 0) {
                    counts.put(value.label, value.value.longValue());
                }
            }
        }
        return counts;
    }

    /**
     * Records under each year their date covers (a span's every year), read from each collected
     * record's date span; an undated record, which has none, under no year.
     */
    private static SortedMap<Integer, Long> years(FacetsCollector collected) throws IOException {
        return periods(collected, 1);
    }

    /**
     * Records under each decade (by its first year) their date touches, once however many of its
     * years the date covers; an undated record under none.
     */
    private static SortedMap<Integer, Long> decades(FacetsCollector collected) throws IOException {
        return periods(collected, 10);
    }

    /** Records under each period of {@code years} years (by its first year) their date touches, once each. */
    private static SortedMap<Integer, Long> periods(FacetsCollector collected, int years) throws IOException {
        SortedMap<Integer, Long> periods = new TreeMap<>();
        for (FacetsCollector.MatchingDocs docs : collected.getMatchingDocs()) {
            NumericDocValues spans = DocValues.getNumeric(docs.context.reader(), IndexLayout.SPAN);
            DocIdSetIterator it = docs.bits.iterator();
            for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
                if (!spans.advanceExact(doc)) {
                    continue;
                }
                for (int period = IndexLayout.spanStart(spans.longValue()) / 10_000 / years;
                        period <= IndexLayout.spanEnd(spans.longValue()) / 10_000 / years; period++) {
                    periods.merge(period * years, 1L, Long::sum);
                }
            }
        }
        return periods;
    }

    /** The collected records without a date span: the undated. */
    private static long undated(FacetsCollector collected) throws IOException {
        long undated = 0;
        for (FacetsCollector.MatchingDocs docs : collected.getMatchingDocs()) {
            NumericDocValues spans = DocValues.getNumeric(docs.context.reader(), IndexLayout.SPAN);
            DocIdSetIterator it = docs.bits.iterator();
            for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
                undated += spans.advanceExact(doc) ? 0 : 1;
            }
        }
        return undated;
    }

    private static Map<String, Long> nonZero(List<FacetCount> counts) {
        Map<String, Long> map = new TreeMap<>();
        counts.stream().filter(c -> c.count() > 0).forEach(c -> map.put(c.key(), c.count()));
        return map;
    }

    private static SortedMap<Integer, Long> nonZero(SortedMap<Integer, Long> counts) {
        SortedMap<Integer, Long> map = new TreeMap<>();
        counts.forEach((year, count) -> {
            if (count > 0) {
                map.put(year, count);
            }
        });
        return map;
    }

    /** Each facet's keys, the values most records have first. */
    private static Map<Facet, List<String>> valuesByFrequency() {
        FacetCounter.Counts all = snapshot.everything();
        Ordinals ordinals = snapshot.ordinals;
        Map<Facet, List<Integer>> ords = new EnumMap<>(Facet.class);
        for (int ord = 0; ord < ordinals.size(); ord++) {
            Facet facet = ordinals.facetOf(ord);
            if (facet != null) {
                ords.computeIfAbsent(facet, f -> new ArrayList<>()).add(ord);
            }
        }
        Map<Facet, List<String>> keys = new EnumMap<>(Facet.class);
        for (Facet facet : Facet.values()) {
            List<Integer> list = ords.getOrDefault(facet, List.of());
            assertTrue(list.size() >= 5, "the generated catalogue has several values of " + facet.key());
            keys.put(facet, list.stream().sorted((a, b) -> Integer.compare(all.values[b], all.values[a]))
                    .map(ordinals::keyOf).toList());
        }
        return keys;
    }

    /** Words in neither too few nor too many records, so that a search with filters still finds some. */
    private static List<String> middlingWords() throws IOException {
        List<String> found = new ArrayList<>();
        Terms terms = MultiTerms.getTerms(reader, IndexLayout.TEXT);
        TermsEnum it = terms.iterator();
        for (BytesRef term = it.next(); term != null; term = it.next()) {
            int df = it.docFreq();
            String word = term.utf8ToString();
            if (df >= 40 && df <= RECORDS / 3 && word.matches("[a-z]{4,}")) {
                found.add(word);
            }
        }
        assertTrue(found.size() >= 20, "words to search for: " + found);
        return found;
    }
}
