package org.dossier.authorities;

import static org.dossier.db.Tables.AUTHORITY_VERSION;
import static org.dossier.db.Tables.DOCUMENT;
import static org.dossier.db.Tables.MOVED_LINK;
import static org.dossier.db.Tables.PERSON;
import static org.dossier.db.Tables.RESTAMP;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.dossier.documents.Attribution;
import org.dossier.documents.NoSuchRecordException;
import org.dossier.documents.NoSuchVersion;
import org.dossier.documents.RecordDraft;
import org.dossier.documents.RecordWriter;
import org.dossier.documents.Slugs;
import org.dossier.app.Transactions;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The one way people and places change, inside a {@link RecordWriter}'s transaction (so that a
 * change of names and the records it relinks commit together, and reach the change feed together):
 * made in {@code store.write((records, tx) -> new AuthorityWriter(records, tx, clock)...)}.
 * Every change writes the authority whole as a new version, with who, when and why.
 */
public final class AuthorityWriter {

    /**
     * How many records a merge, or its undoing, moves in one transaction: about half a second of
     * the write lock at a million records (BENCHMARKS.md, "A merge of a quarter of a million records").
     */
    public static final int MOVE_BATCH = 500;

    /**
     * And for how long at most: a batch ends early once it has held the write lock this long, so
     * that a cold node (its first batch at 1M took 7.5 s) keeps every other writer's wait within
     * theirs (5 s), the index opening beside it included.
     */
    private static final long MOVE_NANOS = TimeUnit.SECONDS.toNanos(1);

    /**
     * How many records a rename stamps in one transaction (an UPDATE of their {@code updated_at} and
     * its three indexes): about a quarter of a second of the write lock at a million records
     * (BENCHMARKS.md, "A renamed person's records harvested again").
     */
    public static final int RESTAMP_BATCH = 10_000;

    private final RecordWriter records;
    private final DSLContext db;
    private final Clock clock;
    private final AuthorityRecords read;
    private final int moveBatch;
    private final int restampBatch;
    private final long moveNanos;
    /** The names as they are when a link is first made: where a record's text names whom (see {@link #withLink}). */
    private Extractor extractor;

    public AuthorityWriter(RecordWriter records, DSLContext tx, Clock clock) {
        this(records, tx, clock, MOVE_BATCH, RESTAMP_BATCH, MOVE_NANOS);
    }

    /**
     * One that moves {@code batch} records of a merge, or stamps as many of a rename, a transaction
     * however long they take, for tests of merges and renames in several: under the time bound a
     * busy machine ended a batch after its first record, and a test counting batches counted wrong.
     */
    AuthorityWriter(RecordWriter records, DSLContext tx, Clock clock, int batch) {
        this(records, tx, clock, batch, batch, Long.MAX_VALUE);
    }

    /** One whose batches of a merge also end once they have held the write lock for {@code moveTime}. */
    AuthorityWriter(RecordWriter records, DSLContext tx, Clock clock, int batch, java.time.Duration moveTime) {
        this(records, tx, clock, batch, batch, moveTime.toNanos());
    }

    private AuthorityWriter(RecordWriter records, DSLContext tx, Clock clock, int moveBatch, int restampBatch,
                            long moveNanos) {
        this.records = records;
        this.db = tx;
        this.clock = clock;
        this.read = new AuthorityRecords(db);
        this.moveBatch = moveBatch;
        this.restampBatch = restampBatch;
        this.moveNanos = moveNanos;
    }

    /**
     * For loading the lists outside the record write path (a new catalogue's seed, the generator):
     * names only, no record is linked, nothing is added to the change feed.
     */
    AuthorityWriter(DSLContext db, Clock clock) {
        this(null, db, clock, MOVE_BATCH, RESTAMP_BATCH, MOVE_NANOS);
    }

    /** Adds a person or place at version 1, under a key made from its name; returns it. */
    public StoredAuthority create(AuthorityKind kind, AuthorityContent content, Attribution by) {
        return create(kind, freeKey(kind, readableName(content)), content, by);
    }

    StoredAuthority create(AuthorityKind kind, String key, AuthorityContent content, Attribution by) {
        AuthorityTables t = AuthorityTables.of(kind);
        db.insertInto(t.table()).set(t.key(), key).set(t.name(), content.name()).set(t.sortName(), content.sortName())
                .set(t.note(), content.description()).set(t.version(), 1).execute();
        int id = idOf(kind, key);
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
        return update(claim(authority.kind(), authority.id(), expectedVersion), content, by);
    }

