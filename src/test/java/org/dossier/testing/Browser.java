package org.dossier.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.platform.commons.support.AnnotationSupport;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's real Chromium, headless, driven by Debian's chromedriver. The binaries are named
 * explicitly so that Selenium Manager never runs and nothing is downloaded.
 *
 * <p>A class that uses one browser through all its tests registers it, as it registers its catalogue:
 *
 * <pre>{@code
 * @ResourceLock(Browser.ONE_AT_A_TIME)
 * class ReaderTest {
 *     @RegisterExtension
 *     static final SeededCatalogue catalogue = SeededCatalogue.sharedForReading();
 *     @RegisterExtension
 *     static final Browser browser = Browser.forTheClass();
 * }</pre>
 *
 * <p>It has a Chromium from before the class's first test (and its {@code @BeforeAll} methods) until
 * after its last (and its {@code @AfterAll} methods). It neither starts nor stops with the catalogue: it
 * reads it only in between, so the two extensions may start and stop in either order. A test that needs
 * a browser of its own asks for one with {@link #start()} in a try-with-resources. Closing either hands
 * its Chromium, cleared, to the next that asks (see {@link #close}).
 */
public final class Browser implements AutoCloseable, BeforeAllCallback, AfterAllCallback {

    public static final String CHROMIUM = "/usr/bin/chromium";
    public static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    /**
     * The lock every browser test class holds ({@code @ResourceLock(Browser.ONE_AT_A_TIME)}): test
     * classes run side by side, but one Chromium at a time, so that a browser's waits are never
     * starved of CPU by another browser. A lock is JUnit's to take before the class starts, which an
     * extension cannot do: a browser for a class that does not hold it is refused (by {@link #forTheClass()}
     * before the class's first test, by {@link #start()} when asked).
     */
    public static final String ONE_AT_A_TIME = "chromium";

    /**
     * Chromiums a class has closed, cleared and waiting for the next class, by whether they run
     * JavaScript. Starting Chromium and its driver costs about a second of CPU and 1.7 s, ten times
     * a run; what a class leaves behind is cleared instead (its cookies, cache, permissions,
     * viewport, text size, emulated media and extra tabs). All are quit when the test JVM exits.
     */
    private static final Map<Boolean, Deque<Chromium>> IDLE = Map.of(true, new ArrayDeque<>(), false, new ArrayDeque<>());
    private static final List<Chromium> STARTED = new ArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            synchronized (IDLE) {
                STARTED.forEach(Chromium::quit);
            }
        }, "browsers-quit"));
    }

    /** One Chromium process, its driver and the profile folder it writes: what is handed from class to class. */
    private record Chromium(ChromeDriver driver, Path profile) {

        void quit() {
            try {
                driver.quit();
            } catch (WebDriverException e) {
                // gone already: nothing to stop
            } finally {
                TestCatalogue.deleteRecursively(profile);
            }
        }
    }

    private final boolean javaScript;
    /** The Chromium this browser drives: none before the class's first test ({@link #forTheClass()}) and after {@link #close}. */
    private Chromium chromium;
    /** The script that shortens the typing pause on every new page, while a test has it so ({@link #typingPause}). */
    private String typingPause;

    private Browser(boolean javaScript) {
        this.javaScript = javaScript;
    }

    /** A browser for one test, started now: close it when done (try-with-resources). */
    public static Browser start() {
        return started(true);
    }

    /** A browser with JavaScript switched off, as some readers have it: pages must work without it. */
    public static Browser startWithoutJavaScript() {
        return started(false);
    }

    /** A browser for the test class: started before its first test, closed after its last (a {@code @RegisterExtension}). */
    public static Browser forTheClass() {
        return new Browser(true);
    }

    /** As {@link #forTheClass()}, with JavaScript switched off. */
    public static Browser forTheClassWithoutJavaScript() {
        return new Browser(false);
    }

    private static Browser started(boolean javaScript) {
        // The test asking is on the stack (an extension's callback is not: see beforeAll).
        List<Class<?>> callers = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                .walk(frames -> frames.<Class<?>>map(StackWalker.StackFrame::getDeclaringClass)
                        .filter(c -> c != Browser.class).toList());
        if (callers.stream().noneMatch(Browser::holdsTheLock)) {
            throw new IllegalStateException(callers.get(0).getSimpleName() + " starts a browser in a class that does "
                    + "not hold the lock that keeps two Chromiums from running at once: give the test class "
                    + "@ResourceLock(Browser.ONE_AT_A_TIME)");
        }
        Browser browser = new Browser(javaScript);
        browser.chromium = take(javaScript);
        return browser;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        if (!holdsTheLock(testClass)) {
            throw new IllegalStateException(testClass.getSimpleName() + " has a browser but not the lock that keeps "
                    + "two Chromiums from running at once: give it @ResourceLock(Browser.ONE_AT_A_TIME)");
        }
        chromium = take(javaScript);
    }

    /** Whether {@code type}, or a class it is declared in, holds {@link #ONE_AT_A_TIME} (to write: alone). */
    private static boolean holdsTheLock(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            boolean locked = AnnotationSupport.findRepeatableAnnotations(c, ResourceLock.class).stream()
                    .anyMatch(lock -> lock.value().equals(ONE_AT_A_TIME) && lock.mode() == ResourceAccessMode.READ_WRITE);
            if (locked) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** An idle Chromium of the kind asked for, or a new one. */
    private static Chromium take(boolean javaScript) {
        synchronized (IDLE) {
            Chromium idle = IDLE.get(javaScript).poll();
            if (idle != null) {
                return idle;
            }
        }
        Chromium started = launch(javaScript);
        synchronized (IDLE) {
            STARTED.add(started);
        }
        return started;
    }

    private static Chromium launch(boolean javaScript) {
        if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
            throw new IllegalStateException("Browser tests need Debian's chromium and chromium-driver "
                    + "(" + CHROMIUM + ", " + CHROMEDRIVER + "); bin/test installs them.");
        }
        try {
            Path profile = Files.createTempDirectory("dossier-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM);
            options.addArguments(
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--disable-default-apps", "--window-size=1280,900",
                    "--user-data-dir=" + profile,
                    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost");
            // The compositor's GPU process, which with the GPU off draws in software anyway, run as a
            // thread of the browser's: a process fewer to pass every frame to (BENCHMARKS.md, the
            // test suite's twenty-fifth round).
            options.addArguments("--in-process-gpu");
            if (!javaScript) {
                options.setExperimentalOption("prefs",
                        Map.of("profile.managed_default_content_settings.javascript", 2));
            }
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(CHROMEDRIVER))
                    .usingAnyFreePort()
                    .build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            return new Chromium(driver, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Chromium's desktop width. */
    public static final int DESKTOP_WIDTH = 1366;
    /** A common phone's screen in CSS pixels (390 x 844). */
    public static final int PHONE_WIDTH = 390;
    public static final int PHONE_HEIGHT = 844;

    /**
     * Sets the size of the page's viewport (not the window's, which also has its frame): through
     * the DevTools protocol, so that 390 px means 390 CSS pixels of page, as on a phone.
     */
    public void viewport(int width, int height) {
        chromeDriver().executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of(
                "width", width, "height", height, "deviceScaleFactor", 1, "mobile", width < 600));
    }

    public void desktop() {
        viewport(DESKTOP_WIDTH, 900);
    }

    public void phone() {
        viewport(PHONE_WIDTH, PHONE_HEIGHT);
    }

    /** A phone's screen, or a desktop's: for checks made at both widths in turn. */
    public void screen(boolean phone) {
        if (phone) {
            phone();
        } else {
            desktop();
        }
    }

    /**
     * Shows the pages that follow as a reader whose system asks for {@code feature: value} would see
     * them ({@code prefers-color-scheme: dark}, {@code forced-colors: active}); Chromium applies
     * forced colours themselves, not only the media query. {@link #plainMedia} undoes it.
     */
    public void emulateMedia(String feature, String value) {
        chromeDriver().executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", feature, "value", value))));
    }

    /**
     * Sets the size of text as a reader who asks their browser for larger text has it (Chromium's
     * default font size, 16 px at 100): the page's rem and em follow, and so do its media queries in em,
     * as they do in a browser set so. {@code textSize(100)} undoes it.
     */
    public void textSize(int percent) {
        chromeDriver().executeCdpCommand("Page.setFontSizes", Map.of("fontSizes",
                Map.of("standard", 16 * percent / 100, "fixed", 13 * percent / 100)));
    }

    /**
     * Whether the pages that follow keep their Content-Security-Policy: without it a test may add a
     * style sheet of its own, as a reader's extension does (the policy allows only the site's own
     * styles, and an added {@code <style>} was silently not applied). From the next page opened.
     */
    public void bypassContentSecurityPolicy(boolean bypass) {
        chromeDriver().executeCdpCommand("Page.setBypassCSP", Map.of("enabled", bypass));
    }

    /**
     * From the next page opened, the pause after which the search boxes and the edit form's pickers
     * say how many suggestions or matches there are (1.4 s, the reader's, when {@code pause} is
     * null): for a test that checks what is said, not when, which would otherwise wait the reader's
     * pause out. The page's scripts read it ({@code window.dossierTypingPauseMs}) as they start.
     */
    public void typingPause(Duration pause) {
        if (typingPause != null) {
            chromeDriver().executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", typingPause));
            typingPause = null;
        }
        if (pause != null) {
            typingPause = (String) chromeDriver().executeCdpCommand("Page.addScriptToEvaluateOnNewDocument",
                    Map.of("source", "window.dossierTypingPauseMs = " + pause.toMillis() + ";")).get("identifier");
        }
    }

    /** Shows the pages as they print (CSS {@code @media print}), until {@link #plainMedia}. */
    public void emulatePrint() {
        chromeDriver().executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print", "features", List.of()));
    }

    /**
     * The page printed as Chromium prints it (A4, its own margins, no background colours, as its print
     * dialog does by default), read back as text by PDFBox: what a reader gets on paper, laid out at the
     * paper's width, which the print media's emulation at the window's width does not show.
     */
    public String printedText() {
        return String.join("", printedPages());
    }

    /** The same, a sheet of paper at a time: what stays together on one. */
    public List<String> printedPages() {
        org.openqa.selenium.print.PrintOptions a4 = new org.openqa.selenium.print.PrintOptions()
                .setPageSize(org.openqa.selenium.print.PageSize.ISO_A4);
        byte[] pdf = java.util.Base64.getDecoder().decode(chromeDriver().print(a4).getContent());
        try (org.apache.pdfbox.pdmodel.PDDocument document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            List<String> pages = new ArrayList<>();
            org.apache.pdfbox.text.PDFTextStripper stripper = new org.apache.pdfbox.text.PDFTextStripper();
            for (int page = 1; page <= document.getNumberOfPages(); page++) {
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                pages.add(stripper.getText(document));
            }
            return pages;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The pages as a reader with no preference sees them: light, the page's own colours. */
    public void plainMedia() {
        chromeDriver().executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
    }

    /**
     * Runs {@code source} in the page as a script of its own named {@code name}, compiled and run by
     * DevTools ({@code Runtime.compileScript}, {@code runScript}) rather than carried in
     * chromedriver's {@code executeScript}, which wraps it in a function of its own and waits on the
     * page first: for a long script put into many pages (axe-core), a fifth to a quarter less of
     * Chromium's processor time to put it in. Fails saying why when it does not compile or throws.
     */
    public void runScript(String name, String source) {
        Map<String, Object> compiled = chromeDriver().executeCdpCommand("Runtime.compileScript",
                Map.of("expression", source, "sourceURL", name, "persistScript", true));
        if (compiled.get("exceptionDetails") != null) {
            throw new IllegalStateException(name + " does not compile: " + compiled.get("exceptionDetails"));
        }
        Map<String, Object> ran = chromeDriver().executeCdpCommand("Runtime.runScript", Map.of("scriptId", compiled.get("scriptId")));
        if (ran.get("exceptionDetails") != null) {
            throw new IllegalStateException(name + " threw: " + ran.get("exceptionDetails"));
        }
    }

    /** Runs a script in the page and returns what it returns. */
    public Object script(String js, Object... args) {
        return chromeDriver().executeScript(js, args);
    }

    /** Presses Tab (with Shift when {@code back}) and returns the element that has the focus then. */
    public WebElement tab() {
        new org.openqa.selenium.interactions.Actions(chromeDriver()).sendKeys(org.openqa.selenium.Keys.TAB).perform();
        return chromeDriver().switchTo().activeElement();
    }

    public WebElement focused() {
        return chromeDriver().switchTo().activeElement();
    }

    /** Saves a screenshot of the whole page (PNG), for a person to look at. */
    public void screenshot(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Map<String, Object> metrics = chromeDriver().executeCdpCommand("Page.getLayoutMetrics", Map.of());
            @SuppressWarnings("unchecked")
            Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
            long height = Math.round(((Number) size.get("height")).doubleValue());
            long width = Math.round(((Number) size.get("width")).doubleValue());
            Map<String, Object> shot = chromeDriver().executeCdpCommand("Page.captureScreenshot", Map.of(
                    "format", "png", "captureBeyondViewport", true,
                    "clip", Map.of("x", 0, "y", 0, "width", width, "height", Math.min(height, 6000), "scale", 1)));
            Files.write(file, java.util.Base64.getDecoder().decode((String) shot.get("data")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public WebDriver driver() {
        return chromeDriver();
    }

    private ChromeDriver chromeDriver() {
        if (chromium == null) {
            throw new IllegalStateException("This browser has no Chromium: one for the class has it from before its "
                    + "first test until after its last; a closed one has none");
        }
        return chromium.driver();
    }

    public void open(String url) {
        chromeDriver().get(url);
    }

    public WebElement find(String cssSelector) {
        return chromeDriver().findElement(By.cssSelector(cssSelector));
    }

    /** Puts {@code text} in place of what the field {@code cssSelector} finds holds, typed as a person types it. */
    public void retype(String cssSelector, String text) {
        WebElement field = find(cssSelector);
        field.clear();
        field.sendKeys(text);
    }

    public List<WebElement> findAll(String cssSelector) {
        return chromeDriver().findElements(By.cssSelector(cssSelector));
    }

    /**
     * Clicks {@code element} (a form's button, a link) and waits until the page it was on is gone, so
     * that what is looked for next is looked for on the answer. An address is not enough to wait for
     * when the answer has one the page already had (a refused save, a sign-in from /admin/login).
     * While Chromium tears the old page down it can answer a question about it with an inspector
     * error ("Node with given id does not belong to the document") instead of a stale element: that
     * is waited past too.
     */
    public void clickToNextPage(WebElement element) {
        WebElement page = find("html");
        element.click();
        waiting().ignoring(WebDriverException.class).until(ExpectedConditions.stalenessOf(page));
        // And until the answer has run its scripts (deferred ones, which move the focus, included).
        waiting().ignoring(WebDriverException.class)
                .until(d -> "complete".equals(((org.openqa.selenium.JavascriptExecutor) d).executeScript("return document.readyState;")));
    }

    /** Waits until the page has navigated to an address that contains {@code fragment}. */
    public void waitForUrlContaining(String fragment) {
        until(ExpectedConditions.urlContains(fragment));
    }

    /** Waits until the page has navigated away from an address that contains {@code fragment}. */
    public void waitForUrlNotContaining(String fragment) {
        until(ExpectedConditions.not(ExpectedConditions.urlContains(fragment)));
    }

    /**
     * Waits up to 10 s until {@code condition} gives something other than null or false, and returns
     * it; fails naming the condition when it never does.
     */
    public <T> T until(Function<? super WebDriver, T> condition) {
        return waiting().until(condition);
    }

    /**
     * A wait that looks again every {@link #LOOK_AGAIN}: with Selenium's default of half a second, what
     * a page's script does soon (suggestions shown 150 ms after a letter typed, a count said, a status
     * written) was waited for up to 500 ms past being there. A look is one question to the browser.
     */
    private WebDriverWait waiting() {
        return new WebDriverWait(chromeDriver(), Duration.ofSeconds(10), LOOK_AGAIN);
    }

    private static final Duration LOOK_AGAIN = Duration.ofMillis(25);

    public String currentUrl() {
        return chromeDriver().getCurrentUrl();
    }

    /** Forgets cookies: the next page is seen by a new visitor. */
    public void forgetCookies() {
        chromeDriver().manage().deleteAllCookies();
    }

    /**
     * Done with the browser: its Chromium is cleared for the next that asks for one — every tab but one
     * closed, cookies and cache emptied (servers on a port used before must not see another's
     * session or cached pages), granted permissions, the viewport, the text size and the typing pause reset, about:blank shown — or
     * quit when clearing fails. Closing it again does nothing.
     */
    @Override
    public void close() {
        if (chromium == null) {
            return;
        }
        ChromeDriver driver = chromium.driver();
        try {
            List<String> tabs = new ArrayList<>(driver.getWindowHandles());
            for (String tab : tabs.subList(1, tabs.size())) {
                driver.switchTo().window(tab).close();
            }
            driver.switchTo().window(tabs.get(0));
            typingPause(null);
            driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
            driver.executeCdpCommand("Network.clearBrowserCache", Map.of());
            driver.executeCdpCommand("Browser.resetPermissions", Map.of());
            driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
            textSize(100);
            plainMedia();
            driver.get("about:blank");
        } catch (WebDriverException | IndexOutOfBoundsException e) {
            synchronized (IDLE) {
                STARTED.remove(chromium);
            }
            chromium.quit();
            chromium = null;
            return;
        }
        synchronized (IDLE) {
            IDLE.get(javaScript).push(chromium);
        }
        chromium = null;
    }
}
