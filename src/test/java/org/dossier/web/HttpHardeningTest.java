package org.dossier.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.dossier.app.Protection;
import org.dossier.documents.Attribution;
import org.dossier.documents.DocumentDate;
import org.dossier.documents.RecordDraft;
import org.dossier.testing.CatalogueDatabase;
import org.dossier.testing.Http;
import org.dossier.testing.RawHttp;
import org.dossier.testing.SeededCatalogue;
import org.dossier.testing.TestCatalogue;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** HTTP that tools can trust, hostile Host headers, headers and crawlers, through a real server. */
class HttpHardeningTest {

    /** Words of the title of a seed record, a page every catalogue here serves. */
    private static final String RECORD_TITLE = "Letter to Stalin from the Commanders and Soldiers";
    /** An id no record has. */
    private static final int NO_SUCH_RECORD = 999999;

    @RegisterExtension
    static final SeededCatalogue catalogue = SeededCatalogue.ownedByTheClass();
    private static int record;
    private static int withdrawn;

    @BeforeAll
    static void start() {
        record = catalogue.recordTitled(RECORD_TITLE);
        try (CatalogueDatabase database = CatalogueDatabase.of(catalogue)) {
            withdrawn = database.write(w -> w.create(new RecordDraft("A record soon withdrawn", List.of(),
                    DocumentDate.ofYear(1951)), Attribution.editor("tester", "to withdraw")));
            database.write(w -> w.withdraw(withdrawn, 1, "Duplicate.", Attribution.editor("tester", "duplicate")));
        }
    }

    private static final Http http = new Http(catalogue).newVisitorEachRequest();

    private static int port() {
        return catalogue.app().port();
    }

    @Test
    void headAnswersWithTheStatusAndHeadersOfGet() {
        for (String path : new String[] {"/", "/documents/" + record, "/documents/" + NO_SUCH_RECORD,
                "/documents/" + withdrawn,
                "/no/such/page", "/search.csv?q=stalin", "/robots.txt"}) {
            HttpResponse<String> get = http.get(path);
            HttpResponse<String> head = http.send("HEAD", path, null, null);
            assertEquals(get.statusCode(), head.statusCode(), "HEAD " + path);
            assertEquals(get.headers().firstValue("Content-Type"), head.headers().firstValue("Content-Type"),
                    "HEAD " + path);
            assertEquals(get.headers().firstValue("Location"), head.headers().firstValue("Location"), "HEAD " + path);
            assertEquals("", head.body(), "HEAD " + path + " has no body");
        }
        assertEquals(301, http.send("HEAD", "/documents/" + record, null, null).statusCode());
        assertEquals(404, http.send("HEAD", "/documents/" + NO_SUCH_RECORD, null, null).statusCode());
        assertEquals(410, http.send("HEAD", "/documents/" + withdrawn, null, null).statusCode());
    }

