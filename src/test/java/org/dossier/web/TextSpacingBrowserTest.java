package org.dossier.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dossier.accounts.Role;
import org.dossier.editing.Editors;
import org.dossier.testing.Browser;
import org.dossier.testing.SeededCatalogue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * WCAG 1.4.12 (text spacing): a reader's style sheet that spaces the text out (line height 1.5,
 * paragraphs 2em apart, letters 0.12em, words 0.16em, as the W3C's bookmarklet does) loses nothing:
 * no text is cut off by a box that hides what overflows it, and no page scrolls sideways on a phone.
 * The style sheet is added as an extension adds one; the site's Content-Security-Policy would refuse
 * it, so it is first checked to be applied.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ResourceLock(Browser.ONE_AT_A_TIME)
class TextSpacingBrowserTest {

    private static final String SPACED = "* { line-height: 1.5 !important; letter-spacing: 0.12em !important;"
            + " word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }";

    /** Its own: an account, for the editors' pages. */
    @RegisterExtension
    final SeededCatalogue catalogue = SeededCatalogue.ownedByTheClass();
    @RegisterExtension
    final Browser browser = Browser.forTheClass();

    @BeforeAll
    void start() {
        Editors.add(catalogue, "alice", Role.ADMIN);
        browser.bypassContentSecurityPolicy(true);
    }

    /** Opens {@code path} with the text spaced out, and checks that the spacing took. */
    private void openSpaced(String path) {
        browser.open(catalogue.baseUrl() + path);
        browser.script("var s = document.createElement('style'); s.textContent = arguments[0];"
                + " document.head.appendChild(s);", SPACED);
        String spacing = (String) browser.script("return getComputedStyle(document.body).letterSpacing;");
        assertTrue(spacing.endsWith("px"), path + ": the spacing is applied, not refused by the page's "
                + "Content-Security-Policy (letter-spacing " + spacing + ")");
        double fontSize = Double.parseDouble(((String) browser.script(
                "return getComputedStyle(document.body).fontSize;")).replace("px", ""));
        assertEquals(0.12 * fontSize, Double.parseDouble(spacing.replace("px", "")), 0.05, path + ": " + spacing);
    }

    /** Elements whose text overflows a box that hides the overflow: text a reader cannot see. */
    private List<?> clipped() {
        return (List<?>) browser.script("""
                var found = [];
                for (var e of document.body.querySelectorAll('*')) {
                  if (!e.checkVisibility() || e.closest('.visually-hidden, [hidden]')) continue;
                  // A one-line field scrolls what is typed in it, spaced or not: nothing is lost.
                  if (e.matches('input')) continue;
                  // Text for screen readers only (a 1 px box that clips it, as on a phone's chips line).
                  if (e.clientWidth <= 1 && e.clientHeight <= 1) continue;
                  var style = getComputedStyle(e);
                  var hidesX = /hidden|clip/.test(style.overflowX), hidesY = /hidden|clip/.test(style.overflowY);
                  if (!hidesX && !hidesY && style.textOverflow !== 'ellipsis') continue;
                  if ((hidesX || style.textOverflow === 'ellipsis') && e.scrollWidth > e.clientWidth + 1
                      || hidesY && e.scrollHeight > e.clientHeight + 1) {
                    found.push(e.tagName.toLowerCase() + (e.className ? '.' + e.className : '') + ' "'
                        + e.textContent.trim().slice(0, 40) + '" ' + e.scrollWidth + 'x' + e.scrollHeight
                        + ' in ' + e.clientWidth + 'x' + e.clientHeight);
                  }
                }
                return found;
                """);
    }

    private List<String> pages() {
        int record = catalogue.recordTitled("Letter to Stalin from the Commanders and Soldiers");
        return List.of("/", "/search?q=korea", "/search?q=stalin&person=stalin", "/people/stalin",
                "/documents/" + record, "/documents/" + record + "/history", "/documents/" + record + "/history/1",
                "/documents/" + record + "/v/1", "/people/stalin/history", "/people/stalin/history/1", "/search/facets/person",
                // The filters stand open on a phone around a refused date range: the facets and the histogram.
                "/search?q=korea&from=1953&to=1950",
                "/admin/login");
    }

    /** Checks each page, spaced out, at a desktop's width and a phone's. */
    private void checkSpaced(List<String> pages) {
        for (boolean phone : new boolean[] {false, true}) {
            browser.screen(phone);
            try {
                for (String page : pages) {
                    String where = page + (phone ? " on a phone" : " on a desktop");
                    openSpaced(page);
                    assertEquals(List.of(), clipped(), where + ": text cut off");
                    long wide = (Long) browser.script("return document.documentElement.scrollWidth;");
                    long screen = (Long) browser.script("return document.documentElement.clientWidth;");
                    assertTrue(wide <= screen, where + " is " + wide + " px wide on a " + screen + " px screen");
                }
            } finally {
                browser.desktop();
            }
        }
    }

    @Test
    void spacedOutTextIsNeitherCutOffNorPushesThePageSidewaysAtEitherWidth() {
        checkSpaced(pages());
    }

    /** The edit form (its people and places picker too), the new record's form and a revision's diff. */
    @Test
    void anEditorsSpacedOutFormsAreNeitherCutOffNorWiderThanThePhone() {
        browser.open(catalogue.baseUrl() + "/admin/login");
        Editors.signIn(browser, "alice");
        int record = catalogue.recordTitled("Letter to Stalin from the Commanders and Soldiers");
        checkSpaced(List.of("/admin", "/admin/documents/" + record + "/edit", "/admin/documents/new",
                "/admin/people/stalin/edit", "/admin/people/stalin/merge", "/admin/users"));
    }
}
