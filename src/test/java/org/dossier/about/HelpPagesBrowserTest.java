package org.dossier.about;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dossier.testing.Axe;
import org.dossier.testing.Browser;
import org.dossier.testing.SeededCatalogue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The about and help pages in Chromium: they pass axe-core at a desktop's width, a phone's and dark;
 * no page is wider than a phone, with twice the text size too; and without JavaScript they are the
 * same pages, their examples links.
 */
@ResourceLock(Browser.ONE_AT_A_TIME)
class HelpPagesBrowserTest {

    @RegisterExtension
    static final SeededCatalogue catalogue = SeededCatalogue.sharedForReading();

    private static final List<String> PAGES = List.of(AboutPages.ABOUT, AboutPages.SEARCH_HELP, AboutPages.CITING_HELP);

    @Test
    void eachPagePassesAxeOnADesktopAPhoneAndInDarkColours() {
        try (Browser browser = Browser.start()) {
            for (String page : PAGES) {
                for (boolean phone : List.of(false, true)) {
                    browser.screen(phone);
                    browser.open(catalogue.baseUrl() + page);
                    assertEquals(List.of(), Axe.violations(browser), page + (phone ? " on a phone" : " on a desktop"));
                }
                browser.emulateMedia("prefers-color-scheme", "dark");
                browser.open(catalogue.baseUrl() + page);
                assertEquals(List.of(), Axe.violations(browser), page + " dark on a phone");
                browser.plainMedia();
                browser.desktop();
            }
        }
    }

    /** The addresses the citing page writes out are long words: they break rather than widen the page. */
    @Test
    void onAPhoneWithTwiceTheTextSizeNoPageScrollsSidewaysWithJavaScriptOrWithout() {
        for (boolean script : List.of(true, false)) {
            try (Browser reader = script ? Browser.start() : Browser.startWithoutJavaScript()) {
                reader.phone();
                for (int size : List.of(100, 200)) {
                    reader.textSize(size);
                    for (String page : PAGES) {
                        reader.open(catalogue.baseUrl() + page);
                        long wide = (Long) reader.script("return document.documentElement.scrollWidth;");
                        long screen = (Long) reader.script("return document.documentElement.clientWidth;");
                        assertTrue(wide <= screen, page + (script ? "" : " without JavaScript") + " at " + size
                                + "% is " + wide + " px wide on a " + screen + " px screen");
                    }
                }
                reader.textSize(100);
            }
        }
    }

    @Test
    void withoutJavaScriptThePagesReadTheSameAndTheirExamplesAreLinks() {
        try (Browser plain = Browser.startWithoutJavaScript()) {
            plain.open(catalogue.baseUrl() + AboutPages.ABOUT);
            assertEquals("About the catalogue", plain.find("h1").getText());
            assertTrue(plain.find("#holdings-records").getText().matches("[0-9,]+"), plain.find("#holdings-records").getText());
            plain.open(catalogue.baseUrl() + AboutPages.SEARCH_HELP);
            assertEquals("How to search", plain.find("h1").getText());
            plain.clickToNextPage(plain.find("a.example[href*='North']"));
            assertTrue(plain.currentUrl().contains("/search?q=%22North+Korea%22"), plain.currentUrl());
            assertTrue(plain.find(".count").getText().matches("1 - [0-9]+ of [0-9]+"), plain.find(".count").getText());
            plain.open(catalogue.baseUrl() + AboutPages.CITING_HELP);
            assertEquals("Citing, downloads and harvesting", plain.find("h1").getText());
        }
    }
}
