package org.dossier.web;

import io.javalin.http.Context;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * The address readers reach the catalogue at, for permalinks and citations. Set it when the
 * server sits behind a proxy; otherwise it is taken from the request.
 */
public final class PublicUrl {

    private final String configured;

    private PublicUrl(String configured) {
        this.configured = configured;
    }

    public static PublicUrl fromRequests() {
        return new PublicUrl(null);
    }

    public static PublicUrl fixed(String url) {
        String refused = "--public-url takes the site's address, such as https://archive.example.org, not '" + url + "'";
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            // URI's own words ("Illegal character in path at index 3") name neither the option nor the value.
            throw new IllegalArgumentException(refused, e);
        }
        if (uri.getScheme() == null || uri.getHost() == null
                || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
            throw new IllegalArgumentException(refused);
        }
        return new PublicUrl(url.replaceAll("/+$", ""));
    }

    /** Whether the address was given ({@code --public-url}) rather than taken from each request. */
    public boolean configured() {
        return configured != null;
    }

    /** Whether the address given ({@code --public-url}) is an https one: readers reach the site over https only. */
    public boolean https() {
        return configured != null && configured.startsWith("https:");
    }

    /** 'https://dossier.example.org', with no slash at the end. */
    public String of(Context ctx) {
        if (configured != null) {
            return configured;
        }
        return ctx.scheme() + "://" + ctx.host();
    }

    /** The absolute form of a path on this site. */
    public String absolute(Context ctx, String path) {
        return of(ctx) + path;
    }
}
