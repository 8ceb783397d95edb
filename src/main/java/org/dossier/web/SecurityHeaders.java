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

    private SecurityHeaders() {
    }

    public static void apply(Context ctx) {
        apply(ctx::header);
    }

    /** The same headers, for responses written outside Javalin (Jetty's own error pages). */
    public static void apply(BiConsumer<String, String> header) {
        header.accept("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        header.accept("X-Content-Type-Options", "nosniff");
        header.accept("X-Frame-Options", "DENY");
        header.accept("Referrer-Policy", "strict-origin-when-cross-origin");
        header.accept("Cross-Origin-Opener-Policy", "same-origin");
        header.accept("Permissions-Policy", PERMISSIONS_POLICY);
    }
}
