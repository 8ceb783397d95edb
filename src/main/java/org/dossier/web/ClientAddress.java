package org.dossier.web;

import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The address of the client a request came from, the one thing the sign-in throttle and the
 * search rate limit count by. It is the connection's peer address, unless that peer is a proxy
 * this site was told to trust ({@code --trusted-proxy}): then it is the right-most address in
 * {@code X-Forwarded-For} that is not itself a trusted proxy. A header from anyone else is
 * ignored, so a client cannot choose the address it is counted under.
 */
public final class ClientAddress {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final Set<String> trustedProxies;

    private ClientAddress(Set<String> trustedProxies) {
        this.trustedProxies = trustedProxies;
    }

    /** No proxy is trusted: the peer address is the client. */
    public static ClientAddress direct() {
        return new ClientAddress(Set.of());
    }

    /**
     * Trusts these proxies' {@code X-Forwarded-For}.
     *
     * @throws IllegalArgumentException for anything that is not an IPv4 or IPv6 address (no name is looked up)
     */
    public static ClientAddress behind(Collection<String> proxies) {
        List<String> bad = proxies.stream().filter(p -> normal(p) == null).toList();
        if (!bad.isEmpty()) {
            throw new IllegalArgumentException("--trusted-proxy takes IP addresses, not '" + String.join("', '", bad) + "'");
        }
        return new ClientAddress(proxies.stream().map(ClientAddress::normal).collect(Collectors.toUnmodifiableSet()));
    }

    /**
     * What the client is counted as: its IPv4 address, or the /64 network of its IPv6 address
     * ({@code 2001:db8:0:7::/64}). One subscriber is given a whole /64 and may send from any of its
     * 2^64 addresses: counted one by one, each new address had four free guesses at a password.
     */
    public String of(Context ctx) {
        return counted(address(ctx));
    }

    private String address(Context ctx) {
        String peer = normalOr(ctx.req().getRemoteAddr());
        if (trustedProxies.isEmpty() || !trustedProxies.contains(peer)) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String header : ctx.req().getHeaders("X-Forwarded-For") == null ? List.<String>of()
                : java.util.Collections.list(ctx.req().getHeaders("X-Forwarded-For"))) {
            for (String hop : header.split(",")) {
                hops.add(hop.strip());
            }
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = normal(hops.get(i));
            if (hop == null) {
                // A hop that is no address was written by someone untrusted: count the last trusted sender.
                return peer;
            }
            if (!trustedProxies.contains(hop)) {
                return hop;
            }
            peer = hop;
        }
        return peer;
    }

    /** An IPv6 address as its /64 network; anything else as it is. */
    static String counted(String address) {
        if (address.indexOf(':') < 0) {
            return address;
        }
        try {
            byte[] bytes = InetAddress.getByName("[" + address + "]").getAddress();
            if (bytes.length != 16) {
                return address;
            }
            StringBuilder network = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                network.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
            }
            return network.append(":/64").toString();
        } catch (UnknownHostException e) {
            return address;
        }
    }

    private static String normalOr(String address) {
        String normal = normal(address);
        return normal == null ? String.valueOf(address) : normal;
    }

    /** The canonical text of an IP address literal, or null when it is none. */
    static String normal(String text) {
        if (text == null) {
            return null;
        }
        String literal = text.strip();
        if (literal.startsWith("[") && literal.endsWith("]")) {
            literal = literal.substring(1, literal.length() - 1);
        }
        boolean v4 = IPV4.matcher(literal).matches();
        if (v4 && java.util.Arrays.stream(literal.split("\\.")).anyMatch(octet -> Integer.parseInt(octet) > 255)) {
            return null;
        }
        if (!v4 && !IPV6.matcher(literal).matches()) {
            return null;
        }
        try {
            // Only a literal reaches this (brackets make an IPv6 one that does not parse fail): never a look-up.
            return InetAddress.getByName(v4 ? literal : "[" + literal + "]").getHostAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
