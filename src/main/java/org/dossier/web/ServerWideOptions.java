package org.dossier.web;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code OPTIONS *}, a question about the server as a whole (RFC 9110, 9.3.7: a client asks it to
 * learn what the server takes, or as a ping): 204 with {@code Allow} naming the methods some address
 * here takes. Its target is no path, so no context of Jetty's took it, and it was the 404 of an
 * address, as if {@code *} were a page that is not there.
 */
public final class ServerWideOptions extends Handler.Wrapper {

    /** What the site takes somewhere: pages and exports are read, forms are sent, preflights are asked. */
    static final String ALLOW = "GET, HEAD, POST, OPTIONS";

    private final PublicUrl site;

    public ServerWideOptions(PublicUrl site) {
        this.site = site;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!"OPTIONS".equals(request.getMethod()) || !"*".equals(request.getHttpURI().getPath())) {
            return super.handle(request, response, callback);
        }
        SecurityHeaders.apply((name, value) -> response.getHeaders().put(name, value), site);
        response.getHeaders().put(HttpHeader.ALLOW, ALLOW);
        response.setStatus(HttpStatus.NO_CONTENT_204);
        callback.succeeded();
        return true;
    }
}
