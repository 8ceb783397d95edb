package org.dossier.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.dossier.accounts.Role;
import org.dossier.app.Protection;
import org.dossier.editing.Editors;
import org.dossier.testing.Browser;
import org.dossier.testing.Http;
import org.dossier.testing.SeededCatalogue;
import org.dossier.testing.TestCatalogue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.openqa.selenium.JavascriptExecutor;

/**
 * A script on another site (a notebook in the browser, a JavaScript app) reads the JSON twins, the
 * exports and the feeds, their errors included, and never an editor's pages, through a real server
 * and a real Chromium on another origin.
 */
@ResourceLock(Browser.ONE_AT_A_TIME)
class CrossOriginTest {

    private static final String ELSEWHERE = "https://notebook.example.org";

    @RegisterExtension
    static final SeededCatalogue catalogue = SeededCatalogue.ownedByTheClass();
    private static Http reader;
    private static int record;

    @BeforeAll
    static void start() {
        reader = catalogue.http();
        record = catalogue.recordTitled("Letter to Stalin from the Commanders and Soldiers");
    }

    private static String header(HttpResponse<String> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    @Test
    void everyMachineReadableAddressMayBeReadFromAnotherSiteWithTheHeadersAScriptNeeds() {
        for (String path : List.of("/search.json?q=stalin", "/search.csv?q=stalin", "/search.ris", "/search.bib",
                "/search/suggest.json?q=sta", "/documents/" + record + ".json", "/documents/" + record + ".bib",
                "/documents/" + record + ".csl.json", "/documents/" + record + "/v/1.json", "/feed.atom",
                "/sitemap.xml", "/oai?verb=Identify")) {
            HttpResponse<String> answer = reader.get(path, "Origin", ELSEWHERE);
            assertEquals(200, answer.statusCode(), path);
            assertEquals("*", header(answer, "Access-Control-Allow-Origin"), path);
            assertNull(header(answer, "Access-Control-Allow-Credentials"), path + ": no credentials, ever");
            String exposed = header(answer, "Access-Control-Expose-Headers");
            for (String name : List.of("ETag", "Link", "X-Total-Count", "Retry-After", "Content-Disposition",
                    "X-Request-Id")) {
                assertTrue(exposed != null && exposed.contains(name), path + " exposes " + name + ": " + exposed);
            }
        }
    }

    /** A browser follows a redirect for a script only if the redirect is open to it too. */
    @Test
    void anAddressWrittenWithATrailingSlashRedirectsTheScriptToo() {
        for (String path : List.of("/search.json/?q=stalin", "/search.csv/", "/documents/" + record + ".json/")) {
            HttpResponse<String> answer = reader.get(path, "Origin", ELSEWHERE);
            assertEquals(301, answer.statusCode(), path);
            assertEquals("*", header(answer, "Access-Control-Allow-Origin"), path);
        }
        assertNull(header(reader.get("/people/", "Origin", ELSEWHERE), "Access-Control-Allow-Origin"),
                "a page's redirect stays closed");
    }

    @Test
    void errorsAtThoseAddressesAreReadableTooSoThatTheScriptCanSayWhatToChange() {
        for (Map.Entry<String, Integer> error : Map.of("/search.json?page=abc", 400, "/search.json?q=stalin&page=99", 404,
                "/documents/999999.json", 404, "/search.csv?sort=sideways", 400).entrySet()) {
            HttpResponse<String> answer = reader.get(error.getKey(), "Origin", ELSEWHERE);
            assertEquals(error.getValue(), answer.statusCode(), error.getKey());
            assertEquals("*", header(answer, "Access-Control-Allow-Origin"), error.getKey());
        }
        try (TestCatalogue limited = TestCatalogue.withSeeds(Protection.DEFAULTS.withSearchLimit(1))) {
            Http script = limited.http();
            assertEquals(200, script.get("/search.json?q=korea").statusCode());
            HttpResponse<String> refused = script.get("/search.json?q=stalin", "Origin", ELSEWHERE);
            assertEquals(429, refused.statusCode());
            assertEquals("*", header(refused, "Access-Control-Allow-Origin"), "the script can read how long to wait");
            assertTrue(header(refused, "Access-Control-Expose-Headers").contains("Retry-After"));
            assertEquals("application/json;charset=utf-8", header(refused, "Content-Type"));
            assertTrue(refused.body().contains("in the last minute (1 is allowed). Wait "), refused.body());
        }
    }

    @Test
    void pagesAndTheEditorsSideAreNeverOpenedToOtherSites() {
        Http editor = Editors.signedIn(catalogue, "cora", Role.EDITOR);
        for (String path : List.of("/", "/search?q=stalin", "/documents/" + record, "/people/stalin", "/admin",
                "/admin/login", "/admin/documents/" + record + "/edit", "/admin/documents/" + record + ".json")) {
            for (Http who : List.of(reader, editor)) {
                HttpResponse<String> answer = who.get(path, "Origin", ELSEWHERE);
                assertNull(header(answer, "Access-Control-Allow-Origin"), path + " (" + answer.statusCode() + ")");
            }
        }
        // The JSON twin an editor reads is the reader's: the same body, so nothing personal is opened.
        HttpResponse<String> theirs = editor.get("/documents/" + record + ".json", "Origin", ELSEWHERE);
        assertEquals(reader.get("/documents/" + record + ".json").body(), theirs.body());
        assertEquals(reader.get("/search.json?q=stalin").body(), editor.get("/search.json?q=stalin").body());
    }

    @Test
    void aPreflightForReadingIsAnsweredAndEveryOtherOptionsStaysA405() {
        HttpResponse<String> preflight = reader.send("OPTIONS", "/search.json?q=stalin", null, null, "Origin", ELSEWHERE,
                "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "if-none-match");
        assertEquals(204, preflight.statusCode(), preflight.body());
        assertEquals("*", header(preflight, "Access-Control-Allow-Origin"));
        assertEquals("GET, HEAD", header(preflight, "Access-Control-Allow-Methods"));
        assertTrue(header(preflight, "Access-Control-Allow-Headers").contains("If-None-Match"));
        assertEquals("", preflight.body());

        HttpResponse<String> plain = reader.send("OPTIONS", "/search.json", null, null);
        assertEquals(405, plain.statusCode(), "OPTIONS that is no preflight is what it was");
        assertEquals("GET, HEAD", header(plain, "Allow"));
        HttpResponse<String> toDelete = reader.send("OPTIONS", "/documents/" + record + ".json", null, null,
                "Origin", ELSEWHERE, "Access-Control-Request-Method", "DELETE");
        assertEquals(405, toDelete.statusCode(), "nothing here is deleted from elsewhere");
        HttpResponse<String> toAdmin = reader.send("OPTIONS", "/admin/users", null, null,
                "Origin", ELSEWHERE, "Access-Control-Request-Method", "GET");
        assertEquals(405, toAdmin.statusCode());
        assertNull(header(toAdmin, "Access-Control-Allow-Origin"));
    }

    /** What a JavaScript app on another origin does: fetch, read the body, the total, the validator. */
    @Test
    void aBrowserAppOnAnotherOriginFetchesTheSearchAndItsValidator() throws IOException {
        // 127.0.0.1 and localhost are two origins: the app is served from the one, the catalogue from the other.
        HttpServer app = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        app.createContext("/", exchange -> {
            byte[] page = "<!doctype html><title>A notebook</title><p>notebook</p>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(page);
            }
        });
        app.start();
        try (Browser browser = Browser.start()) {
            browser.open("http://localhost:" + app.getAddress().getPort() + "/");
            String catalogueUrl = catalogue.baseUrl();
            Object answer = ((JavascriptExecutor) browser.driver()).executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    const base = arguments[0];
                    (async () => {
                      const r = await fetch(base + '/search.json?q=stalin&pageSize=5');
                      const body = await r.json();
                      const again = await fetch(base + '/documents/' + arguments[1] + '.json',
                          {headers: {'If-None-Match': 'W/"none"'}});
                      const error = await fetch(base + '/search.json?page=abc');
                      return [r.status, body.total, body.documents.length, again.status,
                              again.headers.get('ETag') !== null, error.status, (await error.json()).message];
                    })().then(done, e => done('failed: ' + e));
                    """, catalogueUrl, record);
            assertTrue(answer instanceof List, "the app read the catalogue: " + answer);
            List<?> read = (List<?>) answer;
            assertEquals(200L, read.get(0));
            assertTrue((Long) read.get(1) > 5, "the total: " + read);
            assertEquals(5L, read.get(2));
            assertEquals(200L, read.get(3), "a conditional fetch passes its preflight");
            assertEquals(true, read.get(4), "the validator is exposed to the script");
            assertEquals(400L, read.get(5));
            assertTrue(String.valueOf(read.get(6)).contains("'page'"), "the error's message is readable: " + read);
        } finally {
            app.stop(0);
        }
    }
}
