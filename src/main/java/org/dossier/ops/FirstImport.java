package org.dossier.ops;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.dossier.search.OpeningPhase;
import org.dossier.web.ErrorPages;
import org.dossier.web.StaticFiles;

/**
 * A first start's import of the seed pages, which takes minutes on a large folder. The node listens
 * meanwhile: it imported everything before it opened its port, and a load balancer's or an
 * orchestrator's health check found the port closed (and could kill the node), a reader "connection
 * refused". Now {@code /health} is alive at once, {@code /ready} says 503 with how far the import is,
 * and every other address (the static files aside, which the page itself needs) is a 503 "being
 * loaded" with {@code Retry-After}.
 */
public final class FirstImport {

    /** Seconds a client is told to wait before asking again. */
    public static final int RETRY_AFTER_SECONDS = 10;
    static final String TITLE = "The catalogue is being loaded";

    /** What the import does first: read and check every page, which writes nothing. */
    static final String READING = "Importing the seed pages: reading and checking them";

    private volatile boolean loading;
    private volatile int written;
    private volatile int entries;
    /**
     * How far it is, in words: what {@code /ready} says as its phase and the reader's page says too
     * (the page said "importing its records (12 of 49 entries so far)", {@code /ready} the same in
     * other words, each made apart).
     */
    private final OpeningPhase phase = new OpeningPhase(READING);

    /** The import begins: every page is a 503 until {@link #done}. */
    public void begin() {
        loading = true;
    }

    /** How far the import is (its second pass: the first reads and checks the pages, and writes nothing). */
    public void written(int done, int total) {
        written = done;
        entries = total;
        phase.now(String.format(Locale.ROOT, "Importing the seed pages: %,d of %,d entries", done, total));
    }

    /** How far the import is, in words, while it runs. */
    String phase() {
        return phase.now();
    }

    /** What the page a reader meets meanwhile says: that the catalogue is starting, and the same phase as {@code /ready}. */
    String forReaders() {
        return "This catalogue is starting for the first time and is not open yet. " + phase() + "."
                + " Nothing was changed; please try again in a minute.";
    }

    /** The import is in: pages are served. (A failed one stops the node, which answers 503 until it is gone.) */
    public void done() {
        loading = false;
    }

    /** A before-handler: while the import runs, nothing but the health checks and static files is answered. */
    public void gate(Context ctx) {
        if (loading && !Health.PATHS.contains(ctx.path()) && !ctx.path().startsWith(StaticFiles.FOLDER + "/")) {
            throw new StillLoading();
        }
    }

    void install(RoutesConfig routes) {
        routes.exception(StillLoading.class, (e, ctx) -> {
            ctx.header("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
            ErrorPages.notYet(ctx, TITLE, forReaders());
        });
    }

    /** /ready's check while the import runs; null once it is over (the check is then left out). */
    Readiness.Check check() {
        if (!loading) {
            return null;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("loading", "the seed pages are being imported");
        if (entries > 0) {
            // Known once the writing begins: the first pass reads and checks the pages, and writes nothing.
            details.put("written", written);
            details.put("entries", entries);
        }
        return new Readiness.Check(false, details);
    }

    /** Thrown by the gate; no stack trace, since it is no failure. */
    private static final class StillLoading extends RuntimeException {
        StillLoading() {
            super(TITLE, null, false, false);
        }
    }
}
