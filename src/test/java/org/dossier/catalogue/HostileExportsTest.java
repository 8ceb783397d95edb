package org.dossier.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.dossier.documents.Attribution;
import org.dossier.documents.DocumentDate;
import org.dossier.documents.RecordDraft;
import org.dossier.testing.Bibtexparser;
import org.dossier.testing.CatalogueDatabase;
import org.dossier.testing.SeededCatalogue;
import org.jbibtex.BibTeXDatabase;
import org.jbibtex.BibTeXEntry;
import org.jbibtex.BibTeXParser;
import org.jbibtex.Key;
import org.jbibtex.LaTeXParser;
import org.jbibtex.LaTeXPrinter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Exports that cannot be turned on their readers: titles that spreadsheets would run as formulas,
 * and lone braces that made BibTeX readers drop entries, read back by real parsers (Commons CSV;
 * Debian's python3-bibtexparser, which counts braces as BibTeX does, and jbibtex).
 */
class HostileExportsTest {

    private static final String WORD = "zanzibarquux";
    private static final List<String> FORMULAS = List.of("=HYPERLINK(\"http://evil.example\",\"x\") " + WORD,
            "+1+1 " + WORD, "-2+3 " + WORD, "@SUM(A1) " + WORD, "\tTabbed " + WORD, "\rReturned " + WORD);
    private static final List<String> BRACED = List.of("A lone { opening " + WORD, "A lone } closing " + WORD,
            "} backwards { " + WORD, "Tilde ~ caret ^ backslash \\ " + WORD);

    @RegisterExtension
    static final SeededCatalogue catalogue = SeededCatalogue.ownedByTheClass();

    private static final Map<Integer, String> titles = new HashMap<>();

    @BeforeAll
    static void start() {
        try (CatalogueDatabase database = CatalogueDatabase.of(catalogue)) {
            List<String> all = new ArrayList<>(FORMULAS);
            all.addAll(BRACED);
            for (String title : all) {
                int id = database.write(w -> w.create(new RecordDraft(title, List.of("A summary with { and } and "
                        + title), DocumentDate.ofYear(1950)), Attribution.editor("tester", "a hostile title")));
                titles.put(id, title.strip());
            }
        }
    }

    @Test
    void titlesThatSpreadsheetsWouldRunAreNeutralised() throws Exception {
        String csv = catalogue.http().get("/search.csv?q=" + WORD).body();
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv)).getRecords();
        assertEquals(FORMULAS.size() + BRACED.size(), rows.size());
        int neutralised = 0;
        for (CSVRecord row : rows) {
            String cell = row.get("title");
            char first = cell.charAt(0);
            assertFalse(first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r',
                    "a spreadsheet would run " + cell);
            if (cell.startsWith("'")) {
                neutralised++;
                String title = titles.get(Integer.parseInt(row.get("id")));
                assertEquals("'" + title, cell, "the text itself is kept after the quote");
            }
        }
        // Titles are stored stripped: the tab and CR ones lose their lead, the other four keep it.
        assertTrue(neutralised >= 4, "neutralised " + neutralised);
    }

    @Test
    void everyBibFileWithLoneBracesIsReadBackWhole() throws Exception {
        String search = catalogue.http().get("/search.bib?q=" + WORD).body();
        assertEquals(titles.size(), Bibtexparser.entries(search).size(), "python3-bibtexparser reads every entry:\n" + search);
        assertEquals(titles.size(), new BibTeXParser().parse(new StringReader(search)).getEntries().size());

        for (Map.Entry<Integer, String> record : titles.entrySet()) {
            String bib = catalogue.http().get("/documents/" + record.getKey() + ".bib").body();
            List<JsonNode> entries = Bibtexparser.entries(bib);
            assertEquals(1, entries.size(), bib);
            for (String field : List.of("title", "abstract", "year", "url", "urldate", "note")) {
                assertTrue(entries.get(0).has(field), field + " is read in " + bib);
            }
            BibTeXDatabase parsed = new BibTeXParser().parse(new StringReader(bib));
            BibTeXEntry entry = parsed.getEntries().values().iterator().next();
            String title = new LaTeXPrinter().print(new LaTeXParser().parse(new StringReader(
                    entry.getField(BibTeXEntry.KEY_TITLE).toUserString())));
            assertEquals(record.getValue(), title, "the title comes back as it was");
            assertTrue(entry.getField(new Key("abstract")).toUserString().contains("{\\textbraceleft}"));
        }
    }

    @Test
    void tildesCaretsAndBackslashesAreWrittenInTheFormZoteroAndBiberRead() {
        String bib = catalogue.http().get("/search.bib?q=tilde+" + WORD).body();
        assertTrue(bib.contains("{\\textasciitilde}") && bib.contains("{\\textasciicircum}")
                && bib.contains("{\\textbackslash}"), bib);
        assertFalse(bib.contains("\\textasciitilde{}"), bib);
    }
}
