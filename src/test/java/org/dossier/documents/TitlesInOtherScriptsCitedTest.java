package org.dossier.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import de.undercouch.citeproc.csl.CSLItemData;
import de.undercouch.citeproc.helper.json.JsonLexer;
import de.undercouch.citeproc.helper.json.JsonParser;
import de.undercouch.citeproc.ris.RISParser;
import de.undercouch.citeproc.ris.RISReference;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.dossier.app.Database;
import org.dossier.testing.Http;
import org.dossier.testing.SeededCatalogue;
import org.jbibtex.BibTeXEntry;
import org.jbibtex.BibTeXParser;
import org.jbibtex.Key;
import org.jbibtex.LaTeXParser;
import org.jbibtex.LaTeXPrinter;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Records whose titles are written in Hebrew, Arabic and Chinese, in those languages, cited: the
 * record page's "Cite this" box reads each title in its language and sets it in its own direction,
 * and the downloads read back with real parsers (jbibtex, citeproc-java's RIS and CSL-JSON readers)
 * with the title and the language as they went out.
 */
class TitlesInOtherScriptsCitedTest {

    /** "Letter from Ben-Gurion to Stalin (draft)": a bracket at its end, which right to left goes to the left. */
    private static final String HEBREW = "מכתב מבן-גוריון אל סטלין (טיוטה)";
    private static final String ARABIC = "برقية إلى ماو تسي تونغ (مسودة)";
    private static final String CHINESE = "毛泽东致斯大林电报";

    @RegisterExtension
    static final SeededCatalogue catalogue = SeededCatalogue.ownedByTheClass();

    private static final Http http = new Http(catalogue);
    private static int hebrew;
    private static int arabic;
    private static int chinese;

    @BeforeAll
    static void start() {
        try (Database db = Database.open(catalogue.database())) {
            RecordStore store = new RecordStore(db.dsl(), java.time.Clock.systemUTC());
            hebrew = create(store, HEBREW, "Hebrew");
            arabic = create(store, ARABIC, "Arabic");
            chinese = create(store, CHINESE, "Chinese");
        }
    }

    private static int create(RecordStore store, String title, String language) {
        return store.write(w -> w.create(new RecordDraft(title, List.of("A draft."), DocumentDate.ofMonth(1950, 3), null,
                Map.of(), new java.util.TreeSet<>(), Languages.typed(language)), Attribution.editor("tester", "a record")));
    }

    private static Document page(int id) {
        String location = http.get("/documents/" + id).headers().firstValue("Location").orElseThrow();
        HttpResponse<String> page = http.get(location);
        assertEquals(200, page.statusCode());
        return Jsoup.parse(page.body(), http.url(location));
    }

    @Test
    void theCiteBoxReadsATitleWrittenRightToLeftInItsLanguageAndSetsItApartWithTheStylesMarksOutside() {
        for (var record : Map.of(hebrew, List.of(HEBREW, "he"), arabic, List.of(ARABIC, "ar")).entrySet()) {
            String title = record.getValue().get(0);
            String lang = record.getValue().get(1);
            Document page = page(record.getKey());
            Element note = page.selectFirst("#citation-chicago-note");
            Element inNote = note.selectFirst("span[lang]");
            assertNotNull(inNote, note.outerHtml());
            assertEquals(lang, inNote.attr("lang"));
            assertEquals("auto", inNote.attr("dir"), "in its own direction");
            assertEquals("\u2068" + title + "\u2069", inNote.text());
            assertEquals("\u201C\u2068" + title + "\u2069,\u201D March 1950,", note.text().split(" Dossier")[0],
                    "the comma the style adds after the title, outside it");
            Element inApa = page.selectFirst("#citation-apa i");
            assertEquals(lang, inApa.attr("lang"));
            assertEquals("\u2068" + title + "\u2069", inApa.text());
            assertEquals("en", page.selectFirst("html").attr("lang"), "the citation around it stays English");
            assertEquals(lang, page.head().selectFirst("meta[name=citation_language]").attr("content"));
            assertEquals(List.of(lang), page.head().select("meta[name=DC.language]").eachAttr("content"));
        }
    }

    @Test
    void theCiteBoxReadsAChineseTitleInChinese() {
        Document page = page(chinese);
        Element inNote = page.selectFirst("#citation-chicago-note span[lang]");
        assertNotNull(inNote);
        assertEquals("zh", inNote.attr("lang"));
        assertEquals(CHINESE, inNote.text(), "no isolate: it is written left to right");
        assertEquals("\u201C" + CHINESE + ",\u201D March 1950,",
                page.selectFirst("#citation-chicago-note").text().split(" Dossier")[0]);
        assertEquals("zh", page.selectFirst("#citation-mla span[lang]").attr("lang"));
    }

    @Test
    void theDownloadsReadBackWithTheTitleAndTheLanguageAsTheyWentOut() throws Exception {
        for (var record : Map.of(hebrew, List.of(HEBREW, "he", "Hebrew"), arabic, List.of(ARABIC, "ar", "Arabic"),
                chinese, List.of(CHINESE, "zh", "Chinese")).entrySet()) {
            int id = record.getKey();
            String title = record.getValue().get(0);
            String tag = record.getValue().get(1);
            String name = record.getValue().get(2);

            BibTeXEntry entry = new BibTeXParser().parse(new StringReader(download(id, "bib")))
                    .resolveEntry(new Key("dossier-" + id + "-v1"));
            assertEquals(title, new de.undercouch.citeproc.bibtex.BibTeXConverter().toItemData(entry).getTitle(),
                    "citeproc-java's reading of the BibTeX title");
            assertEquals(name, entry.getField(new Key("language")).toUserString());

            String ris = download(id, "ris");
            StrictRis.check(ris);
            RISReference ref = new RISParser().parse(new StringReader(ris)).getReferences().get(0);
            assertEquals(title, ref.getTitle());
            assertEquals(name, ref.getLanguage());

            @SuppressWarnings("unchecked")
            CSLItemData item = CSLItemData.fromJson((Map<String, Object>) new JsonParser(new JsonLexer(
                    new StringReader(download(id, "csl.json")))).parseArray().get(0));
            assertEquals(title, item.getTitle());
            assertEquals(tag, item.getLanguage());
        }
    }

    private static String download(int id, String extension) {
        HttpResponse<String> file = http.get("/documents/" + id + "." + extension);
        assertEquals(200, file.statusCode(), file.body());
        return file.body();
    }

    private static String latexToText(String latex) throws Exception {
        return new LaTeXPrinter().print(new LaTeXParser().parse(new StringReader(latex)));
    }
}
