package org.dossier.testing;

/**
 * The embedded search engine's logger ({@code LuceneSearchEngine}) is one for the whole JVM, and the
 * tests run with its level at WARN: a test that raises it to INFO to read the engine's lines, then
 * sets it back, would silence another test reading them at the same time (IndexOpeningLogTest once
 * read nothing of an index's second opening while a database-outage test put the level back). Such
 * tests hold this lock ({@code @ResourceLock(SearchEngineLog.LEVEL)}) while they change it.
 */
public final class SearchEngineLog {

    /** The lock's name. */
    public static final String LEVEL = "the search engine's log level";

    private SearchEngineLog() {
    }
}
