package org.dossier.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every citation style and export format, for a record dated to the day, one dated to the month
 * and one dated to the year (and the others {@link SampleCitations} makes), then the first of them
 * undated, against files under src/test/resources/citations. To accept a
 * deliberate change, run with {@code -Dgolden.update=true} and read the diff before committing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CitationGoldenFilesTest {

    private static final Path GOLDEN = Path.of("src", "test", "resources", "citations");

    private SampleCitations samples;
    private List<Citation> citations;

    @BeforeAll
    void start() {
        samples = new SampleCitations();
        List<Citation> records = samples.all();
        // Last, so that the dated records' lines stay as they were: the first record with no date.
        Citation first = records.get(0);
        Citation undated = new Citation(first.id(), first.version(), first.title(), java.util.Optional.empty(),
                first.genre(), first.summary(), first.people(), first.places(), first.archive(), first.siteUrl(),
                first.accessed(), first.languages());
        citations = java.util.stream.Stream.concat(records.stream(), java.util.stream.Stream.of(undated)).toList();
    }

    @AfterAll
    void stop() {
        samples.close();
    }

    @Test
    void chicagoNotesMatchTheirGoldenFile() throws IOException {
        assertGolden("chicago-note.txt", styled(CitationStyle.CHICAGO_NOTE));
    }

    @Test
    void chicagoBibliographyEntriesMatchTheirGoldenFile() throws IOException {
        assertGolden("chicago-bibliography.txt", styled(CitationStyle.CHICAGO_BIBLIOGRAPHY));
    }

    @Test
    void mlaCitationsMatchTheirGoldenFile() throws IOException {
        assertGolden("mla.txt", styled(CitationStyle.MLA));
    }

    @Test
    void apaCitationsMatchTheirGoldenFile() throws IOException {
        assertGolden("apa.txt", styled(CitationStyle.APA));
    }

    @Test
    void bibTeXMatchesItsGoldenFile() throws IOException {
        assertGolden("records.bib", exported(ExportFormat.BIBTEX));
    }

    @Test
    void risMatchesItsGoldenFile() throws IOException {
        assertGolden("records.ris", exported(ExportFormat.RIS));
    }

    @Test
    void cslJsonMatchesItsGoldenFile() throws IOException {
        assertGolden("records.csl.json", exported(ExportFormat.CSL_JSON));
    }

    @Test
    void csvMatchesItsGoldenFile() throws IOException {
        assertGolden("records.csv", exported(ExportFormat.CSV));
    }

    /**
     * A record page's JSON-LD, one record a line: the same bytes on every start and every node
     * (its objects keep their keys in one order), which also pins what a harvester reads.
     */
    @Test
    void recordJsonLdMatchesItsGoldenFile() throws IOException {
        assertGolden("records.jsonld", citations.stream().map(c -> RecordJsonLd.of(c, c.permalink()))
                .collect(Collectors.joining("\n", "", "\n")));
    }

    @Test
    void aBatchForAnExportKeepsTheGivenOrderAndLeavesOutWithdrawnAndUnknownRecords() {
        int dayPrecise = samples.database().recordTitled(SampleCitations.DAY_PRECISE);
        int monthPrecise = samples.database().recordTitled(SampleCitations.MONTH_PRECISE);
        int withdrawn = samples.database().recordTitled("Letter to Stalin from Lee Chang-chen");
        int unknown = 99_999; // no record has it
        samples.database().write(w -> w.withdraw(withdrawn, 1, "Withdrawn for the batch test.",
                Attribution.editor("tester", "Withdrawn for the batch test")));
        Citations batch = new Citations(samples.database().dsl(), Archive.DEFAULT, java.time.Clock.systemUTC());
        List<Integer> asked = List.of(monthPrecise, withdrawn, unknown, dayPrecise, monthPrecise);
        assertEquals(List.of(monthPrecise, dayPrecise), batch.current(asked, SampleCitations.SITE).stream()
                .map(Citation::id).toList());
    }

    /** One citation a line, italics marked as {@code <i>...</i>}. */
    private String styled(CitationStyle style) {
        return citations.stream().map(style::format).map(CitationGoldenFilesTest::marked)
                .collect(Collectors.joining("\n", "", "\n"));
    }

    static String marked(FormattedCitation citation) {
        return citation.runs().stream().map(r -> r.italic() ? "<i>" + r.text() + "</i>" : r.text())
                .collect(Collectors.joining());
    }

    private String exported(ExportFormat format) throws IOException {
        StringWriter out = new StringWriter();
        try (ExportFormat.Output file = format.open(out)) {
            for (Citation c : citations) {
                file.write(c);
            }
        }
        return out.toString();
    }

    private static void assertGolden(String name, String actual) throws IOException {
        Path file = GOLDEN.resolve(name);
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual, name);
    }
}
