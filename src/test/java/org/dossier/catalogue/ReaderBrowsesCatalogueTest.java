package org.dossier.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dossier.testing.Browser;
import org.dossier.testing.SeededCatalogue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebElement;
import org.junit.jupiter.api.parallel.ResourceLock;

/** A reader in Chromium: opens the catalogue, pages forward, opens a document and reads it. */
@ResourceLock(Browser.ONE_AT_A_TIME)
class ReaderBrowsesCatalogueTest {

    @RegisterExtension
    static final SeededCatalogue catalogue = SeededCatalogue.sharedForReading();

    @RegisterExtension
    static final Browser browser = Browser.forTheClass();

    @Test
    void aReaderPagesForwardAndReadsADocument() {
        browser.open(catalogue.baseUrl() + "/");
        assertEquals("1 - 10 of 49", browser.find(".count").getText());

        browser.find("a[rel=next]").click();
        browser.waitForUrlContaining("page=2");
        assertEquals("11 - 20 of 49", browser.find(".count").getText());
        browser.find("a[rel=next]").click();
        browser.waitForUrlContaining("page=3");
        assertEquals("21 - 30 of 49", browser.find(".count").getText());

        WebElement title = browser.findAll(".result-title a").stream()
                .filter(a -> a.getText().startsWith("Letter from Feng Xi")).findFirst().orElseThrow();
        title.click();
        browser.waitForUrlContaining("/documents/");

        assertEquals("Letter from Feng Xi (Stalin) to Kim Il Sung (via Shtytkov)", browser.find("h1").getText());
        assertEquals("October 8, 1950", browser.find(".record-date").getText());
        List<String> paragraphs = browser.findAll(".record-summary p").stream().map(WebElement::getText).toList();
        assertEquals(1, paragraphs.size());
        assertTrue(paragraphs.get(0).startsWith("Stalin sends Kim a copy of his October 1950 letter"), paragraphs.get(0));

        String permalink = browser.find(".cite a.cite-permalink").getText();
        assertTrue(permalink.matches("http://127\\.0\\.0\\.1:\\d+/documents/\\d+"), permalink);
        assertTrue(browser.currentUrl().startsWith(permalink + "/letter-from-feng-xi-stalin-to-kim-il-sung-via-shtytkov"),
                browser.currentUrl());
    }

    @Test
    void thePermalinkTakesTheReaderBackToTheSameRecord() {
        browser.open(catalogue.baseUrl() + "/?sort=date");
        browser.find(".result-title a").click();
        browser.waitForUrlContaining("/documents/");
        String heading = browser.find("h1").getText();
        assertEquals("February 1942", browser.find(".record-date").getText());
        String permalink = browser.find(".cite a.cite-permalink").getText();

        browser.open(permalink);
        assertEquals(heading, browser.find("h1").getText());
    }
}
