package org.dossier.authorities;

import static org.dossier.db.Tables.DOCUMENT;
import static org.dossier.db.Tables.DOCUMENT_PERSON;
import static org.dossier.db.Tables.DOCUMENT_TYPE;
import static org.dossier.db.Tables.REVISION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.dossier.app.Main;
import org.dossier.documents.Attribution;
import org.dossier.editing.MutableClock;
import org.dossier.importing.ImportRejectedException;
import org.dossier.importing.ImportReport;
import org.dossier.importing.ImportRun;
import org.dossier.testing.TestCatalogue;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestPostgres;
import org.jooq.Condition;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * After the seed the database is the authority: importing changed lists adds what is new, follows
 * the file where no editor changed anything, and reports, never overwrites, what an editor made.
 * {@code relink} links what the lists name in records imported before.
 */
class AuthorityListsImportTest {

    /** A copy of the seeds' catalogue for each test, as importing {@code seeds/} makes it ({@link TestDatabase#seeded}). */
    @RegisterExtension
    final TestDatabase db = TestDatabase.seededForEachTest();
    private AuthorityRecords authorities;

    @BeforeEach
    void readItsAuthorities() {
        authorities = new AuthorityRecords(db.dsl());
    }

    private StoredAuthority person(String key) {
        return authorities.find(AuthorityKind.PERSON, key).orElseThrow();
    }

    private void edit(String key, AuthorityContent content) {
        StoredAuthority now = person(key);
        db.store().write((w, tx) -> new AuthorityWriter(w, tx, Clock.systemUTC()).update(now, now.version(), content,
                Attribution.editor("alice", "Checked against the finding aid")));
    }

    /** The seed folder with its people list changed by {@code change} and one of its pages. */
    private Path changedSeeds(java.util.function.UnaryOperator<List<String>> change) throws Exception {
        return changedSeeds("people.csv", change);
    }

    /** The seed folder with one of its lists changed by {@code change} and one of its pages. */
    private Path changedSeeds(String changed, java.util.function.UnaryOperator<List<String>> change) throws Exception {
        Path folder = db.folder().resolve("seeds-changed");
        Files.createDirectories(folder.resolve("authorities"));
        for (String list : List.of("people.csv", "places.csv", "types.csv")) {
            Path from = TestCatalogue.SEEDS.resolve("authorities").resolve(list);
            List<String> lines = new ArrayList<>(Files.readAllLines(from, StandardCharsets.UTF_8));
            Files.write(folder.resolve("authorities").resolve(list),
                    list.equals(changed) ? change.apply(lines) : lines, StandardCharsets.UTF_8);
        }
        try (var pages = Files.list(TestCatalogue.SEEDS)) {
            Path page = pages.filter(p -> p.toString().endsWith(".txt")).sorted().findFirst().orElseThrow();
            Files.copy(page, folder.resolve(page.getFileName()));
        }
        return folder;
    }

    /**
     * A type's new label is what each of its records says it is (its Dublin Core type): they are
     * stamped again, as a person's rename stamps the records naming them, or an incremental
     * harvest would keep their old type for good.
     */
    @Test
    void aTypeListsNewLabelStampsItsRecordsAgain() throws Exception {
        Path seeds = changedSeeds("types.csv", lines -> lines.stream()
                .map(line -> line.equals("letter,label,Letter") ? "letter,label,Letter (original)" : line).toList());
        MutableClock clock = new MutableClock("2030-01-01T00:00:00Z");
        // An import that takes an hour; a harvester asks half-way through and next asks from then.
        new ImportRun(db.store(clock), clock).run(List.of(seeds), (done, total) -> {
            if (done == total) {
                clock.advance(Duration.ofHours(1));
            }
        });
        Instant askedMeanwhile = Instant.parse("2030-01-01T00:30:00Z");

        Condition letters = DOCUMENT.TYPE_ID.in(DSL.select(DOCUMENT_TYPE.ID).from(DOCUMENT_TYPE)
                .where(DOCUMENT_TYPE.KEY.eq("letter")));
        int lettersCount = db.dsl().fetchCount(DOCUMENT, letters);
        assertTrue(lettersCount > 0);
        assertEquals(lettersCount, db.dsl().fetchCount(DOCUMENT, letters.and(DOCUMENT.UPDATED_AT.ge(askedMeanwhile))),
                "every letter changed when its type's label did, as the import's transaction ended");
        assertEquals(0, db.dsl().fetchCount(DOCUMENT, letters.not().and(DOCUMENT.UPDATED_AT.ge(
                Instant.parse("2030-01-01T00:00:00Z")))), "no record of another type did");
    }

