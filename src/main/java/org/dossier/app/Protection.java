package org.dossier.app;

import java.time.Duration;
import java.util.List;
import org.dossier.ops.NicedThreads;
import org.dossier.search.LuceneSearchEngine;

/**
 * How the server guards itself (see README, "Security"): which proxies' {@code X-Forwarded-For}
 * to believe, which host names to answer to, how many searches a minute one client may make, and
 * whether {@code Server-Timing} goes out, and how much of the search engine's answers it keeps.
 * Built from {@link #DEFAULTS} or {@link #NONE} and the {@code with…} methods, each of which checks
 * what it is given as the canonical constructor does.
 *
 * @param trustedProxies IP addresses of proxies whose {@code X-Forwarded-For} names the client; empty for none
 * @param allowedHosts host names the site answers to; empty for any valid host name
 * @param searchLimit requests a minute one client may make to {@code /search*}; 0 for no limit
 * @param serverTiming whether search pages send {@code Server-Timing}
 * @param maxSearches how many searches and exports may run in the search engine at once on this node
 * @param searchWait how long a search waits for one of those to be free before it is refused with 503
 * @param keptAnswersMb what the search engine's answers kept for asking again may weigh, in MB (the embedded
 *                      index's per snapshot, a SolrCloud collection's per position of the feed); 0 keeps none
 * @param maxExports how many search exports may be written at once on this node, their rows included
 * @param exportWait how long an export waits for one of those to be free before it is refused with 503
 * @param exportNice the nice value of the threads that write exports (1 to 19), or 0 to write each on its request's thread
 */
