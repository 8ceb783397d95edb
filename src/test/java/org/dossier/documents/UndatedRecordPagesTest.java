package org.dossier.documents;

import static org.dossier.db.Tables.DOCUMENT;
import static org.dossier.db.Tables.REVISION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dossier.accounts.Role;
import org.dossier.editing.Editors;
import org.dossier.testing.Axe;
import org.dossier.testing.Browser;
import org.dossier.testing.CatalogueDatabase;
import org.dossier.testing.Http;
import org.dossier.testing.SeededCatalogue;
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
        firstDate = catalogue.http().page(recordPath()).selectFirst(".record-kicker .record-date").text();
        database.write(w -> {
            RecordDraft now = w.draft(id);
            return w.update(id, 1, new RecordDraft(now.title(), List.of("Its date is lost."), now.date(), now.typeId(),
                    now.people(), now.places(), now.languages()), Attribution.editor("alice", "The date is lost"));
        });
        database.dsl().update(DOCUMENT).setNull(DOCUMENT.DATE_KEY).setNull(DOCUMENT.DATE_PRECISION)
                .set(DOCUMENT.DATE_CIRCA, false).setNull(DOCUMENT.DATE_END_KEY).setNull(DOCUMENT.DATE_END_PRECISION)
                .where(DOCUMENT.ID.eq(id)).execute();
        database.dsl().update(REVISION).setNull(REVISION.DATE_KEY).setNull(REVISION.DATE_PRECISION)
                .set(REVISION.DATE_CIRCA, false).setNull(REVISION.DATE_END_KEY).setNull(REVISION.DATE_END_PRECISION)
                .where(REVISION.DOCUMENT_ID.eq(id), REVISION.NUMBER.eq(2)).execute();
    }

    private String recordPath() {
        return Permalinks.canonical(id, database.dsl().select(DOCUMENT.SLUG).from(DOCUMENT).where(DOCUMENT.ID.eq(id))
                .fetchSingle(DOCUMENT.SLUG));
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
            var final_ = results.get(results.size() - 1);
            assertTrue(final_.selectFirst(".result-title a").attr("href").matches("/documents/" + id + "(/.*)?"),
                    sort + ": " + final_.outerHtml());
            assertEquals(DocumentDate.UNDATED, final_.selectFirst(".result-meta").text().split(" ")[0]);
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
    void theAtomFeedCarriesTheUndatedRecordsChange() {
        var feed = catalogue.http().get("/feed.atom");
        assertEquals(200, feed.statusCode(), feed.body());
        assertTrue(feed.body().contains(Permalinks.version(id, 2)), feed.body());
    }

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
