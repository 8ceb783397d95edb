package org.dossier.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.dossier.app.Protection;
import org.dossier.testing.Http;
import org.dossier.testing.SameOnEveryDatabase;
import org.dossier.testing.TestCatalogue;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/**
 * A node that may run one search at once, under a burst of parallel searches: those past the bound
 * get 503 with Retry-After and a page that keeps the search, the others their results, and record
 * pages are never turned away, nor searches whose answers and pages are kept from before.
 */
class SearchesPastTheBoundTest {

    /**
     * One search at once, none waiting; and nothing kept, so that the same search asked again must
     * search again (a search kept from before takes no slot, as the last test pins).
     */
    private static final Protection ONE_SEARCH_NOTHING_KEPT = Protection.DEFAULTS.withSearchLimit(0)
            .withSearches(1, Duration.ZERO).withKeptAnswersMb(0);

    private static final String SEARCH = "/search?q=korea+stalin&type=letter&from=1949";

    /** Rounds of 16 parallel requests until one is turned away (a round with none is possible, twenty are not). */
    private static List<HttpResponse<String>> burstUntilRefused(Http http, String... paths) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<HttpResponse<String>> all = new ArrayList<>();
            for (int round = 0; round < 20; round++) {
                List<Future<HttpResponse<String>>> futures = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    String path = paths[i % paths.length];
                    futures.add(pool.submit(() -> http.get(path)));
                }
                for (Future<HttpResponse<String>> f : futures) {
                    all.add(f.get());
                }
                if (all.stream().anyMatch(r -> r.statusCode() == 503)) {
                    return all;
                }
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    // Same on every database: the bound on searches at once is the node's own, and the 503 page is made from
    // the request; the pages answered meanwhile are read on both by the page classes, and the record pages
    // under a burst by the test below.
    @SameOnEveryDatabase
    @Test
    void searchesPastTheBoundGet503WithRetryAfterAndThePageKeepsTheSearch() throws Exception {
        try (TestCatalogue catalogue = TestCatalogue.withSeeds(ONE_SEARCH_NOTHING_KEPT)) {
            List<HttpResponse<String>> responses = burstUntilRefused(catalogue.http(), SEARCH);
            HttpResponse<String> refused = responses.stream().filter(r -> r.statusCode() == 503).findFirst()
                    .orElseThrow(() -> new AssertionError("no search was turned away in 20 bursts of 16"));
            assertTrue(responses.stream().allMatch(r -> r.statusCode() == 200 || r.statusCode() == 503),
                    "every search is answered or turned away, none fails");
            assertTrue(responses.stream().anyMatch(r -> r.statusCode() == 200), "the admitted searches are answered");
            assertEquals("1", refused.headers().firstValue("Retry-After").orElseThrow());
            Document page = Jsoup.parse(refused.body());
            assertEquals("The catalogue is busy", page.selectFirst("h1").text());
            assertEquals("korea stalin", page.selectFirst("input[name=q]").val(), "what the reader typed is kept");
            assertEquals(SEARCH, page.selectFirst(".error-page a[href^='/search']").attr("href"));

            HttpResponse<String> json = burstUntilRefused(catalogue.http(), "/search.json?q=korea").stream()
                    .filter(r -> r.statusCode() == 503).findFirst().orElseThrow();
            assertTrue(json.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
            assertTrue(json.body().contains("\"status\":503"), json.body());
        }
    }

    @Test
    void recordPagesAreNeverTurnedAwayWhileSearchesAre() throws Exception {
        try (TestCatalogue catalogue = TestCatalogue.withSeeds(ONE_SEARCH_NOTHING_KEPT)) {
            int id = catalogue.recordTitled("Letter to Stalin from the Commanders and Soldiers");
            String record = catalogue.http().get("/documents/" + id).headers().firstValue("Location").orElseThrow();
            List<HttpResponse<String>> responses = burstUntilRefused(catalogue.http(), SEARCH, record);
            assertTrue(responses.stream().anyMatch(r -> r.statusCode() == 503), "searches were turned away");
            assertTrue(responses.stream().filter(r -> r.uri().getPath().startsWith("/documents/"))
                    .allMatch(r -> r.statusCode() == 200), "every record page was answered, related records and all");
        }
    }

    @Test
    void aSearchKeptFromBeforeIsAnsweredWhileSearchesThatMustCountAreTurnedAway() throws Exception {
        try (TestCatalogue catalogue = TestCatalogue.withSeeds(
                Protection.DEFAULTS.withSearchLimit(0).withSearches(1, Duration.ZERO))) {
            HttpResponse<String> first = catalogue.http().get(SEARCH);
            assertEquals(200, first.statusCode());
            ExecutorService pool = Executors.newFixedThreadPool(16);
            try {
                List<HttpResponse<String>> kept = new ArrayList<>();
                List<HttpResponse<String>> fresh = new ArrayList<>();
                for (int round = 0; round < 20 && fresh.stream().noneMatch(r -> r.statusCode() == 503); round++) {
                    List<Future<HttpResponse<String>>> keptNow = new ArrayList<>();
                    List<Future<HttpResponse<String>>> freshNow = new ArrayList<>();
                    for (int i = 0; i < 8; i++) {
                        // Never asked before: each a year of its own, so that none is kept.
                        String never = "/search?q=korea+stalin&from=" + (1900 + 8 * round + i);
                        freshNow.add(pool.submit(() -> catalogue.http().get(never)));
                        keptNow.add(pool.submit(() -> catalogue.http().get(SEARCH)));
                    }
                    for (int i = 0; i < 8; i++) {
                        fresh.add(freshNow.get(i).get());
                        kept.add(keptNow.get(i).get());
                    }
                }
                assertTrue(fresh.stream().anyMatch(r -> r.statusCode() == 503), "searches that must count were turned away");
                assertTrue(kept.stream().allMatch(r -> r.statusCode() == 200),
                        "the search kept from before was answered every time, alongside them");
                assertTrue(kept.stream().allMatch(r -> r.body().equals(first.body())), "with the page it was answered with");
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
