package org.dossier.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.dossier.testing.QuietSearchEngine;
import org.dossier.testing.SameOnEveryDatabase;

/**
 * The bound on searches running at once, against an engine whose searches wait until the test lets
 * them finish: what is admitted, what is refused, and that nothing else is ever refused.
 */
@SameOnEveryDatabase
class BoundedSearchEngineTest {

    /** Searches block until {@link #finish} opens; everything else answers at once. */
    private static class HeldEngine extends QuietSearchEngine {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch finish = new CountDownLatch(1);

        private void hold() {
            started.countDown();
            try {
                finish.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public SearchResults search(SearchRequest request) {
            hold();
            return null;
        }

        @Override
        public int[] hitIds(SearchRequest request) {
            hold();
            return new int[] {1, 2};
        }

        @Override
        public long count(SearchRequest request) {
            hold();
            return 2;
        }

        @Override
        public List<Integer> related(int documentId, int limit) {
            return List.of(7);
        }
    }

    @Test
    void aSearchPastTheBoundIsRefusedAtOnceAndTheNextOneAfterASlotFreesIsAdmitted() throws Exception {
        HeldEngine held = new HeldEngine();
        BoundedSearchEngine bounded = new BoundedSearchEngine(held, 1, Duration.ZERO);
        CompletableFuture<int[]> first = CompletableFuture.supplyAsync(() -> bounded.hitIds(null));
        assertTrue(held.started.await(10, TimeUnit.SECONDS));

        SearchBusyException busy = assertThrows(SearchBusyException.class, () -> bounded.search(null));
        assertTrue(busy.getMessage().contains("1 searches at once"), busy.getMessage());
        assertThrows(SearchBusyException.class, () -> bounded.hitIds(null));
        assertEquals(List.of(7), bounded.related(3, 5), "related records are never refused");
        assertTrue(bounded.status().open(), "nor is the status");

        held.finish.countDown();
        assertEquals(2, first.get(10, TimeUnit.SECONDS).length);
        assertEquals(2, bounded.hitIds(null).length, "the slot is free again");
    }

    @Test
    void aSearchWaitsForASlotThatFreesWithinItsWait() throws Exception {
        HeldEngine held = new HeldEngine();
        BoundedSearchEngine bounded = new BoundedSearchEngine(held, 1, Duration.ofSeconds(20));
        CompletableFuture<int[]> first = CompletableFuture.supplyAsync(() -> bounded.hitIds(null));
        assertTrue(held.started.await(10, TimeUnit.SECONDS));
        CompletableFuture<int[]> second = CompletableFuture.supplyAsync(() -> bounded.hitIds(null));
        Thread.sleep(200);
        assertTrue(!second.isDone(), "the second search waits rather than being refused");
        held.finish.countDown();
        assertEquals(2, first.get(10, TimeUnit.SECONDS).length);
        assertEquals(2, second.get(10, TimeUnit.SECONDS).length);
    }

    @Test
    void aFailingSearchGivesItsSlotBack() {
        SearchEngine failing = new HeldEngine() {
            @Override
            public SearchResults search(SearchRequest request) {
                throw new IllegalStateException("broken");
            }
        };
        BoundedSearchEngine bounded = new BoundedSearchEngine(failing, 1, Duration.ZERO);
        for (int i = 0; i < 3; i++) {
            assertThrows(IllegalStateException.class, () -> bounded.search(null));
        }
    }
    @Test
    void aPageHoldingTheOnlySlotMakesItsSearchesInThatSlot() {
        HeldEngine held = new HeldEngine();
        held.finish.countDown();
        BoundedSearchEngine bounded = new BoundedSearchEngine(held, 1, Duration.ZERO);
        int[] ids = bounded.holdingOneSlot(() -> {
            bounded.search(null);
            return bounded.hitIds(null);
        });
        assertEquals(2, ids.length, "the page's searches were not refused for want of a second slot");
        assertEquals(2, bounded.hitIds(null).length, "and the slot is free once the page is made");
    }

    @Test
    void whileAPageIsBeingMadeItsSlotIsTakenAndOtherSearchesAreRefused() throws Exception {
        HeldEngine held = new HeldEngine();
        held.finish.countDown();
        BoundedSearchEngine bounded = new BoundedSearchEngine(held, 1, Duration.ZERO);
        CountDownLatch rendering = new CountDownLatch(1);
        CountDownLatch rendered = new CountDownLatch(1);
        CompletableFuture<String> page = CompletableFuture.supplyAsync(() -> bounded.holdingOneSlot(() -> {
            bounded.search(null);
            rendering.countDown();
            try {
                rendered.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "<html>";
        }));
        assertTrue(rendering.await(10, TimeUnit.SECONDS));
        assertThrows(SearchBusyException.class, () -> bounded.search(null), "the page's search is over, its render is not");
        assertThrows(SearchBusyException.class, () -> bounded.holdingOneSlot(() -> bounded.search(null)),
                "another page that must search");
        rendered.countDown();
        assertEquals("<html>", page.get(10, TimeUnit.SECONDS));
        assertEquals(2, bounded.hitIds(null).length);
    }

    @Test
    void aPageThatFailsGivesItsSlotBackAndItsThreadHoldsNoneAfter() throws Exception {
        HeldEngine held = new HeldEngine();
        BoundedSearchEngine bounded = new BoundedSearchEngine(held, 1, Duration.ZERO);
        assertThrows(IllegalStateException.class, () -> bounded.holdingOneSlot(() -> {
            bounded.takeSlot();
            throw new IllegalStateException("broken template");
        }));
        CompletableFuture<int[]> other = CompletableFuture.supplyAsync(() -> bounded.hitIds(null));
        assertTrue(held.started.await(10, TimeUnit.SECONDS), "the slot was given back");
        assertThrows(SearchBusyException.class, () -> bounded.search(null),
                "this thread no longer counts as holding a slot");
        held.finish.countDown();
        assertEquals(2, other.get(10, TimeUnit.SECONDS).length);
    }

    /** An engine holding searches as {@link HeldEngine} does, with one answer and one total kept. */
    private static final class KeptOneEngine extends HeldEngine {
        static final SearchRequest KEPT = SearchRequest.of("korea");
        static final SearchResults ANSWER = new SearchResults(3, List.of(), Map.of(), new TreeMap<>(), new TreeMap<>(),
                new TreeMap<>(), 0, Map.of(), null, null);

        /** How many times a search or a count was asked of the engine, kept or not. */
        int asked;

        @Override
        public SearchResults search(SearchRequest request, Runnable beforeWork) {
            asked++;
            return KEPT.equals(request) ? ANSWER : super.search(request, beforeWork);
        }

        @Override
        public long count(SearchRequest request, Runnable beforeWork) {
            asked++;
            return KEPT.equals(request) ? 3 : super.count(request, beforeWork);
        }
    }

    @Test
    void aSearchThatMustCountIsAskedOfTheEngineOnceAndWorksInTheSlotTakenWhenItMust() {
        KeptOneEngine engine = new KeptOneEngine();
        engine.finish.countDown();
        BoundedSearchEngine bounded = new BoundedSearchEngine(engine, 1, Duration.ZERO);
        bounded.search(SearchRequest.of("stalin"));
        bounded.count(SearchRequest.of("stalin"));
        assertEquals(2, engine.asked, "no look for a kept answer before the search: the search's own look is the one");
        assertEquals(2, bounded.hitIds(null).length, "and the slot given back after each");
    }

    @Test
    void anAnswerKeptIsGivenWhileEverySlotIsTakenAndTheRestAreRefused() throws Exception {
        KeptOneEngine held = new KeptOneEngine();
        BoundedSearchEngine bounded = new BoundedSearchEngine(held, 1, Duration.ZERO);
        CompletableFuture<int[]> export = CompletableFuture.supplyAsync(() -> bounded.hitIds(null));
        assertTrue(held.started.await(10, TimeUnit.SECONDS));

        assertSame(KeptOneEngine.ANSWER, bounded.search(KeptOneEngine.KEPT), "the kept answer, not a copy");
        assertEquals(3, bounded.count(KeptOneEngine.KEPT));
        assertSame(KeptOneEngine.ANSWER, bounded.holdingOneSlot(() -> bounded.search(KeptOneEngine.KEPT)),
                "a page of kept answers takes no slot");
        SearchRequest other = SearchRequest.of("stalin");
        assertThrows(SearchBusyException.class, () -> bounded.search(other), "a search that must count waits in line");
        assertThrows(SearchBusyException.class, () -> bounded.count(other));
        assertThrows(SearchBusyException.class, () -> bounded.holdingOneSlot(() -> {
            bounded.search(KeptOneEngine.KEPT);
            bounded.takeSlot();
            return "rendered from a kept answer";
        }), "a page rendered from kept answers takes a slot for its rendering");

        held.finish.countDown();
        assertEquals(2, export.get(10, TimeUnit.SECONDS).length);
        assertEquals("rendered", bounded.holdingOneSlot(() -> {
            bounded.takeSlot();
            bounded.takeSlot();
            return bounded.search(other) == null ? "rendered" : "?";
        }), "a page takes one slot however often it asks, and searches in it");
        assertEquals(2, bounded.hitIds(null).length, "and gives it back once made");
    }

    @Test
    void aSlotIsTakenOnlyForAPage() {
        BoundedSearchEngine bounded = new BoundedSearchEngine(new HeldEngine(), 1, Duration.ZERO);
        assertThrows(IllegalStateException.class, bounded::takeSlot);
    }
}
