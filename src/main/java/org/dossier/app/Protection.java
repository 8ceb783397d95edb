package org.dossier.app;

import java.util.List;

/**
 * How the server guards itself (see README, "Security"): which proxies' {@code X-Forwarded-For}
 * to believe, which host names to answer to, how many searches a minute one client may make, and
 * whether {@code Server-Timing} goes out.
 *
 * @param trustedProxies IP addresses of proxies whose {@code X-Forwarded-For} names the client; empty for none
 * @param allowedHosts host names the site answers to; empty for any valid host name
 * @param searchLimit requests a minute one client may make to {@code /search*}; 0 for no limit
 * @param serverTiming whether search pages send {@code Server-Timing}
 */
public record Protection(List<String> trustedProxies, List<String> allowedHosts, int searchLimit, boolean serverTiming) {

    /** What {@code serve} uses unless told otherwise. */
    public static final int DEFAULT_SEARCH_LIMIT = 60;

    /** No limit, no list: for tests and tools that drive a server hard from one address. */
    public static final Protection NONE = new Protection(List.of(), List.of(), 0, false);

    public Protection {
        trustedProxies = List.copyOf(trustedProxies);
        allowedHosts = List.copyOf(allowedHosts);
        if (searchLimit < 0) {
            throw new IllegalArgumentException("--search-limit must be 0 (no limit) or more, not " + searchLimit);
        }
    }
}
