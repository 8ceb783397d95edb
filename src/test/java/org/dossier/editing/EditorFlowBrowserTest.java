package org.dossier.editing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dossier.accounts.Role;
import org.dossier.testing.Browser;
import org.dossier.testing.SeededCatalogue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The editor's whole day in Chromium, as a person clicks and types it: sign in from a record,
 * fix "Concentering", see the fix on the public page and in the history, lose a race to a
 * colleague in a second browser, merge, and sign out.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ResourceLock(Browser.ONE_AT_A_TIME)
class EditorFlowBrowserTest {

    private static final String CONCENTERING = "I. Tugarinov to Cde. B.N. Ponomarev, \u2018Concentering the Situation on Taiwan (Memorandum)\u2019";
    private static final String CONCERNING = "I. Tugarinov to Cde. B.N. Ponomarev, \u2018Concerning the Situation on Taiwan (Memorandum)\u2019";

    @RegisterExtension
    static final SeededCatalogue catalogue = SeededCatalogue.ownedByTheClass();

    @RegisterExtension
    static final Browser alice = Browser.forTheClass();
    @RegisterExtension
    static final Browser bob = Browser.forTheClass();
    private static int id;

    @BeforeAll
    static void start() {
        Editors.add(catalogue, "alice", Role.EDITOR);
        Editors.add(catalogue, "bob", Role.EDITOR);
        id = catalogue.recordTitled("Concentering");
    }

    private static String url(String path) {
        return catalogue.baseUrl() + path;
    }

    private static void openEditForm(Browser browser, String username) {
        browser.open(url("/admin/documents/" + id + "/edit"));
        if (browser.currentUrl().contains("/admin/login")) {
            Editors.signIn(browser, username);
            browser.waitForUrlContaining("/edit");
        }
    }

    private static void replace(WebElement field, String text) {
        field.clear();
        field.sendKeys(text);
    }

    /** Adds a person or place through the edit form's picker: type part of the name, choose it. */
    private static void choose(Browser browser, String fieldName, String label) {
        WebElement find = browser.find("fieldset[data-picker=" + fieldName + "] input.picker-find");
        find.sendKeys(label.substring(0, 12));
        browser.find("fieldset[data-picker=" + fieldName + "] button.picker-add[data-name=\"" + label + "\"]").click();
    }

    /** The (hidden) checkbox of one person or place, which the form sends, found by the name beside it. */
    private static WebElement choice(Browser browser, String fieldName, String label) {
        for (WebElement option : browser.findAll("input[name=" + fieldName + "]")) {
            if (option.findElement(By.xpath("following-sibling::span")).getDomProperty("textContent").equals(label)) {
                return option;
            }
        }
        throw new AssertionError("no " + fieldName + " '" + label + "' to tick");
    }

    @Test
    @Order(1)
    void anEditorSignsInFromTheRecordFixesTheTitleAndSeesItEverywhere() {
        alice.open(url("/documents/" + id));
        String oldAddress = alice.currentUrl();
        assertEquals(CONCENTERING, alice.find("h1.record-title").getText());
        assertTrue(alice.findAll(".record-actions .edit-link").isEmpty(), "readers see no Edit link");

        alice.find("a.sign-in").click();
        alice.waitForUrlContaining("/admin/login");
        Editors.signIn(alice, "alice");
        alice.waitForUrlContaining("/documents/" + id + "/");
        assertEquals(oldAddress, alice.currentUrl(), "signing in leads back to the record");

        alice.find(".record-actions .edit-link").click();
        alice.waitForUrlContaining("/edit");
        WebElement title = alice.find("input#title");
        assertEquals(CONCENTERING, title.getAttribute("value"));
        replace(title, title.getAttribute("value").replace("Concentering", "Concerning"));
        alice.find("input#note").sendKeys("Typo: 'Concentering' for 'Concerning'");
        alice.find("form.record-form button[type=submit]").click();

        alice.waitForUrlContaining("concerning-the-situation-on-taiwan");
        assertEquals(CONCERNING, alice.find("h1.record-title").getText());

        alice.find(".record-actions .history-link").click();
        alice.waitForUrlContaining("/history");
        assertEquals(List.of("alice", "import"), alice.findAll(".revision .author").stream().map(WebElement::getText).toList());
        alice.find("#v2 a.changes-link").click();
        alice.waitForUrlContaining("/history/2");
        assertEquals("Concentering", alice.find(".diff dd del").getText());
        assertEquals("Concerning", alice.find(".diff dd ins").getText());

        bob.open(oldAddress);
        assertTrue(bob.currentUrl().endsWith("concerning-the-situation-on-taiwan-memorandum"), "the old address follows");
        assertEquals(CONCERNING, bob.find("h1.record-title").getText(), "readers see the fix");
    }

