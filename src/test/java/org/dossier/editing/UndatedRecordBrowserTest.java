package org.dossier.editing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dossier.accounts.Role;
import org.dossier.documents.DocumentDate;
import org.dossier.documents.Permalinks;
import org.dossier.testing.Axe;
import org.dossier.testing.Browser;
import org.dossier.testing.SeededCatalogue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * An editor marks a record undated through the edit form in Chromium, with JavaScript and
 * without: the record's page then says "Undated" where its date was, passes axe-core, and cites it
 * "n.d."; an empty date is refused in a page that passes axe too.
 */
@ResourceLock(Browser.ONE_AT_A_TIME)
class UndatedRecordBrowserTest {

    @RegisterExtension
    static final SeededCatalogue catalogue = SeededCatalogue.ownedByTheClass();

    @BeforeAll
    static void editors() {
        Editors.add(catalogue, "alice", Role.EDITOR);
    }

    /** Opens the record's edit form, signing in as alice when asked to. */
    private static void openEditForm(Browser browser, int id) {
        browser.open(catalogue.baseUrl() + Permalinks.edit(id));
        if (browser.currentUrl().contains("/admin/login")) {
            Editors.signIn(browser, "alice");
            browser.waitForUrlContaining("/edit");
        }
    }

    /** Types {@code date} into the form's date and saves it with a note; the record's page follows. */
    private static void markUndated(Browser browser, int id, String date) {
        openEditForm(browser, id);
        browser.retype("input#date", date);
        browser.find("input#note").sendKeys("The date on the copy is the archive's, not the document's");
        browser.clickToNextPage(browser.find("form.record-form button[type=submit]"));
        assertTrue(browser.currentUrl().contains("/documents/" + id + "/"), browser.currentUrl());
    }

    /** The record's page says Undated above its title and in its facts, and cites it n.d. */
    private static void assertTheRecordPageSaysUndated(Browser browser) {
        assertEquals(DocumentDate.UNDATED, browser.find(".record-kicker .record-date").getText());
        assertTrue(browser.findAll(".record-kicker time").isEmpty(), "no time element for a date there is not");
        String chicago = browser.find("#citation-chicago-note").getDomProperty("textContent");
        assertTrue(chicago.contains(", n.d.,"), chicago);
        String apa = browser.find("#citation-apa").getDomProperty("textContent");
        assertTrue(apa.contains("(n.d.)"), apa);
    }

    @Test
    void anEditorMarksARecordUndatedThroughTheFormAndItsPageSaysSoPassesAxeAndCitesItNd() {
        int id = catalogue.recordTitled("Ciphered Telegram No. 26044, Gromyko to Razuvaev");
        try (Browser browser = Browser.start()) {
            // An empty date first: refused at the error summary, in a page that passes axe too.
            openEditForm(browser, id);
            browser.find("input#date").clear();
            browser.clickToNextPage(browser.find("form.record-form button[type=submit]"));
            assertTrue(browser.focused().getAttribute("class").contains("error-summary"),
                    "the focus is on what went wrong: " + browser.focused().getTagName());
            assertTrue(browser.find("#date-error").getText().contains("or 'Undated' when the document bears none"),
                    browser.find("#date-error").getText());
            assertEquals(List.of(), Axe.violations(browser));

            markUndated(browser, id, "Undated");
            assertTheRecordPageSaysUndated(browser);
            assertEquals(List.of(), Axe.violations(browser));
            openEditForm(browser, id);
            assertEquals(DocumentDate.UNDATED, browser.find("input#date").getAttribute("value"),
                    "the form gives the word back, to be saved as it stands");
            assertTrue(browser.find("#date-hint").getText().contains("Read as Undated: the document bears no date."),
                    browser.find("#date-hint").getText());
        }
    }

    /** The form and the page are the same without the script (axe needs it: the page is the one checked above). */
    @Test
    void withoutJavaScriptAnEditorMarksARecordUndatedAndItsPageSaysSoAndCitesItNd() {
        int id = catalogue.recordTitled("Ciphered Telegram No. 709, Filippov [Stalin] to Krasovsky");
        try (Browser plain = Browser.startWithoutJavaScript()) {
            markUndated(plain, id, "n.d.");
            assertTheRecordPageSaysUndated(plain);
        }
    }
}
