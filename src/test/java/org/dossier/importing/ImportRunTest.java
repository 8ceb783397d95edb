package org.dossier.importing;

import static org.dossier.db.Tables.DOCUMENT;
import static org.dossier.db.Tables.DOCUMENT_COUNT;
import static org.dossier.db.Tables.DOCUMENT_PERSON;
import static org.dossier.db.Tables.DOCUMENT_PLACE;
import static org.dossier.db.Tables.DOCUMENT_SOURCE;
import static org.dossier.db.Tables.DOCUMENT_TYPE;
import static org.dossier.db.Tables.PERSON;
import static org.dossier.db.Tables.REVISION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.dossier.authorities.ListDifferences;
import org.dossier.documents.Attribution;
import org.dossier.documents.DatePrecision;
import org.dossier.documents.DocumentDate;
import org.dossier.documents.RecordDraft;
import org.dossier.editing.MutableClock;
import org.dossier.testing.LargeSeedPage;
import org.dossier.testing.TestCatalogue;
import org.dossier.testing.TestDatabase;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ImportRunTest {

    private static final String KOREAN_PARTIES = "Letter to Stalin from Korean Political Parties and Other "
            + "Organizations which are Based in China";

    @RegisterExtension
    final TestDatabase db = TestDatabase.emptyForEachTest();
    private ImportRun run;

    @BeforeEach
    void anImportRunOnIt() {
        run = new ImportRun(db.store(), Clock.systemUTC());
    }

    private DSLContext sql() {
        return db.dsl();
    }

    private ImportReport importSeeds() throws Exception {
        return run.run(List.of(TestCatalogue.SEEDS));
    }

    private Path write(String name, String text) throws Exception {
        Path file = db.folder().resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    /** Every row of every table that an import writes, as text: equal fingerprints, equal databases. */
    private String fingerprint() {
        StringBuilder all = new StringBuilder();
        for (var table : List.of(DOCUMENT, DOCUMENT_SOURCE, REVISION, DOCUMENT_PERSON, DOCUMENT_PLACE, PERSON,
                DOCUMENT_TYPE)) {
            // In key order: a database need not return rows in any order without one (PostgreSQL does not).
            all.append(sql().selectFrom(table).orderBy(table.getPrimaryKey().getFields()).fetch().formatCSV());
        }
        return all.toString();
    }

    @Test
    void theFiveSeedPagesMakeFortyNineDocuments() throws Exception {
        ImportReport report = importSeeds();
        assertEquals(new ImportReport(5, 50, 49, 1), report);
        assertEquals(49, sql().fetchCount(DOCUMENT));
    }

    /**
     * No one sees an import's records before it commits. A harvester that asked meanwhile was told
     * a later time than the import's start, and asks from that time next (OAI-PMH's guidelines): had
     * the records kept the start as their datestamp, neither harvest would ever list them.
     */
    @Test
    void theRecordsAnImportMakesChangedWhenItEndsNotWhenItBegan() throws Exception {
        MutableClock clock = new MutableClock("2030-01-01T00:00:00Z");
        // An import that takes an hour to write; a harvester asks half-way through.
        new ImportRun(db.store(clock), clock).run(List.of(TestCatalogue.SEEDS), (done, total) -> {
            if (done == total) {
                clock.advance(Duration.ofHours(1));
            }
        });
        Instant askedMeanwhile = Instant.parse("2030-01-01T00:30:00Z");
        assertEquals(49, sql().fetchCount(DOCUMENT, DOCUMENT.UPDATED_AT.ge(askedMeanwhile)),
                "every record the import made is in the next harvest, from the time the harvester was told");
        assertEquals(49, sql().fetchCount(REVISION, REVISION.CREATED_AT.eq(Instant.parse("2030-01-01T01:00:00Z"))),
                "a datestamp is its record's last revision's time, as for any other");
    }

    /**
     * On SQLite an import at least as large as the catalogue drops its indexes, those on the
     * records' and revisions' times too, and builds them once the records hold the commit's time:
     * the schema ends as it began, and those indexes list every record at that time.
     */
    @Test
    void anImportThatDropsTheIndexesEndsWithEveryOneOfThemListingTheRecordsAtTheCommitsTime() throws Exception {
        Result<Record> schema = schemaOf(sql());
        MutableClock clock = new MutableClock("2030-01-01T00:00:00Z");
        new ImportRun(db.store(clock), clock).run(List.of(TestCatalogue.SEEDS), (done, total) -> {
            if (done == total) {
                clock.advance(Duration.ofHours(1));
            }
        });
        assertEquals(schema, schemaOf(sql()));
        Instant committed = Instant.parse("2030-01-01T01:00:00Z");
        if (sql().dialect().family() == SQLDialect.SQLITE) {
            // Read through each index by name: an entry left at the time the rows were written is not found.
            assertEquals(List.of(49, 49, 49, 49), List.of(
                    sql().fetchValue("select count(*) from document indexed by document_by_update where updated_at = ?", committed.toString()),
                    sql().fetchValue("select count(*) from document indexed by document_by_type where type_id is not null and updated_at = ? or type_id is null and updated_at = ?", committed.toString(), committed.toString()),
                    sql().fetchValue("select count(*) from document indexed by document_live_by_id where id > 0 and updated_at = ? and withdrawn_at is null", committed.toString()),
                    sql().fetchValue("select count(*) from revision indexed by revision_by_time where created_at = ?", committed.toString()))
                    .stream().map(n -> ((Number) n).intValue()).toList());
            assertEquals("ok", sql().fetchValue("pragma integrity_check"));
        }
    }

    /**
     * On SQLite an import writes its records without SQLite checking each row's CHECK constraints or
     * counting it by trigger (documents/BulkWriting.uncheckedIn): the live count still counts each of
     * them once, and after it the catalogue counts and checks as before.
     */
    @Test
    void anImportCountsEachOfItsRecordsLiveOnceAndLeavesTheCountingAndTheChecksAsTheyWere() throws Exception {
        importSeeds();
        run.run(List.of(largePage("large.txt", 300, "")));
        assertEquals(49 + 300, liveCount());
        assertEquals(49 + 300, sql().fetchCount(DOCUMENT, DOCUMENT.WITHDRAWN_AT.isNull()));
        // A record made one at a time afterwards is counted by the trigger, as ever.
        db.store().write(writer -> writer.create(new RecordDraft("Telegram from Shtykov",
                List.of("On the twenty-fifth."), DocumentDate.ofDay(1950, 6, 25)), Attribution.editor("alice", "Added by hand.")));
        assertEquals(49 + 300 + 1, liveCount());
        // The connection that imported, which this thread is given again, checks a row as ever.
        assertThrows(DataAccessException.class, () -> sql().transaction(tx -> tx.dsl()
                .insertInto(DOCUMENT, DOCUMENT.TITLE, DOCUMENT.SORT_TITLE, DOCUMENT.SLUG, DOCUMENT.CREATED_AT,
                        DOCUMENT.UPDATED_AT)
                .values("   ", "", "", Instant.EPOCH, Instant.EPOCH).execute()));
    }

    private int liveCount() {
        return sql().select(DOCUMENT_COUNT.LIVE).from(DOCUMENT_COUNT).fetchSingle(DOCUMENT_COUNT.LIVE).intValue();
    }

    @Test
    void importMergesTheSameDocumentSeenOnTwoPages() throws Exception {
        importSeeds();
        List<Integer> ids = sql().select(DOCUMENT.ID).from(DOCUMENT).where(DOCUMENT.TITLE.eq(KOREAN_PARTIES))
                .fetch(DOCUMENT.ID);
        assertEquals(1, ids.size());
        List<String> seenAt = sql().select(DOCUMENT_SOURCE.FILE, DOCUMENT_SOURCE.POSITION, DOCUMENT_SOURCE.LINE)
                .from(DOCUMENT_SOURCE).where(DOCUMENT_SOURCE.DOCUMENT_ID.eq(ids.get(0)))
                .orderBy(DOCUMENT_SOURCE.FILE)
                .fetch(r -> r.get(DOCUMENT_SOURCE.FILE) + "#" + r.get(DOCUMENT_SOURCE.POSITION) + ":" + r.get(DOCUMENT_SOURCE.LINE));
        assertEquals(List.of("000_e5d1db3f1c6b46ae.txt#1:7", "003_22384f644b75ed8e.txt#3:19"), seenAt);
    }

    /**
     * The writer looks an entry new to the catalogue up in its transaction only where the import may
     * have made it already ({@link MadeInThisImport}): with a chunk of one entry, the document seen on
     * two pages is found in another chunk than the one that made its record.
     */
    @Test
    void theSameDocumentSeenAgainInALaterChunkIsTheRecordTheImportMadeOfIt() throws Exception {
        ImportReport report = new ImportRun(db.store(), Clock.systemUTC(), new ImportRun.Tuning(1, true, true))
                .run(List.of(TestCatalogue.SEEDS));
        assertEquals(new ImportReport(5, 50, 49, 1), report);
        List<Integer> ids = sql().select(DOCUMENT.ID).from(DOCUMENT).where(DOCUMENT.TITLE.eq(KOREAN_PARTIES))
                .fetch(DOCUMENT.ID);
        assertEquals(1, ids.size());
        assertEquals(2, sql().fetchCount(DOCUMENT_SOURCE, DOCUMENT_SOURCE.DOCUMENT_ID.eq(ids.get(0))));
    }

    /**
     * Names are found a chunk at a time on two threads beside the writer, which takes the chunks in
     * the pages' order: with a chunk of one entry, each of the fifty is found on either thread, and
     * the records, their types, people (with roles and order) and places are those of an import
     * that finds every name on the writing thread, record for record.
     */
    @Test
    void namesFoundOnTwoThreadsAChunkEachMakeTheRecordsOfAnImportOnOneThread() throws Exception {
        new ImportRun(db.store(), Clock.systemUTC(), new ImportRun.Tuning(1, true, true)).run(List.of(TestCatalogue.SEEDS));
        try (TestDatabase oneThread = TestDatabase.empty()) {
            new ImportRun(oneThread.store(), Clock.systemUTC(), new ImportRun.Tuning(2_000, false, true))
                    .run(List.of(TestCatalogue.SEEDS));
            assertEquals(recordsAndLinks(oneThread.dsl()), recordsAndLinks(sql()));
        }
    }

    private static String recordsAndLinks(DSLContext db) {
        return db.select(DOCUMENT.ID, DOCUMENT.TITLE, DOCUMENT.TYPE_ID).from(DOCUMENT).orderBy(DOCUMENT.ID).fetch().formatCSV()
                + db.selectFrom(DOCUMENT_PERSON).orderBy(DOCUMENT_PERSON.DOCUMENT_ID, DOCUMENT_PERSON.PERSON_ID).fetch().formatCSV()
                + db.selectFrom(DOCUMENT_PLACE).orderBy(DOCUMENT_PLACE.DOCUMENT_ID, DOCUMENT_PLACE.PLACE_ID).fetch().formatCSV();
    }

    @Test
    void theSeedPagesPutIntoOneFileAreTheSameFortyNineDocuments() throws Exception {
        importSeeds();
        // As cat puts them together: none of the pages ends in a line end, so each header is glued to the entry before.
        StringBuilder all = new StringBuilder();
        for (Path page : ImportRun.pagesOf(List.of(TestCatalogue.SEEDS))) {
            all.append(Files.readString(page, StandardCharsets.UTF_8));
        }
        ImportReport again = run.run(List.of(write("all.txt", all.toString())));
        assertEquals(0, again.created());
        assertEquals(50, again.alreadyThere());
        assertEquals(49, sql().fetchCount(DOCUMENT));
    }

    @Test
    void documentsWithTheSameTitleOnDifferentDaysStayApart() throws Exception {
        importSeeds();
        List<String> days = sql().select(DOCUMENT.DATE_KEY).from(DOCUMENT)
                .where(DOCUMENT.TITLE.eq("Cable, Summary of Averell Harriman Meeting with T. V. Soong"))
                .orderBy(DOCUMENT.DATE_KEY).fetch(DOCUMENT.DATE_KEY);
        assertEquals(List.of("1945-07-10", "1945-07-11"), days);
    }

    @Test
    void importingAgainChangesNothing() throws Exception {
        importSeeds();
        String before = fingerprint();
        ImportReport again = importSeeds();
        assertEquals(new ImportReport(5, 50, 0, 50), again);
        assertEquals(before, fingerprint());
    }

    /**
     * An entry whose date line says it bears no date is an undated record, in its row and its first
     * version; one of the same words with a date is another document, and importing the page again,
     * or another that writes "no date" its own way, finds it and changes nothing.
     */
    @Test
    void anUndatedEntryIsImportedUndatedAndImportingItAgainChangesNothing() throws Exception {
        Path page = write("undated.txt", "Skip to content\n\nMay 1, 1960\n\nA letter to Mao\n\nText.\n\n"
                + "Undated\n\nA letter to Mao\n\nText.\n\nn.d.\n\nA note without a date\n\nNothing.\n");
        assertEquals(new ImportReport(1, 3, 3, 0), run.run(List.of(page)));
        List<String> rows = sql().select(DOCUMENT.TITLE, DOCUMENT.DATE_KEY, DOCUMENT.DATE_PRECISION, DOCUMENT.DATE_CIRCA)
                .from(DOCUMENT).orderBy(DOCUMENT.ID).fetch(r -> r.get(DOCUMENT.TITLE) + "|" + r.get(DOCUMENT.DATE_KEY) + "|" + r.get(DOCUMENT.DATE_PRECISION)
                        + "|" + r.get(DOCUMENT.DATE_CIRCA));
        assertEquals(List.of("A letter to Mao|1960-05-01|DAY|false", "A letter to Mao|null|null|false",
                "A note without a date|null|null|false"), rows);
        assertEquals(2, sql().fetchCount(REVISION, REVISION.DATE_KEY.isNull().and(REVISION.DATE_PRECISION.isNull())
                .and(REVISION.NUMBER.eq(1))));
        assertEquals(List.of("undated.txt:9", "undated.txt:15"), sql().select(REVISION.SOURCE).from(REVISION)
                .where(REVISION.DATE_KEY.isNull()).orderBy(REVISION.DOCUMENT_ID).fetch(REVISION.SOURCE));

        String before = fingerprint();
        assertEquals(new ImportReport(1, 3, 0, 3), run.run(List.of(page)));
        assertEquals(before, fingerprint());
        Path otherWords = write("other.txt", "[n.d.]\n\nA note without a date\n\nNothing.\n\n"
                + "no date\n\nA letter to Mao\n\nText.\n");
        assertEquals(new ImportReport(1, 2, 0, 2), run.run(List.of(otherWords)));
        assertEquals(3, sql().fetchCount(DOCUMENT));
    }

    @Test
    void aRejectedFileLeavesTheDatabaseExactlyAsItWas() throws Exception {
        importSeeds();
        String before = fingerprint();
        Path good = write("good.txt", "May 1, 1960\n\nA new letter\n\nNew.\n");
        Path bad = write("bad.txt", "Skip to content\n\nMay 1, 1950\n\nLetter\n\nText.\n\nJune 31, 1950\n\nReport\n");
        ImportRejectedException e = assertThrows(ImportRejectedException.class, () -> run.run(List.of(good, bad)));
        assertEquals(1, e.problems().size());
        assertTrue(e.problems().get(0).startsWith(bad + ":9: 'June 31, 1950' is not a real date"), e.problems().get(0));
        assertEquals(before, fingerprint());
    }

    /** A page of {@code count} distinct entries, naming people and places, in the archive's export format. */
    private Path largePage(String name, int count, String after) {
        return LargeSeedPage.write(db.folder().resolve(name), count, after);
    }

    @Test
    void anErrorOnTheLastLineOfALargePageImportsNothingAndNamesThatLine() throws Exception {
        importSeeds();
        String before = fingerprint();
        Path large = largePage("large.txt", 5_000, "February 30, 1950\n\nA telegram on a day that never was\n");
        long lines = Files.readAllLines(large).size();
        ImportRejectedException e = assertThrows(ImportRejectedException.class, () -> run.run(List.of(large)));
        assertEquals(1, e.problems().size(), e.problems().toString());
        assertTrue(e.problems().get(0).startsWith(large + ":" + (lines - 2) + ": 'February 30, 1950' is not a real date"),
                e.problems().get(0));
        assertEquals(before, fingerprint());
    }

    @Test
    void aFailureWhileWritingLeavesNothingOfTheImport() throws Exception {
        importSeeds();
        String before = fingerprint();
        Result<Record> schema = schemaOf(sql());
        // Chunks of 200 entries: the same code as the default's 2,000, in a fifth of the time.
        ImportRun smallChunks = new ImportRun(db.store(), Clock.systemUTC(), new ImportRun.Tuning(200, true, true));
        Path large = largePage("large.txt", 1_000, "");
        // Hundreds of entries already sent to the database, in several chunks, when the write fails
        // (as a full disk or a lost connection would make it fail).
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> smallChunks.run(List.of(large),
                (done, total) -> {
                    if (done == 900) {
                        throw new IllegalStateException("the disk is full");
                    }
                }));
        assertEquals("the disk is full", e.getMessage());
        assertEquals(before, fingerprint());
        assertEquals(schema, schemaOf(sql()));
        assertEquals(new ImportReport(1, 1_000, 1_000, 0), smallChunks.run(List.of(large)));
        assertEquals(49 + 1_000, sql().fetchCount(DOCUMENT));
        // Larger than the catalogue: on SQLite its indexes were dropped and built again at the end.
        assertEquals(schema, schemaOf(sql()));
    }

    @Test
    void aPageThatChangesBetweenThePassesImportsNothingAndNamesItsLine() throws Exception {
        importSeeds();
        String before = fingerprint();
        // Five chunks' worth (of 200 entries, the same code as the default's 2,000 in a tenth of the
        // time), read on a thread beside the writer and at most a few chunks ahead of it: the second
        // page is not open yet when the first entry is written.
        ImportRun smallChunks = new ImportRun(db.store(), Clock.systemUTC(), new ImportRun.Tuning(200, true, true));
        Path first = largePage("a.txt", 1_000, "");
        Path second = write("b.txt", "March 1, 1950\n\nA telegram\n");
        ImportRejectedException e = assertThrows(ImportRejectedException.class, () -> smallChunks.run(List.of(first, second),
                (done, total) -> {
                    if (done == 1) {
                        try {
                            Files.writeString(second, "March 1, 1950\n\nA telegram\n\nFebruary 30, 1950\n\nAnother\n");
                        } catch (java.io.IOException failed) {
                            throw new java.io.UncheckedIOException(failed);
                        }
                    }
                }));
        assertEquals(1, e.problems().size(), e.problems().toString());
        assertTrue(e.problems().get(0).startsWith(second + ":5: 'February 30, 1950' is not a real date"), e.problems().get(0));
        assertTrue(e.problems().get(0).endsWith("(the file changed during the import)"), e.problems().get(0));
        assertEquals(before, fingerprint());
    }

    @Test
    void onlyEntriesNotYetInTheCatalogueCountTowardsBuildingItsIndexesAgain() throws Exception {
        ImportReport seeds = importSeeds();
        long catalogue = sql().fetchCount(DOCUMENT);
        List<String> problems = new java.util.ArrayList<>();
        // The seeds again: as many entries as the catalogue has records, and none of them new.
        ImportRun.Counted again = run.firstPass(ImportRun.pagesOf(List.of(TestCatalogue.SEEDS)), problems);
        assertEquals(new ImportRun.Counted(seeds.entries(), 0, false), again);
        assertTrue(again.entries() >= catalogue);
        // Fewer entries than records, all new: they cannot outgrow the catalogue, so none is looked up.
        ImportRun.Counted small = run.firstPass(List.of(largePage("small.txt", 20, "")), problems);
        assertEquals(new ImportRun.Counted(20, 0, false), small);
        ImportRun.Counted large = run.firstPass(List.of(largePage("large.txt", 5_000, "")), problems);
        assertEquals(5_000, large.entries());
        if (sql().dialect().family() == SQLDialect.SQLITE) {
            // Counted until they outgrow the catalogue: then its indexes are dropped and built again at the end.
            assertTrue(large.fresh() >= catalogue, large.toString());
            // And its foreign keys are checked once, at the end, not at each insert.
            assertTrue(large.outgrows(), large.toString());
        } else {
            // PostgreSQL's indexes are never dropped (readers would wait): nothing is looked up.
            assertEquals(0, large.fresh());
            assertFalse(large.outgrows(), large.toString());
        }
        assertEquals(List.of(), problems);
    }

    /** Every index, trigger and table with the statement that made it. */
    static Result<Record> schemaOf(DSLContext db) {
        if (db.dialect().family() == SQLDialect.SQLITE) {
            return db.resultQuery("select type, name, tbl_name, sql from sqlite_master order by type, name").fetch();
        }
        return db.resultQuery("select indexname, indexdef from pg_indexes where schemaname = current_schema() "
                + "order by indexname").fetch();
    }

    @Test
    void everyProblemOfEveryPageIsReportedAtItsFileAndLine() throws Exception {
        Path first = write("first.txt", "May 1, 1950\n\nLetter\n\nJune 31, 1950\n\nReport\n\nMay 2, 1950\n");
        Path second = write("second.txt", "Skip to content\n\nNot a date at all\n");
        ImportRejectedException e = assertThrows(ImportRejectedException.class, () -> run.run(List.of(first, second)));
        assertEquals(3, e.problems().size(), e.problems().toString());
        assertTrue(e.problems().get(0).startsWith(first + ":5: 'June 31, 1950' is not a real date"), e.problems().get(0));
        assertEquals(first + ":9: the date 'May 2, 1950' has no title after it", e.problems().get(1));
        assertEquals(second + ":3: expected a date line such as 'May 10, 1943' before 'Not a date at all'",
                e.problems().get(2));
        assertEquals(0, sql().fetchCount(DOCUMENT));
    }

    @Test
    void aFolderWithABadPageImportsNothingAtAll() throws Exception {
        Path folder = Files.createDirectory(db.folder().resolve("pages"));
        Files.writeString(folder.resolve("a.txt"), "May 1, 1960\n\nA letter\n\nText.\n");
        Files.writeString(folder.resolve("b.txt"), "Skip to content\n\nNot a date at all\n");
        ImportRejectedException e = assertThrows(ImportRejectedException.class, () -> run.run(List.of(folder)));
        assertEquals(folder.resolve("b.txt") + ":3: expected a date line such as 'May 10, 1943' before "
                + "'Not a date at all'", e.problems().get(0));
        assertEquals(0, sql().fetchCount(DOCUMENT));
    }

    @Test
    void aFoldersPagesAreItsTxtFilesInAnyCaseAndWhatElseItHoldsIsSaidNotRead() throws Exception {
        Path folder = Files.createDirectory(db.folder().resolve("pages"));
        Files.writeString(folder.resolve("A.TXT"), "May 1, 1960\n\nA letter typed on DOS\n\nText.\n");
        Files.writeString(folder.resolve("b.txt"), "May 2, 1960\n\nA report\n\nText.\n");
        // What macOS leaves beside a page on a disk of another system: no text at all.
        Files.write(folder.resolve("._b.txt"), new byte[] {0, 5, 22, 7, 0, 2, 0, 0, (byte) 0xFF, (byte) 0xFE});
        Files.writeString(folder.resolve("notes.doc"), "about the pages");
        Path older = Files.createDirectory(folder.resolve("1950s"));
        Files.writeString(older.resolve("c.txt"), "May 3, 1950\n\nA cable\n\nText.\n");
        ImportReport report = run.run(List.of(folder));
        assertEquals(2, report.created());
        assertEquals(List.of("A letter typed on DOS", "A report"),
                sql().select(DOCUMENT.TITLE).from(DOCUMENT).orderBy(DOCUMENT.ID).fetch(DOCUMENT.TITLE));
        assertEquals(List.of(folder.resolve("._b.txt").toString(),
                folder.resolve("1950s") + "/ (a folder: name it to import its pages)",
                folder.resolve("notes.doc").toString()), report.notRead());
    }

    @Test
    void aPageNamedTwiceOrByItselfAndByItsFolderIsReadOnceAndSaidSo() throws Exception {
        Path folder = Files.createDirectory(db.folder().resolve("pages"));
        Path page = Files.writeString(folder.resolve("a.txt"), "May 1, 1960\n\nA letter\n\nText.\n\nMay 2, 1960\n\nA reply\n");
        Files.createSymbolicLink(db.folder().resolve("link.txt"), page);
        ImportReport report = run.run(List.of(page, folder, page, db.folder().resolve("link.txt")));
        assertEquals(new ImportReport(1, 2, 2, 0, ListDifferences.NONE, List.of(folder.resolve("a.txt") + " (named more than once: read once)",
                page + " (named more than once: read once)",
                db.folder().resolve("link.txt") + " (named more than once: read once)")), report);
        assertEquals(List.of("a.txt#1", "a.txt#2"), sql().select(DOCUMENT_SOURCE.FILE, DOCUMENT_SOURCE.POSITION)
                .from(DOCUMENT_SOURCE).orderBy(DOCUMENT_SOURCE.POSITION).fetch(r -> r.get(DOCUMENT_SOURCE.FILE) + "#" + r.get(DOCUMENT_SOURCE.POSITION)));
    }

    @Test
    void pagesOfTheSameNameInTwoFoldersAreToldApartByTheirPathFromTheFolderTheyShare() throws Exception {
        Path scans = Files.createDirectories(db.folder().resolve("scans/1950"));
        Path a = Files.writeString(Files.createDirectory(scans.resolve("a")).resolve("page1.txt"),
                "May 1, 1960\n\nA letter\n\nText.\n");
        Path b = Files.writeString(Files.createDirectory(scans.resolve("b")).resolve("page1.txt"),
                "May 1, 1960\n\nA letter\n\nText.\n\nMay 3, 1960\n\nA cable\n");
        ImportReport report = run.run(List.of(scans.resolve("a"), b));
        assertEquals(2, report.created());
        assertEquals(List.of("a/page1.txt#1", "b/page1.txt#1", "b/page1.txt#2"), sql()
                .select(DOCUMENT_SOURCE.FILE, DOCUMENT_SOURCE.POSITION).from(DOCUMENT_SOURCE)
                .orderBy(DOCUMENT_SOURCE.FILE, DOCUMENT_SOURCE.POSITION).fetch(r -> r.get(DOCUMENT_SOURCE.FILE) + "#" + r.get(DOCUMENT_SOURCE.POSITION)));
        assertEquals(List.of("a/page1.txt:1", "b/page1.txt:7"), sql().select(REVISION.SOURCE).from(REVISION)
                .orderBy(REVISION.ID).fetch(REVISION.SOURCE));
        // A folder's own pages keep their file names, as the seeds' do: no path of the server is kept.
        run.run(List.of(scans.resolve("a")));
        assertEquals(List.of("a/page1.txt", "page1.txt"), sql().selectDistinct(DOCUMENT_SOURCE.FILE).from(DOCUMENT_SOURCE)
                .where(DOCUMENT_SOURCE.POSITION.eq(1)).and(DOCUMENT_SOURCE.FILE.notLike("b/%"))
                .orderBy(DOCUMENT_SOURCE.FILE).fetch(DOCUMENT_SOURCE.FILE));
        // A problem is said at the page's path as it was named.
        Files.writeString(a, "June 31, 1950\n\nReport\n");
        ImportRejectedException e = assertThrows(ImportRejectedException.class, () -> run.run(List.of(scans.resolve("a"), b)));
        assertTrue(e.problems().get(0).startsWith(a + ":1: 'June 31, 1950' is not a real date"), e.problems().toString());
    }

    @Test
    void htmlCharacterReferencesOfAScrapedPageAreStoredAsTheirCharacters() throws Exception {
        run.run(List.of(write("scraped.txt", "May 1, 1960\n\nChurchill &amp; Stalin&#8217;s Ren&eacute;\n\nAT&amp;T &lt;b&gt;\n")));
        assertEquals(List.of("Churchill & Stalin’s René"), sql().select(DOCUMENT.TITLE).from(DOCUMENT).fetch(DOCUMENT.TITLE));
        assertEquals(List.of("AT&T <b>"), sql().select(DOCUMENT.SUMMARY).from(DOCUMENT).fetch(DOCUMENT.SUMMARY));
    }

    @Test
    void aLinkToAPageThatIsNotThereIsSaidNotLeftOut() throws Exception {
        Path folder = Files.createDirectory(db.folder().resolve("pages"));
        Files.writeString(folder.resolve("a.txt"), "May 1, 1960\n\nA letter\n\nText.\n");
        Files.createSymbolicLink(folder.resolve("b.txt"), db.folder().resolve("moved-away.txt"));
        ImportRejectedException e = assertThrows(ImportRejectedException.class, () -> run.run(List.of(folder)));
        assertEquals(List.of(folder.resolve("b.txt") + ": cannot be read (a link to " + db.folder().resolve("moved-away.txt")
                + ", which is not there)"), e.problems());
        assertEquals(0, sql().fetchCount(DOCUMENT));
    }

    @Test
    void anAuthorityListThatCannotBeReadIsSaidWithThePagesProblemsAndNothingIsImported() throws Exception {
        Path folder = Files.createDirectory(db.folder().resolve("pages"));
        Files.writeString(folder.resolve("a.txt"), "May 1, 1960\n\nA letter\n\nText.\n");
        // A folder where the list should be: what root cannot be kept from reading, so the test can run as root.
        Files.createDirectories(folder.resolve("authorities").resolve("people.csv"));
        ImportRejectedException e = assertThrows(ImportRejectedException.class, () -> run.run(List.of(folder)));
        assertEquals(1, e.problems().size(), e.problems().toString());
        // The reason is the system's own words ("Is a directory" on Linux).
        assertTrue(e.problems().get(0).startsWith(folder.resolve("authorities").resolve("people.csv") + ": cannot be read ("),
                e.problems().get(0));
        assertEquals(0, sql().fetchCount(DOCUMENT));
    }

    @Test
    void aMissingFileIsRejected() {
        ImportRejectedException e = assertThrows(ImportRejectedException.class,
                () -> run.run(List.of(db.folder().resolve("nowhere.txt"))));
        assertTrue(e.getMessage().endsWith("nowhere.txt: no such file or folder"), e.getMessage());
    }

    @Test
    void importKeepsParagraphsPrecisionAndMissingSummaries() throws Exception {
        importSeeds();
        Record speech = sql().select(DOCUMENT.SUMMARY).from(DOCUMENT)
                .where(DOCUMENT.TITLE.startsWith("Stenographic Record of a Speech")).fetchSingle();
        assertEquals(2, RecordDraft.paragraphs(speech.get(DOCUMENT.SUMMARY)).size());
        Record soldiers = sql().select(DOCUMENT.DATE_KEY, DOCUMENT.DATE_PRECISION).from(DOCUMENT)
                .where(DOCUMENT.TITLE.eq("Letter to Stalin from the Commanders and Soldiers of the Korean Army in China"))
                .fetchSingle();
        assertEquals("February 1942", DocumentDate.fromStored(soldiers.get(DOCUMENT.DATE_KEY),
                soldiers.get(DOCUMENT.DATE_PRECISION), false).display());
        assertEquals("", sql().select(DOCUMENT.SUMMARY).from(DOCUMENT)
                .where(DOCUMENT.TITLE.startsWith("I. Tugarinov")).fetchSingle(DOCUMENT.SUMMARY));
        assertEquals(DatePrecision.MONTH, sql().select(DOCUMENT.DATE_PRECISION).from(DOCUMENT)
                .where(DOCUMENT.TITLE.startsWith("Information from the Communist Party")).fetchSingle(DOCUMENT.DATE_PRECISION));
    }

    @Test
    void everyImportedDocumentStartsWithARevisionByTheImport() throws Exception {
        importSeeds();
        assertEquals(49, sql().fetchCount(REVISION));
        Record first = sql().selectFrom(REVISION).where(REVISION.TITLE.eq(KOREAN_PARTIES)).fetchSingle();
        assertEquals(1, first.get(REVISION.NUMBER));
        assertEquals(Attribution.IMPORT, first.get(REVISION.AUTHOR));
        assertEquals("000_e5d1db3f1c6b46ae.txt:7", first.get(REVISION.SOURCE));
    }

    @Test
    void importLinksTypePeopleAndPlacesFromTheAuthorityLists() throws Exception {
        importSeeds();
        int id = db.recordTitled("Letter from Feng Xi (Stalin) to Kim Il Sung (via Shtytkov)");
        List<String> people = sql().select(PERSON.KEY).from(DOCUMENT_PERSON).join(PERSON)
                .on(PERSON.ID.eq(DOCUMENT_PERSON.PERSON_ID)).where(DOCUMENT_PERSON.DOCUMENT_ID.eq(id))
                .orderBy(PERSON.KEY).fetch(PERSON.KEY);
        assertEquals(List.of("kim-il-sung", "mao-zedong", "shtykov", "stalin"), people);
        assertEquals("letter", sql().select(DOCUMENT_TYPE.KEY).from(DOCUMENT).join(DOCUMENT_TYPE)
                .on(DOCUMENT_TYPE.ID.eq(DOCUMENT.TYPE_ID)).where(DOCUMENT.ID.eq(id)).fetchSingle(DOCUMENT_TYPE.KEY));
    }

    @Test
    void anEditorsCorrectionSurvivesImportingThePageAgain() throws Exception {
        importSeeds();
        var row = sql().selectFrom(DOCUMENT).where(DOCUMENT.TITLE.startsWith("I. Tugarinov")).fetchSingle();
        String corrected = row.getTitle().replace("Concentering", "Concerning");
        db.store().write(w -> w.update(row.getId(), row.getVersion(),
                new RecordDraft(corrected, List.of(), DocumentDate.fromStored(row.getDateKey(), row.getDatePrecision(), row.getDateCirca())),
                Attribution.editor("editor", "Concentering is a typo for Concerning")));
        ImportReport again = importSeeds();
        assertEquals(0, again.created());
        assertEquals(corrected, sql().select(DOCUMENT.TITLE).from(DOCUMENT).where(DOCUMENT.ID.eq(row.getId()))
                .fetchSingle(DOCUMENT.TITLE));
        assertEquals(0, sql().fetchCount(DOCUMENT, DOCUMENT.TITLE.contains("Concentering")));
        assertEquals(49, sql().fetchCount(DOCUMENT));
    }
}
