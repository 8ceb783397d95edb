package org.dossier.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dossier.accounts.Role;
import org.dossier.editing.Editors;
import org.dossier.editing.FormFields;
import org.dossier.testing.Http;
import org.dossier.testing.SeededCatalogue;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A reader narrows a search by the languages its records are written in ({@code language=ru}),
 * once editors have said them: counted like every other facet, named in English, following an
 * editor's change at once. The seed pages say no language, so an editor says them here first.
 */
class LanguageFacetTest {

    @RegisterExtension
    static final SeededCatalogue catalogue = SeededCatalogue.ownedByTheClass();

    private static final Http editor = Editors.signedIn(catalogue, "cataloguer", Role.EDITOR);
    private static Http reader;
    private static int stalinToMao;
    private static int fengXiToKim;
    private static int shtykovToGromyko;
    private static int soongAndStalin;
    private static int lange;

    @BeforeAll
    static void start() {
        reader = catalogue.http().anotherVisitor();
        stalinToMao = catalogue.recordTitled("Hand-delivered letter, Filippov (Stalin) to Mao Zedong");
        fengXiToKim = catalogue.recordTitled("Letter from Feng Xi (Stalin) to Kim Il Sung");
        shtykovToGromyko = catalogue.recordTitled("Shtykov to Deputy Foreign Minister Andrei Gromyko");
        soongAndStalin = catalogue.recordTitled("Record of a Meeting Between T.V. Soong and Stalin");
        lange = catalogue.recordTitled("with Polish Professor Lange");
        say(stalinToMao, "Russian, Chinese");
        say(fengXiToKim, "ru; ko");
        say(shtykovToGromyko, "rus");
        say(soongAndStalin, "Chinese");
        say(lange, "Polish");
    }

    private static void say(int id, String languages) {
        String path = "/admin/documents/" + id + "/edit";
        FormFields form = FormFields.at(editor, path, "form.record-form");
        HttpResponse<String> saved = editor.post(path, form.set("languages", languages)
                .set("note", "Languages from the original").entries());
        assertEquals(303, saved.statusCode(), saved.body());
    }

    private static SearchJson search(String query) {
        return SearchJson.get(reader, query);
    }

    private static Set<Integer> ids(String query) {
        return Set.copyOf(search(query + "&pageSize=100").ids());
    }

    @Test
    void everyLanguageSaidIsAFacetValueCountedOnceForEachRecordWrittenInIt() {
        SearchJson all = search("");
        assertEquals(49, all.total(), "a record whose languages no one has said is still found");
        assertEquals(Map.of("ru", 3L, "zh", 2L, "ko", 1L, "pl", 1L), all.facet("language"));
        assertEquals(List.of("ru", "zh"), List.copyOf(all.facet("language").keySet()).subList(0, 2), "most records first");
        JsonNode russian = all.body().get("facets").get("language").get(0);
        assertEquals("Russian", russian.get("label").asText(), "named in English, as the record's page names it");
    }

    @Test
    void valuesOfTheLanguageFacetCombineWithOrOtherFacetsWithAndAndItsOwnCountsStay() {
        SearchJson russian = search("language=ru");
        assertEquals(Set.of(stalinToMao, fengXiToKim, shtykovToGromyko), ids("language=ru"));
        assertEquals(search("").facet("language"), russian.facet("language"), "its own selection never narrows it");
        assertEquals(2L, russian.facet("type").get("letter"), "the other facets count the Russian records");
        assertEquals(Set.of(stalinToMao, fengXiToKim, shtykovToGromyko, soongAndStalin), ids("language=ru&language=zh"));
        assertEquals(Set.of(stalinToMao, fengXiToKim), ids("language=ru&type=letter"));
        assertEquals(Map.of("ru", 2L, "zh", 1L, "ko", 1L), search("type=letter").facet("language"),
                "the letters by language: what ticking a language would give");
        assertEquals(Set.of(stalinToMao), ids("language=ru&language=zh&all=language"), "written in both");
        assertEquals(Set.of(soongAndStalin), ids("q=soong&language=zh"));
        assertEquals(0, search("q=soong&language=ru").total());
    }

