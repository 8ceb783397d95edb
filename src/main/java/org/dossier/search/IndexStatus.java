package org.dossier.search;

/**
 * How far a search engine has got with the database, for readiness checks and metrics.
 *
 * @param open whether the engine answers searches (false while its index is being built or after a failure)
 * @param appliedChange the newest change (revision) the engine has applied
 * @param latestChange the newest change the database holds
 * @param generation the engine's own counter of committed index states (Lucene's commit generation)
 * @param steps how many times the engine's follower got further into the feed than before (a record
 *              written, searchable or not yet): while it grows, a node far behind is catching up
 * @param detail what the engine is doing, in words (empty when all is well); may quote what
 *               another program said (Solr's error), so it is shown on the metrics port only
 * @param phase  what the engine is doing until it answers, in its own words only, for anyone who
 *               asks /ready ({@link OpeningPhase}); empty when it has nothing to add to {@code open}
 */
public record IndexStatus(boolean open, long appliedChange, long latestChange, long generation, long steps,
                          String detail, String phase) {

    public IndexStatus {
        detail = detail == null ? "" : detail;
        phase = phase == null ? "" : phase;
    }

    /** An engine's state with no phase to say. */
    public IndexStatus(boolean open, long appliedChange, long latestChange, long generation, long steps, String detail) {
        this(open, appliedChange, latestChange, generation, steps, detail, "");
    }

    /** An engine that is not answering yet, or any more. */
    public static IndexStatus closed(String detail) {
        return closed(detail, "");
    }

    /** An engine that is not answering yet, or any more, and is {@code phase} meanwhile. */
    public static IndexStatus closed(String detail, String phase) {
        return new IndexStatus(false, 0, 0, 0, 0, detail, phase);
    }

    /**
     * True when the database's change feed ends before what the engine has applied: the database was
     * restored from an older backup, or replaced, under the running node. The engine then waits for
     * changes it believes it has (a save's change number is one it already applied), and finds
     * nothing new until the feed passes its old end: only a rebuild puts it right.
     */
    public boolean aheadOfDatabase() {
        return open && latestChange < appliedChange;
    }

    /** How many changes the database holds that the engine has not applied yet. */
    public long lag() {
        return Math.max(0, latestChange - appliedChange);
    }
}
