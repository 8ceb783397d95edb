package org.dossier.search;

import static org.dossier.db.Tables.DOCUMENT;
import static org.dossier.db.Tables.PERSON;
import static org.dossier.db.Tables.PERSON_ALIAS;
import static org.dossier.db.Tables.PLACE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.dossier.app.Database;
import org.dossier.documents.Attribution;
import org.dossier.documents.DocumentDate;
import org.dossier.documents.RecordDraft;
import org.dossier.documents.RecordStore;
import org.dossier.synthetic.Generator;
import org.dossier.testing.SameOnEveryDatabase;
import org.dossier.testing.StartedFirst;
import org.dossier.testing.TestCatalogue;
import org.dossier.testing.TestSolrCloud;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Random requests, not written by hand, asked of both engines: one generated catalogue (with some
 * records of designations, abbreviations, numbers, accents and other scripts written among them)
 * in the embedded index and in a 2-shard SolrCloud collection, then requests drawn from what a
 * reader may ask — the catalogue's own words, phrases, prefixes, patterns, names, misspellings,
 * negations, no words at all — with random filters, years, date ranges, orders and pages, the
 * last page and the one past it among them. Each must give the same total, the same hits in the
 * same order with the same marks (equal scores by record number on both), every facet count, the
 * years, the totals without each filter, the notice and "did you mean". A divergence names the
 * request as its query string, to replay by hand ({@link SolrContractTest.SearchRequestParser}).
 *
 * <p>{@value #REQUESTS} requests in the suite; {@code -Ddossier.differential.requests=N} asks N
 * (and {@code -Ddossier.differential.seed=S} another draw), every divergence printed, not only the first.
 */
@SameOnEveryDatabase
@StartedFirst(seconds = 35)
class SolrDifferentialTest {

    private static final int RECORDS = 3_000;
    private static final int REQUESTS = 300;
    /** Every so many requests, every hit id of the search too, in order (an export's cursor on Solr). */
    private static final int EVERY_ID_EVERY = 10;

    private static Path folder;
    private static Database database;
    private static LuceneSearchEngine lucene;
    private static SolrSearchEngine solr;
    private static List<String> words;
    private static List<String> titles;
    private static List<String> names;
    private static Map<Facet, List<String>> values;
    private static List<Integer> yearsWithRecords;

    /**
     * What readers type that the generated words do not have: designations, abbreviations, grouped
     * numbers, accents and other scripts, each as records write it and as readers type it.
     */
    private static final String[][] WRITTEN_AND_TYPED = {
        {"No. 709", "No709", "no 709", "\"No. 709\""},
        {"T-34 tanks", "T34", "t 34", "T-34", "\"T34 tanks\""},
        {"MiG-15", "MiG15", "mig 15", "MIG-15"},
        {"the 1950s", "1950's", "1950s"},
        {"the U.S.S.R.", "USSR", "U.S.S.R.", "u.s.s.r", "ussr"},
        {"the P.R.C.", "PRC", "P.R.C.", "prc"},
        {"I.V. Stalin", "IV Stalin", "\"I.V. Stalin\"", "i.v."},
        {"telegram No. 405,976", "405,976", "405976", "\"No. 405,976\""},
        {"1,000 tons", "1000", "1,000", "\"1000 tons\""},
        {"Rola-Żymierski", "Zymierski", "Rola-Zymierski", "ŻYMIERSKI", "żymier*"},
        {"Lê Duẩn", "Le Duan", "lê duẩn", "\"le duan\""},
        {"Pásztor", "Pasztor", "Pa\u0301sztor", "pászt*"},
        {"chargé d'affaires", "charge d'affaires", "chargé", "charg?"},
        {"Хрущёв", "Хрущев", "ХРУЩЁВ", "хрущ*"},
        {"Αθήνα", "ΑΘΗΝΑ", "αθηνα", "Αθήν*"},
        {"بَرْقِيَّة", "برقية", "بَرْقِيَّة"},
        {"דָּוִד בֶּן-גּוּרְיוֹן", "דוד", "\"דוד בן-גוריון\""},
        {"anti-aircraft guns", "anti-aircraft", "antiaircraft", "anti aircraft"},
        {"Zhou En-lai", "Zhou Enlai", "Zhou En-lai", "enlai"},
        {"Kim Il-sung", "Kim Ilsung", "Kim Il-sung", "\"kim il sung\"~2"},
    };

    @BeforeAll
    static void open() throws Exception {
        TestSolrCloud.startSoon(); // while the catalogue is generated
        folder = Files.createTempDirectory("dossier-solr-differential-");
        database = Database.open(folder.resolve("dossier.db"));
        new Generator(database.dsl(), Clock.systemUTC()).generate(TestCatalogue.SEEDS, RECORDS, 1953, (done, total) -> { });
        writeTrickyRecords(new RecordStore(database.dsl(), Clock.systemUTC()), new SplittableRandom(1956));
        lucene = LuceneSearchEngine.open(folder.resolve("dossier.index"), database.dsl());
        solr = SolrSearchEngine.open(TestSolrCloud.freshCollection(2), database.dsl());

        titles = database.dsl().select(DOCUMENT.TITLE).from(DOCUMENT).orderBy(DOCUMENT.ID).fetch(DOCUMENT.TITLE);
        Set<String> unique = new TreeSet<>();
        database.dsl().select(DOCUMENT.TITLE, DOCUMENT.SUMMARY).from(DOCUMENT).limit(400).forEach(r -> {
            for (String word : (r.get(DOCUMENT.TITLE) + " " + r.get(DOCUMENT.SUMMARY)).split("[^\\p{L}\\p{N}'-]+")) {
                if (!word.isBlank()) {
                    unique.add(word);
                }
            }
        });
        words = List.copyOf(unique);
        List<String> named = new ArrayList<>(database.dsl().select(PERSON.NAME).from(PERSON).fetch(PERSON.NAME));
        named.addAll(database.dsl().select(PERSON_ALIAS.ALIAS).from(PERSON_ALIAS).fetch(PERSON_ALIAS.ALIAS));
        named.addAll(database.dsl().select(PLACE.NAME).from(PLACE).fetch(PLACE.NAME));
        names = List.copyOf(named);
        SearchResults all = lucene.search(SearchRequest.everything(0));
        values = new EnumMap<>(Facet.class);
        for (Facet facet : Facet.values()) {
            values.put(facet, all.facet(facet).stream().map(FacetCount::key).limit(40).toList());
        }
        yearsWithRecords = List.copyOf(all.years().keySet());
    }

    @AfterAll
    static void close() {
        for (AutoCloseable closing : new AutoCloseable[] {lucene, solr, database}) {
            try {
                if (closing != null) {
                    closing.close();
                }
            } catch (Exception e) {
                // closing what is left
            }
        }
        TestCatalogue.deleteRecursively(folder);
    }

    /** A record for each written form, twice, its words among generated ones, its date known to the day, month or year. */
    private static void writeTrickyRecords(RecordStore store, SplittableRandom random) {
        Attribution editor = Attribution.editor("tester", "a differential test's written forms");
        for (int round = 0; round < 2; round++) {
            for (String[] forms : WRITTEN_AND_TYPED) {
                String other = WRITTEN_AND_TYPED[random.nextInt(WRITTEN_AND_TYPED.length)][0];
                String title = (random.nextBoolean() ? "Telegram on " : "Report about ") + forms[0];
                String summary = "The embassy reported on " + forms[0] + (random.nextBoolean() ? " and " + other : "")
                        + ". Negotiations continued.";
                int year = 1945 + random.nextInt(20);
                DocumentDate date = switch (random.nextInt(3)) {
                    case 0 -> DocumentDate.ofYear(year);
                    case 1 -> DocumentDate.ofMonth(year, 1 + random.nextInt(12));
                    default -> DocumentDate.ofDay(year, 1 + random.nextInt(12), 1 + random.nextInt(28));
                };
                store.write(w -> w.create(new RecordDraft(title, List.of(summary), date), editor));
            }
        }
    }

    @Test
    void randomRequestsAnswerTheSameOnBothEngines() {
        int requests = Integer.getInteger("dossier.differential.requests", REQUESTS);
        long seed = Long.getLong("dossier.differential.seed", 1950L);
        SplittableRandom random = new SplittableRandom(seed);
        List<String> differing = new ArrayList<>();
        long started = System.nanoTime();
        for (int n = 0; n < requests; n++) {
            SearchRequest request = request(random);
            String replay = "?" + request.toQueryString();
            try {
                compare(request, n % EVERY_ID_EVERY == 0);
            } catch (AssertionError e) {
                differing.add(replay + " — " + e.getMessage());
                System.out.println("Differs (request " + n + " of seed " + seed + "): " + replay + " — " + e.getMessage());
            }
        }
        System.out.printf("%d random requests of seed %d asked of both engines in %.1f s; %d differ%n", requests, seed,
                (System.nanoTime() - started) / 1e9, differing.size());
        assertEquals(List.of(), differing.stream().limit(10).toList(), differing.size() + " of " + requests + " differ");
    }

    /**
     * A fuzzy word ({@code UN~1}) stands for the same words on both engines, weighed alike: Lucene's
     * fuzzy query chose its 50 nearest words and weighed them by their frequencies in each index it
     * ran on, each shard of the collection for itself, and these random requests ordered their hits
     * otherwise on SolrCloud.
     */
    @Test
    void aFuzzyWordStandsForTheSameWordsOnBothEngines() {
        for (String query : List.of("q=UN~1", "q=Thanks~1&pageSize=100", "q=int~2&pageSize=50", "q=Com~2&sort=relevance",
                "q=thanks~2&pageSize=1", "q=Ui~1&pageSize=1&page=409", "q=up~1&pageSize=1", "q=Ame~2&sort=title",
                "q=korea~1+-stalin", "q=zzzzqx~1")) {
            try {
                compare(SolrContractTest.SearchRequestParser.parse(query), true);
            } catch (AssertionError e) {
                throw new AssertionError("?" + query + ": " + e.getMessage(), e);
            }
        }
    }

    /** Everything a page shows, asked of both; with {@code everyId}, every hit id of the search too. */
    private static void compare(SearchRequest request, boolean everyId) {
        SearchResults want = lucene.search(request);
        SearchResults got = solr.search(request);
        assertEquals(want.total(), got.total(), "total");
        assertEquals(ids(want), ids(got), "the page's hits, in order");
        for (Facet facet : Facet.values()) {
            assertEquals(counts(want.facet(facet)), counts(got.facet(facet)), facet.key() + " counts");
        }
        assertEquals(want.years(), got.years(), "years");
        assertEquals(want.yearsAnyDate(), got.yearsAnyDate(), "years for the histogram");
        assertEquals(want.decades(), got.decades(), "decades, each record once");
        assertEquals(want.without(), got.without(), "totals without each filter");
        assertEquals(want.notice(), got.notice(), "notice");
        assertEquals(want.suggestion(), got.suggestion(), "did you mean");
        assertEquals(want.hits(), got.hits(), "the page's titles and snippets");
        if (everyId) {
            assertEquals(Arrays.toString(lucene.hitIds(request.withoutPaging())),
                    Arrays.toString(solr.hitIds(request.withoutPaging())), "every hit id, in order");
            // What a decade's link finds, each record once however many of the decade's years it covers
            // (SearchResults.decades).
            for (int decade : want.yearsAnyDate().keySet().stream().map(y -> y / 10 * 10).distinct().toList()) {
                SearchRequest whole = request.between(DateBound.year(decade), DateBound.year(decade + 9))
                        .withDated(Dated.MAY_FALL_IN);
                assertEquals(lucene.count(whole), solr.count(whole), decade + "s");
            }
        }
    }

    private static List<Integer> ids(SearchResults results) {
        return results.hits().stream().map(SearchHit::id).toList();
    }

    private static String counts(List<FacetCount> counts) {
        return counts.stream().map(c -> c.key() + "=" + c.count()).collect(Collectors.joining(", "));
    }

    /** A request as a reader might make it: words of some kind, filters, an order and a page. */
    private static SearchRequest request(SplittableRandom random) {
        String text = random.nextInt(5) == 0 ? "" : text(random);
        Map<Facet, List<String>> facets = new EnumMap<>(Facet.class);
        Set<Facet> all = EnumSet.noneOf(Facet.class);
        for (int ticks = random.nextInt(4) == 0 ? 1 + random.nextInt(3) : 0; ticks > 0; ticks--) {
            Facet facet = Facet.values()[random.nextInt(Facet.values().length)];
            List<String> known = values.get(facet);
            if (!known.isEmpty()) {
                // Skewed to the commonest values, as readers tick them.
                String key = known.get(Math.min(known.size() - 1, (int) Math.abs(random.nextGaussian() * 8)));
                facets.computeIfAbsent(facet, f -> new ArrayList<>()).add(key);
                if (SearchRequest.MULTI_VALUED.contains(facet) && random.nextInt(4) == 0) {
                    all.add(facet);
                }
            }
        }
        SortedSet<Integer> years = new TreeSet<>();
        if (random.nextInt(8) == 0) {
            for (int n = 1 + random.nextInt(2); n > 0; n--) {
                years.add(yearsWithRecords.get(random.nextInt(yearsWithRecords.size())));
            }
        }
        DateBound from = null;
        DateBound to = null;
        Dated dated = null;
        if (random.nextInt(5) == 0) {
            LocalDate one = day(random);
            LocalDate two = random.nextInt(3) == 0 ? one : day(random);
            LocalDate first = one.isBefore(two) ? one : two;
            LocalDate last = one.isBefore(two) ? two : one;
            int shape = random.nextInt(4);
            from = shape == 1 ? null : bound(first, random);
            to = shape == 2 ? null : bound(last, random);
            if (from != null && to != null && from.firstDay().isAfter(to.lastDay())) {
                to = null;
            }
            dated = random.nextInt(3) == 0 ? Dated.WITHIN : null;
        }
        // The undated records alone, now and then, where no year or range is asked for (the two exclude each other).
        boolean undated = years.isEmpty() && from == null && to == null && random.nextInt(10) == 0;
        SortOrder[] orders = SortOrder.values();
        SortOrder sort = random.nextInt(3) == 0 ? orders[random.nextInt(orders.length)] : null;
        int[] sizes = {10, 10, 10, 1, 5, 50, 100};
        int pageSize = sizes[random.nextInt(sizes.length)];
        DateFilter dates = undated ? DateFilter.UNDATED : DateFilter.of(years, DateFilter.Range.of(from, to, dated));
        SearchRequest first = new SearchRequest(text, facets, dates, all, sort, 1, pageSize);
        int page = switch (random.nextInt(6)) {
            case 0 -> lastPage(first);
            case 1 -> lastPage(first) + 1;
            case 2 -> 1 + random.nextInt(Math.max(1, lastPage(first)));
            default -> 1;
        };
        page = Math.max(1, Math.min(page, SearchRequest.MAX_WINDOW / pageSize));
        return new SearchRequest(text, facets, dates, all, sort, page, pageSize);
    }

    private static int lastPage(SearchRequest first) {
        long total = lucene.count(first);
        return (int) Math.max(1, (total + first.pageSize() - 1) / first.pageSize());
    }

    private static LocalDate day(SplittableRandom random) {
        int year = yearsWithRecords.get(random.nextInt(yearsWithRecords.size()));
        return LocalDate.of(year, 1, 1).plusDays(random.nextInt(365));
    }

    /** A range's end at a day, a month or a year. */
    private static DateBound bound(LocalDate day, SplittableRandom random) {
        return DateBound.parse(switch (random.nextInt(3)) {
            case 0 -> String.valueOf(day.getYear());
            case 1 -> day.toString().substring(0, 7);
            default -> day.toString();
        });
    }

    /** Words of some kind, as readers type them. */
    private static String text(SplittableRandom random) {
        return switch (random.nextInt(14)) {
            case 0, 1 -> word(random);
            case 2 -> word(random) + " " + word(random);
            case 3 -> word(random) + " " + word(random) + " " + word(random);
            case 4 -> "\"" + phrase(random) + "\"";
            case 5 -> prefix(random);
            case 6 -> pattern(random);
            case 7 -> names.get(random.nextInt(names.size()));
            case 8 -> {
                String[] forms = WRITTEN_AND_TYPED[random.nextInt(WRITTEN_AND_TYPED.length)];
                yield forms[1 + random.nextInt(forms.length - 1)];
            }
            case 9 -> misspelt(word(random));
            case 10 -> switch (random.nextInt(4)) {
                case 0 -> word(random) + " -" + word(random);
                case 1 -> word(random) + " NOT " + word(random);
                case 2 -> "-" + word(random);
                default -> "NOT " + word(random) + " NOT " + word(random);
            };
            case 11 -> word(random) + " OR " + word(random);
            case 12 -> word(random) + (random.nextBoolean() ? "?" : "~1");
            default -> phrase(random);
        };
    }

    private static String word(SplittableRandom random) {
        return words.get(random.nextInt(words.size()));
    }

    /** Two to four words of a record's title, in their order. */
    private static String phrase(SplittableRandom random) {
        String[] title = titles.get(random.nextInt(titles.size())).split("\\s+");
        int length = Math.min(title.length, 2 + random.nextInt(3));
        int start = random.nextInt(title.length - length + 1);
        return String.join(" ", Arrays.asList(title).subList(start, start + length)).replace("\"", "");
    }

    private static String prefix(SplittableRandom random) {
        String word = word(random);
        return word.substring(0, Math.min(word.length(), 2 + random.nextInt(4))) + "*";
    }

    /** A word with one letter as {@code ?}. */
    private static String pattern(SplittableRandom random) {
        String word = word(random);
        int at = random.nextInt(word.length());
        return word.substring(0, at) + "?" + word.substring(at + 1);
    }

    /** Two neighbouring letters swapped, or one left out. */
    private static String misspelt(String word) {
        if (word.length() < 4) {
            return word;
        }
        int at = word.length() / 2;
        return word.length() % 2 == 0 ? word.substring(0, at - 1) + word.charAt(at) + word.charAt(at - 1) + word.substring(at + 1)
                : word.substring(0, at) + word.substring(at + 1);
    }

    /**
     * What is offered as one types, on both engines: the first letters of the catalogue's words and
     * names, some after a word typed whole, some capitalised, some with a space after them.
     */
    @Test
    void randomTypingIsOfferedTheSameOnBothEngines() {
        SplittableRandom random = new SplittableRandom(Long.getLong("dossier.differential.seed", 1950L));
        int typings = Math.max(40, Integer.getInteger("dossier.differential.requests", REQUESTS) / 5);
        List<String> differing = new ArrayList<>();
        for (int n = 0; n < typings; n++) {
            String whole = random.nextInt(3) == 0 ? names.get(random.nextInt(names.size())) : word(random);
            String typed = whole.substring(0, Math.min(whole.length(), 1 + random.nextInt(6)));
            typed = switch (random.nextInt(6)) {
                case 0 -> word(random) + " " + typed;
                case 1 -> typed.toUpperCase(java.util.Locale.ROOT);
                case 2 -> typed + " ";
                default -> typed;
            };
            List<Suggestion> want = lucene.suggest(typed, Suggestions.MAX);
            List<Suggestion> got = solr.suggest(typed, Suggestions.MAX);
            if (!want.equals(got)) {
                differing.add("'" + typed + "': " + want + " but Solr " + got);
                System.out.println("Differs (suggestions): '" + typed + "': " + want + " but Solr " + got);
            }
        }
        assertEquals(List.of(), differing.stream().limit(10).toList(), differing.size() + " of " + typings + " differ");
    }

    @Test
    void theCatalogueHoldsTheWrittenFormsOnBothEngines() {
        assertEquals(lucene.size(), solr.size());
        assertTrue(solr.size() >= RECORDS + WRITTEN_AND_TYPED.length, "generated and written: " + solr.size());
    }
}
