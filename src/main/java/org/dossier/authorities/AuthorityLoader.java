package org.dossier.authorities;

import static org.dossier.db.Tables.DOCUMENT;
import static org.dossier.db.Tables.DOCUMENT_TYPE;
import static org.dossier.db.Tables.DOCUMENT_TYPE_PATTERN;
import static org.dossier.db.Tables.AUTHORITY_VERSION;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.dossier.documents.Attribution;
import java.util.Map;
import org.dossier.documents.Slugs;
import org.jooq.DSLContext;

/**
 * Brings the authority lists of a folder into the database: new people, places, types and forms
 * are added; an entry no editor has changed follows the file; an editor's work is kept and what
 * differs is reported (see {@link #store}); nothing an editor linked is removed.
 */
public final class AuthorityLoader {

    /**
     * The authority files of a folder, read and checked before anything is written: the lists as
     * the files say them, every form with its line; what a node holds in memory is the other
     * shape, {@link AuthorityLists}, read from the database they are stored in.
     */
    public record FolderLists(Map<String, List<AuthorityForm>> people, Map<String, List<AuthorityForm>> places,
                                 Map<String, List<AuthorityForm>> types) {
    }

    public static FolderLists read(Path folder) throws IOException, AuthorityFileException {
        return new FolderLists(
                readIfPresent(folder.resolve(AuthorityFiles.PEOPLE), AuthorityFiles.PERSON_KINDS,
                        java.util.Set.of("preferred", AuthorityFiles.ORGANISATION)),
                readIfPresent(folder.resolve(AuthorityFiles.PLACES), AuthorityFiles.PLACE_KINDS, "preferred"),
                readIfPresent(folder.resolve(AuthorityFiles.TYPES), AuthorityFiles.TYPE_KINDS, "label"));
    }

    /**
     * Writes the lists in the caller's transaction. A person or place the catalogue lacks is added
     * (version 1, by {@code import}); one no editor has changed follows the file; one an editor has
     * changed keeps what the editor made: only forms of its name it lacks are added, and every other
     * difference is reported, never written. A form another entry has stays that one's alone, said
     * in the reports; a name another entry has refuses the import ({@link NameTaken}). Returns those
     * reports, one line each, of the two kinds apart ({@link ListDifferences}).
     */
    public static ListDifferences store(DSLContext tx, FolderLists lists) {
        return store(tx, lists, Clock.systemUTC());
    }

    public static ListDifferences store(DSLContext tx, FolderLists lists, Clock clock) {
        AuthorityWriter writer = new AuthorityWriter(tx, clock);
        AuthorityRecords read = new AuthorityRecords(tx);
        List<String> differences = new ArrayList<>();
        List<String> leftWithOwners = new ArrayList<>();
        // Both lists' names before anything is written: a place's save holding its list's lock may
        // wait for a record the people's list stamped (a rename), and this import for that lock.
        FormOwners people = FormOwners.forWriting(read, AuthorityKind.PERSON, lists.people());
        FormOwners places = FormOwners.forWriting(read, AuthorityKind.PLACE, lists.places());
        lists.people().forEach((key, forms) -> storeAuthority(tx, writer, read, people, AuthorityKind.PERSON,
                AuthorityFiles.PEOPLE, key, forms, differences, leftWithOwners));
        lists.places().forEach((key, forms) -> storeAuthority(tx, writer, read, places, AuthorityKind.PLACE,
                AuthorityFiles.PLACES, key, forms, differences, leftWithOwners));
        int position = 0;
        for (var entry : lists.types().entrySet()) {
            storeType(tx, entry.getKey(), entry.getValue(), position++, clock);
        }
        return new ListDifferences(differences, leftWithOwners);
    }

