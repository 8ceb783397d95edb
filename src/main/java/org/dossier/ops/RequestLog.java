package org.dossier.ops;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import io.javalin.router.Endpoint;
import io.javalin.router.InternalRouter;
import io.javalin.router.ParsedEndpoint;
import java.util.function.Supplier;
import java.time.Duration;
import org.dossier.web.Redirects;
import org.dossier.web.RequestIds;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After every request: one access-log line (method, route template, path without its query
 * string, status, time, bytes, the request's id: {@link RequestIds}) on the logger {@code dossier.access}, and the request's metrics.
 * Query strings are never logged (they hold what readers searched for), nor cookies or tokens. A
 * node's requests of its own ({@link WarmUp}) are neither logged nor counted.
 * With {@code --log-format json} the fields are the log event's key-value pairs.
 *
 * <p>Two halves: Javalin knows which route answered and notes it on the request; Jetty's request
 * log is called once the response is complete, so it knows every byte sent and the whole time.
 */
public final class RequestLog implements org.eclipse.jetty.server.RequestLog {

    public static final String LOGGER = "dossier.access";
    /** The route of a request no route matched: one series, not one per address tried. */
    static final String UNMATCHED = "unmatched";
    /** The route of a request Jetty could not parse (a bad request line, an invalid header): no method, no path. */
    static final String UNPARSABLE = "unparsable";
    private static final String ROUTE = RequestLog.class.getName() + ".route";

    private static final Logger ACCESS = LoggerFactory.getLogger(LOGGER);

    private final Metrics metrics;
    private final WarmUp warmUp;
    private volatile Supplier<InternalRouter> router = () -> null;

    public RequestLog(Metrics metrics, WarmUp warmUp) {
        this.metrics = metrics;
        this.warmUp = warmUp;
    }

    /** Javalin's router, once the app has one: where a 405's address finds its route template. */
    void routesFrom(Supplier<InternalRouter> router) {
        this.router = router;
    }

    /** Javalin's request logger, once the route has answered: notes the route template. */
    public void noteRoute(Context ctx, Float millis) {
        ctx.req().setAttribute(ROUTE, route(ctx));
    }

    @Override
    public void log(Request request, Response response) {
        if (warmUp.asks(request)) {
            return;
        }
        String method = request.getMethod();
        // As it came, percent-escapes and all, but with what is not printable ASCII escaped too: Jetty
        // decodes letters sent as they are, and a path's U+0085 or U+2028 (line breaks to many log
        // readers) or U+202E (which turns the rest of the line around) was written into the log raw.
        String path = Redirects.ascii(request.getHttpURI().getPath());
        Object noted = request.getAttribute(ROUTE);
        String route = noted instanceof String r ? r : path.startsWith("/static/") ? "/static/*" : UNMATCHED;
        if (unparsable(request)) {
            // Jetty's stand-in for it is "BAD /badMessage", which reads like a request someone made.
            method = "-";
            path = "-";
            route = UNPARSABLE;
        }
        int status = response.getStatus();
        long bytes = Response.getContentBytesWritten(response);
        long nanos = System.nanoTime() - request.getBeginNanoTime();
        metrics.request(method, route, status, Duration.ofNanos(nanos));
        if (ACCESS.isInfoEnabled()) {
            double ms = Math.round(nanos / 100_000.0) / 10.0;
            ACCESS.atInfo()
                    .addKeyValue("method", method)
                    .addKeyValue("route", route)
                    .addKeyValue("path", path)
                    .addKeyValue("status", status)
                    .addKeyValue("ms", ms)
                    .addKeyValue("bytes", bytes)
                    .addKeyValue("id", RequestIds.of(request))
                    .log("{} {} {} {} ms {} B id={} route={}", method, path, status, ms, bytes, RequestIds.of(request), route);
        }
    }

    /** Whether this is the request Jetty makes up for one it could not parse, to answer it 400. */
    private static boolean unparsable(Request request) {
        return "BAD".equals(request.getMethod()) && "/badMessage".equals(request.getHttpURI().getPath());
    }

    String route(Context ctx) {
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        if (endpoint != null) {
            return endpoint.path;
        }
        if (ctx.status() == HttpStatus.METHOD_NOT_ALLOWED) {
            // Javalin matched no route, having none for the method, but the address is a route's
            // (PUT /documents/22 is /documents/{ref}): its template, as for any other status there.
            InternalRouter routes = router.get();
            if (routes != null) {
                for (HandlerType method : HandlerType.commonHttp()) {
                    ParsedEndpoint other = routes.findFirstHttpHandlerEntry(method, ctx.path());
                    if (other != null) {
                        return other.endpoint.path;
                    }
                }
            }
        }
        return ctx.path().startsWith("/static/") ? "/static/*" : UNMATCHED;
    }
}
