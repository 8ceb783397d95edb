package org.dossier.documents;

import static org.dossier.db.Tables.DOCUMENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.dossier.testing.CatalogueDatabase;
import org.dossier.testing.SeededCatalogue;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * How precisely a record's date is known, in the facts of its page and of its versions, for a span
 * whose ends are known to different precisions ("June 3, 1961 – 1962", "1961 – March 1962"): each
 * end's, not its start's alone, which read "known to the day" (no note) for the first.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpanPrecisionShownTest {

    @RegisterExtension
    final SeededCatalogue catalogue = SeededCatalogue.ownedByTheClass();
    private final CatalogueDatabase database = CatalogueDatabase.forTheClass(catalogue);
    private int dayToYear;
    private int yearToMonth;
    private int daysOnly;

    @BeforeAll
    void writeThreeSpans() {
        dayToYear = write("Quillmark minutes from a day to a year", "June 3, 1961 – 1962");
        yearToMonth = write("Quillmark report across a year and a month", "1961 – March 1962");
        daysOnly = write("Quillmark telegrams of three days", "June 3–5, 1961");
    }

    private int write(String title, String date) {
        return database.write(w -> w.create(new RecordDraft(title, List.of("A span."), Optional.of(DocumentDate.parse(date)),
                null, Map.of(), new TreeSet<>(), Languages.NONE), Attribution.editor("alice", "span")));
    }

    /** The precision note beside the date in a page's facts, or null when there is none. */
    private Element precisionNote(String path) {
        Document page = catalogue.http().page(path);
        return page.selectFirst("dd:has(> time) > span.precision");
    }

    private String path(int record) {
        return "/documents/" + record + "/v/1";
    }

    @Test
    void aSpanFromADayToAYearSaysItsEndIsKnownOnlyToTheYear() {
        Element note = precisionNote(path(dayToYear));
        assertEquals("(known to the day, its end to the year)", note == null ? null : note.text());
        Document page = catalogue.http().page(Permalinks.canonical(dayToYear, database.dsl().select(DOCUMENT.SLUG)
                .from(DOCUMENT).where(DOCUMENT.ID.eq(dayToYear)).fetchSingle(DOCUMENT.SLUG)));
        assertEquals("(known to the day, its end to the year)", page.selectFirst("dd:has(> time) > span.precision").text());
    }

    @Test
    void aSpanFromAYearToAMonthSaysBoth() {
        assertEquals("(known to the year, its end to the month)", precisionNote(path(yearToMonth)).text());
    }

    @Test
    void aSpanOfDaysNeedsNoNote() {
        assertNull(precisionNote(path(daysOnly)));
    }
}
