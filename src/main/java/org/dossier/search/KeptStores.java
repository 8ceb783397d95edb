package org.dossier.search;

import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * How every store of things kept in memory is built (answers, counts, first hits, pages, the days
 * pages were first given): Caffeine, with its upkeep (evicting, expiring, replaying the reads and
 * writes it recorded) done on the thread that read or wrote, not handed to the JVM's common pool.
 *
 * <p>Why: handed over, the upkeep woke a thread of the pool again and again (a search's counts,
 * first hits, answer and page each kept or read): 5.2 switches of thread and 0.28 ms of the pool's
 * processor time for a search with words, filters and a range on a node of a million records, where
 * a switch costs tens of microseconds on a virtual machine's processors (BENCHMARKS.md, "Where the
 * load mix's processor time goes by kind"). Done in place, it is a few microseconds of work under a
 * lock that a thread finding it taken leaves to the one holding it.
 */
public final class KeptStores {

    private KeptStores() {
    }

    /** A Caffeine builder whose upkeep runs on the reading or writing thread. */
    public static Caffeine<Object, Object> builder() {
        return Caffeine.newBuilder().executor(Runnable::run);
    }
}
