package org.dossier.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dossier.testing.Axe;
import org.dossier.testing.Browser;
import org.dossier.testing.SeededCatalogue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The search page on a phone (the first result in the top half of a 390 x 844 screen, the filters
 * folded before the results, every control at least 24 x 24 px), the skip links from the keyboard,
 * the same pages in a browser without JavaScript, and in forced colours.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ResourceLock(Browser.ONE_AT_A_TIME)
class ScreensBrowserTest {

    @RegisterExtension
    final SeededCatalogue catalogue = SeededCatalogue.sharedForReading();
    @RegisterExtension
    final Browser browser = Browser.forTheClass();
    @RegisterExtension
    final Browser withoutScript = Browser.forTheClassWithoutJavaScript();

    private String url(String path) {
        return catalogue.baseUrl() + path;
    }

    private static double top(Browser browser, String selector) {
        return ((Number) browser.script("return document.querySelector(arguments[0]).getBoundingClientRect().top;",
                selector)).doubleValue();
    }

    /** Whether an element takes room on the page (Selenium's own test takes no account of CSS over a closed details). */
    private static boolean shown(Browser browser, String selector) {
        return (Boolean) browser.script("return document.querySelector(arguments[0]).checkVisibility();", selector);
    }

    @Test
    void onAPhoneTheFirstResultStartsInTheTopHalfAfterAClosedFiltersLine() {
        browser.phone();
        for (String search : List.of("/search", "/search?q=stalin", "/search?q=stalin&person=stalin&year=1950",
                "/search?type=ciphered-telegram&type=telegram&person=stalin&from=1950&to=1952")) {
            browser.open(url(search));
            if (System.getProperty("dossier.screenshots") != null) {
                browser.screenshot(java.nio.file.Path.of(System.getProperty("dossier.screenshots"),
                        "phone" + search.replaceAll("[^a-z0-9]+", "-") + ".png"));
            }
            double first = top(browser, "ol.results > li.result");
            assertTrue(first < Browser.PHONE_HEIGHT / 2.0, search + ": the first result starts at " + first + " px");
            WebElement filters = browser.find("details.filters");
            assertFalse(filters.getAttribute("open") != null, search + ": the filters are folded");
            assertTrue(top(browser, "details.filters > summary") < first, search + ": the filters line comes first");
            int active = browser.findAll(".chips a.chip").size();
            assertEquals("Filters (" + active + ")", browser.find("details.filters > summary").getText());
        }
        browser.desktop();
    }

    @Test
    void onAPhoneEverySearchControlIsAtLeast24PixelsSquare() {
        browser.phone();
        browser.open(url("/search?q=korea&person=stalin"));
        browser.find("details.filters > summary").click();
        browser.find("section.facet-dates details > summary").click();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> small = (List<Map<String, Object>>) browser.script("""
                var found = [];
                document.querySelectorAll('.search a, .search button, .search input:not([type=hidden]), .search summary, .pager a')
                  .forEach(function (e) {
                    if (e.closest('svg')) { return; }          // the histogram's bars: the years below do the same
                    if (e.closest('p:not(.facet-more):not(.export)')) { return; }  // links in a sentence
                    var r = e.getBoundingClientRect();
                    if (r.width === 0 && r.height === 0) { return; }
                    if (r.width < 24 || r.height < 24) {
                      found.push({what: e.outerHTML.slice(0, 120), width: r.width, height: r.height});
                    }
                  });
                return found;
                """);
        assertTrue(small.isEmpty(), small.toString());
        browser.desktop();
    }

