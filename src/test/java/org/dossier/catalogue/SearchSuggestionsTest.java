package org.dossier.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.dossier.app.Protection;
import org.dossier.testing.Http;
import org.dossier.testing.SeededCatalogue;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code /search/suggest.json} over HTTP, on the seed records: what a reader typing is offered. */
class SearchSuggestionsTest {

    private static final int SEARCH_LIMIT = 5;
    /** A search limit, to show that suggestions are not counted against it. */
    @RegisterExtension
    static final SeededCatalogue catalogue = SeededCatalogue.ownedByTheClass(Protection.DEFAULTS.withSearchLimit(SEARCH_LIMIT));
    private static final Http http = new Http(catalogue);

    private static JsonNode suggest(String q) throws Exception {
        HttpResponse<String> response = http.get("/search/suggest.json?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
        assertEquals(200, response.statusCode(), q + ": " + response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        return new ObjectMapper().readTree(response.body()).get("suggestions");
    }

    private static List<String> texts(JsonNode suggestions) {
        List<String> texts = new ArrayList<>();
        suggestions.forEach(s -> texts.add(s.get("text").asText()));
        return texts;
    }

    private static JsonNode first(JsonNode suggestions, String kind) {
        for (JsonNode s : suggestions) {
            if (s.get("kind").asText().equals(kind)) {
                return s;
            }
        }
        throw new AssertionError("no " + kind + " in " + suggestions);
    }

    @Test
    void aFewLettersOfANameOfferThePersonByTheirPreferredName() throws Exception {
        JsonNode sta = suggest("sta");
        JsonNode person = sta.get(0);
        assertEquals("Joseph Stalin", person.get("text").asText(), sta.toString());
        assertEquals("person", person.get("kind").asText());
        assertTrue(person.get("records").asInt() > 20, person.toString());
        // Names come before words, and every word offered starts with what was typed.
        JsonNode word = first(sta, "word");
        assertTrue(word.get("text").asText().toLowerCase(java.util.Locale.ROOT).startsWith("sta"), word.toString());
        assertFalse(word.has("label"));
    }

    @Test
    void anotherFormOfANameIsOfferedWithWhomItNames() throws Exception {
        JsonNode person = first(suggest("Filip"), "person");
        assertEquals("Filippov", person.get("text").asText());
        assertEquals("Joseph Stalin", person.get("label").asText());
        JsonNode place = first(suggest("north k"), "place");
        assertEquals("North Korea", place.get("text").asText());
        assertTrue(place.get("label").asText().contains("Korea"), place.toString());
    }

    /**
     * An initialism typed without its stops offers the names it abbreviates, as a search for it
     * finds them: "iv" offered "Ivan Kovalev" but not "I.V. Stalin", whose records the search
     * "iv" finds. Only initials run together this way: "i" offers no more than it did.
     */
    @Test
    void initialsTypedWithoutStopsOfferTheNameTheyAbbreviate() throws Exception {
        // The list has "I.V. Stalin" and "I. V. Stalin": one is offered, the one written as typed.
        List<String> stalin = List.of("I.V. Stalin", "I. V. Stalin");
        List<String> iv = texts(suggest("iv"));
        assertEquals(1, iv.stream().filter(stalin::contains).count(), iv.toString());
        assertTrue(iv.contains("I.V. Stalin"), iv.toString());
        assertTrue(texts(suggest("I. V.")).contains("I. V. Stalin"), texts(suggest("I. V.")).toString());
        assertTrue(iv.contains("Ivan Kovalev"), iv.toString());
        List<String> vm = texts(suggest("vm"));
        assertTrue(vm.contains("V.M. Molotov") || vm.contains("V. M. Molotov"), vm.toString());
        assertTrue(texts(suggest("iv sta")).stream().anyMatch(stalin::contains), texts(suggest("iv sta")).toString());
        assertTrue(texts(suggest("I.V.")).stream().anyMatch(stalin::contains), texts(suggest("I.V.")).toString());
        assertTrue(texts(suggest("vs")).stream().noneMatch(stalin::contains), "initials are matched from their first");
    }

    @Test
    void aShortFormManyShareAndMisspellingsAreNeverOffered() throws Exception {
        List<String> kim = texts(suggest("Kim"));
        assertTrue(kim.contains("Kim Il Sung"), kim.toString());
        assertFalse(kim.contains("Kim"), kim.toString());
        assertFalse(texts(suggest("Shyt")).contains("Shytkov"));
    }

    @Test
    void theLastWordTypedIsCompletedFromTheCatalogue() throws Exception {
        JsonNode telegrams = suggest("ciphered tele");
        List<String> texts = texts(telegrams);
        assertTrue(texts.contains("ciphered telegram"), texts.toString());
        for (JsonNode s : telegrams) {
            assertEquals("word", s.get("kind").asText());
            assertTrue(s.get("text").asText().startsWith("ciphered tele"), s.toString());
        }
        // The most frequent first.
        int previous = Integer.MAX_VALUE;
        for (JsonNode s : telegrams) {
            assertTrue(s.get("records").asInt() <= previous, telegrams.toString());
            previous = s.get("records").asInt();
        }
    }

    /**
     * The index folds words (no case, no accents): a word is offered as the catalogue writes it, as
     * "did you mean" writes it — a name's word as the authority lists do, whatever the reader typed,
     * another with its accents and capitalised as the reader began it — not "molotov" or "charge".
     */
    @Test
    void aWordIsOfferedAsTheCatalogueWritesIt() throws Exception {
        assertEquals("Molotov", first(suggest("mol"), "word").get("text").asText());
        assertTrue(texts(suggest("char")).contains("chargé"), texts(suggest("char")).toString());
        assertTrue(texts(suggest("Char")).contains("Chargé"), texts(suggest("Char")).toString());
        assertFalse(texts(suggest("char")).contains("charge"), "not as the index folds it");
        // What was typed before the last word stays as typed.
        assertTrue(texts(suggest("the kor")).contains("the Korean"), texts(suggest("the kor")).toString());
        assertEquals("Stalin", first(suggest("sta"), "word").get("text").asText());
    }

    @Test
    void nothingTypedOrNothingKnownOffersNothingAndTheAnswerIsBounded() throws Exception {
        assertEquals(0, suggest("").size());
        assertEquals(0, suggest("   ").size());
        assertEquals(0, suggest("zzzzqx").size());
        assertEquals(0, suggest("/[ab]*a[ab]{20}/").size());
        assertTrue(suggest("s").size() <= 8);
        HttpResponse<String> three = http.get("/search/suggest.json?q=s&limit=3");
        assertEquals(3, new ObjectMapper().readTree(three.body()).get("suggestions").size(), three.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "?q=a&q=b", "?q=sta&limit=0", "?q=sta&limit=11", "?q=sta&limit=many", "?q=%00sta"})
    void aBadRequestIsA400WithAMessageInJson(String query) throws Exception {
        HttpResponse<String> response = http.get("/search/suggest.json" + query);
        assertEquals(400, response.statusCode(), query + ": " + response.body());
        JsonNode body = new ObjectMapper().readTree(response.body());
        assertEquals(400, body.get("status").asInt());
        assertFalse(body.get("message").asText().isBlank());
    }

    /**
     * A tab or a line break in what was typed (pasted into the box) is text, as a search reads it
     * and as every other field's rule for control characters has it: it parts words as a space does.
     */
    @Test
    void aLineBreakOrTabTypedPartsWordsAsASpaceDoes() throws Exception {
        List<String> spaced = texts(suggest("ciphered tele"));
        assertTrue(spaced.contains("ciphered telegram"), spaced.toString());
        for (String typed : List.of("ciphered\ntele", "ciphered\rtele", "ciphered\ttele")) {
            assertEquals(spaced, texts(suggest(typed)), typed);
        }
        assertEquals(texts(suggest("stalin ")), texts(suggest("stalin\n")), "a line break ends the word typed");
    }

    @Test
    void aTextLongerThanAnyNameIsA400() throws Exception {
        HttpResponse<String> response = http.get("/search/suggest.json?q=" + "a".repeat(101));
        assertEquals(400, response.statusCode());
        assertTrue(new ObjectMapper().readTree(response.body()).get("message").asText().contains("100"));
    }

    @Test
    void suggestionsDoNotCountAgainstTheSearchLimit() {
        for (int i = 0; i < 6 * SEARCH_LIMIT; i++) {
            assertEquals(200, http.get("/search/suggest.json?q=st" + (char) ('a' + i % 26)).statusCode());
        }
        int searches = 0;
        while (http.get("/search.json?q=stalin").statusCode() == 200) {
            assertTrue(++searches <= SEARCH_LIMIT, "the search limit is not on");
        }
        assertEquals(200, http.get("/search/suggest.json?q=stal").statusCode());
    }

    @Test
    void thePagesThemselvesAreUnchangedPlainSearchForms() {
        // The combobox is the script's: without it the boxes are plain search fields.
        // (the search page's own box is checked in the browser: this class spends its search limit)
        var page = Jsoup.parse(http.get("/").body());
        assertTrue(page.select("input[name=q][role=combobox]").isEmpty());
        assertFalse(page.select("form[action=/search] input[type=search][name=q]").isEmpty());
        assertFalse(page.select("script[src=\"" + org.dossier.web.StaticFiles.URLS.get("suggest.js") + "\"]").isEmpty());
    }
}
