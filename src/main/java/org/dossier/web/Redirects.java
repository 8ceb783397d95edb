package org.dossier.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

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

    /** {@code path} with the request's query string, if it has one. */
    public static String withQuery(Context ctx, String path) {
        String query = ctx.queryString();
        return query == null || query.isEmpty() ? path : path + "?" + query;
    }
}
