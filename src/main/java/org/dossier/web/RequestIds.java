package org.dossier.web;

import io.javalin.http.Context;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * An id for every request: in its {@value #HEADER} response header and its access-log line, and on
 * a 5xx page, JSON or text beside "the error has been logged", in that log line too. A 500 said only
 * that it was logged, so a reader's report of one could not be told from any other failure of that
 * address in the log; now the reference they quote finds its line (and a proxy that logs the
 * upstream's {@value #HEADER} finds it in its own log).
 */
public final class RequestIds extends Handler.Wrapper {

    public static final String HEADER = "X-Request-Id";
    private static final String ATTRIBUTE = RequestIds.class.getName();
    /** For a request that came in before this handler (Jetty's own answer to one it could not parse). */
    private static final String NONE = "-";

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String id = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()).substring(4);
        request.setAttribute(ATTRIBUTE, id);
        response.getHeaders().put(HEADER, id);
        return super.handle(request, response, callback);
    }

    /** The id of this request (Jetty's view), or {@value #NONE}. */
    public static String of(Request request) {
        return request.getAttribute(ATTRIBUTE) instanceof String id ? id : NONE;
    }

    /** The id of this request (Javalin's view), or {@value #NONE}. */
    public static String of(Context ctx) {
        return ctx.req().getAttribute(ATTRIBUTE) instanceof String id ? id : NONE;
    }
}