    /** What a file's rows for one key say, as a version would keep it. */
    static AuthorityContent contentOf(AuthorityKind kind, List<AuthorityForm> forms) {
        AuthorityForm preferred = forms.get(0);
        String sortName = preferred.sortAs().isBlank() ? Slugs.sortKey(preferred.name()) : preferred.sortAs();
        // A person's first row is "preferred", or "organisation" for an organisation.
        EntityType type = EntityType.of(kind, preferred.kind()).orElse(EntityType.usual(kind));
        List<AuthorityContent.Alias> aliases = forms.subList(1, forms.size()).stream()
                .map(f -> new AuthorityContent.Alias(f.name(), AliasKind.fromKey(f.kind()).orElse(AliasKind.VARIANT)))
                .toList();
        return new AuthorityContent(preferred.name(), sortName, preferred.note(), type, aliases);
    }

    private static void storeAuthority(DSLContext tx, AuthorityWriter writer, AuthorityRecords read, FormOwners owners,
                                       AuthorityKind kind, String file, String key, List<AuthorityForm> forms,
                                       List<String> differences, List<String> leftWithOwners) {
        AuthorityContent wanted = contentOf(kind, forms);
        String location = file + ":" + forms.get(0).line();
        Attribution by = Attribution.imported(location);
        String where = location + ": " + key;
        Optional<StoredAuthority> found = read.find(kind, key);
        if (found.isEmpty()) {
            AuthorityContent written = owners.withoutOthersForms(wanted, key, where, leftWithOwners);
            writer.create(kind, key, written, by);
            owners.wrote(key, null, written);
            return;
        }
        StoredAuthority now = found.get();
        if (now.content().equals(wanted)) {
            return;
        }
        if (now.merged()) {
            differences.add(where + ": merged into '" + now.mergedInto() + "' by an editor; the file's rows are not applied");
            return;
        }
        boolean edited = tx.fetchExists(AUTHORITY_VERSION, AUTHORITY_VERSION.FACET.eq(kind.key())
                .and(AUTHORITY_VERSION.AUTHORITY_ID.eq(now.id()))
                .and(AUTHORITY_VERSION.AUTHOR.ne(Attribution.IMPORT)));
        if (!edited) {
            AuthorityContent written = owners.withoutOthersForms(wanted, key, where, leftWithOwners);
            if (!now.content().equals(written)) {
                updateUnlessSavedMeanwhile(writer, now, written, by, where);
                owners.wrote(key, now.content(), written);
            }
            return;
        }
        // An editor changed it: add the forms it lacks, report the rest, write nothing else.
        Set<String> known = foldedForms(now.content());
        List<AuthorityContent.Alias> added = new ArrayList<>();
        if (!known.contains(AuthorityRecords.folded(wanted.name()))) {
            added.add(new AuthorityContent.Alias(wanted.name(), AliasKind.VARIANT));
        }
        wanted.aliases().stream().filter(a -> !known.contains(AuthorityRecords.folded(a.name()))).forEach(added::add);
        // A form an editor gave another entry stays that one's alone, as the form would refuse it
        // here: two owners would both claim the records that name it.
        added.removeIf(a -> {
            var other = owners.other(a, key);
            other.ifPresent(o -> leftWithOwners.add(where + ": '" + a.name() + "' is in the file; an editor made it a name of '"
                    + o.key() + "' (kept there)"));
            return other.isPresent();
        });
        AuthorityContent kept = now.content();
        if (!added.isEmpty()) {
            List<AuthorityContent.Alias> all = new ArrayList<>(kept.aliases());
            all.addAll(added);
            String names = String.join(", ", added.stream().map(a -> "'" + a.name() + "'").toList());
            AuthorityContent withAdded = new AuthorityContent(kept.name(), kept.sortName(), kept.description(), kept.kind(), all);
            updateUnlessSavedMeanwhile(writer, now, withAdded, new Attribution(Attribution.IMPORT, "New forms from " + file
                    + ": " + names, location), where);
            owners.wrote(key, kept, withAdded);
            differences.add(where + ": added " + names + " beside an editor's changes");
        }
        if (!kept.name().equals(wanted.name())) {
            differences.add(where + ": the file names it '" + wanted.name() + "', an editor '" + kept.name() + "' (kept)");
        }
        if (!kept.description().equals(wanted.description())) {
            differences.add(where + ": the file's note differs from an editor's (kept)");
        }
        if (!kept.sortName().equals(wanted.sortName())) {
            differences.add(where + ": the file sorts it as '" + wanted.sortName() + "', an editor as '"
                    + kept.sortName() + "' (kept)");
        }
        if (!kept.kind().equals(wanted.kind())) {
            differences.add(where + ": the file says " + wanted.kind() + ", an editor " + kept.kind() + " (kept)");
        }
        Set<String> inFile = foldedForms(wanted);
        kept.aliases().stream().filter(a -> !inFile.contains(AuthorityRecords.folded(a.name())))
                .forEach(a -> differences.add(where + ": '" + a.name() + "' is not in the file; an editor added it (kept)"));
    }

