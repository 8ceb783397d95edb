package org.dossier.synthetic;

import static org.dossier.db.Tables.CHANGE;
import static org.dossier.db.Tables.DOCUMENT;
import static org.dossier.db.Tables.DOCUMENT_COUNT;
import static org.dossier.db.Tables.DOCUMENT_PERSON;
import static org.dossier.db.Tables.DOCUMENT_PLACE;
import static org.dossier.db.Tables.PERSON;
import static org.dossier.db.Tables.PLACE;
import static org.dossier.db.Tables.REVISION;
import static org.dossier.db.Tables.REVISION_PERSON;
import static org.dossier.db.Tables.REVISION_PLACE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dossier.authorities.AuthorityContent;
import org.dossier.authorities.AuthorityKind;
import org.dossier.authorities.AuthorityLoader;
import org.dossier.authorities.AuthorityRecords;
import org.dossier.authorities.AuthorityWriter;
import org.dossier.authorities.EntityType;
import org.dossier.authorities.StoredAuthority;
import org.dossier.documents.Attribution;
import org.dossier.documents.CommitClock;
import org.dossier.importing.ImportRun;
import org.dossier.documents.DatePrecision;
import org.dossier.documents.DocumentDate;
import org.dossier.documents.Languages;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestCatalogue;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Generated records are records like any other: whole revisions, consistent links, dates as the archive has them. */
class GeneratorTest {

    private static final int COUNT = 2_000;
    @RegisterExtension
    static final TestDatabase database = TestDatabase.emptyForTheClass();
    private static DSLContext db;

    @BeforeAll
    static void generate() throws Exception {
        db = database.dsl();
        new Generator(db, Clock.systemUTC()).generate(TestCatalogue.SEEDS, COUNT, 7, (done, total) -> { });
    }

    @Test
    void everyRecordHasItsWholeFirstRevision() {
        assertEquals(COUNT, db.fetchCount(DOCUMENT));
        assertEquals(COUNT, db.fetchCount(DOCUMENT, DOCUMENT.VERSION.eq(1)));
        assertEquals(COUNT, db.fetchCount(REVISION.join(DOCUMENT).on(DOCUMENT.ID.eq(REVISION.DOCUMENT_ID))
                .and(REVISION.NUMBER.eq(1)).and(REVISION.TITLE.eq(DOCUMENT.TITLE))
                .and(REVISION.SUMMARY.eq(DOCUMENT.SUMMARY)).and(REVISION.DATE_KEY.isNotDistinctFrom(DOCUMENT.DATE_KEY))
                .and(REVISION.SLUG.eq(DOCUMENT.SLUG)).and(REVISION.LANGUAGES.eq(DOCUMENT.LANGUAGES))));
        assertEquals(db.fetchCount(DOCUMENT_PERSON), db.fetchCount(REVISION_PERSON));
        assertEquals(db.fetchCount(DOCUMENT_PLACE), db.fetchCount(REVISION_PLACE));
        assertEquals(0, db.fetchCount(DOCUMENT_PERSON.join(REVISION).on(REVISION.DOCUMENT_ID.eq(DOCUMENT_PERSON.DOCUMENT_ID))
                .leftJoin(REVISION_PERSON).on(REVISION_PERSON.REVISION_ID.eq(REVISION.ID))
                .and(REVISION_PERSON.PERSON_ID.eq(DOCUMENT_PERSON.PERSON_ID)), REVISION_PERSON.REVISION_ID.isNull()));
    }

    @Test
    void everyRecordsPeopleAreNumberedOneToNTheFirstTheAuthorAndTheirRevisionKeepsTheNumbers() {
        // Positions 1..n without a gap or a repeat: n links, the highest n, none below 1, per record.
        assertEquals(0, db.fetchCount(db.select(DOCUMENT_PERSON.DOCUMENT_ID).from(DOCUMENT_PERSON)
                .groupBy(DOCUMENT_PERSON.DOCUMENT_ID)
                .having(DSL.count().ne(DSL.max(DOCUMENT_PERSON.POSITION))
                        .or(DSL.countDistinct(DOCUMENT_PERSON.POSITION).ne(DSL.count()))
                        .or(DSL.min(DOCUMENT_PERSON.POSITION).ne(1)))));
        assertEquals(0, db.fetchCount(DOCUMENT_PERSON, DOCUMENT_PERSON.POSITION.eq(1)
                .and(DOCUMENT_PERSON.ROLE.ne("author"))), "the first person named wrote it");
        assertEquals(0, db.fetchCount(DOCUMENT_PERSON.join(REVISION).on(REVISION.DOCUMENT_ID.eq(DOCUMENT_PERSON.DOCUMENT_ID))
                .join(REVISION_PERSON).on(REVISION_PERSON.REVISION_ID.eq(REVISION.ID))
                .and(REVISION_PERSON.PERSON_ID.eq(DOCUMENT_PERSON.PERSON_ID)),
                REVISION_PERSON.POSITION.ne(DOCUMENT_PERSON.POSITION)), "the revision's copy has the same numbers");
    }

