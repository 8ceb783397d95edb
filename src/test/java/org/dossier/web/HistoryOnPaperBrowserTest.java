package org.dossier.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dossier.editing.Editors;
import org.dossier.testing.Browser;
import org.dossier.testing.SeededCatalogue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A record's history, a version in it with what it changed, a person's page and history, printed by
 * Chromium on A4 and read back by PDFBox, as a reader gets them on paper: what they say and the
 * address to find them again, without the links and forms that are for the screen, and a diff that
 * says in words what was taken out and put in (printing drops its colours, and an underline on paper
 * is a link's). Printed by an editor, signed in, who has the most on the page.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ResourceLock(Browser.ONE_AT_A_TIME)
class HistoryOnPaperBrowserTest {

    @RegisterExtension
    final SeededCatalogue catalogue = SeededCatalogue.ownedByTheClass();
    @RegisterExtension
    final Browser browser = Browser.forTheClass();
    private String letter;

    @BeforeAll
    void start() {
        Editors.signInAsNewEditor(catalogue, browser, "alice");
        letter = "/documents/" + catalogue.recordTitled("Letter to Stalin from the Commanders and Soldiers");
        browser.open(url("/admin" + letter + "/edit"));
        browser.retype("#title", browser.find("#title").getAttribute("value").replace("Commanders", "Generals"));
        browser.find("#summary").sendKeys(" Checked against the scan.");
        browser.find("#note").sendKeys("Corrected against the scan");
        browser.clickToNextPage(browser.find("form.record-form button[type=submit]"));
        browser.waitForUrlContaining("saved=");
    }

    private String url(String path) {
        return catalogue.baseUrl() + path;
    }

    /** The page at {@code path} printed, its words one space apart (no-break spaces too). */
    private String printed(String path) {
        browser.open(url(path));
        return browser.printedText().replace('\u00a0', ' ').replaceAll("\\s+", " ");
    }

    private static void assertPrinted(String page, String printed, List<String> kept, List<String> gone) {
        for (String k : kept) {
            assertTrue(printed.contains(k), page + " printed: " + k + "\n" + printed);
        }
        for (String g : gone) {
            assertFalse(printed.contains(g), page + " not printed: " + g + "\n" + printed);
        }
    }

    /** What is for the screen on every page: the header's links and search, the skip links. */
    private static final List<String> SCREEN = List.of("Skip to", "Search the catalogue", "Sign out", "Editing");

    @Test
    void aPrintedVersionSaysInWordsWhatItDeletedAndInsertedAndGivesItsAddressWithoutItsLinksAndForm() {
        String second = printed(letter + "/history/2");
        assertPrinted("version 2", second, List.of("What changed since version 1", "Corrected against the scan",
                "Letter to Stalin from the [deleted: Commanders] [inserted: Generals] and Soldiers",
                "[inserted: Checked against the scan.]", "The address of this page: " + url(letter + "/history/2")),
                concat(SCREEN, "The whole history", "Version 1", "as its citations give it"));
        // The first version, signed in, has a form to restore it.
        String first = printed(letter + "/history/1");
        assertPrinted("version 1", first, List.of("The record as it was first recorded", url(letter + "/history/1")),
                concat(SCREEN, "Restore", "Note for the history", "Version 2"));
    }

    @Test
    void aPrintedHistoryListsEveryVersionAndGivesItsAddressWithoutItsLinks() {
        String history = printed(letter + "/history");
        assertPrinted("history", history, List.of("Version 2 (current)", "Corrected against the scan", "Version 1 ",
                "The address of this page: " + url(letter + "/history")),
                concat(SCREEN, "Back to the record", "What changed ·", "as cited", "The first version"));
        String person = printed("/people/stalin/history");
        assertPrinted("a person's history", person, List.of("Version 1 ", "The address of this page: " + url("/people/stalin/history")),
                concat(SCREEN, "← Joseph Stalin", "The first version"));
        assertPrinted("a person's first version", printed("/people/stalin/history/1"),
                List.of("As it was first recorded", "The address of this page: " + url("/people/stalin/history/1")),
                concat(SCREEN, "The whole history"));
    }

    /**
     * The history's "choose What changed" is for the screen, where those links are: on paper, where
     * they are not, it says where what each version changed can be found instead.
     */
    @Test
    void aPrintedHistorySaysWhereEachVersionsChangesAreAndTheScreenSaysToChooseWhatChanged() {
        String screen = "Each one is kept whole; choose \u201cWhat changed\u201d to compare it with the version before.";
        String paper = "Each one is kept whole; what it changed since the version before is on its own page, at this"
                + " page\u2019s address followed by \u201c/\u201d and its number.";
        assertPrinted("history", printed(letter + "/history"), List.of(paper), List.of("choose", "to compare it with"));
        String shown = browser.find("section.history > p:not(.back)").getText().replaceAll("\\s+", " ");
        assertTrue(shown.endsWith(screen) && !shown.contains("its own page"), "on the screen: " + shown);
    }

    @Test
    void aPrintedPersonGivesTheirAddressAndKeepsEachRecordsTitleAndSummaryOnOneSheet() {
        browser.open(url("/people/stalin"));
        @SuppressWarnings("unchecked")
        List<List<String>> records = (List<List<String>>) browser.script("return [...document.querySelectorAll('.result')]"
                + ".map(r => [r.querySelector('.result-title').textContent.trim(), r.querySelector('.result-summary').textContent.trim()]);");
        List<String> pages = browser.printedPages().stream().map(p -> p.replace('\u00a0', ' ').replaceAll("\\s+", " ")).toList();
        assertTrue(pages.size() > 1, "the person's records take more than a sheet: " + pages);
        String all = String.join(" ", pages);
        assertPrinted("a person", all, List.of("Joseph Stalin", "The address of this page: " + url("/people/stalin")),
                concat(SCREEN, "Search and narrow these records", "History · Edit"));
        for (List<String> record : records) {
            // A title's last words and its summary's first, on the sheet that has the title's first.
            String title = record.get(0).replaceAll("\\s+", " ");
            String summary = record.get(1).replaceAll("\\s+", " ");
            String start = title.substring(0, Math.min(20, title.length()));
            String end = title.substring(Math.max(0, title.length() - 15));
            String opening = summary.substring(0, Math.min(20, summary.length()));
            assertTrue(pages.stream().anyMatch(p -> p.contains(start) && p.contains(end) && p.contains(opening)),
                    "on one sheet: " + title + " / " + opening + "\n" + String.join("\n--- sheet ---\n", pages));
        }
    }

    private static List<String> concat(List<String> list, String... more) {
        return java.util.stream.Stream.concat(list.stream(), java.util.Arrays.stream(more)).toList();
    }
}
