package org.dossier.web;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;

/**
 * Before every GET: an address with a trailing slash ({@code /people/stalin/}) redirects (301) to
 * the same address without it. Javalin matches routes ignoring the slash, so without this each page
 * had a second address that answered 200, which crawlers and caches keep apart. The redirect never
 * leaves the site: slashes at the start are written as one. {@code /static/} is a 404 at once: its
 * address without the slash is no page either.
 */
public final class TrailingSlash {

    private TrailingSlash() {
    }

    public static void redirect(Context ctx) {
        String path = ctx.path();
        if (ctx.method() != HandlerType.GET || path.length() < 2 || !path.endsWith("/")) {
            return;
        }
        // Leading slashes as one: "//evil.example/" without its trailing slash is "//evil.example",
        // which a browser reads as another site's address.
        String without = path.replaceAll("/+$", "").replaceFirst("^/+", "/");
        if (without.equals(StaticFiles.FOLDER)) {
            // The folder of the style sheet and scripts is no page, with a slash or without: its
            // 301 led to a second answer, the 404 this is.
            throw new NotFound("There is no page at " + path + ".");
        }
        Redirects.permanent(ctx, without.isEmpty() ? "/" : without);
        ctx.skipRemainingHandlers();
    }
}