    @Test
    void datesSpan1940To1991AndSomeAreKnownOnlyToTheMonthOrYear() {
        assertEquals("1940", db.fetchValue(DSL.select(DSL.min(DSL.substring(DOCUMENT.DATE_KEY, 1, 4))).from(DOCUMENT)));
        assertEquals("1991", db.fetchValue(DSL.select(DSL.max(DSL.substring(DOCUMENT.DATE_KEY, 1, 4))).from(DOCUMENT)));
        Map<DatePrecision, Integer> precisions = db.select(DOCUMENT.DATE_PRECISION, DSL.count()).from(DOCUMENT)
                .groupBy(DOCUMENT.DATE_PRECISION).fetchMap(DOCUMENT.DATE_PRECISION, DSL.count());
        assertTrue(precisions.get(DatePrecision.DAY) > COUNT * 0.7, precisions.toString());
        assertTrue(precisions.get(DatePrecision.MONTH) > COUNT * 0.08, precisions.toString());
        assertTrue(precisions.get(DatePrecision.YEAR) > COUNT * 0.02, precisions.toString());
        int approximate = db.fetchCount(DOCUMENT, DOCUMENT.DATE_CIRCA.isTrue());
        assertTrue(approximate > COUNT * 0.03 && approximate < COUNT * 0.1, approximate + " of " + COUNT + " approximate");
        assertEquals(approximate, db.fetchCount(REVISION, REVISION.DATE_CIRCA.isTrue()), "each first version has it too");
    }

    /** About one in a hundred undated, so that benchmarks and the 1M catalogue list, find, count and export some. */
    @Test
    void aboutOneInAHundredIsUndatedInItsRowAndItsFirstVersion() {
        int undated = db.fetchCount(DOCUMENT, DOCUMENT.DATE_KEY.isNull());
        assertTrue(undated > COUNT * 0.004 && undated < COUNT * 0.02, undated + " of " + COUNT + " undated");
        assertEquals(undated, db.fetchCount(DOCUMENT, DOCUMENT.DATE_KEY.isNull().and(DOCUMENT.DATE_PRECISION.isNull())
                .and(DOCUMENT.DATE_END_KEY.isNull()).and(DOCUMENT.DATE_CIRCA.isFalse())), "nothing of a date left");
        assertEquals(undated, db.fetchCount(REVISION, REVISION.DATE_KEY.isNull().and(REVISION.DATE_PRECISION.isNull())),
                "each first version undated too");
    }

    @Test
    void aFewInAHundredAreSpansEachEndingAfterItStartsWithItsOwnPrecision() {
        int spans = db.fetchCount(DOCUMENT, DOCUMENT.DATE_END_KEY.isNotNull());
        assertTrue(spans > COUNT * 0.02 && spans < COUNT * 0.07, spans + " of " + COUNT + " spans");
        assertEquals(spans, db.fetchCount(REVISION, REVISION.DATE_END_KEY.isNotNull()), "each first version has it too");
        assertEquals(0, db.fetchCount(DOCUMENT, DOCUMENT.DATE_END_KEY.le(DOCUMENT.DATE_KEY)));
        assertEquals(3, db.selectDistinct(DOCUMENT.DATE_END_PRECISION).from(DOCUMENT)
                .where(DOCUMENT.DATE_END_KEY.isNotNull()).fetch().size(), "years', months' and days' spans");
        assertTrue(db.fetchCount(DOCUMENT, DOCUMENT.DATE_END_KEY.isNotNull().and(DOCUMENT.DATE_CIRCA.isTrue())) > 0,
                "some approximate: 'ca. 1951–1953'");
    }

