package org.dossier.editing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.dossier.accounts.Accounts;
import org.dossier.accounts.Role;
import org.dossier.app.Database;
import org.dossier.testing.Browser;
import org.dossier.testing.Http;
import org.dossier.testing.RunningCatalogue;
import org.jooq.DSLContext;
import org.jsoup.Jsoup;

/** Accounts and signed-in visitors for tests of a real catalogue. */
public final class Editors {

    public static final String PASSWORD = "correct horse battery";

    private Editors() {
    }

    /** An account for {@code username} in {@code role}, with {@link #PASSWORD}. */
    public static void add(RunningCatalogue catalogue, String username, Role role) {
        try (Database db = Database.open(catalogue.database())) {
            add(db.dsl(), username, role);
        }
    }

    /** An account for {@code username} in {@code role}, with {@link #PASSWORD}, in a database the test has open. */
    public static void add(DSLContext db, String username, Role role) {
        new Accounts(db, Clock.systemUTC()).add(username, role, PASSWORD);
    }

    /**
     * A new editor of {@code catalogue}: an account for {@code username} in {@code role}, signed in
     * through the sign-in form by a visitor of their own, so that each editor a test signs in has a
     * session and a CSRF token of their own, as two people at two browsers. Signed in once the
     * catalogue has started ({@link RunningCatalogue#whenStarted}), so that a class can hold its editors
     * in static final fields beside its catalogue's:
     *
     * <pre>{@code
     * @RegisterExtension
     * static final SeededCatalogue catalogue = SeededCatalogue.ownedByTheClass();
     * private static final Http alice = Editors.signedIn(catalogue, "alice", Role.EDITOR);
     * private static final Http bob = Editors.signedIn(catalogue, "bob", Role.EDITOR);
     * }</pre>
     */
    public static Http signedIn(RunningCatalogue catalogue, String username, Role role) {
        Http editor = new Http(catalogue);
        catalogue.whenStarted(started -> {
            add(started, username, role);
            signIn(editor, username);
        });
        return editor;
    }

    /** A new visitor, signed in through the sign-in form. */
    public static Http signIn(RunningCatalogue catalogue, String username) {
        return signIn(catalogue.http().anotherVisitor(), username);
    }

    /** A browser signed in, through the sign-in form, as {@code username}, a new editor of {@code catalogue}. */
    public static Browser signedInBrowser(RunningCatalogue catalogue, String username) {
        Browser browser = Browser.start();
        signInAsNewEditor(catalogue, browser, username);
        return browser;
    }

    /** Signs {@code browser} in, through the sign-in form, as {@code username}, a new editor of {@code catalogue}. */
    public static void signInAsNewEditor(RunningCatalogue catalogue, Browser browser, String username) {
        add(catalogue, username, Role.EDITOR);
        browser.open(catalogue.baseUrl() + "/admin/login");
        signIn(browser, username);
    }

    /** Signs in through the sign-in form the browser shows, and waits for the page it leads to. */
    public static void signIn(Browser browser, String username) {
        browser.find("input#username").sendKeys(username);
        browser.find("input#password").sendKeys(PASSWORD);
        browser.clickToNextPage(browser.find(".login button[type=submit]"));
    }

    /** {@code http}, signed in through the sign-in form. */
    public static Http signIn(Http http, String username) {
        HttpResponse<String> signedIn = http.post("/admin/login", Map.of("csrf", csrf(http.get("/admin/login").body()),
                "username", username, "password", PASSWORD, "return", "/admin"));
        assertEquals(303, signedIn.statusCode(), signedIn.body());
        return http;
    }

    /** A sign-in through the form, as a proxy that says the visitor comes from {@code from} passes it on. */
    public static HttpResponse<String> attempt(Http visitor, String csrf, String username, String password, String from) {
        return visitor.post("/admin/login", Map.of("csrf", csrf, "username", username, "password", password,
                "return", "/admin"), "X-Forwarded-For", from);
    }

    /** What became of a burst of wrong guesses: how many had their password checked, how many were refused. */
    public record Burst(int checked, int refused) {
    }

    /**
     * {@code count} wrong guesses at {@code username}'s password from one address, all sent at once,
     * in turn through each of {@code nodes}. Each is answered 401 (checked) or 429 with Retry-After
     * (refused, unchecked); anything else fails the test.
     */
    public static Burst guessAtOnce(List<Http> nodes, String csrf, String username, String from, int count)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Http node = nodes.get(i % nodes.size());
            String guess = "guess number " + i;
            answers.add(pool.submit(() -> {
                go.await();
                return attempt(node, csrf, username, guess, from);
            }));
        }
        go.countDown();
        int checked = 0;
        int refused = 0;
        try {
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get();
                if (response.statusCode() == 401) {
                    checked++;
                } else {
                    assertEquals(429, response.statusCode(), response.body());
                    assertTrue(response.headers().firstValue("Retry-After").isPresent());
                    refused++;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return new Burst(checked, refused);
    }

    /** The CSRF token of the first form on a page. */
    public static String csrf(String html) {
        return Jsoup.parse(html).selectFirst("input[name=csrf]").attr("value");
    }
}
