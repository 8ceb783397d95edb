package org.dossier.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.dossier.importing.ImportRun;
import org.dossier.importing.NewFileImport;
import org.dossier.testing.LargeSeedPage;
import org.dossier.testing.SameOnEveryDatabase;
import org.dossier.testing.TestCatalogue;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code import} into a SQLite file that is not there yet: written as {@code generate} writes a new
 * file (under another name, without a journal, renamed into place only when whole), it makes the
 * very catalogue the import into an empty catalogue in use makes, and an import that is refused or
 * fails leaves nothing at the path given.
 */
@SameOnEveryDatabase
// It reads what the commands say on System.err, which it swaps: as every class that does.
@ResourceLock(Resources.SYSTEM_ERR)
class ImportIntoANewFileTest {

    @TempDir
    Path folder;

    /**
     * Seeds, a page of several chunks' worth of entries (the default chunk is 2,000), and a page
     * that repeats entries of both (each seen again: a record already made by this import, its
     * place of sight added), undated ones among them.
     */
    private List<Path> pages() throws Exception {
        Path pages = Files.createDirectories(folder.resolve("pages"));
        Path large = LargeSeedPage.write(pages.resolve("large.txt"), 4_500, "Undated\n\nA note without a date\n\n");
        Path again = Files.writeString(pages.resolve("again.txt"), String.join("\n", Files.readAllLines(large).subList(0, 40))
                + "\n\n" + Files.readString(TestCatalogue.SEEDS.resolve("000_e5d1db3f1c6b46ae.txt")));
        return List.of(TestCatalogue.SEEDS, large, again);
    }

    @Test
    void anImportIntoANewFileMakesTheCatalogueAnImportIntoAnEmptyOneMakes() throws Exception {
        List<Path> pages = pages();
        Path fresh = folder.resolve("fresh/dossier.db");
        Watched watched = Watched.whileRunning(fresh.getParent(), () -> Main.run(command(fresh, pages)));
        assertEquals(0, watched.status(), watched.said());
        // Made under another name, and at the path given only once whole.
        assertTrue(watched.listings().stream().anyMatch(l -> l.size() == 1 && l.get(0).endsWith(".building")),
                "written under a name of its own first: " + watched.listings());
        assertTrue(watched.listings().stream().noneMatch(l -> l.contains("dossier.db") && l.size() > 1),
                "nothing beside the catalogue once it is at its name: " + watched.listings());
        assertEquals(List.of("dossier.db"), names(fresh.getParent()));

        Path empty = importedIntoAnEmptyCatalogue(pages);
        try (Database made = Database.open(fresh); Database old = Database.open(empty)) {
            assertSameCatalogue(old.dsl(), made.dsl());
            int records = made.dsl().fetchCount(DSL.table(DSL.name("document")));
            assertTrue(records > 4_500 + 49, "the pages' records: " + records);
            // The change feed: the authority lists' change, then one for each record.
            assertEquals(1 + records, made.dsl().fetchCount(DSL.table(DSL.name("change"))));
            assertEquals("wal", made.dsl().fetchValue("pragma journal_mode"));
            assertEquals("ok", made.dsl().fetchValue("pragma quick_check"));
            assertEquals(0, made.dsl().fetch("pragma foreign_key_check").size());
        }
    }

    /**
     * The entries a new file's import made are told from the first bits of their identities, kept
     * in memory, and the index by identity is built at the end: with only two bits kept, nearly every
     * identity shares its bits with another, and each entry seen again is still the record made of
     * it, and no other; the catalogue is the one an import into an empty catalogue in use makes, its
     * index by identity among its indexes.
     */
    @Test
    void identitiesThatShareTheirBitsInMemoryAreStillToldApartExactly() throws Exception {
        List<Path> pages = pages();
        Path fresh = folder.resolve("fresh/dossier.db");
        NewFileImport twoBits = NewFileImport.check(pages, java.time.Clock.systemUTC(), new ImportRun.Tuning(200, true, true, 2));
        NewSqliteFile.build(fresh, one -> twoBits.writeInto(one, (done, total) -> { }));
        Path empty = importedIntoAnEmptyCatalogue(pages);
        try (Database made = Database.open(fresh); Database old = Database.open(empty)) {
            assertSameCatalogue(old.dsl(), made.dsl());
            assertTrue(schema(made.dsl()).stream().anyMatch(sql -> sql.contains("document_source_by_identity")));
            // The page that repeats others' entries: each it repeats (all but the one its cut leaves
            // without its summary) is the record made of its first sighting.
            int seenAgain = made.dsl().fetchSingle("select count(*) from document_source a where a.file like '%again.txt'"
                    + " and exists (select 1 from document_source b where b.document_id = a.document_id"
                    + " and b.file not like '%again.txt')").get(0, Integer.class);
            assertTrue(seenAgain > 10, "entries seen again: " + seenAgain);
        }
    }

