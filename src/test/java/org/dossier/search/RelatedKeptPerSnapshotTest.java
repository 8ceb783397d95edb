package org.dossier.search;

import org.dossier.documents.Languages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.dossier.documents.Attribution;
import org.dossier.documents.DocumentDate;
import org.dossier.documents.RecordDraft;
import org.dossier.documents.RecordQueries;
import org.junit.jupiter.api.Test;

/**
 * A record's related records, asked for again on the same index, are those found the first time
 * (kept with the snapshot, as answers are, with the terms' frequencies they were found by); a
 * change to the records makes a new snapshot that keeps nothing, so they are never from before it.
 */
class RelatedKeptPerSnapshotTest {

    @Test
    void askedAgainOnTheSameIndexTheyAreKeptAndAChangeFindsThemAfresh() throws Exception {
        try (SeedIndex seeds = SeedIndex.open()) {
            int shtykov = seeds.recordTitled("Ciphered Telegram No. 405976 from Shtykov");
            List<Integer> first = seeds.engine.related(shtykov, 5);
            assertEquals(5, first.size(), first.toString());
            assertSame(first, seeds.engine.related(shtykov, 5), "asked again: kept");
            assertEquals(first.subList(0, 3), seeds.engine.related(shtykov, 3), "fewer asked for: the same, fewer");

            // The nearest is withdrawn: the next snapshot neither keeps it nor finds it.
            int nearest = first.get(0);
            int version = new RecordQueries(seeds.database.dsl()).find(nearest).orElseThrow().version();
            seeds.store.write(w -> w.withdraw(nearest, version, "A duplicate.", Attribution.editor("tester", "duplicate")));
            // Related records take the snapshot as it is; a search first waits for every committed change.
            seeds.engine.search(SearchRequest.of("korea"));
            List<Integer> after = seeds.engine.related(shtykov, 5);
            assertFalse(after.contains(nearest), after.toString());
            assertEquals(5, after.size(), after.toString());

            // New records sharing its people and words (their frequencies change): found at once.
            List<Integer> added = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                RecordDraft draft = seeds.store.write(w -> w.draft(shtykov));
                added.add(seeds.store.write(w -> w.create(new RecordDraft(draft.title(), draft.summary(),
                        DocumentDate.ofYear(1950 + added.size()), draft.typeId(), draft.people(), draft.places(), Languages.NONE),
                        Attribution.editor("tester", "a copy"))));
            }
            seeds.engine.search(SearchRequest.of("korea"));
            List<Integer> withCopies = seeds.engine.related(shtykov, 5);
            assertTrue(withCopies.containsAll(added), withCopies + " holds the copies " + added);
        }
    }

    @Test
    void withNoAnswersKeptTheyAreFoundAfreshAndTheSame() throws Exception {
        try (SeedIndex seeds = SeedIndex.open()) {
            int shtykov = seeds.recordTitled("Ciphered Telegram No. 405976 from Shtykov");
            List<Integer> kept = seeds.engine.related(shtykov, 5);
            seeds.engine.close();
            seeds.engine = LuceneSearchEngine.open(seeds.indexFolder(), seeds.database.dsl(), 0);
            List<Integer> first = seeds.engine.related(shtykov, 5);
            assertNotSame(first, seeds.engine.related(shtykov, 5), "nothing kept: found again");
            assertEquals(first, seeds.engine.related(shtykov, 5));
            assertEquals(kept, first, "and the same as when kept");
        }
    }
}
