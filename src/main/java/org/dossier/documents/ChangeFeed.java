package org.dossier.documents;

import static org.dossier.db.Tables.CHANGE;
import static org.dossier.db.Tables.CHANGE_HEAD;

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

    private ChangeFeed() {
    }

    /** Appends one change per record, in the caller's transaction; call it last, just before the commit. */
    public static void append(DSLContext tx, Collection<Integer> documentIds, String now) {
        append(tx, documentIds, false, now);
    }

    /**
     * The same, plus one change without a record when {@code authorities} changed (a person's or
     * place's names), so that every node reloads the names that widen a search.
     */
    public static void append(DSLContext tx, Collection<Integer> documentIds, boolean authorities, String now) {
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

    /** The feed's name and its newest committed change: every change up to it can be read. */
    public static Head head(DSLContext db) {
        var row = db.select(CHANGE_HEAD.FEED, CHANGE_HEAD.LAST).from(CHANGE_HEAD).where(CHANGE_HEAD.ID.eq(1)).fetchSingle();
        return new Head(row.value1(), row.value2());
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
            if (row.value1() != expected) {
                break;
            }
            changes.add(new Change(expected++, row.value2() == null ? NO_RECORD : row.value2()));
        }
        return changes;
    }
}
