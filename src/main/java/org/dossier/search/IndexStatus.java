package org.dossier.search;

/**
 * How far a search engine has got with the database, for readiness checks and metrics.
 *
 * @param open whether the engine answers searches (false while its index is being built or after a failure)
 * @param appliedChange the newest change (revision) the engine has applied
 * @param latestChange the newest change the database holds
 * @param generation the engine's own counter of committed index states (Lucene's commit generation)
 * @param detail what the engine is doing, in words (empty when all is well)
 */
public record IndexStatus(boolean open, long appliedChange, long latestChange, long generation, String detail) {

    public IndexStatus {
        detail = detail == null ? "" : detail;
    }

    /** An engine that is not answering yet, or any more. */
    public static IndexStatus closed(String detail) {
        return new IndexStatus(false, 0, 0, 0, detail);
    }

    /** How many changes the database holds that the engine has not applied yet. */
    public long lag() {
        return Math.max(0, latestChange - appliedChange);
    }
}
