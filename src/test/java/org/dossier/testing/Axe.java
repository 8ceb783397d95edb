package org.dossier.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.JavascriptExecutor;

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
     * The violations on the page as it is now, one line each: the rule, its impact, what it asks,
     * and the elements that fail it. Empty when the page passes.
     */
    public static List<String> violations(Browser browser) {
        JavascriptExecutor js = (JavascriptExecutor) browser.driver();
        if (!Boolean.TRUE.equals(js.executeScript("return typeof window.axe === 'object';"))) {
            browser.runScript("axe.min.js", SCRIPT);
        }
        Object answer = js.executeAsyncScript("""
                var done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations']}).then(function (r) {
                  done(r.violations.map(function (v) {
                    return {id: v.id, impact: v.impact || '', help: v.help,
                            nodes: v.nodes.map(function (n) { return n.target.join(' ') + ' ' + n.failureSummary; })};
                  }));
                }, function (e) { done([{id: 'axe-error', impact: 'error', help: String(e), nodes: []}]); });
                """);
        List<String> lines = new ArrayList<>();
        for (Object item : (List<?>) answer) {
            Map<?, ?> v = (Map<?, ?>) item;
            lines.add(v.get("id") + " (" + v.get("impact") + "): " + v.get("help") + " " + v.get("nodes"));
        }
        return lines;
    }
}
