package org.dossier.editing;

import static org.dossier.db.Tables.DOCUMENT;
import static org.dossier.db.Tables.DOCUMENT_PERSON;
import static org.dossier.db.Tables.DOCUMENT_PLACE;
import static org.dossier.db.Tables.PERSON;
import static org.dossier.db.Tables.PLACE;
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
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What an import of lists answers when an editor's form gives one of the names it lists to another
 * person or place, that form's write held open until the import waits for it: the form of the name
 * stays the editor's entry's alone, and the import says so (a form kept there, its record linked to
 * that entry) or, for the name of a new entry, is refused whole. On PostgreSQL the import's lists took
 * no lock on the names and did not look at other entries' forms for a new entry: both committed, one
 * form with two owners. People and places take their lists' locks through the same code, and each
 * list is tested: the same names serve both, a list's entries being apart from the other's.
 */
@org.junit.jupiter.api.parallel.ResourceLock(LockWaits.PARKED_IN_SQLITE)
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
    private static CompletableFuture<ImportReport> importedWhile(AuthorityKind list, RecordStore.Work<?> meanwhile,
                                                                 ListsToImport lists) throws Exception {
        CompletableFuture<ImportReport> importing;
        try (HeldWrite held = HeldWrite.throughTheStore(catalogue, (records, tx) -> {
            new AuthorityRecords(tx).ownersForWriting(list, 0);
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

    private static StoredAuthority entry(org.jooq.DSLContext db, AuthorityKind list, String key) {
        return new AuthorityRecords(db).find(list, key).orElseThrow();
    }

    private static AuthorityWriter bobs(org.dossier.documents.RecordWriter records, org.jooq.DSLContext tx) {
        return new AuthorityWriter(records, tx, Clock.systemUTC());
    }

    /** The keys of the entries of {@code list} the record titled with {@code words} is linked to. */
    private static List<String> linkedTo(AuthorityKind list, String words) {
        int record = database.recordTitled(words);
        return list.forPeople()
                ? database.dsl().select(PERSON.KEY).from(DOCUMENT_PERSON).join(PERSON).on(PERSON.ID.eq(DOCUMENT_PERSON.PERSON_ID))
                        .where(DOCUMENT_PERSON.DOCUMENT_ID.eq(record)).orderBy(PERSON.KEY).fetch(PERSON.KEY)
                : database.dsl().select(PLACE.KEY).from(DOCUMENT_PLACE).join(PLACE).on(PLACE.ID.eq(DOCUMENT_PLACE.PLACE_ID))
                        .where(DOCUMENT_PLACE.DOCUMENT_ID.eq(record)).orderBy(PLACE.KEY).fetch(PLACE.KEY);
    }

    /** The keys of the entries of {@code list} that have {@code form} among their forms of the name. */
    private static List<String> withForm(AuthorityKind list, String form) {
        return list.forPeople() ? database.peopleWithForm(form) : database.placesWithForm(form);
    }

    @ParameterizedTest
    @EnumSource(AuthorityKind.class)
    void aFormAnEditorGaveAnotherEntryWhileTheImportWaitedStaysThereAndTheRecordNamingItIsLinkedToIt(AuthorityKind list)
            throws Exception {
        new RecordStore(database.dsl(), Clock.systemUTC()).write((records, tx) -> bobs(records, tx).create(list,
                new AuthorityContent("Clerk Of Maps", null, "", EntityType.usual(list), List.of()),
                Attribution.editor("bob", "A clerk")));
        // A record of its own for each list: the other's run may have imported one titled alike.
        String title = "Report of the Map Clerk on the " + list.plural() + " of the archives";
        ListsToImport lists = ListsToImport.of(folder, list, List.of("boris-maps,preferred,Boris Maps,,A clerk",
                "boris-maps,variant,The Map Clerk,,"), title);

        ImportReport report = importedWhile(list, (records, tx) -> {
            StoredAuthority clerk = entry(tx, list, "clerk-of-maps");
            List<AuthorityContent.Alias> forms = new ArrayList<>(clerk.content().aliases());
            forms.add(new AuthorityContent.Alias("The Map Clerk", AliasKind.VARIANT));
            AuthorityContent was = clerk.content();
            return bobs(records, tx).update(clerk, clerk.version(), new AuthorityContent(was.name(), was.sortName(),
                    was.description(), was.kind(), forms), Attribution.editor("bob", "His nickname"));
        }, lists).get();

        assertEquals(List.of("clerk-of-maps"), withForm(list, "The Map Clerk"), "the editor's alone");
        assertEquals(List.of(ListsToImport.file(list) + ":2: boris-maps: 'The Map Clerk' is in the file and a name of "
                + "'clerk-of-maps' already (kept there)"), report.authorityDifferences());
        assertEquals("Boris Maps", entry(database.dsl(), list, "boris-maps").name(), "the rest of the entry is imported");
        assertEquals(List.of("clerk-of-maps"), linkedTo(list, title), "linked to the form's one owner");
    }

    @ParameterizedTest
    @EnumSource(AuthorityKind.class)
    void aNewEntryNamedAsOneAnEditorMadeWhileTheImportWaitedRefusesTheImportWholeSayingWhereAndWhatToDo(AuthorityKind list)
            throws Exception {
        ListsToImport lists = ListsToImport.of(folder, list, List.of("inkwell,preferred,Grigory Inkwell,,A clerk"),
                "Report of Grigory Inkwell on the archives");

        CompletableFuture<ImportReport> importing = importedWhile(list, (records, tx) -> bobs(records, tx).create(
                list, new AuthorityContent("Grigory Inkwell", null, "Bob's clerk", EntityType.usual(list),
                        List.of()), Attribution.editor("bob", "A clerk")), lists);

        ExecutionException failed = assertThrows(ExecutionException.class, importing::get);
        ImportRejectedException refused = assertInstanceOf(ImportRejectedException.class, failed.getCause());
        assertEquals(List.of(ListsToImport.file(list) + ":2: inkwell: 'Grigory Inkwell' is a name of 'grigory-inkwell' "
                + "already, so the import stopped and wrote nothing: no two entries share a name. Tell the two apart in "
                + "the file's name, as catalogues do ('John Smith (1882–1959)'), and run it again"), refused.problems());
        assertEquals(List.of("grigory-inkwell"), withForm(list, "Grigory Inkwell"), "the editor's alone");
        assertEquals(0, database.dsl().fetchCount(DOCUMENT, DOCUMENT.TITLE.contains("Grigory Inkwell")),
                "the import's record is not written");
    }
}