    @Test
    void theSeedIsVersionOneOfEveryPersonByImport() {
        List<AuthorityVersion> versions = authorities.versions(person("kovalev"));
        assertEquals(1, versions.size());
        assertEquals("import", versions.get(0).author());
        assertEquals("Ivan Kovalev", versions.get(0).content().name());
    }

    @Test
    void changedListsAddWhatIsNewFollowUntouchedEntriesAndReportWhatEditorsChanged() throws Exception {
        StoredAuthority kovalev = person("kovalev");
        List<AuthorityContent.Alias> aliases = new ArrayList<>(kovalev.content().aliases());
        aliases.add(new AuthorityContent.Alias("I. V. Kovalev", AliasKind.VARIANT));
        edit("kovalev", new AuthorityContent("Ivan V. Kovalev", "Kovalev, Ivan V.", kovalev.content().description(),
                EntityType.PERSON, aliases));

        Path seeds = changedSeeds(lines -> {
            List<String> out = new ArrayList<>();
            for (String line : lines) {
                out.add(line.replace("Soviet Ambassador to China", "Soviet Ambassador to the PRC"));
                if (line.startsWith("kovalev,variant,Kovalev")) {
                    out.add("kovalev,misspelling,Kovalyov,,");
                }
            }
            out.add("khrushchev,preferred,Nikita Khrushchev,\"Khrushchev, Nikita\",First Secretary of the CPSU");
            out.add("khrushchev,variant,Khrushchev,,");
            return out;
        });
        ImportReport report = new ImportRun(db.store(), Clock.systemUTC()).run(List.of(seeds));

        StoredAuthority kept = person("kovalev");
        assertEquals("Ivan V. Kovalev", kept.name(), "an editor's name is never overwritten");
        assertTrue(kept.content().aliases().contains(new AuthorityContent.Alias("Kovalyov", AliasKind.MISSPELLING)));
        assertTrue(kept.content().aliases().contains(new AuthorityContent.Alias("I. V. Kovalev", AliasKind.VARIANT)));
        String differences = String.join("\n", report.authorityDifferences());
        assertTrue(differences.contains("kovalev: added 'Ivan Kovalev', 'Kovalyov' beside an editor's changes"), differences);
        assertTrue(differences.contains("kovalev: the file names it 'Ivan Kovalev', an editor 'Ivan V. Kovalev' (kept)"),
                differences);
        assertTrue(differences.contains("kovalev: 'I. V. Kovalev' is not in the file; an editor added it (kept)"),
                differences);

        assertEquals("Soviet Ambassador to the PRC", person("roshchin").content().description(),
                "an entry no editor touched follows the file");
        assertEquals(2, authorities.versions(person("roshchin")).size());
        assertTrue(differences.lines().noneMatch(d -> d.contains("roshchin")), differences);

        StoredAuthority khrushchev = person("khrushchev");
        assertEquals("Nikita Khrushchev", khrushchev.name());
        assertEquals("import", authorities.versions(khrushchev).get(0).author());
    }

