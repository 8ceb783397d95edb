package org.dossier.catalogue;

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
import org.dossier.testing.TestCatalogue;
import org.junit.jupiter.api.Test;

/**
 * A node that may write one export at once ({@code --max-exports 1}), under bursts of parallel
 * exports: with no wait, those past the bound get 503 with Retry-After and a text that says why, and
 * the admitted ones their whole file; with a wait, every export waits its turn
 * and gets its whole file.
 */
class ExportsPastTheBoundTest {

    /** Every record of the seeds, so that an export takes long enough for others to come meanwhile. */
    private static final String EXPORT = "/search.ris?sort=date";

    /** Rounds of 8 parallel exports; with {@code untilRefused}, until one is turned away (twenty rounds with none are not). */
    private static List<HttpResponse<String>> bursts(Http http, boolean untilRefused, int rounds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<HttpResponse<String>> all = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                List<Future<HttpResponse<String>>> futures = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    futures.add(pool.submit(() -> http.get(EXPORT)));
                }
                for (Future<HttpResponse<String>> f : futures) {
                    all.add(f.get());
                }
                if (untilRefused && all.stream().anyMatch(r -> r.statusCode() == 503)) {
                    return all;
                }
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void exportsPastTheBoundGet503WithRetryAfterAndTheOthersTheirWholeFile() throws Exception {
        try (TestCatalogue catalogue = TestCatalogue.withSeeds(Protection.DEFAULTS.withSearchLimit(0).withExports(1, Duration.ZERO))) {
            HttpResponse<String> alone = catalogue.http().get(EXPORT);
            assertEquals(200, alone.statusCode(), alone.body());
            List<HttpResponse<String>> responses = bursts(catalogue.http(), true, 20);
            HttpResponse<String> refused = responses.stream().filter(r -> r.statusCode() == 503).findFirst()
                    .orElseThrow(() -> new AssertionError("no export was turned away in 20 bursts of 8"));
            assertTrue(responses.stream().allMatch(r -> r.statusCode() == 200 || r.statusCode() == 503),
                    "every export is written or turned away, none fails");
            assertTrue(responses.stream().filter(r -> r.statusCode() == 200).allMatch(r -> r.body().equals(alone.body())),
                    "each export admitted is the whole file, as when it came alone");
            assertEquals(String.valueOf(SearchExport.RETRY_AFTER_SECONDS), refused.headers().firstValue("Retry-After").orElseThrow());
            // In plain text, as every error at an export's address: what a script or a browser's download shows.
            assertTrue(refused.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain"));
            assertTrue(refused.body().contains("The catalogue is busy"), refused.body());
            assertTrue(refused.body().contains("This server is already writing an export, the most it writes at once. "
                    + "Nothing was exported: ask for it again in a moment."), refused.body());
        }
    }

    @Test
    void exportsPastTheBoundWaitTheirTurnAndAllGetTheirWholeFile() throws Exception {
        try (TestCatalogue catalogue = TestCatalogue.withSeeds(Protection.DEFAULTS.withSearchLimit(0).withExports(1, Duration.ofSeconds(60)))) {
            HttpResponse<String> alone = catalogue.http().get(EXPORT);
            List<HttpResponse<String>> responses = bursts(catalogue.http(), false, 3);
            assertEquals(24, responses.size());
            assertTrue(responses.stream().allMatch(r -> r.statusCode() == 200 && r.body().equals(alone.body())),
                    "every export waited for its turn and is the whole file");
        }
    }
}
