package org.dossier.web;

import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Before every request: the {@code Host} header must be a valid host name or address (with an
 * optional port) and, when a list is given ({@code --allowed-host}), one of the listed names.
 * Without {@code --public-url}, permalinks, citations, exports and OAI-PMH identifiers are built
 * from this header, so a hostile one ({@code exa_mple.com}, {@code evil.example}) must never get in.
 */
public final class HostCheck {

    private static final Pattern LABEL = Pattern.compile("(?i)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern PORT = Pattern.compile("\\d{1,5}");

    private final Set<String> allowed;

    private HostCheck(Set<String> allowed) {
        this.allowed = allowed;
    }

    /** Any valid host name is answered. */
    public static HostCheck anyValid() {
        return new HostCheck(Set.of());
    }

    /** Only these host names (any port) are answered; the others get a 400. */
    public static HostCheck only(List<String> names) {
        List<String> bad = names.stream().filter(n -> !validName(n)).toList();
        if (!bad.isEmpty()) {
            throw new IllegalArgumentException("--allowed-host takes host names, not '" + String.join("', '", bad) + "'");
        }
        return new HostCheck(names.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet()));
    }

    public boolean restricted() {
        return !allowed.isEmpty();
    }

    public void check(Context ctx) {
        String host = ctx.header("Host");
        if (host == null) {
            // HTTP/1.0 without a Host: the links are built from the configured address or the peer's.
            return;
        }
        String name = nameOf(host);
        if (name == null) {
            throw new BadRequest("The Host header '" + QueryParams.shorten(host) + "' is not a host name.");
        }
        if (!allowed.isEmpty() && !allowed.contains(name)) {
            throw new BadRequest("This site does not answer to the host name '" + QueryParams.shorten(name) + "'.");
        }
    }

    /** The host name of a {@code Host} header in lower case, without its port, or null when it is not valid. */
    static String nameOf(String header) {
        String value = header.strip();
        String name;
        String port = null;
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            if (end < 0) {
                return null;
            }
            name = value.substring(0, end + 1);
            String rest = value.substring(end + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    return null;
                }
                port = rest.substring(1);
            }
            if (ClientAddress.normal(name) == null) {
                return null;
            }
        } else {
            int colon = value.indexOf(':');
            name = colon < 0 ? value : value.substring(0, colon);
            port = colon < 0 ? null : value.substring(colon + 1);
            if (!validName(name)) {
                return null;
            }
        }
        if (port != null && (!PORT.matcher(port).matches() || Integer.parseInt(port) > 65_535)) {
            return null;
        }
        return name.toLowerCase(Locale.ROOT);
    }

    /** A DNS name of letters, digits and inner hyphens (RFC 1123), or an IPv4 address. */
    static boolean validName(String name) {
        String bare = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (bare.isEmpty() || bare.length() > 253) {
            return false;
        }
        for (String label : bare.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }
}
