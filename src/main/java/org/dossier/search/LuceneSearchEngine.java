package org.dossier.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalogue's search engine: an embedded Lucene index in a folder beside the database, derived
 * from it and disposable. On open it is checked against the database (the number of searchable
 * records and the newest revision it has seen must match) and rebuilt if it does not; after that
 * it follows every write through {@link #changed}, near-real-time: a change is searchable by the
 * time the write that made it returns. Changes written by another process (an import run from the
 * command line while the server runs) are caught up with before the next search: every change
 * leaves a revision, and the index remembers the last one it has seen.
 */
public final class LuceneSearchEngine implements SearchEngine {

    private static final Logger LOG = LoggerFactory.getLogger(LuceneSearchEngine.class);
    private static final String FORMAT_KEY = "format";
    private static final String REVISION_KEY = "lastRevision";
    private static final int LOAD_CHUNK = 500;

    private final IndexSource source;
    private final Analyzer analyzer;
    private final FacetsConfig config;
    private final ExecutorService executor;
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final Searching searching;
    private volatile long indexedRevision;
    /** The authority lists' names: read on open and after every change, as an import may bring new ones. */
    private volatile Names names;

    private LuceneSearchEngine(IndexSource source, Analyzer analyzer, FacetsConfig config, ExecutorService executor,
                               Directory directory, IndexWriter writer, SearcherManager searchers,
                               long indexedRevision) {
        this.source = source;
        this.analyzer = analyzer;
        this.config = config;
        this.executor = executor;
        this.directory = directory;
        this.writer = writer;
        this.searchers = searchers;
        this.searching = new Searching(analyzer);
        this.indexedRevision = indexedRevision;
        this.names = Names.of(source.nameForms(), analyzer);
    }

    /**
     * Opens the index in {@code folder}, first rebuilding it from the database if it is missing,
     * unreadable, of another layout, or out of step with the database.
     */
    public static LuceneSearchEngine open(Path folder, DSLContext db) throws IOException {
        IndexSource source = new IndexSource(db);
        Analyzer analyzer = new CatalogueAnalyzer();
        FacetsConfig config = IndexLayout.facetsConfig();
        String stale = staleness(folder, source.state());
        if (stale != null) {
            LOG.info("Rebuilding the search index at {}: {}", folder, stale);
            long started = System.nanoTime();
            IndexSource.State built = IndexBuilder.build(folder, source, analyzer, config, partitions(),
                    (done, total) -> { });
            LOG.info("Built the search index of {} records in {} ms", built.documents(),
                    (System.nanoTime() - started) / 1_000_000);
        }
        ExecutorService executor = Executors.newFixedThreadPool(partitions(), daemonThreads());
        Directory directory = FSDirectory.open(folder);
        IndexWriter writer = null;
        try {
            writer = new IndexWriter(directory, new IndexWriterConfig(analyzer)
                    .setOpenMode(IndexWriterConfig.OpenMode.APPEND)
                    .setRAMBufferSizeMB(32));
            long revision = Long.parseLong(commitValue(writer, REVISION_KEY));
            SearcherManager searchers = new SearcherManager(writer, new SearcherFactory() {
                @Override
                public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) throws IOException {
                    return new Snapshot(reader, executor, config);
                }
            });
            LuceneSearchEngine engine = new LuceneSearchEngine(source, analyzer, config, executor, directory, writer,
                    searchers, revision);
            engine.warm();
            return engine;
        } catch (IOException | RuntimeException e) {
            if (writer != null) {
                writer.close();
            }
            directory.close();
            executor.shutdownNow();
            if (e instanceof org.apache.lucene.store.LockObtainFailedException) {
                throw new IndexInUseException(folder);
            }
            throw e;
        }
    }

    /** Rebuilds the index in {@code folder} from the database, replacing what is there. */
    public static long rebuild(Path folder, DSLContext db, IndexProgress listener) throws IOException {
        return IndexBuilder.build(folder, new IndexSource(db), new CatalogueAnalyzer(), IndexLayout.facetsConfig(),
                partitions(), listener).documents();
    }

    /**
     * Removes the index in {@code folder}, so that the next start rebuilds it from the database
     * (after a restore); refused with {@link IndexInUseException} while a server holds it.
     */
    public static void discard(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Directory directory = FSDirectory.open(folder);
             org.apache.lucene.store.Lock lock = directory.obtainLock(IndexWriter.WRITE_LOCK_NAME)) {
            for (String file : directory.listAll()) {
                if (!file.equals(IndexWriter.WRITE_LOCK_NAME)) {
                    directory.deleteFile(file);
                }
            }
        } catch (org.apache.lucene.store.LockObtainFailedException e) {
            throw new IndexInUseException(folder);
        }
        Files.deleteIfExists(folder.resolve(IndexWriter.WRITE_LOCK_NAME));
        Files.deleteIfExists(folder);
    }

    /** Why the index in {@code folder} cannot serve the database as it is; null when it can. */
    static String staleness(Path folder, IndexSource.State database) {
        if (!Files.isDirectory(folder)) {
            return "there is no index yet";
        }
        try (Directory directory = FSDirectory.open(folder)) {
            if (!DirectoryReader.indexExists(directory)) {
                return "the folder holds no index";
            }
            SegmentInfos commit = SegmentInfos.readLatestCommit(directory);
            Map<String, String> data = commit.getUserData();
            if (!IndexLayout.FORMAT.equals(data.get(FORMAT_KEY))) {
                return "the index has layout " + data.get(FORMAT_KEY) + ", this version needs " + IndexLayout.FORMAT;
            }
            long revision = Long.parseLong(data.getOrDefault(REVISION_KEY, "-1"));
            if (revision != database.lastRevision()) {
                return "the index has changes up to revision " + revision + ", the database up to "
                        + database.lastRevision();
            }
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                if (reader.numDocs() != database.documents()) {
                    return "the index holds " + reader.numDocs() + " records, the database " + database.documents();
                }
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return "the index cannot be read (" + e.getMessage() + ")";
        }
    }

    static Map<String, String> commitData(long lastRevision) {
        return Map.of(FORMAT_KEY, IndexLayout.FORMAT, REVISION_KEY, Long.toString(lastRevision));
    }

    private static String commitValue(IndexWriter writer, String key) {
        for (Map.Entry<String, String> entry : writer.getLiveCommitData()) {
            if (entry.getKey().equals(key)) {
                return entry.getValue();
            }
        }
        throw new IllegalStateException("the index has no '" + key + "'");
    }

    /**
     * Brings the index up to date after a write has committed: every record changed since the
     * last revision the index has seen (which includes {@code documentIds}) is read again from the
     * database and replaced, or removed if it was withdrawn. Failures are logged, not thrown:
     * the write has been saved, and the next change (or the next start) catches the index up.
     */
    @Override
    public synchronized void changed(Set<Integer> documentIds) {
        try {
            long upTo = source.lastRevision();
            if (documentIds.isEmpty() && upTo <= indexedRevision) {
                return;
            }
            Set<Integer> ids = new TreeSet<>(documentIds);
            ids.addAll(source.changedBetween(indexedRevision, upTo));
            List<Integer> all = new ArrayList<>(ids);
            for (int from = 0; from < all.size(); from += LOAD_CHUNK) {
                List<Integer> chunk = all.subList(from, Math.min(all.size(), from + LOAD_CHUNK));
                replace(chunk, source.load(chunk));
            }
            writer.setLiveCommitData(commitData(upTo).entrySet());
            writer.commit();
            indexedRevision = upTo;
            searchers.maybeRefreshBlocking();
            names = Names.of(source.nameForms(), analyzer);
            warm();
        } catch (IOException | RuntimeException e) {
            LOG.error("The search index could not follow the change to records {}; it will catch up with the next "
                    + "change, or be rebuilt on the next start", documentIds, e);
        }
    }

    private void replace(Collection<Integer> ids, Map<Integer, IndexedRecord> current) throws IOException {
        for (int id : ids) {
            IndexedRecord record = current.get(id);
            if (record == null) {
                writer.deleteDocuments(IndexLayout.idTerm(id));
            } else {
                writer.updateDocument(IndexLayout.idTerm(id), IndexLayout.document(record, config));
            }
        }
    }

    /** Counts everything once now, so that no reader waits for it. */
    private void warm() throws IOException {
        Snapshot snapshot = (Snapshot) searchers.acquire();
        try {
            snapshot.everything();
        } finally {
            searchers.release(snapshot);
        }
    }

    @Override
    public SearchResults search(SearchRequest request) {
        return withCurrentSnapshot(snapshot -> searching.search(snapshot, names, request));
    }

    @Override
    public int[] hitIds(SearchRequest request) {
        return withCurrentSnapshot(snapshot -> searching.hitIds(snapshot, names, request));
    }

    @Override
    public List<Integer> related(int documentId, int limit) {
        return withCurrentSnapshot(snapshot -> Related.of(snapshot, analyzer, documentId, limit));
    }

    private interface SnapshotWork<T> {
        T apply(Snapshot snapshot) throws IOException;
    }

    /** Runs {@code work} on the newest snapshot, after catching up with changes another process wrote. */
    private <T> T withCurrentSnapshot(SnapshotWork<T> work) {
        if (source.lastRevision() > indexedRevision) {
            changed(Set.of());
        }
        try {
            Snapshot snapshot = (Snapshot) searchers.acquire();
            try {
                return work.apply(snapshot);
            } finally {
                searchers.release(snapshot);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public IndexStatus status() {
        if (!writer.isOpen()) {
            return IndexStatus.closed("the index is closed");
        }
        return new IndexStatus(true, indexedRevision, source.lastRevision(), generation(), "");
    }

    private long generation() {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return ((DirectoryReader) searcher.getIndexReader()).getIndexCommit().getGeneration();
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** How many records a reader can find, for checks and tests. */
    public int size() {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return searcher.getIndexReader().numDocs();
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            searchers.close();
            writer.close();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            executor.shutdownNow();
        }
    }

    private static int partitions() {
        return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "dossier-search-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
