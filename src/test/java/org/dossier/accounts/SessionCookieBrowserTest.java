package org.dossier.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.dossier.editing.Editors;
import org.dossier.testing.Browser;
import org.dossier.testing.Http;
import org.dossier.testing.SeededCatalogue;
import org.dossier.testing.TestCatalogue;
import org.dossier.web.PublicUrl;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.openqa.selenium.Cookie;

/**
 * What Chromium keeps and sends of the session cookie. Another host of the domain can plant a cookie
 * of the session's name for a longer path (or the parent domain), which the browser sends first: an
 * editor signing in was then taken for whoever planted it. On a site served over https the cookie is
 * {@code __Host-dossier_session}, which no other host can set; on plain http it is as it was.
 */
@ResourceLock(Browser.ONE_AT_A_TIME)
class SessionCookieBrowserTest {

    @RegisterExtension
    static final SeededCatalogue catalogue = SeededCatalogue.ownedByTheClass();

    @BeforeAll
    static void accounts() {
        Editors.add(catalogue, "mallory", Role.EDITOR);
        Editors.add(catalogue, "erin", Role.EDITOR);
    }

    /** A live session of mallory's, as the cookie's value she would plant. */
    private static String mallorysSession() {
        Http mallory = catalogue.http().anotherVisitor();
        String cookie = mallory.post("/admin/login", Map.of("csrf", Editors.csrf(mallory.get("/admin/login").body()),
                "username", "mallory", "password", Editors.PASSWORD)).headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(AccessControl.SESSION_COOKIE + "=")).findFirst().orElseThrow();
        return cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';'));
    }

    @Test
    void overHttpsAnEditorSignsInAsHerselfWhateverSessionCookieAnotherHostPlantedForALongerPath() {
        String planted = mallorysSession();
        try (TestCatalogue https = catalogue.anotherNode(PublicUrl.fixed("https://catalogue.example.org"));
             Browser browser = Browser.start()) {
            // localhost: a secure context for Chromium, which keeps Secure cookies there as over https.
            String site = "http://localhost:" + https.app().port();
            browser.open(site + "/robots.txt");
            browser.driver().manage().addCookie(new Cookie(AccessControl.SESSION_COOKIE, planted, "/admin"));
            browser.open(site + "/admin");
            String before = browser.find("header").getText();
            assertFalse(before.contains("mallory"), "taken for the planter before signing in: " + before);
            Editors.signIn(browser, "erin");
            String page = browser.find("main").getText() + browser.find("header").getText();
            assertTrue(page.contains("erin"), page);
            assertFalse(page.contains("mallory"), "taken for the planter: " + page);
            Cookie session = browser.driver().manage().getCookieNamed(AccessControl.HOST_PREFIX + AccessControl.SESSION_COOKIE);
            assertNotNull(session, browser.driver().manage().getCookies().toString());
            assertTrue(session.isSecure() && session.isHttpOnly() && session.getPath().equals("/"), session.toString());
            browser.driver().manage().deleteAllCookies();
        }
    }

    @Test
    void overPlainHttpTheSessionCookieKeepsItsNameAndIsNotSecure() {
        try (Browser browser = Browser.start()) {
            String site = "http://localhost:" + catalogue.app().port();
            browser.open(site + "/admin/login?return=%2Fadmin");
            Editors.signIn(browser, "erin");
            assertTrue(browser.find("header").getText().contains("erin"), browser.find("header").getText());
            Cookie session = browser.driver().manage().getCookieNamed(AccessControl.SESSION_COOKIE);
            assertNotNull(session, browser.driver().manage().getCookies().toString());
            assertFalse(session.isSecure(), session.toString());
            assertNull(browser.driver().manage().getCookieNamed(AccessControl.HOST_PREFIX + AccessControl.SESSION_COOKIE));
            assertEquals(200, catalogue.http().anotherVisitor()
                    .get("/admin", "Cookie", AccessControl.SESSION_COOKIE + "=" + session.getValue()).statusCode());
            browser.driver().manage().deleteAllCookies();
        }
    }
}
