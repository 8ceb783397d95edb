package org.dossier.importing;

import static org.dossier.db.Tables.DOCUMENT;
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
import java.util.stream.Stream;
import org.dossier.app.Database;
import org.dossier.documents.CommitClock;
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
 * class's SQLite connection, in this same process, may hold one of its own. (Past the bulk write's
 * page cache, hundreds of thousands of entries, the records' and revisions' rows still keep one on
 * SQLite 3.54: "Imports, ninth round".)
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
