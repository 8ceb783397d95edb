package org.dossier.authorities;

import static org.dossier.db.Tables.AUTHORITY_VERSION;
import static org.dossier.db.Tables.MOVED_LINK;
import static org.dossier.db.Tables.PERSON;
import static org.dossier.db.Tables.RESTAMP;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dossier.app.Transactions;
import org.dossier.db.tables.records.AuthorityVersionRecord;
import org.dossier.documents.Slugs;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/** Reads people and places as editors keep them: one now, every version, the lists, who has a form. */
public final class AuthorityRecords {

    /** A line of an editors' list: the authority, how many other forms, how many records link it, and what it is. */
    public record Listed(AuthorityKind kind, String key, String name, String sortName, int forms, int records,
                         EntityType type) {
        public String editPath() {
            return kind.editPath(key);
        }

        public String path() {
            return kind.path(key);
        }
    }

    /** A form of a name and the authority that has it. */
    public record Owner(String form, AliasKind formKind, String key, String name) {
    }

    private final DSLContext db;

    public AuthorityRecords(DSLContext db) {
        this.db = db;
    }

    public Optional<StoredAuthority> find(AuthorityKind kind, String key) {
        return find(kind, AuthorityTables.of(kind).key().eq(key));
    }

    /** "Kim Tu-bong (kim-tu-bong)": another entry named in a message by its name now, and the key its address shows. */
    public String named(AuthorityKind kind, String key) {
        return find(kind, key).map(a -> a.name() + " (" + key + ")").orElse("'" + key + "'");
    }

    public Optional<StoredAuthority> find(AuthorityKind kind, int id) {
        return find(kind, AuthorityTables.of(kind).id().eq(id));
    }

    private Optional<StoredAuthority> find(AuthorityKind kind, Condition which) {
        AuthorityTables t = AuthorityTables.of(kind);
        var row = db.select(t.id(), t.key(), t.name(), t.sortName(), t.note(), t.version(), t.mergedInto())
                .from(t.table()).where(which).fetchOne();
        if (row == null) {
            return Optional.empty();
        }
        int id = row.get(t.id());
        String name = row.get(t.name());
        EntityType type = kind == AuthorityKind.PERSON
                ? EntityType.stored(kind, db.select(PERSON.KIND).from(PERSON).where(PERSON.ID.eq(id)).fetchSingle(PERSON.KIND))
                : EntityType.PLACE;
        List<AuthorityContent.Alias> aliases = db.select(t.alias(), t.aliasKind()).from(t.aliases())
                .where(t.owner().eq(id)).and(t.alias().ne(name))
                .fetch(a -> new AuthorityContent.Alias(a.get(t.alias()),
                        AliasKind.fromKey(a.get(t.aliasKind())).orElse(AliasKind.VARIANT)));
        Integer mergedInto = row.get(t.mergedInto());
        String survivor = mergedInto == null ? null
                : db.select(t.key()).from(t.table()).where(t.id().eq(mergedInto)).fetchOne(t.key());
        return Optional.of(new StoredAuthority(kind, id, row.get(t.key()), row.get(t.version()),
                new AuthorityContent(name, row.get(t.sortName()), row.get(t.note()), type, aliases), survivor));
    }

    /**
     * Every person or place not merged away, by sort form as a catalogue files names (accents and
     * case aside, {@link Slugs#filingKey}: "Pásztor" among the P's, not after "Puzanov"), with counts.
     */
    public List<Listed> list(AuthorityKind kind) {
        AuthorityTables t = AuthorityTables.of(kind);
        Field<Integer> count = DSL.count();
        Map<Integer, Integer> records = new HashMap<>();
        db.select(t.linkedAuthority(), count).from(t.links()).groupBy(t.linkedAuthority())
                .forEach(r -> records.put(r.get(t.linkedAuthority()), r.get(count)));
        Map<Integer, Integer> forms = new HashMap<>();
        db.select(t.owner(), count).from(t.aliases()).groupBy(t.owner())
                .forEach(r -> forms.put(r.get(t.owner()), r.get(count)));
        // What each is, which the merge page says of those of another kind (they are refused there).
        java.util.Set<Integer> organisations = new java.util.HashSet<>(kind.forPeople()
                ? db.select(PERSON.ID).from(PERSON).where(PERSON.KIND.eq(EntityType.ORGANISATION.key())).fetch(PERSON.ID)
                : List.of());
        List<Listed> listed = new ArrayList<>();
        db.select(t.id(), t.key(), t.name(), t.sortName()).from(t.table()).where(t.mergedInto().isNull())
                .orderBy(t.sortName(), t.key())
                .forEach(r -> listed.add(new Listed(kind, r.get(t.key()), r.get(t.name()), r.get(t.sortName()),
                        Math.max(0, forms.getOrDefault(r.get(t.id()), 0) - 1), records.getOrDefault(r.get(t.id()), 0),
                        organisations.contains(r.get(t.id())) ? EntityType.ORGANISATION : EntityType.usual(kind))));
        listed.sort(java.util.Comparator.comparing((Listed l) -> Slugs.filingKey(l.sortName()))
                .thenComparing(Listed::sortName).thenComparing(Listed::key));
        return listed;
    }

