package org.dossier.documents;

import static org.dossier.db.Tables.DOCUMENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dossier.accounts.Role;
import org.dossier.editing.Editors;
import org.dossier.editing.FormFields;
import org.dossier.testing.Axe;
import org.dossier.testing.Browser;
import org.dossier.testing.CatalogueDatabase;
import org.dossier.testing.Http;
import org.dossier.testing.SameOnEveryDatabase;
import org.dossier.testing.SeededCatalogue;
import org.dossier.testing.Undated;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * An undated record (date key and precision NULL, V22) as a reader and an editor meet it: every
 * page that shows a record's date shows {@link DocumentDate#UNDATED} instead. No page makes one
 * yet: the test saves a second version of a seed record and stores it, and the record, undated.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ResourceLock(Browser.ONE_AT_A_TIME)
class UndatedRecordPagesTest {

    @RegisterExtension
    final SeededCatalogue catalogue = SeededCatalogue.ownedByTheClass();
    private final CatalogueDatabase database = CatalogueDatabase.forTheClass(catalogue);
    private int id;
    private String firstDate;

    @BeforeAll
    void start() {
        id = database.recordTitled("Letter to Stalin from the Commanders and Soldiers");
        firstDate = dateShown(id);
        undateItsSecondVersion(id);
    }

    /** The date above the record's title on its page. */
    private String dateShown(int record) {
        return catalogue.http().page(recordPath(record)).selectFirst(".record-kicker .record-date").text();
    }

    /** Saves the record a second time, then makes it undated in its row and that version: its first keeps its date. */
    private void undateItsSecondVersion(int record) {
        database.write(w -> {
            RecordDraft now = w.draft(record);
            return w.update(record, 1, new RecordDraft(now.title(), List.of("Its date is lost."), now.date(), now.typeId(),
                    now.people(), now.places(), now.languages()), Attribution.editor("alice", "The date is lost"));
        });
        Undated.records(database.dsl(), List.of(record));
        Undated.version(database.dsl(), record, 2);
    }

    private String recordPath() {
        return recordPath(id);
    }

    private String recordPath(int record) {
        return Permalinks.canonical(record, database.dsl().select(DOCUMENT.SLUG).from(DOCUMENT)
                .where(DOCUMENT.ID.eq(record)).fetchSingle(DOCUMENT.SLUG));
    }

    @Test
    void theRecordPageSaysUndatedAboveTheTitleAndInItsFacts() {
        Document page = catalogue.http().page(recordPath());
        assertEquals(DocumentDate.UNDATED, page.selectFirst(".record-kicker .record-date").text());
        assertNull(page.selectFirst(".record-kicker time"), "no time element for a date there is not");
        assertTrue(page.select("dt:containsOwn(Date) + dd").text().equals(DocumentDate.UNDATED),
                page.select("dt:containsOwn(Date) + dd").outerHtml());
        assertNull(page.selectFirst(".precision"), "an undated record is not 'known to' anything");
    }

    @Test
    void theListingShowsTheUndatedRecordLastInBothDateOrders() {
        for (String sort : List.of("date", "-date")) {
            var results = catalogue.http().page("/?sort=" + sort + "&page=" + lastPage(sort)).select("ol.results li.result");
            List<String> dates = results.stream().map(r -> r.selectFirst(".result-meta").text().split(" ")[0]).toList();
            int first = dates.indexOf(DocumentDate.UNDATED);
            assertTrue(first >= 0 && dates.subList(first, dates.size()).stream().allMatch(DocumentDate.UNDATED::equals),
                    sort + ": the undated records close the list: " + dates);
            assertTrue(results.subList(first, results.size()).stream()
                    .anyMatch(r -> r.selectFirst(".result-title a").attr("href").matches("/documents/" + id + "(/.*)?")),
                    sort + ": " + results.outerHtml());
        }
    }

