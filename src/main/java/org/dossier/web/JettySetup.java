package org.dossier.web;

import io.javalin.compression.CompressionStrategy;
import io.javalin.compression.Gzip;
import io.javalin.config.JavalinConfig;
import io.javalin.config.SizeUnit;
import io.javalin.json.JavalinJackson;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;

/**
 * The server itself, below the routes: Jetty's limits on a request and its body, the handlers every
 * request passes before a thread is given to it, compression, templates and Jetty's own error pages.
 */
public final class JettySetup {

    /**
     * Bytes a second a request body must at least come at (a form is a few KB; the largest, 1 MB, at
     * this rate takes half an hour): slower, and it holds a thread for nothing.
     */
    static final long MIN_REQUEST_DATA_RATE = 512;

    private JettySetup() {
    }

    /**
     * Sets {@code config} up; the handlers it inserts around the server come inside any inserted
     * after it (a graceful stop's, which counts a request from its first byte).
     *
     * @param serverTiming whether search pages send {@code Server-Timing}
     */
    public static void configure(JavalinConfig config, boolean serverTiming, Templates templates, PublicUrl site,
                                 CrossOrigin crossOrigin) {
        config.startup.showJavalinBanner = false;
        // Javalin logs "you created a Javalin instance, but you never started it" (three INFO
        // lines) when it is not started within seconds of being made: an app built and then
        // started later (a test's, one whose migrations ran long on a busy machine) is no mistake.
        config.startup.startupWatcherEnabled = false;
        // HEAD answered by GET's handlers, a charset on every text type, Server-Timing only if
        // asked; and Jetty's own error pages (bad URI, 414, 431) with the security headers.
        config.jetty.modifyServletContextHandler(context -> {
            context.addFilter(new FilterHolder(new HttpHygiene(serverTiming)), "/*",
                    EnumSet.of(DispatcherType.REQUEST));
            context.setErrorHandler(new JettyErrors(templates, site, crossOrigin));
        });
        config.jetty.modifyServer(jetty -> jetty.setErrorHandler(new JettyErrors(templates, site, crossOrigin)));
        config.fileRenderer(templates);
        config.jsonMapper(new JavalinJackson(JavalinJackson.defaultMapper(), false));
        // gzip at level 1, as nginx does by default, not Javalin's 6: a 73 KB search page in
        // 0.15 ms instead of 0.75, 12 KB instead of 10 (BENCHMARKS.md, "Compression").
        // A method an address does not take (POST /, DELETE on a record) is a 405 with Allow
        // (ErrorPages), not a 404 that says the page does not exist.
        config.http.prefer405over404 = true;
        // The level and the shortest body compressed are GzippedPage's, whose pages are gzipped once and
        // kept so: the bytes Javalin would have made.
        CompressionStrategy compression = new CompressionStrategy(null, new Gzip(GzippedPage.LEVEL), null);
        compression.setDefaultMinSizeForCompression(GzippedPage.SHORTEST);
        config.http.compressionStrategy = compression;
        // No form here takes a file, but any POST may be sent as multipart (the CSRF check reads
        // its fields before sign-in): unbounded, as Javalin leaves it, a file part went to a
        // temporary file as long as the client kept sending. A multipart body is held to what a
        // URL-encoded one may weigh (Javalin's maxRequestSize), in memory; past it, 413.
        config.jetty.multipartConfig.maxTotalRequestSize(config.http.maxRequestSize, SizeUnit.BYTES);
        config.jetty.multipartConfig.maxFileSize(config.http.maxRequestSize, SizeUnit.BYTES);
        config.jetty.multipartConfig.maxInMemoryFileSize((int) config.http.maxRequestSize, SizeUnit.BYTES);
        // A body read holds a thread until it is all there: 300 clients sending a form one byte
        // every 10 s (never idle long enough for the idle timeout) held every thread, and the
        // site answered no one. A body that comes slower than MIN_REQUEST_DATA_RATE is a 408,
        // judged as it is gathered and as the application reads what was passed on of it; and a
        // body that never came held one for the 30 s idle timeout: a body is gathered before a
        // thread is given to it (web/BodyBeforeThread).
        long largestBody = config.http.maxRequestSize;
        config.jetty.modifyServer(jetty -> jetty.insertHandler(new BodyBeforeThread(largestBody, MIN_REQUEST_DATA_RATE,
                BodyBeforeThread.WAITING_BYTES)));
        // Every request, a body still on its way included, has its id from the first.
        config.jetty.modifyServer(jetty -> jetty.insertHandler(new RequestIds()));
        // OPTIONS * asks about the server, not a page: answered before any context is looked for.
        config.jetty.modifyServer(jetty -> jetty.insertHandler(new ServerWideOptions(site)));
    }
}
