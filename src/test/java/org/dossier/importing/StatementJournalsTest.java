package org.dossier.importing;

import static org.dossier.db.Tables.DOCUMENT;
import static org.dossier.db.Tables.PERSON;
import static org.dossier.db.Tables.PLACE;
import static org.dossier.db.Tables.REVISION_PERSON;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.dossier.app.Database;
import org.dossier.authorities.PersonRole;
import org.dossier.documents.Attribution;
import org.dossier.documents.BulkWriting;
import org.dossier.documents.CommitClock;
import org.dossier.documents.DocumentDate;
import org.dossier.documents.Languages;
import org.dossier.documents.RecordDraft;
import org.dossier.documents.RecordStore;
import org.dossier.testing.LargeSeedPage;
import org.dossier.testing.SameOnEveryDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * An import that outgrows its SQLite catalogue keeps no undo journal of a statement's own in a
 * temporary file: such a journal, past 64 KiB, is a file that stays open until the transaction ends,
 * and an import's statements rewrite the pages the statements before them wrote, so nearly every page
 * went through one (BENCHMARKS.md, "Imports, eighth round"). Whether one was opened is read from the
 * files the process holds open as the import's transaction is about to commit. Isolated: another
 * class's SQLite connection, in this same process, may hold one of its own. Past the page cache a
 * journal fills with every page the cache spills meanwhile: on SQLite 3.54 a statement of many rows
 * that gave the ids of the records, revisions or changes kept one whatever its conflict clause, and it
 * reached a file only once the bulk write's 256 MiB were full, at some 120,000 entries ("Imports,
 * ninth round" and "tenth round"); with SQLite's own 2 MB cache a few thousand records fill it.
 */
@Isolated
@SameOnEveryDatabase
class StatementJournalsTest {

    @TempDir
    Path folder;

    @Test
    void anImportThatOutgrowsItsCatalogueOpensNoTemporaryFileForAnyOfItsStatements() {
        // A thousand entries into an empty catalogue: the bulk write, whose statements' undo journals
        // would each pass 64 KiB. Committed a minute after the records were written, as a long import
        // is: the stamp then rewrites every record and revision (one of the same second is not stamped again).
        Path page = LargeSeedPage.write(folder.resolve("large.txt"), 1_000, "");
        try (Database database = Database.open(folder.resolve("dossier.db"))) {
            RecordStore store = new RecordStore(database.dsl(), Clock.systemUTC(),
                    CommitClock.of(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(1))));
            List<List<String>> openAtTheCommit = new ArrayList<>();
            store.checkBeforeCommit(tx -> openAtTheCommit.add(temporaryFilesOpen()));
            List<String> before = temporaryFilesOpen();

            ImportReport report = new ImportRun(store, Clock.systemUTC()).run(List.of(page));

            assertEquals(1_000, report.created());
            // Stamped with the commit's time, a minute on.
            assertEquals(1_000, database.dsl().fetchCount(DOCUMENT, DOCUMENT.UPDATED_AT.gt(Instant.now().plusSeconds(30))));
            assertEquals(List.of(before), openAtTheCommit);
        } catch (IOException | ImportRejectedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void manyNewRecordsWrittenPastThePageCacheOpenNoTemporaryFileForAnyOfTheirStatements() {
        // The bulk write of an import's new records (each its own attribution, people and places:
        // the records' rows, their slugs, links, revisions, revisions' links and changes) through
        // SQLite's own page cache of 2 MB rather than the bulk write's 256 MiB: from the first
        // thousand records on, every statement spills pages written before it, through its own
        // journal if it keeps one. (The index builds of an import that outgrows its catalogue do keep
        // one, as every CREATE INDEX does: not written here.)
        try (Database database = Database.open(folder.resolve("dossier.db"))) {
            int person = database.dsl().insertInto(PERSON, PERSON.KEY, PERSON.NAME, PERSON.SORT_NAME)
                    .values("stalin", "Joseph Stalin", "Stalin, Joseph").returning(PERSON.ID).fetchSingle(PERSON.ID);
            int place = database.dsl().insertInto(PLACE, PLACE.KEY, PLACE.NAME, PLACE.SORT_NAME)
                    .values("pyongyang", "Pyongyang", "Pyongyang").returning(PLACE.ID).fetchSingle(PLACE.ID);
            RecordStore store = new RecordStore(database.dsl(), Clock.systemUTC());
            List<String> before = temporaryFilesOpen();

            // As an import writes them: unchecked and uncounted by SQLite (whose CHECKs call functions,
            // and a statement that may call one keeps a journal), counted at the end.
            List<String> openOnceWritten = store.writeInBulk((writer, tx) -> BulkWriting.uncheckedIn(tx, () -> {
                writer.createMany(records -> {
                    for (int i = 0; i < 4_000; i++) {
                        records.add(new RecordDraft("Telegram No. " + i + " from Shtykov to Stalin",
                                List.of("The ambassador reports on meeting " + i + " in Pyongyang."),
                                Optional.of(DocumentDate.ofYear(1940 + i % 50)), null,
                                Map.of(person, PersonRole.RECIPIENT), new TreeSet<>(Set.of(place)), Languages.NONE),
                                Attribution.imported("large.txt:" + (4 * i + 1)));
                    }
                    return null;
                });
                return temporaryFilesOpen();
            }));

            assertEquals(before, openOnceWritten);
            assertEquals(4_000, database.dsl().fetchCount(REVISION_PERSON));
        }
    }

    /** SQLite's temporary files this process holds open (named {@code etilqs_…}, and unlinked as they are made). */
    private static List<String> temporaryFilesOpen() {
        try (Stream<Path> open = Files.list(Path.of("/proc/self/fd"))) {
            return open.map(StatementJournalsTest::target).filter(name -> name.contains("etilqs_")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String target(Path descriptor) {
        try {
            return Files.readSymbolicLink(descriptor).toString();
        } catch (IOException e) {
            // Closed meanwhile (the listing's own descriptor, say).
            return "";
        }
    }
}
