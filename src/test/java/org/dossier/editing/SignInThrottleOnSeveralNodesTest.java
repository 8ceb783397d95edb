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
 * The sign-in throttle holds across app nodes: guesses spread over two real servers on one database
 * (PostgreSQL in the second test run, one SQLite file in the first) are counted once, in the
 * database, not once per node. Both nodes trust 127.0.0.1 (the test) as a proxy, so each guess
 * comes "from" the address its X-Forwarded-For names.
 */
class SignInThrottleOnSeveralNodesTest {

    private static final Protection BEHIND_A_PROXY = new Protection(List.of("127.0.0.1"), List.of(), 0, false);

    private static TestCatalogue nodeA;
    private static TestCatalogue nodeB;

    @BeforeAll
    static void start() {
        nodeA = TestCatalogue.withSeeds(BEHIND_A_PROXY);
        nodeB = nodeA.anotherNode(BEHIND_A_PROXY);
        Editors.add(nodeA, "ines", Role.EDITOR);
        Editors.add(nodeA, "jonas", Role.EDITOR);
    }

    @AfterAll
    static void stop() {
        nodeB.close();
        nodeA.close();
    }

    private static HttpResponse<String> attempt(Http node, String csrf, String username, String password, String from) {
        return node.post("/admin/login", Map.of("csrf", csrf, "username", username, "password", password,
                "return", "/admin"), "X-Forwarded-For", from);
    }

    @Test
    void fortyParallelGuessesOverTwoNodesCheckNoMoreThanOneNodeWould() throws Exception {
        Http onA = nodeA.http().anotherVisitor();
        String csrf = Editors.csrf(onA.get("/admin/login").body());
        Http onB = onA.at(nodeB.baseUrl());
        ExecutorService pool = Executors.newFixedThreadPool(40);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int n = i;
            Http node = i % 2 == 0 ? onA : onB;
            answers.add(pool.submit(() -> {
                go.await();
                return attempt(node, csrf, "ines", "guess number " + n, "203.0.113.77");
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
        assertEquals(5, checked, "four free guesses and the one that starts the wait, on both nodes together");
        assertEquals(35, refused);
    }

    @Test
    void aWaitStartedOnOneNodeHoldsOnTheOtherAndTheOwnerStillSignsInThere() {
        Http onA = nodeA.http().anotherVisitor();
        String csrf = Editors.csrf(onA.get("/admin/login").body());
        for (int i = 0; i < 5; i++) {
            assertEquals(401, attempt(onA, csrf, "jonas", "wrong " + i, "198.51.100.7").statusCode());
        }
        Http onB = onA.at(nodeB.baseUrl());
        HttpResponse<String> refused = attempt(onB, csrf, "jonas", Editors.PASSWORD, "198.51.100.7");
        assertEquals(429, refused.statusCode(), "node B makes the address wait that node A counted: " + refused.body());

        Http owner = nodeB.http().anotherVisitor();
        String ownerCsrf = Editors.csrf(owner.get("/admin/login").body());
        HttpResponse<String> signedIn = attempt(owner, ownerCsrf, "jonas", Editors.PASSWORD, "192.0.2.80");
        assertEquals(303, signedIn.statusCode(), signedIn.body());
        assertEquals(200, owner.get("/admin").statusCode());
    }
}
