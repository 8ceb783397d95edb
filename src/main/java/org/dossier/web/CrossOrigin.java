package org.dossier.web;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.util.Locale;
import java.util.Set;

/**
 * Lets a script on another site read the catalogue's machine-readable addresses (CORS): the JSON
 * twins, the search's exports, the citation files, the feed, the sitemaps and OAI-PMH, which a
 * notebook or a link checker already reads freely. A browser app on another origin got nothing:
 * its {@code fetch} of {@code /search.json} was refused for want of
 * {@code Access-Control-Allow-Origin}.
 *
 * <p>{@code *} is safe there because nothing a credential carries changes those answers or is
 * private in them: they are the same for everyone, an editor's included (the session cookie is
 * {@code SameSite=Lax}, so a cross-site fetch does not send it, and a browser never lets a page read
 * an answer to a request sent with credentials under {@code *}). No private address (the editors'
 * side, {@link PrivateAddresses}) and no HTML page is opened: those carry who is signed in and CSRF tokens.
 *
 * <p>Errors at these addresses are readable too (a 400's message, a 429's or 503's
 * {@code Retry-After}), and the header fields a script needs are exposed: the validator to send
 * back, the paging links, an export's count and file name, and the request's id (what a script
 * reports with a 5xx, so that its line is found in the log). A CORS preflight ({@code OPTIONS} with
 * {@code Origin} and {@code Access-Control-Request-Method}) for GET or HEAD at such an address is
 * answered 204; any other {@code OPTIONS} stays the 405 every address gives a method it does not take.
 */
public final class CrossOrigin {

    static final String EXPOSED = "ETag, Link, X-Total-Count, Retry-After, Content-Disposition, " + RequestIds.HEADER;
    /** What a script reading again may send beyond the headers a browser allows without asking. */
    static final String REQUEST_HEADERS = "If-None-Match, If-Modified-Since";
    private static final Set<String> READS = Set.of("GET", "HEAD");
    private static final Set<String> SUFFIXES = Set.of(".json", ".csv", ".ris", ".bib", ".atom");

    private final PrivateAddresses privateAddresses;

    public CrossOrigin(PrivateAddresses privateAddresses) {
        this.privateAddresses = privateAddresses;
    }

    /** Before every request: opens a machine-readable address to scripts on other sites, and answers their preflights. */
    public void allow(Context ctx) {
        if (!opens(ctx.path())) {
            return;
        }
        ctx.header("Access-Control-Allow-Origin", "*");
        ctx.header("Access-Control-Expose-Headers", EXPOSED);
        String asked = ctx.header("Access-Control-Request-Method");
        if (ctx.method() == HandlerType.OPTIONS && ctx.header("Origin") != null && asked != null
                && READS.contains(asked.strip().toUpperCase(Locale.ROOT))) {
            ctx.header("Access-Control-Allow-Methods", "GET, HEAD");
            ctx.header("Access-Control-Allow-Headers", REQUEST_HEADERS);
            ctx.header("Access-Control-Max-Age", "86400");
            ctx.status(HttpStatus.NO_CONTENT);
            ctx.skipRemainingHandlers();
        }
    }

    /**
     * Whether an address is one of the site's answers for programs, the same for every reader: never
     * a private one ({@link PrivateAddresses}, what the routes declare), whatever it ends with. With
     * a trailing slash too ({@code /search.json/}): its redirect to the address without one is read
     * by the same script, whose browser follows it only if the redirect is open to it as well.
     */
    boolean opens(String written) {
        String path = written.length() > 1 ? written.replaceAll("/+$", "") : written;
        if (privateAddresses.isPrivate(path)) {
            return false;
        }
        if (path.equals("/oai") || path.equals("/sitemap.xml") || path.startsWith("/sitemaps/")) {
            return true;
        }
        int dot = path.lastIndexOf('.');
        return dot > path.lastIndexOf('/') && SUFFIXES.contains(path.substring(dot).toLowerCase(Locale.ROOT));
    }
}