    /**
     * "How to search" was under the box on a desktop only: on a phone, where the sentence under the
     * box is left out, it was nowhere. Now it ends the box's label line at every width, above the
     * box, a target of 24 px, with and without JavaScript.
     */
    @Test
    void howToSearchIsOnTheBoxsLabelLineOnAPhoneAsOnADesktopWithAndWithoutJavaScript() {
        List<String> failures = new ArrayList<>();
        for (Browser reader : List.of(browser, withoutScript)) {
            String how = reader == browser ? "" : ", without JavaScript";
            for (int width : new int[] {320, 390, 1366}) {
                reader.viewport(width, 844);
                reader.open(url("/search?q=korea"));
                WebElement link = reader.find(".search-form .search-help-link");
                String where = width + " px" + how;
                if (!link.isDisplayed()) {
                    failures.add(where + ": not shown");
                    continue;
                }
                Rectangle at = link.getRect();
                Rectangle box = reader.find("#search-q").getRect();
                if (at.getHeight() < 24) {
                    failures.add(where + ": " + at.getHeight() + " px tall");
                }
                if (at.getY() + at.getHeight() > box.getY()) {
                    failures.add(where + ": not above the box (" + at + ", the box " + box + ")");
                }
                if (at.getX() + at.getWidth() > width) {
                    failures.add(where + ": ends at " + (at.getX() + at.getWidth()) + " px");
                }
                if (reader == browser) {
                    Axe.violations(browser).forEach(v -> failures.add(where + ": " + v));
                }
            }
            reader.desktop();
        }
        withoutScript.phone();
        withoutScript.open(url("/search?q=korea"));
        withoutScript.clickToNextPage(withoutScript.find(".search-form .search-help-link"));
        assertEquals("How to search", withoutScript.find("h1").getText());
        withoutScript.desktop();
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void onAPhoneWithTwiceTheTextSizeNoPageScrollsSidewaysAndTheSearchButtonsStayOnScreen() {
        for (Browser reader : List.of(browser, withoutScript)) {
            String how = reader == browser ? "" : " without JavaScript";
            reader.phone();
            reader.textSize(200);
            try {
                for (String page : List.of("/", "/search?q=korea", "/people/stalin",
                        "/documents/" + catalogue.recordTitled("Letter to Stalin from the Commanders and Soldiers"))) {
                    reader.open(url(page));
                    long wide = (Long) reader.script("return document.documentElement.scrollWidth;");
                    long screen = (Long) reader.script("return document.documentElement.clientWidth;");
                    assertTrue(wide <= screen, page + how + " is " + wide + " px wide on a " + screen + " px screen");
                    double button = ((Number) reader.script("return document.querySelector("
                            + "'.site-search button, .search-form button').getBoundingClientRect().right;")).doubleValue();
                    assertTrue(button <= screen, page + how + ": the Search button ends at " + button + " px");
                }
            } finally {
                reader.textSize(100);
                reader.desktop();
            }
        }
    }

    /** What {@code getComputedStyle} gives for {@code property} of the first element {@code selector} finds. */
    private String style(String selector, String pseudo, String property) {
        return (String) browser.script("return getComputedStyle(document.querySelector(arguments[0]), arguments[1])"
                + ".getPropertyValue(arguments[2]);", selector, pseudo, property);
    }

    @Test
    void inForcedColoursTheChosenValueTheRangesYearsAndTheCurrentPageStillStandOut() {
        browser.open(url("/search?q=stalin&person=stalin&from=1950&to=1952"));
        browser.emulateMedia("forced-colors", "active");
        try {
            assertEquals(Boolean.TRUE, browser.script("return matchMedia('(forced-colors: active)').matches;"));
            String chosen = style(".facet-value.selected > .facet-toggle", "::before", "background-color");
            String other = style(".facet-value:not(.selected) > .facet-toggle", "::before", "background-color");
            assertFalse(chosen.equals(other), "a chosen value's box is filled: " + chosen + " against " + other);
            String inRange = style(".histogram .bar.in-range", null, "fill");
            String outside = style(".histogram .bar:not(.in-range)", null, "fill");
            assertFalse(inRange.equals(outside), "the range's years: " + inRange + " against " + outside);
            String current = style(".pager li .current", null, "background-color");
            String page = style(".pager li a", null, "background-color");
            assertFalse(current.equals(page), "the current page: " + current + " against " + page);
        } finally {
            browser.plainMedia();
        }
    }

    @Test
    void inForcedColoursTheSearchedWordsStayMarkedAndEveryFocusedControlIsRinged() {
        browser.open(url("/search?q=stalin&person=stalin"));
        browser.emulateMedia("forced-colors", "active");
        try {
            String marked = style(".result-summary mark", null, "background-color");
            String around = style(".result-summary", null, "background-color");
            String page = style("body", null, "background-color");
            assertFalse(marked.equals(page) || marked.equals(around) || marked.matches("rgba\\(.*, 0\\)"),
                    "a searched word is marked in the reader's colours: " + marked + " on " + page);
            @SuppressWarnings("unchecked")
            List<String> unringed = (List<String>) browser.script("""
                    var found = [];
                    for (var selector of ['.result-title a', '.search-form button', '#search-q', '.facet-toggle',
                        '.chip', '.pager li a', '#date-from', '.dated-within input', 'summary']) {
                      var e = [...document.querySelectorAll(selector)].find(x => x.getClientRects().length > 0);
                      if (!e) { found.push(selector + ': none on the page'); continue; }
                      e.focus();
                      var s = getComputedStyle(e);
                      if (!e.matches(':focus-visible') || s.outlineStyle === 'none' || parseFloat(s.outlineWidth) < 2
                          || s.outlineColor === getComputedStyle(document.body).backgroundColor) {
                        found.push(selector + ': ' + s.outlineStyle + ' ' + s.outlineWidth + ' ' + s.outlineColor);
                      }
                    }
                    return found;""");
            assertEquals(List.of(), unringed, "focused, without a ring the reader can see");
        } finally {
            browser.plainMedia();
        }
    }

    /**
     * In forced colours a diff's backgrounds are gone, as on paper, and its insertions' underline is a
     * link's: where each starts and ends is written out ("[inserted: …]"), not only said to screen readers.
     */
    @Test
    void inForcedColoursADiffWritesOutWhereEachInsertionStartsAndEnds() {
        browser.open(url("/documents/" + catalogue.recordTitled("Letter to Stalin from the Commanders and Soldiers") + "/history/1"));
        String marks = "var i = document.querySelector('.diff-text ins'); return [getComputedStyle(i, '::before').position,"
                + " getComputedStyle(i, '::before').content, getComputedStyle(i, '::after').content];";
        assertEquals("absolute", ((List<?>) browser.script(marks)).get(0), "in the page's colours the marks are for screen readers");
        browser.emulateMedia("forced-colors", "active");
        try {
            assertEquals(List.of("static", "\"[inserted:\u00a0\"", "\"]\""), browser.script(marks));
        } finally {
            browser.plainMedia();
        }
    }

    @Test
    void aFocusedYearInTheHistogramIsRingedByItsOwnColumnInThePagesColoursAndInForcedColours() {
        browser.open(url("/search?q=stalin&person=stalin&from=1950&to=1952"));
        for (String colours : List.of("the page's", "forced")) {
            if (colours.equals("forced")) {
                browser.emulateMedia("forced-colors", "active");
            }
            try {
                browser.script("document.querySelector('.histogram a').focus();");
                assertEquals(Boolean.TRUE, browser.script("return document.activeElement.matches('.histogram a:focus-visible');"));
                // An outline is drawn in the chart's stretched units and cut off by its edges: what was left
                // of it stood beside the column like a bar of the next year.
                assertEquals("none", style(".histogram a:focus", null, "outline-style"), colours);
                String area = ".histogram a:focus .bar-area";
                assertFalse(style(area, null, "stroke").equals("none"), colours + ": the column is ringed");
                assertEquals("non-scaling-stroke", style(area, null, "vector-effect"), colours + ": as thin on every side");
                assertEquals("visible", style(".histogram", null, "overflow"), colours + ": its outer edges not cut off");
                assertFalse(style(area, null, "stroke").equals(style(area, null, "fill")), colours + ": the ring stands out");
                if (colours.equals("forced")) {
                    assertEquals(style("body", null, "background-color"), style(area, null, "fill"),
                            "in forced colours the column is the reader's background, not the page's tint");
                }
            } finally {
                browser.plainMedia();
            }
        }
    }

    @Test
    void aFocusedSummaryIsRingedAsEveryOtherControlIs() {
        // The decades, the cite box's styles and the phone's Filters line open with a summary: focused,
        // it had Chromium's thin default ring where every other control has the site's.
        browser.open(url("/search?q=stalin"));
        browser.script("document.querySelector('.histogram a, a').focus();");
        String link = style(":focus", null, "outline");
        browser.script("[...document.querySelectorAll('summary')].find(s => s.getClientRects().length > 0).focus();");
        assertEquals(Boolean.TRUE, browser.script("return document.activeElement.matches('summary:focus-visible');"));
        assertEquals(link, style("summary:focus", null, "outline"));
        assertEquals("3px", style("summary:focus", null, "outline-width"));
    }

    @Test
    void theFirstTabOnTheSearchPageSkipsToTheResults() {
        browser.open(url("/search?q=korea"));
        WebElement skip = browser.tab();
        assertEquals("Skip to results", skip.getText());
        assertTrue(skip.isDisplayed(), "the skip link shows when it has the focus");
        skip.sendKeys(org.openqa.selenium.Keys.ENTER);
        assertEquals("results", browser.focused().getAttribute("id"));
        WebElement next = browser.tab();
        List<String> order = new ArrayList<>();
        order.add(next.getText());
        for (int i = 0; i < 12 && !next.getAttribute("class").contains("result") && next.findElements(
                org.openqa.selenium.By.xpath("ancestor::li[contains(@class,'result')]")).isEmpty(); i++) {
            next = browser.tab();
            order.add(next.getText());
        }
        assertFalse(next.findElements(org.openqa.selenium.By.xpath("ancestor::li[contains(@class,'result')]")).isEmpty(),
                "from the results a few Tabs reach the first record: " + order);
        assertTrue(order.size() <= 8, "at most 8 Tabs: " + order);

        browser.open(url("/"));
        WebElement toContent = browser.tab();
        assertEquals("Skip to content", toContent.getText());
        toContent.sendKeys(org.openqa.selenium.Keys.ENTER);
        assertEquals("main", browser.focused().getAttribute("id"));
    }

    @Test
    void aRefusedDateRangeTakesTheFocusToItsFieldAndAnUnknownFilterIsAnnounced() {
        for (boolean phone : new boolean[] {false, true}) {
            if (phone) {
                browser.phone();
            }
            browser.open(url("/search?q=korea&from=1953&to=1950"));
            WebElement focused = browser.focused();
            assertEquals("date-from", focused.getAttribute("id"), phone ? "on a phone" : "on a desktop");
            assertTrue(focused.isDisplayed(), "the filters stand open around it");
            assertTrue(focused.getAttribute("aria-describedby").startsWith("dates-problem"), "the message describes it");
        }
        browser.desktop();
        browser.open(url("/search?q=korea&person=nobody"));
        assertEquals("alert", browser.find("#filters-problem").getAttribute("role"), "announced when the page opens");
        browser.open(url("/search?q=korea"));
        assertEquals("body", browser.focused().getTagName(), "a search with no problem leaves the focus alone");
    }

    /** Without the script too: the page's own autofocus; the focus stayed at the top of the page. */
    @Test
    void withoutJavaScriptARefusedDateRangeTakesTheFocusToItsFieldAsWell() {
        for (boolean phone : new boolean[] {false, true}) {
            withoutScript.screen(phone);
            withoutScript.open(url("/search?q=korea&from=1953&to=1950"));
            WebElement focused = withoutScript.focused();
            assertEquals("date-from", focused.getAttribute("id"), phone ? "on a phone" : "on a desktop");
            assertTrue(focused.isDisplayed(), "the filters stand open around it");
        }
        withoutScript.desktop();
        withoutScript.open(url("/search?q=korea"));
        assertEquals("body", withoutScript.focused().getTagName(), "a search with no problem leaves the focus alone");
    }

    @Test
    void aPrintedRecordShowsItsCitationAndPermalinkAndNoWayAround() {
        browser.open(url("/search?q=korea"));
        browser.clickToNextPage(browser.findAll("ol.results .result-title a").get(1));
        assertTrue(shown(browser, ".trail"), "on screen, the way back to the search");
        assertTrue(shown(browser, ".related"), "and records to read next");
        browser.emulatePrint();
        try {
            for (String gone : List.of(".site-header", ".site-footer", ".trail", ".related", ".cite-downloads",
                    ".cite-style[data-style=mla]")) {
                assertFalse(shown(browser, gone), gone + " is not printed");
            }
            for (String kept : List.of("h1.record-title", ".record-summary p", ".record-facts", ".cite-permalink",
                    ".cite-version-link", "#citation-chicago-note", ".cite-accessed")) {
                assertTrue(shown(browser, kept), kept + " is printed");
            }
            assertEquals(browser.find(".cite-permalink").getAttribute("href"), browser.find(".cite-permalink").getText(),
                    "the permanent address written out in full");
            assertTrue(browser.find(".cite-permalink").getText().startsWith("http"), browser.find(".cite-permalink").getText());
            assertEquals("none", style(".cite-style[open] > summary", null, "list-style-type"),
                    "the style shown labels the citation, with no triangle to open it on paper");
        } finally {
            browser.plainMedia();
        }
    }

    /**
     * On A4 paper, printed by Chromium and read back: the record, its summary and facts, its citation
     * and its permanent address whole, and nothing to press or to find one's way by.
     */
    @Test
    void aRecordPrintedOnA4ReadsAsTheRecordAndHowToCiteItWithItsAddressWhole() {
        int letter = catalogue.recordTitled("Letter to Stalin from the Commanders and Soldiers");
        browser.open(url("/search?q=korea"));
        browser.open(url("/documents/" + letter + "?search=q%3Dkorea&hit=1&hits=2"));
        String permalink = browser.find(".cite-permalink").getAttribute("href");
        String printed = browser.printedText();
        String words = printed.replaceAll("\\s+", " ");
        for (String kept : List.of("Letter to Stalin from the Commanders and Soldiers of the Korean Army in China",
                "Korean commanders express high hopes", "Recipients", "Permanent link, always the current version",
                "Chicago (note)", "Accessed ")) {
            assertTrue(words.contains(kept), "printed: " + kept + "\n" + printed);
        }
        assertTrue(printed.contains(permalink), "the permanent address on one line, whole: " + permalink + "\n" + printed);
        for (String gone : List.of("Skip to", "Sign in", "Search the catalogue", "Copy", "BibTeX", "Related records", "Hit 1 of",
                "Chicago (bibliography)", "MLA")) {
            assertFalse(words.contains(gone), "not printed: " + gone + "\n" + printed);
        }
    }

    /** Printed, a search said "Records matching your search" over its hits, and not which search. */
    @Test
    void aPrintedSearchSaysWhatWasSearchedAndOffersNothingToPress() {
        browser.open(url("/search?q=stalin&person=stalin&from=1950"));
        browser.emulatePrint();
        try {
            assertTrue(shown(browser, "#search-q"), "the words searched are printed");
            assertEquals("stalin", browser.find("#search-q").getAttribute("value"));
            assertEquals("0px", style("#search-q", null, "border-top-width"), "as text, not a box to type in");
            @SuppressWarnings("unchecked")
            List<String> filters = (List<String>) browser.script("return [...document.querySelectorAll('.chips .chip')]"
                    + ".filter(c => c.checkVisibility()).map(c => [...c.children].filter(x => x.checkVisibility()"
                    + " && !x.matches('.visually-hidden')).map(x => x.textContent.trim()).join(' '));");
            assertEquals(List.of("Person: Joseph Stalin", "From: 1950"), filters, "and its filters, without their remove marks");
            for (String gone : List.of(".search-form button", ".search-help", ".clear-all", ".export", ".pager", ".facets")) {
                assertTrue(browser.findAll(gone).stream().noneMatch(e -> (Boolean) browser.script(
                        "return arguments[0].checkVisibility();", e)), gone + " is not printed");
            }
        } finally {
            browser.plainMedia();
        }
    }

    @Test
    void aSearchsTitleSaysHowManyRecordsItFoundAndWhichPage() {
        browser.open(url("/search?q=korea"));
        String count = browser.find("p.count").getText().replaceFirst(".* of ", "");
        assertEquals("Search: korea (" + count + " records) · Dossier", browser.driver().getTitle());
        browser.open(url("/search?q=korea&page=2"));
        assertEquals("Search: korea (" + count + " records, page 2) · Dossier", browser.driver().getTitle());
        browser.open(url("/search?q=zanzibar"));
        assertEquals("Search: zanzibar (no records) · Dossier", browser.driver().getTitle());
    }

    @Test
    void titlesAndLinksToRecordsAreIsolatedSoABidiControlInThemTurnsNothingAroundThem() {
        browser.open(url("/"));
        String isolation = "return getComputedStyle(document.querySelector(arguments[0])).unicodeBidi;";
        assertEquals("isolate", browser.script(isolation, ".result-title a"));
        browser.open(url("/documents/" + catalogue.recordTitled("Letter to Stalin from the Commanders and Soldiers")));
        assertEquals("isolate", browser.script(isolation, "h1.record-title"));
    }

    @Test
    void withoutJavaScriptTheCiteBoxShowsOneStyleAndNoCopyButtons() {
        withoutScript.open(url("/documents/" + catalogue.recordTitled("Letter to Stalin from the Commanders and Soldiers")
                + "/letter-to-stalin-from-the-commanders-and-soldiers-of-the-korean-army-in-china"));
        assertEquals(Boolean.FALSE, withoutScript.script("return document.querySelector('.copy-citation').offsetParent !== null;"),
                "the copy buttons need the script; without it they stay hidden");
        for (WebElement button : withoutScript.findAll(".copy-citation")) {
            assertFalse(button.isDisplayed());
        }
        assertTrue(withoutScript.find("#citation-chicago-note").isDisplayed());
        assertFalse(withoutScript.find("#citation-mla").isDisplayed(), "one style at a time");
        withoutScript.find(".cite-style[data-style=mla] > summary").click();
        assertTrue(withoutScript.find("#citation-mla").isDisplayed());
        assertFalse(withoutScript.find("#citation-chicago-note").isDisplayed(), "opening one closes the other");
        assertEquals(1, withoutScript.findAll(".record a.cite-permalink").size(), "one permanent link");
    }

    @Test
    void withoutJavaScriptThePhonesFiltersLineOpensAndTheDesktopShowsThemBesideTheResults() {
        withoutScript.phone();
        withoutScript.open(url("/search?q=korea"));
        assertFalse(shown(withoutScript, "section.facet[data-facet=type]"));
        withoutScript.find("details.filters > summary").click();
        assertTrue(shown(withoutScript, "section.facet[data-facet=type]"));
        withoutScript.desktop();
        withoutScript.open(url("/search?q=korea"));
        assertTrue(shown(withoutScript, "section.facet[data-facet=type]"), "a sidebar on a wide screen");
        assertFalse(withoutScript.find("details.filters > summary").isDisplayed());
    }

    @Test
    void aReaderGoesFromAHitToTheNextAndBackToTheSearch() {
        browser.open(url("/search?q=stalin&sort=date"));
        String second = browser.findAll("ol.results .result-title a").get(1).getText();
        String third = browser.findAll("ol.results .result-title a").get(2).getText();
        browser.findAll("ol.results .result-title a").get(1).click();
        browser.waitForUrlContaining("hit=2");
        assertEquals(second, browser.find("h1.record-title").getText());
        assertTrue(browser.find(".trail-position").getText().startsWith("Hit 2 of "), browser.find(".trail").getText());
        browser.find(".trail-next").click();
        browser.waitForUrlContaining("hit=3");
        assertEquals(third, browser.find("h1.record-title").getText());
        browser.find(".trail-back").click();
        browser.waitForUrlContaining("/search?");
        assertEquals(url("/search?q=stalin&sort=date"), browser.currentUrl());
    }
}