    /**
     * Makes {@code content} what the authority {@code now} (as {@link #claim}ed in this transaction)
     * says, as its next version; returns false (and writes nothing) when it says exactly that already.
     */
    private boolean update(StoredAuthority now, AuthorityContent content, Attribution by) {
        if (now.content().equals(content)) {
            return false;
        }
        save(now, content, null);
        writeVersion(now.kind(), now.id(), now.version() + 1, content, by, null, null);
        if (!now.content().sameOnRecordsAs(content)) {
            // Every record linked to it shows it otherwise now: the first batch of them is stamped
            // here, the rest by carryOn (PendingMerges). A second rename before the first is done
            // starts again from the first record.
            db.insertInto(RESTAMP).set(RESTAMP.FACET, now.kind().key()).set(RESTAMP.AUTHORITY_ID, now.id())
                    .set(RESTAMP.AFTER_DOCUMENT, 0)
                    .onConflict(RESTAMP.FACET, RESTAMP.AUTHORITY_ID).doUpdate().set(RESTAMP.AFTER_DOCUMENT, 0)
                    .execute();
            restamp(now.kind(), now.id());
        }
        return true;
    }

    /**
     * Stamps the next {@link #RESTAMP_BATCH} records (those the links hold, withdrawn ones too) linked to a renamed authority, in record order:
     * though no revision of theirs was written, each live one shows the authority otherwise — its
     * page, its citations, its harvested metadata — so its {@code updated_at} (its OAI-PMH datestamp,
     * its sitemap's last change, its JSON's "updated") becomes now, and a harvester's next selective
     * harvest fetches it again. Each batch is stamped with the time it ended, never an earlier one, so a
     * harvest made during or between batches misses none. A withdrawn record is harvested as a deleted
     * header, which names no one: its datestamp stays its withdrawal's. Returns how many records it
     * stamped; the authority's row in {@code restamp} goes with its last batch.
     */
    private int restamp(AuthorityKind kind, int id) {
        AuthorityTables t = AuthorityTables.of(kind);
        Condition its = RESTAMP.FACET.eq(kind.key()).and(RESTAMP.AUTHORITY_ID.eq(id));
        Integer after = db.select(RESTAMP.AFTER_DOCUMENT).from(RESTAMP).where(its).fetchOne(RESTAMP.AFTER_DOCUMENT);
        if (after == null) {
            return 0;
        }
        Condition linked = t.linkedAuthority().eq(id).and(t.linkedDocument().gt(after));
        Integer last = db.select(t.linkedDocument()).from(t.links()).where(linked).orderBy(t.linkedDocument())
                .offset(restampBatch - 1).limit(1).fetchOne(t.linkedDocument());
        if (last != null) {
            linked = linked.and(t.linkedDocument().le(last));
        }
        var batch = DSL.select(t.linkedDocument()).from(t.links()).where(linked);
        Instant since = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS);
        int stamped = db.update(DOCUMENT).set(DOCUMENT.UPDATED_AT, since)
                .where(DOCUMENT.ID.in(batch)).and(DOCUMENT.WITHDRAWN_AT.isNull())
                .execute();
        // The UPDATE takes its time (a quarter of a second at a million records): as a merge's batch,
        // the records get the time it ended, which no harvest made meanwhile is past.
        records.stampedAtTheEnd(batch, since);
        if (last == null) {
            db.deleteFrom(RESTAMP).where(its).execute();
        } else {
            db.update(RESTAMP).set(RESTAMP.AFTER_DOCUMENT, last).where(its).execute();
        }
        return stamped;
    }

    /**
     * What version {@code number} said becomes what the authority says, as a new version. Restoring
     * a version from before it was merged away undoes the merge: its links and its forms of the
     * name come back from the survivor. A version of another name keeps the name it has now as a
     * former name, as a rename does ({@link AuthorityVersion#restoredOver}).
     *
     * @throws SurvivorMergedAwayException when that survivor has been merged into another since
     * @throws org.dossier.web.NotFound when it has no version {@code number} ({@link NoSuchVersion})
     */
    public boolean restore(StoredAuthority authority, int expectedVersion, int number, Attribution by) {
        return restore(authority, expectedVersion, number, true, by);
    }

    /** As {@link #restore(StoredAuthority, int, int, Attribution)}; {@code keepName} false keeps no former name. */
    public boolean restore(StoredAuthority authority, int expectedVersion, int number, boolean keepName, Attribution by) {
        // Its history page asks first (and versions are never taken away), so no page reaches this:
        // should a caller, the 404 its history answers, in the same words.
        AuthorityVersion version = read.version(authority, number)
                .orElseThrow(() -> new NoSuchVersion(authority.name(), number, authority.version()).notFound());
        StoredAuthority now = claim(authority.kind(), authority.id(), expectedVersion);
        AuthorityContent restored = version.restoredOver(now.name(), keepName);
        if (now.merged() && version.mergedInto() == null) {
            unmerge(now, restored, by);
            return true;
        }
        return update(now, restored, by);
    }

    /**
     * Merges {@code merged} into {@code survivor}, one person or place being the other: every record
     * linked to it is linked to the survivor instead (a person keeps the stronger of the two roles),
     * each with a new revision; its forms of the name become the survivor's; its key answers with
     * the survivor's page from now on. One version in both histories says so.
     *
     * <p>The first {@link #MOVE_BATCH} records move in this transaction; the rest in transactions of
     * their own ({@link #carryOn}, which {@link PendingMerges} calls until none is left), so that a
     * name linked to a quarter of a million records does not hold every other writer for minutes.
     * Each record's move is written beside it ({@code moved_link}), so that a restore can undo it.
     */
    public void merge(StoredAuthority merged, int mergedVersion, StoredAuthority survivor, Attribution by) {
        if (merged.kind() != survivor.kind() || merged.id() == survivor.id()) {
            throw new IllegalArgumentException("a " + merged.kind().noun() + " merges into another of its list");
        }
        StoredAuthority loser = claim(merged.kind(), merged.id(), mergedVersion);
        // The editor saw the one merged away at a version, not the survivor: it is taken as it is
        // now, held until this transaction ends (an editor's save of it meanwhile is merged into, not
        // refused as stale, as a record saved while a merge moves it).
        StoredAuthority winner = locked(survivor.kind(), survivor.id());
        if (loser.merged() || winner.merged()) {
            throw new IllegalArgumentException("an authority merged away cannot be merged again");
        }
        if (loser.content().kind() != winner.content().kind()) {
            // Its records would cite a body under a person's inverted name (or a person whole).
            throw new IllegalArgumentException(loser.content().kind().withArticle() + " merges only into another "
                    + loser.content().kind().key());
        }
        if (read.restoreUnderWay(loser)) {
            throw new IllegalStateException(loser.key() + " is still getting its records back from its last merge");
        }
        Set<String> has = new HashSet<>();
        has.add(winner.content().name());
        winner.content().aliases().forEach(a -> has.add(a.name()));
        List<AuthorityContent.Alias> aliases = new ArrayList<>(winner.content().aliases());
        List<String> added = new ArrayList<>();
        List<AuthorityContent.Alias> taken = new ArrayList<>();
        taken.add(new AuthorityContent.Alias(loser.content().name(), AliasKind.VARIANT));
        taken.addAll(loser.content().aliases());
        for (AuthorityContent.Alias alias : taken) {
            if (has.add(alias.name())) {
                aliases.add(alias);
                added.add(alias.name());
            }
        }
        AuthorityContent survivorNow = new AuthorityContent(winner.content().name(), winner.content().sortName(),
                winner.content().description(), winner.content().kind(), aliases);
        AuthorityTables t = AuthorityTables.of(loser.kind());
        int records = db.fetchCount(t.links(), t.linkedAuthority().eq(loser.id()));
        String merge = new AuthorityMerge(loser.key(), winner.key(), List.of(), added, records).json();
        save(winner, survivorNow, null);
        writeVersion(winner.kind(), winner.id(), winner.version() + 1, survivorNow, by, null, merge);
        save(loser, loser.content(), winner.id());
        // Its forms are the survivor's now: the extractor and search must not find two owners.
        db.deleteFrom(t.aliases()).where(t.owner().eq(loser.id())).execute();
        writeVersion(loser.kind(), loser.id(), loser.version() + 1, loser.content(), by, winner.key(), merge);
        moveLinks(loser.kind(), loser.id(), winner.id(), by);
    }

    /**
     * Goes on with one merge or restore still under way, by up to {@link #MOVE_BATCH} records: a person
     * or place merged away that records still link to, or one restored that moved links still
     * wait to come back to. Each record gets a revision with the merge's (or restore's) author and
     * note. With none under way, goes on stamping a renamed one's records ({@link #RESTAMP_BATCH}).
     * Returns whether anything was under way and how many records it moved or stamped (none, for a
     * batch of withdrawn records, which still made progress).
     */
    public Batch carryOn() {
        for (AuthorityKind kind : AuthorityKind.values()) {
            AuthorityTables t = AuthorityTables.of(kind);
            Integer merging = db.select(t.id()).from(t.table()).where(AuthorityRecords.merging(t))
                    .orderBy(t.id()).limit(1).fetchOne(t.id());
            if (merging != null) {
                StoredAuthority loser = locked(kind, merging);
                if (!loser.merged()) {
                    return Batch.NONE; // restored while this waited for its row: the restore wakes the next call
                }
                int survivor = idOf(kind, loser.mergedInto());
                return new Batch(true, moveLinks(kind, loser.id(), survivor, lastMergeOrRestore(loser)));
            }
            // From the list, not from moved_link: a finished merge keeps its rows (for a restore) forever.
            Integer restoring = db.select(t.id()).from(t.table()).where(AuthorityRecords.restoring(kind))
                    .orderBy(t.id()).limit(1).fetchOne(t.id());
            if (restoring != null) {
                StoredAuthority restored = locked(kind, restoring);
                if (restored.merged()) {
                    return Batch.NONE;
                }
                return new Batch(true, putBack(kind, restored.id(), lastMergeOrRestore(restored)));
            }
        }
        var renamed = db.select(RESTAMP.FACET, RESTAMP.AUTHORITY_ID).from(RESTAMP)
                .orderBy(RESTAMP.FACET, RESTAMP.AUTHORITY_ID).limit(1).fetchOne();
        if (renamed != null) {
            // Under way even when it stamps none: a batch of withdrawn records still moved the rename on.
            return new Batch(true, restamp(AuthorityKind.fromKey(renamed.get(RESTAMP.FACET)).orElseThrow(), renamed.get(RESTAMP.AUTHORITY_ID)));
        }
        return Batch.NONE;
    }

    /**
     * What one {@link #carryOn} did: whether a merge, restore or rename was under way, and how many
     * records it moved or stamped, which a rename's batch of withdrawn records makes none.
     */
    public record Batch(boolean underWay, int records) {

        static final Batch NONE = new Batch(false, 0);

        public Batch {
            if (records < 0 || (!underWay && records > 0)) {
                throw new IllegalArgumentException("records moved with nothing under way: " + records);
            }
        }
    }

    /**
     * The authority as it is, its row locked until this transaction ends where rows lock (two nodes
     * carrying on; a merge's survivor), so that what is written from it is not written over meanwhile.
     */
    private StoredAuthority locked(AuthorityKind kind, int id) {
        return locked(kind, AuthorityTables.of(kind).id().eq(id));
    }

    /** As {@link #locked(AuthorityKind, int)}, found by its key: a merge's survivor, which its merge names so. */
    private StoredAuthority locked(AuthorityKind kind, String key) {
        return locked(kind, AuthorityTables.of(kind).key().eq(key));
    }

    /** The lock is taken first and the authority read after it, once: a read before the lock may be stale by then. */
    private StoredAuthority locked(AuthorityKind kind, Condition which) {
        AuthorityTables t = AuthorityTables.of(kind);
        return Transactions.lockingRows(db, db.select(t.id()).from(t.table()).where(which)).fetchOptional(t.id())
                .flatMap(id -> read.find(kind, id)).orElseThrow();
    }

    /**
     * The id of the {@code kind} {@code key} names: a merge's survivor, which the one merged into it
     * names by its key, read where nothing else of it is needed (its whole reading takes its forms of
     * the name and its type too).
     */
    private int idOf(AuthorityKind kind, String key) {
        AuthorityTables t = AuthorityTables.of(kind);
        return db.select(t.id()).from(t.table()).where(t.key().eq(key)).fetchSingle(t.id());
    }

    /** Who merged or restored it, and why: the records moved later are attributed to them. */
    private Attribution lastMergeOrRestore(StoredAuthority authority) {
        AuthorityVersion version = read.versions(authority).stream().filter(AuthorityVersion::mergeVersion)
                .findFirst().orElseThrow(() -> new IllegalStateException(authority.key() + " was never merged"));
        return new Attribution(version.author(), version.note(), null);
    }

    /** Moves a batch of records' links from {@code from} to {@code to}, each written down for a restore; returns how many. */
    private int moveLinks(AuthorityKind kind, int from, int to, Attribution by) {
        AuthorityTables t = AuthorityTables.of(kind);
        List<Integer> documents = db.select(t.linkedDocument()).from(t.links())
                .where(t.linkedAuthority().eq(from)).orderBy(t.linkedDocument()).limit(moveBatch).fetch(t.linkedDocument());
        var moved = db.insertInto(MOVED_LINK, MOVED_LINK.FACET, MOVED_LINK.AUTHORITY_ID, MOVED_LINK.SURVIVOR_ID,
                MOVED_LINK.DOCUMENT_ID, MOVED_LINK.ROLE, MOVED_LINK.SURVIVOR_ROLE, MOVED_LINK.POSITION,
                MOVED_LINK.SURVIVOR_POSITION);
        long started = System.nanoTime();
        Instant since = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS);
        int count = 0;
        for (int documentId : documents) {
            RecordDraft draft = records.draft(documentId);
            Map<Integer, PersonRole> people = draft.people();
            TreeSet<Integer> places = new TreeSet<>(draft.places());
            if (kind == AuthorityKind.PERSON) {
                PersonRole role = people.get(from);
                PersonRole before = people.get(to);
                List<Integer> order = List.copyOf(people.keySet());
                int position = order.indexOf(from) + 1;
                Integer survivorPosition = before == null ? null : order.indexOf(to) + 1;
                people = mergedInOrder(people, from, to, role.strongest(before));
                moved = moved.values(kind.key(), from, to, documentId, role.key(), before == null ? null : before.key(),
                        position, survivorPosition);
            } else {
                boolean had = places.contains(to);
                places.remove(from);
                places.add(to);
                moved = moved.values(kind.key(), from, to, documentId, null, had ? "linked" : null, null, null);
            }
            records.update(documentId, version(documentId),
                    draft.withLinks(people, places), by);
            count++;
            if (System.nanoTime() - started >= moveNanos) {
                break;
            }
        }
        if (count > 0) {
            moved.execute();
        }
        records.stampedAtTheEnd(documents.subList(0, count), since);
        return count;
    }

    /**
     * The people with {@code from} merged into {@code to}: one link, in {@code role}, where the
     * earlier of the two stood (a record that named both keeps the survivor once, at the first of
     * their two places; one that named only {@code from} has {@code to} in its place).
     */
    static Map<Integer, PersonRole> mergedInOrder(Map<Integer, PersonRole> people, int from, int to, PersonRole role) {
        Map<Integer, PersonRole> merged = new LinkedHashMap<>();
        people.forEach((id, was) -> {
            if (id == from || id == to) {
                merged.putIfAbsent(to, role);
            } else {
                merged.put(id, was);
            }
        });
        return merged;
    }

    /**
     * The people with {@code survivor} taken out (or left in {@code survivorRole}) and {@code merged}
     * put back in {@code role}, each at the place it had before the merge where that is known
     * (positions from 1; after the others where it is not, or past the end now).
     */
    static Map<Integer, PersonRole> putBackInOrder(Map<Integer, PersonRole> people, int merged, PersonRole role,
                                                   int survivor, PersonRole survivorRole, Integer position,
                                                   Integer survivorPosition) {
        List<Map.Entry<Integer, PersonRole>> order = new ArrayList<>();
        people.forEach((id, was) -> {
            if (id != merged && id != survivor) {
                order.add(Map.entry(id, was));
            }
        });
        // The earlier place first, so that the later one counts it.
        record Back(int id, PersonRole role, Integer position) {
        }
        List<Back> back = new ArrayList<>();
        back.add(new Back(merged, role, position));
        if (survivorRole != null) {
            back.add(new Back(survivor, survivorRole, survivorPosition));
        }
        back.sort(Comparator.comparing(Back::position, Comparator.nullsLast(Integer::compare)));
        for (Back b : back) {
            int at = b.position() == null ? order.size() : Math.min(Math.max(b.position() - 1, 0), order.size());
            order.add(at, Map.entry(b.id(), b.role()));
        }
        Map<Integer, PersonRole> result = new LinkedHashMap<>();
        order.forEach(e -> result.put(e.getKey(), e.getValue()));
        return result;
    }

    /**
     * Undoes the merge that {@code merged}'s current version made, and makes {@code to} what it says;
     * the first {@link #MOVE_BATCH} records come back now, the rest as {@link #carryOn} goes on.
     */
    private void unmerge(StoredAuthority merged, AuthorityContent to, Attribution by) {
        AuthorityVersion mergeVersion = read.version(merged, merged.version()).orElseThrow();
        if (mergeVersion.merge() == null) {
            throw new IllegalStateException(merged.key() + " is merged, but its latest version is not the merge");
        }
        AuthorityMerge merge = AuthorityMerge.fromJson(mergeVersion.merge());
        StoredAuthority survivor = locked(merged.kind(), merge.survivor());
        if (survivor.merged()) {
            // Its records went on to another; writing the survivor back here would also clear its own
            // merge (save) and set that one's undoing going, with no version saying so.
            throw new SurvivorMergedAwayException(survivor);
        }
        save(merged, to, null);
        writeVersion(merged.kind(), merged.id(), merged.version() + 1, to, by, null, mergeVersion.merge());
        // A merge made before moved_link kept its whole list in its version.
        for (AuthorityMerge.MovedLink link : merge.links()) {
            putBack(merged.kind(), merged.id(), survivor.id(), link, by);
        }
        Set<String> taken = new HashSet<>(merge.addedForms());
        AuthorityContent survivorNow = survivor.content();
        AuthorityContent survivorBack = new AuthorityContent(survivorNow.name(), survivorNow.sortName(),
                survivorNow.description(), survivorNow.kind(),
                survivorNow.aliases().stream().filter(a -> !taken.contains(a.name())).toList());
        save(survivor, survivorBack, null);
        writeVersion(survivor.kind(), survivor.id(), survivor.version() + 1, survivorBack, by, null, mergeVersion.merge());
        putBack(merged.kind(), merged.id(), by);
    }

    /** Puts back a batch of the links a merge of the {@code kind} {@code restored} moved; returns how many. */
    private int putBack(AuthorityKind kind, int restored, Attribution by) {
        Condition its = MOVED_LINK.FACET.eq(kind.key()).and(MOVED_LINK.AUTHORITY_ID.eq(restored));
        var rows = db.selectFrom(MOVED_LINK).where(its).orderBy(MOVED_LINK.DOCUMENT_ID).limit(moveBatch).fetch();
        long started = System.nanoTime();
        Instant since = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS);
        int count = 0;
        for (var row : rows) {
            putBack(kind, restored, row.getSurvivorId(),
                    new AuthorityMerge.MovedLink(row.getDocumentId(), row.getRole(), row.getSurvivorRole(),
                            row.getPosition(), row.getSurvivorPosition()), by);
            count++;
            if (System.nanoTime() - started >= moveNanos) {
                break;
            }
        }
        if (count > 0) {
            db.deleteFrom(MOVED_LINK).where(its)
                    .and(MOVED_LINK.DOCUMENT_ID.le(rows.get(count - 1).getDocumentId())).execute();
        }
        records.stampedAtTheEnd(rows.subList(0, count).stream().map(r -> r.getDocumentId()).toList(), since);
        return count;
    }

    /** One record's link back to the authority merged away, the survivor's as it was before. */
    private void putBack(AuthorityKind kind, int mergedId, int survivorId, AuthorityMerge.MovedLink link, Attribution by) {
        RecordDraft draft;
        try {
            draft = records.draft(link.document());
        } catch (NoSuchRecordException e) {
            return;
        }
        Map<Integer, PersonRole> people = draft.people();
        TreeSet<Integer> places = new TreeSet<>(draft.places());
        if (kind == AuthorityKind.PERSON) {
            // The survivor stays only where the record named it before the merge (or was linked to
            // it since, and then in its place now).
            PersonRole survivorRole = people.containsKey(survivorId) && link.survivorRole() != null
                    ? PersonRole.stored(link.survivorRole()) : null;
            people = putBackInOrder(people, mergedId, PersonRole.stored(link.role()), survivorId, survivorRole,
                    link.position(), link.survivorPosition());
        } else {
            if (link.survivorRole() == null) {
                places.remove(survivorId);
            }
            places.add(mergedId);
        }
        RecordDraft back = draft.withLinks(people, places);
        if (!back.equals(draft)) {
            records.update(link.document(), version(link.document()), back, by);
        }
    }

    /** The version of a record read through {@link RecordWriter#draft}, which locked it: still the one that draft is of. */
    private int version(int documentId) {
        return db.select(DOCUMENT.VERSION).from(DOCUMENT).where(DOCUMENT.ID.eq(documentId)).fetchSingle(DOCUMENT.VERSION);
    }

    /**
     * Links each of {@code documents} to the authority (a person in the role given), each with a
     * new revision of the record whose note says why; a record already linked is left as it is.
     * Returns how many records were linked.
     */
    public int link(StoredAuthority authority, Map<Integer, PersonRole> documents, Attribution by) {
        Instant since = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS);
        int linked = 0;
        for (var entry : documents.entrySet()) {
            int documentId = entry.getKey();
            RecordDraft draft;
            try {
                draft = records.draft(documentId);
            } catch (NoSuchRecordException e) {
                continue;
            }
            RecordDraft relinked = withLink(draft, authority, entry.getValue(),
                    authority.kind() == AuthorityKind.PERSON ? textOrder(draft) : List.of());
            if (relinked.equals(draft)) {
                continue;
            }
            records.update(documentId, version(documentId), relinked, by);
            linked++;
        }
        records.stampedAtTheEnd(documents.keySet(), since);
        return linked;
    }

    /**
     * Links the records of {@code mentions}, each with a revision whose note says why: "Linked to
     * Nikita Khrushchev, alias 'Khrushchev' added" when its latest version added the form the record
     * names it by, "…, named 'Khrushchev' in the record" otherwise. Returns how many were linked.
     */
    public int link(StoredAuthority authority, List<Mentions.Mention> mentions, String author, String source) {
        Set<String> added = addedForms(authority);
        Map<String, Map<Integer, PersonRole>> byForm = new LinkedHashMap<>();
        mentions.forEach(m -> byForm.computeIfAbsent(m.form(), f -> new LinkedHashMap<>())
                .put(m.documentId(), m.role()));
        int linked = 0;
        for (var group : byForm.entrySet()) {
            String form = group.getKey();
            String why = added.contains(form) ? "Linked to " + authority.name() + ", alias '" + form + "' added"
                    : "Linked to " + authority.name() + ", named '" + form + "' in the record";
            linked += link(authority, group.getValue(), new Attribution(author, why, source));
        }
        return linked;
    }

    /** The forms of the name its latest version added (all of them for a new one). */
    private Set<String> addedForms(StoredAuthority authority) {
        List<AuthorityVersion> versions = read.versions(authority);
        Set<String> now = new HashSet<>();
        now.add(authority.content().name());
        authority.content().aliases().forEach(a -> now.add(a.name()));
        if (versions.size() >= 2) {
            AuthorityContent before = versions.get(1).content();
            now.remove(before.name());
            before.aliases().forEach(a -> now.remove(a.name()));
        }
        return now;
    }

    /** The people the record's title and summary name, in the order they name them. */
    private List<Integer> textOrder(RecordDraft draft) {
        if (extractor == null) {
            extractor = Extractor.load(db);
        }
        return List.copyOf(extractor.extract(draft.title(), draft.summary()).people().keySet());
    }

    /**
     * The draft with the authority linked too. A person goes where the record's text names them
     * among the people it links already (before the first of them the text names later), as an
     * import would have placed them; after them where the text does not say.
     */
    static RecordDraft withLink(RecordDraft draft, StoredAuthority authority, PersonRole role, List<Integer> textOrder) {
        Map<Integer, PersonRole> people = new LinkedHashMap<>(draft.people());
        TreeSet<Integer> places = new TreeSet<>(draft.places());
        if (authority.kind() == AuthorityKind.PERSON) {
            if (!people.containsKey(authority.id())) {
                int named = textOrder.indexOf(authority.id());
                List<Integer> order = new ArrayList<>(people.keySet());
                int at = order.size();
                for (int i = 0; named >= 0 && i < order.size(); i++) {
                    if (textOrder.indexOf(order.get(i)) > named) {
                        at = i;
                        break;
                    }
                }
                order.add(at, authority.id());
                Map<Integer, PersonRole> linked = new LinkedHashMap<>();
                for (int id : order) {
                    linked.put(id, id == authority.id() ? (role == null ? PersonRole.MENTIONED : role) : people.get(id));
                }
                people = linked;
            }
        } else {
            places.add(authority.id());
        }
        return draft.withLinks(people, places);
    }

    /**
     * The one check that a change is based on the version saved now, made by the database itself, as
     * a record's is ({@code RecordWriter.claim}): a compare-and-set that touches the row only if it
     * is still at {@code expectedVersion}. On PostgreSQL the row then stays locked to the commit, so a
     * second writer that passed the same version waits here and then finds the row moved on; on
     * SQLite writers take turns anyway. Returns the authority as it is, for the writer to decide
     * whether the change changes anything.
     *
     * @throws StaleAuthorityException when someone saved a newer version in between
     */
    private StoredAuthority claim(AuthorityKind kind, int id, int expectedVersion) {
        AuthorityTables t = AuthorityTables.of(kind);
        int claimed = db.update(t.table()).set(t.version(), t.version())
                .where(t.id().eq(id).and(t.version().eq(expectedVersion))).execute();
        StoredAuthority now = read.find(kind, id).orElseThrow(() -> new IllegalArgumentException("no " + kind.noun()
                + " " + id));
        if (claimed != 1) {
            throw new StaleAuthorityException(now.key(), expectedVersion, now.version());
        }
        return now;
    }

    /**
     * Writes {@code content} (and where it went, once merged) over an authority {@link #claim}ed or
     * {@link #locked} in this transaction, as its next version, then its forms: its version was
     * checked once already, when its row was taken.
     */
    private void save(StoredAuthority now, AuthorityContent content, Integer mergedInto) {
        AuthorityTables t = AuthorityTables.of(now.kind());
        db.update(t.table())
                .set(t.name(), content.name())
                .set(t.sortName(), content.sortName())
                .set(t.note(), content.description())
                .set(t.version(), now.version() + 1)
                .set(t.mergedInto(), mergedInto)
                .where(t.id().eq(now.id()))
                .execute();
        writeContent(now.kind(), now.id(), content);
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
            db.update(PERSON).set(PERSON.KIND, content.kind().key())
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
                .set(AUTHORITY_VERSION.CREATED_AT, Instant.now(clock).truncatedTo(ChronoUnit.SECONDS))
                .set(AUTHORITY_VERSION.AUTHOR, by.author())
                .set(AUTHORITY_VERSION.NOTE, by.note())
                .set(AUTHORITY_VERSION.NAME, content.name())
                .set(AUTHORITY_VERSION.SORT_NAME, content.sortName())
                .set(AUTHORITY_VERSION.DESCRIPTION, content.description())
                .set(AUTHORITY_VERSION.KIND, content.kind().key())
                .set(AUTHORITY_VERSION.ALIASES, content.aliasesJson())
                .set(AUTHORITY_VERSION.MERGED_INTO, mergedInto)
                .set(AUTHORITY_VERSION.MERGE, merge)
                .execute();
    }

    /**
     * The name a new entry's key is made from: its own, or where that has no letter with a Latin
     * form (毛泽东, جمال عبد الناصر), the first variant that has one ("Mao Zedong"), as an archive
     * romanizes such names in its other forms; a misspelling, pseudonym or short form would make
     * a misleading address.
     */
    private static String readableName(AuthorityContent content) {
        if (!Slugs.slugify(content.name()).equals("document")) {
            return content.name();
        }
        return content.aliases().stream()
                .filter(alias -> alias.kind() == AliasKind.VARIANT)
                .map(AuthorityContent.Alias::name)
                .filter(name -> !Slugs.slugify(name).equals("document"))
                .findFirst().orElse(content.name());
    }

    /**
     * A key made from the name ("nikita-khrushchev", from "Никита Хрущёв" too), never one in use
     * (or once used: a merged authority keeps its key), never all digits (those address by id) and
     * never "new"; "person" (or "place") for a name with nothing to read in Latin letters, then
     * "person-2" and on, as for any key taken (the noun alone, like a record's "document").
     */
    private String freeKey(AuthorityKind kind, String name) {
        AuthorityTables t = AuthorityTables.of(kind);
        String base = Slugs.slugify(name);
        if (base.equals("document")) {
            base = kind.noun();
        } else if (base.matches("[0-9]+") || base.equals("new")) {
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
