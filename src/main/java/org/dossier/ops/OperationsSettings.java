package org.dossier.ops;

import java.time.Duration;

/**
 * How a server is operated, beside what it serves.
 *
 * @param metricsPort the port of the Prometheus endpoint; null for none (the default), 0 for any free port
 * @param metricsHost the address the metrics endpoint listens on (default 127.0.0.1: never public by accident)
 * @param maxIndexLag how many changes the search index may be behind the database and the node still be ready
 * @param shutdownGrace how long a stopping server lets requests in flight finish
 * @param warmUpRequests how many requests of its own a node asks before it says it is ready ({@link WarmUp}); 0 for none
 * @param warmUpLimit how long the warm-up may take; past it the node is ready with what was asked
 * @param shutdownDelay how long a stopping server keeps serving while {@code /ready} says 503, before it
 *                      stops taking requests: a load balancer that asks every few seconds takes it out
 *                      of rotation meanwhile, so no reader's connection is refused
 * @param remembered how long {@code /ready} answers a reading that is not cheap (Flyway's view of the
 *                   migrations, whether the server takes a new connection) again unasked: 5 s
 *                   ({@link Readiness#REMEMBERED}); shorter only in the tests of what a reading read again says
 */
public record OperationsSettings(Integer metricsPort, String metricsHost, long maxIndexLag, Duration shutdownGrace,
                                 int warmUpRequests, Duration warmUpLimit, Duration shutdownDelay, Duration remembered) {

    public static final long DEFAULT_MAX_INDEX_LAG = 1_000;
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(8);
    /** What {@code serve} asks of itself unless told otherwise; {@link #DEFAULT}, what an app built in code gets, asks none. */
    public static final int DEFAULT_WARM_UP_REQUESTS = 1_000;
    public static final Duration DEFAULT_WARM_UP_LIMIT = Duration.ofSeconds(60);
    public static final OperationsSettings DEFAULT =
            new OperationsSettings(null, "127.0.0.1", DEFAULT_MAX_INDEX_LAG, DEFAULT_SHUTDOWN_GRACE);

    /** No warm-up, no delay before stopping. */
    public OperationsSettings(Integer metricsPort, String metricsHost, long maxIndexLag, Duration shutdownGrace) {
        this(metricsPort, metricsHost, maxIndexLag, shutdownGrace, 0, DEFAULT_WARM_UP_LIMIT);
    }

    /** No delay before stopping. */
    public OperationsSettings(Integer metricsPort, String metricsHost, long maxIndexLag, Duration shutdownGrace,
                              int warmUpRequests, Duration warmUpLimit) {
        this(metricsPort, metricsHost, maxIndexLag, shutdownGrace, warmUpRequests, warmUpLimit, Duration.ZERO);
    }

    /** Readings remembered as a node remembers them unless told otherwise ({@link Readiness#REMEMBERED}). */
    public OperationsSettings(Integer metricsPort, String metricsHost, long maxIndexLag, Duration shutdownGrace,
                              int warmUpRequests, Duration warmUpLimit, Duration shutdownDelay) {
        this(metricsPort, metricsHost, maxIndexLag, shutdownGrace, warmUpRequests, warmUpLimit, shutdownDelay,
                Readiness.REMEMBERED);
    }

    /** These settings, with /ready's readings that are not cheap answered again for {@code remembered}. */
    public OperationsSettings withRemembered(Duration remembered) {
        return new OperationsSettings(metricsPort, metricsHost, maxIndexLag, shutdownGrace, warmUpRequests, warmUpLimit,
                shutdownDelay, remembered);
    }

    public OperationsSettings {
        if (warmUpRequests < 0) {
            throw new IllegalArgumentException("--warm-up takes a number of requests, 0 or more, not " + warmUpRequests);
        }
        if (warmUpLimit == null || warmUpLimit.isNegative() || warmUpLimit.isZero()) {
            throw new IllegalArgumentException("--warm-up-limit takes a number of seconds, 1 or more");
        }
        if (metricsPort != null && (metricsPort < 0 || metricsPort > 65_535)) {
            throw new IllegalArgumentException("--metrics-port must be from 0 to 65535, not " + metricsPort);
        }
        if (maxIndexLag < 0) {
            throw new IllegalArgumentException("--max-index-lag must be 0 or more changes, not " + maxIndexLag);
        }
        if (shutdownGrace == null || shutdownGrace.isNegative()) {
            throw new IllegalArgumentException("--shutdown-grace takes a number of seconds, 0 or more"
                    + (shutdownGrace == null ? "" : ", not " + shutdownGrace.toSeconds()));
        }
        if (shutdownDelay == null || shutdownDelay.isNegative()) {
            throw new IllegalArgumentException("--shutdown-delay takes a number of seconds, 0 or more"
                    + (shutdownDelay == null ? "" : ", not " + shutdownDelay.toSeconds()));
        }
        if (remembered == null || remembered.isNegative() || remembered.isZero()) {
            throw new IllegalArgumentException("/ready's readings are remembered for more than nothing, not " + remembered);
        }
        if (metricsHost == null || metricsHost.isBlank()) {
            metricsHost = "127.0.0.1";
        }
    }
}
