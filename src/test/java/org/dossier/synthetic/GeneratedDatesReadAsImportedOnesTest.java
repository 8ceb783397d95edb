package org.dossier.synthetic;

import static org.dossier.db.Tables.DOCUMENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.dossier.documents.DocumentDate;
import org.dossier.documents.Permalinks;
import org.dossier.documents.RecordStore;
import org.dossier.importing.ImportRun;
import org.dossier.testing.CatalogueDatabase;
import org.dossier.testing.TestCatalogue;
import org.jooq.Field;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/**
 * A generated record's approximate date or span is the date an imported record with the same date
 * has: stored alike, shown alike on its page, and found and counted alike by search (a span under
 * each year it covers), so that what a benchmark measures over generated records is what a real
 * catalogue's hold.
 */
class GeneratedDatesReadAsImportedOnesTest {

    private static final int COUNT = 800;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A record's date as one column. Made when asked, not in a static field: jOOQ's tables and data
     * types initialised in this class's initialiser, beside another class's first query, deadlocked.
     */
    /** A record's date, read as one value: none for an undated record. */
    private static final Field<Optional<DocumentDate>> DATE = DocumentDate.stored(DOCUMENT.DATE_KEY,
            DOCUMENT.DATE_PRECISION, DOCUMENT.DATE_CIRCA, DOCUMENT.DATE_END_KEY, DOCUMENT.DATE_END_PRECISION);

    @Test
    void aGeneratedSpanOrApproximateDateReadsOnItsPageAndInSearchAsTheSameDateImported() throws Exception {
        try (TestCatalogue catalogue = TestCatalogue.empty(); CatalogueDatabase db = CatalogueDatabase.of(catalogue)) {
            new Generator(db.dsl(), Clock.systemUTC()).generate(TestCatalogue.SEEDS, COUNT, 7, (done, total) -> { });
            // The first generated record of each shape: approximate or not, a span or not, to the year, month or day.
            Map<String, Integer> generated = new TreeMap<>();
            Map<Integer, DocumentDate> dates = new LinkedHashMap<>();
            db.dsl().select(DOCUMENT.ID, DATE).from(DOCUMENT).orderBy(DOCUMENT.ID).fetch().forEach(row ->
                    row.get(DATE).filter(date -> date.isSpan() || date.circa()).ifPresent(date -> {
                        String shape = (date.circa() ? "approximate " : "") + (date.isSpan() ? "span to the " : "")
                                + date.precision();
                        if (generated.putIfAbsent(shape, row.get(DOCUMENT.ID)) == null) {
                            dates.put(row.get(DOCUMENT.ID), date);
                        }
                    }));
            assertEquals(List.of("approximate MONTH", "approximate YEAR", "approximate span to the YEAR",
                    "span to the DAY", "span to the MONTH", "span to the YEAR"), List.copyOf(generated.keySet()));

            // Each generated date typed into a seed page as its record page shows it, and imported.
            StringBuilder page = new StringBuilder("Skip to content\n\n");
            Map<Integer, String> twinTitles = new LinkedHashMap<>();
            int n = 0;
            for (Map.Entry<Integer, DocumentDate> entry : dates.entrySet()) {
                String title = "Imported twin " + (char) ('a' + n++) + " of a generated record";
                twinTitles.put(entry.getKey(), title);
                page.append(entry.getValue().display()).append("\n\n").append(title).append("\n\n")
                        .append("Typed as the generated record's page shows its date.\n\n");
            }
            Path seedPage = Files.createTempFile(catalogue.folder(), "twins", ".txt");
            Files.writeString(seedPage, page.toString(), StandardCharsets.UTF_8);
            assertEquals(dates.size(), new ImportRun(new RecordStore(db.dsl(), Clock.systemUTC()), Clock.systemUTC())
                    .run(List.of(seedPage)).created());
            awaitIndexed(catalogue, COUNT + dates.size());

            // Every record counted under each year its date covers, generated and imported alike.
            Map<String, Integer> expectedYears = new TreeMap<>();
            db.dsl().select(DATE).from(DOCUMENT).fetch(DATE).forEach(stored -> stored.ifPresent(date -> {
                for (int year = date.year(); year <= date.latest().getYear(); year++) {
                    expectedYears.merge(String.valueOf(year), 1, Integer::sum);
                }
            }));
            Map<String, Integer> counted = new TreeMap<>();
            json(catalogue, "/search.json").get("facets").get("year").forEach(value ->
                    counted.put(value.get("value").asText(), value.get("count").asInt()));
            assertEquals(expectedYears, counted, "the year facet");

            for (Map.Entry<Integer, String> twins : twinTitles.entrySet()) {
                int made = twins.getKey();
                int imported = catalogue.recordTitled(twins.getValue());
                DocumentDate date = dates.get(made);
                String shape = date.display() + " (" + date.edtf() + ")";
                assertEquals(Optional.of(date), storedDate(db, imported), shape + ": stored alike");

                Document madePage = recordPage(catalogue, db, made);
                Document importedPage = recordPage(catalogue, db, imported);
                assertEquals(date.display(), madePage.selectFirst(".record-kicker .record-date").text(), shape);
                assertEquals(importedPage.selectFirst(".record-kicker .record-date").outerHtml(),
                        madePage.selectFirst(".record-kicker .record-date").outerHtml(), shape + ": shown alike");

                // Found under each year the date covers, and under no other; its hit's dates the same.
                for (int year = date.year() - 1; year <= date.latest().getYear() + 1; year++) {
                    boolean covers = year >= date.year() && year <= date.latest().getYear();
                    Optional<JsonNode> madeHit = hit(catalogue, made, db.dsl().select(DOCUMENT.TITLE).from(DOCUMENT)
                            .where(DOCUMENT.ID.eq(made)).fetchSingle(DOCUMENT.TITLE), year);
                    Optional<JsonNode> importedHit = hit(catalogue, imported, twins.getValue(), year);
                    assertEquals(covers, madeHit.isPresent(), shape + " generated, found under " + year);
                    assertEquals(covers, importedHit.isPresent(), shape + " imported, found under " + year);
                    if (covers) {
                        assertEquals(dateFields(importedHit.get()), dateFields(madeHit.get()), shape + ": its hit's dates");
                    }
                }
            }
        }
    }

