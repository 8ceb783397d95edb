package org.dossier.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;
import org.dossier.app.Database;
import org.dossier.documents.RecordStore;
import org.dossier.testing.RecordsByTitle;
import org.dossier.testing.TestCatalogue;
import org.dossier.testing.TestDatabase;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real database in a temporary folder holding the seed pages' catalogue, and its search index. A test
 * that writes opens one of its own ({@link #open()}, in a try-with-resources); a class whose tests share
 * one registers it:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final SeedIndex seeds = SeedIndex.forTheClass();
 * }</pre>
 *
 * <p>which is open from before the class's first test until after its last.
 */
final class SeedIndex implements AutoCloseable, BeforeAllCallback, AfterAllCallback {

    // Set when it is opened: at once by open(), before the class's first test by forTheClass().
    Path folder;
    Database database;
    RecordStore store;
    /** How long a search waits for the follower, at most: a node's wait unless the test gives another. */
    private final Duration searchWait;
    LuceneSearchEngine engine;

    private SeedIndex(Duration searchWait) {
        this.searchWait = searchWait;
    }

    static SeedIndex open() throws Exception {
        return open(Duration.ofMillis(FeedProgress.AWAIT_MILLIS));
    }

    /** As {@link #open()}, every engine opened on it letting a search wait {@code searchWait} for the follower. */
    static SeedIndex open(Duration searchWait) throws Exception {
        SeedIndex index = new SeedIndex(searchWait);
        index.openNow();
        return index;
    }

    /** One for the test class: opened before its first test, closed after its last (a {@code @RegisterExtension}). */
    static SeedIndex forTheClass() {
        return new SeedIndex(Duration.ofMillis(FeedProgress.AWAIT_MILLIS));
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        openNow();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    private void openNow() throws Exception {
        folder = Files.createTempDirectory("dossier-search-");
        try {
            database = TestDatabase.seededIn(folder);
            store = new RecordStore(database.dsl(), Clock.systemUTC());
            reopen();
        } catch (Exception | Error e) {
            close();
            throw e;
        }
        store.onChange(ids -> engine.changed(ids));
        // the listener reads the field at each change: reopening the engine keeps it following
    }

    /** The seed pages' index read as it stands, for snapshots searched on two threads of their own. */
    static Snapshots snapshots() throws Exception {
        SeedIndex seeds = open();
        try {
            return new Snapshots(seeds, DirectoryReader.open(FSDirectory.open(seeds.indexFolder())));
        } catch (Exception e) {
            seeds.close();
            throw e;
        }
    }

    /**
     * This index as its engine left it, for snapshots searched on two threads of their own: the
     * engine is closed (what was written through it committed) and the index read as it stands.
     */
    Snapshots closedForSnapshots() throws Exception {
        engine.close();
        engine = null;
        return new Snapshots(this, DirectoryReader.open(FSDirectory.open(indexFolder())));
    }

    /** One reader of the seed pages' index, and the threads its snapshots search on; closes both and the index. */
    static final class Snapshots implements AutoCloseable {
        private final SeedIndex seeds;
        private final DirectoryReader reader;
        private final SearchThreads threads = SearchThreads.of(2, 2);

        private Snapshots(SeedIndex seeds, DirectoryReader reader) {
            this.seeds = seeds;
            this.reader = reader;
        }

        /** A snapshot of the reader keeping {@code keptAnswers} bytes of answers (0: none). */
        Snapshot snapshot(long keptAnswers) throws Exception {
            return new Snapshot(reader, threads, IndexLayout.facetsConfig(), keptAnswers, new SegmentMemory());
        }

        @Override
        public void close() throws IOException {
            threads.shutdownNow();
            try {
                reader.close();
            } finally {
                seeds.close();
            }
        }
    }

    /** The id of the one record whose title contains {@code words}: see {@link RecordsByTitle}. */
    int recordTitled(String words) {
        return RecordsByTitle.idOf(database.dsl(), words);
    }

    Path indexFolder() {
        return folder.resolve("dossier.index");
    }

    /** Closes the engine and opens it again, as a restart does. */
    void reopen() throws Exception {
        if (engine != null) {
            engine.close();
        }
        engine = LuceneSearchEngine.open(indexFolder(), database.dsl(), LuceneSearchEngine.DEFAULT_KEPT_ANSWERS,
                new OpeningPhase(OpeningSearchEngine.OPENING), searchWait);
    }

    /** Closes what is open: all of it, or what an opening that failed (or never came) left. */
    @Override
    public void close() {
        if (engine != null) {
            engine.close();
            engine = null;
        }
        if (database != null) {
            database.close();
            database = null;
        }
        if (folder != null) {
            TestDatabase.forget(folder);
            TestCatalogue.deleteRecursively(folder);
            folder = null;
        }
    }
}
