package org.dossier.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own errors, for what never reaches Javalin (a URI it cannot read, 414 URI too long, 431
 * headers too large): the site's own error page in UTF-8, saying what to change, with the same
 * security headers as every other page and no stack trace. Jetty's page was ISO-8859-1 and said
 * only "URI: /badMessage". Since Jetty 12.1 a request it could not read as far as its address comes
 * here too, as {@value #NO_ADDRESS} (its {@code badMessageError}, deprecated, is no longer called).
 */
public final class JettyErrors extends ErrorHandler {

    private static final String HTML = "text/html;charset=utf-8";
    private static final String JSON_TYPE = "application/json;charset=utf-8";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What Jetty names a request it could not read as far as its address (its request line). */
    private static final String NO_ADDRESS = "/badMessage";

    private final Templates templates;
    private final PublicUrl site;
    private final CrossOrigin crossOrigin;

    public JettyErrors(Templates templates, PublicUrl site, CrossOrigin crossOrigin) {
        this.templates = templates;
        this.site = site;
        this.crossOrigin = crossOrigin;
        setShowStacks(false);
        setShowCauses(false);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        SecurityHeaders.apply((name, value) -> response.getHeaders().put(name, value), site);
        return super.handle(request, response, callback);
    }

    /**
     * Whatever the client said it accepts: the page a reader can act on, as every other error is;
     * for a {@code .json} address (a path that is not UTF-8, a header field Jetty cannot read), the
     * same JSON as every other error there ({@code {"status", "error", "message"}}), and for a CSV,
     * RIS or BibTeX one the same plain text, since a program reads that, not a page. What Jetty's
     * parser refuses in the request line ({@code %zz}, {@code %00}, 414) comes with no address to
     * tell by ({@value #NO_ADDRESS}): it stays the page.
     */
    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) throws IOException {
        HttpURI uri = request.getHttpURI();
        String path = uri.getPath();
        boolean addressKnown = path != null && !path.equals(NO_ADDRESS);
        String toChange = addressKnown && code == 400 && notEncoded(path)
                ? "The address has characters that must be percent-encoded (a letter outside ASCII, a space), "
                        + "sent as they are, as browsers never send them. Written as a browser sends it, it is "
                        + Redirects.ascii(path) + "."
                : message(code, addressKnown && !uri.hasViolations());
        if (!addressKnown || crossOrigin.opens(path)) {
            // The answers for programs are open to scripts on other sites, errors included, as the
            // application's own are (CrossOrigin); so is an error whose address Jetty's parser could
            // not read: it carries no one's session, and a script then reads its status (a 414)
            // instead of a network error.
            response.getHeaders().put("Access-Control-Allow-Origin", "*");
            response.getHeaders().put("Access-Control-Expose-Headers", CrossOrigin.EXPOSED);
        }
        if (addressKnown && path.endsWith(".json")) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", code);
            body.put("error", title(code));
            body.put("message", toChange);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON_TYPE);
            response.write(true, ByteBuffer.wrap(JSON.writeValueAsBytes(body)), callback);
            return;
        }
        if (addressKnown && ErrorPages.wantsText(path)) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, ErrorPages.PLAIN_TEXT);
            response.write(true, ByteBuffer.wrap(ErrorPages.asText(code, title(code), toChange)
                    .getBytes(StandardCharsets.UTF_8)), callback);
            return;
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, HTML);
        response.write(true, ByteBuffer.wrap(page(code, toChange)), callback);
    }

    /**
     * Whether the path came with characters as they are that an address percent-encodes: Jetty refuses
     * them (curl sends {@code /people/Москва} so), and the page blamed a '%' the address did not have.
     */
    private static boolean notEncoded(String path) {
        return path.chars().anyMatch(c -> c <= 0x20 || c >= 0x7F);
    }

    private byte[] page(int status, String message) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("status", status);
        model.put("title", title(status));
        model.put("message", message);
        model.put("errorPage", true);
        return templates.renderWithoutRequest("error", model).getBytes(StandardCharsets.UTF_8);
    }

    private static String title(int status) {
        return switch (status) {
            case 414 -> "The address is too long";
            case 431 -> "The request's headers are too large";
            default -> status >= 500 ? "Something went wrong" : "This request cannot be answered";
        };
    }

    /**
     * What to change. A 400 whose address Jetty read, and read without fault ({@code addressReadable}),
     * was refused for its header fields (a space in a field's name, a control character in a value):
     * the address is fine, and saying it was not (as this page did) sent the reader to the wrong place.
     */
    private static String message(int status, boolean addressReadable) {
        if (status == 400 && addressReadable) {
            return "The request's header fields cannot be read (a field's name with a space or another character a "
                    + "name cannot have, a control character in a value, a Content-Length that is no number): the "
                    + "address is fine. Send the request again with well-formed header fields, as a browser does.";
        }
        return switch (status) {
            case 400 -> "The address cannot be read: it has a '%' that is not followed by two hexadecimal "
                    + "digits, an encoded control character (%00) or slash, or percent-escapes that are not "
                    + "UTF-8 text. Check the address, or find the page again from the catalogue.";
            case 414 -> "The address is longer than the catalogue reads. A search that long cannot be "
                    + "answered: use fewer words or filters.";
            case 431 -> "The request carries more headers than the catalogue reads (a very large cookie, "
                    + "perhaps). Clear this site's cookies and try again.";
            default -> "The catalogue could not answer this request.";
        };
    }
}
