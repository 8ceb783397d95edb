package org.dossier.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * axe-core (Deque's accessibility engine, the script of the {@code com.deque.html.axe-core} jar)
 * run over the page a browser shows: every rule of every impact, best practices included.
 */
public final class Axe {

    private static final String SCRIPT = load();

    private Axe() {
    }

    private static String load() {
        try (InputStream in = Axe.class.getClassLoader().getResourceAsStream("axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("axe.min.js is not on the test classpath (com.deque.html.axe-core:selenium)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The isolated world axe runs in: it reads the page's document as the page's own scripts do, while
     * the page's scripts cannot see it (nor it their variables), so a page checked and a page not
     * checked run the same.
     */
    private static final String WORLD = "axe";

    /** Asks axe for the violations in one line each, or says it is not in the page's world yet. */
    private static final String RUN = """
            typeof axe !== 'object' ? 'absent' :
            axe.run(document, {resultTypes: ['violations']}).then(function (r) {
              return r.violations.map(function (v) {
                return {id: v.id, impact: v.impact || '', help: v.help,
                        nodes: v.nodes.map(function (n) { return n.target.join(' ') + ' ' + n.failureSummary; })};
              });
            }, function (e) { return [{id: 'axe-error', impact: 'error', help: String(e), nodes: []}]; })
            """;

    /**
     * axe put into every page {@code browser} opens from now on, in its world, as the page is made:
     * for a class that checks most of the pages it opens. Carrying the 550 kB script through
     * chromedriver into each page cost as much as a page's opening (BENCHMARKS.md, "nineteenth
     * round"); a page not checked now pays for axe's start, but not for the carrying. Undone when
     * the browser is handed on.
     */
    public static void onEveryPage(Browser browser) {
        browser.onEveryNewPage(WORLD, SCRIPT);
    }

    /**
     * The violations on the page as it is now, one line each: the rule, its impact, what it asks,
     * and the elements that fail it. Empty when the page passes. axe is carried into the page first
     * when it is not there ({@link #onEveryPage}).
     */
    public static List<String> violations(Browser browser) {
        Object answer = browser.evaluateIn(WORLD, RUN);
        if ("absent".equals(answer)) {
            browser.evaluateIn(WORLD, SCRIPT + "\n;undefined");
            answer = browser.evaluateIn(WORLD, RUN);
        }
        List<String> lines = new ArrayList<>();
        for (Object item : (List<?>) answer) {
            Map<?, ?> v = (Map<?, ?>) item;
            lines.add(v.get("id") + " (" + v.get("impact") + "): " + v.get("help") + " " + v.get("nodes"));
        }
        return lines;
    }
}
