package org.dossier.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.dossier.testing.SameOnEveryDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A search alone has its slices searched at once, one on a search thread; a search beside as many
 * others as the machine has processors searches every slice itself ({@link SearchThreads}). The
 * index has two segments larger than a slice holds, so that each search has two slices, as a
 * million records have.
 */
@SameOnEveryDatabase // Lucene indexes in memory: no database is opened
class SearchThreadsTest {

    /** More than {@link Snapshot}'s slice of 50,000 records: a segment of them is a slice of its own. */
    private static final int SEGMENT = 60_000;

    private final SearchThreads threads = SearchThreads.of(2, 2);
    private Directory directory;
    private DirectoryReader reader;
    private Snapshot snapshot;

    @BeforeEach
    void twoSegments() throws IOException {
        directory = new ByteBuffersDirectory();
        try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig())) {
            for (int segment = 0; segment < 2; segment++) {
                for (int doc = 0; doc < SEGMENT; doc++) {
                    Document document = new Document();
                    document.add(new StringField("kind", "record", Field.Store.NO));
                    writer.addDocument(document);
                }
                writer.commit();
            }
        }
        reader = DirectoryReader.open(directory);
        assertEquals(2, reader.leaves().size(), "segments");
        snapshot = new Snapshot(reader, threads, IndexLayout.facetsConfig(), 0, new SegmentMemory());
        assertEquals(2, snapshot.getSlices().length, "slices");
    }

    @AfterEach
    void close() throws IOException {
        threads.shutdownNow();
        reader.close();
        directory.close();
    }

    @Test
    void aSearchAloneHasItsOtherSliceSearchedAtOnceOnASearchThread() throws IOException {
        // Each slice waits until both have begun: searched one after the other, the first waits out the 10 s.
        CountDownLatch bothBegun = new CountDownLatch(2);
        Set<String> searchedOn = snapshot.search(new MatchAllDocsQuery(), new ThreadsOfSlices(() -> {
            bothBegun.countDown();
            await(bothBegun, 10);
        }));

        assertEquals(2, searchedOn.size(), "threads: " + searchedOn);
        assertTrue(searchedOn.contains(Thread.currentThread().getName()), "the calling thread: " + searchedOn);
        assertTrue(searchedOn.stream().anyMatch(name -> name.startsWith("dossier-search-")), "a search thread: " + searchedOn);
    }

    @Test
    void aSearchBesideAnotherOnTwoProcessorsSearchesBothItsSlicesItself() throws Exception {
        // The other search holds both its slices (its thread and a search thread) until told to end.
        CountDownLatch otherBegun = new CountDownLatch(1);
        CountDownLatch otherMayEnd = new CountDownLatch(1);
        AtomicReference<Throwable> otherFailed = new AtomicReference<>();
        Thread other = new Thread(() -> {
            try {
                snapshot.search(new MatchAllDocsQuery(), new ThreadsOfSlices(() -> {
                    otherBegun.countDown();
                    await(otherMayEnd, 30);
                }));
            } catch (IOException | RuntimeException e) {
                otherFailed.set(e);
            }
        }, "the other search");
        other.start();
        assertTrue(otherBegun.await(30, TimeUnit.SECONDS), "the other search began");
        try {
            // Each slice waits a second for the other to begin: a slice handed to the idle search
            // thread would begin within it, and the two would be searched on two threads.
            CountDownLatch bothBegun = new CountDownLatch(2);
            Set<String> searchedOn = snapshot.search(new MatchAllDocsQuery(), new ThreadsOfSlices(() -> {
                bothBegun.countDown();
                await(bothBegun, 1);
            }));

            assertEquals(Set.of(Thread.currentThread().getName()), searchedOn);
        } finally {
            otherMayEnd.countDown();
            other.join(30_000);
        }
        assertEquals(null, otherFailed.get());
    }

    @Test
    void aSearchAloneAgainOnceTheOtherHasEndedHandsItsSliceOnAgain() throws IOException {
        snapshot.search(new MatchAllDocsQuery(), new ThreadsOfSlices(() -> { }));
        aSearchAloneHasItsOtherSliceSearchedAtOnceOnASearchThread();
    }

    private static void await(CountDownLatch latch, int seconds) {
        try {
            latch.await(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The names of the threads a search's slices were searched on; {@code onEachSlice} runs as each begins. */
    private record ThreadsOfSlices(Runnable onEachSlice) implements CollectorManager<ThreadsOfSlices.Slice, Set<String>> {

        @Override
        public Slice newCollector() {
            return new Slice(onEachSlice);
        }

        @Override
        public Set<String> reduce(Collection<Slice> slices) {
            Set<String> threads = new HashSet<>();
            for (Slice slice : slices) {
                if (slice.thread != null) {
                    threads.add(slice.thread);
                }
            }
            return threads;
        }

        /** A slice's collector: the thread it began on. */
        static final class Slice implements Collector {
            private final Runnable onBegin;
            private String thread;

            Slice(Runnable onBegin) {
                this.onBegin = onBegin;
            }

            @Override
            public LeafCollector getLeafCollector(LeafReaderContext context) {
                if (thread == null) {
                    thread = Thread.currentThread().getName();
                    onBegin.run();
                }
                return new LeafCollector() {
                    @Override
                    public void setScorer(Scorable scorer) {
                    }

                    @Override
                    public void collect(int doc) {
                    }
                };
            }

            @Override
            public ScoreMode scoreMode() {
                return ScoreMode.COMPLETE_NO_SCORES;
            }
        }
    }
}