    private static Optional<DocumentDate> storedDate(CatalogueDatabase db, int id) {
        return db.dsl().select(DATE).from(DOCUMENT).where(DOCUMENT.ID.eq(id)).fetchSingle(DATE);
    }

    private static Document recordPage(TestCatalogue catalogue, CatalogueDatabase db, int id) {
        String slug = db.dsl().select(DOCUMENT.SLUG).from(DOCUMENT).where(DOCUMENT.ID.eq(id)).fetchSingle(DOCUMENT.SLUG);
        return Jsoup.parse(catalogue.http().get(Permalinks.canonical(id, slug)).body());
    }

    /** The record's hit when its title's words are searched for in {@code year}, if it is among the first page's. */
    private static Optional<JsonNode> hit(TestCatalogue catalogue, int id, String title, int year) throws Exception {
        JsonNode found = json(catalogue, "/search.json?q=" + URLEncoder.encode(title, StandardCharsets.UTF_8)
                + "&year=" + year);
        for (JsonNode document : found.get("documents")) {
            if (document.get("id").asInt() == id) {
                return Optional.of(document);
            }
        }
        return Optional.empty();
    }

    /** What a hit says of its date: every key that names one. */
    private static Map<String, String> dateFields(JsonNode hit) {
        Map<String, String> fields = new TreeMap<>();
        hit.fields().forEachRemaining(field -> {
            if (field.getKey().toLowerCase(java.util.Locale.ROOT).contains("date")) {
                fields.put(field.getKey(), field.getValue().toString());
            }
        });
        assertTrue(fields.containsKey("displayDate"), hit.toString());
        return fields;
    }

    /** Waits for the node's index to hold {@code total} records, as it follows the writes beside it. */
    private static void awaitIndexed(TestCatalogue catalogue, int total) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int indexed = json(catalogue, "/search.json").get("total").asInt();
        while (indexed != total && System.nanoTime() - until < 0) {
            Thread.sleep(100);
            catalogue.http().get("/ready"); // a node behind catches up when asked whether it is ready
            indexed = json(catalogue, "/search.json").get("total").asInt();
        }
        assertEquals(total, indexed, "the index followed the generated and imported records");
    }

    private static JsonNode json(TestCatalogue catalogue, String path) throws Exception {
        return JSON.readTree(catalogue.http().get(path).body());
    }
}
