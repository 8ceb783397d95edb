package org.dossier.web;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
            value.append(part.name()).append(";dur=").append(String.format(Locale.ROOT, "%.1f", part.nanos() / 1e6));
        }
        return value.toString();
    }

    public void send(Context ctx) {
        ctx.header("Server-Timing", value());
    }
}
