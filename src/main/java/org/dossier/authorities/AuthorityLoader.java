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
import org.jooq.DSLContext;

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
                readIfPresent(folder.resolve(AuthorityFiles.PEOPLE), AuthorityFiles.PERSON_KINDS, "preferred"),
                readIfPresent(folder.resolve(AuthorityFiles.PLACES), AuthorityFiles.PLACE_KINDS, "preferred"),
                readIfPresent(folder.resolve(AuthorityFiles.TYPES), AuthorityFiles.TYPE_KINDS, "label"));
    }

    /** Writes the lists in the caller's transaction. */
    public static void store(DSLContext tx, AuthorityLists lists) {
        lists.people().forEach((key, forms) -> storePerson(tx, key, forms));
        lists.places().forEach((key, forms) -> storePlace(tx, key, forms));
        int position = 0;
        for (var entry : lists.types().entrySet()) {
            storeType(tx, entry.getKey(), entry.getValue(), position++);
        }
    }

    private static void storePerson(DSLContext tx, String key, List<AuthorityForm> forms) {
        AuthorityForm preferred = forms.get(0);
        String sortName = preferred.sortAs().isBlank() ? Slugs.sortKey(preferred.name()) : preferred.sortAs();
        tx.insertInto(PERSON, PERSON.KEY, PERSON.NAME, PERSON.SORT_NAME, PERSON.NOTE)
                .values(key, preferred.name(), sortName, preferred.note())
                .onConflict(PERSON.KEY).doUpdate()
                .set(PERSON.NAME, preferred.name())
                .set(PERSON.SORT_NAME, sortName)
                .set(PERSON.NOTE, preferred.note())
                .execute();
        int id = tx.select(PERSON.ID).from(PERSON).where(PERSON.KEY.eq(key)).fetchSingle(PERSON.ID);
        for (AuthorityForm form : forms) {
            String kind = form.kind().equals("preferred") ? "variant" : form.kind();
            tx.insertInto(PERSON_ALIAS, PERSON_ALIAS.PERSON_ID, PERSON_ALIAS.ALIAS, PERSON_ALIAS.KIND)
                    .values(id, form.name(), kind)
                    .onConflictDoNothing()
                    .execute();
        }
    }

    private static void storePlace(DSLContext tx, String key, List<AuthorityForm> forms) {
        AuthorityForm preferred = forms.get(0);
        String sortName = preferred.sortAs().isBlank() ? Slugs.sortKey(preferred.name()) : preferred.sortAs();
        tx.insertInto(PLACE, PLACE.KEY, PLACE.NAME, PLACE.SORT_NAME, PLACE.NOTE)
                .values(key, preferred.name(), sortName, preferred.note())
                .onConflict(PLACE.KEY).doUpdate()
                .set(PLACE.NAME, preferred.name())
                .set(PLACE.SORT_NAME, sortName)
                .set(PLACE.NOTE, preferred.note())
                .execute();
        int id = tx.select(PLACE.ID).from(PLACE).where(PLACE.KEY.eq(key)).fetchSingle(PLACE.ID);
        for (AuthorityForm form : forms) {
            String kind = form.kind().equals("preferred") ? "variant" : form.kind();
            tx.insertInto(PLACE_ALIAS, PLACE_ALIAS.PLACE_ID, PLACE_ALIAS.ALIAS, PLACE_ALIAS.KIND)
                    .values(id, form.name(), kind)
                    .onConflictDoNothing()
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
        return Files.exists(file) ? AuthorityFiles.read(file, kinds, headKind) : Map.of();
    }

    private AuthorityLoader() {
    }
}
