package org.dossier.web;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code Server-Timing} header (sent only with {@code serve --server-timing}, see {@link HttpHygiene}):
 * the parts of a request's making, each named, in milliseconds, in the order they are added. Why the
 * parts and not only the whole: what a page costs beyond its search (the database's reads, the
 * rendering) is read from the header by whoever measures, without a profiler.
 */
public final class ServerTiming {

    private record Part(String name, long nanos) {

        Part {
            if (name.isEmpty() || !name.chars().allMatch(c -> c >= 'a' && c <= 'z') || nanos < 0) {
                throw new IllegalArgumentException("a Server-Timing part is a lowercase word and a time not below 0: "
                        + name + ", " + nanos);
            }
        }
    }

    private final List<Part> parts = new ArrayList<>(6);

    /** Adds a part that took {@code nanos}; a part not measured (-1) is left out. */
    public ServerTiming add(String name, long nanos) {
        if (nanos != -1) {
            parts.add(new Part(name, nanos));
        }
        return this;
    }

    /** The header's value: {@code search;dur=14.2, page;dur=19.8}. */
    public String value() {
        StringBuilder value = new StringBuilder();
        for (Part part : parts) {
            if (!value.isEmpty()) {
                value.append(", ");
            }
            // Milliseconds to a tenth, rounded half up, as String.format's "%.1f" wrote them: made on every
            // search and record page even when the header is dropped (it is unless --server-timing),
            // where the formatter's parsing of its pattern was 1.3 % of a kept page's processor time.
            long tenths = (part.nanos() + 50_000) / 100_000;
            value.append(part.name()).append(";dur=").append(tenths / 10).append('.').append(tenths % 10);
        }
        return value.toString();
    }

    public void send(Context ctx) {
        ctx.header("Server-Timing", value());
    }
}
