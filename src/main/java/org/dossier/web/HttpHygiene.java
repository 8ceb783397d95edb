package org.dossier.web;

import static io.javalin.http.Header.ACCEPT_ENCODING;
import static io.javalin.http.Header.VARY;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;

/**
 * What every response gets, whichever handler wrote it, as one servlet filter in front of Javalin.
 *
 * <ul>
 *   <li>{@code Accept-Encoding} is read as RFC 9110 says ({@link AcceptEncoding}) and handed on as
 *       {@code gzip} or {@code identity}, which Javalin's compression understands.</li>
 *   <li>{@code HEAD} runs the {@code GET} handler, so it answers with GET's status and headers (a
 *       link checker asking HEAD of a dead permalink hears 404 or 410, not 200); Jetty sends no
 *       body for a HEAD request whatever the handler writes.</li>
 *   <li>Every text type ({@code text/*}, JSON, XML, JavaScript) says {@code charset=utf-8},
 *       which is what this site writes.</li>
 *   <li>{@code Vary: Accept-Encoding} on every response: Javalin compresses a body for a client that
 *       accepts gzip and not for one that does not, so a shared cache (a proxy, a CDN in front of
 *       several nodes) must keep the two apart. A {@code Vary} a handler sets later
 *       ({@code Cookie}, see {@link ConditionalGet}) is added to it, never put in its place; every
 *       HTML page varies with {@code Cookie} too, its header naming who is signed in.</li>
 *   <li>{@code Server-Timing} goes out only when switched on ({@code --server-timing}): it tells
 *       anyone how long the engine took, which is for whoever measures, not for every reader.</li>
 * </ul>
 */
public final class HttpHygiene implements Filter {

    private static final String COOKIE = "Cookie";

    private final boolean serverTiming;

    public HttpHygiene(boolean serverTiming) {
        this.serverTiming = serverTiming;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        HttpServletRequest asked = new Asked(req);
        HttpServletResponse answer = (HttpServletResponse) response;
        answer.setHeader(VARY, ACCEPT_ENCODING);
        chain.doFilter(asked, new Headers(answer, serverTiming));
        if (answer.getStatus() == HttpServletResponse.SC_NOT_MODIFIED && !answer.isCommitted()) {
            String tag = req.getHeader("If-None-Match");
            if (answer.getHeader("ETag") == null && tag != null && !tag.contains(",") && !tag.isBlank()
                    && !tag.strip().equals("*")) {
                // Javalin's static files answer 304 without the tag, which a 304 must carry (RFC 9110,
                // 15.4.5); they answer it only to the one tag they gave, so that is the tag.
                answer.setHeader("ETag", tag.strip());
            }
            // Sent before the exchange ends, so that Jetty does not add the length of the empty
            // body it ends with: a 304 may carry a Content-Length only if it is the 200's (RFC 9110).
            answer.flushBuffer();
        }
    }

    /** The content type with {@code ; charset=utf-8} added to a text type that names no charset. */
    static String withCharset(String type) {
        if (type == null) {
            return null;
        }
        String lower = type.toLowerCase(Locale.ROOT);
        if (lower.contains("charset=")) {
            return type;
        }
        String bare = lower.split(";", 2)[0].strip();
        boolean text = bare.startsWith("text/") || bare.equals("application/json") || bare.endsWith("+json")
                || bare.equals("application/xml") || bare.endsWith("+xml") || bare.equals("application/javascript")
                || bare.equals("application/x-research-info-systems") || bare.equals("application/x-bibtex");
        return text ? type + "; charset=utf-8" : type;
    }

    /** The request as the handlers read it: HEAD as GET, and {@code Accept-Encoding} as what it accepts. */
    private static final class Asked extends HttpServletRequestWrapper {

        private final String acceptEncoding;

        Asked(HttpServletRequest request) {
            super(request);
            // Every field line of it, as one list (RFC 9110, 5.3).
            java.util.List<String> lines = java.util.Collections.list(request.getHeaders(ACCEPT_ENCODING));
            this.acceptEncoding = AcceptEncoding.acceptsGzip(lines.isEmpty() ? null : String.join(",", lines))
                    ? "gzip" : "identity";
        }

        @Override
        public String getMethod() {
            String method = super.getMethod();
            return "HEAD".equals(method) ? "GET" : method;
        }

        @Override
        public String getHeader(String name) {
            return ACCEPT_ENCODING.equalsIgnoreCase(name) ? acceptEncoding : super.getHeader(name);
        }

        @Override
        public java.util.Enumeration<String> getHeaders(String name) {
            return ACCEPT_ENCODING.equalsIgnoreCase(name)
                    ? java.util.Collections.enumeration(java.util.List.of(acceptEncoding)) : super.getHeaders(name);
        }
    }

    private static final class Headers extends HttpServletResponseWrapper {

        private final boolean serverTiming;

        Headers(HttpServletResponse response, boolean serverTiming) {
            super(response);
            this.serverTiming = serverTiming;
        }

        @Override
        public void setStatus(int status) {
            super.setStatus(status);
            if (status == SC_NOT_MODIFIED) {
                // A 304 has no body, so no type of its own; a cache updates what it keeps with the
                // 304's header fields, so the default text/plain would replace the page's type.
                super.setContentType(null);
            }
        }

        @Override
        public void setContentType(String type) {
            if (getStatus() == SC_NOT_MODIFIED) {
                return;
            }
            super.setContentType(withCharset(type));
            if (type != null && type.toLowerCase(Locale.ROOT).startsWith("text/html")) {
                // A page's header says who is signed in (an editor's page is no-store besides): a
                // shared cache must never hand a reader's copy to an editor, nor keep one page for both.
                String vary = getHeader(VARY);
                if (!names(vary, COOKIE)) {
                    super.setHeader(VARY, withAcceptEncoding(vary == null || vary.isBlank() ? COOKIE : vary + ", " + COOKIE));
                }
            }
        }

        @Override
        public void setHeader(String name, String value) {
            if (isContentType(name)) {
                setContentType(value);
            } else if (VARY.equalsIgnoreCase(name)) {
                super.setHeader(VARY, withAcceptEncoding(value));
            } else if (allowed(name)) {
                super.setHeader(name, value);
            }
        }

        @Override
        public void addHeader(String name, String value) {
            if (isContentType(name)) {
                setContentType(value);
            } else if (allowed(name)) {
                super.addHeader(name, value);
            }
        }

        private static String withAcceptEncoding(String vary) {
            if (vary == null || vary.isBlank()) {
                return ACCEPT_ENCODING;
            }
            return names(vary, ACCEPT_ENCODING) ? vary : ACCEPT_ENCODING + ", " + vary;
        }

        /** Whether a {@code Vary} value lists {@code field}. */
        private static boolean names(String vary, String field) {
            return vary != null && Arrays.stream(vary.split(",")).anyMatch(f -> f.strip().equalsIgnoreCase(field));
        }

        private boolean allowed(String name) {
            return serverTiming || !"Server-Timing".equalsIgnoreCase(name);
        }

        private static boolean isContentType(String name) {
            return "Content-Type".equalsIgnoreCase(name);
        }
    }
}
