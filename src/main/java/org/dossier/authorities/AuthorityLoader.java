package org.dossier.authorities;

import static org.dossier.db.Tables.DOCUMENT_TYPE;
import static org.dossier.db.Tables.DOCUMENT_TYPE_PATTERN;
import static org.dossier.db.Tables.PERSON;
import static org.dossier.db.Tables.PERSON_ALIAS;
import static org.dossier.db.Tables.PLACE;
import static org.dossier.db.Tables.PLACE_ALIAS;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dossier.documents.Slugs;
import org.dossier.db.tables.records.PersonAliasRecord;
import org.dossier.db.tables.records.PersonRecord;
import org.dossier.db.tables.records.PlaceAliasRecord;
import org.dossier.db.tables.records.PlaceRecord;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.TableField;

/**
 * Brings the authority lists of a folder into the database: new people, places, types and forms
 * are added, names and notes follow the files, and nothing an editor linked is removed.
 */
public final class AuthorityLoader {

    /** The authority files of a folder, read and checked before anything is written. */
    public record AuthorityLists(Map<String, List<AuthorityForm>> people, Map<String, List<AuthorityForm>> places,
                                 Map<String, List<AuthorityForm>> types) {
    }

    public static AuthorityLists read(Path folder) throws IOException, AuthorityFileException {
        return new AuthorityLists(
                readIfPresent(folder.resolve(AuthorityFiles.PEOPLE), AuthorityFiles.PERSON_KINDS,
                        java.util.Set.of("preferred", AuthorityFiles.ORGANISATION)),
                readIfPresent(folder.resolve(AuthorityFiles.PLACES), AuthorityFiles.PLACE_KINDS, "preferred"),
                readIfPresent(folder.resolve(AuthorityFiles.TYPES), AuthorityFiles.TYPE_KINDS, "label"));
    }

    /** Writes the lists in the caller's transaction. */
    public static void store(DSLContext tx, AuthorityLists lists) {
        lists.people().forEach((key, forms) -> {
            storeAuthority(tx, PEOPLE, key, forms);
            String kind = forms.get(0).kind().equals(AuthorityFiles.ORGANISATION) ? "organisation" : "person";
            tx.update(PERSON).set(PERSON.KIND, kind).where(PERSON.KEY.eq(key)).execute();
        });
        lists.places().forEach((key, forms) -> storeAuthority(tx, PLACES, key, forms));
        int position = 0;
        for (var entry : lists.types().entrySet()) {
            storeType(tx, entry.getKey(), entry.getValue(), position++);
        }
    }

    /** The columns of one kind of authority (people, places) and of its aliases. */
    private record AuthorityTable<R extends Record, A extends Record>(
            Table<R> table, TableField<R, Integer> id, TableField<R, String> key, TableField<R, String> name,
            TableField<R, String> sortName, TableField<R, String> note,
            Table<A> aliases, TableField<A, Integer> owner, TableField<A, String> alias, TableField<A, String> kind) {
    }

    private static final AuthorityTable<PersonRecord, PersonAliasRecord> PEOPLE = new AuthorityTable<>(
            PERSON, PERSON.ID, PERSON.KEY, PERSON.NAME, PERSON.SORT_NAME, PERSON.NOTE,
            PERSON_ALIAS, PERSON_ALIAS.PERSON_ID, PERSON_ALIAS.ALIAS, PERSON_ALIAS.KIND);

    private static final AuthorityTable<PlaceRecord, PlaceAliasRecord> PLACES = new AuthorityTable<>(
            PLACE, PLACE.ID, PLACE.KEY, PLACE.NAME, PLACE.SORT_NAME, PLACE.NOTE,
            PLACE_ALIAS, PLACE_ALIAS.PLACE_ID, PLACE_ALIAS.ALIAS, PLACE_ALIAS.KIND);

    private static <R extends Record, A extends Record> void storeAuthority(
            DSLContext tx, AuthorityTable<R, A> t, String key, List<AuthorityForm> forms) {
        AuthorityForm preferred = forms.get(0);
        String sortName = preferred.sortAs().isBlank() ? Slugs.sortKey(preferred.name()) : preferred.sortAs();
        tx.insertInto(t.table(), t.key(), t.name(), t.sortName(), t.note())
                .values(key, preferred.name(), sortName, preferred.note())
                .onConflict(t.key()).doUpdate()
                .set(t.name(), preferred.name())
                .set(t.sortName(), sortName)
                .set(t.note(), preferred.note())
                .execute();
        int id = tx.select(t.id()).from(t.table()).where(t.key().eq(key)).fetchSingle(t.id());
        for (AuthorityForm form : forms) {
            // The preferred form is matched in text like any other: it is stored as a variant too.
            String kind = form.kind().equals("preferred") || form.kind().equals(AuthorityFiles.ORGANISATION)
                    ? "variant" : form.kind();
            // Kinds follow the files, like names and notes: a form marked full-name-only later is marked so.
            tx.insertInto(t.aliases(), t.owner(), t.alias(), t.kind())
                    .values(id, form.name(), kind)
                    .onConflict(t.owner(), t.alias()).doUpdate()
                    .set(t.kind(), kind)
                    .execute();
        }
    }

    private static void storeType(DSLContext tx, String key, List<AuthorityForm> forms, int position) {
        String label = forms.get(0).name();
        tx.insertInto(DOCUMENT_TYPE, DOCUMENT_TYPE.KEY, DOCUMENT_TYPE.LABEL, DOCUMENT_TYPE.POSITION)
                .values(key, label, position)
                .onConflict(DOCUMENT_TYPE.KEY).doUpdate()
                .set(DOCUMENT_TYPE.LABEL, label)
                .set(DOCUMENT_TYPE.POSITION, position)
                .execute();
        int id = tx.select(DOCUMENT_TYPE.ID).from(DOCUMENT_TYPE).where(DOCUMENT_TYPE.KEY.eq(key))
                .fetchSingle(DOCUMENT_TYPE.ID);
        for (AuthorityForm form : forms.subList(1, forms.size())) {
            tx.insertInto(DOCUMENT_TYPE_PATTERN, DOCUMENT_TYPE_PATTERN.TYPE_ID, DOCUMENT_TYPE_PATTERN.PATTERN)
                    .values(id, form.name())
                    .onConflictDoNothing()
                    .execute();
        }
    }

    private static Map<String, List<AuthorityForm>> readIfPresent(Path file, java.util.Set<String> kinds,
                                                                  String headKind)
            throws IOException, AuthorityFileException {
        return readIfPresent(file, kinds, java.util.Set.of(headKind));
    }

    private static Map<String, List<AuthorityForm>> readIfPresent(Path file, java.util.Set<String> kinds,
                                                                  java.util.Set<String> headKinds)
            throws IOException, AuthorityFileException {
        return Files.exists(file) ? AuthorityFiles.read(file, kinds, headKinds) : Map.of();
    }

    private AuthorityLoader() {
    }
}
