package org.dossier.ops;

import static org.dossier.db.Tables.DOCUMENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dossier.app.Database;
import org.dossier.documents.Attribution;
import org.dossier.documents.ChangeFeed;
import org.dossier.documents.DocumentDate;
import org.dossier.documents.RecordDraft;
import org.dossier.documents.RecordStore;
import org.junit.jupiter.api.Test;

/**
 * A node following a bulk write made elsewhere (an import on another node, tens of thousands of
 * changes) answers its readers' searches at once from what it has, and says what they lack; every
 * search on every node used to wait until the node had applied it all, tens of seconds.
 */
class SearchWhileCatchingUpTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aSearchFarBehindTheFeedAnswersAtOnceSayingItLacksRecentChangesUntilTheyAreIn() throws Exception {
        // No shutdown grace: with one, the close waits a second for the client's idle keep-alive connection.
        try (OperatedCatalogue node = OperatedCatalogue.seededCopy(new OperationsSettings(null, null, 0, Duration.ZERO));
             Database other = Database.open(node.database())) {
            // A search page first, so that the one under test is not the node's first (slow) one:
            // meanwhile the follower, a few hundred milliseconds from the end of these changes, would
            // catch up.
            assertEquals(200, node.http().get("/search?q=telegram").statusCode());
            fallBehind(other, "okapi");
            HttpResponse<String> page = node.http().get("/search?q=okapi");
            assertEquals(200, page.statusCode(), page.body());
            assertTrue(page.body().contains("Search is still taking in"), "the page says its results lack recent changes");
            assertTrue(page.body().contains("No records match"), "the new record is not in yet");

            fallBehind(other, "quagga");
            JsonNode lacking = JSON.readTree(node.http().get("/search.json?q=quagga").body());
            assertTrue(lacking.path("changesPending").asLong() > 0, lacking.toString());
            assertEquals(0, lacking.get("total").asInt(), "the new record is not in yet");

            JsonNode found = lacking;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (found.has("changesPending") && System.nanoTime() < deadline) {
                Thread.sleep(200);
                found = JSON.readTree(node.http().get("/search.json?q=quagga").body());
            }
            assertFalse(found.has("changesPending"), found.toString());
            assertEquals(1, found.get("total").asInt(), "caught up, the search finds the new record");
            assertFalse(node.http().get("/search?q=okapi").body().contains("Search is still taking in"));
        }
    }

    /**
     * Another process commits far more changes than a node applies in the few seconds a search may
     * wait (the seed records written again, over and over), then a new record about {@code word}
     * after them, in feed order.
     */
    private static void fallBehind(Database other, String word) {
        List<Integer> seeds = other.dsl().select(DOCUMENT.ID).from(DOCUMENT).fetch(DOCUMENT.ID);
        List<Integer> rewritten = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            rewritten.add(seeds.get(i % seeds.size()));
        }
        other.dsl().transaction(tx -> ChangeFeed.append(tx.dsl(), rewritten, Instant.now()));
        new RecordStore(other.dsl(), Clock.systemUTC()).write(w -> w.create(
                new RecordDraft("Circular on the " + word + " question", List.of("The " + word + "."), DocumentDate.ofYear(1960)),
                Attribution.editor("tester", "import")));
    }
}
