package org.dossier.web;

import org.dossier.documents.Languages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import org.dossier.documents.Attribution;
import org.dossier.documents.RecordDraft;
import org.dossier.editing.Editors;
import org.dossier.editing.FormFields;
import org.dossier.accounts.Role;
import org.dossier.testing.CatalogueDatabase;
import org.dossier.testing.Http;
import org.dossier.testing.SameOnEveryDatabase;
import org.dossier.testing.SeededCatalogue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Record, version, history, listing and authority pages carry validators and answer 304 to a
 * reader who has the page, over real HTTP: a new validator after every change that changes the
 * page (an edit, a person renamed), and none for an editor's pages, which no cache may keep.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConditionalRequestsTest {

    @RegisterExtension
    final SeededCatalogue catalogue = SeededCatalogue.ownedByTheClass();
    private final CatalogueDatabase database = CatalogueDatabase.forTheClass(catalogue);
    private Http reader;

    @BeforeAll
    void start() {
        reader = catalogue.http();
    }

    private static String header(HttpResponse<String> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    private HttpResponse<String> ok(String path) {
        HttpResponse<String> page = reader.get(path);
        assertEquals(200, page.statusCode(), path + "\n" + page.body());
        return page;
    }

    private String etag(String path) {
        String tag = header(ok(path), "ETag");
        assertTrue(tag != null && tag.startsWith("W/\""), path + " has a validator: " + tag);
        return tag;
    }

    private String recordPath(int id) {
        HttpResponse<String> redirect = reader.get("/documents/" + id);
        assertEquals(301, redirect.statusCode());
        return header(redirect, "Location");
    }

    /** The first record a person is linked to, by the search's JSON twin. */
    private int recordOf(String person) {
        try {
            JsonNode hits = new ObjectMapper().readTree(ok("/search.json?person=" + person).body()).get("documents");
            return hits.get(0).get("id").asInt();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void everyPublicPageAnswers304ToTheValidatorItGaveAndSaysHowItMayBeCached() {
        int id = catalogue.recordTitled("Roman Catholic Priest Stanislaus Orlemanski");
        String record = recordPath(id);
        for (String path : List.of(record, "/documents/" + id + "/v/1", "/documents/" + id + "/history",
                "/documents/" + id + "/history/1", "/documents/" + id + ".json", "/documents/" + id + ".bib",
                "/documents/" + id + ".ris", "/documents/" + id + ".csl.json",
                // a version's twins, as a script that cites the version read fetches them again
                "/documents/" + id + "/v/1.json", "/documents/" + id + "/v/1.bib", "/documents/" + id + "/v/1.ris",
                "/documents/" + id + "/v/1.csl.json",
                // a search's JSON and its exports, as a notebook run again or an app polling asks for them
                "/search.json?q=stalin&pageSize=5", "/search.json", "/search.csv?person=stalin", "/search.ris?q=korea",
                "/search.bib?type=letter",
                "/", "/?sort=title&page=2", "/people/stalin", "/places/dprk",
                // a person's and a place's history and versions, as a record's
                "/people/stalin/history", "/people/stalin/history/1", "/places/dprk/history", "/places/dprk/history/1")) {
            HttpResponse<String> first = ok(path);
            String tag = header(first, "ETag");
            assertTrue(tag != null && tag.startsWith("W/\""), path + ": " + tag);
            assertEquals("public, no-cache", header(first, "Cache-Control"), path);
            assertEquals("Accept-Encoding, Cookie", header(first, "Vary"), path);

            HttpResponse<String> again = reader.get(path, "If-None-Match", tag);
            assertEquals(304, again.statusCode(), path);
            assertEquals("", again.body(), path);
            assertEquals(tag, header(again, "ETag"), path);
            assertEquals(304, reader.get(path, "If-None-Match", "\"other\", " + tag.substring(2)).statusCode(),
                    path + ": a strong form of the tag in a list matches too");
            assertEquals(200, reader.get(path, "If-None-Match", "W/\"something-else\"").statusCode(), path);
        }
        assertNotEquals(etag("/"), etag("/?sort=title"), "each address has its own validator");
    }

    @Test
    void aNotModifiedAnswerCarriesNoTypeOrLengthThatACacheWouldPutOnThePageItKeeps() {
        // A cache updates the page it keeps with the 304's header fields (RFC 9111, 4.3.4): a
        // "Content-Type: text/plain" there turned the kept HTML page into text, and a 304 may carry
        // a Content-Length only if it is the page's own (RFC 9110, 8.6), never the 0 of its empty body.
        int id = catalogue.recordTitled("Wang Ruofei");
        for (String path : List.of(recordPath(id), "/documents/" + id + "/v/1", "/", "/people/stalin")) {
            String tag = etag(path);
            for (String method : List.of("GET", "HEAD")) {
                HttpResponse<String> again = reader.send(method, path, null, null, "If-None-Match", tag,
                        "Accept-Encoding", "gzip");
                assertEquals(304, again.statusCode(), method + " " + path);
                assertEquals(null, header(again, "Content-Type"), method + " " + path);
                assertEquals(null, header(again, "Content-Length"), method + " " + path);
                assertEquals(tag, header(again, "ETag"), method + " " + path);
                assertEquals("public, no-cache", header(again, "Cache-Control"), method + " " + path);
            }
            assertEquals("text/html;charset=utf-8", header(ok(path), "Content-Type"), "the page itself still says what it is");
        }
    }

    // Same on every database: the style sheet is a file of the jar, its tag made from its bytes.
    @SameOnEveryDatabase
    @Test
    void theStyleSheetAnswers304WithItsTagAndNothingThatWouldReplaceItsType() {
        HttpResponse<String> sheet = ok("/static/dossier.css");
        String tag = header(sheet, "ETag");
        assertTrue(tag != null, "the style sheet has a validator");
        HttpResponse<String> again = reader.get("/static/dossier.css", "If-None-Match", tag);
        assertEquals(304, again.statusCode());
        assertEquals(tag, header(again, "ETag"), "a 304 names the tag it confirms (RFC 9110, 15.4.5)");
        assertEquals(null, header(again, "Content-Length"));
        assertEquals(header(sheet, "Cache-Control"), header(again, "Cache-Control"));
    }

    // Same on every database: the assets' addresses are made from the jar's files; the pages that link them are
    // read on both by the page classes.
    @SameOnEveryDatabase
    @Test
    void pagesLinkTheirStyleSheetScriptsAndIconByAddressesOfTheirBytesThatABrowserKeepsAYearWithoutAsking() {
        int id = catalogue.recordTitled("Wang Ruofei");
        org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(ok(recordPath(id)).body());
        List<String> linked = new java.util.ArrayList<>(page.select("link[href^=/static/]").eachAttr("href"));
        linked.addAll(page.select("script[src^=/static/]").eachAttr("src"));
        linked.addAll(page.select("script[data-sheet]").eachAttr("data-sheet"));
        assertEquals(6, linked.size(), "the style sheets, the scripts and the icon: " + linked);
        for (String address : linked) {
            assertTrue(address.matches("/static/[a-z]+\\.(css|js|svg)\\?v=[0-9a-f]{12}"), address);
            HttpResponse<String> file = ok(address);
            assertEquals("public, max-age=31536000, immutable", header(file, "Cache-Control"), address);
            String bare = address.substring(0, address.indexOf('?'));
            HttpResponse<String> unversioned = ok(bare);
            assertEquals(unversioned.body(), file.body(), address + " is the file's bytes");
            assertEquals("public, no-cache", header(unversioned, "Cache-Control"),
                    bare + ", linked by no page of this build, is asked about each time");
            assertEquals("public, no-cache", header(ok(bare + "?v=000000000000"), "Cache-Control"),
                    "an address of other bytes (an older build's) is asked about each time");
            HttpResponse<String> again = reader.get(address, "If-None-Match", header(file, "ETag"));
            assertEquals(304, again.statusCode(), address);
            assertEquals("public, max-age=31536000, immutable", header(again, "Cache-Control"), address);
        }
        assertEquals(404, reader.get("/static/nothing.css?v=000000000000").statusCode());
    }

    @Test
    void theFeedAndTheSitemapsAnswer304ToAReaderThatHasThemUntilARecordChanges() {
        List<String> polled = List.of("/feed.atom", "/sitemap.xml", "/sitemaps/names.xml");
        List<String> before = polled.stream().map(this::etag).toList();
        for (int i = 0; i < polled.size(); i++) {
            String path = polled.get(i);
            assertEquals("public, no-cache", header(ok(path), "Cache-Control"), path);
            HttpResponse<String> again = reader.get(path, "If-None-Match", before.get(i));
            assertEquals(304, again.statusCode(), path);
            assertEquals("", again.body(), path);
            assertEquals(null, header(again, "Content-Type"), path);
        }

        int id = catalogue.recordTitled("Concentering the Situation on Taiwan");
        database.write(w -> {
            RecordDraft now = w.draft(id);
            return w.update(id, 1, new RecordDraft("A title corrected for the feed readers", now.summary(),
                    now.date(), now.typeId(), now.people(), now.places(), Languages.NONE), Attribution.editor("tester", "Corrected"));
        });
        for (int i = 0; i < polled.size(); i++) {
            HttpResponse<String> changed = reader.get(polled.get(i), "If-None-Match", before.get(i));
            assertEquals(200, changed.statusCode(), polled.get(i) + " is sent again after a change");
            assertNotEquals(before.get(i), header(changed, "ETag"), polled.get(i));
        }
        assertTrue(reader.get("/feed.atom", "If-None-Match", before.get(0)).body()
                .contains("A title corrected for the feed readers"), "the feed sent has the correction");
        assertTrue(reader.get("/sitemap.xml", "If-None-Match", before.get(1)).body()
                .contains("a-title-corrected-for-the-feed-readers"), "the sitemap sent has the new address");
    }

    @Test
    void aPageDatedInThePastAnswers304ToIfModifiedSinceAndADifferentTagWins() throws InterruptedException {
        String path = recordPath(catalogue.recordTitled("Apollon Petrov and Zhou Enlai"));
        ok(path);
        // Last-Modified is sent once the second the page was first given has passed.
        Thread.sleep(1_100);
        HttpResponse<String> dated = ok(path);
        String lastModified = header(dated, "Last-Modified");
        assertTrue(lastModified != null && lastModified.endsWith(" GMT"), "a date: " + lastModified);
        assertEquals(304, reader.get(path, "If-Modified-Since", lastModified).statusCode());
        assertEquals(200, reader.get(path, "If-Modified-Since", "Mon, 01 Jan 2001 00:00:00 GMT").statusCode());
        assertEquals(200, reader.get(path, "If-Modified-Since", "not a date").statusCode());
        assertEquals(200, reader.get(path, "If-Modified-Since", "Thu, 01 Jan 2099 00:00:00 GMT").statusCode(),
                "a date later than the server's clock is invalid and ignored (RFC 9110, 13.1.3)");
        assertEquals(200, reader.get(path, "If-Modified-Since", lastModified, "If-None-Match", "W/\"old\"").statusCode(),
                "If-None-Match is asked first, and a tag that does not match means the page is sent");
    }

    @Test
    void anEditGivesTheRecordItsVersionsItsHistoryAndTheListingNewValidators() {
        int id = catalogue.recordTitled("Malik, 'On the Question of a United Government in Korea'");
        String record = recordPath(id);
        List<String> paths = List.of(record, "/documents/" + id + "/v/1", "/documents/" + id + "/history", "/",
                "/documents/" + id + ".json", "/documents/" + id + ".bib", "/documents/" + id + "/v/1.json",
                "/search.json?q=korea", "/search.csv?q=korea");
        List<String> before = paths.stream().map(this::etag).toList();
        int other = catalogue.recordTitled("Concentering the Situation on Taiwan");
        String unrelated = etag(recordPath(other));

        database.write(w -> {
            RecordDraft now = w.draft(id);
            return w.update(id, 1, new RecordDraft("A corrected title for conditional requests", now.summary(),
                    now.date(), now.typeId(), now.people(), now.places(), Languages.NONE), Attribution.editor("tester", "Corrected"));
        });

        String moved = recordPath(id);
        HttpResponse<String> fresh = reader.get(moved, "If-None-Match", before.get(0));
        assertEquals(200, fresh.statusCode(), "the corrected record is sent, never a stale 304");
        assertTrue(fresh.body().contains("A corrected title for conditional requests"));
        for (int i = 1; i < paths.size(); i++) {
            HttpResponse<String> page = reader.get(paths.get(i), "If-None-Match", before.get(i));
            assertEquals(200, page.statusCode(), paths.get(i));
            assertNotEquals(before.get(i), header(page, "ETag"), paths.get(i));
        }
        assertTrue(reader.get("/documents/" + id + "/v/1").body().contains("version 2"),
                "version 1 now says there is a newer version");
        // Another record's related records and counts may have moved: it is validated again too.
        assertEquals(200, reader.get(recordPath(other), "If-None-Match", unrelated).statusCode());
    }

    @Test
    void renamingAPersonGivesTheirRecordsPagesNewValidators() {
        Http editor = Editors.signedIn(catalogue, "renamer", Role.EDITOR);
        int id = recordOf("molotov");
        String record = recordPath(id);
        String tag = etag(record);
        String personTag = etag("/people/molotov");
        String historyTag = etag("/people/molotov/history");

        FormFields form = FormFields.at(editor, "/admin/people/molotov/edit", "form.authority-form");
        HttpResponse<String> saved = editor.post("/admin/people/molotov/edit",
                form.set("name", "Vyacheslav M. Molotov-Skryabin").set("note", "Full name").entries());
        assertEquals(303, saved.statusCode(), saved.body());

        HttpResponse<String> page = reader.get(record, "If-None-Match", tag);
        assertEquals(200, page.statusCode(), "the record names the person anew");
        assertTrue(page.body().contains("Molotov-Skryabin"));
        assertNotEquals(tag, header(page, "ETag"));
        assertEquals(200, reader.get("/people/molotov", "If-None-Match", personTag).statusCode());
        assertEquals(200, reader.get("/people/molotov/history", "If-None-Match", historyTag).statusCode(),
                "the history lists the new version");
    }

    @Test
    void anEditorsPagesAreNeverValidatedNorKeptByAnyCache() {
        Http editor = Editors.signedIn(catalogue, "reader2", Role.EDITOR);
        int id = catalogue.recordTitled("From the Journal of N. Ye. Torbenkov");
        String record = recordPath(id);
        String readersTag = etag(record);
        for (String path : List.of(record, "/documents/" + id + "/v/1", "/documents/" + id + "/history", "/",
                "/people/stalin")) {
            HttpResponse<String> page = editor.get(path, "If-None-Match", readersTag);
            assertEquals(200, page.statusCode(), path);
            assertEquals("no-store", header(page, "Cache-Control"), path);
            assertEquals(null, header(page, "ETag"), path);
            assertEquals(null, header(page, "Last-Modified"), path);
            assertTrue(page.body().contains("reader2"), path + " shows who is signed in");
        }
        HttpResponse<String> star = editor.get(record, "If-None-Match", "*");
        assertEquals(200, star.statusCode(), "not even * gets an editor a 304");
        assertFalse(header(ok(record), "Cache-Control").contains("no-store"), "the reader's page is still public");
    }
}
