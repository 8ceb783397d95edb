package org.dossier.editing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Map;
import org.dossier.app.Database;
import org.dossier.testing.Http;
import org.dossier.testing.RunningCatalogue;
import org.jsoup.Jsoup;

/** Accounts and signed-in visitors for tests of a real catalogue. */
public final class Editors {

    public static final String PASSWORD = "correct horse battery";

    private Editors() {
    }

    public static void add(RunningCatalogue catalogue, String username, Role role) {
        try (Database db = Database.open(catalogue.database())) {
            new Accounts(db.dsl(), Clock.systemUTC()).add(username, role, PASSWORD);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new visitor, signed in through the sign-in form. */
    public static Http signIn(RunningCatalogue catalogue, String username) {
        return signIn(catalogue.http().anotherVisitor(), username);
    }

    /** {@code http}, signed in through the sign-in form. */
    public static Http signIn(Http http, String username) {
        HttpResponse<String> signedIn = http.post("/admin/login", Map.of("csrf", csrf(http.get("/admin/login").body()),
                "username", username, "password", PASSWORD, "return", "/admin"));
        assertEquals(303, signedIn.statusCode(), signedIn.body());
        return http;
    }

    /** The CSRF token of the first form on a page. */
    public static String csrf(String html) {
        return Jsoup.parse(html).selectFirst("input[name=csrf]").attr("value");
    }
}
