package org.dossier.web;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * Once a route takes the request: a body sent compressed ({@code Content-Encoding: gzip}) is refused with 415
 * and {@code Accept-Encoding: identity}, as RFC 9110 (15.5.16) asks, before anything reads it. It
 * was read as the bytes it came in: a harvester's gzipped POST to {@code /oai} was told it named no
 * verb, and a form's fields were noise that the CSRF check refused as a missing token.
 */
public final class BodyEncoding {

    private static final Set<HandlerType> NO_BODY = Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.OPTIONS);

    private BodyEncoding() {
    }

    public static void refuseCompressed(Context ctx) {
        String encoding = ctx.header("Content-Encoding");
        if (encoding == null || NO_BODY.contains(ctx.method()) || identity(encoding)) {
            return;
        }
        ctx.header("Accept-Encoding", "identity");
        throw new HttpResponseException(415, "The body of this request is compressed (Content-Encoding: "
                + QueryParams.shorten(encoding.strip()) + "), which this site does not read: nothing was changed. "
                + "Send it again uncompressed, as a browser sends a form.");
    }

    /** Whether every coding listed is {@code identity} (or none is): the body is as it was written. */
    private static boolean identity(String encoding) {
        return Arrays.stream(encoding.split(",")).map(c -> c.strip().toLowerCase(Locale.ROOT))
                .allMatch(c -> c.isEmpty() || c.equals("identity"));
    }
}