    /**
     * A merge under way ({@code undoing} false: records still linked to {@code from}, merged into
     * {@code to}) or its undoing ({@code undoing} true: records still to come back to {@code from}
     * from {@code to}), and how many records are {@code left}.
     */
    public record UnderWay(AuthorityKind kind, String fromKey, String fromName, String toKey, String toName,
                           boolean undoing, int left) {

        /** Whether the records it moves are on their way to {@code key}: the survivor's, or back to the one restored. */
        boolean bringsTo(AuthorityKind kind, String key) {
            return this.kind == kind && (undoing ? fromKey : toKey).equals(key);
        }
    }

    /** Of a list's rows: merged away, and records still linked to it (its merge is under way). */
    static Condition merging(AuthorityTables t) {
        return t.mergedInto().isNotNull().andExists(DSL.selectOne().from(t.links()).where(t.linkedAuthority().eq(t.id())));
    }

    /** Of a list's rows: not merged, and links a merge moved away still to come back (its undoing is under way). */
    static Condition restoring(AuthorityKind kind) {
        AuthorityTables t = AuthorityTables.of(kind);
        return t.mergedInto().isNull().andExists(DSL.selectOne().from(MOVED_LINK).where(movedFrom(kind, t.id())));
    }

    /**
     * Every merge and undoing of one still moving records (see {@link AuthorityWriter#carryOn}): the
     * lists are small, and only those under way are counted.
     */
    public List<UnderWay> underWay() {
        List<UnderWay> underWay = new ArrayList<>();
        for (AuthorityKind kind : AuthorityKind.values()) {
            AuthorityTables t = AuthorityTables.of(kind);
            for (int id : db.select(t.id()).from(t.table()).where(merging(t)).orderBy(t.id()).fetch(t.id())) {
                StoredAuthority from = find(kind, id).orElseThrow();
                StoredAuthority to = find(kind, from.mergedInto()).orElseThrow();
                underWay.add(new UnderWay(kind, from.key(), from.name(), to.key(), to.name(), false,
                        db.fetchCount(t.links(), t.linkedAuthority().eq(id))));
            }
            for (int id : db.select(t.id()).from(t.table()).where(restoring(kind)).orderBy(t.id()).fetch(t.id())) {
                StoredAuthority from = find(kind, id).orElseThrow();
                int toId = db.select(MOVED_LINK.SURVIVOR_ID).from(MOVED_LINK).where(movedFrom(kind, id))
                        .limit(1).fetchSingle(MOVED_LINK.SURVIVOR_ID);
                StoredAuthority to = find(kind, toId).orElseThrow();
                underWay.add(new UnderWay(kind, from.key(), from.name(), to.key(), to.name(), true,
                        db.fetchCount(MOVED_LINK, movedFrom(kind, id))));
            }
        }
        return underWay;
    }

    /**
     * Whether {@link AuthorityWriter#carryOn} has anything to do (a merge or its undoing still moving
     * records, a rename still stamping them), read without writing: a look that finds nothing takes
     * no write lock, which on SQLite every writer would wait for.
     */
    public boolean anythingToCarryOn() {
        for (AuthorityKind kind : AuthorityKind.values()) {
            AuthorityTables t = AuthorityTables.of(kind);
            if (db.fetchExists(t.table(), merging(t)) || db.fetchExists(t.table(), restoring(kind))) {
                return true;
            }
        }
        return db.fetchExists(RESTAMP);
    }

    /** How many records merges and restores under way have still to move, in the whole catalogue. */
    public long stillToMove() {
        return underWay().stream().mapToLong(UnderWay::left).sum();
    }

    /** How many records merges and restores under way have still to bring to {@code authority}. */
    public int stillToMove(StoredAuthority authority) {
        return stillToMove(authority.kind(), authority.key());
    }

    /** As {@link #stillToMove(StoredAuthority)}, for the person or place with this key. */
    public int stillToMove(AuthorityKind kind, String key) {
        return underWay().stream().filter(u -> u.bringsTo(kind, key)).mapToInt(UnderWay::left).sum();
    }

