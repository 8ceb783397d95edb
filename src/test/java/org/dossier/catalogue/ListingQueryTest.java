package org.dossier.catalogue;

import static org.dossier.db.Tables.DOCUMENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Clock;
import java.util.List;
import org.dossier.documents.Attribution;
import org.dossier.search.SortOrder;
import org.dossier.synthetic.Generator;
import org.dossier.testing.QueryPlans;
import org.dossier.testing.TestCatalogue;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.Undated;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.SQLDialect;

/** The catalogue listing on a real SQLite file: its kept count and its pages. */
class ListingQueryTest {

    /** A copy of the seeds' catalogue for each test, as importing {@code seeds/} makes it ({@link TestDatabase#seeded}). */
    @RegisterExtension
    final TestDatabase db = TestDatabase.seededForEachTest();
    private ListingQuery listing;

    @BeforeEach
    void aListingOfIt() {
        listing = new ListingQuery(db.dsl());
    }

    private long counted() {
        return db.dsl().fetchCount(DOCUMENT, DOCUMENT.WITHDRAWN_AT.isNull());
    }

    @Test
    void theKeptCountFollowsImportsWithdrawalsAndReinstatements() {
        int id = db.recordTitled("Malik, 'On the Question of a United Government in Korea'");
        assertEquals(49, listing.count());
        db.store().write(w -> w.withdraw(id, 1, "A duplicate", Attribution.editor("editor", "duplicate")));
        assertEquals(48, listing.count());
        assertEquals(counted(), listing.count());
        db.store().write(w -> w.reinstate(id, 2, Attribution.editor("editor", "not a duplicate after all")));
        assertEquals(49, listing.count());
        assertEquals(counted(), listing.count());
    }

    @Test
    void theKeptCountFollowsBulkWritesToo() throws Exception {
        new Generator(db.dsl(), Clock.systemUTC()).generate(TestCatalogue.SEEDS, 120, 3, (done, total) -> { });
        assertEquals(169, listing.count());
        assertEquals(counted(), listing.count());
    }

    @Test
    void pagesWalkTheWholeCatalogueInOrderWithoutRepeats() {
        for (SortOrder sort : List.of(SortOrder.DATE_NEWEST, SortOrder.DATE_OLDEST, SortOrder.TITLE)) {
            List<Integer> walked = new java.util.ArrayList<>();
            for (int page = 1; page <= 5; page++) {
                walked.addAll(listing.page(sort, page, 10).documents().stream().map(ListedDocument::id).toList());
            }
            var expected = db.dsl().select(DOCUMENT.ID).from(DOCUMENT).orderBy(switch (sort) {
                case DATE_OLDEST -> List.of(DOCUMENT.DATE_KEY.asc(), DOCUMENT.ID.asc());
                case TITLE -> List.of(DOCUMENT.SORT_TITLE.asc(), DOCUMENT.ID.asc());
                default -> List.of(DOCUMENT.DATE_KEY.desc(), DOCUMENT.ID.desc());
            }).fetch(DOCUMENT.ID);
            assertEquals(expected, walked, sort.toString());
        }
    }

    @Test
    void aWithdrawnRecordLeavesTheListingPages() {
        int newest = listing.page(SortOrder.DATE_NEWEST, 1, 10).documents().get(0).id();
        db.store().write(w -> w.withdraw(newest, 1, "Withdrawn", Attribution.editor("editor", "test")));
        var first = listing.page(SortOrder.DATE_NEWEST, 1, 10);
        assertEquals(10, first.documents().size());
        assertEquals(48, first.pagination().total());
        assertEquals(false, first.documents().stream().anyMatch(d -> d.id() == newest));
    }

    @Test
    void everyPageWalksTheLiveRecordsIndexesAndNeverReadsEveryRecord() {
        assumeTrue(db.dsl().dialect().family() == SQLDialect.SQLITE, "the plans read are SQLite's");
        QueryPlans plans = new QueryPlans(db.dsl());
        ListingQuery watched = new ListingQuery(plans.dsl());
        for (SortOrder sort : SortOrder.values()) {
            plans.clear();
            watched.page(sort, 3, 10);
            String index = sort == SortOrder.TITLE ? "document_live_by_title" : "document_live_by_date";
            assertTrue(plans.plans().stream().anyMatch(plan -> plan.uses(index)), sort + ": " + plans.plans());
            plans.plans().forEach(plan -> assertFalse(plan.readsWhole("document"), plan.toString()));
        }
    }

    private List<Integer> walk(SortOrder sort, int pageSize) {
        List<Integer> walked = new java.util.ArrayList<>();
        for (int page = 1; page <= (49 + pageSize - 1) / pageSize; page++) {
            walked.addAll(listing.page(sort, page, pageSize).documents().stream().map(ListedDocument::id).toList());
        }
        return walked;
    }

