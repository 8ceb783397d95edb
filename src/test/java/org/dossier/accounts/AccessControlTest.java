package org.dossier.accounts;

import static org.dossier.db.Tables.ACCOUNT;
import static org.dossier.db.Tables.ACCOUNT_SESSION;
import static org.dossier.db.Tables.DOCUMENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.http.Cookie;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.dossier.app.Database;
import org.dossier.editing.Editors;
import org.dossier.editing.FormFields;
import org.dossier.testing.Http;
import org.dossier.testing.SeededCatalogue;
import org.dossier.testing.TestCatalogue;
import org.dossier.web.PublicUrl;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Who may reach what: sign-in, sessions, CSRF tokens and the doors of /admin, through a real server. */
class AccessControlTest {

    @RegisterExtension
    static final SeededCatalogue catalogue = SeededCatalogue.ownedByTheClass();

    @BeforeAll
    static void start() {
        Editors.add(catalogue, "alice", Role.EDITOR);
        Editors.add(catalogue, "carol", Role.EDITOR);
        Editors.add(catalogue, "root", Role.ADMIN);
        Editors.add(catalogue, "dave", Role.EDITOR);
        Editors.add(catalogue, "erin", Role.EDITOR);
    }

    private static Http reader() {
        return catalogue.http().anotherVisitor();
    }

    private static String recordTitle(int id) {
        return Jsoup.parse(reader().get("/documents/" + id + ".json").body()).text();
    }

    @Test
    void adminPagesSendReadersToTheSignInWithAReturnAddress() {
        int id = catalogue.recordTitled("Letter to Stalin from the Commanders and Soldiers");
        HttpResponse<String> edit = reader().get("/admin/documents/" + id + "/edit");
        assertEquals(303, edit.statusCode());
        assertEquals("/admin/login?return=%2Fadmin%2Fdocuments%2F" + id + "%2Fedit",
                edit.headers().firstValue("Location").orElseThrow());
        assertFalse(edit.body().contains("<form"), "the page itself is not sent along: " + edit.body());
        assertEquals("/admin/login?return=%2Fadmin", reader().get("/admin").headers().firstValue("Location").orElseThrow());
        assertEquals("/admin/login?return=%2Fadmin%2Fusers%3Fsaved%3Dx",
                reader().get("/admin/users?saved=x").headers().firstValue("Location").orElseThrow());
        assertEquals(200, reader().get("/admin/login").statusCode());
    }

    @Test
    void aFormPostWithoutASessionIs401AndChangesNothing() {
        Http reader = reader();
        String csrf = Editors.csrf(reader.get("/admin/login").body());
        int id = catalogue.recordTitled("with Polish Professor Lange");
        String before = recordTitle(id);
        HttpResponse<String> post = reader.post("/admin/documents/" + id + "/edit", Map.of("csrf", csrf, "version", "1",
                "title", "Vandalised", "date", "1950", "note", "x"));
        assertEquals(401, post.statusCode());
        assertTrue(post.body().contains("Sign in first"), post.body());
        assertEquals(before, recordTitle(id));
        HttpResponse<String> signOut = reader.post("/admin/logout", Map.of("csrf", csrf));
        assertEquals(303, signOut.statusCode(), "a sign-out without a session (a tab restored without its cookie) is done");
        assertEquals("/", signOut.headers().firstValue("Location").orElseThrow());
    }

    @Test
    void aSignedInPostWithoutItsSessionsTokenIs403AndChangesNothing() {
        Http alice = Editors.signIn(catalogue, "alice");
        Http carol = Editors.signIn(catalogue, "carol");
        int id = catalogue.recordTitled("Roman Catholic Priest Stanislaus Orlemanski");
        FormFields form = FormFields.at(alice, "/admin/documents/" + id + "/edit", "form.record-form")
                .set("title", "Changed by a forged form").set("note", "forged");
        String carolsToken = Editors.csrf(carol.get("/admin/documents/" + id + "/edit").body());
        String before = recordTitle(id);

        for (FormFields forged : List.of(form.without("csrf"), form.set("csrf", ""), form.set("csrf", "guess"),
                form.set("csrf", carolsToken))) {
            HttpResponse<String> post = alice.post("/admin/documents/" + id + "/edit", forged.entries());
            assertEquals(403, post.statusCode());
            assertTrue(post.body().contains("nothing was changed"), post.body());
            assertEquals(before, recordTitle(id));
        }
        assertEquals(303, alice.post("/admin/documents/" + id + "/edit", form.entries()).statusCode(), "the real token works");
        assertTrue(recordTitle(id).contains("Changed by a forged form"));
    }

