package org.dossier.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.dossier.editing.Editors;
import org.dossier.testing.Axe;
import org.dossier.testing.Browser;
import org.dossier.testing.SeededCatalogue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.openqa.selenium.WebElement;

/**
 * A record described in the language it is written in, and people named in a script written right
 * to left, as a reader meets them: a screen reader chooses its voice by {@code lang}, and the page
 * sets what an editor wrote apart from the English around it ({@code dir="auto"}), so that its
 * direction turns nothing around it. The records and names are changed through the editor's forms,
 * as an editor would, so that the search index follows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ResourceLock(Browser.ONE_AT_A_TIME)
class LanguagesAndDirectionBrowserTest {

    private static final String RUSSIAN_TITLE = "Запись беседы товарища И. В. Сталина с польским профессором Ланге";
    private static final String RUSSIAN_PARAGRAPH = "Беседа о польской армии и о правительстве в Лондоне.";
    private static final String ENGLISH_PARAGRAPH = "Stalin and Lange discuss the Polish Army.";
    /** Two people's names in Hebrew letters, written one after the other in a sentence of English. */
    private static final List<String> HEBREW_NAMES = List.of("יוסף סטלין", "ויאצ'סלב מולוטוב");
    /** A place named in Arabic. */
    private static final String ARABIC_PLACE = "موسكو (الاتحاد السوفيتي)";

    @RegisterExtension
    final SeededCatalogue catalogue = SeededCatalogue.ownedByTheClass();
    @RegisterExtension
    final Browser browser = Browser.forTheClass();
    private String conversation;
    private List<String> keys;

    @BeforeAll
    void start() {
        Editors.signInAsNewEditor(catalogue, browser, "alice");

        int id = catalogue.recordTitled("Conversation of Comrade I.V. Stalin and Comrade V.M. Molotov with Polish Professor Lange");
        browser.open(url("/admin/documents/" + id + "/edit"));
        browser.retype("#title", RUSSIAN_TITLE);
        browser.retype("#summary", RUSSIAN_PARAGRAPH + "\n\n" + ENGLISH_PARAGRAPH);
        browser.retype("#languages", "Russian");
        browser.find("#note").sendKeys("Described in Russian");
        browser.clickToNextPage(browser.find("form.record-form button[type=submit]"));
        browser.waitForUrlContaining("saved=");
        conversation = "/documents/" + id;

        // The first two people named under the title ("Between Stalin, Molotov and Lange"), renamed in Hebrew.
        browser.open(url(conversation));
        @SuppressWarnings("unchecked")
        List<String> people = (List<String>) browser.script("return [...document.querySelectorAll("
                + "'.record-correspondence a.person')].map(a => a.pathname.replace('/people/', ''));");
        assertTrue(people.size() >= 3, "three people at least under the title: " + people);
        keys = people;
        for (int i = 0; i < 2; i++) {
            browser.open(url("/admin/people/" + keys.get(i) + "/edit"));
            browser.retype("#name", HEBREW_NAMES.get(i));
            browser.find("#note").sendKeys("Named in Hebrew");
            browser.clickToNextPage(browser.find("form.authority-form button[type=submit]"));
            browser.waitForUrlNotContaining("/edit");
        }
        browser.open(url(conversation));
        String place = browser.find(".record-facts .inline-list:not(.people-in-role) a").getAttribute("pathname");
        browser.open(url("/admin" + place + "/edit"));
        browser.retype("#name", ARABIC_PLACE);
        browser.find("#note").sendKeys("Named in Arabic");
        browser.clickToNextPage(browser.find("form.authority-form button[type=submit]"));
        browser.waitForUrlNotContaining("/edit");
        browser.open(url(conversation));
        assertEquals(HEBREW_NAMES, browser.script("return [...document.querySelectorAll('.record-correspondence a.person')]"
                + ".slice(0, 2).map(a => a.textContent);"), "renamed");
    }

    private String url(String path) {
        return catalogue.baseUrl() + path;
    }

    /** The left edges of the first two elements {@code selector} finds, in the page's order. */
    @SuppressWarnings("unchecked")
    private List<Number> lefts(String selector) {
        return (List<Number>) browser.script("return [...document.querySelectorAll(arguments[0])].slice(0, 2)"
                + ".map(e => e.getBoundingClientRect().left);", selector);
    }

    /** The language an element's text is read in: its own {@code lang} or its nearest ancestor's. */
    private String lang(String selector) {
        return (String) browser.script("return document.querySelector(arguments[0]).closest('[lang]').lang;", selector);
    }

    @Test
    void aTitleAndParagraphWrittenInTheRecordsLanguageAreReadInItAndTheEnglishAroundThemInEnglish() {
        browser.open(url(conversation));
        assertEquals("ru", lang("h1.record-title"));
        assertEquals(List.of(), Axe.violations(browser));
        assertEquals(List.of("ru", "en"), browser.script("return [...document.querySelectorAll('.record-summary p')]"
                + ".map(p => p.closest('[lang]').lang);"), "each paragraph in its own language");
        assertEquals("en", lang(".record-facts"), "the facts stay English");
        assertEquals("en", lang(".cite"), "and the citation around the title");
        assertEquals("ru", lang("#citation-chicago-note span[dir=auto]"), "the title in the citation: Russian");
        browser.open(url(conversation + "/v/2"));
        assertEquals("ru", lang("h1.record-title"), "on the page of the version that says so");
        browser.open(url(conversation + "/v/1"));
        assertEquals("en", lang("h1.record-title"), "and not on the English version before it");

        browser.open(url("/search?q=" + URLEncoder.encode("беседа", StandardCharsets.UTF_8)));
        assertEquals("ru", lang(".result-title a"), "in a search's results");
        assertEquals("ru", lang(".result-summary"), "its snippet too");
        assertEquals(List.of(), Axe.violations(browser), "axe, whose valid-lang rule reads every lang");
        // By title, a title in Cyrillic comes after the Latin ones: on the listing's last page.
        browser.open(url("/?sort=title"));
        List<WebElement> pages = browser.findAll(".pager ol li a");
        if (!pages.isEmpty()) {
            browser.open(pages.get(pages.size() - 1).getAttribute("href"));
        }
        assertEquals("ru", browser.script("return [...document.querySelectorAll('.result-title a')]"
                + ".find(a => a.textContent === arguments[0]).closest('[lang]').lang;", RUSSIAN_TITLE), "in the listing");

        // An English title of a record written in Russian is English: the record's languages are the
        // document's, not its description's.
        browser.open(url("/documents/" + catalogue.recordTitled("Letter to Stalin from the Commanders and Soldiers")));
        assertEquals("en", lang("h1.record-title"));
    }

    /**
     * In the edit form, the history and the diff, the Russian title is read as it is on the record's
     * page: its box, the headings that name it, and what the diff took out (English) and put in
     * (Russian) each in its own language. They were all read with the page's English voice.
     */
    @Test
    void theEditFormTheHistoryAndTheDiffReadTheRussianTitleInRussianAndTheEnglishItReplacedInEnglish() {
        String ownLang = "return document.querySelector(arguments[0]).lang;";
        browser.open(url("/admin" + conversation + "/edit"));
        assertEquals("ru", browser.script(ownLang, "#title"), "the title's box");
        assertEquals("ru", lang("h1 .edited-title"));
        assertEquals("", browser.script(ownLang, "#summary"), "a summary in Russian and English is neither");
        assertEquals("auto", browser.find("#title").getAttribute("dir"));
        assertEquals("auto", browser.find("#summary").getAttribute("dir"));

        browser.open(url(conversation + "/history"));
        assertEquals("ru", lang("h1 .edited-title"));
        browser.open(url(conversation + "/history/2"));
        assertEquals("ru", lang("h1 .edited-title"));
        @SuppressWarnings("unchecked")
        List<String> title = (List<String>) browser.script("return [...[...document.querySelectorAll('.diff dt')]"
                + ".find(dt => dt.textContent === 'Title').nextElementSibling.querySelectorAll('del, ins')]"
                + ".map(e => e.tagName + ' ' + e.closest('[lang]').lang);");
        assertEquals(List.of("DEL en", "INS ru"), title, "the English title taken out, the Russian put in");
        assertEquals(List.of("Title auto", "Languages ", "Summary auto"), browser.script("return [...document.querySelectorAll('.diff dt')]"
                + ".map(dt => dt.textContent + ' ' + dt.nextElementSibling.dir);"), "what was written in its own direction, a fact in the page's");
        assertEquals(List.of(), Axe.violations(browser));
    }

    /**
     * What an editor wrote about a person, and the note they saved it with, each in its own
     * direction wherever it is shown, as a record's summary is: the person's page, its history and
     * its version's page; the note's box too, as the form's other boxes. Written right to left, they
     * were laid out in the page's direction, their punctuation at the wrong end.
     */
    @Test
    void aPersonsDescriptionAndTheNoteItWasSavedWithAreEachInTheirOwnDirection() {
        String about = "שר החוץ של ברית המועצות.";
        String note = "נכתב בעברית.";
        String person = "/people/" + keys.get(1);
        browser.open(url("/admin" + person + "/edit"));
        assertEquals("auto", browser.find("#note").getAttribute("dir"), "the note's box");
        browser.retype("#description", about);
        browser.find("#note").sendKeys(note);
        browser.clickToNextPage(browser.find("form.authority-form button[type=submit]"));
        browser.waitForUrlNotContaining("/edit");

        String isolated = "var e = document.querySelector(arguments[0]); var s = getComputedStyle(e);"
                + " return e.textContent.trim() + ': ' + s.unicodeBidi + ' ' + s.direction;";
        browser.open(url(person));
        assertEquals(about + ": isolate rtl", browser.script(isolated, "p.lead"), "the description on the person's page");
        browser.open(url(person + "/history"));
        assertEquals(note + ": isolate rtl", browser.script(isolated, ".revision-note"), "the newest version's note");
        browser.open(url(person + "/history/" + browser.find(".revision .version-name").getText().replace("Version ", "")));
        assertEquals(note + ": isolate rtl", browser.script(isolated, ".revision-note"), "the note on the version's page");
        assertEquals(List.of(), Axe.violations(browser));
    }

    /** The merge form lists the names that move in a sentence: each set apart, as in the record's facts. */
    @Test
    void theMergeFormSetsApartEachNameItListsInItsSentence() {
        browser.open(url("/admin/people/" + keys.get(0) + "/merge"));
        assertEquals(HEBREW_NAMES.get(0) + ": isolate rtl", browser.script("var e = [...document.querySelectorAll('main p span')]"
                + ".find(s => s.textContent === arguments[0]); var s = getComputedStyle(e);"
                + " return e.textContent + ': ' + s.unicodeBidi + ' ' + s.direction;", HEBREW_NAMES.get(0)));
    }

    @Test
    void namesWrittenRightToLeftKeepTheirOrderInASentenceAndAreSetApartInChipsAndFacets() {
        browser.open(url(conversation));
        // In "Between A, B and C" with A and B in Hebrew, the comma between them is taken into their
        // direction: B was shown first, where A stands.
        List<Number> lefts = lefts(".record-correspondence a.person");
        assertTrue(lefts.get(0).doubleValue() < lefts.get(1).doubleValue(),
                "the first name stands first: " + lefts + " in " + browser.find(".record-correspondence").getText());
        // So in how a search with three people ticked was read: "People: any of A, B or C".
        browser.open(url("/search?person=" + String.join("&person=", keys.subList(0, 3))));
        lefts = lefts(".facet-logic-names span");
        assertTrue(lefts.get(0).doubleValue() < lefts.get(1).doubleValue(),
                "the first name ticked stands first: " + lefts + " in " + browser.find(".facet-logic").getText());

        String isolated = "var e = document.querySelector(arguments[0]); var s = getComputedStyle(e);"
                + " return e.textContent.trim() + ': ' + s.unicodeBidi + ' ' + s.direction;";
        // Each name and place in the facts, in its own direction.
        browser.open(url(conversation));
        assertEquals(HEBREW_NAMES.get(0) + ": isolate rtl", browser.script(isolated, ".people-in-role li"));
        assertEquals(ARABIC_PLACE + ": isolate rtl", browser.script(isolated, ".record-facts .inline-list:not(.people-in-role) li"));
        browser.open(url("/search?person=" + keys.get(0)));
        assertEquals(HEBREW_NAMES.get(0) + ": isolate rtl", browser.script(isolated, ".chip-label"));
        assertEquals(HEBREW_NAMES.get(0) + ": isolate rtl", browser.script(isolated,
                "section.facet[data-facet=person] .facet-value.selected .facet-label"));
        // A suggestion under the box: its name set apart from the kind and count written after it.
        browser.open(url("/search"));
        browser.find("#search-q").sendKeys(HEBREW_NAMES.get(0).substring(0, 3));
        browser.until(d -> !browser.findAll(".suggest-option .suggest-text").isEmpty());
        assertEquals(HEBREW_NAMES.get(0) + ": isolate rtl", browser.script(isolated, ".suggest-option .suggest-text"));
        browser.open(url("/search?q=" + URLEncoder.encode("מולוטוב", StandardCharsets.UTF_8)));
        assertEquals("rtl", browser.script("return getComputedStyle(document.querySelector('#search-q')).direction;"),
                "a search typed right to left is shown so in its box");
        assertEquals("ltr", browser.script("return getComputedStyle(document.querySelector('#search-q').form).direction;"));
    }

    /**
     * Two editors save the record with the Hebrew names one after the other: the second is shown
     * what the first saved ("Saved now"), its people and places each set apart in its own
     * direction as on the record's page. Joined with their roles and "; " in one run of text, a
     * name took the punctuation around it into its direction, and two such swapped places.
     */
    @Test
    void theConflictPanelSetsApartEachNameOfTheVersionSavedMeanwhile() {
        browser.open(url("/admin" + conversation + "/edit"));
        browser.retype("#date", "1943");
        browser.find("#note").sendKeys("Only the year is known");
        try (Browser bob = Editors.signedInBrowser(catalogue, "bob")) {
            bob.open(url("/admin" + conversation + "/edit"));
            bob.retype("#date", "May 1943");
            bob.find("#note").sendKeys("The month is known");
            bob.clickToNextPage(bob.find("form.record-form button[type=submit]"));
            bob.waitForUrlContaining("saved=");
        }
        browser.clickToNextPage(browser.find("form.record-form button[type=submit]"));
        assertTrue(browser.find(".conflict").getText().contains("Since then bob saved"), browser.find(".conflict").getText());

        String isolated = "var e = [...document.querySelectorAll('.saved-version dd span')]"
                + ".find(s => s.textContent.includes(arguments[0])); var s = getComputedStyle(e);"
                + " return e.textContent + ': ' + s.unicodeBidi + ' ' + s.direction;";
        for (String name : HEBREW_NAMES) {
            assertEquals(name + ": isolate rtl", browser.script(isolated, name), "a person's name, without its role");
        }
        assertEquals(ARABIC_PLACE + ": isolate rtl", browser.script(isolated, ARABIC_PLACE), "a place's name");
        @SuppressWarnings("unchecked")
        List<Number> lefts = (List<Number>) browser.script("var spans = [...document.querySelectorAll('.saved-version dd span')];"
                + " return arguments[0].map(n => spans.find(s => s.textContent.includes(n)).getBoundingClientRect().left);",
                HEBREW_NAMES);
        assertTrue(lefts.get(0).doubleValue() < lefts.get(1).doubleValue(), "the first name stands first: " + lefts);
        assertEquals(List.of(), Axe.violations(browser), "the conflict page");
    }
}
