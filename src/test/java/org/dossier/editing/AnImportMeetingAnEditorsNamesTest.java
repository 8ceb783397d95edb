package org.dossier.editing;

import static org.dossier.db.Tables.DOCUMENT;
import static org.dossier.db.Tables.DOCUMENT_PERSON;
import static org.dossier.db.Tables.PERSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.dossier.authorities.AliasKind;
import org.dossier.authorities.AuthorityContent;
import org.dossier.authorities.AuthorityKind;
import org.dossier.authorities.AuthorityRecords;
import org.dossier.authorities.AuthorityWriter;
import org.dossier.authorities.EntityType;
import org.dossier.authorities.StoredAuthority;
import org.dossier.documents.Attribution;
import org.dossier.documents.RecordStore;
import org.dossier.importing.ImportRejectedException;
import org.dossier.importing.ImportReport;
import org.dossier.importing.ImportRun;
import org.dossier.testing.CatalogueDatabase;
import org.dossier.testing.SeededCatalogue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an import of lists answers when an editor's form gives one of the names it lists to another
 * person, that form's write held open until the import waits for it: the form of the name stays the
 * editor's person's alone, and the import says so (a form kept there, its record linked to that
 * person) or, for the name of a new entry, is refused whole. On PostgreSQL the import's lists took no
 * lock on the names and did not look at other entries' forms for a new entry: both committed, one
 * form with two owners.
 */
class AnImportMeetingAnEditorsNamesTest {

    @RegisterExtension
    static final SeededCatalogue catalogue = SeededCatalogue.ownedByTheClass();
    private static final CatalogueDatabase database = CatalogueDatabase.forTheClass(catalogue);

    @TempDir
    Path folder;

    /**
     * The import of {@code lists} run while {@code meanwhile}, an editor's write as the form's write
     * makes it (the names' lock taken first), is held open: once the import waits for it (or has
     * ended without waiting, which the test then finds out), it commits. The import, ended.
     */
    private static CompletableFuture<ImportReport> importedWhile(RecordStore.Work<?> meanwhile, ListsToImport lists)
            throws Exception {
        CompletableFuture<ImportReport> importing;
        try (HeldWrite held = HeldWrite.throughTheStore(catalogue, (records, tx) -> {
            new AuthorityRecords(tx).ownersForWriting(AuthorityKind.PERSON, 0);
            return meanwhile.run(records, tx);
        })) {
            importing = CompletableFuture.supplyAsync(() -> {
                try {
                    return lists.into(catalogue, (done, total) -> { });
                } catch (ImportRejectedException e) {
                    throw new java.util.concurrent.CompletionException(e);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            LockWaits.awaitWaiting(database.dsl(), 1, ImportRun.class, importing);
        }
        try {
            importing.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException refused) {
            // the test asks what it was
        }
        return importing;
    }

    private static StoredAuthority person(org.jooq.DSLContext db, String key) {
        return new AuthorityRecords(db).find(AuthorityKind.PERSON, key).orElseThrow();
    }

    private static AuthorityWriter bobs(org.dossier.documents.RecordWriter records, org.jooq.DSLContext tx) {
        return new AuthorityWriter(records, tx, Clock.systemUTC());
    }

    /** The keys of the people the record titled with {@code words} is linked to. */
    private static List<String> linkedTo(String words) {
        return database.dsl().select(PERSON.KEY).from(DOCUMENT_PERSON).join(PERSON).on(PERSON.ID.eq(DOCUMENT_PERSON.PERSON_ID))
                .where(DOCUMENT_PERSON.DOCUMENT_ID.eq(database.recordTitled(words))).orderBy(PERSON.KEY).fetch(PERSON.KEY);
    }

    @Test
    void aFormAnEditorGaveAnotherPersonWhileTheImportWaitedStaysThereAndTheRecordNamingItIsLinkedToThem()
            throws Exception {
        new RecordStore(database.dsl(), Clock.systemUTC()).write((records, tx) -> bobs(records, tx).create(AuthorityKind.PERSON,
                new AuthorityContent("Clerk Of Maps", null, "", EntityType.PERSON, List.of()),
                Attribution.editor("bob", "A clerk")));
        ListsToImport lists = ListsToImport.of(folder, List.of("boris-maps,preferred,Boris Maps,,A clerk",
                "boris-maps,variant,The Map Clerk,,"), "Report of the Map Clerk on the archives");

        ImportReport report = importedWhile((records, tx) -> {
            StoredAuthority clerk = person(tx, "clerk-of-maps");
            List<AuthorityContent.Alias> forms = new ArrayList<>(clerk.content().aliases());
            forms.add(new AuthorityContent.Alias("The Map Clerk", AliasKind.PSEUDONYM));
            AuthorityContent was = clerk.content();
            return bobs(records, tx).update(clerk, clerk.version(), new AuthorityContent(was.name(), was.sortName(),
                    was.description(), was.kind(), forms), Attribution.editor("bob", "His nickname"));
        }, lists).get();

        assertEquals(List.of("clerk-of-maps"), database.peopleWithForm("The Map Clerk"), "the editor's alone");
        assertEquals(List.of("people.csv:2: boris-maps: 'The Map Clerk' is in the file and a name of 'clerk-of-maps' "
                + "already (kept there)"), report.authorityDifferences());
        assertEquals("Boris Maps", person(database.dsl(), "boris-maps").name(), "the rest of the entry is imported");
        assertEquals(List.of("clerk-of-maps"), linkedTo("Report of the Map Clerk"), "linked to the form's one owner");
    }

    @Test
    void aNewEntryNamedAsAPersonAnEditorMadeWhileTheImportWaitedRefusesTheImportWholeSayingWhereAndWhatToDo()
            throws Exception {
        ListsToImport lists = ListsToImport.of(folder, List.of("inkwell,preferred,Grigory Inkwell,,A clerk"),
                "Report of Grigory Inkwell on the archives");

        CompletableFuture<ImportReport> importing = importedWhile((records, tx) -> bobs(records, tx).create(
                AuthorityKind.PERSON, new AuthorityContent("Grigory Inkwell", null, "Bob's clerk", EntityType.PERSON,
                        List.of()), Attribution.editor("bob", "A clerk")), lists);

        ExecutionException failed = assertThrows(ExecutionException.class, importing::get);
        ImportRejectedException refused = assertInstanceOf(ImportRejectedException.class, failed.getCause());
        assertEquals(List.of("people.csv:2: inkwell: 'Grigory Inkwell' is a name of 'grigory-inkwell' already, so the "
                + "import stopped and wrote nothing: no two entries share a name. Tell the two apart in the file's name, "
                + "as catalogues do ('John Smith (1882–1959)'), and run it again"), refused.problems());
        assertEquals(List.of("grigory-inkwell"), database.peopleWithForm("Grigory Inkwell"), "the editor's alone");
        assertEquals(0, database.dsl().fetchCount(DOCUMENT, DOCUMENT.TITLE.contains("Grigory Inkwell")),
                "the import's record is not written");
    }
}
