package org.dossier.web;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Before every request to {@code /search} and its twins ({@code /search.json}, {@code .csv},
 * {@code /search/facets/...}): at most {@code perMinute} requests a minute from one client
 * ({@link ClientAddress}), as a token bucket that refills evenly and holds a minute's worth, so a
 * reader's bursts pass and a crawler walking facet combinations gets 429 with {@code Retry-After}.
 * Record pages, the listing and the sitemap are never limited. The counts are kept in this
 * node's memory: with several nodes behind a balancer each node allows {@code perMinute}.
 */
public final class SearchLimit {

    /** Past this many clients in memory, those with full buckets are forgotten. */
    private static final int MAX_CLIENTS = 100_000;

    private final int perMinute;
    private final ClientAddress clients;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** @param perMinute requests a minute per client; 0 for no limit */
    public SearchLimit(int perMinute, ClientAddress clients, Clock clock) {
        if (perMinute < 0) {
            throw new IllegalArgumentException("--search-limit must be 0 (no limit) or more, not " + perMinute);
        }
        this.perMinute = perMinute;
        this.clients = clients;
        this.clock = clock;
    }

    public static boolean limits(String path) {
        // Suggestions as one types are small bounded answers, several per search: not counted.
        return (path.equals("/search") || path.startsWith("/search.") || path.startsWith("/search/"))
                && !path.equals("/search/suggest.json");
    }

    public void check(Context ctx) {
        if (perMinute == 0 || !limits(ctx.path())) {
            return;
        }
        if (buckets.size() > MAX_CLIENTS) {
            long now = clock.millis();
            buckets.values().removeIf(b -> b.full(now, perMinute));
        }
        long waitMillis = buckets.computeIfAbsent(clients.of(ctx), c -> new Bucket(perMinute, clock.millis()))
                .take(clock.millis(), perMinute);
        if (waitMillis > 0) {
            long seconds = Math.max(1, (waitMillis + 999) / 1000);
            ctx.header("Retry-After", String.valueOf(seconds));
            throw new HttpResponseException(429, "Too many searches from your address in the last minute ("
                    + perMinute + (perMinute == 1 ? " is" : " are") + " allowed). Wait " + seconds + (seconds == 1 ? " second" : " seconds")
                    + " and search again. Record pages are never limited.");
        }
    }

    /** Tokens refill at perMinute a minute, up to perMinute. */
    private static final class Bucket {

        private double tokens;
        private long at;

        Bucket(int perMinute, long now) {
            this.tokens = perMinute;
            this.at = now;
        }

        /** Takes a token and answers 0, or answers how many milliseconds until one will be there. */
        synchronized long take(long now, int perMinute) {
            refill(now, perMinute);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) * 60_000.0 / perMinute);
        }

        synchronized boolean full(long now, int perMinute) {
            refill(now, perMinute);
            return tokens >= perMinute;
        }

        private void refill(long now, int perMinute) {
            if (now > at) {
                tokens = Math.min(perMinute, tokens + (now - at) * perMinute / 60_000.0);
                at = now;
            }
        }
    }
}
