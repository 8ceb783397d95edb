package org.dossier.search;

import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.util.IOSupplier;

/**
 * The engine's search threads, as a snapshot's searches are given them: a search's slices (its
 * segments, {@link Snapshot#slices}) go to them only while fewer searches run than the machine has
 * processors; beside as many others, a search runs every slice itself, one after the other.
 *
 * <p>Why: Lucene hands a search's slices but one to its executor and runs on the calling thread
 * each slice no search thread has taken yet ({@code TaskExecutor.invokeAll}). Alone, a search's
 * slices run at once on idle processors, its answer sooner. Beside as many searches as there are
 * processors, none is idle: a slice handed off only wakes a thread to wait for a processor, a switch
 * of thread for nothing sooner (two a search here, tens of microseconds each on this machine's
 * processors), and, when the threads are taken, a task queued that finds its slice run already.
 * So a busy node's searches keep their slices, and the same processor time answers more of them.
 */
final class SearchThreads implements Executor {

    private final ExecutorService pool;
    private final int processors;
    /** The snapshots' searches running now, on any thread ({@link #search}). */
    private final AtomicInteger searching = new AtomicInteger();

    private SearchThreads(ExecutorService pool, int processors) {
        this.pool = pool;
        this.processors = processors;
    }

    /** {@code threads} search threads named {@code dossier-search-N}, for a machine of {@code processors} processors. */
    static SearchThreads of(int threads, int processors) {
        if (threads < 1 || processors < 1) {
            throw new IllegalArgumentException("search threads and processors are at least 1: " + threads + ", " + processors);
        }
        AtomicInteger count = new AtomicInteger();
        return new SearchThreads(Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "dossier-search-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }), processors);
    }

    /** {@code search}, counted among the searches running while it runs. */
    <T> T search(IOSupplier<T> search) throws IOException {
        searching.incrementAndGet();
        try {
            return search.get();
        } finally {
            searching.decrementAndGet();
        }
    }

    /** Runs {@code slices} on a search thread while fewer searches run than there are processors, else now, here. */
    @Override
    public void execute(Runnable slices) {
        if (searching.get() > processors - 1) {
            slices.run();
        } else {
            pool.execute(slices);
        }
    }

    void shutdownNow() {
        pool.shutdownNow();
    }
}