    @Test
    void undatedRecordsComeLastInBothDateOrdersAndNoneIsLostOrRepeatedAcrossTheBoundary() {
        List<Integer> undated = db.dsl().select(DOCUMENT.ID).from(DOCUMENT).orderBy(DOCUMENT.ID).limit(7).offset(20)
                .fetch(DOCUMENT.ID);
        Undated.records(db.dsl(), undated);
        var dated = DOCUMENT.DATE_KEY.isNotNull();
        List<Integer> newest = new java.util.ArrayList<>(db.dsl().select(DOCUMENT.ID).from(DOCUMENT).where(dated)
                .orderBy(DOCUMENT.DATE_KEY.desc(), DOCUMENT.ID.desc()).fetch(DOCUMENT.ID));
        List<Integer> undatedNewestFirst = new java.util.ArrayList<>(undated);
        java.util.Collections.reverse(undatedNewestFirst);
        newest.addAll(undatedNewestFirst);
        List<Integer> oldest = new java.util.ArrayList<>(db.dsl().select(DOCUMENT.ID).from(DOCUMENT).where(dated)
                .orderBy(DOCUMENT.DATE_KEY.asc(), DOCUMENT.ID.asc()).fetch(DOCUMENT.ID));
        oldest.addAll(undated);
        // 42 dated records: pages of 10 cross from dated to undated inside page 5, of 6 between pages 7 and 8.
        for (int pageSize : List.of(10, 6, 4)) {
            assertEquals(newest, walk(SortOrder.DATE_NEWEST, pageSize), "newest first, pages of " + pageSize);
            assertEquals(oldest, walk(SortOrder.DATE_OLDEST, pageSize), "oldest first, pages of " + pageSize);
        }
        ListedDocument last = listing.page(SortOrder.DATE_NEWEST, 5, 10).documents().get(8);
        assertEquals(java.util.Optional.empty(), last.date(), "an undated record is listed without a date");
    }

    @Test
    void pagesOfUndatedRecordsStillWalkTheDateIndex() {
        assumeTrue(db.dsl().dialect().family() == SQLDialect.SQLITE, "the plans read are SQLite's");
        Undated.records(db.dsl(), db.dsl().select(DOCUMENT.ID).from(DOCUMENT).orderBy(DOCUMENT.ID).limit(15).fetch(DOCUMENT.ID));
        QueryPlans plans = new QueryPlans(db.dsl());
        ListingQuery watched = new ListingQuery(plans.dsl());
        for (SortOrder sort : List.of(SortOrder.DATE_NEWEST, SortOrder.DATE_OLDEST)) {
            for (int page : List.of(2, 4, 5)) {
                plans.clear();
                watched.page(sort, page, 10);
                assertTrue(plans.plans().stream().anyMatch(plan -> plan.uses("document_live_by_date")), sort + ": " + plans.plans());
                plans.plans().forEach(plan -> assertFalse(plan.readsWhole("document"), plan.toString()));
                plans.plans().forEach(plan -> assertFalse(plan.toString().contains("TEMP B-TREE"), "no sort of its own: " + plan));
            }
        }
    }

    @Test
    void aPageIsReadInOneSnapshotSoARecordWithdrawnWhileItIsReadMovesNoBoundary() {
        List<Integer> undated = db.dsl().select(DOCUMENT.ID).from(DOCUMENT).orderBy(DOCUMENT.ID).limit(7).offset(20)
                .fetch(DOCUMENT.ID);
        Undated.records(db.dsl(), undated);
        List<Integer> before = listing.page(SortOrder.DATE_NEWEST, 5, 10).documents().stream().map(ListedDocument::id).toList();
        // An undated record withdrawn by another connection once the page's first statement (its count) is read.
        java.util.concurrent.atomic.AtomicBoolean written = new java.util.concurrent.atomic.AtomicBoolean();
        ExecuteListener writeInBetween = new ExecuteListener() {
            @Override
            public void executeEnd(ExecuteContext ctx) {
                // After the first select: PostgreSQL's snapshot is taken by a transaction's first query, not its SET.
                if (ctx.sql().stripLeading().regionMatches(true, 0, "select", 0, 6) && written.compareAndSet(false, true)) {
                    db.store().write(w -> w.withdraw(undated.get(0), 1, "A duplicate", Attribution.editor("editor", "duplicate")));
                }
            }
        };
        ListingQuery watched = new ListingQuery(db.dsl().configuration().derive(writeInBetween).dsl());

        List<Integer> read = watched.page(SortOrder.DATE_NEWEST, 5, 10).documents().stream().map(ListedDocument::id).toList();

        assertTrue(written.get(), "the withdrawal was written while the page was read");
        assertEquals(before, read, "the page as it was when its count was read: no record of page 4 shown again");
        assertEquals(48, listing.count());
    }
}