    @Test
    @Order(2)
    void aStaleSaveIsRefusedThenMergedAndTheEditorSignsOut() {
        openEditForm(alice, "alice");
        choose(alice, "place", "People's Republic of China (PRC)");
        assertTrue(choice(alice, "place", "People's Republic of China (PRC)").isSelected());
        alice.find("input#note").sendKeys("The memorandum is about the PRC too");

        openEditForm(bob, "bob");
        replace(bob.find("textarea#summary"), "Tugarinov reports on the crisis in the Taiwan Strait.");
        bob.find("input#note").sendKeys("Wrote a summary");
        bob.find("form.record-form button[type=submit]").click();
        bob.waitForUrlContaining("concerning-the-situation-on-taiwan");

        alice.clickToNextPage(alice.find("form.record-form button[type=submit]"));
        assertTrue(alice.find(".conflict").getText().contains("Since then bob saved version 3"), alice.find(".conflict").getText());
        assertEquals("Tugarinov reports on the crisis in the Taiwan Strait.", alice.find(".saved-version .saved-summary").getText());
        assertEquals("The memorandum is about the PRC too", alice.find("input#note").getAttribute("value"), "her note is kept");
        assertTrue(choice(alice, "place", "People's Republic of China (PRC)").isSelected(), "her ticked place is kept");
        // She had not touched the summary: Bob's is in her form, and sending it as it comes keeps both.
        assertEquals("Tugarinov reports on the crisis in the Taiwan Strait.", alice.find("textarea#summary").getAttribute("value"));
        assertEquals("Taken into your form from version 3, as you had not changed them: Summary.",
                alice.find(".conflict .merge-notes .taken").getText());
        assertEquals(List.of(), org.dossier.testing.Axe.violations(alice), "the merge screen");
        alice.find("form.record-form button[type=submit]").click();
        alice.waitForUrlContaining("concerning-the-situation-on-taiwan");
        assertEquals("Tugarinov reports on the crisis in the Taiwan Strait.", alice.find(".record-summary p").getText());
        List<String> places = alice.findAll(".record-facts a[href^='/places/']").stream().map(WebElement::getText).toList();
        assertTrue(places.contains("People's Republic of China (PRC)") && places.contains("Taiwan"), places.toString());
        assertEquals("4", alice.driver().findElement(By.xpath("//dl[@class='record-facts']/dt[.='Version']"
                + "/following-sibling::dd[1]")).getText(), "import, the fix, bob's summary, the merge");

        // The record page's address already holds the catalogue's: wait for the page to be replaced.
        alice.clickToNextPage(alice.find("form.sign-out button"));
        alice.waitForUrlContaining(catalogue.baseUrl() + "/");
        assertTrue(alice.findAll(".signed-in").isEmpty());
        alice.open(url("/admin"));
        assertTrue(alice.currentUrl().contains("/admin/login?return=%2Fadmin"), alice.currentUrl());
    }

    @Test
    @Order(3)
    void peopleAddedThroughThePickerComeLastAndTheChosenListReadsInTheRecordsOrder() {
        openEditForm(bob, "bob");
        // Added Molotov first, then Gromyko: the record names them so, though the list files Gromyko first.
        choose(bob, "person", "Vyacheslav Molotov");
        choose(bob, "person", "Andrei Gromyko");
        List<String> chosen = chosenPeople(bob);
        assertEquals(List.of("Vyacheslav Molotov", "Andrei Gromyko"), chosen.subList(chosen.size() - 2, chosen.size()),
                "each one added comes last: " + chosen);
        bob.find("input#note").sendKeys("Molotov and Gromyko are mentioned");
        bob.find("form.record-form button[type=submit]").click();
        bob.waitForUrlContaining("concerning-the-situation-on-taiwan");
        List<String> mentioned = bob.findAll(".people-in-role a").stream().map(WebElement::getText)
                .filter(name -> name.equals("Vyacheslav Molotov") || name.equals("Andrei Gromyko")).toList();
        assertEquals(List.of("Vyacheslav Molotov", "Andrei Gromyko"), mentioned, "the record names them as added");

        openEditForm(bob, "bob");
        chosen = chosenPeople(bob);
        assertEquals(List.of("Vyacheslav Molotov", "Andrei Gromyko"), chosen.subList(chosen.size() - 2, chosen.size()),
                "the form lists the chosen in the record's order, not the list's: " + chosen);
    }

