package org.dossier.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.dossier.search.BoundedSearchEngine;
import org.dossier.search.SearchBusyException;
import org.dossier.search.SearchEngine;
import org.dossier.search.SearchRequest;
import org.dossier.search.SearchResults;
import org.dossier.testing.QuietSearchEngine;
import org.dossier.testing.SameOnEveryDatabase;
import org.junit.jupiter.api.Test;

/**
 * What the searches' timer counts behind the bound on searches: a search let in to work, timed from
 * when it was let in; an answer kept, timed whole; a search turned away, not at all.
 */
@SameOnEveryDatabase
class MeasuredSearchEngineTest {

    /** Keeps the answer to "kept"; searches anything else for {@code searching} ms, after what runs before its work. */
    private static final class KeepingOne extends QuietSearchEngine {
        final long searching;

        KeepingOne(long searching) {
            this.searching = searching;
        }

        @Override
        public SearchResults search(SearchRequest request) {
            return search(request, NOTHING_BEFORE);
        }

        @Override
        public SearchResults search(SearchRequest request, Runnable beforeWork) {
            if (!request.text().equals("kept")) {
                beforeWork.run();
                sleep(searching);
            }
            return null;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Timer searches = registry.timer("searches");

    private SearchEngine measured(SearchEngine engine) {
        return new MeasuredSearchEngine(engine, searches, registry.timer("hit-ids"), registry.timer("updates"));
    }

    @Test
    void aSearchLetInIsTimedFromWhenItWasLetInNotFromWhenItBeganToWait() {
        SearchEngine measured = measured(new KeepingOne(20));
        measured.search(SearchRequest.of("stalin"), () -> sleep(600));
        assertEquals(1, searches.count());
        double millis = searches.totalTime(TimeUnit.MILLISECONDS);
        assertTrue(millis >= 20 && millis < 600, "the search's 20 ms, not the 600 ms wait for a slot: " + millis);
    }

    @Test
    void anAnswerKeptIsTimedAsASearchAndOneTurnedAwayIsNotTimed() {
        SearchEngine engine = measured(new KeepingOne(0));
        engine.search(SearchRequest.of("kept"), () -> {
            throw new AssertionError("a kept answer takes no slot");
        });
        assertEquals(1, searches.count(), "a kept answer is a search answered");

        BoundedSearchEngine bounded = new BoundedSearchEngine(engine, 1, Duration.ZERO);
        bounded.holdingOneSlot(() -> {
            bounded.takeSlot();
            CompletionException refused = assertThrows(CompletionException.class,
                    () -> CompletableFuture.supplyAsync(() -> bounded.search(SearchRequest.of("molotov"))).join());
            assertInstanceOf(SearchBusyException.class, refused.getCause(), "turned away while the only slot is taken");
            return null;
        });
        assertEquals(1, searches.count(), "a search turned away is no search");
    }
}
