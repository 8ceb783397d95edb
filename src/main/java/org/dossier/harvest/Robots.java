package org.dossier.harvest;

import io.javalin.http.Context;
import org.dossier.web.PublicUrl;

/** {@code /robots.txt}: everything may be crawled, and the sitemap says where the records are. */
public final class Robots {

    private final PublicUrl publicUrl;

    public Robots(PublicUrl publicUrl) {
        this.publicUrl = publicUrl;
    }

    public void show(Context ctx) {
        ctx.contentType("text/plain; charset=utf-8");
        ctx.result("User-agent: *\nAllow: /\n\nSitemap: " + publicUrl.absolute(ctx, "/sitemap.xml") + "\n");
    }
}
