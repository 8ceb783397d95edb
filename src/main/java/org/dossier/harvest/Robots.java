package org.dossier.harvest;

import io.javalin.http.Context;
import org.dossier.web.PublicUrl;

/**
 * {@code /robots.txt}: records, people, places, the listing and the sitemap may be crawled; the
 * search pages and their exports may not (every facet combination is a new address, and walking
 * them all is what takes catalogues down), nor the editors' side.
 */
public final class Robots {

    public static final String PATH = "/robots.txt";

    private final PublicUrl publicUrl;

    public Robots(PublicUrl publicUrl) {
        this.publicUrl = publicUrl;
    }

    public void show(Context ctx) {
        ctx.contentType("text/plain; charset=utf-8");
        ctx.result("""
                User-agent: *
                Disallow: /search
                Disallow: /admin
                Allow: /

                Sitemap: %s
                """.formatted(publicUrl.absolute(ctx, Sitemaps.PATH)));
    }
}