    @Test
    void theSignInFormNeedsItsTokenToo() {
        Http visitor = reader();
        Map<String, String> form = Map.of("username", "alice", "password", Editors.PASSWORD, "return", "/admin");
        HttpResponse<String> noToken = visitor.post("/admin/login", form);
        assertEquals(403, noToken.statusCode());
        assertTrue(noToken.headers().allValues("Set-Cookie").stream().noneMatch(c -> c.startsWith("dossier_session=")));

        String othersToken = Editors.csrf(reader().get("/admin/login").body());
        visitor.get("/admin/login");
        var withOthersToken = new java.util.HashMap<>(form);
        withOthersToken.put("csrf", othersToken);
        assertEquals(403, visitor.post("/admin/login", withOthersToken).statusCode());
        assertEquals(303, reader().get("/admin").statusCode(), "still nobody is signed in");
    }

    @Test
    void aSignInWithANulInTheUsernameIsAWrongUsernameNotA500AndTheFormKeepsWhatShows() {
        Http visitor = reader();
        String csrf = Editors.csrf(visitor.get("/admin/login").body());
        HttpResponse<String> response = visitor.post("/admin/login", Map.of("csrf", csrf, "username",
                "ali\u0000ce\u202E\u0007", "password", Editors.PASSWORD, "return", "/admin"));
        assertEquals(401, response.statusCode(), response.body());
        assertFalse(response.body().contains("\u0000") || response.body().contains("\u0007")
                || response.body().contains("\u202E"), "no control character is written back into the page");
        assertEquals("ali ce ", Jsoup.parse(response.body()).selectFirst("#username").val(),
                "what was typed is kept, but for what shows nothing");
    }

    @Test
    void aSignInTokenCookieThisSiteDidNotIssueIsNoToken() {
        // An empty cookie and an empty field (or any short pair) matched each other and signed in.
        for (String token : new String[] {"", "a", "x".repeat(39)}) {
            HttpResponse<String> response = reader().send("POST", "/admin/login", "application/x-www-form-urlencoded",
                    "username=alice&password=" + Editors.PASSWORD.replace(" ", "+") + "&csrf=" + token,
                    "Cookie", "dossier_csrf=" + token);
            assertEquals(403, response.statusCode(), "'" + token + "'");
            assertTrue(response.headers().allValues("Set-Cookie").stream().noneMatch(c -> c.startsWith("dossier_session=")));
        }
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteAndSignOutEndsIt() {
        Http visitor = reader();
        String csrf = Editors.csrf(visitor.get("/admin/login").body());
        int id = catalogue.recordTitled("Apollon Petrov and Zhou Enlai");
        HttpResponse<String> signedIn = visitor.post("/admin/login", Map.of("csrf", csrf, "username", "alice",
                "password", Editors.PASSWORD, "return", "/admin/documents/" + id + "/edit"));
        assertEquals(303, signedIn.statusCode());
        assertEquals("/admin/documents/" + id + "/edit", signedIn.headers().firstValue("Location").orElseThrow());
        String cookie = signedIn.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("dossier_session="))
                .findFirst().orElseThrow();
        assertTrue(cookie.contains("HttpOnly"), cookie);
        assertTrue(cookie.contains("SameSite=Lax"), cookie);
        assertFalse(cookie.contains("Secure"), "plain http here: " + cookie);
        String session = cookie.substring(0, cookie.indexOf(';'));

        assertEquals(200, reader().get("/admin", "Cookie", session).statusCode(), "the cookie is the session");
        String pageToken = Editors.csrf(visitor.get("/admin").body());
        assertEquals(403, visitor.post("/admin/logout", Map.of()).statusCode(), "signing out needs the token");
        assertEquals(200, visitor.get("/admin").statusCode());

        HttpResponse<String> out = visitor.post("/admin/logout", Map.of("csrf", pageToken));
        assertEquals(303, out.statusCode());
        assertEquals("/", out.headers().firstValue("Location").orElseThrow());
        assertEquals(303, visitor.get("/admin").statusCode());
        assertEquals(303, reader().get("/admin", "Cookie", session).statusCode(), "the old cookie is worth nothing now");
    }

