package org.dossier.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.util.List;
import org.dossier.app.Protection;
import org.dossier.editing.Editors;
import org.dossier.testing.Http;
import org.dossier.testing.SeededCatalogue;
import org.dossier.testing.TestCatalogue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sign-in against parallel guessing and against being locked out by others, through a real server
 * behind a trusted proxy (127.0.0.1, the test itself), so that each request can come "from" any
 * address through X-Forwarded-For.
 */
class SignInUnderAttackTest {

    @RegisterExtension
    static final SeededCatalogue catalogue = SeededCatalogue.ownedByTheClass(
            Protection.DEFAULTS.withSearchLimit(0).withTrustedProxies(List.of("127.0.0.1")));

    @BeforeAll
    static void start() {
        Editors.add(catalogue, "erin", Role.EDITOR);
        Editors.add(catalogue, "frank", Role.EDITOR);
        Editors.add(catalogue, "gina", Role.EDITOR);
    }

    @Test
    void fortyParallelGuessesCheckAtMostAHandful() throws Exception {
        Http attacker = catalogue.http().anotherVisitor();
        String csrf = Editors.csrf(attacker.get("/admin/login").body());
        Editors.Burst burst = Editors.guessAtOnce(List.of(attacker), csrf, "erin", "203.0.113.9", 40);
        assertEquals(5, burst.checked(), "four free guesses and the one that starts the wait are checked, no more");
        assertEquals(35, burst.refused());
    }

    @Test
    void theOwnerSignsInFromTheirOwnAddressAfterAFloodFromAnother() {
        Http attacker = catalogue.http().anotherVisitor();
        String csrf = Editors.csrf(attacker.get("/admin/login").body());
        for (int i = 0; i < 12; i++) {
            Editors.attempt(attacker, csrf, "frank", "wrong " + i, "198.51.100.66");
        }
        assertEquals(429, Editors.attempt(attacker, csrf, "frank", Editors.PASSWORD, "198.51.100.66").statusCode(),
                "the flooding address waits, even with the right password");

        Http owner = catalogue.http().anotherVisitor();
        String ownerCsrf = Editors.csrf(owner.get("/admin/login").body());
        HttpResponse<String> signedIn = Editors.attempt(owner, ownerCsrf, "frank", Editors.PASSWORD, "192.0.2.44");
        assertEquals(303, signedIn.statusCode(), signedIn.body());
        assertEquals(200, owner.get("/admin").statusCode());
    }

    @Test
    void guessesFromEveryAddressOfOneIpv6NetworkAreCountedAsOneClient() {
        // A subscriber is given a /64: 2^64 addresses, each of which had four free guesses of its own.
        Http attacker = catalogue.http().anotherVisitor();
        String csrf = Editors.csrf(attacker.get("/admin/login").body());
        for (int i = 1; i <= 5; i++) {
            assertEquals(401, Editors.attempt(attacker, csrf, "gina", "wrong " + i, "2001:db8:0:7::" + i).statusCode());
        }
        assertEquals(429, Editors.attempt(attacker, csrf, "gina", "wrong again", "2001:db8:0:7:ffff:1:2:3").statusCode(),
                "another address of the same /64 waits too");
        assertEquals(429, Editors.attempt(attacker, csrf, "gina", "wrong again", "[2001:0db8:0000:0007::9]").statusCode(),
                "written another way");
        assertEquals(401, Editors.attempt(attacker, csrf, "gina", "wrong again", "2001:db8:0:8::1").statusCode(),
                "the next /64 is another client");
    }

    @Test
    void anXForwardedForFromAnUntrustedPeerIsIgnored() {
        try (TestCatalogue direct = TestCatalogue.withSeeds()) {
            Editors.add(direct, "hugo", Role.EDITOR);
            Http visitor = direct.http().anotherVisitor();
            String csrf = Editors.csrf(visitor.get("/admin/login").body());
            for (int i = 0; i < 5; i++) {
                // A client that names a new address each time is still counted as the one it is.
                assertEquals(401, Editors.attempt(visitor, csrf, "hugo", "wrong " + i, "192.0.2." + i).statusCode());
            }
            assertEquals(429, Editors.attempt(visitor, csrf, "hugo", "wrong again", "192.0.2.200").statusCode());
        }
    }
}
