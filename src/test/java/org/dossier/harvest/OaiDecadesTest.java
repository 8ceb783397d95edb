package org.dossier.harvest;

import static org.dossier.db.Tables.DOCUMENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Clock;
import java.util.List;
import org.dossier.documents.Attribution;
import org.dossier.documents.DocumentDate;
import org.dossier.documents.RecordDraft;
import org.dossier.importing.ImportRun;
import org.dossier.testing.QueryPlans;
import org.dossier.testing.TestCatalogue;
import org.dossier.testing.TestDatabase;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The decades ListSets offers: every decade a record's date falls in, withdrawn records too (they
 * stay in their decade's set as deleted records), found without reading every record.
 */
class OaiDecadesTest {

    private static final Attribution EDITOR = Attribution.editor("editor", "for the test");
    private TestDatabase db;

    @BeforeEach
    void seedsWithARecordOfThe1980sWithdrawnAndOneOfThe2000s() throws Exception {
        db = TestDatabase.empty();
        new ImportRun(db.store(), Clock.systemUTC()).run(List.of(TestCatalogue.SEEDS));
        int eighties = db.store().write(w -> w.create(
                new RecordDraft("A record of 1985", List.of("Its summary."), DocumentDate.ofYear(1985)), EDITOR));
        db.store().write(w -> w.withdraw(eighties, 1, "A duplicate.", EDITOR));
        db.store().write(w -> w.create(
                new RecordDraft("A record of 2003", List.of("Its summary."), DocumentDate.ofYear(2003)), EDITOR));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aDecadeWhoseOnlyRecordIsWithdrawnIsStillASetAndAnEmptyDecadeIsNot() {
        assertEquals(List.of(1940, 1950, 1960, 1970, 1980, 2000), new OaiQueries(db.dsl()).decades());
    }

    @Test
    void aDecadesSetIsCountedWithItsWithdrawnRecordsFromTheDateIndexes() {
        OaiQueries queries = new OaiQueries(db.dsl());
        for (int decade : queries.decades()) {
            String set = "decade:" + decade + "s";
            int everyRecord = db.dsl().fetchCount(DOCUMENT, OaiSets.condition(set));
            assertTrue(everyRecord > 0, set);
            assertEquals(everyRecord, queries.count(new OaiQueries.Selection(null, null, set)), set);
        }
        assertEquals(0, queries.count(new OaiQueries.Selection(null, null, "decade:1990s")));
        if (db.dsl().dialect().family() == SQLDialect.SQLITE) {
            QueryPlans plans = new QueryPlans(db.dsl());
            new OaiQueries(plans.dsl()).count(new OaiQueries.Selection(null, null, "decade:1980s"));
            assertTrue(plans.plans().stream().anyMatch(plan -> plan.uses("document_live_by_date")), plans.plans().toString());
            assertTrue(plans.plans().stream().anyMatch(plan -> plan.uses("document_withdrawn")), plans.plans().toString());
            plans.plans().forEach(plan -> assertFalse(plan.readsWhole("document"), plan.toString()));
        }
    }

    @Test
    void theDecadesAreFoundFromIndexesNotFromEveryRecord() {
        assumeTrue(db.dsl().dialect().family() == SQLDialect.SQLITE, "the plans read are SQLite's");
        QueryPlans plans = new QueryPlans(db.dsl());
        new OaiQueries(plans.dsl()).decades();
        assertTrue(plans.plans().stream().anyMatch(plan -> plan.uses("document_live_by_date")), plans.plans().toString());
        assertTrue(plans.plans().stream().anyMatch(plan -> plan.uses("document_withdrawn")), plans.plans().toString());
        plans.plans().forEach(plan -> assertFalse(plan.readsWhole("document"), plan.toString()));
    }
}
