package org.dossier.search;

/**
 * What an opening search engine is doing, in words, for {@code /ready}: one sentence, replaced as the
 * opening goes on ("Rebuilding the search index (there is no index yet): 412,000 of 1,000,000
 * records"), and as a running SolrCloud engine's refill goes on. An operator watching a node start at
 * a million records (38–90 s), or a load balancer's log, saw only "not ready". Written by the thread
 * that opens (or refills) the engine, read by any.
 */
public final class OpeningPhase {

    private volatile String now;

    public OpeningPhase(String first) {
        now = first;
    }

    /** The opening has got to {@code doing}: in the engine's own words, never another program's (this is shown publicly). */
    public void now(String doing) {
        now = doing;
    }

    public String now() {
        return now;
    }
}
