package org.dossier.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.util.List;
import org.dossier.app.Protection;
import org.dossier.editing.Editors;
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

    private static final Protection BEHIND_A_PROXY = Protection.DEFAULTS.withSearchLimit(0).withTrustedProxies(List.of("127.0.0.1"));

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

    @Test
    void fortyParallelGuessesOverTwoNodesCheckNoMoreThanOneNodeWould() throws Exception {
        Http onA = nodeA.http().anotherVisitor();
        String csrf = Editors.csrf(onA.get("/admin/login").body());
        Http onB = onA.at(nodeB.baseUrl());
        Editors.Burst burst = Editors.guessAtOnce(List.of(onA, onB), csrf, "ines", "203.0.113.77", 40);
        assertEquals(5, burst.checked(), "four free guesses and the one that starts the wait, on both nodes together");
        assertEquals(35, burst.refused());
    }

    @Test
    void aWaitStartedOnOneNodeHoldsOnTheOtherAndTheOwnerStillSignsInThere() {
        Http onA = nodeA.http().anotherVisitor();
        String csrf = Editors.csrf(onA.get("/admin/login").body());
        for (int i = 0; i < 5; i++) {
            assertEquals(401, Editors.attempt(onA, csrf, "jonas", "wrong " + i, "198.51.100.7").statusCode());
        }
        Http onB = onA.at(nodeB.baseUrl());
        HttpResponse<String> refused = Editors.attempt(onB, csrf, "jonas", Editors.PASSWORD, "198.51.100.7");
        assertEquals(429, refused.statusCode(), "node B makes the address wait that node A counted: " + refused.body());

        Http owner = nodeB.http().anotherVisitor();
        String ownerCsrf = Editors.csrf(owner.get("/admin/login").body());
        HttpResponse<String> signedIn = Editors.attempt(owner, ownerCsrf, "jonas", Editors.PASSWORD, "192.0.2.80");
        assertEquals(303, signedIn.statusCode(), signedIn.body());
        assertEquals(200, owner.get("/admin").statusCode());
    }
}