public record Protection(List<String> trustedProxies, List<String> allowedHosts, int searchLimit, boolean serverTiming,
        int maxSearches, Duration searchWait, int keptAnswersMb, int maxExports, Duration exportWait, int exportNice) {

    /**
     * Searches at once unless told otherwise: enough to keep every processor busy while some wait on
     * the disk or the network, few enough that each admitted search still gets a processor soon. Six
     * a processor rather than four: at a million records on two processors, the load mix at 300 req/s
     * (three quarters of the machine) was held in five legs of seven with twelve and one of seven with
     * eight, eight turning searches away after their 50 ms wait where twelve ran them within the p99;
     * at 250 req/s the two were not told apart (BENCHMARKS.md, "Six searches a processor").
     */
    public static final int DEFAULT_MAX_SEARCHES = 6 * Runtime.getRuntime().availableProcessors();

    /** How long a search may wait for a free slot unless told otherwise: a small part of a page's time. */
    public static final Duration DEFAULT_SEARCH_WAIT = Duration.ofMillis(50);

    /** What {@code serve} uses unless told otherwise. */
    public static final int DEFAULT_SEARCH_LIMIT = 60;

    /** What kept answers may weigh unless told otherwise, in MB: {@link #keptAnswersMbFor} this JVM's heap. */
    public static final int DEFAULT_KEPT_ANSWERS_MB = keptAnswersMbFor(Runtime.getRuntime().maxMemory());

    /**
     * Exports written at once unless told otherwise: one per two processors, at least one. Why: an
     * export of a thousand hits or more keeps a processor busy for a second or more (BENCHMARKS.md),
     * and two of them at once on a two-processor node left every page waiting behind them; an export
     * beyond the bound waits its turn instead.
     */
    public static final int DEFAULT_MAX_EXPORTS = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);

    /**
     * How long an export may wait for its turn unless told otherwise: longer than a large export
     * takes, so that a reader's download is late rather than refused when a few come at once.
     */
    public static final Duration DEFAULT_EXPORT_WAIT = Duration.ofSeconds(3);

    /**
     * The nice value exports are written at unless told otherwise: 0, on their requests' threads, as
     * before the option. Why not 10 (Linux then weighs an export's thread 110 against a reader's 1,024):
     * measured on the load mix at 1M, B A A B twice, the other requests' p99 was not told apart from
     * exports at the node's priority at 150–300 req/s, while past what the node holds (300 req/s)
     * niced exports were starved — a median of 0.1–1.5 s against 0.05–0.5 s, up to 4 s, holding their
     * turn meanwhile (BENCHMARKS.md, "Exports at nice 10 against nice 0 on the load mix at 1M").
     */
    public static final int DEFAULT_EXPORT_NICE = 0;

    /**
     * What {@code serve} guards itself with unless told otherwise: no proxy believed, any host name,
     * {@link #DEFAULT_SEARCH_LIMIT} searches a minute, no {@code Server-Timing}, and the default bounds.
     * Every other protection is this one or {@link #NONE} with the {@code with…} methods, one setting each,
     * so that a reader sees which settings differ by name rather than by a position among ten.
     */
    public static final Protection DEFAULTS = new Protection(List.of(), List.of(), DEFAULT_SEARCH_LIMIT, false,
            DEFAULT_MAX_SEARCHES, DEFAULT_SEARCH_WAIT, DEFAULT_KEPT_ANSWERS_MB, DEFAULT_MAX_EXPORTS, DEFAULT_EXPORT_WAIT,
            DEFAULT_EXPORT_NICE);

    /** No limit, no list, no bound on searches or exports at once: for tests and tools that drive a server hard from one address. */
    public static final Protection NONE = new Protection(List.of(), List.of(), 0, false, Integer.MAX_VALUE, Duration.ZERO,
            DEFAULT_KEPT_ANSWERS_MB, Integer.MAX_VALUE, Duration.ZERO, DEFAULT_EXPORT_NICE);

    public Protection {
        trustedProxies = List.copyOf(trustedProxies);
        allowedHosts = List.copyOf(allowedHosts);
        if (searchLimit < 0) {
            throw new IllegalArgumentException("--search-limit must be 0 (no limit) or more, not " + searchLimit);
        }
        if (maxSearches < 1) {
            throw new IllegalArgumentException("--max-searches must be 1 or more, not " + maxSearches);
        }
        if (searchWait.isNegative()) {
            throw new IllegalArgumentException("--search-wait must be 0 or more milliseconds, not " + searchWait.toMillis());
        }
        if (keptAnswersMb < 0) {
            throw new IllegalArgumentException("--kept-answers must be 0 (none) or more MB, not " + keptAnswersMb);
        }
        if (maxExports < 1) {
            throw new IllegalArgumentException("--max-exports must be 1 or more, not " + maxExports);
        }
        if (exportWait.isNegative()) {
            throw new IllegalArgumentException("--export-wait must be 0 or more milliseconds, not " + exportWait.toMillis());
        }
        if (exportNice < 0 || exportNice > NicedThreads.MAX_NICE) {
            throw new IllegalArgumentException("--export-nice must be 0 (exports written on their requests' threads) to "
                    + NicedThreads.MAX_NICE + ", not " + exportNice);
        }
    }

    /** These, believing {@code X-Forwarded-For} from {@code trustedProxies} alone. */
    public Protection withTrustedProxies(List<String> trustedProxies) {
        return new Protection(trustedProxies, allowedHosts, searchLimit, serverTiming, maxSearches, searchWait,
                keptAnswersMb, maxExports, exportWait, exportNice);
    }

    /** These, answering to {@code allowedHosts} alone (empty: any valid host name). */
    public Protection withAllowedHosts(List<String> allowedHosts) {
        return new Protection(trustedProxies, allowedHosts, searchLimit, serverTiming, maxSearches, searchWait,
                keptAnswersMb, maxExports, exportWait, exportNice);
    }

    /** These, with {@code searchLimit} searches a minute from one client (0: no limit). */
    public Protection withSearchLimit(int searchLimit) {
        return new Protection(trustedProxies, allowedHosts, searchLimit, serverTiming, maxSearches, searchWait,
                keptAnswersMb, maxExports, exportWait, exportNice);
    }

    /** These, sending {@code Server-Timing} or not. */
    public Protection withServerTiming(boolean serverTiming) {
        return new Protection(trustedProxies, allowedHosts, searchLimit, serverTiming, maxSearches, searchWait,
                keptAnswersMb, maxExports, exportWait, exportNice);
    }

    /** These, with at most {@code maxSearches} searches at once, the next waiting {@code searchWait} for one to end. */
    public Protection withSearches(int maxSearches, Duration searchWait) {
        return new Protection(trustedProxies, allowedHosts, searchLimit, serverTiming, maxSearches, searchWait,
                keptAnswersMb, maxExports, exportWait, exportNice);
    }

    /** These, keeping answers up to {@code keptAnswersMb} MB (0: none). */
    public Protection withKeptAnswersMb(int keptAnswersMb) {
        return new Protection(trustedProxies, allowedHosts, searchLimit, serverTiming, maxSearches, searchWait,
                keptAnswersMb, maxExports, exportWait, exportNice);
    }

    /** These, with at most {@code maxExports} exports at once, the next waiting {@code exportWait} for one to end. */
    public Protection withExports(int maxExports, Duration exportWait) {
        return new Protection(trustedProxies, allowedHosts, searchLimit, serverTiming, maxSearches, searchWait,
                keptAnswersMb, maxExports, exportWait, exportNice);
    }

    /** These, writing exports on threads at nice {@code exportNice} (0: on their requests' threads). */
    public Protection withExportNice(int exportNice) {
        return new Protection(trustedProxies, allowedHosts, searchLimit, serverTiming, maxSearches, searchWait,
                keptAnswersMb, maxExports, exportWait, exportNice);
    }

    /**
     * What kept answers may weigh by default on a heap of {@code heapBytes}, in MB: an eighth of it, and
     * never less than the engine's own default ({@link LuceneSearchEngine#DEFAULT_KEPT_ANSWERS}, 64 MB,
     * an eighth of the 512 MB the image and the unit give). Why grow with the heap: at a million records
     * the load mix's answers asked again outgrow 64 MB: a node given 2 GB that kept 245 to 256 MB spent
     * a fifth less processor time on the mix at 400 req/s and held it in seven minutes of twelve, where
     * at 64 MB it held none of nine (BENCHMARKS.md, "Kept answers sized from the heap").
     */
    static int keptAnswersMbFor(long heapBytes) {
        long eighth = (heapBytes / 8) >> 20;
        return (int) Math.min(Integer.MAX_VALUE, Math.max(LuceneSearchEngine.DEFAULT_KEPT_ANSWERS >> 20, eighth));
    }

    /** {@link #keptAnswersMb} in bytes. */
    public long keptAnswers() {
        return (long) keptAnswersMb << 20;
    }
}
