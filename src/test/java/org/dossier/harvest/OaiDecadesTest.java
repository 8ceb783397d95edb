package org.dossier.harvest;

import static org.dossier.db.Tables.DOCUMENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Optional;
import org.dossier.documents.Attribution;
import org.dossier.documents.DocumentDate;
import org.dossier.documents.RecordDraft;
import org.dossier.testing.QueryPlans;
import org.dossier.testing.TestDatabase;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The decades ListSets offers: every decade a record's date may fall in (each a span covers),
 * withdrawn records too (they stay in their decades' sets as deleted records), found and counted
 * without reading every record.
 */
class OaiDecadesTest {

    private static final Attribution EDITOR = Attribution.editor("editor", "for the test");
    @RegisterExtension
    final TestDatabase db = TestDatabase.seededForEachTest();

    /**
     * The seed pages (1940s to 1970s), a withdrawn record of 1985, a record of 2003, and spans: one
     * of 1959–1961, one of 1988–2001 (the only record the 1990s hold, in its middle) and a withdrawn
     * one of 2008–2012 (the only one the 2010s hold, at its end).
     */
    @BeforeEach
    void seedsWithRecordsOfLaterDecadesAndSpans() throws Exception {
        int eighties = db.store().write(w -> w.create(
                new RecordDraft("A record of 1985", List.of("Its summary."), DocumentDate.ofYear(1985)), EDITOR));
        db.store().write(w -> w.withdraw(eighties, 1, "A duplicate.", EDITOR));
        db.store().write(w -> w.create(
                new RecordDraft("A record of 2003", List.of("Its summary."), DocumentDate.ofYear(2003)), EDITOR));
        db.store().write(w -> w.create(new RecordDraft("A file of 1959 to 1961", List.of("Its summary."),
                span(1959, 1961)), EDITOR));
        db.store().write(w -> w.create(new RecordDraft("A file of 1988 to 2001", List.of("Its summary."),
                span(1988, 2001)), EDITOR));
        int late = db.store().write(w -> w.create(new RecordDraft("A file of 2008 to 2012", List.of("Its summary."),
                span(2008, 2012)), EDITOR));
        db.store().write(w -> w.withdraw(late, 1, "A duplicate.", EDITOR));
    }

    private static DocumentDate span(int first, int last) {
        return DocumentDate.span(DocumentDate.ofYear(first).start(), DocumentDate.ofYear(last).start(), false);
    }

    @Test
    void aDecadeWhoseOnlyRecordIsWithdrawnOrASpansMiddleOrEndIsStillASetAndAnEmptyDecadeIsNot() {
        assertEquals(List.of(1940, 1950, 1960, 1970, 1980, 1990, 2000, 2010), new OaiQueries(db.dsl()).decades());
    }

    /**
     * Each decade's set holds the records whose date may fall in it, as the search's decade finds
     * them (from the first day to the last the date can mean), counted from the indexes as the
     * set's own condition finds them record by record.
     */
    @Test
    void aDecadesSetHoldsEveryRecordItsDateMayFallInAndIsCountedFromTheDateIndexes() {
        OaiQueries queries = new OaiQueries(db.dsl());
        Field<Optional<DocumentDate>> date = DocumentDate.stored(DOCUMENT.DATE_KEY, DOCUMENT.DATE_PRECISION,
                DOCUMENT.DATE_CIRCA, DOCUMENT.DATE_END_KEY, DOCUMENT.DATE_END_PRECISION);
        List<DocumentDate> dates = db.dsl().select(date).from(DOCUMENT).fetch(date).stream().map(Optional::orElseThrow).toList();
        for (int decade : queries.decades()) {
            String set = "decade:" + decade + "s";
            long mayFallIn = dates.stream().filter(d -> d.earliest().getYear() <= decade + 9 && d.latest().getYear() >= decade)
                    .count();
            assertTrue(mayFallIn > 0, set);
            assertEquals(mayFallIn, db.dsl().fetchCount(DOCUMENT, OaiSets.condition(set)), set);
            assertEquals(mayFallIn, queries.count(new OaiQueries.Selection(null, null, set)), set);
        }
        assertEquals(0, queries.count(new OaiQueries.Selection(null, null, "decade:1930s")));
        assertEquals(0, queries.count(new OaiQueries.Selection(null, null, "decade:2020s")));
        if (db.dsl().dialect().family() == SQLDialect.SQLITE) {
            QueryPlans plans = new QueryPlans(db.dsl());
            new OaiQueries(plans.dsl()).count(new OaiQueries.Selection(null, null, "decade:1980s"));
            assertTrue(plans.plans().stream().anyMatch(plan -> plan.uses("document_live_by_date")), plans.plans().toString());
            assertTrue(plans.plans().stream().anyMatch(plan -> plan.uses("document_withdrawn")), plans.plans().toString());
            assertTrue(plans.plans().stream().anyMatch(plan -> plan.uses("document_spans")), plans.plans().toString());
            plans.plans().forEach(plan -> assertFalse(plan.readsWhole("document"), plan.toString()));
        }
    }

    @Test
    void aSpansHeaderNamesEveryDecadeItCovers() {
        OaiQueries queries = new OaiQueries(db.dsl());
        int id = db.dsl().select(DOCUMENT.ID).from(DOCUMENT).where(DOCUMENT.TITLE.eq("A file of 1988 to 2001"))
                .fetchSingle(DOCUMENT.ID);
        assertEquals(List.of("decade:1980s", "decade:1990s", "decade:2000s"), queries.item(id).orElseThrow().setSpecs());
    }

    @Test
    void theDecadesAreFoundFromIndexesNotFromEveryRecord() {
        assumeTrue(db.dsl().dialect().family() == SQLDialect.SQLITE, "the plans read are SQLite's");
        QueryPlans plans = new QueryPlans(db.dsl());
        new OaiQueries(plans.dsl()).decades();
        assertTrue(plans.plans().stream().anyMatch(plan -> plan.uses("document_live_by_date")), plans.plans().toString());
        assertTrue(plans.plans().stream().anyMatch(plan -> plan.uses("document_withdrawn")), plans.plans().toString());
        assertTrue(plans.plans().stream().anyMatch(plan -> plan.uses("document_spans")), plans.plans().toString());
        plans.plans().forEach(plan -> assertFalse(plan.readsWhole("document"), plan.toString()));
    }
}
