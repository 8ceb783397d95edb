package org.dossier.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dossier.testing.Browser;
import org.dossier.testing.SeededCatalogue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.junit.jupiter.api.parallel.ResourceLock;

/** A reader narrows the seed records down in a real browser, with no JavaScript involved. */
@ResourceLock(Browser.ONE_AT_A_TIME)
class SearchBrowserTest {

    @RegisterExtension
    static final SeededCatalogue catalogue = SeededCatalogue.sharedForReading();

    @RegisterExtension
    static final Browser browser = Browser.forTheClass();

    private static String count() {
        return browser.find(".search-layout .count").getText();
    }

    private static List<String> chips() {
        return browser.findAll(".chips a.chip").stream()
                .map(c -> c.getText().replaceAll("\\s+", " ").replaceFirst("^Remove ", "")).toList();
    }

    @Test
    void aReaderSearchesTicksTwoValuesRemovesOneAndOpensARecord() {
        browser.open(catalogue.baseUrl() + "/");
        WebElement box = browser.find("header #site-search-q");
        box.sendKeys("stalin", Keys.ENTER);
        browser.waitForUrlContaining("/search?q=stalin");
        assertEquals("1 - 10 of 26", count());

        browser.find("a.facet-toggle[data-facet=person][data-value=mao-zedong]").click();
        browser.waitForUrlContaining("person=mao-zedong");
        assertEquals("1 - 6 of 6", count());

        browser.find("a.facet-toggle[data-facet=type][data-value=ciphered-telegram]").click();
        browser.waitForUrlContaining("type=ciphered-telegram");
        assertEquals("1 - 3 of 3", count());
        assertEquals(List.of("Type: Ciphered Telegram ×", "Person: Mao Zedong ×"), chips());

        browser.find(".chips a.chip[data-remove='Person: Mao Zedong']").click();
        browser.waitForUrlContaining("/search?q=stalin&type=ciphered-telegram");
        assertEquals(List.of("Type: Ciphered Telegram ×"), chips());
        assertEquals("1 - 7 of 7", count());

        WebElement first = browser.find("ol.results li.result h2.result-title a");
        String title = first.getText();
        assertTrue(browser.find("ol.results li.result h2.result-title mark").getText().equalsIgnoreCase("stalin"));
        first.click();
        browser.waitForUrlContaining("/documents/");
        assertTrue(browser.currentUrl().matches(".*/documents/[0-9]+/[a-z0-9-]+\\?search=.*"), browser.currentUrl());
        assertEquals(title, browser.find("h1.record-title").getText());
    }

    @Test
    void aReaderAsksForOnlyTheRecordsDatedWhollyWithinARangeAndTakesTheLessExactOnesBack() {
        browser.open(catalogue.baseUrl() + "/search");
        browser.find("#date-from").sendKeys("1966-09-10");
        browser.find("#date-to").sendKeys("1966-12");
        browser.find(".date-range button[type=submit]").click();
        browser.waitForUrlContaining("to=1966-12");
        // The Central Committee's information to the Polish party is dated only September 1966.
        assertEquals("1 - 1 of 1", count());
        assertTrue(browser.find(".dated-logic").getText().startsWith("Dates: This record is dated only to a month"));

        browser.find(".date-range input[name=dated]").click();
        browser.find(".date-range button[type=submit]").click();
        browser.waitForUrlContaining("dated=within");
        assertEquals("No records match", count());
        assertEquals(List.of("From: September 10, 1966 ×", "To: December 1966 ×", "Dated: wholly within ×"), chips());
        assertTrue(browser.find(".date-range input[name=dated]").isSelected(), "the box stays ticked");

        browser.find(".dated-logic a").click();
        browser.waitForUrlNotContaining("dated=within");
        assertEquals("1 - 1 of 1", count());
        assertEquals(List.of("From: September 10, 1966 ×", "To: December 1966 ×"), chips());
    }
}