    @Test
    @Order(4)
    void aChosenPersonsNameAndRemoveButtonKeepTheirWordsWholeOnADesktopAndOnAPhoneWithLargeText() {
        openEditForm(bob, "bob");
        try {
            for (String view : List.of("desktop", "phone, text at 200 %")) {
                if (view.startsWith("phone")) {
                    bob.phone();
                    bob.textSize(200);
                    bob.open(bob.currentUrl());
                }
                // A text broken inside a word takes more lines than it has words.
                @SuppressWarnings("unchecked")
                List<String> broken = (List<String>) bob.script("""
                        var found = [];
                        document.querySelectorAll('.picker-item .picker-name, .picker-item .picker-remove').forEach(function (e) {
                          var text = e.firstChild, range = document.createRange();
                          range.selectNodeContents(text);
                          var lines = new Set(Array.from(range.getClientRects(), function (r) { return Math.round(r.top); }));
                          if (lines.size > text.textContent.trim().split(/\\s+/).length) {
                            found.push(text.textContent + ' on ' + lines.size + ' lines');
                          }
                        });
                        return found;
                        """);
                assertTrue(broken.isEmpty(), view + ": " + broken);
                assertEquals(Boolean.TRUE, bob.script("return document.documentElement.scrollWidth"
                        + " <= document.documentElement.clientWidth;"), view + ": the form scrolls sideways");
            }
        } finally {
            bob.textSize(100);
            bob.desktop();
        }
    }

    @Test
    @Order(5)
    void withoutJavaScriptTheEditFormsTicksFitAPhoneWithLargeText() {
        try (Browser plain = Browser.startWithoutJavaScript()) {
            plain.phone();
            plain.textSize(200);
            plain.open(url("/admin/documents/" + id + "/edit"));
            Editors.signIn(plain, "alice");
            plain.waitForUrlContaining("/edit");
            assertTrue(plain.find("#people-choices .choice-list").isDisplayed(), "the plain ticks are the form");
            long wide = (Long) plain.script("return document.documentElement.scrollWidth;");
            long screen = (Long) plain.script("return document.documentElement.clientWidth;");
            assertTrue(wide <= screen, "the form is " + wide + " px wide on a " + screen + " px screen");
        }
    }

    /**
     * After a refused save the focus goes to the error summary without the script too (the page's own
     * autofocus): it stayed at the top of the page, above the header.
     */
    @Test
    @Order(8)
    void withoutJavaScriptARefusedSaveTakesTheFocusToTheErrorSummary() {
        try (Browser plain = Browser.startWithoutJavaScript()) {
            plain.open(url("/admin/documents/" + id + "/edit"));
            Editors.signIn(plain, "alice");
            plain.waitForUrlContaining("/edit");
            assertEquals("body", plain.focused().getTagName(), "an unrefused form leaves the focus alone");
            plain.find("#title").clear();
            plain.clickToNextPage(plain.find("form.record-form button[type=submit]"));
            assertTrue(plain.focused().getAttribute("class").contains("error-summary"),
                    "the focus is on what went wrong: " + plain.focused().getTagName() + " " + plain.focused().getAttribute("class"));
        }
    }

    private static List<String> chosenPeople(Browser browser) {
        return browser.findAll("fieldset[data-picker=person] .picker-chosen .picker-name").stream()
                .map(WebElement::getText).toList();
    }