    /**
     * The entry as the file has it, unless an editor saved it after the import read it: on
     * PostgreSQL an editor's save commits while the import runs, and the import's write finds a
     * newer version. The import is one transaction: it is refused whole, saying so and what to do.
     */
    private static void updateUnlessSavedMeanwhile(AuthorityWriter writer, StoredAuthority now, AuthorityContent content,
                                                   Attribution by, String where) {
        try {
            writer.update(now, now.version(), content, by);
        } catch (StaleAuthorityException e) {
            throw new SavedMeanwhile(where, now.version(), e);
        }
    }

    /** What refuses an import whole: its transaction rolls back, and it says this, where, and what to do. */
    public abstract static sealed class Refused extends RuntimeException permits SavedMeanwhile, NameTaken {
        private static final long serialVersionUID = 1L;

        Refused(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** An entry of a list was saved by an editor between the import's read of it and its write. */
    public static final class SavedMeanwhile extends Refused {
        private static final long serialVersionUID = 1L;

        SavedMeanwhile(String where, int read, StaleAuthorityException e) {
            super(where + ": an editor saved it while the import ran (it is at version " + e.currentVersion()
                    + "; the import read version " + read + "), so the import stopped and wrote nothing. Run it again: "
                    + "it keeps what the editor saved and reports what the file says otherwise", e);
        }
    }

    /**
     * The name the file gives an entry is another entry's: the entry would have no name of its own,
     * nor the records that name it one owner.
     */
    public static final class NameTaken extends Refused {
        private static final long serialVersionUID = 1L;

        NameTaken(String where, String name, String owner) {
            super(where + ": '" + name + "' is a name of '" + owner + "' already, so the import stopped and wrote "
                    + "nothing: no two entries share a name. Tell the two apart in the file's name, as catalogues do "
                    + "('John Smith (1882–1959)'), and run it again", null);
        }
    }

    /**
     * Who has each form of a list's names ({@link AuthorityRecords#owners}, keyed as the name matcher
     * reads them), kept as the import writes its entries: read once, not once an entry (a list of
     * thousands read every form thousands of times).
     */
    private static final class FormOwners {
        private final Map<String, List<AuthorityRecords.Owner>> byForm;

        private FormOwners(Map<String, List<AuthorityRecords.Owner>> byForm) {
            this.byForm = byForm;
        }

        /**
         * Read under the lock an editor's form takes on the names ({@link AuthorityRecords#ownersForWriting}),
         * held until the import commits: a form giving one of them to another entry meanwhile waits for
         * the import and then sees its forms, and one given before is seen here. Without it, on
         * PostgreSQL, neither saw the other's, and one form of a name had two owners. SQLite's writing
         * transactions run one at a time anyway. A list with no entry takes no lock.
         */
        static FormOwners forWriting(AuthorityRecords read, AuthorityKind kind, Map<String, List<AuthorityForm>> list) {
            return new FormOwners(list.isEmpty() ? new HashMap<>() : read.ownersForWriting(kind, 0));
        }

        /** The entry other than {@code key} that has {@code form}; none for a short form many share, on either side. */
        Optional<AuthorityRecords.Owner> other(AuthorityContent.Alias form, String key) {
            if (form.kind() == AliasKind.FULL_NAME_ONLY) {
                return Optional.empty();
            }
            return byForm.getOrDefault(AuthorityRecords.matched(form.name()), List.of()).stream()
                    .filter(o -> !o.key().equals(key) && o.formKind() != AliasKind.FULL_NAME_ONLY).findFirst();
        }

        /**
         * The file's entry {@code key} as it can be written: without the forms another entry has,
         * each said in {@code leftWithOwners} (two owners would both claim the records that name it, and
         * an editor's form refuses them too); its name another's refuses the import.
         */
        AuthorityContent withoutOthersForms(AuthorityContent content, String key, String where, List<String> leftWithOwners) {
            other(new AuthorityContent.Alias(content.name(), AliasKind.VARIANT), key).ifPresent(o -> {
                throw new NameTaken(where, content.name(), o.key());
            });
            List<AuthorityContent.Alias> kept = content.aliases().stream().filter(a -> {
                var other = other(a, key);
                other.ifPresent(o -> leftWithOwners.add(where + ": '" + a.name() + "' is in the file and a name of '"
                        + o.key() + "' already (kept there)"));
                return other.isEmpty();
            }).toList();
            return kept.size() == content.aliases().size() ? content
                    : new AuthorityContent(content.name(), content.sortName(), content.description(), content.kind(), kept);
        }

        /** {@code key} has the forms of {@code after} now, no longer those of {@code before} (null: it is new). */
        void wrote(String key, AuthorityContent before, AuthorityContent after) {
            if (before != null) {
                formsOf(before).forEach(form -> Optional.ofNullable(byForm.get(AuthorityRecords.matched(form.name())))
                        .ifPresent(owners -> owners.removeIf(o -> o.key().equals(key))));
            }
            formsOf(after).forEach(form -> byForm.computeIfAbsent(AuthorityRecords.matched(form.name()),
                    f -> new ArrayList<>()).add(new AuthorityRecords.Owner(form.name(), form.kind(), key, after.name())));
        }

        /** Its name (stored as a variant, {@code AuthorityWriter.writeContent}) and its other forms. */
        private static List<AuthorityContent.Alias> formsOf(AuthorityContent content) {
            List<AuthorityContent.Alias> forms = new ArrayList<>();
            forms.add(new AuthorityContent.Alias(content.name(), AliasKind.VARIANT));
            forms.addAll(content.aliases());
            return forms;
        }
    }

    private static Set<String> foldedForms(AuthorityContent content) {
        Set<String> forms = new HashSet<>();
        forms.add(AuthorityRecords.folded(content.name()));
        content.aliases().forEach(a -> forms.add(AuthorityRecords.folded(a.name())));
        return forms;
    }

    /**
     * A type as the file has it. A new label is what its records say they are (their Dublin Core
     * type, their citations' genre): the live ones are stamped now, as a person's rename stamps the
     * records that name them ({@link AuthorityWriter}), so that a harvester's next selective
     * harvest fetches them again; otherwise it would keep their old type for good.
     */
    private static void storeType(DSLContext tx, String key, List<AuthorityForm> forms, int position, Clock clock) {
        String label = forms.get(0).name();
        String before = tx.select(DOCUMENT_TYPE.LABEL).from(DOCUMENT_TYPE).where(DOCUMENT_TYPE.KEY.eq(key))
                .fetchOne(DOCUMENT_TYPE.LABEL);
        tx.insertInto(DOCUMENT_TYPE, DOCUMENT_TYPE.KEY, DOCUMENT_TYPE.LABEL, DOCUMENT_TYPE.POSITION)
                .values(key, label, position)
                .onConflict(DOCUMENT_TYPE.KEY).doUpdate()
                .set(DOCUMENT_TYPE.LABEL, label)
                .set(DOCUMENT_TYPE.POSITION, position)
                .execute();
        int id = tx.select(DOCUMENT_TYPE.ID).from(DOCUMENT_TYPE).where(DOCUMENT_TYPE.KEY.eq(key))
                .fetchSingle(DOCUMENT_TYPE.ID);
        if (before != null && !before.equals(label)) {
            tx.update(DOCUMENT).set(DOCUMENT.UPDATED_AT, Instant.now(clock).truncatedTo(ChronoUnit.SECONDS))
                    .where(DOCUMENT.TYPE_ID.eq(id)).and(DOCUMENT.WITHDRAWN_AT.isNull())
                    .execute();
        }
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