    @Test
    void aMethodAnAddressDoesNotTakeIsA405ThatListsTheMethodsItDoesOnTheSitesOwnPage() {
        String page = http.get("/documents/" + record).headers().firstValue("Location").orElseThrow();
        String[][] asked = {
            {"POST", "/", "GET, HEAD"},
            {"OPTIONS", "/", "GET, HEAD"},
            {"TRACE", "/", "GET, HEAD"},
            {"DELETE", page, "GET, HEAD"},
            {"PUT", page, "GET, HEAD"},
            {"PATCH", page, "GET, HEAD"},
            {"DELETE", "/oai", "GET, HEAD, POST"},
            {"GET", "/admin/logout", "POST"},
            // A style sheet is an address too: PUT was a 403 about a missing security token, OPTIONS a 404.
            {"PUT", "/static/dossier.css", "GET, HEAD"},
            {"DELETE", "/static/dossier.css", "GET, HEAD"},
            {"OPTIONS", "/static/dossier.css", "GET, HEAD"},
        };
        for (String[] request : asked) {
            HttpResponse<String> response = http.send(request[0], request[1], null, null);
            String what = request[0] + " " + request[1];
            assertEquals(405, response.statusCode(), what);
            assertEquals(request[2], response.headers().firstValue("Allow").orElse(""), what);
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), what);
            org.jsoup.nodes.Document html = Jsoup.parse(response.body());
            assertEquals("Method not allowed", html.selectFirst("h1").text(), what);
            assertTrue(html.selectFirst(".lead").text().contains(request[0]), what);
            assertFalse(response.body().contains("There is no page"), what);
        }
        HttpResponse<String> json = http.send("POST", "/documents/" + record + ".json", null, null);
        assertEquals(405, json.statusCode());
        assertEquals("GET, HEAD", json.headers().firstValue("Allow").orElse(""));
        assertTrue(json.body().contains("\"status\":405"), json.body());
        assertEquals(404, http.send("POST", "/no/such/page", null, null).statusCode(),
                "an address no method has is still not found");
        assertEquals(404, http.send("PUT", "/static/no-such-file.css", null, null).statusCode(),
                "nor a file that is not there");
        assertEquals(200, http.get("/static/dossier.css").statusCode());
    }

    @Test
    void everyTextTypeSaysItsCharset() {
        for (String path : new String[] {"/", "/no/such/page", "/search?q=stalin", "/search.json", "/search.csv",
                "/search.bib", "/search.ris", "/oai?verb=Identify", "/sitemap.xml", "/feed.atom", "/robots.txt",
                "/static/dossier.css", "/documents/" + record + ".json"}) {
            HttpResponse<String> response = http.get(path);
            String type = response.headers().firstValue("Content-Type").orElse("");
            assertTrue(type.toLowerCase(java.util.Locale.ROOT).replace(" ", "").contains("charset=utf-8"),
                    path + " is sent as " + type);
        }
    }

    @Test
    void aBodyIsCompressedForAClientThatAcceptsGzipAndEveryAnswerSaysItVariesWithThat() throws Exception {
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        // Every kind of answer larger than Javalin's 1,500 bytes, the streamed XML among them.
        for (String path : new String[] {"/", "/search?q=stalin", "/search.json?q=korea", "/search.csv?q=korea",
                "/oai?verb=ListRecords&metadataPrefix=oai_dc", "/sitemap.xml", "/feed.atom", "/static/dossier.css",
                "/documents/" + record, "/documents/" + NO_SUCH_RECORD}) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(catalogue.http().url(path)));
            HttpResponse<byte[]> plain = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            HttpResponse<byte[]> gzipped = client.send(request.header("Accept-Encoding", "gzip, deflate, br").build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(plain.statusCode(), gzipped.statusCode(), path);
            assertTrue(plain.body().length > 1_500, path + " is " + plain.body().length + " bytes");
            assertEquals(Optional.empty(), plain.headers().firstValue("Content-Encoding"), path);
            assertEquals("gzip", gzipped.headers().firstValue("Content-Encoding").orElse(""), path);
            try (GZIPInputStream unzipped = new GZIPInputStream(new ByteArrayInputStream(gzipped.body()))) {
                assertEquals(sameAnswer(plain.body()), sameAnswer(unzipped.readAllBytes()), path);
            }
            for (HttpResponse<byte[]> response : List.of(plain, gzipped)) {
                List<String> vary = response.headers().allValues("Vary").stream()
                        .flatMap(value -> Arrays.stream(value.split(","))).map(String::strip).toList();
                assertTrue(vary.contains("Accept-Encoding"), path + " varies with " + vary);
                if (response.headers().firstValue("Content-Type").orElse("").startsWith("text/html")) {
                    assertTrue(vary.contains("Cookie"), path + ": a page's header says who is signed in: " + vary);
                }
            }
        }
    }

    @Test
    void aClientThatWeighsItsEncodingsGetsGzipWheneverItAcceptsItAndNeverWhenItRefusesIt() {
        // RFC 9110, 12.5.3: weights, x-gzip as gzip, * for any coding not named, q=0 as "not this".
        List<String> accepting = List.of("gzip;q=0.8", "deflate, gzip;q=0.5", "gzip;q=1.0, identity; q=0.5, *;q=0",
                "GZIP", "x-gzip", "*");
        List<String> refusing = List.of("gzip;q=0", "*;q=0.5, gzip;q=0", "br", "identity", "gzip;q=2");
        for (String asked : accepting) {
            assertEquals("gzip", encodingOfTheListing(asked), asked);
        }
        for (String asked : refusing) {
            assertEquals(null, encodingOfTheListing(asked), asked);
        }
    }

    private static String encodingOfTheListing(String acceptEncoding) {
        HttpResponse<String> page = http.get("/", "Accept-Encoding", acceptEncoding);
        assertEquals(200, page.statusCode(), acceptEncoding);
        return page.headers().firstValue("Content-Encoding").orElse(null);
    }

    /**
     * BREACH: a compressed page's length tells an eavesdropper how much of what an attacker put in
     * it (a search, the address to return to) repeats a secret the page carries. A page with a CSRF
     * token is therefore never compressed; a reader's page, which carries none, is.
     */
    @Test
    void aPageThatCarriesASecurityTokenIsSentUncompressedEvenToAClientThatAcceptsGzip() {
        Http editor = org.dossier.editing.Editors.signedIn(catalogue, "breach", org.dossier.accounts.Role.EDITOR);
        String search = "/search?q=stalin";
        String signIn = "/admin/login?return=" + java.net.URLEncoder.encode(search, StandardCharsets.UTF_8);
        List<Map.Entry<Http, String>> withToken = List.of(Map.entry(http, signIn), Map.entry(editor, search),
                Map.entry(editor, "/"), Map.entry(editor, "/people/stalin"), Map.entry(editor, "/admin"));
        for (Map.Entry<Http, String> asked : withToken) {
            HttpResponse<String> page = asked.getKey().get(asked.getValue(), "Accept-Encoding", "gzip");
            assertEquals(200, page.statusCode(), asked.getValue());
            assertEquals(null, page.headers().firstValue("Content-Encoding").orElse(null), asked.getValue());
            assertTrue(page.body().length() > 1_500, asked.getValue() + " would be compressed by its size");
            assertTrue(page.body().contains("name=\"csrf\""), asked.getValue() + " carries a token");
        }
        assertEquals("gzip", http.get(search, "Accept-Encoding", "gzip").headers().firstValue("Content-Encoding")
                .orElse(null), "a reader's search, with no token, is compressed");
    }

    /** A body as text, without OAI-PMH's responseDate, which names the second it was asked in. */
    private static String sameAnswer(byte[] body) {
        return new String(body, StandardCharsets.UTF_8).replaceFirst("<responseDate>[^<]*</responseDate>", "");
    }

    @Test
    void aMalformedMultipartBodyIsA400() {
        String body = "--xyz\r\nContent-Disposition: form-data; name=\"username\"\r\n\r\nbob";
        for (String path : new String[] {"/admin/login", "/oai", "/admin/documents/" + record + "/edit"}) {
            HttpResponse<String> response = http.send("POST", path, "multipart/form-data; boundary=xyz", body);
            assertTrue(response.statusCode() >= 400 && response.statusCode() < 500, path + ": " + response.statusCode());
            assertFalse(response.body().contains("Exception"), response.body());
        }
        assertEquals(400, http.send("POST", "/admin/login", "multipart/form-data; boundary=xyz", body).statusCode());
    }

    @Test
    void anInvalidPercentEscapeIsA400ThatOffersWhatWasTyped() {
        // A well-behaved client will not send these: they go on a socket as typed.
        RawHttp.Response response = RawHttp.send(port(), "GET /search?q=abc% HTTP/1.1", "Host: localhost");
        assertEquals(400, response.status());
        String message = Jsoup.parse(response.body()).selectFirst(".lead").text();
        assertTrue(message.contains("/search?q=abc%25"), message);
        assertEquals(400, RawHttp.send(port(), "GET /search?q=%ZZtop HTTP/1.1", "Host: localhost").status());
        assertEquals(400, RawHttp.send(port(), "GET /search?q=%C3%28 HTTP/1.1", "Host: localhost").status(),
                "bytes that are not UTF-8");
        assertEquals(200, http.get("/search?q=%C3%A9t%C3%A9").statusCode());
    }

    @Test
    void anAddressJettyCannotReadGetsTheSitesOwnErrorPageInUtf8SayingWhatToChange() {
        String[][] asked = {
            {"/documents/%00", "400"},
            {"/documents/" + record + "/%zz", "400"},
            {"/people/%ED%A0%80", "400"},
            {"/?x=" + "a".repeat(20_000), "414"},
        };
        for (String[] request : asked) {
            RawHttp.Response response = RawHttp.send(port(), "GET " + request[0] + " HTTP/1.1", "Host: localhost");
            String what = request[0].length() > 40 ? request[0].substring(0, 40) + "…" : request[0];
            assertEquals(Integer.parseInt(request[1]), response.status(), what);
            assertEquals("text/html;charset=utf-8", response.header("Content-Type").replace(" ", "").toLowerCase(
                    java.util.Locale.ROOT), what);
            org.jsoup.nodes.Document page = Jsoup.parse(response.body());
            assertEquals(request[1], page.selectFirst(".error-page .status").text(), what);
            assertTrue(page.selectFirst(".error-page .lead").text().length() > 40, what + ": says what to change");
            assertEquals(StaticFiles.URLS.get("dossier.css"), page.selectFirst("link[rel=stylesheet]").attr("href"), what);
            assertFalse(response.body().contains("badMessage"), what);
        }
    }

    @Test
    void anAddressWhosePathIsNotUtf8IsAJsonErrorAtAJsonAddress() throws Exception {
        // Jetty answers these itself, before Javalin, which answered every other error at a .json
        // address in JSON. (A '%' without hex digits fails earlier still, in Jetty's parser, which
        // does not say what the address was: that one stays the site's page.)
        for (String path : List.of("/documents/%C3%28.json", "/documents/" + record + "/v/%FF.json",
                "/search/%ED%A0%80.json")) {
            RawHttp.Response response = RawHttp.send(port(), "GET " + path + " HTTP/1.1", "Host: localhost");
            assertEquals(400, response.status(), path);
            assertEquals("application/json;charset=utf-8", response.header("Content-Type").replace(" ", ""), path);
            com.fasterxml.jackson.databind.JsonNode body = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(response.body());
            assertEquals(400, body.get("status").asInt(), path);
            assertTrue(body.get("message").asText().contains("cannot be read"), path + ": " + response.body());
            assertEquals("nosniff", response.header("X-Content-Type-Options"), path);
        }
    }

    /**
     * What Jetty refuses itself answers at a program's address as the application's errors there do:
     * JSON at a {@code .json} address, plain text at an export's, readable from another site (CORS);
     * and a header field it cannot read is said to be that, not a fault in the address.
     */
    @Test
    void jettysOwnErrorsAtAProgramsAddressAnswerAsTheApplicationsErrorsThere() throws Exception {
        String[][] asked = {
            {"/search.json", "Bad Header: x", "application/json;charset=utf-8", "header fields"},
            {"/search.json", "Content-Length: abc", "application/json;charset=utf-8", "header fields"},
            {"/documents/%C3%28.json", "X-Fine: yes", "application/json;charset=utf-8", "address cannot be read"},
            {"/search.csv", "X-Bad: a\u0001b", "text/plain;charset=utf-8", "header fields"},
            {"/documents/%C3%28.bib", "X-Fine: yes", "text/plain;charset=utf-8", "address cannot be read"},
        };
        for (String[] request : asked) {
            String what = request[0] + " with " + request[1];
            RawHttp.Response response = RawHttp.send(port(), "GET " + request[0] + " HTTP/1.1", "Host: localhost",
                    request[1]);
            assertEquals(400, response.status(), what);
            assertEquals(request[2], response.header("Content-Type").replace(" ", ""), what);
            assertEquals("*", response.header("Access-Control-Allow-Origin"), what);
            assertTrue(response.header("Access-Control-Expose-Headers").contains("Retry-After"), what);
            String message = request[2].startsWith("application/json")
                    ? new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body()).get("message").asText()
                    : response.body();
            assertTrue(message.contains(request[3]), what + ": " + response.body());
            assertFalse(response.body().contains("<"), what + ": no markup");
        }
        // A page is still the site's page, saying what was wrong, and opens nothing to other sites.
        RawHttp.Response page = RawHttp.send(port(), "GET / HTTP/1.1", "Host: localhost", "Bad Header: x");
        assertEquals(400, page.status());
        assertTrue(page.header("Content-Type").startsWith("text/html"));
        assertTrue(Jsoup.parse(page.body()).selectFirst(".error-page .lead").text().contains("header fields"),
                page.body());
        assertNull(page.header("Access-Control-Allow-Origin"));
        // Refused in the request line, the address is not known: the page, but readable from another
        // site, so that a script sees the 414 its long search got rather than a network error.
        RawHttp.Response tooLong = RawHttp.send(port(), "GET /search.json?q=" + "a".repeat(20_000) + " HTTP/1.1",
                "Host: localhost");
        assertEquals(414, tooLong.status());
        assertEquals("*", tooLong.header("Access-Control-Allow-Origin"));
        assertFalse(tooLong.body().contains("at org."), "no stack trace");
        assertFalse(tooLong.body().toLowerCase(java.util.Locale.ROOT).contains("jetty"), "no server named");
    }

    /** RFC 9110, 9.3.7: {@code OPTIONS *} asks about the server, and is answered, not taken for a missing page. */
    @Test
    void optionsAskedOfTheWholeServerIsAnsweredWithWhatItTakes() {
        RawHttp.Response server = RawHttp.send(port(), "OPTIONS * HTTP/1.1", "Host: localhost");
        assertEquals(204, server.status(), server.toString());
        assertEquals("GET, HEAD, POST, OPTIONS", server.header("Allow"));
        assertEquals("nosniff", server.header("X-Content-Type-Options"));
        assertEquals("", server.body());
        assertEquals(400, RawHttp.send(port(), "GET * HTTP/1.1", "Host: localhost").status(),
                "only OPTIONS may ask of *");
    }

    /** RFC 9110, 15.5.16: a body in a coding the site does not read is a 415 that says which it reads. */
    @Test
    void aCompressedBodyIsRefusedWith415RatherThanReadAsIfItWereNot() throws Exception {
        java.io.ByteArrayOutputStream zipped = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(zipped)) {
            gzip.write("verb=Identify".getBytes(StandardCharsets.UTF_8));
        }
        HttpResponse<String> oai = http.sendBytes("POST", "/oai", "application/x-www-form-urlencoded",
                zipped.toByteArray(), "Content-Encoding", "gzip");
        assertEquals(415, oai.statusCode(), oai.body());
        assertEquals("identity", oai.headers().firstValue("Accept-Encoding").orElse(null));
        assertTrue(oai.body().contains("Content-Encoding: gzip"), oai.body());
        assertFalse(oai.body().contains("no verb"), oai.body());
        assertEquals(200, http.sendBytes("POST", "/oai", "application/x-www-form-urlencoded",
                "verb=Identify".getBytes(StandardCharsets.UTF_8), "Content-Encoding", "identity").statusCode(),
                "identity is the body as written");
        assertEquals(405, http.sendBytes("POST", "/search.json", "application/x-www-form-urlencoded",
                zipped.toByteArray(), "Content-Encoding", "gzip").statusCode(), "an address that takes no POST says so first");
    }

    /** Strict-Transport-Security only where readers come over https: an http site that sent it would lock them out. */
    @Test
    void onlyASiteWhoseAddressIsHttpsAsksBrowsersToKeepToHttps() {
        try (TestCatalogue https = catalogue.anotherNode(PublicUrl.fixed("https://catalogue.example.org"));
             TestCatalogue plain = catalogue.anotherNode(PublicUrl.fixed("http://catalogue.example.org"))) {
            for (String path : new String[] {"/", "/search.json?q=stalin", "/no/such/page"}) {
                assertEquals("max-age=31536000", https.http().get(path).headers()
                        .firstValue("Strict-Transport-Security").orElse(null), path);
                assertNull(plain.http().get(path).headers().firstValue("Strict-Transport-Security").orElse(null), path);
            }
            // Jetty's own answers (a bad address, 414, 431, OPTIONS *) are the site's as much as its pages.
            String[][] requests = {
                {"GET /%zz HTTP/1.1", "Host: localhost"},
                {"GET /search?q=" + "a".repeat(20_000) + " HTTP/1.1", "Host: localhost"},
                {"GET / HTTP/1.1", "Host: localhost", "X-Big: " + "b".repeat(20_000)},
                {"OPTIONS * HTTP/1.1", "Host: localhost"},
            };
            for (String[] request : requests) {
                RawHttp.Response secure = RawHttp.send(https.app().port(), request);
                assertEquals("max-age=31536000", secure.header("Strict-Transport-Security"), secure.toString());
                assertNull(RawHttp.send(plain.app().port(), request).header("Strict-Transport-Security"));
            }
        }
        assertNull(http.get("/").headers().firstValue("Strict-Transport-Security").orElse(null),
                "an address taken from the request says nothing of how readers come");
    }

    @Test
    void jettysOwnErrorPagesCarryTheSecurityHeaders() {
        String longUri = "/search?q=" + "a".repeat(20_000);
        String bigHeader = "X-Big: " + "b".repeat(20_000);
        RawHttp.Response[] errors = {
            RawHttp.send(port(), "GET /%zz HTTP/1.1", "Host: localhost"),
            RawHttp.send(port(), "GET " + longUri + " HTTP/1.1", "Host: localhost"),
            RawHttp.send(port(), "GET / HTTP/1.1", "Host: localhost", bigHeader),
        };
        assertEquals(400, errors[0].status());
        assertEquals(414, errors[1].status());
        assertEquals(431, errors[2].status());
        for (RawHttp.Response error : errors) {
            assertEquals("nosniff", error.header("X-Content-Type-Options"), error.toString());
            assertNotNull(error.header("Content-Security-Policy"), error.toString());
            assertEquals("DENY", error.header("X-Frame-Options"));
            assertFalse(error.body().contains("at org."), "no stack trace");
        }
    }

    @Test
    void aHostHeaderThatIsNoHostNameIsA400() {
        for (String host : new String[] {"exa_mple.com", "evil.example/path", "a..b", "[::1", "host:99999", "-x.example"}) {
            RawHttp.Response response = RawHttp.send(port(), "GET /oai?verb=Identify HTTP/1.1", "Host: " + host);
            assertEquals(400, response.status(), host);
            assertFalse(response.body().contains("oai:null"), host);
        }
        RawHttp.Response fine = RawHttp.send(port(), "GET /oai?verb=GetRecord&identifier=oai:catalogue.example.org:"
                + record + "&metadataPrefix=oai_dc HTTP/1.1", "Host: catalogue.example.org:8080");
        assertEquals(200, fine.status());
        assertTrue(fine.body().contains("oai:catalogue.example.org:" + record), fine.body());
    }

    @Test
    void onlyTheAllowedHostsAreAnswered() {
        try (TestCatalogue listed = TestCatalogue.withSeeds(Protection.DEFAULTS.withSearchLimit(0)
                .withAllowedHosts(List.of("catalogue.example.org", "127.0.0.1")))) {
            int port = listed.app().port();
            RawHttp.Response evil = RawHttp.send(port, "GET /search.csv HTTP/1.1", "Host: evil.example");
            assertEquals(400, evil.status());
            assertFalse(evil.body().contains("evil.example/documents"));
            RawHttp.Response ours = RawHttp.send(port, "GET /documents/" + listed.recordTitled(RECORD_TITLE) + " HTTP/1.1",
                    "Host: catalogue.example.org");
            assertEquals(301, ours.status());
            assertEquals(200, listed.http().get("/").statusCode(), "127.0.0.1 is on the list");
        }
    }

    @Test
    void privatePagesAreNeverStoredAndEveryPageHasAPermissionsPolicy() {
        HttpResponse<String> login = http.get("/admin/login");
        assertEquals("no-store", login.headers().firstValue("Cache-Control").orElse(""));
        assertEquals("no-store", http.get("/admin").headers().firstValue("Cache-Control").orElse(""));
        HttpResponse<String> nothing = http.get("/admin/no/such/page");
        assertEquals(404, nothing.statusCode());
        assertEquals("no-store", nothing.headers().firstValue("Cache-Control").orElse(""),
                "an address under /admin that no route answers is private too");
        HttpResponse<String> home = http.get("/");
        assertFalse(home.headers().firstValue("Cache-Control").orElse("").contains("no-store"),
                "a reader's public page may be cached");
        assertTrue(home.headers().firstValue("Permissions-Policy").orElse("").contains("camera=()"));
    }

    @Test
    void serverTimingIsSentOnlyWhenSwitchedOn() {
        assertTrue(http.get("/").headers().firstValue("Server-Timing").isEmpty());
        try (TestCatalogue timed = TestCatalogue.withSeeds(Protection.DEFAULTS.withSearchLimit(0).withServerTiming(true))) {
            assertTrue(timed.http().get("/search?q=stalin").headers().firstValue("Server-Timing").isPresent());
        }
    }

    @Test
    void serverTimingNamesEachPartOfASearchPageAndLeavesOutARenderingNotDone() {
        try (TestCatalogue timed = TestCatalogue.withSeeds(Protection.DEFAULTS.withSearchLimit(0).withServerTiming(true))) {
            String part = ";dur=\\d+\\.\\d";
            String rendered = timed.http().get("/search?q=stalin").headers().firstValue("Server-Timing").orElse("");
            assertTrue(rendered.matches(String.join(", ", "search" + part, "counts" + part, "records" + part,
                    "citations" + part, "render" + part, "page" + part)), rendered);
            // The same search again is the page kept from the first: no record read, nothing cited or rendered anew.
            String kept = timed.http().get("/search?q=stalin").headers().firstValue("Server-Timing").orElse("");
            assertTrue(kept.matches(String.join(", ", "search" + part, "counts" + part, "page" + part)), kept);
            String json = timed.http().get("/search.json?q=stalin").headers().firstValue("Server-Timing").orElse("");
            assertTrue(json.matches(String.join(", ", "search" + part, "counts" + part, "records" + part, "page" + part)), json);
        }
    }

    @Test
    void serverTimingGivesARecordPagesRenderingWhenSwitchedOn() {
        try (TestCatalogue timed = TestCatalogue.withSeeds(Protection.DEFAULTS.withSearchLimit(0).withServerTiming(true))) {
            String page = timed.http().get("/documents/" + timed.recordTitled(RECORD_TITLE))
                    .headers().firstValue("Location").orElseThrow();
            String timing = timed.http().get(page).headers().firstValue("Server-Timing").orElse("");
            assertTrue(timing.matches("render;dur=\\d+\\.\\d"), timing);
        }
        String page = http.get("/documents/" + catalogue.recordTitled(RECORD_TITLE))
                .headers().firstValue("Location").orElseThrow();
        assertTrue(http.get(page).headers().firstValue("Server-Timing").isEmpty());
    }

    @Test
    void robotsKeepCrawlersOutOfSearchButLeaveRecordsAndTheSitemapOpen() {
        String robots = http.get("/robots.txt").body();
        assertTrue(robots.contains("Disallow: /search\n"), robots);
        assertTrue(robots.contains("Allow: /\n"), robots);
        assertTrue(robots.contains("Sitemap: " + catalogue.baseUrl() + "/sitemap.xml"), robots);
        assertFalse(robots.contains("Disallow: /documents"), robots);
        assertFalse(robots.contains("Disallow: /sitemap"), robots);
    }

    @Test
    void searchesPastTheLimitGet429WithRetryAfterAndRecordPagesNever() {
        try (TestCatalogue limited = TestCatalogue.withSeeds(Protection.DEFAULTS.withSearchLimit(3))) {
            Http crawler = limited.http();
            int page = limited.recordTitled(RECORD_TITLE);
            for (int i = 0; i < 3; i++) {
                assertEquals(200, crawler.get("/search?q=" + List.of("stalin", "korea", "kim").get(i)).statusCode());
            }
            HttpResponse<String> refused = crawler.get("/search.json?q=stalin");
            assertEquals(429, refused.statusCode());
            long retry = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
            assertTrue(retry >= 1 && retry <= 20, "a token comes back every 20 s: " + retry);
            assertEquals(429, crawler.get("/search/facets/person").statusCode());
            // The page offers the same search again, filters and all: the header's box keeps only its words.
            HttpResponse<String> page429 = crawler.get("/search?q=stalin&type=telegram");
            assertEquals(429, page429.statusCode());
            assertEquals("/search?q=stalin&type=telegram", org.jsoup.Jsoup.parse(page429.body())
                    .selectFirst("main a:containsOwn(Try this search again)").attr("href"));
            for (int i = 0; i < 10; i++) {
                assertEquals(301, crawler.get("/documents/" + page).statusCode(), "record pages are never limited");
                assertEquals(200, crawler.get("/").statusCode());
            }
        }
    }
}
