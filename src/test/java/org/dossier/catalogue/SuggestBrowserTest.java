package org.dossier.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.dossier.testing.Axe;
import org.dossier.testing.Browser;
import org.dossier.testing.SeededCatalogue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The search boxes' suggestions in a real browser, as the WAI-ARIA combobox pattern has them:
 * typing opens a list, the arrows move through it, Enter searches for the one chosen, Escape
 * closes it, a status line says how many there are, and axe finds nothing wrong with it open.
 */
@ResourceLock(Browser.ONE_AT_A_TIME)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SuggestBrowserTest {

    @RegisterExtension
    static final SeededCatalogue catalogue = SeededCatalogue.sharedForReading();

    @RegisterExtension
    static final Browser browser = Browser.forTheClass();
    /** A node stopped by a test, in the background: see {@link #whileSearchIsStillStartingAReaderTypingIsToldSoAndItsSearchPageIsA503ThatKeepsTheWords}. */
    private static java.util.concurrent.CompletableFuture<Void> stopping = java.util.concurrent.CompletableFuture.completedFuture(null);

    @BeforeAll
    static void start() {
        browser.desktop();
    }

    /**
     * The pause before a count is said, in the tests that check what is said and not when:
     * {@link #theCountIsSaidOnceTheTypingPausesNotAfterEveryLetter} keeps the reader's 1.4 s, which it pins.
     */
    private static final Duration QUICK_PAUSE = Duration.ofMillis(100);

    @AfterEach
    void readersPause() {
        browser.typingPause(null);
    }

    @AfterAll
    static void stop() {
        stopping.join();
    }

    /** Types into the box and waits until the list is open with suggestions for exactly that text. */
    private static List<WebElement> typeAndWait(WebElement box, String text) {
        box.clear();
        box.sendKeys(text);
        browser.until(d -> "true".equals(box.getAttribute("aria-expanded"))
                && !browser.findAll("#" + box.getAttribute("aria-controls") + " [role=option]").isEmpty());
        return browser.findAll("#" + box.getAttribute("aria-controls") + " [role=option]");
    }

    @Test
    void arrowsAndEnterSearchForTheChosenSuggestion() {
        browser.typingPause(QUICK_PAUSE);
        browser.open(catalogue.baseUrl() + "/search");
        WebElement box = browser.find("#search-q");
        assertEquals("combobox", box.getAttribute("role"));
        assertEquals("list", box.getAttribute("aria-autocomplete"));
        assertEquals("false", box.getAttribute("aria-expanded"));
        List<WebElement> options = typeAndWait(box, "stal");
        WebElement list = browser.find("#" + box.getAttribute("aria-controls"));
        assertEquals("listbox", list.getAttribute("role"));
        assertTrue(options.get(0).getText().startsWith("Joseph Stalin"), options.get(0).getText());
        browser.until(d -> browser.find(".suggest [role=status]").getAttribute("textContent").contains("suggestion"));

        box.sendKeys(Keys.ARROW_DOWN);
        assertEquals(options.get(0).getAttribute("id"), box.getAttribute("aria-activedescendant"));
        assertEquals("true", options.get(0).getAttribute("aria-selected"));
        assertEquals("Joseph Stalin", box.getAttribute("value"));
        if (options.size() > 1) {
            box.sendKeys(Keys.ARROW_DOWN);
            assertEquals("true", options.get(1).getAttribute("aria-selected"));
            assertEquals("false", options.get(0).getAttribute("aria-selected"));
            box.sendKeys(Keys.ARROW_UP);
        }
        assertEquals(options.get(0).getAttribute("id"), box.getAttribute("aria-activedescendant"));
        assertEquals(browser.focused(), box);

        box.sendKeys(Keys.ENTER);
        browser.waitForUrlContaining("q=Joseph+Stalin");
        assertTrue(browser.findAll("ol.results li.result").size() > 0);
    }

    /**
     * How many suggestions there are is said once the typing pauses: it was said after every letter a
     * person typed (each lookup), over a screen reader's echo of the next one.
     */
    @Test
    void theCountIsSaidOnceTheTypingPausesNotAfterEveryLetter() {
        browser.open(catalogue.baseUrl() + "/search");
        WebElement box = browser.find("#search-q");
        browser.script("""
                var status = document.querySelector('.suggest [role=status]');
                window.said = [];
                window.shown = 0;
                new MutationObserver(function () { said.push(status.textContent); })
                    .observe(status, {childList: true, characterData: true, subtree: true});
                new MutationObserver(function () { shown++; })
                    .observe(document.getElementById(arguments[0]), {childList: true});
                """, box.getAttribute("aria-controls"));
        box.sendKeys("k");
        // As a person types: each letter once the suggestions for the one before are shown.
        for (String letter : List.of("o", "r", "e")) {
            long before = (Long) browser.script("return window.shown;");
            box.sendKeys(letter);
            browser.until(d -> (Long) browser.script("return window.shown;") > before);
        }
        browser.until(d -> browser.find(".suggest [role=status]").getAttribute("textContent").contains("suggestion"));
        assertEquals(List.of(browser.find(".suggest [role=status]").getAttribute("textContent")),
                browser.script("return window.said;"), "said once, for \"kore\"");
        box.sendKeys(Keys.ESCAPE);
    }

    @Test
    void escapeClosesTheListAndKeepsWhatWasTyped() {
        browser.open(catalogue.baseUrl() + "/");
        WebElement box = browser.find("header #site-search-q");
        typeAndWait(box, "Filip");
        box.sendKeys(Keys.ARROW_DOWN);
        assertEquals("Filippov", box.getAttribute("value"));
        box.sendKeys(Keys.ESCAPE);
        assertEquals("false", box.getAttribute("aria-expanded"));
        assertFalse(browser.find("#" + box.getAttribute("aria-controls")).isDisplayed());
        assertEquals("Filip", box.getAttribute("value"));
        assertEquals(null, box.getAttribute("aria-activedescendant"));
        // Enter with the list closed is the plain form: a search for what was typed.
        box.sendKeys(Keys.ENTER);
        browser.waitForUrlContaining("q=Filip");
    }

    @Test
    void tabFromABoxWithItsListOpenGoesOnToItsSearchButton() {
        browser.open(catalogue.baseUrl() + "/");
        WebElement box = browser.find("header #site-search-q");
        typeAndWait(box, "kor");
        box.sendKeys(Keys.TAB);
        WebElement focused = browser.focused();
        assertEquals("Search", focused.getText(), "the focus went to " + focused.getTagName() + " " + focused.getAttribute("class"));
        assertEquals("false", box.getAttribute("aria-expanded"));
    }

    /**
     * A list longer than its box scrolls: dragging or clicking its scroll bar keeps it open, with the
     * focus in the box. The box lost the focus to the list on the press, and its blur closed the list
     * under the pointer.
     */
    @Test
    void theListsScrollBarScrollsItWithoutClosingIt() {
        browser.open(catalogue.baseUrl() + "/");
        WebElement box = browser.find("header #site-search-q");
        List<WebElement> options = typeAndWait(box, "sta");
        WebElement list = browser.find("#" + box.getAttribute("aria-controls"));
        // Shorter than its names, as a long list is on a short screen (CSSOM, which the CSP allows).
        browser.script("arguments[0].style.maxHeight = '5rem';", list);
        long border = (Long) browser.script("return arguments[0].clientLeft;", list);
        long scrollBar = (Long) browser.script("return arguments[0].offsetWidth - arguments[0].clientWidth;", list)
                - 2 * border;
        assertTrue(scrollBar > 0, "the list has a scroll bar to press: " + scrollBar + " px");
        org.openqa.selenium.Rectangle at = list.getRect();
        // On the scroll bar, below its thumb (offsets are from the list's centre).
        new org.openqa.selenium.interactions.Actions(browser.driver())
                .moveToElement(list, (int) (at.getWidth() / 2 - border - scrollBar / 2), at.getHeight() / 4)
                .click().perform();
        assertNull(list.getAttribute("hidden"), "the list is still open");
        assertEquals("true", box.getAttribute("aria-expanded"));
        assertEquals(box, browser.focused(), "the focus stays in the box, where typing goes on");
        assertTrue((Long) browser.script("return Math.round(arguments[0].scrollTop);", list) > 0,
                "the press on the bar below its thumb scrolled the list");
        assertTrue(browser.currentUrl().endsWith("/"), "and chose nothing: " + browser.currentUrl());
        box.sendKeys(Keys.ESCAPE);
        assertTrue(options.size() > 3);
    }

    @Test
    void theHeadersListIsAsWideAsItsNamesAndStaysOnTheScreen() {
        // On a desktop the header's list was held to its 14rem box: names wrapped over three or four lines.
        for (boolean phone : new boolean[] {false, true}) {
            browser.screen(phone);
            try {
                browser.open(catalogue.baseUrl() + "/");
                WebElement box = browser.find("header #site-search-q");
                List<WebElement> options = typeAndWait(box, "kor");
                WebElement list = browser.find("#" + box.getAttribute("aria-controls"));
                long viewport = (Long) browser.script("return document.documentElement.clientWidth;");
                org.openqa.selenium.Rectangle at = list.getRect();
                String where = (phone ? "phone" : "desktop") + ": list " + at.getX() + "+" + at.getWidth() + " of " + viewport;
                assertTrue(at.getX() >= 0 && at.getX() + at.getWidth() <= viewport, where);
                long lineHeight = Math.round(Double.parseDouble(((String) browser.script(
                        "return getComputedStyle(arguments[0]).lineHeight;", options.get(0))).replace("px", "")));
                if (!phone) {
                    assertTrue(at.getWidth() > box.getRect().getWidth(), where + ": wider than its box");
                    for (WebElement option : options) {
                        // A name, what it is, the form that matched and a count: two lines at most.
                        assertTrue(option.getRect().getHeight() < 3 * lineHeight,
                                where + ": '" + option.getText() + "' is " + option.getRect().getHeight() + " px high");
                    }
                }
                box.sendKeys(Keys.ESCAPE);
            } finally {
                browser.desktop();
            }
        }
    }

    @Test
    void aClickOnASuggestionSearchesForIt() {
        browser.open(catalogue.baseUrl() + "/search");
        WebElement box = browser.find("#search-q");
        List<WebElement> options = typeAndWait(box, "north kor");
        WebElement korea = options.stream().filter(o -> o.getText().startsWith("North Korea")).findFirst().orElseThrow();
        korea.click();
        browser.waitForUrlContaining("q=North+Korea");
    }

    /**
     * In forced colours (Windows' contrast themes) the chosen suggestion is in the system's Highlight,
     * as a native list's is: the page's link colour gave way, and only a thin outline told it apart.
     */
    @Test
    void inForcedColoursTheChosenSuggestionIsHighlightedAsANativeListsIs() {
        browser.open(catalogue.baseUrl() + "/search?q=korea");
        browser.emulateMedia("forced-colors", "active");
        try {
            WebElement box = browser.find("#search-q");
            List<WebElement> options = typeAndWait(box, "stal");
            box.sendKeys(Keys.ARROW_DOWN);
            assertEquals("true", options.get(0).getAttribute("aria-selected"));
            String highlight = (String) browser.script("const probe = document.createElement('span');"
                    + "probe.style.forcedColorAdjust = 'none'; probe.style.backgroundColor = 'Highlight';"
                    + "probe.style.color = 'HighlightText'; document.body.append(probe);"
                    + "const colours = getComputedStyle(probe).backgroundColor + ' / ' + getComputedStyle(probe).color;"
                    + "probe.remove(); return colours;");
            String chosen = (String) browser.script("const s = getComputedStyle(arguments[0]);"
                    + "return s.backgroundColor + ' / ' + s.color;", options.get(0));
            String list = (String) browser.script("const s = getComputedStyle(arguments[0]);"
                    + "return s.backgroundColor + ' / ' + s.color;", browser.find(".suggest-list"));
            assertEquals(highlight, chosen, "the chosen one in Highlight and HighlightText");
            assertFalse(chosen.equals(list), "the chosen one stands out of its list: " + chosen + " against " + list);
        } finally {
            browser.plainMedia();
        }
    }

    /** With a suggestion chosen: in dark colours its text was white on a light blue (1.8:1). */
    @Test
    void theOpenListPassesAxeAtBothWidthsAndInDarkColours() {
        for (String view : List.of("desktop", "phone", "phone, dark")) {
            browser.screen(view.startsWith("phone"));
            if (view.endsWith("dark")) {
                browser.emulateMedia("prefers-color-scheme", "dark");
            }
            try {
                browser.open(catalogue.baseUrl() + "/search?q=korea");
                WebElement box = browser.find("#search-q");
                typeAndWait(box, "tele");
                box.sendKeys(Keys.ARROW_DOWN);
                assertEquals("true", browser.find(".suggest-option").getAttribute("aria-selected"));
                assertEquals(List.of(), Axe.violations(browser), view);
            } finally {
                browser.plainMedia();
            }
        }
        browser.desktop();
    }

    /**
     * Letters no suggestion starts: the list stays closed, and the status line says there are none
     * once the typing pauses. It said nothing, and a screen reader user could not tell "none" from
     * "not yet" or from a box with no suggestions at all.
     */
    @Test
    void lettersWithNoSuggestionAreSaidToHaveNoneOnceTheTypingPauses() {
        browser.typingPause(QUICK_PAUSE);
        browser.open(catalogue.baseUrl() + "/search");
        WebElement box = browser.find("#search-q");
        box.sendKeys("zqxw");
        browser.until(d -> "No suggestions.".equals(browser.find(".suggest [role=status]").getAttribute("textContent")));
        assertEquals("false", box.getAttribute("aria-expanded"));
        assertFalse(browser.find("#" + box.getAttribute("aria-controls")).isDisplayed());
        assertEquals(box, browser.focused(), "the focus stays in the box");
    }

    /**
     * A node whose search has not opened yet (a fresh start rebuilding its index, here a node waiting
     * for its SolrCloud collection, at an address where nothing answers): the listing is served, and
     * a reader typing in its search box is told that there are no suggestions because search is not
     * available yet. The suggestions were an empty list (200, kept a minute by the browser) and the
     * reader heard nothing. The search itself is the 503 page, which keeps what was typed, passes axe
     * at a desktop's width and at 320 px with no sideways scrolling, twice the text size included, and
     * offers the same search again, filters and all (the header's box keeps only the words).
     * First: its node takes up to 15 s to stop (below), which the other tests then run beside; run
     * last, the class waited it out at its end, holding the one browser.
     */
    @Test
    @Order(1)
    void whileSearchIsStillStartingAReaderTypingIsToldSoAndItsSearchPageIsA503ThatKeepsTheWords() throws Exception {
        java.nio.file.Path folder = java.nio.file.Files.createTempDirectory("dossier-starting-");
        int port = org.dossier.testing.Ports.free();
        org.dossier.app.Settings settings = org.dossier.app.Settings.of(
                org.dossier.app.DatabaseAddress.sqlite(folder.resolve("dossier.db")), "127.0.0.1", port)
                .withSearch(new org.dossier.app.SearchChoice(
                        org.dossier.search.SolrAddress.parse("solr:zk=127.0.0.1:" + org.dossier.testing.Ports.free() + "/dossier")));
        org.dossier.app.DossierApp node = org.dossier.app.DossierApp.build(settings, new org.dossier.ops.OperationsSettings(
                null, "127.0.0.1", org.dossier.ops.OperationsSettings.DEFAULT_MAX_INDEX_LAG, Duration.ZERO));
        // Its start returns once search is open, which it never is here: it serves meanwhile.
        java.util.concurrent.CompletableFuture<?> starting = java.util.concurrent.CompletableFuture.runAsync(() -> {
            try {
                node.start();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            String base = "http://127.0.0.1:" + port;
            org.dossier.testing.Http http = new org.dossier.testing.Http(base);
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (answered(http, "/") != 200) {
                assertFalse(starting.isDone(), () -> "the start ended: " + starting.handle((c, e) -> e).join());
                assertTrue(System.nanoTime() < deadline, "the listing never answered");
                Thread.sleep(100);
            }
            java.net.http.HttpResponse<String> suggested = http.get("/search/suggest.json?q=stal");
            assertEquals(503, suggested.statusCode(), suggested.body());
            assertTrue(suggested.headers().firstValue("Retry-After").isPresent());
            assertFalse(suggested.headers().firstValue("Cache-Control").orElse("").contains("max-age"),
                    "no cache keeps it once search has started");

            browser.typingPause(QUICK_PAUSE);
            browser.open(base + "/");
            WebElement box = browser.find("header #site-search-q");
            box.sendKeys("stal");
            WebElement status = browser.find(".site-search .suggest [role=status]");
            browser.until(d -> status.getAttribute("textContent").startsWith("No suggestions: search is not available yet."));
            assertEquals("false", box.getAttribute("aria-expanded"));
            assertEquals(box, browser.focused(), "the focus stays in the box");

            box.sendKeys(Keys.ENTER);
            browser.waitForUrlContaining("q=stal");
            assertEquals("Search is not available yet", browser.find("main h1").getText());
            assertEquals("stal", browser.find("header #site-search-q").getAttribute("value"), "what was typed is kept");
            for (boolean phone : new boolean[] {false, true}) {
                if (phone) {
                    browser.viewport(320, 640);
                    browser.textSize(200);
                }
                try {
                    assertEquals(List.of(), Axe.violations(browser), phone ? "320 px" : "desktop");
                    assertTrue((Long) browser.script("return document.documentElement.scrollWidth - document.documentElement.clientWidth;") <= 0,
                            "no sideways scrolling");
                } finally {
                    browser.textSize(100);
                    browser.desktop();
                }
            }
            // Offered again whole, filters and all: the header's box keeps only the words.
            browser.open(base + "/search?q=stal&type=telegram");
            assertEquals(base + "/search?q=stal&type=telegram", browser.find("main a[href^='/search']").getAttribute("href"));
            assertEquals("Try this search again", browser.find("main a[href^='/search']").getText());
        } finally {
            // Its search gives up waiting once it next asks ZooKeeper (up to 15 s): meanwhile the other tests run.
            stopping = java.util.concurrent.CompletableFuture.runAsync(() -> {
                node.close();
                starting.handle((done, failed) -> null).join();
                org.dossier.testing.TestCatalogue.deleteRecursively(folder);
            });
        }
    }

    private static int answered(org.dossier.testing.Http http, String path) {
        try {
            return http.get(path).statusCode();
        } catch (RuntimeException notListeningYet) {
            return 0;
        }
    }
}
