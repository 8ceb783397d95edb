package org.dossier.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.nio.charset.StandardCharsets;

/**
 * Permanent redirects from another spelling of an address (a trailing slash, a key in capitals, a
 * number with leading zeros, a record's old slug or its permanent address) to its one address,
 * with the query the request came with: a record page's way back to the search it was reached
 * from ({@code ?search=...&hit=3&hits=40}) or a person's page number is kept, not dropped on the way.
 */
public final class Redirects {

    private Redirects() {
    }

    /** 301 to {@code path}, with the request's query string. */
    public static void permanent(Context ctx, String path) {
        ctx.redirect(withQuery(ctx, path), HttpStatus.MOVED_PERMANENTLY);
    }

    /** {@code path} with the request's query string, if it has one, in ASCII ({@link #ascii}). */
    public static String withQuery(Context ctx, String path) {
        String query = ctx.queryString();
        return ascii(query == null || query.isEmpty() ? path : path + "?" + query);
    }

    /**
     * An address for a {@code Location} header (or a log line): everything but printable ASCII percent-encoded as
     * UTF-8. The header is written in ISO-8859-1, and an address can come with letters as they are
     * (curl sends {@code /search/?q=Москва} so): they went out as {@code ?} or a byte no browser
     * reads as UTF-8, and the address redirected to searched for something else.
     */
    public static String ascii(String address) {
        return percentEncoded(address, c -> c > 0x20 && c < 0x7F);
    }

    /** {@code text} with every character but those {@code asItIs} keeps percent-encoded as UTF-8. */
    public static String percentEncoded(String text, java.util.function.IntPredicate asItIs) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (asItIs.test(c)) {
                out.appendCodePoint(c);
            } else {
                for (byte b : Character.toString(c).getBytes(StandardCharsets.UTF_8)) {
                    out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
                            .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
                }
            }
        });
        return out.toString();
    }
}
