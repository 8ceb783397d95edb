package org.dossier.documents;

import static org.dossier.db.Tables.CHANGE;
import static org.dossier.db.Tables.CHANGE_HEAD;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jooq.BatchBindStep;
import org.jooq.DSLContext;

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
 */
public final class ChangeFeed {

    /** One change: record {@code documentId} changed; {@code id} is its place in the feed. */
    public record Change(long id, int documentId) {
    }

    /** Where the feed stands: which feed (one per database) and the newest change committed. */
    public record Head(String feed, long last) {
    }

    private ChangeFeed() {
    }

    /** Appends one change per record, in the caller's transaction; call it last, just before the commit. */
    public static void append(DSLContext tx, Collection<Integer> documentIds, Instant now) {
        int count = documentIds.size();
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
        rows.execute();
    }

    /** The feed's name and its newest committed change: every change up to it can be read. */
    public static Head head(DSLContext db) {
        var row = db.select(CHANGE_HEAD.FEED, CHANGE_HEAD.LAST).from(CHANGE_HEAD).where(CHANGE_HEAD.ID.eq(1)).fetchSingle();
        return new Head(row.get(CHANGE_HEAD.FEED), row.get(CHANGE_HEAD.LAST));
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
            changes.add(new Change(expected++, row.get(CHANGE.DOCUMENT_ID)));
        }
        return changes;
    }
}
