package org.dossier.editing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.dossier.app.Protection;
import org.dossier.testing.Http;
import org.dossier.testing.TestCatalogue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sign-in against parallel guessing and against being locked out by others, through a real server
 * behind a trusted proxy (127.0.0.1, the test itself), so that each request can come "from" any
 * address through X-Forwarded-For.
 */
class SignInUnderAttackTest {

    private static TestCatalogue catalogue;

    @BeforeAll
    static void start() {
        catalogue = TestCatalogue.withSeeds(new Protection(List.of("127.0.0.1"), List.of(), 0, false));
        Editors.add(catalogue, "erin", Role.EDITOR);
        Editors.add(catalogue, "frank", Role.EDITOR);
        Editors.add(catalogue, "gina", Role.EDITOR);
    }

    @AfterAll
    static void stop() {
        catalogue.close();
    }

    private static HttpResponse<String> attempt(Http visitor, String csrf, String username, String password,
            String from) {
        return visitor.post("/admin/login", Map.of("csrf", csrf, "username", username, "password", password,
                "return", "/admin"), "X-Forwarded-For", from);
    }

    @Test
    void fortyParallelGuessesCheckAtMostAHandful() throws Exception {
        Http attacker = catalogue.http().anotherVisitor();
        String csrf = Editors.csrf(attacker.get("/admin/login").body());
        ExecutorService pool = Executors.newFixedThreadPool(40);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int n = i;
            answers.add(pool.submit(() -> {
                go.await();
                return attempt(attacker, csrf, "erin", "guess number " + n, "203.0.113.9");
            }));
        }
        go.countDown();
        int checked = 0;
        int refused = 0;
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
        pool.shutdown();
        assertEquals(5, checked, "four free guesses and the one that starts the wait are checked, no more");
        assertEquals(35, refused);
    }

    @Test
    void theOwnerSignsInFromTheirOwnAddressAfterAFloodFromAnother() {
        Http attacker = catalogue.http().anotherVisitor();
        String csrf = Editors.csrf(attacker.get("/admin/login").body());
        for (int i = 0; i < 12; i++) {
            attempt(attacker, csrf, "frank", "wrong " + i, "198.51.100.66");
        }
        assertEquals(429, attempt(attacker, csrf, "frank", Editors.PASSWORD, "198.51.100.66").statusCode(),
                "the flooding address waits, even with the right password");

        Http owner = catalogue.http().anotherVisitor();
        String ownerCsrf = Editors.csrf(owner.get("/admin/login").body());
        HttpResponse<String> signedIn = attempt(owner, ownerCsrf, "frank", Editors.PASSWORD, "192.0.2.44");
        assertEquals(303, signedIn.statusCode(), signedIn.body());
        assertEquals(200, owner.get("/admin").statusCode());
    }

    @Test
    void anXForwardedForFromAnUntrustedPeerIsIgnored() {
        try (TestCatalogue direct = TestCatalogue.withSeeds()) {
            Editors.add(direct, "hugo", Role.EDITOR);
            Http visitor = direct.http().anotherVisitor();
            String csrf = Editors.csrf(visitor.get("/admin/login").body());
            for (int i = 0; i < 5; i++) {
                // A client that names a new address each time is still counted as the one it is.
                assertEquals(401, attempt(visitor, csrf, "hugo", "wrong " + i, "192.0.2." + i).statusCode());
            }
            assertEquals(429, attempt(visitor, csrf, "hugo", "wrong again", "192.0.2.200").statusCode());
        }
    }
}