    @Test
    void mostRecordsAreInRussianSomeInSeveralLanguagesAndSomeNotYetSaid() {
        Map<Languages, Integer> byLanguages = db.select(DOCUMENT.LANGUAGES, DSL.count()).from(DOCUMENT)
                .groupBy(DOCUMENT.LANGUAGES).fetchMap(DOCUMENT.LANGUAGES, DSL.count());
        assertTrue(byLanguages.get(Languages.stored("ru")) > COUNT * 0.4, byLanguages.toString());
        assertTrue(byLanguages.get(Languages.NONE) > COUNT * 0.08, byLanguages.toString());
        assertTrue(byLanguages.get(Languages.stored("ru zh")) > COUNT * 0.02, byLanguages.toString());
        assertTrue(byLanguages.get(Languages.stored("ko")) > COUNT * 0.04, byLanguages.toString());
    }

    @Test
    void aFewPeopleAreInManyRecordsAndMostInFew() {
        List<Integer> perPerson = db.fetchValues(DSL.select(DSL.count()).from(DOCUMENT_PERSON).groupBy(DOCUMENT_PERSON.PERSON_ID))
                .stream().sorted(Comparator.reverseOrder()).toList();
        int median = perPerson.get(perPerson.size() / 2);
        assertTrue(perPerson.get(0) > 10 * median, perPerson.toString());
    }

    @Test
    void recordsGeneratedAfterAMergeAreLinkedToTheSurvivorNeverToTheEntryMergedAway() throws Exception {
        try (TestDatabase merged = TestDatabase.empty()) {
            DSLContext dsl = merged.dsl();
            dsl.transaction(tx -> AuthorityLoader.store(tx.dsl(),
                    AuthorityLoader.read(TestCatalogue.SEEDS.resolve(ImportRun.AUTHORITIES_FOLDER))));
            // Stalin is first in the list, the most frequent: the generator would pick him most.
            StoredAuthority stalin = new AuthorityRecords(dsl).find(AuthorityKind.PERSON, "stalin").orElseThrow();
            merged.store().write((records, tx) -> {
                AuthorityWriter writer = new AuthorityWriter(records, tx, Clock.systemUTC());
                StoredAuthority survivor = writer.create(AuthorityKind.PERSON,
                        new AuthorityContent("Iosif Dzhugashvili", "Dzhugashvili, Iosif", "", EntityType.PERSON, List.of()),
                        Attribution.editor("alice", "Entered under his birth name"));
                writer.merge(stalin, stalin.version(), survivor, Attribution.editor("alice", "One man, entered twice"));
                return null;
            });

            new Generator(dsl, Clock.systemUTC()).generate(TestCatalogue.SEEDS, 300, 7, (done, total) -> { });

            assertTrue(dsl.fetchCount(DOCUMENT_PERSON) > 300, "the records name people");
            assertEquals(0, dsl.fetchCount(DOCUMENT_PERSON.join(PERSON).on(PERSON.ID.eq(DOCUMENT_PERSON.PERSON_ID)),
                    PERSON.MERGED_INTO.isNotNull()), "no record names a person merged away");
            assertEquals(0, dsl.fetchCount(DOCUMENT_PLACE.join(PLACE).on(PLACE.ID.eq(DOCUMENT_PLACE.PLACE_ID)),
                    PLACE.MERGED_INTO.isNotNull()), "nor a place");
            assertEquals(0, dsl.fetchCount(REVISION_PERSON, REVISION_PERSON.PERSON_ID.eq(stalin.id())),
                    "nor does any revision");
        }
    }

    /**
     * Generated records are stamped as every write's are, by the database's clock as each
     * transaction commits (documents/CommitClock), not by the machine's clock the generator is given:
     * here one stopped in 2001, which stamped every record then.
     */
    @Test
    void recordsAndTheirRevisionsAreStampedByTheDatabasesClockAsTheyCommit() throws Exception {
        generatedWithTheMachinesClockStopped(generator -> generator, (dsl, before, after) -> {
            List<Instant> times = new ArrayList<>(dsl.select(DOCUMENT.UPDATED_AT).from(DOCUMENT).fetch(DOCUMENT.UPDATED_AT));
            times.addAll(dsl.select(DOCUMENT.CREATED_AT).from(DOCUMENT).fetch(DOCUMENT.CREATED_AT));
            times.addAll(dsl.select(REVISION.CREATED_AT).from(REVISION).fetch(REVISION.CREATED_AT));
            assertEquals(120, times.size());
            assertTrue(times.stream().allMatch(t -> !t.isBefore(before) && !t.isAfter(after)),
                    "every stamp between " + before + " and " + after + ": " + new java.util.TreeSet<>(times));
        });
    }

