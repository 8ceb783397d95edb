package org.dossier.editing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.dossier.documents.Attribution;
import org.dossier.documents.RecordStore;
import org.dossier.testing.QueryPlans;
import org.dossier.testing.TestDatabase;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The editors' list of withdrawn records, on the dashboard: newest first, read from its own index. */
class WithdrawnListTest {

    @RegisterExtension
    final TestDatabase db = TestDatabase.seededForEachTest();
    private List<Integer> withdrawnInTurn;

    @BeforeEach
    void withdrawThreeRecordsOnThreeDays() throws Exception {
        withdrawnInTurn = List.of(db.recordTitled("Roman Catholic Priest Stanislaus Orlemanski"),
                db.recordTitled("Letter to Stalin from the Commanders and Soldiers"),
                db.recordTitled("Malik, 'On the Question of a United Government in Korea'"));
        for (int day = 0; day < withdrawnInTurn.size(); day++) {
            int id = withdrawnInTurn.get(day);
            Clock clock = Clock.fixed(Instant.parse("2031-06-01T08:00:00Z").plusSeconds(86_400L * day), ZoneOffset.UTC);
            new RecordStore(db.dsl(), clock).write(w -> w.withdraw(id, 1, "A duplicate.",
                    Attribution.editor("editor", "withdrawn for the test")));
        }
    }

    @Test
    void theMostRecentlyWithdrawnComeFirst() {
        List<Integer> listed = new Revisions(db.dsl()).withdrawn(2).stream().map(Revisions.WithdrawnRecord::id).toList();
        assertEquals(List.of(withdrawnInTurn.get(2), withdrawnInTurn.get(1)), listed);
    }

    @Test
    void theListReadsTheWithdrawnRecordsIndexNotEveryRecord() {
        assumeTrue(db.dsl().dialect().family() == SQLDialect.SQLITE, "the plans read are SQLite's");
        QueryPlans plans = new QueryPlans(db.dsl());
        new Revisions(plans.dsl()).withdrawn(20);
        assertTrue(plans.plans().stream().anyMatch(plan -> plan.uses("document_withdrawn")), plans.plans().toString());
        plans.plans().forEach(plan -> assertFalse(plan.readsWhole("document"), plan.toString()));
    }
}
