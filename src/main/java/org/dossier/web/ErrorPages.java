package org.dossier.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.MethodNotAllowedResponse;
import io.javalin.http.NotFoundResponse;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.eclipse.jetty.http.HttpException;
import java.util.Map;
import java.util.Optional;
import org.dossier.search.SearchBusyException;
import org.dossier.search.SearchRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into a page a reader can act on (or, for the JSON twins, a JSON body, and
 * for the CSV, RIS and BibTeX files, plain text):
 * a bad parameter is a 400 that says which and why, an unknown address a 404, and an internal
 * error a 500 that shows no stack trace.
 */
public final class ErrorPages {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorPages.class);
    private static final String RENDERED = "dossier.error.rendered";
    static final String PLAIN_TEXT = "text/plain; charset=utf-8";

    private ErrorPages() {
    }

    public static void install(RoutesConfig routes) {
        routes.exception(SearchBusyException.class, (e, ctx) -> searchBusy(ctx, e));
        routes.exception(BadRequest.class, (e, ctx) -> show(ctx, 400, "This request cannot be answered", e.getMessage()));
        routes.exception(NotFound.class, (e, ctx) -> notFound(ctx, e));
        // Our handlers throw NotFound; Javalin throws its NotFoundResponse when no route matches.
        routes.exception(NotFoundResponse.class, (e, ctx) -> show(ctx, 404, "Not found",
                "There is no page at " + ctx.path() + "."));
        // With prefer405over404, Javalin throws this when the address has routes, only not for this method.
        routes.exception(MethodNotAllowedResponse.class, (e, ctx) -> methodNotAllowed(ctx, e));
        // A 429 is a search turned away for now (SearchLimit): offered again, as a busy one is.
        routes.exception(HttpResponseException.class, (e, ctx) -> show(ctx, e.getStatus(), titleOf(e.getStatus()),
                e.getMessage(), e.getStatus() == 429 ? sameAddress(ctx) : null));
        routes.exception(Exception.class, (e, ctx) -> {
            Optional<WriteUnavailable> unavailable = WriteUnavailable.of(e);
            if (unavailable.isPresent()) {
                unavailable(ctx, unavailable.get());
                return;
            }
            Optional<HttpException> unreadable = badMessage(e);
            if (unreadable.isPresent()) {
                if (tooLarge(e)) {
                    show(ctx, 413, titleOf(413), "The body of this request is larger than this site reads: nothing "
                            + "was changed. No form here takes a file; send the form again from its page.");
                    return;
                }
                int status = unreadable.get().getCode() >= 400 && unreadable.get().getCode() < 500
                        ? unreadable.get().getCode() : 400;
                show(ctx, status, titleOf(status), "The body of this request could not be read ("
                        + QueryParams.shorten(String.valueOf(unreadable.get().getReason())) + "): nothing was changed. "
                        + "Send the form again from its page.");
                return;
            }
            Optional<IllegalArgumentException> charset = unknownCharset(e);
            if (charset.isPresent()) {
                // Jetty reads the Content-Type's charset when the body's fields are asked for.
                show(ctx, 415, titleOf(415), "The body of this request names a character set this site does not "
                        + "read (" + QueryParams.shorten(String.valueOf(charset.get().getMessage())) + "): nothing was "
                        + "changed. Send it as UTF-8, as the site's own forms do.");
                return;
            }
            LOG.error("{} {} failed (request {})", ctx.method(), ctx.path(), RequestIds.of(ctx), e);
            show(ctx, 500, "Something went wrong", "The catalogue could not answer this request. "
                    + "The error has been logged; please try again later.");
        });
        routes.error(404, ctx -> {
            if (ctx.attribute(RENDERED) == null) {
                show(ctx, 404, "Not found", "There is no page at " + ctx.path() + ".");
            }
        });
        routes.error(405, ctx -> {
            if (ctx.attribute(RENDERED) == null) {
                show(ctx, 405, "Method not allowed", ctx.method() + " is not allowed here.");
            }
        });
    }

    /** 404: a page links where to go instead, where the JSON and plain text say it in the message. */
    private static void notFound(Context ctx, NotFound e) {
        if (e instanceof NotFound.Elsewhere elsewhere && !wantsJson(ctx) && !wantsText(ctx.path())) {
            show(ctx, 404, "Not found", elsewhere.notThere(), null, elsewhere.instead());
        } else {
            show(ctx, 404, "Not found", e.getMessage());
        }
    }

    /**
     * 405 with {@code Allow}: the address exists, so "there is no page" would be false. Javalin names
     * the methods of the address's routes in the exception's one detail; HEAD is not among them
     * because it is answered by GET's handler ({@link HttpHygiene}), so it is added beside GET.
     */
    private static void methodNotAllowed(Context ctx, MethodNotAllowedResponse e) {
        List<String> allowed = allowed(e.getDetails().values());
        ctx.header("Allow", String.join(", ", allowed));
        show(ctx, 405, titleOf(405), ctx.req().getMethod() + " is not allowed at " + ctx.path()
                + "; this address takes " + String.join(", ", allowed) + ".");
    }

    static List<String> allowed(java.util.Collection<String> javalinsLists) {
        TreeSet<String> methods = new TreeSet<>();
        for (String list : javalinsLists) {
            Arrays.stream(list.split(",")).map(String::strip).filter(m -> !m.isEmpty()).forEach(methods::add);
        }
        if (methods.contains("GET")) {
            methods.add("HEAD");
        }
        return List.copyOf(methods);
    }

    /** 503 with Retry-After: the node runs as many searches as it may; the reader is offered the same search again. */
    public static void searchBusy(Context ctx, SearchBusyException e) {
        ctx.header("Retry-After", "1");
        show(ctx, 503, "The catalogue is busy", e.getMessage(), sameAddress(ctx));
    }

    /**
     * A request that cannot be answered yet (a search while the index opens, any page while a first
     * start imports the seeds), offered again: the header's box keeps only the words typed, and a
     * reader who searched from it again lost the filters and the page.
     */
    public static void notYet(Context ctx, String title, String message) {
        show(ctx, 503, title, message, sameAddress(ctx));
    }

    /** The address asked for, to ask again: a page read (GET or HEAD) only, never a form sent. */
    private static String sameAddress(Context ctx) {
        if (ctx.method() != HandlerType.GET && ctx.method() != HandlerType.HEAD) {
            return null;
        }
        String query = ctx.queryString();
        return ctx.path() + (query == null || query.isEmpty() ? "" : "?" + query);
    }

    /** 503 with Retry-After: the database cannot take a write now; nothing was changed. */
    public static void unavailable(Context ctx, WriteUnavailable e) {
        refusedForNow(ctx, e);
        boolean reading = ctx.method() == HandlerType.GET || ctx.method() == HandlerType.HEAD;
        show(ctx, 503, e.unreachable() ? "The catalogue is not available"
                : e.readOnly() ? "The catalogue cannot save now" : "The catalogue is busy",
                reading ? e.toldReading() : e.getMessage());
    }

    /**
     * What every answer to a request the database could not take has, whatever page it shows: the
     * operator's line in the log, 503 and when to ask again.
     */
    public static void refusedForNow(Context ctx, WriteUnavailable e) {
        logUnavailable(ctx, e);
        ctx.header("Retry-After", String.valueOf(e.retryAfterSeconds()));
        ctx.status(503);
    }

    /** The one line an operator reads for a request the database could not take: "POST /admin/login: the database cannot be reached (Connection refused)". */
    public static void logUnavailable(Context ctx, WriteUnavailable e) {
        LOG.warn("{} {}: {} ({}) (request {})", ctx.method(), ctx.path(), e.reason(), e.why(), RequestIds.of(ctx));
    }

    /**
     * A request Jetty could not read, anywhere in the causes: a malformed multipart body, say, or a
     * chunked body that breaks off or is not chunks ("Early EOF", which was a 500 logged as an error).
     */
    private static Optional<HttpException> badMessage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpException bad) {
                return Optional.of(bad);
            }
        }
        return Optional.empty();
    }

    /**
     * A multipart body past the size the app holds to: Jetty says so only in the message of the cause
     * of its "bad multipart" ("max length exceeded: 1000000", "max file size exceeded: …").
     */
    private static boolean tooLarge(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IllegalStateException && String.valueOf(t.getMessage()).contains(" exceeded: ")) {
                return true;
            }
        }
        return false;
    }

    /** A Content-Type whose charset Java does not know ({@code charset=bogus}), anywhere in the causes. */
    private static Optional<IllegalArgumentException> unknownCharset(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.nio.charset.UnsupportedCharsetException
                    || t instanceof java.nio.charset.IllegalCharsetNameException) {
                return Optional.of((IllegalArgumentException) t);
            }
        }
        return Optional.empty();
    }

    /** A page that answers 404 with a body of its own (a search past its last page): the generic page stays out. */
    public static void ownBody(Context ctx) {
        ctx.attribute(RENDERED, true);
    }

    public static void show(Context ctx, int status, String title, String message) {
        show(ctx, status, title, message, null);
    }

    /** The same, with a link to ask again ({@code again}, the same address) when it is worth a second try. */
    private static void show(Context ctx, int status, String title, String message, String again) {
        show(ctx, status, title, message, again, null);
    }

    /** The same, with where to go instead ({@code instead}) linked below the message on the page. */
    private static void show(Context ctx, int status, String title, String message, String again,
                             NotFound.Instead instead) {
        ctx.attribute(RENDERED, true);
        ctx.status(status);
        // A failure of ours (or of what we depend on) is in the log under this id: a reader who
        // reports it can quote it.
        String reference = status >= 500 ? RequestIds.of(ctx) : null;
        if (reference != null) {
            ctx.header(RequestIds.HEADER, reference);
        }
        if (wantsJson(ctx)) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", status);
            body.put("error", title);
            body.put("message", message);
            if (reference != null) {
                body.put("reference", reference);
            }
            ctx.json(body);
        } else if (wantsText(ctx.path())) {
            ctx.contentType(PLAIN_TEXT);
            ctx.result(asText(status, title, message) + (reference == null ? "" : "Reference: " + reference + "\n"));
        } else {
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("status", status);
            model.put("title", title);
            model.put("message", message);
            // What the reader typed stays in the search box, whatever went wrong, as a search reads it.
            String q = ctx.queryParam(SearchRequest.TEXT);
            model.put("searchQuery", q == null ? null : SearchRequest.words(q));
            model.put("again", again);
            model.put("instead", instead);
            model.put("reference", reference);
            model.put("errorPage", true);
            ctx.render("error", model);
        }
    }

    private static boolean wantsJson(Context ctx) {
        return ctx.path().endsWith(".json");
    }

    /**
     * Whether an address is a file a program asked for as CSV, RIS or BibTeX (a search's export, a
     * record's citation): its errors are plain text, which such a program can show or log as it
     * comes, not a page of HTML saved under the name of a spreadsheet.
     */
    static boolean wantsText(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        return lower.endsWith(".csv") || lower.endsWith(".ris") || lower.endsWith(".bib");
    }

    /** An error as plain text: its status and title on the first line, then what to change. */
    static String asText(int status, String title, String message) {
        return status + " " + title + "\n" + message + "\n";
    }

    private static String titleOf(int status) {
        return switch (status) {
            case 400 -> "This request cannot be answered";
            case 401 -> "Sign in first";
            case 403 -> "Forbidden";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 410 -> "Gone";
            case 413 -> "Too large";
            case 415 -> "Unsupported body";
            case 429 -> "Too many requests";
            case 503 -> "The catalogue is busy";
            default -> status >= 500 ? "Something went wrong" : "Request failed";
        };
    }
}