    /**
     * Bob's session ends while he types a summary: his save is the sign-in form, which says nothing was
     * saved and keeps what he sent; signed in again, he sends it from the next page, and it is saved.
     * Both pages pass axe-core; the next one opens with the focus on its button, which says why.
     */
    @Test
    @Order(6)
    void anEditorWhoseSessionEndsWhileTypingSignsInAgainAndSendsWhatHeTyped() {
        openEditForm(bob, "bob");
        String typed = "Tugarinov's memorandum, summarised while the session ran out.";
        replace(bob.find("textarea#summary"), typed);
        bob.find("input#note").sendKeys("Summary from the scan");
        try (org.dossier.app.Database db = org.dossier.app.Database.open(catalogue.database())) {
            db.dsl().deleteFrom(org.dossier.db.Tables.ACCOUNT_SESSION).execute();
        }
        bob.clickToNextPage(bob.find("form.record-form button[type=submit]"));
        assertTrue(bob.find(".login .form-problem").getText().contains("nothing was saved yet"), bob.find(".login").getText());
        assertEquals(List.of(), org.dossier.testing.Axe.violations(bob), "the sign-in form that carries the save");

        Editors.signIn(bob, "bob");
        assertEquals(List.of(), org.dossier.testing.Axe.violations(bob), "the page that sends it again");
        // The focus on what there is to do, described by why: it stayed at the top of the page.
        assertEquals("Send it again", bob.focused().getText());
        assertTrue(bob.find("#" + bob.focused().getAttribute("aria-describedby")).getText().startsWith("You are signed in again."));
        bob.clickToNextPage(bob.find("form.send-again-form button[type=submit]"));
        bob.waitForUrlContaining("saved=");
        assertEquals(typed, bob.find(".record-summary p").getText());
    }

    /**
     * The picker says how many people or places match once the typing pauses: it said a count after
     * every letter, over a screen reader's echo of the next one. What a button did is said at once.
     */
    @Test
    @Order(7)
    void thePickerSaysHowManyMatchOnceTheTypingPausesAndWhatWasAddedAtOnce() {
        openEditForm(bob, "bob");
        WebElement find = bob.find("fieldset[data-picker=place] input.picker-find");
        bob.script("""
                var status = arguments[0];
                window.said = [];
                new MutationObserver(function () { said.push(status.textContent); })
                    .observe(status, {childList: true, characterData: true, subtree: true});
                """, bob.find("fieldset[data-picker=place] .picker-status"));
        find.sendKeys("Kor");
        assertFalse(bob.findAll("fieldset[data-picker=place] button.picker-add").isEmpty(), "the matches are shown as one types");
        bob.until(d -> !((List<?>) bob.script("return window.said;")).isEmpty());
        assertEquals(List.of(bob.find("fieldset[data-picker=place] .picker-status").getAttribute("textContent")),
                bob.script("return window.said;"), "said once, for the three letters typed");
        assertTrue(((String) bob.script("return window.said[0];")).matches("\\d+ match(es)?\\.|.*first 8 shown\\."),
                (String) bob.script("return window.said[0];"));
        WebElement add = bob.find("fieldset[data-picker=place] button.picker-add");
        String name = add.getAttribute("data-name");
        add.click();
        assertEquals(name + " added.", bob.find("fieldset[data-picker=place] .picker-status").getAttribute("textContent"));
    }

    /**
     * Escape closes the matches the picker opened, from its box (a search field, which Escape
     * empties) and from a match reached with Tab, whence the focus goes back to the box: from a match
     * Escape did nothing, and the matches stayed open.
     */
    @Test
    @Order(8)
    void escapeFromThePickersMatchesClosesThemAndGoesBackToItsBox() {
        openEditForm(bob, "bob");
        WebElement find = bob.find("fieldset[data-picker=place] input.picker-find");
        find.sendKeys("Kor");
        assertFalse(bob.findAll("fieldset[data-picker=place] button.picker-add").isEmpty());
        find.sendKeys(Keys.ESCAPE);
        assertTrue(bob.findAll("fieldset[data-picker=place] button.picker-add").isEmpty(), "closed from the box");
        find.sendKeys("Kor");
        WebElement match = bob.tab();
        assertTrue(match.getAttribute("class").contains("picker-add"), match.getText());
        match.sendKeys(Keys.ESCAPE);
        assertTrue(bob.findAll("fieldset[data-picker=place] button.picker-add").isEmpty(), "closed from a match");
        assertEquals(find, bob.focused(), "the focus back in the box");
        assertEquals("", find.getAttribute("value"));
    }
}
