package org.dossier.authorities;

import static org.dossier.db.Tables.AUTHORITY_VERSION;
import static org.dossier.db.Tables.DOCUMENT;
import static org.dossier.db.Tables.PERSON;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.dossier.documents.Attribution;
import org.dossier.documents.NoSuchRecordException;
import org.dossier.documents.RecordDraft;
import org.dossier.documents.RecordWriter;
import org.dossier.documents.Slugs;
import org.jooq.DSLContext;

/**
 * The one way people and places change, inside a {@link RecordWriter}'s transaction (so that a
 * change of names and the records it relinks commit together, and reach the change feed together).
 * Every change writes the authority whole as a new version, with who, when and why.
 */
public final class AuthorityWriter {

    private final RecordWriter records;
    private final DSLContext db;
    private final Clock clock;
    private final AuthorityRecords read;

    public AuthorityWriter(RecordWriter records, Clock clock) {
        this.records = records;
        this.db = records.db();
        this.clock = clock;
        this.read = new AuthorityRecords(db);
    }

    /**
     * For loading the lists outside the record write path (a new catalogue's seed, the generator):
     * names only, no record is linked, nothing is added to the change feed.
     */
    AuthorityWriter(DSLContext db, Clock clock) {
        this.records = null;
        this.db = db;
        this.clock = clock;
        this.read = new AuthorityRecords(db);
    }

    /** Adds a person or place at version 1, under a key made from its name; returns it. */
    public StoredAuthority create(AuthorityKind kind, AuthorityContent content, Attribution by) {
        return create(kind, freeKey(kind, content.name()), content, by);
    }

    StoredAuthority create(AuthorityKind kind, String key, AuthorityContent content, Attribution by) {
        AuthorityTables t = AuthorityTables.of(kind);
        db.insertInto(t.table()).set(t.key(), key).set(t.name(), content.name()).set(t.sortName(), content.sortName())
                .set(t.note(), content.description()).set(t.version(), 1).execute();
        int id = db.select(t.id()).from(t.table()).where(t.key().eq(key)).fetchSingle(t.id());
        writeContent(kind, id, content);
        writeVersion(kind, id, 1, content, by, null, null);
        authoritiesChanged();
        return read.find(kind, id).orElseThrow();
    }

    /**
     * Makes {@code content} what the authority says, if it is still at {@code expectedVersion};
     * returns false (and writes nothing) when it already says exactly that.
     *
     * @throws StaleAuthorityException when someone saved a newer version in between
     */
    public boolean update(StoredAuthority authority, int expectedVersion, AuthorityContent content, Attribution by) {
        StoredAuthority now = current(authority.kind(), authority.id(), expectedVersion);
        if (now.content().equals(content)) {
            return false;
        }
        saveAt(authority.kind(), authority.id(), expectedVersion, content, null);
        writeVersion(authority.kind(), authority.id(), expectedVersion + 1, content, by, null, null);
        return true;
    }

    /** What version {@code number} said becomes what the authority says, as a new version. */
    public boolean restore(StoredAuthority authority, int expectedVersion, int number, Attribution by) {
        AuthorityVersion version = read.version(authority, number)
                .orElseThrow(() -> new IllegalArgumentException(authority.key() + " has no version " + number));
        return update(authority, expectedVersion, version.content(), by);
    }

    /**
     * Links each of {@code documents} to the authority (a person in the role given), each with a
     * new revision of the record whose note says why; a record already linked is left as it is.
     * Returns how many records were linked.
     */
    public int link(StoredAuthority authority, Map<Integer, PersonRole> documents, Attribution by) {
        int linked = 0;
        for (var entry : documents.entrySet()) {
            int documentId = entry.getKey();
            RecordDraft draft;
            try {
                draft = records.draft(documentId);
            } catch (NoSuchRecordException e) {
                continue;
            }
            RecordDraft relinked = withLink(draft, authority, entry.getValue());
            if (relinked.equals(draft)) {
                continue;
            }
            int version = db.select(DOCUMENT.VERSION).from(DOCUMENT).where(DOCUMENT.ID.eq(documentId))
                    .fetchSingle(DOCUMENT.VERSION);
            records.update(documentId, version, relinked, by);
            linked++;
        }
        return linked;
    }

    private static RecordDraft withLink(RecordDraft draft, StoredAuthority authority, PersonRole role) {
        SortedMap<Integer, PersonRole> people = new TreeMap<>(draft.people());
        TreeSet<Integer> places = new TreeSet<>(draft.places());
        if (authority.kind() == AuthorityKind.PERSON) {
            people.putIfAbsent(authority.id(), role == null ? PersonRole.MENTIONED : role);
        } else {
            places.add(authority.id());
        }
        return new RecordDraft(draft.title(), draft.summary(), draft.date(), draft.typeId(), people, places);
    }