    /**
     * On PostgreSQL an editor's save commits while an import runs: the import's write of an entry
     * no editor had touched met a newer version, and the import failed with a bare
     * "roshchin is at version 2, not 1".
     */
    @Test
    void anEditorsSaveCommittedWhileAnImportRunsRefusesTheImportSayingWhereAndToRunItAgain() throws Exception {
        assumeTrue(TestPostgres.selected(), "on SQLite, one writer at a time: the save and the import never cross");
        Path seeds = changedSeeds(lines -> lines.stream().map(line -> line.startsWith("roshchin,preferred,")
                ? line.replace("Soviet Ambassador to China", "Soviet Ambassador to the PRC") : line).toList());
        StoredAuthority roshchin = person("roshchin");
        AuthorityContent edited = new AuthorityContent(roshchin.name(), roshchin.content().sortName(),
                "Soviet Ambassador to China, 1949-1952", roshchin.content().kind(), roshchin.content().aliases());
        CountDownLatch saved = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            // The editor's save, held open: the import reads the entry as it was, then its write waits for the save.
            Future<Boolean> editor = pool.submit(() -> db.store().write((w, tx) -> {
                boolean done = new AuthorityWriter(w, tx, Clock.systemUTC()).update(roshchin, roshchin.version(), edited,
                        Attribution.editor("alice", "Dates from the finding aid"));
                saved.countDown();
                awaitUninterruptibly(commit);
                return done;
            }));
            assertTrue(saved.await(60, TimeUnit.SECONDS));
            Future<ImportReport> importing = pool.submit(() -> new ImportRun(db.store(), Clock.systemUTC())
                    .run(List.of(seeds)));
            waitUntilATransactionWaitsForALock();
            commit.countDown();
            assertTrue(editor.get(60, TimeUnit.SECONDS));
            ExecutionException failed = assertThrows(ExecutionException.class, () -> importing.get(60, TimeUnit.SECONDS));
            ImportRejectedException refused = assertInstanceOf(ImportRejectedException.class, failed.getCause());
            assertEquals(List.of("people.csv:44: roshchin: an editor saved it while the import ran (it is at version 2; "
                    + "the import read version 1), so the import stopped and wrote nothing. Run it again: it keeps what "
                    + "the editor saved and reports what the file says otherwise"), refused.problems());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(edited.description(), person("roshchin").content().description(), "the editor's save is kept");

        ImportReport again = new ImportRun(db.store(), Clock.systemUTC()).run(List.of(seeds));
        assertTrue(again.authorityDifferences().contains("people.csv:44: roshchin: the file's note differs from an "
                + "editor's (kept)"), again.authorityDifferences().toString());
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            assertTrue(latch.await(60, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Until some transaction of the test database waits for a row another holds (PostgreSQL). */
    private void waitUntilATransactionWaitsForALock() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (db.dsl().fetchCount(DSL.table("pg_stat_activity"), DSL.field("wait_event_type").eq("Lock")
                .and(DSL.field("datname").eq(DSL.field("current_database()")))) == 0) {
            assertTrue(System.nanoTime() < deadline, "the import never came to wait for the editor's save");
            Thread.sleep(10);
        }
    }

    @Test
    void relinkLinksTheRecordsThatNameAPersonEachWithARevisionSayingWhy() throws Exception {
        StoredAuthority army = db.store().write((w, tx) -> new AuthorityWriter(w, tx, Clock.systemUTC()).create(AuthorityKind.PERSON,
                new AuthorityContent("Red Army", "", "", EntityType.ORGANISATION, List.of()), Attribution.editor("alice", "New")));
        String address = db.address().text();
        assertEquals(0, Main.run("relink", "--db", address, "--person", "red-army"));
        List<Integer> linked = db.dsl().select(DOCUMENT_PERSON.DOCUMENT_ID).from(DOCUMENT_PERSON)
                .where(DOCUMENT_PERSON.PERSON_ID.eq(army.id())).fetch(DOCUMENT_PERSON.DOCUMENT_ID);
        assertEquals(2, linked.size());
        for (int id : linked) {
            var latest = db.dsl().selectFrom(REVISION).where(REVISION.DOCUMENT_ID.eq(id)).orderBy(REVISION.NUMBER.desc())
                    .limit(1).fetchSingle();
            assertEquals("Linked to Red Army, alias 'Red Army' added", latest.getNote());
            assertEquals("relink --person red-army", latest.getSource());
        }
        assertEquals(0, Main.run("relink", "--db", address, "--person", "red-army"));
        assertEquals(2, db.dsl().fetchCount(DOCUMENT_PERSON, DOCUMENT_PERSON.PERSON_ID.eq(army.id())));
        assertEquals(1, Main.run("relink", "--db", address, "--person", "no-such-person"));
        assertEquals(2, Main.run("relink", "--db", address));
        assertEquals(2, Main.run("relink", "--db", address, "--person", "red-army", "--batch", "0"));
    }

    @Test
    void relinkInBatchesOfTwoLinksWhatOneRunLinksAllAtOnce() throws Exception {
        StoredAuthority stalin = new AuthorityRecords(db.dsl()).find(AuthorityKind.PERSON, "stalin").orElseThrow();
        // As if the records had been imported before his name was on the list.
        db.dsl().deleteFrom(DOCUMENT_PERSON).where(DOCUMENT_PERSON.PERSON_ID.eq(stalin.id())).execute();
        List<Integer> named = Mentions.unlinked(db.dsl(), stalin, Mentions.scanning(db.dsl())).mentions().stream()
                .map(Mentions.Mention::documentId).sorted().toList();
        assertTrue(named.size() > 4, "the seeds name Stalin in " + named.size() + " records");

        assertEquals(0, Main.run("relink", "--db", db.address().text(), "--person", "stalin", "--batch", "2"));
        assertEquals(named, db.dsl().select(DOCUMENT_PERSON.DOCUMENT_ID).from(DOCUMENT_PERSON)
                .where(DOCUMENT_PERSON.PERSON_ID.eq(stalin.id())).orderBy(DOCUMENT_PERSON.DOCUMENT_ID)
                .fetch(DOCUMENT_PERSON.DOCUMENT_ID), "every record that names him, each once");
        assertEquals(named.size(), db.dsl().fetchCount(REVISION, REVISION.SOURCE.eq("relink --person stalin")));
    }

    @Test
    void aFormAnEditorMovedToAnotherEntryStaysThereWhenTheListsAreImportedAgain() throws Exception {
        StoredAuthority kuznetsov = person("kuznetsov");
        edit("kuznetsov", new AuthorityContent(kuznetsov.name(), kuznetsov.content().sortName(),
                kuznetsov.content().description(), EntityType.PERSON, kuznetsov.content().aliases().stream()
                .filter(a -> !a.name().equals("V. V. Kuznetsov")).toList()));
        StoredAuthority tugarinov = person("tugarinov");
        List<AuthorityContent.Alias> his = new ArrayList<>(tugarinov.content().aliases());
        his.add(new AuthorityContent.Alias("V.V. Kuznetsov", AliasKind.VARIANT));
        edit("tugarinov", new AuthorityContent(tugarinov.name(), tugarinov.content().sortName(),
                tugarinov.content().description(), EntityType.PERSON, his));

        ImportReport report = new ImportRun(db.store(), Clock.systemUTC()).run(List.of(changedSeeds(lines -> lines)));

        assertTrue(person("kuznetsov").content().aliases().stream().noneMatch(a -> a.name().equals("V. V. Kuznetsov")),
                "not given back to the entry the editor took it from");
        assertTrue(person("tugarinov").content().aliases().contains(new AuthorityContent.Alias("V.V. Kuznetsov", AliasKind.VARIANT)));
        String differences = String.join("\n", report.authorityDifferences());
        assertTrue(differences.contains("kuznetsov: 'V. V. Kuznetsov' is in the file; an editor made it a name of 'tugarinov' "
                + "(kept there)"), differences);
    }

    /**
     * The lists give no form of a name to a second entry, an untouched one's either: it stays with the
     * one that has it, as an editor's form would refuse it, and the import says so. It followed the
     * file, and both claimed the records that name it.
     */
    @Test
    void aFormTheFileGivesAnUntouchedEntryThatAnotherHasStaysWithThatOneAndIsReported() throws Exception {
        Path seeds = changedSeeds(lines -> {
            List<String> out = new ArrayList<>();
            for (String line : lines) {
                out.add(line);
                if (line.startsWith("roshchin,variant,Roshchin")) {
                    out.add("roshchin,variant,V.V. Kuznetsov,,");
                    out.add("roshchin,variant,Nikolai V. Roshchin,,");
                }
            }
            return out;
        });
        ImportReport report = new ImportRun(db.store(), Clock.systemUTC()).run(List.of(seeds));

        assertEquals(List.of("people.csv:44: roshchin: 'V.V. Kuznetsov' is in the file and a name of 'kuznetsov' already "
                + "(kept there)"), report.authorityDifferences());
        List<String> his = person("roshchin").content().aliases().stream().map(AuthorityContent.Alias::name).toList();
        assertTrue(his.contains("Nikolai V. Roshchin") && !his.contains("V.V. Kuznetsov"), his.toString());
        assertTrue(person("kuznetsov").content().aliases().contains(new AuthorityContent.Alias("V. V. Kuznetsov",
                AliasKind.VARIANT)));
    }
}