    @Test
    void theFacetOnThePageNamesEachLanguageAndItsLinksTickAndUntickIt() {
        Document page = reader.page("/search?q=stalin");
        Element box = page.selectFirst("section.facet[data-facet=language]");
        assertEquals("Language", box.selectFirst("h2").text());
        Element russian = box.selectFirst("a.facet-toggle[data-value=ru]");
        assertEquals("Russian", russian.selectFirst(".facet-label").text());
        assertEquals(String.valueOf(search("q=stalin&language=ru").total()), russian.selectFirst(".facet-count").text());
        assertEquals("/search?q=stalin&language=ru", russian.attr("href"));
        assertNull(box.selectFirst("a.facet-about"), "a language has no page of its own");
        assertEquals("Only records whose languages have been recorded are counted.", box.selectFirst(".facet-note").text());
        assertNull(page.selectFirst("section.facet[data-facet=person] .facet-note"), "said of languages alone");

        Document ticked = reader.page(russian.attr("href"));
        Element chip = ticked.selectFirst(".chips a.chip");
        assertEquals("Remove Language: Russian \u00d7", chip.text());
        assertEquals("/search?q=stalin", chip.attr("href"));
        Element tickedRussian = ticked.selectFirst("section.facet[data-facet=language] li.selected a.facet-toggle");
        assertEquals("/search?q=stalin", tickedRussian.attr("href"), "the ticked value's link unticks it");
        assertEquals("/search?q=stalin&language=ru&language=zh",
                ticked.selectFirst("section.facet[data-facet=language] a[data-value=zh]").attr("href"),
                "another language adds to it");

        Document both = reader.page("/search?language=ru&language=zh");
        assertTrue(both.select(".facet-logic").text().contains("Languages: any of Russian or Chinese"),
                both.select(".facet-logic").text());

        Document everyLanguage = reader.page("/search/facets/language?order=name");
        assertEquals(List.of("Chinese", "Korean", "Polish", "Russian"),
                everyLanguage.select(".facet-value .facet-label").eachText());
    }

    @Test
    void aLanguageAnEditorChangesIsSearchedAsChangedAtOnce() {
        int leeChangChen = catalogue.recordTitled("Letter to Stalin from Lee Chang-chen");
        assertEquals(0, search("language=hu").total());
        say(leeChangChen, "Korean, Hungarian");
        assertEquals(Set.of(leeChangChen), ids("language=hu"), "searched at once, no rebuild waited for");
        assertEquals(Set.of(fengXiToKim, leeChangChen), ids("language=ko"));
        say(leeChangChen, "");
        assertEquals(0, search("language=hu").total(), "a language taken away leaves the search");
        assertNull(search("").facet("language").get("hu"), "and the facet");
        assertEquals(1L, search("").facet("language").get("ko"));
    }

    @Test
    void aLanguageCodeThatIsNoneIsA400ThatSaysSoAndKeepsTheRestOfTheSearch() {
        for (String bad : List.of("xx-notreal", "%3Cscript%3E", "RU")) {
            HttpResponse<String> json = reader.get("/search.json?q=stalin&language=" + bad);
            assertEquals(400, json.statusCode(), bad);
            HttpResponse<String> html = reader.get("/search?q=stalin&language=" + bad + "&language=zh");
            assertEquals(400, html.statusCode(), bad);
            Document page = Jsoup.parse(html.body());
            assertEquals("stalin", page.selectFirst("#search-q").val(), "what the reader typed is kept");
            assertEquals(List.of("Remove Language: Chinese \u00d7"), page.select(".chips a.chip").eachText(),
                    "the language that is one is still searched");
            assertEquals(String.valueOf(search("q=stalin&language=zh").total()),
                    page.selectFirst(".count").text().replaceAll(".* of ", ""));
            assertFalse(html.body().contains("<script>"), "never written back unescaped");
        }
        assertTrue(Jsoup.parse(reader.get("/search?language=xx-notreal").body()).selectFirst(".facets .problem").text()
                .contains("There is no language with the code 'xx-notreal'"));
        assertTrue(reader.get("/search.json?language=%3Cscript%3E").body().contains("'language' must be a key such as 'ru'"));
        for (String another : List.of("rus", "russian")) {
            HttpResponse<String> json = reader.get("/search.json?language=" + another);
            assertEquals(400, json.statusCode());
            assertTrue(json.body().contains("There is no language with the code '" + another + "': Russian is asked as 'ru'"),
                    "the code to ask instead: " + json.body());
        }
    }

    @Test
    void theExportsTakeTheLanguageAsTheSearchDoes() {
        String csv = reader.get("/search.csv?language=zh").body();
        assertEquals(3, csv.lines().count(), "a header and the two records in Chinese: " + csv);
    }
}
