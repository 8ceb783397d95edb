package org.dossier.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.List;
import org.dossier.app.Database;
import org.dossier.documents.Attribution;
import org.dossier.documents.DocumentDate;
import org.dossier.documents.RecordDraft;
import org.dossier.documents.RecordStore;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestPostgres;
import org.junit.jupiter.api.Test;

/**
 * Every search asks for the change feed's head first, so that it sees every change committed before
 * it. On a SQLite file the head's row is read again only once something was committed to the file
 * (HeadWatch, SQLite's data_version): searches with no commit between them read it once, and a commit
 * by this node or by anyone else writing the file is seen by the very next search. On PostgreSQL the
 * row is read before every search, as other nodes commit without this one hearing of it.
 */
class FeedHeadKeptTest {

    private static final int SEARCHES = 20;

    private static void writeLetter(RecordStore store, String title) {
        store.write(w -> w.create(new RecordDraft(title, List.of("About Korea."), DocumentDate.ofYear(1951)),
                Attribution.editor("tester", "a new letter")));
    }

    @Test
    void searchesWithNoCommitBetweenThemReadTheHeadOnceOnSqliteAndEachTimeOnPostgresql() throws Exception {
        try (SeedIndex seeds = SeedIndex.open()) {
            seeds.engine.search(SearchRequest.of("korea"));
            long before = seeds.engine.headReads();
            for (int i = 0; i < SEARCHES; i++) {
                seeds.engine.search(SearchRequest.of("korea").onPage(1 + i % 3));
            }
            long read = seeds.engine.headReads() - before;
            if (TestPostgres.selected()) {
                assertTrue(read >= SEARCHES, "PostgreSQL: the head read before each search, " + read + " times");
            } else {
                assertEquals(0, read, "nothing committed: the head kept from the first search");
            }

            long total = seeds.engine.count(SearchRequest.of("quetzal"));
            writeLetter(seeds.store, "Letter on Korea and the quetzal");
            assertEquals(total + 1, seeds.engine.count(SearchRequest.of("quetzal")),
                    "this node's write is found by the next search");
            assertTrue(seeds.engine.headReads() > before + (TestPostgres.selected() ? read : 0),
                    "the head read again after the commit");
        }
    }

    @Test
    void aRecordAnotherWriterOfTheSameDatabaseCommitsIsFoundByTheNextSearchThatWaitsForIt() throws Exception {
        try (SeedIndex seeds = SeedIndex.open()) {
            long before = seeds.engine.count(SearchRequest.of("quetzal"));
            seeds.engine.search(SearchRequest.of("korea")); // the head kept, on SQLite
            // Another pool of connections, as another process (or node) writing the file (or database)
            // has: this engine hears of its write only by reading the head.
            try (Database other = Database.open(TestDatabase.in(seeds.folder))) {
                RecordStore elsewhere = new RecordStore(other.dsl(), Clock.systemUTC());
                for (int i = 1; i <= 3; i++) {
                    writeLetter(elsewhere, "Letter " + i + " on Korea and the quetzal");
                    // An export waits for the follower as long as it gets on: no timing in the assertion.
                    int[] found = seeds.engine.hitIds(SearchRequest.of("quetzal"));
                    assertEquals(before + i, found.length, "the letter committed elsewhere is found by the next search (" + i + ")");
                }
            }
        }
    }
}
