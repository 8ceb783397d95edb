package org.dossier.authorities;

import static org.dossier.db.Tables.DOCUMENT_TYPE;
import static org.dossier.db.Tables.PERSON;
import static org.dossier.db.Tables.PLACE;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.dossier.documents.ChangeListener;
import org.jooq.DSLContext;

/**
 * The authority lists (document types, people and places) held in memory on this node, in one
 * shape for every reader: the labels of a search page's facet values, the choices of a record form,
 * the person or place a saved search's merged key now stands for.
 *
 * <p>Read on start, and read again whenever a write may have changed them: after every write on
 * this node (it listens to the record store, so the editor who added a person finds them in the
 * next form), and when another node's write reaches this one through the change feed (a change with
 * no record, see {@link org.dossier.documents.ChangeFeed#NO_RECORD}), told by the search index that
 * follows the feed. Readers take {@link #current()} once and read that: one consistent set of lists
 * for the whole request.
 */
public final class AuthorityLists implements ChangeListener {

    /** A type, person or place: its id, stable key, name, the form it sorts by, and whom it was merged into. */
    public record Entry(int id, String key, String name, String sortName, Integer mergedInto) {

        public boolean merged() {
            return mergedInto != null;
        }

        public AuthorityRef ref() {
            return new AuthorityRef(id, key, name);
        }
    }

    /** The lists as one read saw them: types by label, people and places by sort name (as forms offer them). */
    public static final class Lists {

        private final Kept types;
        private final Kept people;
        private final Kept places;

        private Lists(List<Entry> types, List<Entry> people, List<Entry> places) {
            this.types = new Kept(types);
            this.people = new Kept(people);
            this.places = new Kept(places);
        }

        public List<Entry> types() {
            return types.entries;
        }

        /** Every person or place, merged ones too (their keys still stand in old links). */
        public List<Entry> of(AuthorityKind kind) {
            return kept(kind).entries;
        }

        public Optional<Entry> type(String key) {
            return Optional.ofNullable(types.byKey.get(key));
        }

        public Optional<Entry> type(int id) {
            return Optional.ofNullable(types.byId.get(id));
        }

        public Optional<Entry> find(AuthorityKind kind, String key) {
            return Optional.ofNullable(kept(kind).byKey.get(key));
        }

        public Optional<Entry> find(AuthorityKind kind, int id) {
            return Optional.ofNullable(kept(kind).byId.get(id));
        }

        /** The key of the type {@code id}, or null for none: for reading links by the million (no Optional each). */
        public String typeKey(Integer id) {
            Entry entry = id == null ? null : types.byId.get(id);
            return entry == null ? null : entry.key();
        }

        /** The key of the person or place {@code id}, or null when there is none: as {@link #typeKey}. */
        public String key(AuthorityKind kind, int id) {
            Entry entry = kept(kind).byId.get(id);
            return entry == null ? null : entry.key();
        }

        /** The key of the person or place {@code key} was merged into, if it was. */
        public Optional<String> survivor(AuthorityKind kind, String key) {
            return find(kind, key).filter(Entry::merged).flatMap(e -> find(kind, e.mergedInto())).map(Entry::key);
        }

        /**
         * The person or place that stands for {@code id} now: itself, or the one it was merged into
         * (and so on). A record keeps a link to one merged away while its merge is under way.
         */
        public int standing(AuthorityKind kind, int id) {
            Entry entry = kept(kind).byId.get(id);
            for (int hops = 0; entry != null && entry.merged() && hops < 100; hops++) {
                Entry next = kept(kind).byId.get(entry.mergedInto());
                if (next == null) {
                    break;
                }
                entry = next;
            }
            return entry == null ? id : entry.id();
        }

        private Kept kept(AuthorityKind kind) {
            return switch (kind) {
                case PERSON -> people;
                case PLACE -> places;
            };
        }
    }

    /** One list, in its order, and looked up by key and by id. */
    private static final class Kept {
        private final List<Entry> entries;
        private final Map<String, Entry> byKey;
        private final Map<Integer, Entry> byId;

        Kept(List<Entry> entries) {
            this.entries = List.copyOf(entries);
            this.byKey = index(entries, Entry::key);
            this.byId = index(entries, Entry::id);
        }

        private static <K> Map<K, Entry> index(List<Entry> entries, Function<Entry, K> key) {
            return entries.stream().collect(Collectors.toMap(key, e -> e, (a, b) -> a, LinkedHashMap::new));
        }
    }

    private final DSLContext db;
    private volatile Lists current;

    private AuthorityLists(DSLContext db) {
        this.db = db;
        this.current = read(db);
    }

    /** The lists as the database has them now, kept up to date from here on by {@link #reload}. */
    public static AuthorityLists load(DSLContext db) {
        return new AuthorityLists(db);
    }

    /** The lists as they are now: take them once per request. */
    public Lists current() {
        return current;
    }

    /**
     * Reads the lists again: a write may have changed them. One read at a time: a request's thread
     * reloads after its own write while the change feed's reloads after another's, and a read begun
     * before a write must never finish after one begun after it and put back the lists without it
     * (a new person's page was a 400, "no person 'politburo'", until the next write).
     */
    public synchronized void reload() {
        current = read(db);
    }

    /** A write on this node committed: it may have added or renamed a type, person or place. */
    @Override
    public void changed(Set<Integer> documentIds) {
        reload();
    }

    /** The lists as {@code db} sees them (in a transaction, as that transaction sees them). */
    public static Lists read(DSLContext db) {
        return new Lists(
                db.select(DOCUMENT_TYPE.ID, DOCUMENT_TYPE.KEY, DOCUMENT_TYPE.LABEL).from(DOCUMENT_TYPE)
                        .orderBy(DOCUMENT_TYPE.LABEL)
                        .fetch(r -> new Entry(r.get(DOCUMENT_TYPE.ID), r.get(DOCUMENT_TYPE.KEY), r.get(DOCUMENT_TYPE.LABEL),
                                r.get(DOCUMENT_TYPE.LABEL), null)),
                db.select(PERSON.ID, PERSON.KEY, PERSON.NAME, PERSON.SORT_NAME, PERSON.MERGED_INTO).from(PERSON)
                        .orderBy(PERSON.SORT_NAME)
                        .fetch(r -> new Entry(r.get(PERSON.ID), r.get(PERSON.KEY), r.get(PERSON.NAME),
                                r.get(PERSON.SORT_NAME), r.get(PERSON.MERGED_INTO))),
                db.select(PLACE.ID, PLACE.KEY, PLACE.NAME, PLACE.SORT_NAME, PLACE.MERGED_INTO).from(PLACE)
                        .orderBy(PLACE.SORT_NAME)
                        .fetch(r -> new Entry(r.get(PLACE.ID), r.get(PLACE.KEY), r.get(PLACE.NAME),
                                r.get(PLACE.SORT_NAME), r.get(PLACE.MERGED_INTO))));
    }
}
