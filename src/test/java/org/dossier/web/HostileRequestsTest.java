package org.dossier.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dossier.testing.Http;
import org.dossier.testing.RawHttp;
import org.dossier.testing.SameOnEveryDatabase;
import org.dossier.testing.SeededCatalogue;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Requests a browser never sends, through a real server: each a clear 4xx that changes nothing, or a redirect that stays here. */
class HostileRequestsTest {

    @RegisterExtension
    static final SeededCatalogue catalogue = SeededCatalogue.ownedByTheClass();

    private static final Http http = new Http(catalogue).newVisitorEachRequest();

    // Same on every database: Jetty's and the form reader's limits, refused before any handler reads the
    // catalogue.
    @SameOnEveryDatabase
    @Test
    void aMultipartBodyPastTheSizeOfAFormIsA413BeforeItIsAllRead() throws IOException {
        // Before sign-in, anyone could stream a file part of any size to the sign-in form: the CSRF
        // check read it all (onto a temporary file) and only then answered 403.
        byte[] head = ("--xyz\r\nContent-Disposition: form-data; name=\"upload\"; filename=\"a.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        long fileSize = 64L << 20;
        byte[] tail = "\r\n--xyz--\r\n".getBytes(StandardCharsets.US_ASCII);
        long sent = 0;
        String answer;
        try (Socket socket = new Socket("127.0.0.1", catalogue.app().port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /admin/login HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                    + "Content-Type: multipart/form-data; boundary=xyz\r\n"
                    + "Content-Length: " + (head.length + fileSize + tail.length) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(head);
            byte[] chunk = new byte[1 << 16];
            Arrays.fill(chunk, (byte) 'B');
            try {
                while (sent < fileSize) {
                    out.write(chunk);
                    sent += chunk.length;
                }
                out.write(tail);
            } catch (IOException closedByTheServer) {
                // The server answered and closed without reading the rest: what the test wants.
            }
            answer = read(socket.getInputStream());
        }
        assertTrue(answer.startsWith("HTTP/1.1 413 "), answer.lines().findFirst().orElse(""));
        String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
        assertTrue(Jsoup.parse(body).selectFirst(".error-page .lead").text().contains("nothing was changed"), body);
        assertFalse(body.contains("Exception"), body);
    }

    // Same on every database: the form reader and the CSRF check, refused before anything is written.
    @SameOnEveryDatabase
    @Test
    void aMultipartFormOfOrdinarySizeIsStillReadAndCheckedForItsToken() {
        String body = "--xyz\r\nContent-Disposition: form-data; name=\"username\"\r\n\r\nbob\r\n"
                + "--xyz\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\nnot-the-token\r\n--xyz--\r\n";
        HttpResponse<String> response = http.send("POST", "/admin/login", "multipart/form-data; boundary=xyz", body);
        assertEquals(403, response.statusCode(), response.body());
    }

    // Same on every database: the body's character set, refused before any handler reads the catalogue.
    @SameOnEveryDatabase
    @Test
    void aBodyInACharacterSetTheSiteDoesNotKnowIsA415NotA500() {
        for (String path : new String[] {"/admin/login", "/admin/users", "/oai"}) {
            for (String charset : new String[] {"bogus", "no such=charset", "\"\""}) {
                HttpResponse<String> response = http.send("POST", path,
                        "application/x-www-form-urlencoded; charset=" + charset, "username=bob&verb=Identify");
                String what = path + " charset=" + charset;
                assertTrue(response.statusCode() == 415 || response.statusCode() == 401, what + ": " + response.statusCode());
                assertFalse(response.body().contains("Exception"), what);
                if (response.statusCode() == 415) {
                    String lead = Jsoup.parse(response.body()).selectFirst(".error-page .lead").text();
                    assertTrue(lead.contains("UTF-8") && lead.contains("nothing was changed"), what + ": " + lead);
                }
            }
        }
        assertEquals(415, http.send("POST", "/admin/login", "application/x-www-form-urlencoded; charset=bogus",
                "username=bob").statusCode());
    }

    // Same on every database: Jetty's idle timeout on a body, before any handler runs.
    @SameOnEveryDatabase
    @Test
    void aBodyThatDribblesInIsA408InsteadOfHoldingAThreadForAsLongAsTheClientLikes() throws Exception {
        // One byte every few seconds never let the idle timeout end it: 300 such sign-in forms held
        // every thread of the server, and no one else was answered.
        RawHttp.Dribbled answer = RawHttp.dribble(catalogue.app().port(), "POST /admin/login HTTP/1.1\r\nHost: localhost\r\n"
                + "Connection: close\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\nu",
                'u', 20, text -> text.contains("</html>"));
        assertTrue(answer.text().startsWith("HTTP/1.1 408 "),
                answer.seconds() + " s: " + answer.text().lines().findFirst().orElse("nothing"));
        assertTrue(answer.seconds() < 10, "ended after " + answer.seconds() + " s");
        assertTrue(answer.text().contains("nothing was changed"), answer.text());
        assertEquals(200, http.get("/").statusCode());
    }

    // Same on every database: Jetty's threads and timeouts; the pages read meanwhile are read on both by the
    // page classes.
    @SameOnEveryDatabase
    @Test
    void formsWhoseBodyNeverComesHoldNoThreadAndEveryoneElseIsStillAnswered() throws Exception {
        // 300 sign-in forms that sent their headers and then nothing held every thread of the server
        // for the 30 s idle timeout: the minimum data rate only judges bytes that come.
        List<Socket> silent = new ArrayList<>();
        try {
            for (int i = 0; i < 300; i++) {
                Socket socket = new Socket("127.0.0.1", catalogue.app().port());
                socket.getOutputStream().write(("POST /admin/login HTTP/1.1\r\nHost: localhost\r\n"
                        + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                silent.add(socket);
            }
            try (Socket reader = new Socket("127.0.0.1", catalogue.app().port())) {
                reader.setSoTimeout(10_000);
                reader.getOutputStream().write("GET /documents/1 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                String status = new String(reader.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
                assertTrue(status.startsWith("HTTP/1.1 "), status);
                assertFalse(status.endsWith("500") || status.endsWith("503"), status);
            }
        } finally {
            for (Socket socket : silent) {
                socket.close();
            }
        }
        // A form whose body comes, slowly or at once, is still read whole and checked.
        assertEquals(403, http.send("POST", "/admin/login", "application/x-www-form-urlencoded",
                "username=bob&password=x&csrf=not-the-token").statusCode());
    }

    // Same on every database: the form's escapes are refused before the handler writes; the count compared is a
    // plain count read on both elsewhere.
    @SameOnEveryDatabase
    @Test
    void aFormWhoseBodyHasBrokenEscapesIsA400AndSavesNothing() {
        Http editor = org.dossier.editing.Editors.signedIn(catalogue, "escapes", org.dossier.accounts.Role.EDITOR);
        String csrf = org.dossier.editing.Editors.csrf(editor.get("/admin/documents/new").body());
        int before = records();
        // Bytes that are not UTF-8 were saved as U+FFFD; a stray '%' made the whole form read as empty.
        for (String title : new String[] {"ab%C0%AFcd", "ab%ED%A0%80cd", "ab%zzcd", "ab%"}) {
            HttpResponse<String> response = editor.send("POST", "/admin/documents/new",
                    "application/x-www-form-urlencoded", "csrf=" + csrf + "&title=" + title + "&date=1950&note=n");
            assertEquals(400, response.statusCode(), title);
            assertTrue(Jsoup.parse(response.body()).selectFirst(".error-page .lead").text().contains("nothing was changed"),
                    title);
        }
        assertEquals(before, records(), "nothing was saved");
        HttpResponse<String> saved = editor.send("POST", "/admin/documents/new", "application/x-www-form-urlencoded",
                "csrf=" + csrf + "&title=%C3%89t%C3%A9%20100%25&date=1950&note=n");
        assertEquals(303, saved.statusCode(), "escapes that are UTF-8 (and a '%' written %25) are read");
    }

    // Same on every database: the form's bytes are refused before the handler writes; the count compared is a
    // plain count read on both elsewhere.
    @SameOnEveryDatabase
    @Test
    void aFormWhoseBytesAreNotUtf8IsA400AndSavesNothingHoweverItIsSent() {
        Http editor = org.dossier.editing.Editors.signedIn(catalogue, "bytes", org.dossier.accounts.Role.EDITOR);
        String csrf = org.dossier.editing.Editors.csrf(editor.get("/admin/documents/new").body());
        int before = records();
        // Bytes not escaped, and a multipart form's fields (whatever charset a part names), were saved as U+FFFD.
        byte[] raw = join(("csrf=" + csrf + "&date=1950&note=n&title=Caf").getBytes(StandardCharsets.US_ASCII),
                new byte[] {(byte) 0xE9, (byte) 0xFF});
        HttpResponse<String> urlEncoded = editor.sendBytes("POST", "/admin/documents/new", "application/x-www-form-urlencoded", raw);
        String boundary = "b0undary";
        byte[] multipart = join(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + csrf
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"date\"\r\n\r\n1950"
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nn"
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"title\"\r\n"
                + "Content-Type: text/plain; charset=ISO-8859-1\r\n\r\nCaf").getBytes(StandardCharsets.US_ASCII),
                new byte[] {(byte) 0xE9}, ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        HttpResponse<String> multipartForm = editor.sendBytes("POST", "/admin/documents/new",
                "multipart/form-data; boundary=" + boundary, multipart);
        for (HttpResponse<String> response : List.of(urlEncoded, multipartForm)) {
            assertEquals(400, response.statusCode(), response.body());
            assertTrue(Jsoup.parse(response.body()).selectFirst(".error-page .lead").text().contains("not UTF-8 text"),
                    response.body());
        }
        assertEquals(before, records(), "nothing was saved");
        HttpResponse<String> utf8 = editor.sendBytes("POST", "/admin/documents/new", "multipart/form-data; boundary=" + boundary,
                new String(multipart, StandardCharsets.ISO_8859_1).replace("Caf\u00e9", "Caf\u00c3\u00a9")
                        .getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(303, utf8.statusCode(), "a multipart form in UTF-8 is read: " + utf8.body());
        HttpResponse<String> latin1 = editor.sendBytes("POST", "/admin/documents/new",
                "application/x-www-form-urlencoded; charset=ISO-8859-1", raw);
        assertEquals(303, latin1.statusCode(), "a body that names its charset is read in it: " + latin1.body());
    }

    private static byte[] join(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }

    // Same on every database: Jetty's reading of a chunked body, before any handler runs.
    @SameOnEveryDatabase
    @Test
    void aChunkedBodyThatIsNotChunksIsA400NotA500() {
        // Jetty's "Early EOF" reached the error handler as an unknown exception: a 500, logged with its stack.
        for (String path : new String[] {"/admin/login", "/oai"}) {
            for (String chunks : new String[] {"zz\r\nverb\r\n0\r\n", "FFFFFFFFFFFFFFFFFF\r\nverb\r\n0\r\n"}) {
                RawHttp.Response response = RawHttp.send(catalogue.app().port(), "POST " + path + " HTTP/1.1",
                        "Host: localhost", "Content-Type: application/x-www-form-urlencoded",
                        "Transfer-Encoding: chunked\r\n\r\n" + chunks);
                assertEquals(400, response.status(), path + " " + chunks);
                assertTrue(Jsoup.parse(response.body()).selectFirst(".error-page .lead").text()
                        .contains("nothing was changed"), response.body());
            }
        }
    }

    @Test
    void aNulInAnyParameterIsNeverA500OnEitherDatabase() {
        // PostgreSQL keeps no NUL in text: any parameter that reaches a query with one was a 500 there.
        // A record's history, so that the parameters reach a page that reads the catalogue, not a 404.
        String history = "/documents/" + catalogue.recordTitled("Letter to Stalin from the Commanders and Soldiers")
                + "/history";
        assertEquals(200, http.get(history).statusCode(), history);
        String[] paths = {"/", "/search", "/search.json", "/search.csv", "/search/suggest.json", "/search/facets/person",
            "/search/hit", "/people/stalin", history, "/oai", "/feed.atom", "/sitemap.xml", "/admin/login"};
        String[] names = {"q", "page", "sort", "person", "place", "type", "author", "recipient", "year", "from", "to",
            "order", "hit", "search", "verb", "identifier", "metadataPrefix", "set", "resumptionToken", "return"};
        for (String path : paths) {
            for (String name : names) {
                String asked = path + "?" + name + "=a%00b" + (path.equals("/oai") ? "&verb=ListRecords&metadataPrefix=oai_dc" : "");
                HttpResponse<String> response = http.get(asked);
                assertTrue(response.statusCode() < 500, asked + ": " + response.statusCode());
            }
        }
        HttpResponse<String> oai = http.get("/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:localhost:1%00");
        assertTrue(oai.statusCode() < 500, "oai: " + oai.statusCode());
    }

    // Same on every database: the redirect is made from the request line; the record's permanent address is
    // read on both by PermalinksAndVersionsTest.
    @SameOnEveryDatabase
    @Test
    void anAddressSentWithLettersAsTheyAreIsRedirectedWithThemPercentEncoded() {
        // curl sends "?q=Москва" as UTF-8 bytes, not escaped; the Location header, ISO-8859-1, said "?q=??????".
        RawHttp.Response slash = RawHttp.send(catalogue.app().port(), "GET /search/?q=Москва+café HTTP/1.1",
                "Host: localhost");
        assertEquals(301, slash.status());
        String encoded = "/search?q=%D0%9C%D0%BE%D1%81%D0%BA%D0%B2%D0%B0+caf%C3%A9";
        assertEquals(encoded, slash.header("Location"));
        assertEquals("Москва café", Jsoup.parse(http.get(encoded).body()).selectFirst("input[name=q]").val());
        int record = catalogue.recordTitled("Letter to Stalin from the Commanders and Soldiers");
        RawHttp.Response permanent = RawHttp.send(catalogue.app().port(),
                "GET /documents/" + record + "?search=q%3D%D0%BC&note=ü HTTP/1.1", "Host: localhost");
        assertEquals(301, permanent.status());
        assertTrue(permanent.header("Location").endsWith("?search=q%3D%D0%BC&note=%C3%BC"), permanent.header("Location"));
    }

    // Same on every database: the query string's bytes, refused before any handler reads the catalogue.
    @SameOnEveryDatabase
    @Test
    void aQueryWithBytesThatAreNotUtf8SentAsTheyAreIsA400AsTheSameBytesEscapedAre() {
        // A Latin-1 'é' as it is (0xE9) was searched for as U+FFFD, and the search box showed "caf\uFFFD";
        // the same byte escaped, %E9, was already the 400.
        for (String path : new String[] {"/search", "/search.json", "/search.csv"}) {
            byte[] line = join(("GET " + path + "?q=caf").getBytes(StandardCharsets.US_ASCII), new byte[] {(byte) 0xE9},
                    " HTTP/1.1".getBytes(StandardCharsets.US_ASCII));
            RawHttp.Response response = RawHttp.send(catalogue.app().port(), line, "Host: localhost");
            assertEquals(400, response.status(), path + ": " + response.body());
            assertTrue(response.body().contains("not UTF-8 text"), path + ": " + response.body());
        }
        RawHttp.Response oai = RawHttp.send(catalogue.app().port(), join(
                "GET /oai?verb=GetRecord&metadataPrefix=oai_dc&identifier=caf".getBytes(StandardCharsets.US_ASCII),
                new byte[] {(byte) 0xE9}, " HTTP/1.1".getBytes(StandardCharsets.US_ASCII)), "Host: localhost");
        assertTrue(oai.body().contains("code=\"badArgument\"") && oai.body().contains("not UTF-8 text"), oai.body());
        RawHttp.Response utf8 = RawHttp.send(catalogue.app().port(), "GET /search.json?q=caf\u00e9 HTTP/1.1",
                "Host: localhost");
        assertEquals(200, utf8.status(), "letters in UTF-8 as they are are read: " + utf8.body());
    }

    // Same on every database: the request line's bytes, refused before any handler reads the catalogue.
    @SameOnEveryDatabase
    @Test
    void aPathWithLettersAsTheyAreIsA400ThatSaysSoAndGivesTheAddressEncoded() {
        // curl sends '/people/Москва' as UTF-8 bytes, which Jetty refuses in a path: the page said the
        // address had a '%' not followed by two hexadecimal digits.
        String encoded = "/people/%D0%9C%D0%BE%D1%81%D0%BA%D0%B2%D0%B0";
        RawHttp.Response page = RawHttp.send(catalogue.app().port(), "GET /people/Москва HTTP/1.1", "Host: localhost");
        assertEquals(400, page.status());
        String lead = Jsoup.parse(page.body()).selectFirst(".error-page .lead").text();
        assertTrue(lead.contains("must be percent-encoded") && lead.contains(encoded), lead);
        assertFalse(lead.contains("'%'"), lead);
        RawHttp.Response json = RawHttp.send(catalogue.app().port(), "GET /documents/Москва.json HTTP/1.1",
                "Host: localhost");
        assertEquals(400, json.status());
        assertTrue(json.body().contains("/documents/%D0%9C%D0%BE%D1%81%D0%BA%D0%B2%D0%B0.json"), json.body());
    }

    // Same on every database: the redirect is made from the request line alone.
    @SameOnEveryDatabase
    @Test
    void anAddressThatStartsWithTwoSlashesIsNeverRedirectedToAnotherSite() {
        // "//evil.example/" lost its trailing slash in a 301 to "//evil.example": another site.
        String[][] asked = {
            {"//evil.example/", "/evil.example"},
            {"///evil.example/", "/evil.example"},
            {"//evil.example/x/?q=1", "/evil.example/x?q=1"},
            {"/people/stalin/", "/people/stalin"},
        };
        for (String[] request : asked) {
            RawHttp.Response response = RawHttp.send(catalogue.app().port(), "GET " + request[0] + " HTTP/1.1",
                    "Host: localhost");
            assertEquals(301, response.status(), request[0]);
            assertEquals(request[1], response.header("Location"), request[0]);
        }
        // The static files' folder is no page with its slash or without: one answer, not a 301 to a 404.
        for (String folder : new String[] {"/static/", "/static//"}) {
            RawHttp.Response response = RawHttp.send(catalogue.app().port(), "GET " + folder + " HTTP/1.1",
                    "Host: localhost");
            assertEquals(404, response.status(), folder);
            assertTrue(response.body().contains("There is no page at " + folder), folder);
        }
        assertEquals(301, RawHttp.send(catalogue.app().port(), "GET /static/dossier.css/ HTTP/1.1", "Host: localhost")
                .status(), "a file's address with a slash still leads to the file");
    }

    private static int records() {
        try (org.dossier.app.Database db = org.dossier.app.Database.open(catalogue.database())) {
            return db.dsl().fetchCount(org.dossier.db.Tables.DOCUMENT);
        }
    }

    private static String read(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        return all.toString(StandardCharsets.UTF_8);
    }
}
