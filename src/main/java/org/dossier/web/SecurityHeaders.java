package org.dossier.web;

import io.javalin.http.Context;
import java.util.function.BiConsumer;

/** Headers that keep pages from being framed, sniffed or made to run scripts from elsewhere. */
public final class SecurityHeaders {

    static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'");

    /** A catalogue needs none of the browser's powerful features: none of them may be used by its pages. */
    static final String PERMISSIONS_POLICY = String.join(", ",
            "camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()", "interest-cohort=()",
            "browsing-topics=()");

    /**
     * A year, the common choice: a browser that has been here once comes back over https even when
     * sent an http link, on any network. Not for subdomains: their hosts are not this site's to speak for.
     */
    static final String STRICT_TRANSPORT_SECURITY = "max-age=31536000";

    private SecurityHeaders() {
    }

    public static void apply(Context ctx) {
        apply(ctx::header);
    }

    /**
     * Before every request when the site's address ({@code --public-url}) is https: that browsers
     * use nothing else. Only then, and never for an address taken from each request: a node asked
     * over http at its own address (behind the proxy that answers https, or a health check) says
     * nothing of how readers reach it, and an http site that sent it would lock its readers out.
     */
    public static void strictTransport(Context ctx) {
        ctx.header("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
    }

    /**
     * The same headers, for responses written outside Javalin (Jetty's own error pages, {@code
     * OPTIONS *}), with Strict-Transport-Security on the same terms as {@link #strictTransport}.
     */
    public static void apply(BiConsumer<String, String> header, PublicUrl site) {
        apply(header);
        if (site.https()) {
            header.accept("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
        }
    }

    private static void apply(BiConsumer<String, String> header) {
        header.accept("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        header.accept("X-Content-Type-Options", "nosniff");
        header.accept("X-Frame-Options", "DENY");
        header.accept("Referrer-Policy", "strict-origin-when-cross-origin");
        header.accept("Cross-Origin-Opener-Policy", "same-origin");
        header.accept("Permissions-Policy", PERMISSIONS_POLICY);
    }
}