    /** Reads the authority and checks its version: the first half of every compare-and-set. */
    StoredAuthority current(AuthorityKind kind, int id, int expectedVersion) {
        StoredAuthority now = read.find(kind, id).orElseThrow(() -> new IllegalArgumentException("no " + kind.noun()
                + " " + id));
        if (now.version() != expectedVersion) {
            throw new StaleAuthorityException(now.key(), expectedVersion, now.version());
        }
        return now;
    }

    /**
     * Writes the row only if it is still at {@code expectedVersion} (the compare-and-set is in the
     * UPDATE itself, for databases with concurrent writers), then its forms.
     */
    void saveAt(AuthorityKind kind, int id, int expectedVersion, AuthorityContent content, Integer mergedInto) {
        AuthorityTables t = AuthorityTables.of(kind);
        int saved = db.update(t.table())
                .set(t.name(), content.name())
                .set(t.sortName(), content.sortName())
                .set(t.note(), content.description())
                .set(t.version(), expectedVersion + 1)
                .set(t.mergedInto(), mergedInto)
                .where(t.id().eq(id)).and(t.version().eq(expectedVersion))
                .execute();
        if (saved != 1) {
            StoredAuthority now = read.find(kind, id).orElseThrow();
            throw new StaleAuthorityException(now.key(), expectedVersion, now.version());
        }
        writeContent(kind, id, content);
        authoritiesChanged();
    }

    private void authoritiesChanged() {
        if (records != null) {
            records.authoritiesChanged();
        }
    }

    /** The kind of a person and every form of the name: the preferred one is matched like any other. */
    private void writeContent(AuthorityKind kind, int id, AuthorityContent content) {
        AuthorityTables t = AuthorityTables.of(kind);
        if (kind == AuthorityKind.PERSON) {
            db.update(PERSON).set(PERSON.KIND, content.organisation() ? "organisation" : "person")
                    .where(PERSON.ID.eq(id)).execute();
        }
        db.deleteFrom(t.aliases()).where(t.owner().eq(id)).execute();
        db.insertInto(t.aliases(), t.owner(), t.alias(), t.aliasKind())
                .values(id, content.name(), AliasKind.VARIANT.key()).execute();
        for (AuthorityContent.Alias alias : content.aliases()) {
            if (!alias.name().equals(content.name())) {
                db.insertInto(t.aliases(), t.owner(), t.alias(), t.aliasKind())
                        .values(id, alias.name(), alias.kind().key()).onConflictDoNothing().execute();
            }
        }
    }

    void writeVersion(AuthorityKind kind, int id, int number, AuthorityContent content, Attribution by,
                      String mergedInto, String merge) {
        db.insertInto(AUTHORITY_VERSION)
                .set(AUTHORITY_VERSION.FACET, kind.key())
                .set(AUTHORITY_VERSION.AUTHORITY_ID, id)
                .set(AUTHORITY_VERSION.NUMBER, number)
                .set(AUTHORITY_VERSION.CREATED_AT, Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString())
                .set(AUTHORITY_VERSION.AUTHOR, by.author())
                .set(AUTHORITY_VERSION.NOTE, by.note())
                .set(AUTHORITY_VERSION.NAME, content.name())
                .set(AUTHORITY_VERSION.SORT_NAME, content.sortName())
                .set(AUTHORITY_VERSION.DESCRIPTION, content.description())
                .set(AUTHORITY_VERSION.KIND, content.kind())
                .set(AUTHORITY_VERSION.ALIASES, content.aliasesJson())
                .set(AUTHORITY_VERSION.MERGED_INTO, mergedInto)
                .set(AUTHORITY_VERSION.MERGE, merge)
                .execute();
    }

    /**
     * A key made from the name ("nikita-khrushchev"), never one in use (or once used: a merged
     * authority keeps its key), never all digits (those address by id) and never "new".
     */
    private String freeKey(AuthorityKind kind, String name) {
        AuthorityTables t = AuthorityTables.of(kind);
        String base = Slugs.slugify(name);
        if (base.matches("[0-9]+") || base.equals("new") || base.equals("document")) {
            base = kind.noun() + "-" + base;
        }
        String key = base;
        for (int n = 2; db.fetchExists(t.table(), t.key().eq(key)); n++) {
            key = base + "-" + n;
        }
        return key;
    }

    RecordWriter records() {
        return records;
    }
}
