package org.dossier.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.List;
import org.dossier.app.Database;
import org.dossier.testing.Http;
import org.dossier.testing.SeededCatalogue;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The record page at its permanent address, over HTTP against a real server with the seeds imported. */
class RecordPageTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final SeededCatalogue catalogue = SeededCatalogue.ownedByTheClass();

    private static final Http http = new Http(catalogue);

    private static Document followToRecord(int id) {
        HttpResponse<String> redirect = http.get("/documents/" + id);
        assertEquals(301, redirect.statusCode());
        String location = redirect.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> page = http.get(location);
        assertEquals(200, page.statusCode());
        return Jsoup.parse(page.body(), http.url(location));
    }

    @Test
    void thePermanentAddressRedirectsToTheCanonicalSlugAddress() throws Exception {
        int id = catalogue.recordTitled("Letter to Stalin from the Commanders");
        HttpResponse<String> response = http.get("/documents/" + id);
        assertEquals(301, response.statusCode());
        assertEquals("/documents/" + id + "/letter-to-stalin-from-the-commanders-and-soldiers-of-the-korean-army-in-china",
                response.headers().firstValue("Location").orElseThrow());
    }

    @Test
    void theRecordShowsItsDateAsPreciselyAsItIsKnown() throws Exception {
        Document page = followToRecord(catalogue.recordTitled("Letter to Stalin from the Commanders"));
        assertEquals("February 1942", page.selectFirst(".record-date").text());
        assertEquals("Letter to Stalin from the Commanders and Soldiers of the Korean Army in China",
                page.selectFirst("h1").text());
        assertFalse(page.text().contains("February 1, 1942"));
    }

    @Test
    void theRecordShowsEveryParagraphOfItsSummary() throws Exception {
        Document page = followToRecord(catalogue.recordTitled("Stenographic Record of a Speech"));
        List<String> paragraphs = page.select(".record-summary p").eachText();
        assertEquals(2, paragraphs.size());
        assertTrue(paragraphs.get(1).startsWith("Brian Murray questions the validity"));
    }

    @Test
    void aRecordWithoutSummarySaysSo() throws Exception {
        Document page = followToRecord(catalogue.recordTitled("I. Tugarinov"));
        assertEquals("No summary has been written for this document.", page.selectFirst(".no-summary").text());
    }

    @Test
    void theRecordGivesItsPermalinkOnce() throws Exception {
        int id = catalogue.recordTitled("Record of a Meeting Between T.V. Soong");
        Document page = followToRecord(id);
        assertEquals(List.of(http.url("/documents/" + id)), page.select(".cite a.cite-permalink").eachText());
        assertEquals(1, page.select("a[href='" + http.url("/documents/" + id) + "'], a[href='/documents/" + id + "']").size(),
                "one permanent link on the page");
        assertTrue(page.selectFirst("link[rel=canonical]").attr("href").endsWith("/documents/" + id
                + "/record-of-a-meeting-between-t-v-soong-and-stalin"));
    }

    @Test
    void theRecordLinksItsPeopleAndPlaces() throws Exception {
        Document page = followToRecord(catalogue.recordTitled("Letter from Feng Xi (Stalin)"));
        List<String> people = page.select(".record-facts a[href^=/people/]").eachText();
        assertTrue(people.contains("Joseph Stalin"), people.toString());
        assertTrue(people.contains("Terentii Shtykov"), people.toString());
        assertEquals("Letter", page.selectFirst(".record-kicker .type").text());
    }

    @Test
    void theRecordSaysFromWhomToWhomAndListsPeopleByRole() throws Exception {
        Document page = followToRecord(catalogue.recordTitled("Telegram from Kim Il Sung to Stalin"));
        assertEquals("From Kim Il Sung to Joseph Stalin", page.selectFirst(".record-correspondence").text());
        assertEquals(List.of("/people/kim-il-sung", "/people/stalin"),
                page.select(".record-correspondence a").eachAttr("href"));
        assertEquals(List.of("Authors", "Recipients", "Mentioned"), page.select(".record-facts dt").eachText()
                .stream().filter(t -> List.of("Authors", "Recipients", "Participants", "Mentioned").contains(t)).toList());
        Document conversation = followToRecord(catalogue.recordTitled("Memorandum of Conversation between Anastas Mikoyan"));
        assertEquals("Between Anastas Mikoyan and Zhou Enlai", conversation.selectFirst(".record-correspondence").text());
        Document none = followToRecord(catalogue.recordTitled("The Political Situation in Korea"));
        assertEquals(null, none.selectFirst(".record-correspondence"), "no line where the title names no one");
    }

    @Test
    void theJsonTwinGivesEachPersonTheirRole() throws Exception {
        JsonNode people = JSON.readTree(http.get("/documents/" + catalogue.recordTitled("Cable, Stalin to Mao Zedong") + ".json").body())
                .get("people");
        List<String> roles = new java.util.ArrayList<>();
        people.forEach(p -> roles.add(p.get("key").asText() + ":" + p.get("role").asText() + ":" + p.get("name").asText()));
        assertEquals(List.of("stalin:author:Joseph Stalin", "mao-zedong:recipient:Mao Zedong",
                "kovalev:mentioned:Ivan Kovalev"), roles);
    }

    @Test
    void anUnknownIdIsARealNotFoundPage() {
        // 99999: an id no record has.
        for (String path : List.of("/documents/99999", "/documents/99999.json", "/documents/abc", "/documents/7x")) {
            HttpResponse<String> response = http.get(path);
            assertEquals(404, response.statusCode(), path);
        }
        assertTrue(http.get("/documents/99999").body().contains("There is no document 99999"));
    }

    @Test
    void aSlugTheRecordNeverHadIsNotFoundAndPointsToThePermalink() throws Exception {
        int id = catalogue.recordTitled("Record of a Meeting Between T.V. Soong");
        HttpResponse<String> response = http.get("/documents/" + id + "/some-other-title");
        assertEquals(404, response.statusCode());
        assertTrue(response.body().contains(http.url("/documents/" + id)));
    }

    @Test
    void theJsonTwinCarriesTheRecord() throws Exception {
        int id = catalogue.recordTitled("Letter to Stalin from the Commanders");
        HttpResponse<String> response = http.get("/documents/" + id + ".json");
        assertEquals(200, response.statusCode());
        JsonNode json = JSON.readTree(response.body());
        assertEquals(id, json.get("id").asInt());
        assertEquals("1942-02", json.get("date").asText());
        assertEquals("month", json.get("datePrecision").asText());
        assertEquals("February 1942", json.get("displayDate").asText());
        assertEquals(http.url("/documents/" + id), json.get("permalink").asText());
        assertEquals("letter", json.get("type").get("key").asText());
        assertEquals(1, json.get("version").asInt());
        assertTrue(json.get("summary").asText().startsWith("Korean commanders express"));
    }

    @Test
    void aWithdrawnRecordIsGoneWithItsReasonNotMissing() throws Exception {
        int id = catalogue.recordTitled("Reception by Soviet Vice Foreign Minister");
        JsonNode before = JSON.readTree(http.get("/documents/" + id + ".json").body());
        try (Database db = Database.open(catalogue.database())) {
            RecordStore store = new RecordStore(db.dsl(), java.time.Clock.systemUTC());
            store.write(w -> w.withdraw(id, 1, "Duplicate of a record from another page.",
                    org.dossier.documents.Attribution.editor("editor", "Withdrawn as a duplicate")));
        }
        HttpResponse<String> page = http.get("/documents/" + id);
        assertEquals(410, page.statusCode());
        Document tombstone = Jsoup.parse(page.body());
        assertEquals("Duplicate of a record from another page.", tombstone.selectFirst(".withdrawn-reason").text());
        HttpResponse<String> json = http.get("/documents/" + id + ".json");
        assertEquals(410, json.statusCode());
        assertEquals("Duplicate of a record from another page.",
                JSON.readTree(json.body()).get("withdrawn").get("reason").asText());
        // The same bytes on every start and every node (an unordered map's order is drawn at each start).
        List<String> keys = new java.util.ArrayList<>();
        JSON.readTree(json.body()).get("withdrawn").fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("reason", "at"), keys);
        // What the tombstone says of the record is what the record's JSON said, key for key: a program
        // that read the record reads its tombstone the same way (a date's precision included).
        JsonNode gone = JSON.readTree(json.body());
        List<String> kept = new java.util.ArrayList<>();
        gone.fieldNames().forEachRemaining(kept::add);
        assertEquals(List.of("id", "title", "date", "datePrecision", "dateCirca", "dateEdtf", "displayDate", "permalink",
                "withdrawn"), kept);
        for (String key : kept.subList(0, kept.size() - 1)) {
            assertEquals(before.get(key), gone.get(key), key);
        }
        assertFalse(http.get("/?page=1").body().contains("Reception by Soviet Vice Foreign Minister"));
        assertEquals(48, JSON.readTree(http.get("/search.json").body()).get("total").asInt());
    }
}
