package org.dossier.web;

import org.dossier.documents.Languages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import org.dossier.documents.Attribution;
import org.dossier.documents.RecordDraft;
import org.dossier.testing.CatalogueDatabase;
import org.dossier.testing.Http;
import org.dossier.testing.SeededCatalogue;
import org.jsoup.Jsoup;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every public page names one canonical address, absolute, so that search engines and citers agree on it. */
class CanonicalLinksTest {

    @RegisterExtension
    static final SeededCatalogue catalogue = SeededCatalogue.ownedByTheClass();

    private static final Http http = new Http(catalogue);

    private static String canonicalOf(String path, int status) {
        HttpResponse<String> response = http.get(path);
        assertEquals(status, response.statusCode(), path);
        Elements links = Jsoup.parse(response.body()).select("link[rel=canonical]");
        assertEquals(1, links.size(), path + " has " + links.size() + " canonical links");
        return links.attr("href");
    }

    @Test
    void everyPublicPageHasOneAbsoluteCanonicalAddress() {
        int letter = catalogue.recordTitled("Letter to Stalin from the Commanders and Soldiers");
        String record = http.get("/documents/" + letter).headers().firstValue("Location").orElseThrow();
        for (String path : List.of("/", "/?page=2", "/search?q=stalin&type=letter", "/search/facets/person",
                "/people/stalin", "/places/dprk", record, "/documents/" + letter + "/v/1",
                "/documents/" + letter + "/history", "/documents/" + letter + "/history/1")) {
            String canonical = canonicalOf(path, 200);
            assertTrue(canonical.startsWith(catalogue.baseUrl() + "/"), path + " -> " + canonical);
        }
        assertEquals(catalogue.baseUrl() + "/search?q=stalin&type=letter",
                canonicalOf("/search?q=stalin&type=letter", 200));
        assertEquals(catalogue.baseUrl() + "/documents/" + letter + "/v/1",
                canonicalOf("/documents/" + letter + "/v/1", 200));
    }

    @Test
    void eachPageOfAListHasItsOwnCanonicalAddressAndAnotherSpellingOfItHasTheSame() {
        String site = catalogue.baseUrl();
        String[][] canonical = {
            {"/", "/"},
            {"/?page=1", "/"},
            {"/?sort=-date&utm_source=newsletter", "/"},
            {"/?page=2", "/?page=2"},
            {"/?page=2&sort=title", "/?sort=title&page=2"},
            {"/?sort=date&pageSize=20&page=2", "/?sort=date&pageSize=20&page=2"},
            {"/?pageSize=10&page=3&ref=feed", "/?page=3"},
            {"/people/stalin", "/people/stalin"},
            {"/people/stalin?page=1", "/people/stalin"},
            {"/people/stalin?page=2", "/people/stalin?page=2"},
        };
        for (String[] page : canonical) {
            assertEquals(site + page[1], canonicalOf(page[0], 200), page[0]);
        }
    }

    @Test
    void anotherSpellingOfAnAddressRedirectsToItsOneAddressKeepingTheQuery() {
        int letter = catalogue.recordTitled("Letter to Stalin from the Commanders and Soldiers");
        String record = http.get("/documents/" + letter).headers().firstValue("Location").orElseThrow();
        String v = "/documents/" + letter + "/v/";
        String[][] redirects = {
            {v + "01", v + "1"},
            {v + "01?x=1", v + "1?x=1"},
            {v + "001.bib", v + "1.bib"},
            {"/documents/0" + letter + ".json?x=1", "/documents/" + letter + ".json?x=1"},
            {"/documents/00" + letter + "/history", "/documents/" + letter + "/history"},
            {"/documents/" + letter + "/history/01", "/documents/" + letter + "/history/1"},
            {"/people/stalin/history/01", "/people/stalin/history/1"},
            {"/places/dprk/history/001?x=1", "/places/dprk/history/1?x=1"},
            {"/documents/0" + letter + record.substring(("/documents/" + letter).length()) + "?x=1", record + "?x=1"},
            {"/documents/0" + letter + "/v/1", v + "1"},
            {"/people/stalin/", "/people/stalin"},
            {"/people/stalin/?page=1", "/people/stalin?page=1"},
            {"/people/STALIN", "/people/stalin"},
            {"/places/DPRK?page=1", "/places/dprk?page=1"},
            {"/documents/" + letter + ".json/", "/documents/" + letter + ".json"},
            {"/search/?q=stalin", "/search?q=stalin"},
        };
        for (String[] redirect : redirects) {
            HttpResponse<String> response = http.get(redirect[0]);
            assertEquals(301, response.statusCode(), redirect[0]);
            assertEquals(redirect[1], response.headers().firstValue("Location").orElse(""), redirect[0]);
        }
        assertEquals(404, http.get("/people/NOBODY-AT-ALL").statusCode());
        for (String[] list : new String[][] {{"/people", "/search/facets/person?order=name"},
                {"/places", "/search/facets/place?order=name"}}) {
            HttpResponse<String> response = http.get(list[0]);
            assertEquals(302, response.statusCode(), list[0]);
            assertEquals(list[1], response.headers().firstValue("Location").orElse(""));
            assertEquals(200, http.get(list[1]).statusCode(), "every " + list[0].substring(1) + " by name");
        }
        assertEquals(404, http.get(v + "09").headers().firstValue("Location").map(http::get)
                .map(HttpResponse::statusCode).orElse(0), "a version that does not exist is still not found");
    }

    @Test
    void anOldSlugAndThePermanentAddressRedirectKeepingTheSearchTheReaderCameFrom() {
        int id = catalogue.recordTitled("Apollon Petrov and Zhou Enlai");
        String old = http.get("/documents/" + id).headers().firstValue("Location").orElseThrow();
        try (CatalogueDatabase db = CatalogueDatabase.of(catalogue)) {
            db.write(w -> {
                RecordDraft now = w.draft(id);
                return w.update(id, 1, new RecordDraft("Petrov and Zhou Enlai, a title corrected for redirects",
                        now.summary(), now.date(), now.typeId(), now.people(), now.places(), Languages.NONE),
                        Attribution.editor("tester", "Corrected"));
            });
        }
        String current = http.get("/documents/" + id).headers().firstValue("Location").orElseThrow();
        assertTrue(!current.equals(old) && current.contains("corrected-for-redirects"), current);
        // A record page reached from a search carries it on (back to the results, previous and next hit).
        String trail = "?search=q%3Dzhou&hit=2&hits=7";
        for (String path : List.of(old + trail, "/documents/" + id + trail)) {
            HttpResponse<String> moved = http.get(path);
            assertEquals(301, moved.statusCode(), path);
            assertEquals(current + trail, moved.headers().firstValue("Location").orElse(""), path);
        }
        String page = http.get(current + trail).body();
        assertTrue(Jsoup.parse(page).select("a[href]").stream().anyMatch(a -> a.attr("href").startsWith("/search?q=zhou")),
                "the page leads back to the search");
        assertEquals(current, http.get(old).headers().firstValue("Location").orElse(""), "no query, none added");
    }

    @Test
    void aTombstoneNamesThePermanentAddress() {
        int conversation = catalogue.recordTitled("Roman Catholic Priest Stanislaus Orlemanski");
        try (CatalogueDatabase db = CatalogueDatabase.of(catalogue)) {
            db.write(w -> w.withdraw(conversation, 1, "Withdrawn for a test", Attribution.editor("editor", "test")));
        }
        assertEquals(catalogue.baseUrl() + "/documents/" + conversation, canonicalOf("/documents/" + conversation, 410));
    }
}
