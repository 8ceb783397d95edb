package org.dossier.editing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.dossier.accounts.Role;
import org.dossier.testing.Axe;
import org.dossier.testing.Browser;
import org.dossier.testing.SeededCatalogue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.Select;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.dossier.testing.StartedFirst;

/**
 * An editor keeps a person in a real browser: creates it, links the records that name it, sees them
 * counted, meets an alias clash and a stale save, restores, merges and unmerges; every page of it
 * passes axe-core at a desktop's and a phone's width. Then the same form in a browser without
 * JavaScript.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ResourceLock(Browser.ONE_AT_A_TIME)
@StartedFirst(seconds = 15)
class AuthorityBrowserTest {

    @RegisterExtension
    final SeededCatalogue catalogue = SeededCatalogue.ownedByTheClass();
    private Browser browser;
    private final List<String> failures = new ArrayList<>();

    @BeforeAll
    void start() {
        Editors.add(catalogue, "alice", Role.EDITOR);
        Editors.add(catalogue, "bob", Role.EDITOR);
    }

    private String url(String path) {
        return catalogue.baseUrl() + path;
    }

    private void signIn(Browser browser) {
        browser.open(url("/admin/login"));
        Editors.signIn(browser, "alice");
    }

    /** Clicks and waits until the page it was on is gone: the next page is the answer. */
    private static void submit(Browser browser, WebElement button) {
        browser.clickToNextPage(button);
    }

    private void check(String name) {
        for (boolean phone : new boolean[] {false, true}) {
            browser.screen(phone);
            Axe.violations(browser).forEach(v -> failures.add(name + (phone ? " (phone)" : " (desktop)") + ": " + v));
        }
        browser.desktop();
    }

    private void visit(String name, String path) {
        browser.open(url(path));
        check(name);
    }

    private void createOrganisation(Browser browser, String name) {
        browser.open(url("/admin/people/new"));
        browser.find("#name").sendKeys(name);
        new Select(browser.find("#kind")).selectByValue("organisation");
        browser.find("#note").sendKeys("Named in the records");
        submit(browser, browser.find("form.authority-form button[type=submit]"));
    }

    @Test
    void anEditorKeepsAPersonAndEveryPageOfItPassesAxe() {
        browser = Browser.start();
        try {
            signIn(browser);
            visit("people", "/admin/people");
            visit("new person", "/admin/people/new");

            createOrganisation(browser, "Red Army");
            assertTrue(browser.currentUrl().endsWith("/admin/people/red-army/link?saved=1"), browser.currentUrl());
            assertEquals("2", browser.find(".link-count").getText());
            check("records to link");
            // A later page of them, as a common name in a large catalogue is read, a page at a time.
            visit("records to link, a later page", "/admin/people/red-army/link?after=1");
            assertEquals("Back to the first records", browser.find(".pager a").getText());
            browser.open(url("/admin/people/red-army/link"));
            submit(browser, browser.find("form.link-form button[type=submit]"));
            assertTrue(browser.find("p.notice").getText().startsWith("Linked 2 records"));
            browser.open(url("/search?q=army"));
            WebElement facet = browser.driver().findElement(By.xpath("//a[contains(@href,'person=red-army')]"));
            assertTrue(facet.getText().contains("Red Army") && facet.getText().contains("2"), facet.getText());

            // A form another person has: refused, with a link to them, and what was typed kept.
            browser.open(url("/admin/people/red-army/edit"));
            check("person form");
            browser.find("#alias-0").sendKeys("Filippov");
            browser.find("#note").sendKeys("Another name");
            submit(browser, browser.find("form.authority-form button[type=submit]"));
            assertTrue(browser.find("#alias-0-error").getText().contains("Joseph Stalin"));
            assertEquals("Filippov", browser.find("#alias-0").getAttribute("value"));
            check("person form with a clash");

            // A save from another tab while the form is open: the conflict page.
            browser.open(url("/admin/people/red-army/edit"));
            String first = browser.driver().getWindowHandle();
            browser.driver().switchTo().newWindow(WindowType.TAB);
            browser.open(url("/admin/people/red-army/edit"));
            browser.find("#description").sendKeys("The Soviet land forces until 1946");
            browser.find("#note").sendKeys("Who they were");
            submit(browser, browser.find("form.authority-form button[type=submit]"));
            browser.driver().close();
            browser.driver().switchTo().window(first);
            browser.find("#alias-0").sendKeys("RKKA");
            new Select(browser.find("#alias-kind-0")).selectByValue("abbreviation");
            browser.find("#note").sendKeys("Its abbreviation");
            submit(browser, browser.find("form.authority-form button[type=submit]"));
            assertTrue(browser.find(".conflict").isDisplayed());
            assertEquals("RKKA", browser.find("#alias-0").getAttribute("value"));
            check("person form in conflict");
            submit(browser, browser.find("form.authority-form button[type=submit]"));
            assertTrue(browser.currentUrl().contains("/link?saved=3"), browser.currentUrl());

            visit("person's history", "/people/red-army/history");
            visit("person's version with a diff", "/people/red-army/history/3");
            browser.open(url("/people/red-army/history/2"));
            browser.find("#note").clear();
            submit(browser, browser.find("form.restore-form button[type=submit]"));
            assertEquals("note", browser.focused().getAttribute("id"), "a refused restore: the focus on its note");
            assertEquals("restore-problem", browser.find("#note").getAttribute("aria-describedby"));
            browser.find("#note").sendKeys("Without the abbreviation");
            submit(browser, browser.find("form.restore-form button[type=submit]"));
            assertTrue(browser.currentUrl().endsWith("/people/red-army/history?restored=2&as=4"), browser.currentUrl());
            assertEquals("Restored version 2 as version 4.", browser.find(".saved-notice").getText());
            check("person's history after a restore");
            assertEquals(4, browser.findAll("li.revision").size());
            // An organisation's versions are headings in the browser's accessibility tree, as a
            // screen reader moves between them, each named by its number, when and who.
            List<String> heads = browser.findAll("li.revision > h2").stream().map(h -> h.getAriaRole() + ": "
                    + h.getAccessibleName().replaceAll(" · .*", "")).toList();
            assertEquals(List.of("heading: Version 4 (current)", "heading: Version 3", "heading: Version 2",
                    "heading: Version 1"), heads);

            // Two entries for one: merge, follow the old address, undo by a restore.
            createOrganisation(browser, "Soviet Army");
            visit("merge form", "/admin/people/red-army/merge");
            // "Merge Red Army into another", one line where it fits: the name was a block between
            // "Merge" and "into another", three lines. The centres of its pieces, within a letter's height.
            assertEquals(true, browser.script("var h = document.querySelector('main h1'); var r = document.createRange();"
                    + " r.selectNodeContents(h); var c = [...r.getClientRects()].filter(x => x.width > 0).map(x => x.top + x.height / 2);"
                    + " return Math.max(...c) - Math.min(...c) < parseFloat(getComputedStyle(h).fontSize);"),
                    "the merge form's heading on one line: " + browser.find("main h1").getText());
            // Refused (no survivor, no note): each field marked and described by its own message.
            submit(browser, browser.find("form.merge-form button[type=submit]"));
            assertTrue(browser.focused().getAttribute("class").contains("error-summary"), "the focus is on what went wrong");
            for (String field : List.of("survivor", "note")) {
                assertEquals("true", browser.find("#" + field).getAttribute("aria-invalid"), field);
                String describedBy = browser.find("#" + field).getAttribute("aria-describedby");
                assertEquals(field + "-error", describedBy, field);
                assertFalse(browser.find("#" + describedBy).getText().isBlank(), field);
            }
            check("merge form refused");
            new Select(browser.find("#survivor")).selectByValue("soviet-army");
            browser.find("#note").sendKeys("One army");
            submit(browser, browser.find("form.merge-form button[type=submit]"));
            assertTrue(browser.currentUrl().endsWith("/people/soviet-army"), browser.currentUrl());
            browser.open(url("/people/red-army"));
            assertTrue(browser.currentUrl().endsWith("/people/soviet-army"), "the old key leads to the survivor");
            visit("history of one merged away", "/people/red-army/history");
            assertEquals("Merged into Soviet Army.", browser.find("p.notice").getText());
            visit("survivor's merge", "/people/soviet-army/history/2");
            assertTrue(browser.find("dl.diff").getText().contains("2 records came here from Red Army (red-army)"),
                    browser.find("dl.diff").getText());
            visit("survivor's version from before the merge", "/people/soviet-army/history/1");
            assertTrue(browser.find(".merged-since").getText().startsWith("Red Army was merged into this organisation"));
            browser.open(url("/people/red-army/history/4"));
            browser.find("#note").sendKeys("Two armies after all");
            submit(browser, browser.find("form.restore-form button[type=submit]"));
            browser.open(url("/people/red-army"));
            assertTrue(browser.currentUrl().endsWith("/people/red-army"), browser.currentUrl());

            // A version of another name restored keeps the name it has, as a rename does: said first, with the box.
            browser.open(url("/admin/people/soviet-army/edit"));
            browser.find("#name").clear();
            browser.find("#name").sendKeys("Soviet Armed Forces");
            browser.find("#note").sendKeys("Its name from 1946");
            submit(browser, browser.find("form.authority-form button[type=submit]"));
            visit("restore of another name", "/people/soviet-army/history/3");
            assertTrue(browser.find("#restore-keeps").getText().contains("keeps “Soviet Armed Forces”"),
                    browser.find("#restore-keeps").getText());
            browser.find("#note").sendKeys("The name the records use");
            submit(browser, browser.find("form.restore-form button[type=submit]"));
            assertTrue(browser.currentUrl().contains("/people/soviet-army/history?restored=3&as="), browser.currentUrl());
            browser.open(url("/admin/people/soviet-army/edit"));
            assertEquals("Soviet Armed Forces", browser.find("#alias-0").getAttribute("value"));
            assertEquals("former", new Select(browser.find("#alias-kind-0")).getFirstSelectedOption().getAttribute("value"));

            // Retyped as a person with its sort form kept: asked first how it will be cited, then saved as shown.
            createOrganisation(browser, "Executive Committee of the Comintern");
            browser.open(url("/admin/people/executive-committee-of-the-comintern/edit"));
            new Select(browser.find("#kind")).selectByValue("person");
            browser.find("#note").sendKeys("Signed as a person");
            submit(browser, browser.find("form.authority-form button[type=submit]"));
            assertTrue(browser.find("#sort_name-error").getText().startsWith("As a person, “Executive Committee of the Comintern” "
                    + "is cited with the family name “Executive”"), browser.find("#sort_name-error").getText());
            check("organisation form asking how it is cited as a person");
            submit(browser, browser.find("form.authority-form button[type=submit]"));
            assertTrue(browser.currentUrl().contains("/link?saved=2"), browser.currentUrl());
        } finally {
            browser.close();
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void theFormsWorkWithoutJavaScript() {
        try (Browser plain = Browser.startWithoutJavaScript()) {
            signIn(plain);
            plain.open(url("/admin/places/new"));
            plain.find("#name").sendKeys("Gdańsk");
            plain.find("#alias-0").sendKeys("Danzig");
            new Select(plain.find("#alias-kind-0")).selectByValue("former");
            plain.find("#note").sendKeys("Named in a record");
            submit(plain, plain.find("form.authority-form button[type=submit]"));
            assertTrue(plain.currentUrl().endsWith("/admin/places/gdansk/link?saved=1"), plain.currentUrl());
            plain.open(url("/places/gdansk"));
            assertTrue(plain.find(".aliases").getText().contains("Danzig"));
        }
    }
}
