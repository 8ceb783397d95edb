package org.dossier.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.dossier.testing.Browser;
import org.dossier.testing.SeededCatalogue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.junit.jupiter.api.parallel.ResourceLock;

/** A reader copies a citation from the "Cite this" box and follows the link to the version it cites. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ResourceLock(Browser.ONE_AT_A_TIME)
class CiteBoxBrowserTest {

    @RegisterExtension
    final SeededCatalogue catalogue = SeededCatalogue.sharedForReading();
    @RegisterExtension
    final Browser browser = Browser.forTheClass();
    private int letter;

    @BeforeAll
    void start() {
        letter = catalogue.recordTitled("Letter to Stalin from the Commanders and Soldiers");
        // Headless Chromium keeps its own clipboard; the page may write to it once granted.
        ((ChromeDriver) browser.driver()).executeCdpCommand("Browser.grantPermissions", Map.of(
                "origin", catalogue.baseUrl(),
                "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
    }

    private Object script(String js) {
        return ((JavascriptExecutor) browser.driver()).executeScript(js);
    }

    @Test
    void aReaderCopiesTheChicagoNoteAndFollowsTheVersionedLink() {
        browser.open(catalogue.baseUrl() + "/documents/" + letter
                + "/letter-to-stalin-from-the-commanders-and-soldiers-of-the-korean-army-in-china");
        WebElement citation = browser.find("#citation-chicago-note");
        String expected = "\u201CLetter to Stalin from the Commanders and Soldiers of the Korean Army in China,\u201D letter to Joseph "
                + "Stalin, February 1942, Dossier, version 1, accessed ";
        assertTrue(citation.getText().startsWith(expected), citation.getText());

        WebElement copy = browser.find(".cite-style[data-style='chicago-note'] .copy-citation");
        assertTrue(copy.isDisplayed(), "the script shows the copy buttons");
        copy.click();
        WebElement status = browser.find(".copy-status");
        browser.until(d -> !status.getText().isEmpty());
        assertEquals("Chicago (note) citation copied.", status.getText());
        assertEquals(citation.getText(), script("return window.getSelection().toString();"),
                "the copied citation is also selected on the page");
        Object clipboard = ((JavascriptExecutor) browser.driver()).executeAsyncScript(
                "navigator.clipboard.readText().then(arguments[0], e => arguments[0]('refused: ' + e));");
        assertEquals(citation.getText(), clipboard);

        // A second press: the live region says its words again, which it does only if they are new
        // to it (emptied between), since the same words set again are no change to be announced.
        script("window.statusTexts = [];"
                + "var s = document.querySelector('.copy-status');"
                + "new MutationObserver(function () { window.statusTexts.push(s.textContent); })"
                + ".observe(s, {childList: true, characterData: true, subtree: true});");
        copy.click();
        browser.until(d ->
                "Chicago (note) citation copied.".equals(script("return window.statusTexts.slice(-1)[0];")));
        assertEquals(List.of("", "Chicago (note) citation copied."), script("return window.statusTexts;"));

        browser.find(".cite-version-link").click();
        browser.waitForUrlContaining("/documents/" + letter + "/v/1");
        assertEquals(catalogue.baseUrl() + "/documents/" + letter + "/v/1", browser.currentUrl());
        assertTrue(browser.find(".version-banner").getText().contains("This is version 1, the current one"));
        assertEquals("Letter to Stalin from the Commanders and Soldiers of the Korean Army in China",
                browser.find("h1").getText());
    }
}
