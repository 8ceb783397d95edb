package org.dossier.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's real Chromium, headless, driven by Debian's chromedriver. The binaries are named
 * explicitly so that Selenium Manager never runs and nothing is downloaded. Start one per test
 * class: start-up is most of a browser test's cost.
 */
public final class Browser implements AutoCloseable {

    public static final String CHROMIUM = "/usr/bin/chromium";
    public static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    private final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    public static Browser start() {
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
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(CHROMEDRIVER))
                    .usingAnyFreePort()
                    .build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            return new Browser(driver, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(String url) {
        driver.get(url);
    }

    public WebElement find(String cssSelector) {
        return driver.findElement(By.cssSelector(cssSelector));
    }

    public java.util.List<WebElement> findAll(String cssSelector) {
        return driver.findElements(By.cssSelector(cssSelector));
    }

    /** Waits until the page has navigated to an address that contains {@code fragment}. */
    public void waitForUrlContaining(String fragment) {
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains(fragment));
    }

    public String currentUrl() {
        return driver.getCurrentUrl();
    }

    /** Forgets cookies: the next page is seen by a new visitor. */
    public void forgetCookies() {
        driver.manage().deleteAllCookies();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            TestCatalogue.deleteRecursively(profile);
        }
    }
}
