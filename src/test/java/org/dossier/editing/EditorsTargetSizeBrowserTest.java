package org.dossier.editing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dossier.accounts.Role;
import org.dossier.testing.Browser;
import org.dossier.testing.SeededCatalogue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * What an editor taps on a phone is at least 24 × 24 CSS pixels (WCAG 2.2 target size): a record's
 * History, Edit and Withdraw, and every checkbox of the editors' forms, which the browser draws 13 px
 * square; with JavaScript and without it, where the edit form's people and places are checkboxes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ResourceLock(Browser.ONE_AT_A_TIME)
class EditorsTargetSizeBrowserTest {

    /** The controls of {@code selector} on the page shown that are drawn smaller than 24 × 24. */
    private static final String SMALLER_THAN_24 = """
            var found = [];
            document.querySelectorAll(arguments[0]).forEach(function (e) {
              var r = e.getBoundingClientRect();
              if (r.width === 0 && r.height === 0) { return; }
              if (r.width < 24 || r.height < 24) {
                found.push(e.outerHTML.slice(0, 100) + ' ' + r.width + 'x' + r.height);
              }
            });
            return found;
            """;

    @RegisterExtension
    final SeededCatalogue catalogue = SeededCatalogue.ownedByTheClass();
    @RegisterExtension
    final Browser withScript = Browser.forTheClass();
    @RegisterExtension
    final Browser withoutScript = Browser.forTheClassWithoutJavaScript();

    @BeforeAll
    void start() {
        Editors.add(catalogue, "alice", Role.EDITOR);
        for (Browser browser : List.of(withScript, withoutScript)) {
            browser.open(catalogue.baseUrl() + "/admin/login");
            Editors.signIn(browser, "alice");
            browser.phone();
        }
    }

    @Test
    void onAPhoneARecordsActionsAndTheEditorsCheckboxesAreAtLeast24PixelsSquare() {
        int id = catalogue.recordTitled("Letter to Stalin from the Commanders and Soldiers");
        Map<String, String> pages = Map.of(
                "/documents/" + id, ".record-actions a",
                "/admin/people/stalin/edit", "input[type=checkbox]",
                "/admin/documents/" + id + "/edit", "input[type=checkbox]");
        List<String> small = new ArrayList<>();
        for (Browser browser : List.of(withScript, withoutScript)) {
            for (Map.Entry<String, String> page : pages.entrySet()) {
                browser.open(catalogue.baseUrl() + page.getKey());
                int shown = ((Number) browser.script("return document.querySelectorAll(arguments[0]).length;",
                        page.getValue())).intValue();
                assertTrue(shown > 0, page + ": nothing to measure");
                @SuppressWarnings("unchecked")
                List<String> found = (List<String>) browser.script(SMALLER_THAN_24, page.getValue());
                found.forEach(f -> small.add(page.getKey() + (browser == withScript ? "" : " without JavaScript") + ": " + f));
            }
        }
        assertTrue(small.isEmpty(), String.join("\n", small));
    }
}