    /**
     * A page whose last line is wrong: the run is refused with that line, and nothing is ever at
     * the path given, nor the folder it was to be in (on a catalogue in use, the file was made
     * and migrated before the pages were checked, and taken away after).
     */
    @Test
    void aBadLineAtTheEndOfALargePageLeavesNoFileAndNamesThatLine() throws Exception {
        Path large = LargeSeedPage.write(folder.resolve("large.txt"), 5_000,
                "February 30, 1950\n\nA telegram on a day that never was\n");
        long lines = Files.readAllLines(large).size();
        Path fresh = folder.resolve("new/dossier.db");
        Watched watched = Watched.whileRunning(folder, () -> Main.run(command(fresh, List.of(large))));
        assertEquals(1, watched.status());
        assertTrue(watched.said().contains(large + ":" + (lines - 2) + ": 'February 30, 1950' is not a real date"),
                watched.said());
        assertTrue(watched.said().contains("Nothing was imported"), watched.said());
        assertTrue(watched.listings().stream().flatMap(List::stream).noneMatch(name -> name.equals("new")),
                "no folder and no catalogue at " + fresh + " at any time: " + watched.listings());
        assertEquals(List.of("large.txt"), names(folder));
    }

    /** A failure once hundreds of entries are written (a full disk, say): the file being made goes, and its folder. */
    @Test
    void aFailureWhileWritingANewFileLeavesNothing() throws Exception {
        Path large = LargeSeedPage.write(folder.resolve("large.txt"), 1_000, "");
        Path fresh = folder.resolve("new/dossier.db");
        // Chunks of 200 entries: several sent to the file when the write fails.
        NewFileImport pages = NewFileImport.check(List.of(large), java.time.Clock.systemUTC(),
                new ImportRun.Tuning(200, true, true));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> NewSqliteFile.build(fresh,
                one -> pages.writeInto(one, (done, total) -> {
                    if (done == 900) {
                        throw new IllegalStateException("the disk is full");
                    }
                })));
        assertEquals("the disk is full", e.getMessage());
        assertEquals(List.of("large.txt"), names(folder));
    }

    private static String[] command(Path db, List<Path> pages) {
        List<String> args = new ArrayList<>(List.of("import", "--db", db.toString()));
        pages.forEach(page -> args.add(page.toString()));
        return args.toArray(String[]::new);
    }

    /** The same pages imported into a catalogue that is there, migrated and empty: the import of a catalogue in use. */
    private Path importedIntoAnEmptyCatalogue(List<Path> pages) throws Exception {
        Path empty = folder.resolve("empty/dossier.db");
        Database.open(empty).close();
        assertEquals(0, Main.run(command(empty, pages)));
        return empty;
    }

    /** {@code made} holds every row {@code old} holds, times aside, and no other, under the same schema. */
    private static void assertSameCatalogue(DSLContext old, DSLContext made) {
        for (String table : tables(old)) {
            assertEquals(rowsWithoutTimes(old, table), rowsWithoutTimes(made, table), table);
        }
        assertEquals(schema(old), schema(made));
    }

    /** Every table's, index's and trigger's definition, in name order. */
    private static List<String> schema(DSLContext db) {
        Field<String> sql = DSL.field(DSL.name("sql"), String.class);
        return db.select(sql).from(DSL.table(DSL.name("sqlite_master"))).where(sql.isNotNull())
                .orderBy(DSL.field(DSL.name("name"))).fetch(sql);
    }

    /** The catalogue's tables, Flyway's own aside (it notes when each migration ran). */
    private static List<String> tables(DSLContext db) {
        Field<String> name = DSL.field(DSL.name("name"), String.class);
        return db.select(name).from(DSL.table(DSL.name("sqlite_master")))
                .where(DSL.field(DSL.name("type"), String.class).eq("table"))
                .and(name.ne("flyway_schema_history")).orderBy(name).fetch(name);
    }

    /**
     * Every row of {@code table}, in the order of all its columns, without the columns of times
     * (each run has its own now: {@code *_at}) and the feed's name (random for each file).
     */
    private static List<List<Object>> rowsWithoutTimes(DSLContext db, String table) {
        List<Field<?>> columns = db.fetch("pragma table_info({0})", DSL.inline(table)).stream()
                .map(column -> column.get("name", String.class))
                .filter(column -> !column.endsWith("_at") && !(table.equals("change_head") && column.equals("feed")))
                .<Field<?>>map(column -> DSL.field(DSL.name(column)))
                .toList();
        return db.select(columns).from(DSL.table(DSL.name(table))).orderBy(columns).fetch()
                .map(Record::intoList);
    }

    private static List<String> names(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    /**
     * A command run on a thread of its own while this one lists {@code folder} as often as it can:
     * every distinct listing seen, in the order first seen, the command's status and what it said.
     */
    private record Watched(int status, String said, List<List<String>> listings) {

        static Watched whileRunning(Path folder, Callable<Integer> command) throws Exception {
            PrintStream realErr = System.err;
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Set<List<String>> listings = new LinkedHashSet<>();
            ExecutorService thread = Executors.newSingleThreadExecutor();
            try {
                System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
                Future<Integer> status = thread.submit(command);
                while (!status.isDone()) {
                    listings.add(Files.isDirectory(folder) ? names(folder) : List.of());
                    Thread.sleep(1);
                }
                listings.add(Files.isDirectory(folder) ? names(folder) : List.of());
                return new Watched(status.get(), err.toString(StandardCharsets.UTF_8), List.copyOf(listings));
            } finally {
                System.setErr(realErr);
                thread.shutdownNow();
            }
        }
    }
}