    /** What a test of stamps checks, given the database's clock read before and after the run. */
    @FunctionalInterface
    private interface Stamps {
        void check(DSLContext dsl, Instant before, Instant after);
    }

    /** Generates 40 records into an empty catalogue by {@code how}, the machine's clock stopped in 2001, and checks them. */
    private static void generatedWithTheMachinesClockStopped(java.util.function.UnaryOperator<Generator> how, Stamps stamps)
            throws Exception {
        try (TestDatabase stamped = TestDatabase.empty()) {
            DSLContext dsl = stamped.dsl();
            CommitClock databaseClock = CommitClock.of(dsl.dialect());
            Instant before = databaseClock.stamp(dsl);
            Clock stopped = Clock.fixed(Instant.parse("2001-01-01T00:00:00Z"), ZoneOffset.UTC);
            how.apply(new Generator(dsl, stopped)).generate(TestCatalogue.SEEDS, 40, 5, (done, total) -> { });
            stamps.check(dsl, before, databaseClock.stamp(dsl));
        }
    }

    /**
     * Into a catalogue nobody reads before it is whole (a new file, renamed into place at the end),
     * records are stamped once, by the database's clock as their transaction begins, not by the
     * machine's clock the generator is given (stopped in 2001 here): a record, its first revision and
     * its change all carry that one time.
     */
    @Test
    void recordsGeneratedIntoACatalogueUnseenUntilWholeAreStampedOnceByTheDatabasesClock() throws Exception {
        generatedWithTheMachinesClockStopped(Generator::unseenUntilWhole, (dsl, before, after) -> {
            var rows = dsl.select(DOCUMENT.UPDATED_AT, DOCUMENT.CREATED_AT, REVISION.CREATED_AT, CHANGE.CHANGED_AT)
                    .from(DOCUMENT).join(REVISION).on(REVISION.DOCUMENT_ID.eq(DOCUMENT.ID))
                    .join(CHANGE).on(CHANGE.DOCUMENT_ID.eq(DOCUMENT.ID)).fetch();
            assertEquals(40, rows.size());
            for (var row : rows) {
                Instant stamp = row.get(DOCUMENT.UPDATED_AT);
                assertTrue(!stamp.isBefore(before) && !stamp.isAfter(after), stamp + " between " + before + " and " + after);
                assertEquals(List.of(stamp, stamp, stamp), List.of(row.get(DOCUMENT.CREATED_AT), row.get(REVISION.CREATED_AT),
                        row.get(CHANGE.CHANGED_AT)), "created, its revision and its change");
            }
        });
    }

    /**
     * Into a catalogue unseen until whole, SQLite neither checks each new record's row nor counts it
     * by trigger as it is written (documents/BulkWriting.uncheckedIntoANewFile): the live records are
     * counted once at the end, and the trigger is there again, as the migrations made it.
     */
    @Test
    void aCatalogueGeneratedUnseenUntilWholeCountsItsLiveRecordsAndEndsWithTheSchemaItBeganWith() throws Exception {
        try (TestDatabase made = TestDatabase.empty(); TestDatabase migrated = TestDatabase.empty()) {
            new Generator(made.dsl(), Clock.systemUTC()).unseenUntilWhole()
                    .generate(TestCatalogue.SEEDS, 40, 5, (done, total) -> { });
            new Generator(made.dsl(), Clock.systemUTC()).unseenUntilWhole()
                    .generate(TestCatalogue.SEEDS, 30, 6, (done, total) -> { });
            assertEquals(70, made.dsl().fetchCount(DOCUMENT));
            assertEquals(70, made.dsl().select(DOCUMENT_COUNT.LIVE).from(DOCUMENT_COUNT).fetchSingle(DOCUMENT_COUNT.LIVE));
            assertEquals(schemaOf(migrated.dsl()), schemaOf(made.dsl()));
        }
    }