    @Test
    void aDeadSessionCookieSentBeforeTheLiveOneDoesNotSignTheEditorOut() {
        // A browser sends a cookie of a longer path, or of a parent domain, first: only the first was read.
        Http visitor = reader();
        HttpResponse<String> signedIn = visitor.post("/admin/login", Map.of("csrf",
                Editors.csrf(visitor.get("/admin/login").body()), "username", "dave", "password", Editors.PASSWORD));
        assertEquals(303, signedIn.statusCode());
        String cookie = signedIn.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("dossier_session="))
                .findFirst().orElseThrow();
        String session = cookie.substring(0, cookie.indexOf(';'));
        HttpResponse<String> both = reader().get("/admin", "Cookie", "dossier_session=ended-long-ago; " + session);
        assertEquals(200, both.statusCode());
        assertTrue(both.body().contains("dave"), both.body());
        assertEquals(303, reader().get("/admin", "Cookie", "dossier_session=a; dossier_session=b; dossier_session=c; "
                + session).statusCode(), "three values are tried, no more: each is a look-up");
        HttpResponse<String> out = reader().post("/admin/logout", Map.of("csrf", Editors.csrf(both.body())),
                "Cookie", "dossier_session=ended-long-ago; " + session);
        assertEquals(303, out.statusCode());
        assertEquals(303, reader().get("/admin", "Cookie", session).statusCode(), "signing out ended the live session");
    }

    /**
     * On https the session cookie is named {@code __Host-}, which a browser keeps only Secure, for
     * {@code /} and with no Domain: another host of the domain cannot plant one. The name without
     * the prefix, which such a host can plant (for the parent domain, or a longer path, sent first),
     * is not read: another account's live session in it signs no one in.
     */
    @Test
    void onHttpsTheSessionCookieIsForThisHostAloneAndOneOfTheOldNameSignsNoOneIn() {
        Http carol = reader();
        String carols = carol.post("/admin/login", Map.of("csrf", Editors.csrf(carol.get("/admin/login").body()),
                "username", "carol", "password", Editors.PASSWORD)).headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("dossier_session=")).findFirst().orElseThrow();
        String planted = carols.substring(0, carols.indexOf(';'));
        try (TestCatalogue https = catalogue.anotherNode(PublicUrl.fixed("https://catalogue.example.org"))) {
            Http visitor = https.http().anotherVisitor();
            HttpResponse<String> form = visitor.get("/admin/login");
            String csrfCookie = form.headers().allValues("Set-Cookie").stream().findFirst().orElseThrow();
            assertTrue(csrfCookie.startsWith("__Host-dossier_csrf="), csrfCookie);
            String token = Editors.csrf(form.body());
            HttpResponse<String> signedIn = visitor.post("/admin/login", Map.of("csrf", token, "username", "erin",
                    "password", Editors.PASSWORD), "Cookie", csrfCookie.substring(0, csrfCookie.indexOf(';')));
            assertEquals(303, signedIn.statusCode(), signedIn.body());
            String cookie = signedIn.headers().allValues("Set-Cookie").stream()
                    .filter(c -> c.startsWith("__Host-dossier_session=")).findFirst().orElseThrow();
            assertTrue(cookie.contains("; Secure") && cookie.contains("; Path=/;") && !cookie.contains("Domain"), cookie);
            String session = cookie.substring(0, cookie.indexOf(';'));

            Http stranger = https.http().anotherVisitor();
            assertEquals(303, stranger.get("/admin", "Cookie", planted).statusCode(), "carol's session under the old name");
            HttpResponse<String> both = stranger.get("/admin", "Cookie", planted + "; " + session);
            assertEquals(200, both.statusCode());
            assertTrue(both.body().contains("erin") && !both.body().contains("carol"), "signed in as herself");
            // A form sent across the upgrade with the cookie an earlier release set: carried through the sign-in.
            int id = catalogue.recordTitled("Apollon Petrov and Zhou Enlai");
            HttpResponse<String> carried = stranger.post("/admin/documents/" + id + "/edit",
                    Map.of("csrf", "from-before", "title", "A title typed across the upgrade"), "Cookie", planted);
            assertEquals(401, carried.statusCode(), carried.body());
            assertTrue(carried.body().contains("A title typed across the upgrade"), carried.body());
        }
        assertEquals(200, reader().get("/admin", "Cookie", planted).statusCode(), "on plain http the name is as it was");
    }

    @Test
    void onHttpsTheCookiesAreSecure() {
        Cookie cookie = AccessControl.cookie(AccessControl.SESSION_COOKIE, "token", -1, true);
        assertTrue(cookie.getSecure());
        assertTrue(cookie.isHttpOnly());
        assertEquals(io.javalin.http.SameSite.LAX, cookie.getSameSite());
    }

    @Test
    void anEditorCannotManageAccounts() {
        Http alice = Editors.signIn(catalogue, "alice");
        assertEquals(403, alice.get("/admin/users").statusCode());
        String token = Editors.csrf(alice.get("/admin").body());
        assertEquals(403, alice.post("/admin/users", Map.of("csrf", token, "username", "mallory", "role", "admin",
                "password", Editors.PASSWORD, "again", Editors.PASSWORD)).statusCode());
        Http root = Editors.signIn(catalogue, "root");
        assertFalse(root.get("/admin/users").body().contains("mallory"));
    }

    @Test
    void repeatedFailedSignInsAreSlowedDownWithAClearMessage() {
        Http visitor = reader();
        String csrf = Editors.csrf(visitor.get("/admin/login").body());
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> wrong = visitor.post("/admin/login", Map.of("csrf", csrf, "username", "dave",
                    "password", "not the password " + i));
            assertEquals(401, wrong.statusCode());
            assertTrue(wrong.body().contains("Wrong username or password"));
        }
        HttpResponse<String> right = visitor.post("/admin/login", Map.of("csrf", csrf, "username", "dave",
                "password", Editors.PASSWORD));
        assertEquals(429, right.statusCode(), "while the wait runs, even the right password is not checked");
        assertTrue(Long.parseLong(right.headers().firstValue("Retry-After").orElseThrow()) <= 15);
        String message = Jsoup.parse(right.body()).selectFirst(".form-problem").text();
        assertTrue(message.matches("Too many failed sign-ins for 'dave' from your address\\. Wait 1[0-5] seconds before trying again\\."),
                message);
        assertEquals(303, reader().get("/admin").statusCode());
    }

    @Test
    void signingInFromTheHeaderOfASearchReturnsToThatSearchWithItsQuery() {
        Http reader = reader();
        String search = "/search?q=stalin&type=letter";
        String link = Jsoup.parse(reader.get(search).body()).selectFirst("a.sign-in").attr("href");
        assertTrue(link.startsWith("/admin/login?return="), link);
        assertEquals(search, java.net.URLDecoder.decode(link.substring("/admin/login?return=".length()),
                java.nio.charset.StandardCharsets.UTF_8), "the query is in the return address, its & escaped: " + link);
        Document form = Jsoup.parse(reader.get(link).body());
        assertEquals(search, form.selectFirst("input[name=return]").val());
        HttpResponse<String> signedIn = reader.post("/admin/login", Map.of("csrf", Editors.csrf(form.outerHtml()),
                "username", "alice", "password", Editors.PASSWORD, "return", form.selectFirst("input[name=return]").val()));
        assertEquals(303, signedIn.statusCode(), signedIn.body());
        assertEquals(search, signedIn.headers().firstValue("Location").orElseThrow());
    }

    @Test
    void aSignInReturnAddressWithAQueryIsKeptButOneThatLeavesTheSiteIsNot() {
        assertEquals("/search?q=stalin&type=letter", LoginPage.safeReturn("/search?q=stalin&type=letter"));
        for (String elsewhere : new String[] {"https://evil.example/?return=/search", "//evil.example/search?q=x",
                "/\\evil.example/?q=x", "http:/search?q=x", "/search?q=x\r\nLocation: https://evil.example/"}) {
            assertEquals("/admin", LoginPage.safeReturn(elsewhere), elsewhere);
        }
        HttpResponse<String> form = reader().get("/admin/login?return=" + java.net.URLEncoder.encode(
                "//evil.example/search?q=x", java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("/admin", Jsoup.parse(form.body()).selectFirst("input[name=return]").val());
    }

    @Test
    void aReturnAddressWrittenInAnotherAlphabetArrivesThere() {
        // A Location header is ISO-8859-1: "Москва" as written went to '/search?q=      '.
        String search = "/search?q=Москва 1945";
        String encoded = "/search?q=%D0%9C%D0%BE%D1%81%D0%BA%D0%B2%D0%B0%201945";
        Http reader = reader();
        Document form = Jsoup.parse(reader.get("/admin/login?return=" + java.net.URLEncoder.encode(search,
                java.nio.charset.StandardCharsets.UTF_8)).body());
        HttpResponse<String> signedIn = reader.post("/admin/login", Map.of("csrf", Editors.csrf(form.outerHtml()),
                "username", "alice", "password", Editors.PASSWORD, "return", form.selectFirst("input[name=return]").val()));
        assertEquals(303, signedIn.statusCode(), signedIn.body());
        assertEquals(encoded, signedIn.headers().firstValue("Location").orElseThrow());
        assertEquals("Москва 1945", Jsoup.parse(reader.get(encoded).body()).selectFirst("input[name=q]").val());
        HttpResponse<String> already = reader.get("/admin/login?return=" + java.net.URLEncoder.encode(search,
                java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(303, already.statusCode(), "signed in already: on to the address");
        assertEquals(encoded, already.headers().firstValue("Location").orElseThrow());
    }

    @Test
    void theSignInReturnsOnlyToAddressesOnThisSite() {
        // Any path of this site will do: the check reads the address, not the records.
        assertEquals("/admin/documents/3/edit", LoginPage.safeReturn("/admin/documents/3/edit"));
        for (String elsewhere : new String[] {null, "", "https://evil.example/", "//evil.example", "/\\evil.example",
                "admin", "/admin\r\nSet-Cookie: x=y"}) {
            assertEquals("/admin", LoginPage.safeReturn(elsewhere), String.valueOf(elsewhere));
        }
    }

    @Test
    void theRecordPageShowsHistoryToAllAndEditOnlyToEditors() {
        int id = catalogue.recordTitled("Malik, 'On the Question of a United Government in Korea'");
        Document asReader = Jsoup.parse(reader().get(location("/documents/" + id)).body());
        assertNotNull(asReader.selectFirst(".record-actions a.history-link[href=/documents/" + id + "/history]"));
        assertNull(asReader.selectFirst(".record-actions a.edit-link"));
        assertNotNull(asReader.selectFirst("a.sign-in"));

        Http alice = Editors.signIn(catalogue, "alice");
        Document asEditor = Jsoup.parse(alice.get(location("/documents/" + id)).body());
        assertNotNull(asEditor.selectFirst(".record-actions a.edit-link[href=/admin/documents/" + id + "/edit]"));
        assertEquals("alice", asEditor.selectFirst(".signed-in").text());
        assertNotNull(asEditor.selectFirst("form.sign-out input[name=csrf]"));
    }

    private static String location(String permanent) {
        return reader().get(permanent).headers().firstValue("Location").orElseThrow();
    }

    /**
     * An editor whose session ends while they type (it idled out, or another tab signed out) loses
     * nothing: the save is the sign-in form, which carries what was sent, and once signed in again
     * a page holds it to be sent with the new session's token.
     */
    @Test
    void anEditorWhoseSessionEndedWhileTypingSignsInAgainAndSendsWhatTheyTyped() {
        Http erin = Editors.signIn(catalogue, "erin");
        int id = catalogue.recordTitled("Apollon Petrov and Zhou Enlai");
        String typed = "Typed while the session ran out: <b>bold</b> & \"quoted\",\n\nand a second paragraph.";
        FormFields form = FormFields.at(erin, "/admin/documents/" + id + "/edit", "form.record-form")
                .set("summary", typed).set("note", "Checked against the scan");
        String before = recordTitle(id);
        try (Database db = Database.open(catalogue.database())) {
            db.dsl().deleteFrom(ACCOUNT_SESSION).where(ACCOUNT_SESSION.ACCOUNT_ID.eq(
                    db.dsl().select(ACCOUNT.ID).from(ACCOUNT).where(ACCOUNT.USERNAME.eq("erin")))).execute();
        }

        // The same form from another host of the same site, whose forms the cookie comes along with:
        // the plain refusal, carrying nothing that a sign-in would then offer to send.
        HttpResponse<String> planted = erin.post("/admin/documents/" + id + "/edit", form.entries(),
                "Sec-Fetch-Site", "same-site", "Origin", "http://evil.localhost");
        assertEquals(401, planted.statusCode());
        assertTrue(Jsoup.parse(planted.body()).select("input[name=carried-name]").isEmpty(), planted.body());

        HttpResponse<String> ended = erin.post("/admin/documents/" + id + "/edit", form.entries(),
                "Sec-Fetch-Site", "same-origin", "Origin", erin.url(""));
        assertEquals(401, ended.statusCode());
        Document signIn = Jsoup.parse(ended.body());
        assertTrue(signIn.selectFirst(".form-problem").text().contains("nothing was saved"), ended.body());
        assertEquals(before, recordTitle(id));
        FormFields login = FormFields.of(ended.body(), "form[action=/admin/login]");
        HttpResponse<String> account = erin.post("/admin/users", Map.of("csrf", login.get("csrf"), "username", "frank",
                "role", "editor", "password", "a password typed once"));
        assertEquals(401, account.statusCode());
        assertEquals(List.of("role", "username"),
                Jsoup.parse(account.body()).select("input[name=carried-name]").eachAttr("value").stream().sorted().toList(),
                "a password typed is never written into the page");
        assertFalse(account.body().contains("a password typed once"));
        assertEquals("/admin/documents/" + id + "/edit", login.get("return"));
        List<String> names = signIn.select("input[name=carried-name]").eachAttr("value");
        assertFalse(names.contains("csrf"), "the ended session's token is not carried: " + names);
        assertEquals(typed, signIn.select("input[name=carried-value]").get(names.indexOf("summary")).val(),
                "what was typed, as typed");

        // A wrong password first: still carried.
        HttpResponse<String> wrong = erin.post("/admin/login", login.set("username", "erin").set("password", "not it at all").entries());
        assertEquals(401, wrong.statusCode());
        login = FormFields.of(wrong.body(), "form[action=/admin/login]");
        assertEquals(names, Jsoup.parse(wrong.body()).select("input[name=carried-name]").eachAttr("value"));

        HttpResponse<String> signedIn = erin.post("/admin/login", login.set("username", "erin").set("password", Editors.PASSWORD).entries());
        assertEquals(200, signedIn.statusCode(), signedIn.body());
        Document again = Jsoup.parse(signedIn.body());
        assertEquals("/admin/documents/" + id + "/edit", again.selectFirst("form.send-again-form").attr("action"));
        assertEquals(before, recordTitle(id), "nothing is sent before the editor says so");
        HttpResponse<String> sent = erin.post("/admin/documents/" + id + "/edit",
                FormFields.of(signedIn.body(), "form.send-again-form").entries());
        assertEquals(303, sent.statusCode(), sent.body());
        try (Database db = Database.open(catalogue.database())) {
            assertEquals(typed, db.dsl().select(DOCUMENT.SUMMARY).from(DOCUMENT).where(DOCUMENT.ID.eq(id))
                    .fetchSingle(DOCUMENT.SUMMARY));
        }
    }

    /**
     * A sign-out from a tab whose session already ended (another tab signed out, or it idled out) is
     * done: it lands on the home page with the dead cookie cleared, not on the sign-in form asking to
     * send a form again. It carries nothing typed, so there is nothing to keep.
     */
    @Test
    void signingOutOfASessionThatEndedClearsTheCookieAndLandsHome() {
        Http tab = reader();
        HttpResponse<String> signedIn = tab.post("/admin/login", Map.of("csrf", Editors.csrf(tab.get("/admin/login").body()),
                "username", "erin", "password", Editors.PASSWORD, "return", "/admin"));
        String cookie = signedIn.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(AccessControl.SESSION_COOKIE + "=")).findFirst().orElseThrow();
        String session = cookie.substring(0, cookie.indexOf(';'));
        String token = Editors.csrf(tab.get("/admin").body());
        Http otherBrowser = Editors.signIn(catalogue, "erin");
        assertEquals(303, tab.post("/admin/logout", Map.of("csrf", token)).statusCode());

        // The second tab still shows the sign-out form of that session, with its token.
        HttpResponse<String> again = reader().post("/admin/logout", Map.of("csrf", token),
                "Cookie", session);
        assertEquals(303, again.statusCode(), again.body());
        assertEquals("/", again.headers().firstValue("Location").orElseThrow());
        String cleared = again.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(AccessControl.SESSION_COOKIE + "=")).findFirst().orElseThrow();
        assertTrue(cleared.startsWith(AccessControl.SESSION_COOKIE + "=;") && cleared.contains("1970"), "cleared: " + cleared);
        HttpResponse<String> noCookie = reader().post("/admin/logout", Map.of());
        assertEquals(303, noCookie.statusCode());
        assertTrue(noCookie.headers().allValues("Set-Cookie").stream()
                .noneMatch(c -> c.startsWith(AccessControl.SESSION_COOKIE + "=")), "no cookie sent, none cleared");
        assertEquals(200, otherBrowser.get("/admin").statusCode(), "a session that had not ended goes on");
    }

    @Test
    void aFormFromAnotherSiteCarriesNoSessionCookieAndIsNotCarriedThroughTheSignIn() {
        Http stranger = reader();
        String csrf = Editors.csrf(stranger.get("/admin/login").body());
        int id = catalogue.recordTitled("with Polish Professor Lange");
        HttpResponse<String> post = stranger.post("/admin/documents/" + id + "/edit", Map.of("csrf", csrf, "version", "1",
                "title", "Planted by another site", "date", "1950", "note", "x"));
        assertEquals(401, post.statusCode());
        assertTrue(Jsoup.parse(post.body()).select("input[name=carried-name], input[name=carried-value]").isEmpty(), post.body());
    }

    /**
     * An archivist signs out and in again in another tab while a person's form is open: the form's
     * token is the old session's, so its send is refused and changes nothing, but what was typed is
     * kept on a page that sends it with the new session's token, as for a session that ended.
     */
    @Test
    void aFormOpenedBeforeSigningInAgainInAnotherTabIsRefusedButWhatWasTypedIsKeptToSendAgain() {
        Http fay = Editors.signedIn(catalogue, "fay", Role.EDITOR);
        String typed = "Ambassador to the PRC, 1953–1959; a long note typed with care & <checked>";
        FormFields form = FormFields.at(fay, "/admin/people/yudin/edit", "form.authority-form")
                .set("description", typed).set("note", "Who he was");
        // The other tab: signs out, and in again.
        assertEquals(303, fay.post("/admin/logout", Map.of("csrf", Editors.csrf(fay.get("/admin").body()))).statusCode());
        Editors.signIn(fay, "fay");

        // Another host of the same site (SameSite=Lax lets the cookie come along) posting that form
        // gets the plain refusal, not a page whose one button saves what it chose.
        for (String[] sibling : List.of(
                new String[] {"Sec-Fetch-Site", "same-site", "Origin", "http://evil.localhost"},
                new String[] {"Origin", "http://evil.localhost"},
                new String[] {"Origin", "null"})) {
            HttpResponse<String> planted = fay.post("/admin/people/yudin/edit", form.entries(), sibling);
            assertEquals(403, planted.statusCode(), String.join(" ", sibling));
            assertFalse(planted.body().contains("send-again-form"), String.join(" ", sibling) + ": " + planted.body());
        }

        HttpResponse<String> old = fay.post("/admin/people/yudin/edit", form.entries(),
                "Sec-Fetch-Site", "same-origin", "Origin", fay.url(""));
        assertEquals(403, old.statusCode());
        assertTrue(old.body().contains("nothing was changed"), old.body());
        assertFalse(reader().get("/people/yudin").body().contains("typed with care"), "nothing saved");
        FormFields again = FormFields.of(old.body(), "form.send-again-form");
        assertEquals(typed, again.get("description"), "what was typed, as typed");
        assertEquals("/admin/people/yudin/edit", Jsoup.parse(old.body()).selectFirst("form.send-again-form").attr("action"));

        HttpResponse<String> sent = fay.post("/admin/people/yudin/edit", again.entries());
        assertEquals(303, sent.statusCode(), sent.body());
        assertTrue(Jsoup.parse(reader().get("/people/yudin").body()).text().contains(typed));
    }
}
