package org.dossier.search;

/** How hits are ordered. Relevance without words to rank by falls back to newest first. */
public enum SearchOrder {
    RELEVANCE,
    DATE_NEWEST,
    DATE_OLDEST,
    TITLE
}
