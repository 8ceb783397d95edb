package org.dossier.documents;

import static org.dossier.db.Tables.CHANGE;
import static org.dossier.db.Tables.CHANGE_HEAD;
import static org.dossier.db.Tables.DOCUMENT;
import static org.dossier.db.Tables.DOCUMENT_COUNT;
import static org.dossier.db.Tables.DOCUMENT_SLUG;
import static org.dossier.db.Tables.REVISION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.dossier.editing.MutableClock;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestPostgres;
import org.dossier.web.NotFound;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RecordWriterTest {

    @RegisterExtension
    final TestDatabase database = TestDatabase.emptyForEachTest();
    private RecordStore store;
    private final List<Set<Integer>> notified = new ArrayList<>();

    @BeforeEach
    void open() throws IOException {
        store = new RecordStore(database.dsl(), Clock.systemUTC());
        store.onChange(notified::add);
    }

    private static RecordDraft draft(String title, String summary) {
        return new RecordDraft(title, List.of(summary), DocumentDate.ofMonth(1942, 2));
    }

    @Test
    void restoringMakesANewVersionWithTheEarlierContent() {
        int id = store.write(w -> w.create(draft("Letter from Shtytkov", "First."), Attribution.imported("a.txt:3")));
        store.write(w -> w.update(id, 1, draft("Letter from Shtykov", "Second."), Attribution.editor("alice", "Spelling")));
        int version = store.write(w -> w.restore(id, 2, 1, Attribution.editor("bob", "The scan says Shtytkov")));

        assertEquals(3, version);
        store.write(w -> {
            assertEquals(draft("Letter from Shtytkov", "First."), w.draft(id));
            assertEquals(w.draftAt(id, 1), w.draftAt(id, 3));
            return null;
        });
        var latest = database.dsl().selectFrom(REVISION).where(REVISION.DOCUMENT_ID.eq(id).and(REVISION.NUMBER.eq(3)))
                .fetchSingle();
        assertEquals("bob", latest.getAuthor());
        assertEquals("The scan says Shtytkov", latest.getNote());
        assertEquals(2, database.dsl().fetchCount(DOCUMENT_SLUG, DOCUMENT_SLUG.DOCUMENT_ID.eq(id)));
    }

    @Test
    void anApproximateDateIsStoredInEachVersionAndARestoreBringsItBack() {
        DocumentDate circa = DocumentDate.ofYear(1962).approximate();
        int id = store.write(w -> w.create(new RecordDraft("Memorandum", List.of("First."), circa), Attribution.imported("a.txt:3")));
        store.write(w -> w.update(id, 1, new RecordDraft("Memorandum", List.of("First."), DocumentDate.ofYear(1962)),
                Attribution.editor("alice", "The date is on the back")));
        assertEquals(Optional.of(DocumentDate.ofYear(1962)), store.write(w -> w.draft(id)).date());

        store.write(w -> w.restore(id, 2, 1, Attribution.editor("bob", "The back is another letter's")));
        store.write(w -> {
            assertEquals(Optional.of(circa), w.draft(id).date());
            assertEquals(Optional.of(circa), w.draftAt(id, 1).date());
            assertEquals(Optional.of(DocumentDate.ofYear(1962)), w.draftAt(id, 2).date());
            return null;
        });
        assertEquals(List.of(true, false, true), database.dsl().select(REVISION.DATE_CIRCA).from(REVISION)
                .where(REVISION.DOCUMENT_ID.eq(id)).orderBy(REVISION.NUMBER).fetch(REVISION.DATE_CIRCA));
    }

    @Test
    void aSpanIsStoredWithItsEndInEachVersionAndARestoreBringsItBack() {
        DocumentDate span = DocumentDate.parse("ca. March 1961 - April 1962");
        int id = store.write(w -> w.create(new RecordDraft("Telegrams", List.of("First."), span), Attribution.imported("a.txt:3")));
        store.write(w -> w.update(id, 1, new RecordDraft("Telegrams", List.of("First."), DocumentDate.ofYear(1961)),
                Attribution.editor("alice", "Only the first year's")));
        store.write(w -> w.restore(id, 2, 1, Attribution.editor("bob", "Both years' after all")));
        store.write(w -> {
            assertEquals(Optional.of(span), w.draft(id).date());
            assertEquals(Optional.of(span), w.draftAt(id, 1).date());
            assertEquals(Optional.of(DocumentDate.ofYear(1961)), w.draftAt(id, 2).date());
            return null;
        });
        assertEquals(java.util.Arrays.asList("1962-04-01", null, "1962-04-01"), database.dsl().select(REVISION.DATE_END_KEY)
                .from(REVISION).where(REVISION.DOCUMENT_ID.eq(id)).orderBy(REVISION.NUMBER).fetch(REVISION.DATE_END_KEY));
        assertEquals(java.util.Arrays.asList(DatePrecision.MONTH, null, DatePrecision.MONTH), database.dsl()
                .select(REVISION.DATE_END_PRECISION).from(REVISION).where(REVISION.DOCUMENT_ID.eq(id))
                .orderBy(REVISION.NUMBER).fetch(REVISION.DATE_END_PRECISION));
        var row = database.dsl().selectFrom(DOCUMENT).where(DOCUMENT.ID.eq(id)).fetchSingle();
        assertEquals("1961-03-01", row.getDateKey(), "a span sorts by its start");
        assertEquals("1962-04-01", row.getDateEndKey());
    }

    @Test
    void theDatabaseRefusesASpanWhoseEndIsNotAfterItsStartOrHasNoPrecision() {
        int id = store.write(w -> w.create(draft("A letter", "One."), Attribution.imported("a.txt:3")));
        assertThrows(org.jooq.exception.DataAccessException.class, () -> database.dsl().update(DOCUMENT)
                .set(DOCUMENT.DATE_END_KEY, "1941-01-01").set(DOCUMENT.DATE_END_PRECISION, DatePrecision.YEAR)
                .where(DOCUMENT.ID.eq(id)).execute());
        assertThrows(org.jooq.exception.DataAccessException.class, () -> database.dsl().update(DOCUMENT)
                .set(DOCUMENT.DATE_END_KEY, "1943-01-01").where(DOCUMENT.ID.eq(id)).execute());
        assertEquals(null, database.dsl().select(DOCUMENT.DATE_END_KEY).from(DOCUMENT).where(DOCUMENT.ID.eq(id))
                .fetchSingle(DOCUMENT.DATE_END_KEY), "a single date has no end");
    }

    @Test
    void aRestoreFromAStaleVersionIsRefusedAndChangesNothing() {
        int id = store.write(w -> w.create(draft("A letter", "One."), Attribution.imported("a.txt:3")));
        store.write(w -> w.update(id, 1, draft("A letter", "Two."), Attribution.editor("alice", "More")));
        assertThrows(StaleVersionException.class,
                () -> store.write(w -> w.restore(id, 1, 1, Attribution.editor("bob", "Back"))));
        assertEquals(2, database.dsl().fetchCount(REVISION, REVISION.DOCUMENT_ID.eq(id)));
    }

    /**
     * Below the restore's post, which asks the history first: the writer asked to restore a version the
     * record never had refuses it as the history does, the same 404 in the same words, and writes nothing;
     * a record that is not there at all is not there.
     */
    @Test
    void theWriterAskedToRestoreAVersionARecordNeverHadRefusesItInTheHistorysWords() {
        int id = store.write(w -> w.create(draft("A letter", "One."), Attribution.imported("a.txt:3")));
        store.write(w -> w.update(id, 1, draft("A letter", "Two."), Attribution.editor("alice", "More")));
        NotFound refused = assertThrows(NotFound.class,
                () -> store.write(w -> w.restore(id, 2, 9, Attribution.editor("bob", "Back"))));
        assertEquals("Document " + id + " has no version 9: its versions are numbered 1 to 2.", refused.getMessage());
        assertEquals(2, database.dsl().fetchCount(REVISION, REVISION.DOCUMENT_ID.eq(id)));
        int noRecordHasIt = id + 1;
        assertThrows(NoSuchRecordException.class, () -> store.write(w -> w.draftAt(noRecordHasIt, 1)));
    }

    @Test
    void manyNewRecordsInOneTransactionUpdateTheCountOfLiveRecordsAStatementAtATimeNotARowAtATime() {
        // PostgreSQL only: each update of the count's one row in a transaction walks past the versions
        // of it made before, so a row trigger made writing n records cost n² (V19); SQLite updates
        // the row in place.
        assumeTrue(TestPostgres.selected(), "PostgreSQL only: SQLite keeps no versions of a row");
        long before = live();
        long updates = database.dsl().transactionResult(tx -> NewRecords.<Long>write(tx.dsl(), Instant.now(), records -> {
            for (int i = 0; i < 1_000; i++) {
                records.add(draft("Letter number " + i, "Summary " + i + "."), Attribution.editor("generate", "Made"));
            }
            records.flush();
            // This transaction's own updates of the row, as PostgreSQL counted them (its first one
            // takes the row, to number the records after the highest id: NewRecords).
            return tx.dsl().fetchSingle("SELECT n_tup_upd FROM pg_stat_xact_user_tables WHERE relname = 'document_count'")
                    .get("n_tup_upd", Long.class);
        }));
        assertEquals(1 + 1_000 / 100, updates, "one update a statement of 100 records, after the first");
        assertEquals(before + 1_000, live());
    }

    @Test
    void manyNewRecordsJoinTheFeedAfterItsHeadEvenWhenEveryChangeBeforeThemWasPruned() {
        store.write(w -> w.create(draft("A first letter", "One."), Attribution.imported("a.txt:1")));
        store.write(w -> w.create(draft("A second letter", "Two."), Attribution.imported("a.txt:5")));
        int head = database.dsl().select(CHANGE_HEAD.LAST).from(CHANGE_HEAD).fetchSingle(CHANGE_HEAD.LAST).intValue();
        // Pruned to nothing, as ChangeFeed.prune leaves a feed every node has applied and that is old enough.
        database.dsl().deleteFrom(CHANGE).execute();

        List<Integer> ids = store.write(w -> w.createMany(records -> List.of(
                records.add(draft("Note on the talks", "Three."), Attribution.imported("b.txt:1")),
                records.add(draft("Letter to the Premier", "Four."), Attribution.imported("b.txt:5")),
                records.add(draft("Record of a meeting", "Five."), Attribution.imported("b.txt:9")))));

        var changes = database.dsl().select(CHANGE.ID, CHANGE.DOCUMENT_ID).from(CHANGE).orderBy(CHANGE.ID).fetch();
        assertEquals(List.of(head + 1, head + 2, head + 3), changes.getValues(CHANGE.ID));
        assertEquals(ids, changes.getValues(CHANGE.DOCUMENT_ID));
    }

    @Test
    void manyNewRecordsAreNumberedAfterTheHighestIdEverHandedOutAsOneAtATimeWouldBe() {
        // SQLite only: its AUTOINCREMENT counters, which a catalogue copied from one whose highest
        // ids were handed out and not kept (ops.CatalogueCopy) has above its highest rows.
        assumeTrue(!TestPostgres.selected(), "SQLite's sqlite_sequence");
        int first = store.write(w -> w.create(draft("A first letter", "One."), Attribution.imported("a.txt:1")));
        int firstRevision = database.dsl().select(REVISION.ID).from(REVISION).where(REVISION.DOCUMENT_ID.eq(first))
                .fetchSingle(REVISION.ID);
        database.dsl().execute("UPDATE sqlite_sequence SET seq = seq + 10 WHERE name IN ('document', 'revision')");

        List<Integer> ids = store.write(w -> w.createMany(records -> List.of(
                records.add(draft("Note on the talks", "Two."), Attribution.imported("b.txt:1")),
                records.add(draft("Letter to the Premier", "Three."), Attribution.editor("alice", "Typed in")))));

        assertEquals(List.of(first + 11, first + 12), ids);
        var revisions = database.dsl().select(REVISION.ID, REVISION.DOCUMENT_ID, REVISION.TITLE, REVISION.AUTHOR)
                .from(REVISION).where(REVISION.DOCUMENT_ID.in(ids)).orderBy(REVISION.ID).fetch();
        assertEquals(List.of(firstRevision + 11, firstRevision + 12), revisions.getValues(REVISION.ID));
        assertEquals(ids, revisions.getValues(REVISION.DOCUMENT_ID));
        assertEquals(List.of("Note on the talks", "Letter to the Premier"), revisions.getValues(REVISION.TITLE));
        assertEquals(List.of("import", "alice"), revisions.getValues(REVISION.AUTHOR));
        int one = store.write(w -> w.create(draft("A last letter", "Four."), Attribution.imported("c.txt:1")));
        assertEquals(first + 13, one);
    }

    private long live() {
        return database.dsl().select(DOCUMENT_COUNT.LIVE).from(DOCUMENT_COUNT).fetchSingle(DOCUMENT_COUNT.LIVE).longValue();
    }

    @Test
    void manyNewRecordsEachHaveTheirSlugRememberedWithTheTimeTheyWereMade() {
        // Copied from the records' own rows on SQLite, bound value by value on PostgreSQL. Written and
        // committed in one second of a fixed clock: a commit in the next second stamps the records'
        // times (RecordWriter.stampAtCommit) and not their slugs' (which nothing reads), so a test on
        // the system clock failed whenever a second ended between the two (CI, 2026-12-05).
        Clock fixed = Clock.fixed(Instant.parse("2026-12-05T02:34:45Z"), ZoneOffset.UTC);
        RecordStore store = new RecordStore(database.dsl(), fixed, CommitClock.of(fixed));
        List<Integer> ids = store.write(w -> w.createMany(records -> List.of(
                records.add(draft("Letter to the Premier", "Summary."), Attribution.editor("generate", "Made")),
                records.add(draft("Note on the talks", "Summary."), Attribution.imported("b.txt:9")))));
        for (int id : ids) {
            var record = database.dsl().selectFrom(DOCUMENT).where(DOCUMENT.ID.eq(id)).fetchSingle();
            var slugs = database.dsl().select(DOCUMENT_SLUG.SLUG, DOCUMENT_SLUG.CREATED_AT).from(DOCUMENT_SLUG)
                    .where(DOCUMENT_SLUG.DOCUMENT_ID.eq(id)).fetch();
            assertEquals(1, slugs.size(), "the slugs of " + record.getTitle());
            assertEquals(List.of(record.getSlug(), record.getCreatedAt()),
                    List.of(slugs.get(0).get(DOCUMENT_SLUG.SLUG), slugs.get(0).get(DOCUMENT_SLUG.CREATED_AT)));
        }
    }

    @Test
    void manyNewRecordsEachHaveTheirWholeFirstRevisionUnderTheirOwnAttributionSharedOrNot() {
        // The first records share one attribution (their revisions are copied from their rows on
        // SQLite); then one of another ends that, and the rest are written value by value.
        List<Attribution> attributions = List.of(Attribution.editor("generate", "Made"),
                Attribution.editor("generate", "Made"), Attribution.imported("b.txt:9"), Attribution.editor("generate", "Made"));
        List<Integer> ids = store.write(w -> w.createMany(records -> {
            List<Integer> made = new ArrayList<>();
            for (int i = 0; i < attributions.size(); i++) {
                made.add(records.add(draft("Letter number " + i, "Summary " + i + "."), attributions.get(i)));
            }
            return made;
        }));
        for (int i = 0; i < ids.size(); i++) {
            var record = database.dsl().selectFrom(DOCUMENT).where(DOCUMENT.ID.eq(ids.get(i))).fetchSingle();
            var revision = database.dsl().selectFrom(REVISION).where(REVISION.DOCUMENT_ID.eq(ids.get(i))).fetchSingle();
            assertEquals(List.of(1, attributions.get(i).author(), attributions.get(i).note(),
                            String.valueOf(attributions.get(i).source()), "Letter number " + i, "Summary " + i + ".",
                            record.getDateKey(), record.getSlug(), record.getCreatedAt()),
                    List.of(revision.getNumber(), revision.getAuthor(), revision.getNote(),
                            String.valueOf(revision.getSource()), revision.getTitle(), revision.getSummary(),
                            revision.getDateKey(), revision.getSlug(), revision.getCreatedAt()));
        }
        assertEquals(4, database.dsl().fetchCount(database.dsl().selectDistinct(REVISION.ID).from(REVISION)));
    }

    /**
     * An import builds the indexes on its records' times once they hold the commit's time: what it
     * asks to run then sees every record and revision of the run stamped, not as they were written.
     */
    @Test
    void whatRunsOnceTheRecordsAreStampedSeesThemAtTheCommitsTime() {
        MutableClock clock = new MutableClock("2030-01-01T00:00:00Z");
        RecordStore stamping = new RecordStore(database.dsl(), clock);
        List<String> seen = new ArrayList<>();
        int id = stamping.write((w, tx) -> {
            int made = w.createMany(records -> records.add(draft("A letter", "One."), Attribution.imported("a.txt:3")));
            // The write takes an hour: it commits at 01:00.
            clock.advance(Duration.ofHours(1));
            w.onceStamped(() -> {
                seen.add(tx.select(DOCUMENT.CREATED_AT).from(DOCUMENT).where(DOCUMENT.ID.eq(made)).fetchSingle(DOCUMENT.CREATED_AT).toString());
                seen.add(tx.select(DOCUMENT.UPDATED_AT).from(DOCUMENT).where(DOCUMENT.ID.eq(made)).fetchSingle(DOCUMENT.UPDATED_AT).toString());
                seen.add(tx.select(REVISION.CREATED_AT).from(REVISION).where(REVISION.DOCUMENT_ID.eq(made)).fetchSingle(REVISION.CREATED_AT).toString());
            });
            return made;
        });
        assertEquals(List.of("2030-01-01T01:00:00Z", "2030-01-01T01:00:00Z", "2030-01-01T01:00:00Z"), seen);
        assertEquals(Instant.parse("2030-01-01T01:00:00Z"),
                database.dsl().select(DOCUMENT.UPDATED_AT).from(DOCUMENT).where(DOCUMENT.ID.eq(id)).fetchSingle(DOCUMENT.UPDATED_AT));
    }

    @Test
    void listenersHearOfEveryCommittedChangeIncludingWithdrawals() {
        int id = store.write(w -> w.create(draft("A letter", "One."), Attribution.imported("a.txt:3")));
        store.write(w -> w.withdraw(id, 1, "Duplicate", Attribution.editor("alice", "Withdrawn: Duplicate")));
        assertThrows(StaleVersionException.class,
                () -> store.write(w -> w.withdraw(id, 1, "Again", Attribution.editor("alice", "Again"))));
        assertEquals(List.of(Set.of(id), Set.of(id)), notified, "nothing is told of a refused change");
    }
}
