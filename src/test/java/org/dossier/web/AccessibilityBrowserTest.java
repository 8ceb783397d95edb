package org.dossier.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dossier.app.Database;
import org.dossier.accounts.Role;
import org.dossier.editing.Editors;
import org.dossier.testing.Axe;
import org.dossier.testing.Browser;
import org.dossier.testing.HeldFirstStart;
import org.dossier.testing.SeededCatalogue;
import org.dossier.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.dossier.testing.StartedFirst;

/**
 * axe-core over every kind of page the catalogue serves — a reader's, an editor's, an error or a
 * conflict — at a desktop's width and a phone's, and in the dark colours a reader's system may ask
 * for (at a phone's width, whose layout sets the most boxes on coloured backgrounds): any violation
 * of any impact fails. One browser for the whole class; every failure is collected so that one run
 * names them all.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ResourceLock(Browser.ONE_AT_A_TIME)
@StartedFirst(seconds = 52) // CI 2026-12-05: 51–55 s, most of it axe
class AccessibilityBrowserTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Set -Ddossier.screenshots=DIR to keep a picture of every page at both widths. */
    private static final String SCREENSHOTS = System.getProperty("dossier.screenshots");

    @RegisterExtension
    final SeededCatalogue catalogue = SeededCatalogue.ownedByTheClass();
    @RegisterExtension
    final Browser browser = Browser.forTheClass();
    /** The record whose pages a reader sees. */
    private int letter;
    /** The record saved from two tabs at once: the conflict page. */
    private int conversation;
    /** The record withdrawn and offered for reinstating. */
    private int malik;

    @BeforeAll
    void start() {
        letter = catalogue.recordTitled("Letter to Stalin from the Commanders and Soldiers");
        conversation = catalogue.recordTitled("Roman Catholic Priest Stanislaus Orlemanski");
        malik = catalogue.recordTitled("Malik, 'On the Question of a United Government in Korea'");
        try (Database db = Database.open(catalogue.database())) {
            Editors.add(db.dsl(), "alice", Role.ADMIN);
            // Seed pages say no language: two records are said to be written in some, so that the
            // language facet and a record's languages are on the pages checked.
            db.dsl().transaction(tx -> {
                tx.dsl().update(org.dossier.db.Tables.DOCUMENT)
                        .set(org.dossier.db.Tables.DOCUMENT.LANGUAGES, org.dossier.documents.Languages.stored("ko zh"))
                        .where(org.dossier.db.Tables.DOCUMENT.ID.in(letter, malik)).execute();
                org.dossier.documents.ChangeFeed.append(tx.dsl(), List.of(letter, malik), java.time.Instant.now());
            });
        }
    }

    private String record() {
        return "/documents/" + letter + "/letter-to-stalin-from-the-commanders-and-soldiers-of-the-korean-army-in-china";
    }

    private String url(String path) {
        return catalogue.baseUrl() + path;
    }

    /** Checks the page now shown at both widths, and dark at a phone's; returns what fails, named after the page. */
    private List<String> check(String name) {
        List<String> failures = new ArrayList<>();
        for (String view : new String[] {"desktop", "phone", "phone, dark"}) {
            if (view.startsWith("phone")) {
                browser.phone();
            } else {
                browser.desktop();
            }
            if (view.endsWith("dark")) {
                browser.emulateMedia("prefers-color-scheme", "dark");
            }
            for (String v : Axe.violations(browser)) {
                failures.add(name + " (" + view + "): " + v);
            }
            if (SCREENSHOTS != null) {
                browser.screenshot(Path.of(SCREENSHOTS, name.replaceAll("[^a-z0-9]+", "-") + "-" + view.replaceAll("[^a-z]+", "-") + ".png"));
            }
        }
        browser.plainMedia();
        browser.desktop();
        return failures;
    }

    /** The page now shown at 320 px with the text at twice its size: what scrolls sideways, and what axe finds. */
    private List<String> narrowWithLargeText(String name) {
        List<String> failures = new ArrayList<>();
        browser.viewport(320, 640);
        browser.textSize(200);
        try {
            if (pageWidth() > 320) {
                @SuppressWarnings("unchecked")
                List<String> wide = (List<String>) browser.script("""
                        var w = document.documentElement.clientWidth, out = [];
                        document.querySelectorAll('body *').forEach(function (e) {
                          var r = e.getBoundingClientRect();
                          if (r.right > w + 1 && r.width > 0) { out.push(e.tagName + '.' + e.className + ' ' + Math.round(r.left) + '-' + Math.round(r.right)); }
                        });
                        return out.slice(0, 6);""");
                failures.add(name + " (320 px, text 200%): " + pageWidth() + " px wide: " + wide);
            }
            Axe.violations(browser).forEach(v -> failures.add(name + " (320 px, text 200%): " + v));
        } finally {
            browser.textSize(100);
            browser.desktop();
        }
        return failures;
    }

    private List<String> visit(String name, String path) {
        browser.open(url(path));
        return check(name);
    }

    @Test
    @Order(1)
    void everyReadersPagePassesAxeAtDesktopAndPhoneWidths() {
        List<String> failures = new ArrayList<>();
        failures.addAll(visit("listing", "/"));
        failures.addAll(visit("search with filters", "/search?q=stalin&person=stalin&year=1950"));
        failures.addAll(visit("search with no hits", "/search?q=zanzibar&type=letter"));
        failures.addAll(visit("search with a reversed date range", "/search?q=korea&from=1953&to=1950"));
        failures.addAll(visit("search with its words given twice", "/search?q=korea&q=stalin&type=letter"));
        failures.addAll(visit("search in one year", "/search?person=lee-chang-chen"));
        failures.addAll(visit("facet values", "/search/facets/person?q=korea"));
        failures.addAll(visit("search by language", "/search?language=ko&language=zh&all=language"));
        failures.addAll(visit("person", "/people/stalin"));
        failures.addAll(visit("place", "/places/korea"));
        failures.addAll(visit("record", record()));
        failures.addAll(visit("version", "/documents/" + letter + "/v/1"));
        failures.addAll(visit("history", "/documents/" + letter + "/history"));
        failures.addAll(visit("revision", "/documents/" + letter + "/history/1"));
        failures.addAll(visit("not found", "/documents/99999")); // an id no record has
        // An address the record never had: the 404 links the permanent address.
        failures.addAll(visit("not found, with the permanent address", "/documents/" + letter + "/never-its-address"));
        failures.addAll(visit("facet values of no hits", "/search/facets/person?q=zzqxnothing"));
        failures.addAll(visit("facet values of a search they could not take", "/search/facets/person?type=letter&year=abc"));
        failures.addAll(visit("bad request", "/?page=abc"));
        failures.addAll(visit("sign in", "/admin/login"));
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    @Order(2)
    void everyEditorsPagePassesAxeAtDesktopAndPhoneWidths() {
        List<String> failures = new ArrayList<>();
        browser.open(url("/admin/login"));
        Editors.signIn(browser, "alice");
        browser.waitForUrlContaining("/admin");
        failures.addAll(visit("record, signed in", record()));
        failures.addAll(visit("edit form", "/admin/documents/" + letter + "/edit"));

        int tabs = 0;
        while (!"Save".equals(browser.tab().getText()) && tabs < 200) {
            tabs++;
        }
        assertTrue(tabs < 30, "the Save button is " + tabs + " Tabs away, people and places included");

        browser.find("#title").clear();
        // The answer has the same address as the form: wait for the form's page to be gone, not for
        // an address it already had (the error summary was once looked for on the old page).
        browser.clickToNextPage(browser.find("form.record-form button[type=submit]"));
        browser.waitForUrlContaining("/edit");
        assertTrue(browser.find(".error-summary").isDisplayed());
        assertTrue(browser.focused().getAttribute("class").contains("error-summary"), "the focus is on what went wrong");
        browser.find(".error-summary a[href='#title']").click();
        assertEquals("title", browser.focused().getAttribute("id"), "its links lead to the fields");
        failures.addAll(check("edit form with errors"));
        failures.addAll(narrowWithLargeText("edit form with errors"));

        failures.addAll(visit("new document", "/admin/documents/new"));
        failures.addAll(visit("users", "/admin/users"));
        // Every account's controls say whose they are: not "Password" or "Set" once per row.
        @SuppressWarnings("unchecked")
        List<String> names = (List<String>) browser.script("""
                return [...document.querySelectorAll('table.accounts tbody tr')].flatMap(function (row) {
                  var user = row.cells[0].textContent.trim();
                  return [...row.querySelectorAll('input:not([type=hidden]), button, summary')].map(function (c) {
                    var name = (c.labels && c.labels.length ? c.labels[0] : c).textContent.replace(/\\s+/g, ' ').trim();
                    return name.indexOf(user) >= 0 ? null : name;
                  }).filter(Boolean);
                });""");
        assertEquals(List.of(), names, "controls that do not name their account");
        assertTrue(browser.find("table.accounts caption").getAttribute("textContent").startsWith("Accounts"));

        // A save from elsewhere while the form is open: the conflict page.
        browser.open(url("/admin/documents/" + conversation + "/edit"));
        String opened = browser.currentUrl();
        String first = browser.driver().getWindowHandle();
        // A new tab made by WebDriver itself: a tab opened from the page's script can still be loading
        // when the switch arrives, which Chromium refuses ("aborted by navigation").
        browser.driver().switchTo().newWindow(WindowType.TAB);
        browser.open(opened);
        browser.find("#note").sendKeys("Checked the summary");
        browser.find("#summary").sendKeys(" Checked.");
        browser.find("form.record-form button[type=submit]").click();
        browser.waitForUrlNotContaining("/edit");
        browser.driver().close();
        browser.driver().switchTo().window(first);
        browser.find("#note").sendKeys("Checked the title");
        // The conflict page has the form's address: wait for the form's page to be gone.
        browser.clickToNextPage(browser.find("form.record-form button[type=submit]"));
        assertTrue(browser.find(".conflict").isDisplayed());
        assertTrue(browser.focused().getAttribute("class").contains("conflict"), "the focus is on what went wrong");
        failures.addAll(check("conflict"));
        failures.addAll(narrowWithLargeText("conflict"));
        // A restore refused at the foot of a long page: the focus comes down to the note, which the message describes.
        browser.open(url("/documents/" + conversation + "/history/1"));
        browser.find("#note").clear();
        browser.clickToNextPage(browser.find("form.restore-form button[type=submit]"));
        assertEquals("note", browser.focused().getAttribute("id"), "the focus is on the refused note");
        assertEquals("true", browser.find("#note").getAttribute("aria-invalid"));
        assertEquals("restore-problem", browser.find("#note").getAttribute("aria-describedby"));
        failures.addAll(visit("revision with a diff", "/documents/" + conversation + "/history/2"));
        failures.addAll(narrowWithLargeText("revision with a diff"));

        failures.addAll(visit("withdraw", "/admin/documents/" + malik + "/withdraw"));
        // Refused without a reason: the focus lands on the field, marked, which the message describes.
        browser.clickToNextPage(browser.find("form.stacked-form button[type=submit]"));
        assertEquals("reason", browser.focused().getAttribute("id"), "the focus is on the refused field");
        assertEquals("true", browser.find("#reason").getAttribute("aria-invalid"));
        assertEquals("withdraw-problem reason-hint", browser.find("#reason").getAttribute("aria-describedby"));
        failures.addAll(check("withdraw refused"));
        failures.addAll(narrowWithLargeText("withdraw refused"));
        browser.find("#reason").sendKeys("Duplicate of document 8");
        // The withdraw form's own address holds "/documents/<id>": wait for its page to be gone.
        browser.clickToNextPage(browser.find("form.stacked-form button[type=submit]"));
        browser.waitForUrlContaining("/documents/" + malik);
        failures.addAll(visit("withdrawn record (410)", "/documents/" + malik));
        failures.addAll(visit("version of a withdrawn record", "/documents/" + malik + "/v/1"));
        failures.addAll(visit("reinstate", "/admin/documents/" + malik + "/withdraw"));
        failures.addAll(visit("dashboard with a withdrawn record", "/admin"));
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    /** Signs in as alice unless the browser already is (the editor's walk above signs in). */
    private void signedIn() {
        browser.open(url("/admin"));
        if (browser.currentUrl().contains("/admin/login")) {
            Editors.signIn(browser, "alice");
            browser.waitForUrlContaining("/admin");
        }
    }

    /** Adds a record through the editor's form; returns the address of its page. */
    private String add(String title, String summary) {
        browser.open(url("/admin/documents/new"));
        browser.find("#title").sendKeys(title);
        browser.find("#date").sendKeys("1950");
        browser.find("#summary").sendKeys(summary);
        browser.find("#note").sendKeys("Added by the screens test");
        browser.clickToNextPage(browser.find("form.record-form button[type=submit]"));
        browser.waitForUrlContaining("saved=");
        return browser.currentUrl().replaceFirst("\\?.*", "").substring(catalogue.baseUrl().length());
    }

    /**
     * The page's width once its layout has settled: Chromium applies a new viewport and text size
     * (DevTools commands) a frame or so later, and a read in between gave a width the page did not
     * keep (in CI a first read said more than 320 px and the next 320). Each read is made after the
     * page's next two frames have begun, which come once those are applied, and reads go on until
     * two agree: what a fixed tenth of a second between reads waited for, without waiting it out
     * on every page (some thirty reads in this class).
     */
    private long pageWidth() {
        long width = scrollWidthTwoFramesOn();
        for (int read = 0; read < 30; read++) {
            long again = scrollWidthTwoFramesOn();
            if (again == width) {
                return width;
            }
            width = again;
        }
        return width;
    }

    private long scrollWidthTwoFramesOn() {
        return ((Number) ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeAsyncScript("""
                var done = arguments[arguments.length - 1];
                requestAnimationFrame(function () {
                  requestAnimationFrame(function () { done(document.documentElement.scrollWidth); });
                });""")).longValue();
    }

    @Test
    @Order(3)
    void aTitleThatIsOneLongWordOrAnAddressBreaksRatherThanWidenThePageAt320Pixels() {
        signedIn();
        String word = "Pneumonoultramicroscopicsilicovolcanoconiosispneumonoultramicroscopicsilicovolcanoconiosis";
        String record = add("https://archive.example.org/collections/korea/1950/telegrams/" + word,
                "Filed as " + word + word + ".");
        String history = record.replaceFirst("^(/documents/\\d+).*", "$1") + "/history";
        List<String> wide = new ArrayList<>();
        browser.viewport(320, 800);
        try {
            for (String path : List.of(record, history, history + "/1", "/search?q=pneumonoultramicroscopicsilicovolcanoconiosis*",
                    "/", "/admin", "/admin" + record.replaceFirst("^(/documents/\\d+).*", "$1") + "/edit")) {
                browser.open(url(path));
                if (pageWidth() > 320) {
                    wide.add(path + ": " + pageWidth() + " px wide");
                }
            }
        } finally {
            browser.desktop();
        }
        browser.open(url(record));
        assertTrue(pageWidth() <= Browser.DESKTOP_WIDTH, "at a desktop's width too: " + pageWidth());
        assertTrue(wide.isEmpty(), String.join("\n", wide));
    }

    /**
     * A refused sign-in: the focus had gone back to the username, where a screen reader said the name
     * and what it held but not why the form was back; it goes to the password, to type again.
     */
    @Test
    @Order(5)
    void aRefusedSignInPutsTheFocusOnThePasswordWhichTheMessageDescribes() {
        browser.forgetCookies();
        browser.open(url("/admin/login"));
        assertEquals("username", browser.focused().getAttribute("id"), "a first visit starts at the username");
        assertEquals(null, browser.find("#username").getAttribute("aria-describedby"));
        browser.find("#username").sendKeys("alice");
        browser.find("#password").sendKeys("not the password");
        browser.clickToNextPage(browser.find(".login button[type=submit]"));
        assertEquals("password", browser.focused().getAttribute("id"), "the focus is on the field to type again");
        assertEquals("true", browser.find("#password").getAttribute("aria-invalid"));
        assertEquals("login-problem", browser.find("#password").getAttribute("aria-describedby"));
        assertEquals("login-problem", browser.find("#username").getAttribute("aria-describedby"));
        assertEquals(null, browser.find("#username").getAttribute("aria-invalid"));
        assertEquals("alice", browser.find("#username").getAttribute("value"), "what was typed is kept");
        assertTrue(browser.find("#login-problem").getText().startsWith("Wrong username or password"));
        // Without the script, the page's own autofocus does the same.
        assertEquals(Boolean.TRUE, browser.script("return document.querySelector('#password').autofocus"
                + " && !document.querySelector('#username').autofocus;"));
        List<String> failures = check("sign in refused");
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    /**
     * A refused account change is said beside its form, where the focus goes: the message stood at the
     * top of the page with the focus, the add form's fields at its foot were described by nothing, and
     * a refused password did not say whose.
     */
    @Test
    @Order(6)
    void aRefusedAccountChangeTakesTheFocusToItsMessageBesideTheFormRefused() {
        signedIn();
        List<String> failures = new ArrayList<>();
        browser.open(url("/admin/users"));
        browser.find("#new-username").sendKeys("carol");
        browser.find("#new-password").sendKeys("short");
        browser.find("#new-again").sendKeys("short");
        browser.clickToNextPage(browser.find("form.add-account button[type=submit]"));
        assertEquals("new-password", browser.focused().getAttribute("id"), "the focus is on the field at fault");
        assertEquals("true", browser.focused().getAttribute("aria-invalid"));
        assertEquals("The password must have at least 10 characters.", browser.find("#add-problem").getText());
        assertTrue(browser.findAll("#users-problem").isEmpty(), "said once, at its form");
        assertEquals(browser.find("form.add-account"), browser.focused().findElement(org.openqa.selenium.By.xpath("ancestor::form")));
        assertEquals("carol", browser.find("#new-username").getAttribute("value"), "what was typed is kept");
        assertEquals("add-problem", browser.find("#new-username").getAttribute("aria-describedby"));
        assertEquals("add-problem", browser.find("#new-password").getAttribute("aria-describedby"));
        failures.addAll(check("accounts, a new account refused"));

        browser.open(url("/admin/users"));
        WebElement alices = browser.find("form[action='/admin/users/alice/password']");
        browser.find("details:has(form[action='/admin/users/alice/password']) > summary").click();
        alices.findElement(org.openqa.selenium.By.name("password")).sendKeys("one long password");
        alices.findElement(org.openqa.selenium.By.name("again")).sendKeys("another long one");
        browser.clickToNextPage(alices.findElement(org.openqa.selenium.By.cssSelector("button[type=submit]")));
        WebElement focused = browser.focused();
        assertEquals("password", focused.getAttribute("name"), "the focus is on the password refused");
        assertEquals("/admin/users/alice/password", focused.findElement(org.openqa.selenium.By.xpath("ancestor::form")).getAttribute("action")
                .substring(catalogue.baseUrl().length()), "alice's, in her form, open again");
        assertEquals("true", focused.getAttribute("aria-invalid"));
        assertEquals("The two passwords differ; type the same one twice.",
                browser.find("#" + focused.getAttribute("aria-describedby")).getText());
        assertTrue(browser.findAll("#users-problem").isEmpty(), "said once, at its form");
        failures.addAll(check("accounts, a password refused"));
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    @Order(4)
    void aRecordWrittenRightToLeftIsSetRightToLeftWhereverItsTitleAndSummaryAppear() {
        signedIn();
        String title = "رسالة إلى ستالين من القادة (الجزء الأول).";
        String record = add(title, "هذه رسالة باللغة العربية عن كوريا، كتبت عام 1950.");
        String direction = "return getComputedStyle(document.querySelector(arguments[0])).direction;";
        browser.open(url(record));
        assertEquals("rtl", browser.script(direction, "h1.record-title"));
        assertEquals("rtl", browser.script(direction, ".record-summary p"));
        assertEquals("ltr", browser.script(direction, ".record-facts"), "the page around it stays left to right");
        browser.open(url("/search?q=" + java.net.URLEncoder.encode("كوريا", java.nio.charset.StandardCharsets.UTF_8)));
        assertEquals("rtl", browser.script(direction, ".result-title a"));
        assertEquals("rtl", browser.script(direction, ".result-summary"));
        browser.open(url("/admin" + record.replaceFirst("^(/documents/\\d+).*", "$1") + "/edit"));
        assertEquals("rtl", browser.script(direction, "#title"), "typed right to left in the form");
        assertEquals("rtl", browser.script(direction, ".edited-title"));
    }

    /**
     * The pages few readers meet — a 405, a 404, a 400 (the listing's, and the search's, which keeps
     * what was typed; a facet's values and the editors' link page given what they cannot take), a person's edit and merge forms, a person's history and version, the accounts —
     * at 320 px with the text at twice its size: axe finds nothing, and none scrolls sideways.
     */
    @Test
    @Order(7)
    void theRarerPagesPassAxeAndScrollNoWiderThan320PixelsWithTwiceTheTextSize() {
        signedIn();
        List<String> failures = new ArrayList<>();
        for (String path : List.of("/admin/logout", "/documents/99999", "/?page=abc", "/?sort=sideways",
                "/search/facets/person?order=sideways", "/search/facets/person?year=abc&undated=maybe", "/people/stalin?page=abc", "/search?q=korea&page=abc", "/search?q=korea&q=stalin", "/admin/people/stalin/link?after=twelve&saved=x", "/admin/people/stalin/edit", "/admin/people/stalin/merge", "/people/stalin/history",
                "/people/stalin/history/1", "/places/korea/history", "/places/korea/history/1", "/admin/users")) {
            browser.open(url(path));
            browser.viewport(320, 640);
            browser.textSize(200);
            try {
                if (pageWidth() > 320) {
                    failures.add(path + ": " + pageWidth() + " px wide");
                }
                Axe.violations(browser).forEach(v -> failures.add(path + ": " + v));
            } finally {
                browser.textSize(100);
                browser.desktop();
            }
        }
        browser.open(url("/search?q=korea&page=abc"));
        assertEquals("korea", browser.find("#search-q").getAttribute("value"), "a refused search keeps what was typed");
        // WCAG 2.2's target size: each line of a refusal's summary is a link a reader taps on a phone.
        for (String path : List.of("/?sort=sideways", "/?page=abc&pageSize=0", "/search/facets/person?order=sideways",
                "/search/facets/person?year=abc&undated=maybe", "/people/stalin?page=abc",
                "/admin/people/stalin/link?after=twelve&saved=x")) {
            browser.open(url(path));
            for (WebElement link : browser.driver().findElements(By.cssSelector(".error-summary li a"))) {
                if (link.getRect().getHeight() < 24) {
                    failures.add(path + ": the summary's link '" + link.getText() + "' is " + link.getRect().getHeight() + " px tall");
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    /**
     * The page every address of a node answers while its first start imports the seed pages (a 503,
     * "The catalogue is being loaded", FirstStartTest) passes axe at both widths, keeps what was typed
     * and says what {@code /ready} says the node is doing. A node of its own, whose import the test holds.
     */
    @Test
    @Order(8)
    void thePageOfACatalogueBeingLoadedPassesAxeAtBothWidths(@TempDir Path folder) throws Exception {
        browser.forgetCookies(); // a reader who never signed in, as every reader of a node still loading is
        try (HeldFirstStart start = new HeldFirstStart(folder)) {
            browser.open(start.baseUrl + "/search?q=korea");
            assertEquals("korea", browser.find("#site-search-q").getAttribute("value"), "what was typed is kept");
            String phase = JSON.readTree(start.http.get("/ready").body()).get("phase").asText();
            assertTrue(browser.find("main").getText().contains(phase + "."), browser.find("main").getText());
            List<String> failures = new ArrayList<>();
            for (boolean phone : new boolean[] {false, true}) {
                browser.screen(phone);
                Axe.violations(browser).forEach(v -> failures.add((phone ? "phone: " : "desktop: ") + v));
            }
            browser.desktop();
            assertTrue(failures.isEmpty(), String.join("\n", failures));
        } finally {
            TestDatabase.forget(folder);
        }
    }

    /**
     * A search made while the node is still taking in a bulk write (another process's, 20,000 changes)
     * answers at once and says its results lack them: in its notice, and in its title, which a screen
     * reader says first (the notice, there as the page opens, is not announced, and a reader going
     * from heading to heading passed over it). The page passes axe at a desktop's width and at 320 px.
     * Last: the index is busy for a while after.
     */
    @Test
    @Order(9)
    void aSearchStillTakingInRecentChangesSaysSoInItsTitleAndPassesAxeAtBothWidths() {
        try (Database other = Database.open(catalogue.database())) {
            List<Integer> seeds = other.dsl().select(org.dossier.db.Tables.DOCUMENT.ID).from(org.dossier.db.Tables.DOCUMENT)
                    .fetch(org.dossier.db.Tables.DOCUMENT.ID);
            List<Integer> rewritten = new ArrayList<>();
            for (int i = 0; i < 20_000; i++) {
                rewritten.add(seeds.get(i % seeds.size()));
            }
            other.dsl().transaction(tx -> org.dossier.documents.ChangeFeed.append(tx.dsl(), rewritten, java.time.Instant.now()));
        }
        browser.open(url("/search?q=korea"));
        assertTrue(browser.find("p.notice[role=status]").getText().startsWith("Search is still taking in "),
                "the node is still behind: " + browser.find("main").getText());
        assertTrue(browser.driver().getTitle().endsWith("; still taking in recent changes) · Dossier"), browser.driver().getTitle());
        List<String> failures = new ArrayList<>();
        for (boolean narrow : new boolean[] {false, true}) {
            if (narrow) {
                browser.viewport(320, 640);
            }
            try {
                if (narrow && pageWidth() > 320) {
                    failures.add("320 px: " + pageWidth() + " px wide");
                }
                Axe.violations(browser).forEach(v -> failures.add((narrow ? "320 px: " : "desktop: ") + v));
            } finally {
                browser.desktop();
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }
}
