package org.dossier.documents;

import static org.dossier.db.Tables.CHANGE;
import static org.dossier.db.Tables.CHANGE_HEAD;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jooq.BatchBindStep;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The change feed: one row per changed record, written in the same transaction as the change, read
 * by every app node in commit order to keep its own search index.
 *
 * <p>The rule: a writer takes its change ids from the one row of {@code change_head} as the last
 * thing it does before committing. That row stays locked until the writer's transaction ends, so
 * the next writer gets its ids only after this one has committed, and a rolled-back writer's
 * increment is undone with it: ids are handed out in commit order, without gaps. A reader applies
 * ids one after another and stops at the first one it cannot see, so it can never step over a
 * change that is still in flight. (SQLite has one writer at a time anyway; on PostgreSQL this is
 * what orders concurrent writers.)
 *
 * <p>Pruning: the table does not grow forever. A node removes the oldest changes that are older than
 * {@link #KEPT_FOR} and that it has applied itself, and only ever a run from the oldest on, so what
 * is kept is always every change from {@link #oldestKept} to the head. A node whose index stopped
 * before the oldest kept change (it was off for longer than that) cannot follow the feed any more
 * and rebuilds its index in full on start.
 */
public final class ChangeFeed {

    /**
     * One change: record {@code documentId} changed; {@code id} is its place in the feed. A change of
     * the people or places lists (a name, a form of a name) names no record: {@link #NO_RECORD}.
     */
    public record Change(long id, int documentId) {

        public boolean ofRecord() {
            return documentId != NO_RECORD;
        }
    }

    /** The document id of a change that is not a record's: the authority lists changed. */
    public static final int NO_RECORD = 0;

    /** Where the feed stands: which feed (one per database) and the newest change committed. */
    public record Head(String feed, long last) {
    }

    /** How long a change stays in the feed at least: a node off for longer rebuilds its index on start. */
    public static final Duration KEPT_FOR = Duration.ofDays(7);

    private ChangeFeed() {
    }

    /** Appends one change per record, in the caller's transaction; call it last, just before the commit. */
    public static void append(DSLContext tx, Collection<Integer> documentIds, Instant now) {
        append(tx, documentIds, false, now);
    }

    /**
     * The same, plus one change without a record when {@code authorities} changed (a person's or
     * place's names), so that every node reloads the names that widen a search.
     */
    public static void append(DSLContext tx, Collection<Integer> documentIds, boolean authorities, Instant now) {
        int count = documentIds.size() + (authorities ? 1 : 0);
        if (count == 0) {
            return;
        }
        tx.update(CHANGE_HEAD).set(CHANGE_HEAD.LAST, CHANGE_HEAD.LAST.plus(count)).where(CHANGE_HEAD.ID.eq(1)).execute();
        long last = tx.select(CHANGE_HEAD.LAST).from(CHANGE_HEAD).where(CHANGE_HEAD.ID.eq(1)).fetchSingle(CHANGE_HEAD.LAST);
        long next = last - count + 1;
        BatchBindStep rows = tx.batch(tx.insertInto(CHANGE, CHANGE.ID, CHANGE.DOCUMENT_ID, CHANGE.CHANGED_AT)
                .values((Integer) null, null, null));
        for (int documentId : documentIds) {
            rows.bind(Math.toIntExact(next++), documentId, now);
        }
        if (authorities) {
            rows.bind(Math.toIntExact(next++), null, now);
        }
        rows.execute();
    }

    /**
     * Takes the head's row, as {@link #append} does, for a write that stamps records without adding
     * changes (a rename's batch): held to the commit, it orders this write's stamps after those of
     * every write that committed before ({@link CommitClock}). Holding it twice costs nothing.
     */
    static void hold(DSLContext tx) {
        tx.update(CHANGE_HEAD).set(CHANGE_HEAD.LAST, CHANGE_HEAD.LAST).where(CHANGE_HEAD.ID.eq(1)).execute();
    }

    /** The feed's name and its newest committed change: every change up to it can be read. */
    public static Head head(DSLContext db) {
        var row = db.select(CHANGE_HEAD.FEED, CHANGE_HEAD.LAST).from(CHANGE_HEAD).where(CHANGE_HEAD.ID.eq(1)).fetchSingle();
        return new Head(row.get(CHANGE_HEAD.FEED), row.get(CHANGE_HEAD.LAST));
    }

    /**
     * The id of the oldest change still in the feed, or the head's next id when none is kept. A
     * reader that has applied up to {@code n} can follow the feed only if {@code n + 1} is at least
     * this: the changes before it were pruned.
     */
    public static long oldestKept(DSLContext db, Head head) {
        Integer oldest = db.fetchValue(DSL.select(DSL.min(CHANGE.ID)).from(CHANGE));
        return oldest == null ? head.last() + 1 : oldest;
    }

    /**
     * Removes the oldest changes that are older than {@code olderThan} and at most {@code appliedUpTo}
     * (what the pruning node has applied), stopping at the first change that is not both; returns how
     * many were removed. Safe to run on every node at once: each removes a run from the oldest on.
     * Looked for with a read first: the DELETE with nothing to delete still took SQLite's write lock
     * every hour on every node (or waited for an import's, and failed).
     */
    public static int prune(DSLContext db, Instant olderThan, long appliedUpTo) {
        Integer firstKept = db.select(CHANGE.ID).from(CHANGE).where(CHANGE.CHANGED_AT.ge(olderThan))
                .orderBy(CHANGE.ID).limit(1).fetchOne(CHANGE.ID);
        long below = firstKept == null ? appliedUpTo + 1 : Math.min(firstKept, appliedUpTo + 1);
        Integer oldest = db.fetchValue(DSL.select(DSL.min(CHANGE.ID)).from(CHANGE));
        if (oldest == null || oldest >= below) {
            return 0;
        }
        return db.deleteFrom(CHANGE).where(CHANGE.ID.lt(Math.toIntExact(below))).execute();
    }

    /**
     * Up to {@code limit} changes after {@code after}, in order and without a gap: the list ends
     * before the first id that is not there (yet).
     */
    public static List<Change> after(DSLContext db, long after, int limit) {
        List<Change> changes = new ArrayList<>();
        long expected = after + 1;
        for (var row : db.select(CHANGE.ID, CHANGE.DOCUMENT_ID).from(CHANGE)
                .where(CHANGE.ID.gt(Math.toIntExact(after))).orderBy(CHANGE.ID).limit(limit).fetch()) {
            if (row.get(CHANGE.ID) != expected) {
                break;
            }
            Integer documentId = row.get(CHANGE.DOCUMENT_ID);
            changes.add(new Change(expected++, documentId == null ? NO_RECORD : documentId));
        }
        return changes;
    }
}