    /** Whether records a merge moved away from {@code authority} are still to come back to it. */
    public boolean restoreUnderWay(StoredAuthority authority) {
        return db.fetchExists(MOVED_LINK, movedFrom(authority.kind(), authority.id()));
    }

    private static Condition movedFrom(AuthorityKind kind, int id) {
        return movedFrom(kind, DSL.val(id));
    }

    private static Condition movedFrom(AuthorityKind kind, Field<Integer> id) {
        return MOVED_LINK.FACET.eq(kind.key()).and(MOVED_LINK.AUTHORITY_ID.eq(id));
    }

    /** Every version of an authority, newest first. */
    public List<AuthorityVersion> versions(StoredAuthority authority) {
        return db.selectFrom(AUTHORITY_VERSION)
                .where(AUTHORITY_VERSION.FACET.eq(authority.kind().key()))
                .and(AUTHORITY_VERSION.AUTHORITY_ID.eq(authority.id()))
                .orderBy(AUTHORITY_VERSION.NUMBER.desc())
                .fetch(r -> version(authority, r));
    }

    public Optional<AuthorityVersion> version(StoredAuthority authority, int number) {
        return db.selectFrom(AUTHORITY_VERSION)
                .where(AUTHORITY_VERSION.FACET.eq(authority.kind().key()))
                .and(AUTHORITY_VERSION.AUTHORITY_ID.eq(authority.id()))
                .and(AUTHORITY_VERSION.NUMBER.eq(number))
                .fetchOptional(r -> version(authority, r));
    }

    private static AuthorityVersion version(StoredAuthority authority, AuthorityVersionRecord r) {
        return new AuthorityVersion(authority.kind(), authority.key(), r.getNumber(), r.getCreatedAt(),
                r.getAuthor(), r.getNote(), new AuthorityContent(r.getName(), r.getSortName(), r.getDescription(),
                EntityType.stored(authority.kind(), r.getKind()), AuthorityContent.aliasesFromJson(r.getAliases())), r.getMergedInto(), r.getMerge());
    }

    /**
     * Who else has each of {@code forms} (its preferred name or another form), keyed by the words
     * the name matcher reads in it ({@link #matched}); authorities merged away are left out.
     */
    public Map<String, List<Owner>> owners(AuthorityKind kind, int exceptId) {
        AuthorityTables t = AuthorityTables.of(kind);
        Map<String, List<Owner>> owners = new HashMap<>();
        db.select(t.alias(), t.aliasKind(), t.key(), t.name()).from(t.aliases())
                .join(t.table()).on(t.id().eq(t.owner()))
                .where(t.mergedInto().isNull()).and(t.id().ne(exceptId))
                .forEach(r -> owners.computeIfAbsent(matched(r.get(t.alias())), f -> new ArrayList<>())
                        .add(new Owner(r.get(t.alias()), AliasKind.fromKey(r.get(t.aliasKind())).orElse(AliasKind.VARIANT),
                                r.get(t.key()), r.get(t.name()))));
        return owners;
    }

    /**
     * {@link #owners}, read in a write transaction once no other one is reading them to write: two
     * editors giving the same name to two entries at once are then checked one after the other, and
     * the second sees the first's. The lock is the list's, held until the transaction ends.
     */
    public Map<String, List<Owner>> ownersForWriting(AuthorityKind kind, int exceptId) {
        Transactions.oneAtATime(db, NAMES_LOCK + kind.ordinal());
        return owners(kind, exceptId);
    }

    /** The advisory locks of the lists' names ({@link #ownersForWriting}), one a list: "Doss" and the list's number. */
    private static final long NAMES_LOCK = 0x446f_7373_0000_0000L;

    /**
     * A form as the name matcher finds it in records: its words, case, accents and punctuation
     * aside ("J.V. Stalin" is "J. V. Stalin", "Kim-Il-Sung" is "Kim Il Sung"). Two authorities with
     * forms matched alike would both claim the records that name them, so one is refused the form.
     * A form with no letter or digit at all is compared {@link #folded}.
     */
    public static String matched(String form) {
        List<String> words = NameMatcher.words(form).stream().map(NameMatcher.Word::folded).toList();
        return words.isEmpty() ? folded(form) : String.join(" ", words);
    }

    /** A form as names are compared: case, accents and runs of spaces aside. */
    public static String folded(String form) {
        return Slugs.foldToAscii(form).toLowerCase(java.util.Locale.ROOT).strip().replaceAll("\\s+", " ");
    }
}
