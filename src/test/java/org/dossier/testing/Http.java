package org.dossier.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * A plain HTTP client against a test catalogue: redirects are not followed (tests check them),
 * cookies are kept (so a test can sign in), bodies are read as UTF-8 text.
 */
public final class Http {

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<String> baseUrl;
    /** The client each request is sent with: the same one (one visitor), or a new one each time. */
    private final Supplier<HttpClient> client;

    public Http(String baseUrl) {
        this(() -> baseUrl, newClient());
    }

    /**
     * A new visitor of {@code catalogue}, whose address is read at each request: one made before the
     * catalogue has started (a static final field beside the catalogue's own), to be used once it has.
     */
    public Http(RunningCatalogue catalogue) {
        this(catalogue::baseUrl, newClient());
    }

    private Http(Supplier<String> baseUrl, HttpClient client) {
        this(baseUrl, () -> client);
    }

    private Http(Supplier<String> baseUrl, Supplier<HttpClient> client) {
        this.baseUrl = baseUrl;
        this.client = client;
    }

    private static HttpClient newClient() {
        return HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .cookieHandler(new CookieManager())
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    /** The same visitor (the same cookies) at another address: another app node of one catalogue. */
    public Http at(String otherBaseUrl) {
        return new Http(() -> otherBaseUrl, client);
    }

    /** A new client with no cookies: another visitor. */
    public Http anotherVisitor() {
        return new Http(baseUrl, newClient());
    }

    /**
     * Every request a new visitor's ({@link #anotherVisitor()} each time): no cookies, and a connection
     * of its own. For the tests of requests the server refuses: a refusal may close the connection
     * (a body too large is not read to its end), and a client that kept it sends the next request
     * down a closed one ("header parser received no bytes").
     */
    public Http newVisitorEachRequest() {
        return new Http(baseUrl, Http::newClient);
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    public HttpResponse<String> get(String path, String... headers) {
        return send(HttpRequest.newBuilder(uri(path)).headers(headers).GET());
    }

    /**
     * The HTML page at {@code path}, which must answer 200 (the failure shows the body), parsed
     * with its own address as its base.
     */
    public Document page(String path) {
        HttpResponse<String> response = get(path);
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return Jsoup.parse(response.body(), url(path));
    }

    /** The JSON at {@code path}, which must answer 200 as {@code application/json}, parsed. */
    public JsonNode json(String path) {
        HttpResponse<String> response = get(path);
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                path + ": " + response.headers().firstValue("Content-Type").orElse("no Content-Type"));
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Posts a form, as a browser does. */
    public HttpResponse<String> post(String path, Map<String, String> form) {
        return post(path, form, new String[0]);
    }

    /** Posts a form whose fields may repeat (several ticked checkboxes of one name), in order; with extra headers if given. */
    public HttpResponse<String> post(String path, List<Map.Entry<String, String>> form, String... headers) {
        return send("POST", path, FORM, encoded(form), headers);
    }

    /** Any request, with any method, headers and body, for tests of how the server reads requests. */
    public HttpResponse<String> send(String method, String path, String contentType, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    /** Any request with a body of any bytes, text in no character set included. */
    public HttpResponse<String> sendBytes(String method, String path, String contentType, byte[] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", contentType);
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    /** Posts a form with extra headers (an X-Forwarded-For from a trusted proxy, say). */
    public HttpResponse<String> post(String path, Map<String, String> form, String... headers) {
        return send("POST", path, FORM, encoded(List.copyOf(form.entrySet())), headers);
    }

    public String url(String path) {
        return baseUrl.get() + path;
    }

    private URI uri(String path) {
        return URI.create(path.startsWith("http") ? path : baseUrl.get() + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            // Long enough for a whole export on a CI machine busy with three test classes at once;
            // a server that hangs still fails the test.
            return client.get().send(request.timeout(Duration.ofSeconds(120)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A form's fields as a browser sends them. */
    private static String encoded(List<Map.Entry<String, String>> form) {
        return form.stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