    private int lastPage(String sort) {
        long total = database.dsl().fetchCount(DOCUMENT, DOCUMENT.WITHDRAWN_AT.isNull());
        int size = catalogue.http().page("/?sort=" + sort).select("ol.results li.result").size();
        return (int) ((total + size - 1) / size);
    }

    @Test
    void theVersionsHistoryAndDiffSayUndatedForTheUndatedVersion() {
        assertEquals(DocumentDate.UNDATED,
                catalogue.http().page(Permalinks.version(id, 2)).selectFirst(".record-kicker .record-date").text());
        assertEquals(firstDate,
                catalogue.http().page(Permalinks.version(id, 1)).selectFirst(".record-kicker .record-date").text());
        Editors.add(catalogue, "bob", Role.EDITOR);
        Http editor = Editors.signIn(catalogue, "bob");
        assertTrue(editor.page(Permalinks.history(id)).text().contains("The date is lost"));
        Document changed = editor.page(Permalinks.history(id, 2));
        assertTrue(changed.text().contains(firstDate) && changed.text().contains(DocumentDate.UNDATED), changed.text());
        var response = editor.get(Permalinks.edit(id));
        assertEquals(200, response.statusCode(), response.body());
    }

    @Test
    void anUndatedRecordTakesBackItsDatedVersionAndThenItsUndatedOne() {
        int record = database.recordTitled("Roman Catholic Priest Stanislaus Orlemanski");
        String dated = dateShown(record);
        undateItsSecondVersion(record);
        Editors.add(catalogue, "carol", Role.EDITOR);
        Http editor = Editors.signIn(catalogue, "carol");
        restore(editor, record, 1, 2);
        assertEquals(dated, dateShown(record));
        restore(editor, record, 2, 3);
        assertEquals(DocumentDate.UNDATED, dateShown(record));
        assertNull(database.dsl().select(DOCUMENT.DATE_KEY).from(DOCUMENT).where(DOCUMENT.ID.eq(record))
                .fetchSingle(DOCUMENT.DATE_KEY));
        Document restored = editor.page(Permalinks.history(record, 4));
        assertTrue(restored.text().contains(dated) && restored.text().contains(DocumentDate.UNDATED), restored.text());
    }

    /** Restores version {@code number} through its page's form, as an editor would, the record being at {@code version}. */
    private void restore(Http editor, int record, int number, int version) {
        String page = editor.get(Permalinks.history(record, number)).body();
        FormFields form = FormFields.of(page, "form.restore-form");
        assertEquals(String.valueOf(version), form.get("version"));
        var restored = editor.post(Permalinks.restore(record), form.entries());
        assertEquals(303, restored.statusCode(), restored.body());
    }

    @Test
    void aWithdrawnUndatedRecordsTombstoneSaysUndated() {
        int record = database.recordTitled("Malik, 'On the Question of a United Government in Korea'");
        database.write(w -> w.withdraw(record, 1, "A duplicate", Attribution.editor("alice", "duplicate")));
        Undated.records(database.dsl(), List.of(record));
        var gone = catalogue.http().get(Permalinks.permanent(record));
        assertEquals(410, gone.statusCode(), gone.body());
        Document tombstone = org.jsoup.Jsoup.parse(gone.body());
        assertEquals(DocumentDate.UNDATED, tombstone.select("dt:containsOwn(Date of the document) + dd").text());
    }

    @Test
    void theAtomFeedCarriesTheUndatedRecordsChange() {
        var feed = catalogue.http().get("/feed.atom");
        assertEquals(200, feed.statusCode(), feed.body());
        assertTrue(feed.body().contains(Permalinks.version(id, 2)), feed.body());
    }

    // Same on every database: axe reads the page's markup, which the template makes; what the page says of the
    // undated record is asserted on both by the tests above.
    @SameOnEveryDatabase
    @Test
    void theUndatedRecordsPagePassesAxe() {
        Browser browser = Browser.start();
        try {
            browser.open(catalogue.baseUrl() + recordPath());
            assertEquals(List.of(), Axe.violations(browser));
        } finally {
            browser.close();
        }
    }
}
