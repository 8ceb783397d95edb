package org.dossier.search;

import static org.dossier.db.Tables.DOCUMENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.dossier.app.Database;
import org.dossier.documents.Attribution;
import org.dossier.documents.DocumentDate;
import org.dossier.documents.Languages;
import org.dossier.documents.RecordDraft;
import org.dossier.documents.RecordStore;
import org.dossier.importing.ImportRun;
import org.dossier.synthetic.Generator;
import org.dossier.testing.TestCatalogue;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.StartedFirst;
import org.dossier.testing.TestSolrCloud;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The contract both engines keep: the same request asked of the embedded Lucene index and of a
 * 2-shard SolrCloud collection filled from the same database gives the same total, the same count
 * for every facet value, year and lifted filter, the same notice, and the same hits in the same
 * order, relevance included (both break equal scores by record number). On the seed catalogue,
 * with requests written by hand for every feature, and on a generated catalogue of 1,500 more
 * records, with requests made from its own most frequent values.
 */
@StartedFirst(seconds = 38)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SolrContractTest {

    /**
     * The tests that write run after those that only read, in this order: a record written again or
     * withdrawn stays in each index's statistics until its segment is merged away, which each engine
     * does at its own moment, so a relevance order compared after another test's writes could differ
     * by a merge (q=korea OR china did, once the language test wrote a record before the seed
     * catalogue was compared). BM25 over live records only is in BENCHMARKS.md and README: it needs
     * the same on Solr first.
     */
    private static final int AFTER_THE_READS = Order.DEFAULT + 1;

    private static Path folder;
    private static Database database;
    private static LuceneSearchEngine lucene;
    private static SolrSearchEngine solr;
    private static Path generatedFolder;
    private static Database generated;
    private static LuceneSearchEngine generatedLucene;
    private static SolrSearchEngine generatedSolr;
    private static SolrAddress generatedAddress;

    @BeforeAll
    static void open() throws Exception {
        TestSolrCloud.startSoon(); // while the catalogue is imported and written
        folder = Files.createTempDirectory("dossier-solr-contract-");
        database = TestDatabase.openIn(folder);
        RecordStore store = new RecordStore(database.dsl(), Clock.systemUTC());
        new ImportRun(store, Clock.systemUTC()).run(List.of(TestCatalogue.SEEDS));
        for (String[] record : SCRIPTS) {
            store.write(w -> w.create(new RecordDraft(record[0], List.of(record[1]), DocumentDate.ofDay(1956, 7, 26)),
                    Attribution.editor("tester", "a record in another script")));
        }
        store.write(w -> w.create(new RecordDraft(SNIPPETS[0], List.of(SNIPPETS[1]), DocumentDate.ofDay(1960, 5, 2)),
                Attribution.editor("tester", "a record with an emoji, an apostrophe and markup")));
        SearchQualityTest.writeJudgedRecords(store);
        writeUndatedRecords(store, 0, 5);
        // Seed pages say no language: some records are given one, two or three, as an editor would.
        String[][] said = {{"3", "ru"}, {"5", "ru zh"}, {"7", "ko"}, {"11", "zh"}, {"13", "en ru ko"}};
        for (String[] every : said) {
            database.dsl().update(DOCUMENT).set(DOCUMENT.LANGUAGES, Languages.stored(every[1]))
                    .where(DOCUMENT.ID.mod(Integer.parseInt(every[0])).eq(0)).execute();
        }
        lucene = LuceneSearchEngine.open(folder.resolve("dossier.index"), database.dsl());

        generatedFolder = Files.createTempDirectory("dossier-solr-generated-");
        generated = TestDatabase.openIn(generatedFolder);
        new Generator(generated.dsl(), Clock.systemUTC()).generate(TestCatalogue.SEEDS, 1_500, 11, (done, total) -> { });
        generatedLucene = LuceneSearchEngine.open(generatedFolder.resolve("dossier.index"), generated.dsl());

        // Only now the cluster: everything above is done while it starts (5 to 12 s; this class starts
        // it in a whole run, beside two other classes), where the generated catalogue and its index
        // were made after the seeds' collection had been filled. The two collections are filled at
        // once, as two nodes fill theirs: each from its own database into its own collection, Solr's
        // JVM writing one while this JVM reads the other.
        CompletableFuture<SolrSearchEngine> seedsOnSolr = CompletableFuture.supplyAsync(() -> {
            try {
                return SolrSearchEngine.open(TestSolrCloud.freshCollection(2), database.dsl());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            generatedAddress = TestSolrCloud.freshCollection(2);
            generatedSolr = SolrSearchEngine.open(generatedAddress, generated.dsl());
        } finally {
            solr = seedsOnSolr.join();
        }
    }

    @AfterAll
    static void close() {
        for (AutoCloseable closing : new AutoCloseable[] {lucene, solr, generatedLucene, generatedSolr, database, generated}) {
            try {
                if (closing != null) {
                    closing.close();
                }
            } catch (Exception e) {
                // closing what is left
            }
        }
        TestCatalogue.deleteRecursively(folder);
        TestCatalogue.deleteRecursively(generatedFolder);
    }

    /**
     * Undated records (V22), {@code from} to {@code to} of them, every other one linked to Stalin,
     * some of the Quillmark cable: written before the engines open, they are filled from a full read;
     * written after, followed.
     */
    private static List<Integer> writeUndatedRecords(RecordStore store, int from, int to) {
        int stalin = database.dsl().select(org.dossier.db.Tables.PERSON.ID).from(org.dossier.db.Tables.PERSON)
                .where(org.dossier.db.Tables.PERSON.KEY.eq("stalin")).fetchSingle(org.dossier.db.Tables.PERSON.ID);
        List<Integer> ids = new ArrayList<>();
        for (int i = from; i < to; i++) {
            Map<Integer, org.dossier.authorities.PersonRole> people = i % 2 == 0
                    ? Map.of(stalin, org.dossier.authorities.PersonRole.AUTHOR) : Map.of();
            String title = (i % 3 == 0 ? "Undated telegram on the Quillmark cable " : "Undated note on Korea ") + i;
            ids.add(store.write(w -> w.create(new RecordDraft(title, List.of("Its date is lost."), java.util.Optional.empty(),
                    null, people, new TreeSet<>(), Languages.NONE), Attribution.editor("tester", "an undated record"))));
        }
        return ids;
    }

    /** Records in scripts whose letters the analysis folds beyond ASCII (script-folding.txt). */
    private static final String[][] SCRIPTS = {
        {"Письмо Хрущёва о переговорах", "Н. С. Хрущёв сообщает о ходе переговоров."},
        {"Τηλεγράφημα από την Αθήνα", "Ο Ιωάννης Μεταξάς απάντησε «Όχι»."},
        {"بَرْقِيَّة من القاهرة", "أعلن جمال عبد الناصر تأميم قناة السويس."},
        {"מברק על הקמת המדינה", "דָּוִד בֶּן-גּוּרְיוֹן הכריז על הקמת מדינת ישראל."},
    };

    /**
     * A record whose snippet SolrCloud's own highlighter gave otherwise: its sentences grew to their
     * neighbours, broke before the emoji, and its apostrophe came as an entity.
     */
    private static final String[] SNIPPETS = {"The envoy's cable on the Zambezi dam",
        "First words of the cable. Second words. Third words. 👨‍👩‍👧 about the envoy's "
            + "Zambezi dam & its \"cost\" <b>. Fifth words of no interest at all. Sixth words, the last."};

    private static SearchRequest request(String query) {
        return SearchRequestParser.parse(query);
    }

    @Test
    void bothEnginesHoldEverySearchableRecord() {
        assertEquals(lucene.size(), solr.size());
        assertEquals(generatedLucene.size(), generatedSolr.size());
        assertTrue(generatedSolr.size() >= 1_500);
    }

    @Test
    void theSeedCatalogueAnswersTheSameOnBothEngines() {
        List<String> requests = List.of(
                "", "q=korea", "q=Korea&sort=-date", "q=telegrams", "q=negotiations", "q=%22ciphered+telegram%22",
                "q=stalin", "q=Filippov", "q=Le+Duan", "q=zymierski", "q=%22North+Korea%22", "q=Pyongyang",
                "q=telegr*", "q=kor%3Fa", "q=%2Fkore%5Ba-z%5D%2F", "q=korea~1", "q=korea+OR+china",
                "q=korea+NOT+stalin", "q=korea+-stalin", "q=stalin%27s", "q=%22kim+il+sung%22~2",
                "q=korea+AND", "q=%22unclosed", "q=((((((((((deep))))))))))", "q=*ea", "q=Memo%3A+Korea",
                "q=%2F[ab]*a[ab]{20}%2F", "q=the+and+of", "q=Pa%CC%81sztor", "q=P%C3%A1sztor", "q=stalin%00",
                "q=-stalin", "q=NOT+stalin", "q=-stalin+-korea&sort=title", "q=korea+OR+(-china)",
                "type=ciphered-telegram", "type=ciphered-telegram&type=telegram", "person=stalin",
                "person=stalin&person=mao-zedong", "person=stalin&person=kim-il-sung&all=person",
                "place=dprk&person=stalin", "author=stalin", "recipient=stalin", "year=1950",
                "year=1950&year=1949", "from=1950", "to=1945", "from=1949-06&to=1950-06", "from=1950-06&to=1950-06",
                "from=1950-06-25&to=1950-07-31", "from=1950-07-09&to=1950-07-13&sort=date",
                "from=1950-06&to=1950-08&dated=within", "from=1950-06-25&dated=within&sort=date",
                "to=1950-07&dated=within&person=stalin", "from=1950&to=1951&dated=within",
                "q=korea&type=ciphered-telegram&year=1950", "q=korea&from=1950&to=1951&person=stalin",
                "sort=title", "sort=date", "sort=-date&pageSize=5&page=3", "q=korea&sort=title&page=2",
                "q=telegram&pageSize=5&page=4", "q=korea&sort=date", "person=nobody-at-all",
                "language=ru", "language=ru&language=zh", "language=ru&language=ko&all=language", "language=en",
                "q=korea&language=zh", "language=ru&type=ciphered-telegram&year=1950", "language=ko&person=stalin",
                "language=zh&sort=title&page=2", "language=xx-notreal", "language=ru&language=xx-notreal",
                "q=U.S.S.R.", "q=P.R.C.", "q=%22IV+Stalin%22", "q=C.C.+1.5", "q=Stalin%3F", "q=korea%3F",
                "q=stal%3Fn", "q=%3F", "q=Zhou+En-lai", "q=Chou+Enlai", "q=Kim+Ilsung", "q=Mao+Tsetung",
                "q=405%2C976", "q=405976", "q=%22No.+405%2C976%22", "q=Kim+Il-sung", "q=Chiang+Kai-shek",
                "q=Rola-%C5%BBymierski", "q=anti-aircraft+guns",
                "q=ciphred~1+telegarm~1+shtykv~1+stailn~1+fengg~1+feng~2");
        for (String query : requests) {
            assertSame(query, lucene, solr, request(query));
        }
    }

    /**
     * What a facet's values page says of a facet whose values are ticked (catalogue/FacetValuesPage):
     * its values counted given every other filter and not its own, each what the search with its own
     * filter lifted finds with that value alone, "in" as many records as that search finds (the
     * total without the filter), on both engines alike.
     */
    @Test
    void aTickedFacetIsCountedInTheRecordsItsOwnFilterLiftedFindsOnBothEngines() {
        for (String query : List.of("type=ciphered-telegram", "type=letter&person=stalin",
                "q=korea&type=telegram&type=ciphered-telegram&year=1950")) {
            SearchRequest request = request(query);
            SearchRequest lifted = request.without(Filter.TYPE);
            long records = lucene.count(lifted);
            for (SearchEngine engine : List.of(lucene, solr)) {
                String where = engine.getClass().getSimpleName() + " ?" + query + ": ";
                SearchResults results = engine.search(request);
                assertTrue(results.total() < records, where + "the type's own filter narrows the search");
                assertEquals(records, results.without().get(Filter.TYPE), where + "the total without the type");
                assertTrue(results.facet(Facet.TYPE).size() > 1, where + "the other types are counted too");
                for (FacetCount type : results.facet(Facet.TYPE)) {
                    assertEquals(engine.count(lifted.toggle(Facet.TYPE, type.key())), type.count(), where + type.key());
                }
            }
        }
    }

    /**
     * A page's counts are put alike whichever engine counted them ({@link PageCounts}): a facet's
     * values most records first, then by key; a value ticked that finds nothing listed at 0, and a
     * year ticked that finds nothing among the years at 0, so that the reader can untick them.
     */
    @Test
    void aValueOrYearTickedThatFindsNothingIsListedAtZeroAndValuesMostRecordsFirstOnBothEngines() {
        SearchRequest request = request("q=korea&person=stalin&person=nobody-at-all&year=1950&year=1801");
        for (SearchEngine engine : List.of(lucene, solr)) {
            String where = engine.getClass().getSimpleName() + ": ";
            SearchResults results = engine.search(request);
            List<FacetCount> people = results.facet(Facet.PERSON);
            assertTrue(people.contains(new FacetCount("nobody-at-all", 0)), where + "the person ticked who is in no record, at 0");
            assertEquals(people.stream().sorted(java.util.Comparator.comparingLong(FacetCount::count).reversed()
                    .thenComparing(FacetCount::key)).toList(), people, where + "most records first, then by key");
            assertEquals(0L, results.years().get(1801), where + "the year ticked that finds nothing, at 0");
            assertTrue(results.years().get(1950) > 0, where + "the year ticked that finds records");
        }
    }

    /**
     * Every judged query (search/judged-queries.txt, search/judged-rankings.txt), over the seed
     * records and the judged ones, answers the same on both engines: among them, designations whose letters and digits are
     * written together or apart ("No709", "T-34", "MiG 15", "1950's", "\"T-34 tanks\"").
     */
    @Test
    void everyJudgedQueryAnswersTheSameOnBothEngines() throws Exception {
        for (SearchQualityTest.Judged judged : SearchQualityTest.judged()) {
            String query = "q=" + java.net.URLEncoder.encode(judged.query(), java.nio.charset.StandardCharsets.UTF_8);
            assertSame(query, lucene, solr, request(query));
        }
        for (SearchQualityTest.JudgedRanking judged : SearchQualityTest.judgedRankings()) {
            String query = "q=" + java.net.URLEncoder.encode(judged.query(), java.nio.charset.StandardCharsets.UTF_8);
            assertSame(query, lucene, solr, request(query));
        }
        assertEquals(3, solr.search(request("q=T34")).total(), "T-34, T34 and T 34 on Solr too");
    }

    @Test
    void bothEnginesShowTheSameSnippets() {
        for (String query : List.of("q=zambezi", "q=cost", "q=envoy%27s", "q=%22the+last%22", "q=zambez*", "q=sixth",
                "q=first+dam", "q=cable+-korea")) {
            assertSame(query, lucene, solr, request(query));
        }
        SearchHit hit = solr.search(request("q=cost")).hits().get(0);
        assertEquals("The envoy&#39;s cable on the Zambezi dam", hit.title().html());
        assertEquals("Third words. 👨‍👩‍👧 about the envoy&#39;s Zambezi dam &amp; its &quot;<mark>cost</mark>&quot; "
                + "&lt;b&gt;.", hit.snippet().html());
    }

    @Test
    void bothEnginesFoldOtherScriptsAlike() {
        List<String> typed = List.of("Хрущев", "ХРУЩЁВ", "хрущ*", "Хрущё*", "ΑΘΗΝΑ", "αθηνα", "Αθήν*", "ΜΕΤΑΞΑΣ",
                "μεταξας", "برقية", "بَرْقِيَّة", "اعلن", "דוד", "\"דוד בן-גוריון\"", "גּוּרְיוֹן");
        for (String text : typed) {
            String query = "q=" + java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
            assertSame(query, lucene, solr, request(query));
            assertEquals(1, solr.search(request(query)).total(), "Solr finds the record for " + text);
        }
    }

    @Test
    void aGeneratedCatalogueAnswersTheSameOnBothEngines() {
        SearchResults all = generatedLucene.search(SearchRequest.everything(10));
        List<String> requests = new ArrayList<>(List.of("", "sort=title", "sort=date&page=7", "pageSize=100&page=12"));
        List<String> people = top(all, Facet.PERSON, 3);
        List<String> places = top(all, Facet.PLACE, 2);
        List<String> types = top(all, Facet.TYPE, 2);
        List<String> authors = top(all, Facet.AUTHOR, 1);
        List<String> recipients = top(all, Facet.RECIPIENT, 1);
        List<String> languages = top(all, Facet.LANGUAGE, 3);
        List<String> words = List.of("telegram", "conversation", "korea", "soviet", "meeting", "\"soviet union\"",
                "negotiations", "embassy", "memorandum", "report", "war", "stal*");
        int year = all.years().entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        for (String word : words) {
            String q = "q=" + java.net.URLEncoder.encode(word, java.nio.charset.StandardCharsets.UTF_8);
            requests.add(q);
            requests.add(q + "&person=" + people.get(0));
            requests.add(q + "&person=" + people.get(0) + "&person=" + people.get(1) + "&type=" + types.get(0));
            requests.add(q + "&place=" + places.get(0) + "&year=" + year + "&year=" + (year + 1));
            requests.add(q + "&from=" + year + "-03&to=" + (year + 2) + "&sort=date");
            requests.add(q + "&from=" + year + "-03-15&to=" + (year + 2) + "-02-28&sort=-date");
            requests.add(q + "&from=" + year + "-03-15&to=" + (year + 1) + "-02&dated=within&sort=date");
            requests.add(q + "&sort=title&page=2");
        }
        requests.add("person=" + people.get(0) + "&person=" + people.get(2) + "&all=person");
        requests.add("person=" + people.get(1) + "&place=" + places.get(1) + "&type=" + types.get(1));
        requests.add("author=" + authors.get(0) + "&recipient=" + recipients.get(0));
        requests.add("language=" + languages.get(1) + "&language=" + languages.get(2) + "&type=" + types.get(0));
        requests.add("q=korea&language=" + languages.get(0) + "&language=" + languages.get(1) + "&all=language");
        requests.add("language=" + languages.get(2) + "&person=" + people.get(0) + "&from=" + year + "&sort=date");
        requests.add("from=" + year + "&sort=-date&pageSize=50&page=3");
        requests.add("to=" + year + "-06&type=" + types.get(0) + "&sort=title");
        requests.add("to=" + year + "-06&dated=within&type=" + types.get(0) + "&sort=title");
        requests.add("from=" + year + "-06-10&dated=within&person=" + people.get(0));
        requests.add("year=" + year + "&place=" + places.get(0) + "&place=" + places.get(1));
        for (String query : requests) {
            assertSame(query, generatedLucene, generatedSolr, request(query));
        }
    }

    /**
     * Undated records are found, counted, filtered and sorted alike on both engines: after every
     * dated record in both date orders, pages across that boundary included, in no year or range,
     * counted as "Undated" under the other filters, and alone when asked for.
     */
    @Test
    void undatedRecordsAnswerTheSameOnBothEngines() {
        List<String> requests = new ArrayList<>(List.of("undated=only", "q=quillmark", "q=quillmark&undated=only",
                "q=undated", "q=korea&sort=date", "q=korea&sort=-date", "q=korea&undated=only&sort=title",
                "person=stalin", "person=stalin&undated=only", "author=stalin&undated=only&sort=date",
                "q=korea&year=1950", "q=korea&from=1900", "q=korea&to=2000&dated=within", "undated=only&pageSize=2&page=2",
                "q=korea+-undated&undated=only", "type=ciphered-telegram&undated=only"));
        long dated = lucene.search(request("")).total() - lucene.search(request("undated=only")).total();
        assertTrue(solr.search(request("undated=only")).total() >= 5, "the undated records are in the collection");
        for (String sort : List.of("date", "-date")) {
            for (int pageSize : List.of(3, 7)) {
                long boundary = dated / pageSize + 1;
                for (long page = boundary - 1; page <= boundary + 1; page++) {
                    requests.add("sort=" + sort + "&pageSize=" + pageSize + "&page=" + page);
                }
            }
        }
        for (String query : requests) {
            assertSame(query, lucene, solr, request(query));
        }
        for (String sort : List.of("date", "-date")) {
            List<Integer> every = boxed(solr.hitIds(request("q=korea&sort=" + sort).withoutPaging()));
            List<Integer> undated = boxed(solr.hitIds(request("q=korea&undated=only").withoutPaging()));
            assertEquals(new TreeSet<>(undated), new TreeSet<>(every.subList(every.size() - undated.size(), every.size())),
                    sort + ": the undated records come last on Solr");
        }
    }

    /**
     * The words offered as one types are read as the catalogue writes them with one request to the
     * collection for all of them: each keystroke asked one request more a word offered (up to ten),
     * each fetching its record's title and summary from a shard.
     */
    @Test
    void theWordsOfferedAsOneTypesAreReadAsWrittenInOneRequest() throws Exception {
        String typed = "tr";
        long before = recordsFetched(generatedAddress);
        List<Suggestion> offered = generatedSolr.suggest(typed, Suggestions.MAX);
        long fetched = recordsFetched(generatedAddress) - before;
        assertTrue(offered.size() >= 5, "words enough to tell: " + offered);
        assertTrue(fetched <= 2, fetched + " fetches of records from the two shards for " + offered.size()
                + " words: " + offered);
    }

    /**
     * A keystroke's suggestions ask the collection four queries at most, whatever they offer: each
     * name and word offered was counted by a search of its own (up to ten a keystroke, twelve
     * queries and more in all); then the names, then the words, in one query each (six); now the
     * words that complete the last one typed, the records of the names and the likeliest words at
     * once, how the words are written, and what choosing each name and word finds, at once.
     */
    @Test
    void aKeystrokesSuggestionsAskTheCollectionAFewQueries() {
        long most = 0;
        StringBuilder each = new StringBuilder();
        for (String typed : List.of("s", "st", "sta", "stal", "te", "tel", "telegr", "kor", "mo", "ch", "me", "conv")) {
            long before = generatedSolr.queriesAsked();
            List<Suggestion> offered = generatedSolr.suggest(typed, Suggestions.MAX);
            long asked = generatedSolr.queriesAsked() - before;
            each.append(typed).append(": ").append(asked).append(" queries, ").append(offered.size()).append(" offered; ");
            most = Math.max(most, asked);
        }
        System.out.println("Queries a keystroke's suggestions asked: " + each);
        assertTrue(most <= 4, "at most four queries a keystroke: " + each);
    }

    /**
     * How many times the collection's shards were asked for the stored fields of records (a search
     * that returns rows, not one that only counts), from Solr's own metrics.
     */
    private static long recordsFetched(SolrAddress address) throws Exception {
        try (CloudSolrClient client = SolrClients.of(address)) {
            long fetched = 0;
            String live = SolrAlias.liveNow(client, address.collection());
            for (String node : client.getClusterStateProvider().getLiveNodes()) {
                String base = "http://" + node.replace("_solr", "/solr");
                HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base
                        + "/admin/metrics?group=core&prefix=QUERY./select&wt=json")).build(),
                        HttpResponse.BodyHandlers.ofString());
                JsonNode cores = new ObjectMapper().readTree(metrics.body()).path("metrics");
                for (Map.Entry<String, JsonNode> core : cores.properties()) {
                    if (core.getKey().startsWith("solr.core." + live + ".")) {
                        fetched += core.getValue().path("QUERY./select[shard].purposes").path("GET_FIELDS").asLong();
                    }
                }
            }
            return fetched;
        }
    }

    @Test
    void bothEnginesSuggestTheSameNamesAndWordsAsOneTypes() {
        List<String> typed = List.of("s", "st", "sta", "Stal", "filip", "Filippov", "north k", "kor", "Kim",
                "le d", "mo", "telegr", "ciphered tele", "conv", "the ", "zzzzqx", "", "   ", "py", "so", "me",
                "a", "ch", "w", "ne", "em", "re", "d", "mol", "char", "Char", "the kor", "Kor",
                "iv", "vm", "iv sta");
        for (String text : typed) {
            assertEquals(lucene.suggest(text, Suggestions.MAX), solr.suggest(text, Suggestions.MAX),
                    "suggestions for '" + text + "' on the seed catalogue");
            assertEquals(generatedLucene.suggest(text, Suggestions.MAX), generatedSolr.suggest(text, Suggestions.MAX),
                    "suggestions for '" + text + "' on the generated catalogue");
        }
        assertTrue(solr.suggest("sta", Suggestions.MAX).stream().anyMatch(s -> s.text().equals("Joseph Stalin")),
                "the names are offered on Solr too: " + solr.suggest("sta", Suggestions.MAX));
        assertTrue(generatedSolr.suggest("telegr", Suggestions.MAX).stream()
                .anyMatch(s -> s.kind().equals(Suggestion.WORD)), "and the words");
        // As the catalogue writes them, not as the index folds them, on Solr too.
        assertTrue(solr.suggest("char", Suggestions.MAX).stream().anyMatch(s -> s.text().equals("chargé")),
                solr.suggest("char", Suggestions.MAX).toString());
    }

    @Test
    void bothEnginesOfferTheSameRespelling() {
        List<String> misspelt = List.of("Stailn", "Molotow", "Shtykow telegram", "Molotov", "stalin korea",
                "telegarm", "Koera", "negotiatons", "Pyongyng", "memorandun", "Stailn&type=ciphered-telegram",
                "Zymierskii", "xqzzy", "confrence", "embasy", "ambasador", "sovet", "molotow", "pasztr", "chargee",
                "Chargee", "telegarm", "Telegarm", "June 1961", "Telegram No. 21647", "NATO", "Kora",
                "what did Stalin say about Korea?", "what did Stailn say about Korea", "who was it?",
                "what happened in June 1950?",
                "antiaircraft", "Kaishek", "Sinosoviet relations", "programs", "neighboring countries");
        int respelt = 0;
        for (String text : misspelt) {
            String[] parts = text.split("&", 2);
            String query = "q=" + java.net.URLEncoder.encode(parts[0], java.nio.charset.StandardCharsets.UTF_8)
                    + (parts.length > 1 ? "&" + parts[1] : "");
            SearchResults want = lucene.search(request(query));
            assertEquals(want.suggestion(), solr.search(request(query)).suggestion(), "did you mean, for ?" + query);
            SearchResults wantGenerated = generatedLucene.search(request(query));
            assertEquals(wantGenerated.suggestion(), generatedSolr.search(request(query)).suggestion(),
                    "did you mean, for ?" + query + " on the generated catalogue");
            respelt += (want.suggestion() == null ? 0 : 1) + (wantGenerated.suggestion() == null ? 0 : 1);
        }
        assertEquals("Stalin", solr.search(request("q=Stailn")).suggestion());
        // As the catalogue writes them, not as the index folds them, on Solr too.
        assertEquals("Żymierski", solr.search(request("q=Zymierskii")).suggestion());
        assertEquals("Molotov", solr.search(request("q=molotow")).suggestion());
        assertEquals("chargé", solr.search(request("q=chargee")).suggestion());
        assertTrue(respelt >= 8, "most of these are respelt: " + respelt);
    }

    @Test
    void bothEnginesFindTheSameRelatedRecordsInTheSameOrder() {
        int found = 0;
        for (int id : generatedLucene.hitIds(request("sort=date").withoutPaging())) {
            if (id % 7 != 0) {
                continue;
            }
            List<Integer> want = generatedLucene.related(id, 5);
            assertEquals(want, generatedSolr.related(id, 5), "records related to " + id + " (generated)");
            found += want.isEmpty() ? 0 : 1;
        }
        assertTrue(found > 50, "most records have related ones: " + found);
        for (int id : lucene.hitIds(request("").withoutPaging())) {
            assertEquals(lucene.related(id, 5), solr.related(id, 5), "records related to " + id + " (seed)");
        }
        assertEquals(List.of(), solr.related(999_999, 5), "none for a record there is not");
    }

    /**
     * Equal scores come by record number on both engines, not in the order the embedded index holds
     * them: records withdrawn and reinstated are written again at the end of that index (a new
     * segment), after records with higher numbers, while their numbers stay as they were.
     */
    @Test
    @Order(AFTER_THE_READS + 0)
    void equalScoresComeByRecordNumberOnBothEnginesAfterRecordsAreWrittenAgain() {
        RecordStore store = new RecordStore(database.dsl(), Clock.systemUTC());
        Attribution editor = Attribution.editor("tester", "a contract test of equal scores");
        // The lowest-numbered hits of "korea": every other one of them written again.
        int[] hits = solr.hitIds(request("q=korea").withoutPaging());
        List<Integer> again = Arrays.stream(hits).sorted().limit(24).filter(id -> id % 2 == 0).boxed().toList();
        for (int id : again) {
            int version = database.dsl().select(DOCUMENT.VERSION).from(DOCUMENT).where(DOCUMENT.ID.eq(id))
                    .fetchSingle(DOCUMENT.VERSION);
            int withdrawn = store.write(w -> w.withdraw(id, version, "written again", editor));
            store.write(w -> w.reinstate(id, withdrawn, editor));
        }
        for (String query : List.of("q=korea", "q=korea&pageSize=5&page=2", "q=korea&pageSize=5&page=7",
                "q=telegram", "q=telegram&pageSize=5&page=3", "q=stalin", "q=korea&type=ciphered-telegram")) {
            assertSame(query, lucene, solr, request(query));
        }
    }

    /** An editor's change of a record's languages is searched at once on both engines, as its words are. */
    @Test
    @Order(AFTER_THE_READS + 1)
    void aChangeOfLanguagesIsSearchedAsChangedOnBothEngines() {
        RecordStore store = new RecordStore(database.dsl(), Clock.systemUTC());
        Attribution editor = Attribution.editor("tester", "a contract test of languages");
        DocumentDate day = DocumentDate.ofDay(1956, 10, 23);
        int id = store.write(w -> w.create(new RecordDraft("Report from Budapest", List.of("Unread."), day, null,
                Map.of(), new TreeSet<>(), Languages.stored("hu")), editor));
        try {
            for (String query : List.of("language=hu", "", "q=budapest&language=ru")) {
                assertSame(query, lucene, solr, request(query));
            }
            assertEquals(1, solr.search(request("language=hu")).total());
            store.write(w -> w.update(id, 1, new RecordDraft("Report from Budapest", List.of("Unread."), day, null,
                    Map.of(), new TreeSet<>(), Languages.stored("ru hu")), editor));
            for (String query : List.of("language=hu", "language=ru", "language=ru&language=hu&all=language", "",
                    "q=budapest&language=ru")) {
                assertSame(query, lucene, solr, request(query));
            }
            assertEquals(1, solr.search(request("q=budapest&language=ru")).total());
            store.write(w -> w.update(id, 2, new RecordDraft("Report from Budapest", List.of("Unread."), day), editor));
            for (String query : List.of("language=hu", "language=ru", "")) {
                assertSame(query, lucene, solr, request(query));
            }
            assertEquals(0, solr.search(request("language=hu")).total(), "none said, none counted");
        } finally {
            int version = database.dsl().select(DOCUMENT.VERSION).from(DOCUMENT).where(DOCUMENT.ID.eq(id))
                    .fetchSingle(DOCUMENT.VERSION);
            store.write(w -> w.withdraw(id, version, "the test is over", editor));
            lucene.search(request(""));
            solr.search(request(""));
        }
    }

    /** An undated record saved while both engines follow the feed is searched as one at once on both. */
    @Test
    @Order(AFTER_THE_READS + 4)
    void anUndatedRecordSavedIsSearchedAsUndatedOnBothEngines() {
        RecordStore store = new RecordStore(database.dsl(), Clock.systemUTC());
        List<Integer> written = writeUndatedRecords(store, 5, 7);
        Attribution editor = Attribution.editor("tester", "a contract test of undated records");
        try {
            for (String query : List.of("undated=only", "person=stalin&undated=only", "q=quillmark&sort=-date", "")) {
                assertSame(query, lucene, solr, request(query));
            }
            assertTrue(boxed(solr.hitIds(request("undated=only").withoutPaging())).containsAll(written));
        } finally {
            for (int id : written) {
                store.write(w -> w.withdraw(id, 1, "the test is over", editor));
            }
            lucene.search(request(""));
            solr.search(request(""));
        }
    }

    /**
     * A withdrawn record keeps a stub in the database (its permalink keeps answering), and in the
     * collection (so that an older write cannot bring it back); no answer of either engine has it.
     */
    @Test
    @Order(AFTER_THE_READS + 2)
    void aWithdrawnRecordIsInNoAnswerOfEitherEngine() {
        int nearest = lucene.related(16, 5).get(0);
        IndexedRecord record = new IndexSource(database.dsl()).load(List.of(nearest)).get(nearest);
        int version = database.dsl().select(DOCUMENT.VERSION).from(DOCUMENT).where(DOCUMENT.ID.eq(nearest))
                .fetchSingle(DOCUMENT.VERSION);
        RecordStore store = new RecordStore(database.dsl(), Clock.systemUTC());
        Attribution editor = Attribution.editor("tester", "a contract test of withdrawal");
        int withdrawn = store.write(w -> w.withdraw(nearest, version, "a test", editor));
        try {
            List<String> requests = new ArrayList<>(List.of("", "q=" + record.title().split(" ")[0],
                    "sort=title", record.dated() ? "year=" + record.earliest().getYear() : "undated=only"));
            record.people().forEach(person -> requests.add("person=" + person));
            record.places().forEach(place -> requests.add("place=" + place));
            for (String query : requests) {
                // Each search first waits for every committed change (the withdrawal) on its engine.
                assertSame(query, lucene, solr, request(query));
                for (SearchEngine engine : List.of(lucene, solr)) {
                    assertFalse(boxed(engine.hitIds(request(query).withoutPaging())).contains(nearest),
                            "?" + query + " exports the withdrawn record");
                }
            }
            for (SearchEngine engine : List.of(lucene, solr)) {
                assertFalse(engine.related(16, 5).contains(nearest), engine + " relates the withdrawn record");
                assertEquals(List.of(), engine.related(nearest, 5), "a withdrawn record has no related records");
            }
            assertEquals(lucene.related(16, 5), solr.related(16, 5));
            for (String person : record.people()) {
                String typed = person.substring(0, Math.min(4, person.length()));
                assertEquals(lucene.suggest(typed, Suggestions.MAX), solr.suggest(typed, Suggestions.MAX), typed);
            }
            assertEquals(lucene.size(), solr.size());
        } finally {
            store.write(w -> w.reinstate(nearest, withdrawn, editor));
            lucene.search(request(""));
            solr.search(request(""));
        }
        assertTrue(boxed(solr.hitIds(request("").withoutPaging())).contains(nearest), "back once reinstated");
        assertEquals(lucene.related(16, 5), solr.related(16, 5));
    }

    /**
     * A save replaces a record's version, and a withdrawal its record, in each index, but the old
     * version's words stay in the index's frequencies until its segment is merged away, on each
     * engine and shard at its own pace. "Did you mean" and the suggestions count what a reader can
     * find: a word only a replaced version had is respelt, never offered, on both engines alike.
     */
    @Test
    @Order(AFTER_THE_READS + 3)
    void didYouMeanAndSuggestionsCountOnlyRecordsAReaderCanFind() {
        RecordStore store = new RecordStore(database.dsl(), Clock.systemUTC());
        Attribution editor = Attribution.editor("tester", "a contract test of respelling after a save");
        DocumentDate day = DocumentDate.ofDay(1963, 5, 14);
        // Written together, so that each index holds them in one segment, which a third record
        // keeps: a segment whose records are all replaced is dropped whole at once.
        int[] ids = store.write(w -> new int[] {
            w.create(new RecordDraft("Cable on the Zanzibarr question", List.of("Unread."), day), editor),
            w.create(new RecordDraft("Note on the Kilimanjaro question", List.of("Unread."), day), editor),
            w.create(new RecordDraft("Letter on the Seychelles question", List.of("Unread."), day), editor)});
        int typo = ids[0];
        int gone = ids[1];
        int withdrawn = 0;
        try {
            // Each engine applies both records before it answers.
            assertEquals(1, lucene.search(request("q=zanzibarr")).total());
            assertEquals(1, solr.search(request("q=zanzibarr")).total());
            store.write(w -> w.update(typo, 1, new RecordDraft("Cable on the Zanzibar question", List.of("Unread."), day),
                    editor));
            withdrawn = store.write(w -> w.withdraw(gone, 1, "a test", editor));
            for (SearchEngine engine : List.of(lucene, solr)) {
                SearchResults misspelt = engine.search(request("q=Zanzibarr"));
                assertEquals(0, misspelt.total(), engine + ": the typo was corrected");
                assertEquals("Zanzibar", misspelt.suggestion(),
                        engine + ": a word only the replaced version had is no word of the catalogue");
                assertEquals(null, engine.search(request("q=Kilimanjarro")).suggestion(),
                        engine + ": a word only a withdrawn record had is not offered");
                for (String typed : List.of("zanzib", "Zanzibarr", "kiliman")) {
                    List<Suggestion> offered = engine.suggest(typed, Suggestions.MAX);
                    assertTrue(offered.stream().noneMatch(o -> o.text().equalsIgnoreCase("zanzibarr")
                            || o.text().equalsIgnoreCase("kilimanjaro")), engine + " offers " + offered);
                }
            }
            assertEquals(List.of(new Suggestion("zanzibar", Suggestion.WORD, null, 1)), solr.suggest("zanzib", Suggestions.MAX));
            assertEquals(lucene.suggest("zanzib", Suggestions.MAX), solr.suggest("zanzib", Suggestions.MAX));
        } finally {
            // Out of the other tests' catalogue again.
            store.write(w -> w.withdraw(typo, 2, "the test is over", editor));
            if (withdrawn == 0) {
                store.write(w -> w.withdraw(gone, 1, "the test is over", editor));
            }
            store.write(w -> w.withdraw(ids[2], 1, "the test is over", editor));
            lucene.search(request(""));
            solr.search(request(""));
        }
    }

    private static List<String> top(SearchResults results, Facet facet, int n) {
        List<String> keys = results.facet(facet).stream().map(FacetCount::key).limit(n).toList();
        assertEquals(n, keys.size(), facet + " has too few values");
        return keys;
    }

    /** Everything a page and an export show, asked of both engines. */
    static void assertSame(String query, SearchEngine expected, SearchEngine actual, SearchRequest request) {
        SearchResults want = expected.search(request);
        SearchResults got = actual.search(request);
        String where = "?" + query + ": ";
        assertEquals(want.total(), got.total(), where + "total");
        assertEquals(want.total(), expected.count(request), where + "the count alone");
        assertEquals(want.total(), actual.count(request), where + "the count alone");
        if (request.dates().howMatters()) {
            // Counted first: the embedded engine takes it from this request's kept answer and the
            // records straddling the range's ends.
            SearchRequest otherWay = request.withDatedTheOtherWay();
            long counted = expected.count(otherWay);
            assertEquals(expected.search(otherWay).total(), counted, where + "the count of the range's other way");
            assertEquals(counted, actual.count(otherWay), where + "the count of the range's other way");
        }
        for (Facet facet : Facet.values()) {
            assertEquals(counts(want.facet(facet)), counts(got.facet(facet)), where + facet + " counts");
        }
        assertEquals(want.years(), got.years(), where + "years");
        assertEquals(want.yearsAnyDate(), got.yearsAnyDate(), where + "years for the histogram");
        assertEquals(want.undated(), got.undated(), where + "undated records");
        assertEquals(want.without(), got.without(), where + "totals without each filter");
        assertEquals(want.notice(), got.notice(), where + "notice");
        List<Integer> wantPage = want.hits().stream().map(SearchHit::id).toList();
        List<Integer> gotPage = got.hits().stream().map(SearchHit::id).toList();
        int[] wantAll = expected.hitIds(request.withoutPaging());
        int[] gotAll = actual.hitIds(request.withoutPaging());
        assertEquals(wantAll.length, gotAll.length, where + "every hit id");
        assertEquals(want.total(), gotAll.length, where + "as many hit ids as hits");
        assertEquals(new TreeSet<>(boxed(wantAll)), new TreeSet<>(boxed(gotAll)), where + "the hits");
        // In order for relevance too: both break equal scores by record number.
        assertEquals(wantPage, gotPage, where + "the page, in order");
        // And what the reader sees of each: the same marked title and snippet.
        assertEquals(want.hits(), got.hits(), where + "the page's titles and snippets");
        assertEquals(boxed(wantAll), boxed(gotAll), where + "every hit, in order");
    }

    private static String counts(List<FacetCount> counts) {
        return counts.stream().map(c -> c.key() + "=" + c.count()).collect(Collectors.joining(", "));
    }

    private static List<Integer> boxed(int[] ids) {
        return Arrays.stream(ids).boxed().toList();
    }

    /** A query string as a request ({@code q}, facets, {@code year}, {@code from}, {@code to}, {@code dated}, {@code undated}, {@code all}, {@code sort}, {@code page}, {@code pageSize}). */
    static final class SearchRequestParser {
        static SearchRequest parse(String query) {
            String text = "";
            Map<Facet, List<String>> facets = new java.util.EnumMap<>(Facet.class);
            java.util.SortedSet<Integer> years = new TreeSet<>();
            DateBound from = null;
            DateBound to = null;
            Dated dated = null;
            boolean undated = false;
            Set<Facet> all = EnumSet.noneOf(Facet.class);
            SortOrder sort = null;
            int page = 1;
            int pageSize = SearchRequest.DEFAULT_PAGE_SIZE;
            for (String pair : query.isEmpty() ? new String[0] : query.split("&")) {
                String[] nameValue = pair.split("=", 2);
                String value = java.net.URLDecoder.decode(nameValue[1], java.nio.charset.StandardCharsets.UTF_8);
                switch (nameValue[0]) {
                    case "q" -> text = value;
                    case "year" -> years.add(Integer.parseInt(value));
                    case "from" -> from = DateBound.parse(value);
                    case "to" -> to = DateBound.parse(value);
                    case "dated" -> dated = Dated.fromKey(value);
                    case "undated" -> undated = SearchRequest.UNDATED_ONLY.equals(value);
                    case "all" -> all.add(Facet.fromKey(value).orElseThrow());
                    case "sort" -> sort = SortOrder.fromKey(value);
                    case "page" -> page = Integer.parseInt(value);
                    case "pageSize" -> pageSize = Integer.parseInt(value);
                    default -> facets.computeIfAbsent(Facet.fromKey(nameValue[0]).orElseThrow(), f -> new ArrayList<>())
                            .add(value);
                }
            }
            return new SearchRequest(text, facets, undated ? DateFilter.UNDATED : DateFilter.of(years, DateFilter.Range.of(from, to,
                    dated)), all, sort, page, pageSize);
        }
    }
}