    /**
     * Every date column of every record and first version, spans' ends and the approximate flag
     * with them, so that two catalogues of one seed (a benchmark's before and after) hold the same
     * dates, not only the same starts.
     */
    @Test
    void theSameSeedMakesTheSameRecordsEveryDateColumnOfThemAndOfTheirFirstVersions() throws Exception {
        try (TestDatabase again = TestDatabase.empty()) {
            new Generator(again.dsl(), Clock.systemUTC()).generate(TestCatalogue.SEEDS, COUNT, 7, (done, total) -> { });
            Result<?> records = documentDates(db);
            assertEquals(COUNT, records.size());
            assertEquals(records, documentDates(again.dsl()));
            assertEquals(revisionDates(db), revisionDates(again.dsl()));
            assertTrue(records.stream().anyMatch(r -> r.get(DOCUMENT.DATE_END_KEY) != null && r.get(DOCUMENT.DATE_CIRCA)),
                    "the runs compared hold approximate spans");
        }
    }

    private static Result<?> documentDates(DSLContext dsl) {
        return dsl.select(DOCUMENT.TITLE, DOCUMENT.DATE_KEY, DOCUMENT.DATE_PRECISION, DOCUMENT.DATE_CIRCA,
                DOCUMENT.DATE_END_KEY, DOCUMENT.DATE_END_PRECISION).from(DOCUMENT).orderBy(DOCUMENT.ID).fetch();
    }

    private static Result<?> revisionDates(DSLContext dsl) {
        return dsl.select(REVISION.DATE_KEY, REVISION.DATE_PRECISION, REVISION.DATE_CIRCA, REVISION.DATE_END_KEY,
                REVISION.DATE_END_PRECISION).from(REVISION).orderBy(REVISION.DOCUMENT_ID, REVISION.NUMBER).fetch();
    }

    /**
     * A generated date is stored as the same date typed by hand would be: its text as every page
     * shows it, read by the one reader of the form and a seed page ({@link DocumentDate#parseOrUndated}),
     * is the date its columns hold, in the record's row and its first version's alike.
     */
    @Test
    void everyGeneratedDateIsStoredAsTypingItsOwnWordsStoresIt() {
        Field<Optional<DocumentDate>> recordDate = DocumentDate.stored(DOCUMENT.DATE_KEY, DOCUMENT.DATE_PRECISION,
                DOCUMENT.DATE_CIRCA, DOCUMENT.DATE_END_KEY, DOCUMENT.DATE_END_PRECISION);
        Field<Optional<DocumentDate>> versionDate = DocumentDate.stored(REVISION.DATE_KEY, REVISION.DATE_PRECISION,
                REVISION.DATE_CIRCA, REVISION.DATE_END_KEY, REVISION.DATE_END_PRECISION);
        var rows = db.select(recordDate, versionDate).from(DOCUMENT).join(REVISION)
                .on(REVISION.DOCUMENT_ID.eq(DOCUMENT.ID)).and(REVISION.NUMBER.eq(1)).fetch();
        assertEquals(COUNT, rows.size());
        for (var row : rows) {
            Optional<DocumentDate> date = row.get(recordDate);
            String words = DocumentDate.display(date);
            assertEquals(date, DocumentDate.parseOrUndated(words), "'" + words + "' as typed, "
                    + date.map(DocumentDate::edtf).orElse("undated") + " as generated");
            assertEquals(date, row.get(versionDate), "its first version's");
        }
    }

    @Test
    void theSchemaEndsAsTheMigrationsMadeItEvenWhenTheIndexesWereBuiltAtTheEnd() throws Exception {
        // db was generated into an empty catalogue (its indexes dropped and made again on SQLite);
        // a second run into a catalogue with records keeps them as they are.
        try (TestDatabase migrated = TestDatabase.empty()) {
            assertEquals(schemaOf(migrated.dsl()), schemaOf(db));
            new Generator(migrated.dsl(), Clock.systemUTC()).generate(TestCatalogue.SEEDS, 30, 8, (done, total) -> { });
            new Generator(migrated.dsl(), Clock.systemUTC()).generate(TestCatalogue.SEEDS, 20, 9, (done, total) -> { });
            assertEquals(50, migrated.dsl().fetchCount(DOCUMENT));
            assertEquals(schemaOf(db), schemaOf(migrated.dsl()));
        }
    }

    /** Every index, trigger and table with the statement that made it. */
    private static Result<Record> schemaOf(DSLContext db) {
        if (db.dialect().family() == SQLDialect.SQLITE) {
            return db.resultQuery("select type, name, tbl_name, sql from sqlite_master where name not like 'sqlite_autoindex%' "
                    + "order by type, name").fetch();
        }
        return db.resultQuery("select indexname, indexdef from pg_indexes where schemaname = current_schema() "
                + "order by indexname").fetch();
    }
}
