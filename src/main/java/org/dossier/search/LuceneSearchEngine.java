package org.dossier.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.TermQuery;
import org.dossier.documents.ChangeFeed;
import org.dossier.documents.RoundFailures;
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
 * The catalogue's search engine: an embedded Lucene index in a folder of this node's own, derived
 * from the database and disposable. It follows the database's change feed ({@link ChangeFeed}): on
 * open it applies whatever changes it has not seen yet (a full rebuild only when the index is
 * missing, unreadable, of another layout, from another database, or so far behind that rebuilding
 * is faster), and while it is open a follower thread applies new changes as they commit, whichever
 * node or process wrote them: at once when this node wrote them ({@link #changed} wakes it), else
 * within one poll. A write never waits for the index; a search first applies what has committed
 * since, so that it sees every change committed before it began.
 */
public final class LuceneSearchEngine implements SearchEngine {

    /**
     * What each snapshot's kept answers may weigh unless told otherwise, in bytes: an eighth of a 512
     * MB heap. Why not less: at a million records an answer weighs some 25 KB (its counts), and the
     * load mix's searches asked again came back to find their answer gone once in seven at 24 MB
     * (some 500 answers), their page with it (BENCHMARKS.md, "Answers and pages kept"). {@code serve}
     * keeps more on a larger heap, an eighth of it ({@code app.Protection}): on a 2 GB heap, warmed
     * longer and with the parallel collector, 245 to 256 MB cost a fifth less processor time a request
     * on the load mix than 64 (BENCHMARKS.md, "Kept answers sized from the heap"; before those, 128 had
     * missed where 64 held: "64 against 128 on the load mix").
     */
    public static final long DEFAULT_KEPT_ANSWERS = 64L << 20;

    private static final Logger LOG = LoggerFactory.getLogger(LuceneSearchEngine.class);
    private static final String FORMAT_KEY = "format";
    private static final String FEED_KEY = "feed";
    private static final String CHANGE_KEY = "lastChange";
    private static final int LOAD_CHUNK = 1_000;
    /** Changes applied in one step on open, each step searchable and committed before the next. */
    private static final int CATCH_UP_BATCH = 5_000;
    /**
     * The same while serving: smaller, so that a search waiting for the follower after a bulk write
     * sees it make progress every second or so even on a busy machine.
     */
    private static final int FOLLOW_BATCH = 1_000;
    /**
     * While the feed is longer than a batch, applied batches are made searchable (a refresh: a new
     * segment; the names read again; the counts warmed; a commit) at most this often, not after
     * each batch: after a bulk import a refresh per 1,000 changes wrote a hundred small segments
     * to merge again. A search waiting for the follower still sees progress about every second.
     */
    static final long PUBLISH_EVERY_MILLIS = 1_000;
    /** So many changes behind, a rebuild in parallel is faster than applying them one by one. */
    static final long REBUILD_PAST = 50_000;


    private final IndexSource source;
    private final Analyzer analyzer;
    private final FacetsConfig config;
    private final SearchThreads threads;
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final Searching searching;
    private final java.util.concurrent.atomic.LongAdder countsMade = new java.util.concurrent.atomic.LongAdder();
    /** Told when the feed brings a change to the authority lists (a change with no record), from any node. */
    private final List<Runnable> authorityListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** The authority lists' names: read on open and after every change, as an import may bring new ones. */
    private volatile Names names;
    /** The same names as a reader may be offered them while typing (see {@link #suggest}). */
    private volatile Suggestions suggestions;
    /** What the suggestions offered lately find, on one snapshot with one set of names (see {@link #suggest}). */
    private volatile SuggestionCounts suggestionCounts = new SuggestionCounts(null, null, Map.of());
    private final String feed;
    /** Notified whenever the follower has applied changes. */
    private final FeedProgress progress;
    private long committedChange;
    /** The last change given to the writer: ahead of {@code progress} by the batches not yet searchable. */
    private long writtenChange;
    /** When applied changes were last made searchable (System.nanoTime()). */
    private long publishedAt = System.nanoTime();
    /** A batch given to the writer but not yet searchable changed the authority lists. */
    private boolean authoritiesPending;
    private volatile boolean closed;
    private final FeedFollower follower;
    /** A database that cannot be reached is logged once while the follower keeps trying, not every poll. */
    private final RoundFailures failures = new RoundFailures(LOG, "The search index", "at the next poll");
    /** When this node last pruned the feed (System.nanoTime()); the first poll after the start prunes. */

    private LuceneSearchEngine(IndexSource source, Analyzer analyzer, FacetsConfig config, SearchThreads threads,
                               Directory directory, IndexWriter writer, SearcherManager searchers,
                               String feed, long appliedChange, Duration searchWait) {
        this.source = source;
        this.analyzer = analyzer;
        this.config = config;
        this.threads = threads;
        this.directory = directory;
        this.writer = writer;
        this.searchers = searchers;
        this.searching = new Searching(analyzer);
        List<Names.Form> forms = source.nameForms();
        this.names = Names.of(forms, analyzer);
        this.suggestions = Suggestions.of(forms, names, analyzer);
        this.feed = feed;
        this.progress = new FeedProgress("The search index", appliedChange, searchWait);
        this.follower = new FeedFollower("dossier-index-follower", FOLLOW_BATCH, () -> catchUp(FOLLOW_BATCH), source, progress);
        this.committedChange = appliedChange;
        this.writtenChange = appliedChange;
    }

    /**
     * Opens the index in {@code folder}, rebuilding it from the database first if it cannot follow
     * the feed (see {@link #staleness}), applies the changes it has not seen, and starts following.
     */
    public static LuceneSearchEngine open(Path folder, DSLContext db) throws IOException {
        return open(folder, db, DEFAULT_KEPT_ANSWERS);
    }

    /**
     * As {@link #open(Path, DSLContext)}, keeping each snapshot's answers up to {@code keptAnswers}
     * bytes (0: none, so that every search is counted afresh).
     */
    public static LuceneSearchEngine open(Path folder, DSLContext db, long keptAnswers) throws IOException {
        return open(folder, db, keptAnswers, new OpeningPhase(OpeningSearchEngine.OPENING));
    }

    /**
     * As {@link #open(Path, DSLContext, long)}, saying in {@code phase} what it does meanwhile: the
     * words of its log lines, and how far a rebuild or the changes made while it was closed have got.
     */
    public static LuceneSearchEngine open(Path folder, DSLContext db, long keptAnswers, OpeningPhase phase)
            throws IOException {
        return open(folder, db, keptAnswers, phase, Duration.ofMillis(FeedProgress.AWAIT_MILLIS));
    }

    /**
     * As {@link #open(Path, DSLContext, long, OpeningPhase)}, a search waiting at most {@code searchWait}
     * for the follower to apply what committed before it (a node: {@link FeedProgress#AWAIT_MILLIS}).
     * No option gives it: a test that must see a whole feed on a very busy machine gives it longer.
     */
    public static LuceneSearchEngine open(Path folder, DSLContext db, long keptAnswers, OpeningPhase phase,
                                          Duration searchWait) throws IOException {
        if (keptAnswers < 0) {
            throw new IllegalArgumentException("kept answers must weigh 0 bytes or more, not " + keptAnswers);
        }
        // Only a build removed what a killed reindex left (as large as the index): a server whose index
        // needed no rebuild kept it for good. One that a build in another process holds stays.
        IndexBuilder.removeAbandoned(folder).ifPresent(building -> LOG.warn("Removed {}, which a build of the search "
                + "index left when it was stopped (a reindex killed, or the machine off)", building));
        IndexSource source = new IndexSource(db);
        Analyzer analyzer = new CatalogueAnalyzer();
        FacetsConfig config = IndexLayout.facetsConfig();
        // The writers' own analyzer: the same chains, remembering stems (see CatalogueAnalyzer.forIndexing).
        Analyzer indexing = CatalogueAnalyzer.forIndexing();
        // Said as it begins, and again when it is open: on a loaded machine opening took 25 s with
        // nothing in the log, while /ready on the metrics port said only that it was not ready.
        long opening = System.nanoTime();
        LOG.info("Opening the search index at {}: checking it against the database", folder);
        phase.now("Opening the search index: checking it against the database");
        IndexSource.State database = source.state();
        String stale = staleness(folder, database);
        if (stale != null) {
            LOG.info("Rebuilding the search index at {}: {}", folder, stale);
            String rebuilding = "Rebuilding the search index (" + stale + ")";
            phase.now(rebuilding);
            long started = System.nanoTime();
            IndexSource.State built = IndexBuilder.build(folder, source, indexing, config, partitions(),
                    new LoggedProgress(LOG, rebuilding, "records", phase));
            LOG.info("Built the search index of {} records in {} ms", built.documents(),
                    (System.nanoTime() - started) / 1_000_000);
        }
        SearchThreads threads = SearchThreads.of(partitions(), Runtime.getRuntime().availableProcessors());
        Directory directory = FSDirectory.open(folder);
        IndexWriter writer = null;
        try {
            writer = new IndexWriter(directory, new IndexWriterConfig(indexing)
                    .setOpenMode(IndexWriterConfig.OpenMode.APPEND)
                    .setRAMBufferSizeMB(32));
            long applied = Long.parseLong(commitValue(writer, CHANGE_KEY));
            // Each segment's columns and tallies, carried by this engine from one snapshot to the next.
            SegmentMemory segments = new SegmentMemory();
            SearcherManager searchers = new SearcherManager(writer, new SearcherFactory() {
                @Override
                public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) throws IOException {
                    return new Snapshot(reader, threads, config, keptAnswers, segments);
                }
            });
            LuceneSearchEngine engine = new LuceneSearchEngine(source, analyzer, config, threads, directory, writer,
                    searchers, commitValue(writer, FEED_KEY), applied, searchWait);
            long behind = database.head().last() - applied;
            IndexProgress catchingUp = new LoggedProgress(LOG, "Applying the changes made while the search index was closed",
                    "changes", phase);
            if (behind > 0) {
                LOG.info("The search index at {} applies the {} changes made since it was last open", folder, behind);
                catchingUp.indexed(0, behind);
            }
            while (engine.catchUp(CATCH_UP_BATCH) == CATCH_UP_BATCH) {
                // Every change committed before the start is applied before the first search.
                catchingUp.indexed(engine.appliedChange() - applied, Math.max(behind, engine.appliedChange() - applied));
            }
            phase.now("Opening the search index: reading it for the first search");
            engine.warm();
            engine.follow();
            LOG.info("The search index at {} is open after {} ms, up to change {}", folder,
                    (System.nanoTime() - opening) / 1_000_000, engine.appliedChange());
            return engine;
        } catch (IOException | RuntimeException | Error e) {
            // An Error too (the heap run out): the index's write lock let go, its threads ended. What
            // closing it says besides is kept with the failure, not said instead of it.
            try {
                if (writer != null) {
                    writer.close();
                }
                directory.close();
            } catch (IOException | RuntimeException closing) {
                e.addSuppressed(closing);
            } finally {
                threads.shutdownNow();
            }
            if (e instanceof org.apache.lucene.store.LockObtainFailedException) {
                throw new IndexInUseException(folder);
            }
            throw e;
        }
    }

    /** Rebuilds the index in {@code folder} from the database, replacing what is there. */
    public static long rebuild(Path folder, DSLContext db, IndexProgress listener) throws IOException {
        return IndexBuilder.build(folder, new IndexSource(db), CatalogueAnalyzer.forIndexing(), IndexLayout.facetsConfig(),
                partitions(), listener).documents();
    }

    /**
     * Removes the index in {@code folder}, so that the next start rebuilds it from the database
     * (after a restore); refused with {@link IndexInUseException} while a server holds it.
     */
    @SuppressWarnings("try") // the write lock is held for its effect: no server opens the index while it is removed
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

    /** Why the index in {@code folder} cannot follow the database's feed from where it is; null when it can. */
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
            if (!database.head().feed().equals(data.get(FEED_KEY))) {
                return "the index was built from another database";
            }
            long indexed = Long.parseLong(data.getOrDefault(CHANGE_KEY, "-1"));
            long last = database.head().last();
            if (indexed > last) {
                return "the index has changes up to " + indexed + ", the database only up to " + last;
            }
            if (indexed + 1 < database.oldestChange()) {
                return "the feed no longer holds the changes after " + indexed + " (it keeps them from "
                        + database.oldestChange() + " on): the index is too old to follow it";
            }
            if (last - indexed > REBUILD_PAST) {
                return "the index is " + (last - indexed) + " changes behind: rebuilding is faster";
            }
            return null;
        } catch (IOException | RuntimeException e) {
            // Logged here, not in the reason: the reason is /ready's too, which quotes no other program.
            LOG.warn("The search index at {} cannot be read: {}", folder, e.getMessage());
            return "the index cannot be read";
        }
    }

    static Map<String, String> commitData(ChangeFeed.Head head) {
        return commitData(head.feed(), head.last());
    }

    private static Map<String, String> commitData(String feed, long lastChange) {
        return Map.of(FORMAT_KEY, IndexLayout.FORMAT, FEED_KEY, feed, CHANGE_KEY, Long.toString(lastChange));
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
     * Told after a write on this node has committed: wakes the follower, which applies the change
     * from the feed. The writer does not wait for the index.
     */
    @Override
    public void changed(Set<Integer> documentIds) {
        follower.wake();
    }

    /**
     * Runs {@code listener} whenever the feed brings a change to the authority lists, from this node
     * or another: what keeps the lists in memory ({@code AuthorityLists}) follows other nodes' edits.
     */
    public void onAuthoritiesChanged(Runnable listener) {
        authorityListeners.add(listener);
    }

    /** The follower: applies the feed as it grows, woken by this node's writes or every poll. */
    private void follow() {
        follower.start();
    }

    /**
     * Applies up to {@code limit} changes after the last one given to the writer, in feed order:
     * each changed record is read again from the database and replaced, or removed if it was
     * withdrawn. Returns how many changes were applied. When the feed is applied to its end (fewer
     * than {@code limit}), or {@link #PUBLISH_EVERY_MILLIS} after the last time, every batch in the
     * writer is made searchable and committed ({@link #publish}); in between, searches see the
     * snapshot before them, whole batches or nothing. Failures are logged, not thrown: the write
     * has been saved, and the next poll (or the next start) applies it again from the last batch
     * written in full (replacing a record twice is harmless).
     */
    private synchronized int catchUp(int limit) {
        if (closed) {
            return 0;
        }
        try {
            List<ChangeFeed.Change> changes = source.changesAfter(writtenChange, limit);
            if (!changes.isEmpty()) {
                Set<Integer> ids = new TreeSet<>();
                changes.stream().filter(ChangeFeed.Change::ofRecord).forEach(c -> ids.add(c.documentId()));
                List<Integer> all = new ArrayList<>(ids);
                for (int from = 0; from < all.size(); from += LOAD_CHUNK) {
                    List<Integer> chunk = all.subList(from, Math.min(all.size(), from + LOAD_CHUNK));
                    replace(chunk, source.load(chunk), from);
                }
                authoritiesPending |= !changes.stream().allMatch(ChangeFeed.Change::ofRecord);
                writtenChange = changes.get(changes.size() - 1).id();
            }
            boolean behind = changes.size() == limit;
            if (!behind || System.nanoTime() - publishedAt >= PUBLISH_EVERY_MILLIS * 1_000_000) {
                publish();
            }
            failures.succeeded();
            return changes.size();
        } catch (IOException | RuntimeException e) {
            failures.failed(e, "could not apply the changes after " + writtenChange);
            return 0;
        }
    }

    /**
     * Makes every change given to the writer searchable, then commits: the commit records the last
     * change it holds, from which the next start applies the feed after a crash.
     */
    private void publish() throws IOException {
        if (writtenChange > progress.applied()) {
            searchers.maybeRefreshBlocking();
            if (authoritiesPending) {
                authorityListeners.forEach(Runnable::run);
                authoritiesPending = false;
            }
            // An import or an editor may have brought new names or forms of names.
            List<Names.Form> forms = source.nameForms();
            names = Names.of(forms, analyzer);
            suggestions = Suggestions.of(forms, names, analyzer);
            warm();
            // Only now: a search that sees this number must find the changes in its snapshot.
            progress.advanceTo(writtenChange);
        }
        publishedAt = System.nanoTime();
        if (committedChange < progress.applied()) {
            // Durable up to here: after a crash, the next start applies the feed from this change on.
            writer.setLiveCommitData(commitData(feed, progress.applied()).entrySet());
            writer.commit();
            committedChange = progress.applied();
        }
    }

    /** The last change of the feed this index has applied. */
    public long appliedChange() {
        return progress.applied();
    }

    /**
     * Gives the writer the records {@code ids} as {@code current} has them, after the {@code written}
     * of their batch given before: each is a step of the follower's ({@link FeedProgress#writing}),
     * which readiness sees long before the batch is searchable.
     */
    private void replace(Collection<Integer> ids, Map<Integer, IndexedRecord> current, int written) throws IOException {
        for (int id : ids) {
            IndexedRecord record = current.get(id);
            if (record == null) {
                writer.deleteDocuments(IndexLayout.idTerm(id));
            } else {
                writer.updateDocument(IndexLayout.idTerm(id), IndexLayout.document(record, config));
            }
            progress.writing(writtenChange, ++written);
        }
    }

    /** Counts everything once now, so that no reader waits for it. */
    private void warm() throws IOException {
        Snapshot snapshot = (Snapshot) searchers.acquire();
        try {
            snapshot.everything();
            // Each segment's id order, read now rather than by the first record page's related records.
            for (LeafReaderContext leaf : snapshot.getIndexReader().leaves()) {
                IdOrder.of(leaf.reader(), snapshot.segments);
            }
        } finally {
            searchers.release(snapshot);
        }
    }

    @Override
    public SearchResults search(SearchRequest request) {
        return search(request, NOTHING_BEFORE);
    }

    @Override
    public SearchResults search(SearchRequest request, Runnable beforeWork) {
        Names expanding = names;
        // Counts depend on neither page nor order: every page and order of a search shares one
        // counting (the costly part: every hit visited), and only finds its own page of hits. When
        // the counts are made now, the hits their pass found are where the page is ranked from.
        long pending = awaitFollower(source.head().last());
        return withSnapshot(snapshot -> snapshot.answer(expanding, request, () -> {
            beforeWork.run();
            SearchRequest counting = request.forCounts();
            Searching.Found found = request.hasPaging() ? new Searching.Found(request) : null;
            SearchResults counted = snapshot.answer(expanding, counting,
                    () -> searching.search(snapshot, expanding, counting, found));
            return request.hasPaging() ? counted.withHits(searching.hits(snapshot, expanding, request, found, counted.years())) : counted;
        })).withChangesPending(pending);
    }

    @Override
    public int[] hitIds(SearchRequest request) {
        // An export is read whole by a program: it waits for the follower as long as it gets on.
        progress.awaitWhole(source.head().last(), follower::wake);
        return withSnapshot(snapshot -> searching.hitIds(snapshot, names, request));
    }

    @Override
    public long count(SearchRequest request) {
        return count(request, NOTHING_BEFORE);
    }

    @Override
    public long count(SearchRequest request, Runnable beforeWork) {
        Names expanding = names;
        SearchRequest counting = request.forCounts();
        return withCurrentSnapshot(snapshot -> {
            SearchResults kept = snapshot.keptAnswer(expanding, counting);
            if (kept != null) {
                return kept.total();
            }
            // A search page asks how many its range's other way finds, just after its own answer
            // (kept): the two differ by the records straddling an end of the range, far fewer.
            SearchResults otherWay = request.dates().howMatters()
                    ? snapshot.keptAnswer(expanding, request.withDatedTheOtherWay().forCounts()) : null;
            if (otherWay != null) {
                beforeWork.run();
                long straddling = searching.straddling(snapshot, expanding, request);
                return request.dates().whollyWithin() ? otherWay.total() - straddling : otherWay.total() + straddling;
            }
            return snapshot.total(expanding, counting, () -> {
                beforeWork.run();
                countsMade.increment();
                return searching.count(snapshot, expanding, request);
            });
        });
    }

    /** How many times the feed's head was read from its row, not kept: for the tests of what is kept. */
    long headReads() {
        return source.headReads();
    }

    /** How many totals {@link #count} has counted rather than found kept: for the tests of what is kept. */
    long countsMade() {
        return countsMade.sum();
    }

    @Override
    public List<Integer> related(int documentId, int limit) {
        // The snapshot as it is: a record page need not wait for writes still being applied. Kept
        // with it, as answers are: a record read again until the next change is not searched again.
        return withSnapshot(snapshot -> snapshot.related(documentId, limit, () -> related(snapshot, documentId, limit)));
    }

    /** {@link Related}'s query on this index: constant weights summed, equals by record number. */
    private List<Integer> related(Snapshot snapshot, int id, int limit) throws IOException {
        IndexReader reader = snapshot.getIndexReader();
        int doc = docOf(reader, id);
        if (doc < 0 || limit <= 0) {
            return List.of();
        }
        Related.Likeness likeness = Related.of(new LuceneWordStatistics(snapshot), analyzer, record(reader, doc));
        if (likeness == null) {
            return List.of();
        }
        BooleanQuery.Builder like = new BooleanQuery.Builder();
        for (Related.Term term : likeness.terms()) {
            like.add(new BoostQuery(new ConstantScoreQuery(new TermQuery(LuceneWordStatistics.term(term.field(),
                    term.text()))), term.weight()), BooleanClause.Occur.SHOULD);
        }
        like.setMinimumNumberShouldMatch(likeness.minimumShared());
        like.add(new TermQuery(IndexLayout.idTerm(id)), BooleanClause.Occur.MUST_NOT);
        // Ranked by the likeness, equals by id: a record's hits tie by the thousand (a few constant
        // weights summed), which TopByScore skips in segments whose ids ascend.
        int[] top = snapshot.search(like.build(), new TopByScore(limit, snapshot.segments));
        List<Integer> ids = new ArrayList<>();
        List<LeafReaderContext> leaves = reader.leaves();
        for (int hit : top) {
            LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(hit, leaves));
            NumericDocValues column = DocValues.getNumeric(leaf.reader(), IndexLayout.ID);
            if (column.advanceExact(hit - leaf.docBase)) {
                ids.add((int) column.longValue());
            }
        }
        return ids;
    }

    /** The record's document number in the reader, or -1. */
    private static int docOf(IndexReader reader, int id) throws IOException {
        Term term = IndexLayout.idTerm(id);
        for (LeafReaderContext leaf : reader.leaves()) {
            PostingsEnum postings = leaf.reader().postings(term, PostingsEnum.NONE);
            if (postings == null) {
                continue;
            }
            var live = leaf.reader().getLiveDocs();
            for (int d = postings.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = postings.nextDoc()) {
                if (live == null || live.get(d)) {
                    return leaf.docBase + d;
                }
            }
        }
        return -1;
    }

    /** What {@link Related} needs of the record at {@code doc}: its people and places, title and summary. */
    private static Related.Record record(IndexReader reader, int doc) throws IOException {
        List<LeafReaderContext> leaves = reader.leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        SortedSetDocValues values = DocValues.getSortedSet(leaf.reader(), IndexLayout.FACETS);
        Map<Facet, List<String>> links = new java.util.EnumMap<>(Facet.class);
        if (values.advanceExact(doc - leaf.docBase)) {
            for (int i = 0; i < values.docValueCount(); i++) {
                String[] path = FacetsConfig.stringToPath(values.lookupOrd(values.nextOrd()).utf8ToString());
                if (path.length == 2 && (path[0].equals(Facet.PERSON.key()) || path[0].equals(Facet.PLACE.key()))) {
                    links.computeIfAbsent(Facet.fromKey(path[0]).orElseThrow(), f -> new ArrayList<>()).add(path[1]);
                }
            }
        }
        Document stored = reader.storedFields().document(doc);
        return new Related.Record(links, stored.get(IndexLayout.TITLE), stored.get(IndexLayout.SUMMARY));
    }

    /**
     * What each suggestion lately offered finds, counted on {@code reader} with {@code names}: every
     * keystroke of every reader asks again for the few candidates its prefix has ("sta": Stalin,
     * state, ...), and at a million records their counts, not the candidates, were most of a
     * suggestion's time. Kept only while the snapshot and the names are the ones it was counted on,
     * so a count is never older than the candidates beside it; at most {@link #MOST} texts.
     */
    private record SuggestionCounts(Object reader, Names names, Map<String, Long> counts) {
        static final int MOST = 20_000;
    }

    @Override
    public List<Suggestion> suggest(String text, int limit) {
        Names expanding = names;
        // Counted on the snapshot the candidates came from, as a search for each would count them.
        return withSnapshot(snapshot -> {
            SuggestionCounts kept = suggestionCounts;
            if (kept.reader() != snapshot.getIndexReader() || kept.names() != expanding) {
                kept = new SuggestionCounts(snapshot.getIndexReader(), expanding, new java.util.concurrent.ConcurrentHashMap<>());
                suggestionCounts = kept;
            }
            Map<String, Long> counts = kept.counts();
            return suggestions.suggest(new LuceneWordStatistics(snapshot), text, limit, chosen -> {
                Map<String, Long> finds = new HashMap<>();
                for (String one : chosen) {
                    Long found = counts.get(one);
                    if (found == null) {
                        found = searching.count(snapshot, expanding, SearchRequest.of(one).withoutPaging());
                        if (counts.size() < SuggestionCounts.MOST) {
                            counts.put(one, found);
                        }
                    }
                    finds.put(one, found);
                }
                return finds;
            });
        });
    }

    private interface SnapshotWork<T> {
        T apply(Snapshot snapshot) throws IOException;
    }

    /**
     * Waits (a little, at most) until the follower has applied change {@code head}, waking it: a
     * search then sees every change committed before it began, on whichever node. The request
     * thread itself never writes to the index.
     *
     * @return how many of those changes the search will not see (0: none)
     */
    private long awaitFollower(long head) {
        return progress.await(head, follower::wake);
    }

    /** Runs {@code work} on the newest snapshot, once what committed before the search began is applied. */
    private <T> T withCurrentSnapshot(SnapshotWork<T> work) {
        awaitFollower(source.head().last());
        return withSnapshot(work);
    }

    private <T> T withSnapshot(SnapshotWork<T> work) {
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
    public boolean isOpen() {
        return !closed && writer.isOpen();
    }

    @Override
    public IndexStatus status() {
        if (!writer.isOpen()) {
            return IndexStatus.closed("the index is closed");
        }
        return new IndexStatus(true, progress.applied(), source.head().last(), generation(), progress.steps(), "");
    }

    private long generation() {
        try {
            return withSnapshot(snapshot -> ((DirectoryReader) snapshot.getIndexReader()).getIndexCommit().getGeneration());
        } catch (RuntimeException e) {
            // An index that cannot say its commit (closing, or its files gone) is at none: the status says so.
            return -1;
        }
    }

    /** How many records a reader can find, for checks and tests. */
    public int size() {
        return withSnapshot(snapshot -> snapshot.getIndexReader().numDocs());
    }

    @Override
    public void close() {
        closed = true;
        progress.close();
        follower.stop();
        synchronized (this) {
            closeIndex();
        }
    }

    private void closeIndex() {
        try {
            if (committedChange < progress.applied()) {
                writer.setLiveCommitData(commitData(feed, progress.applied()).entrySet());
            }
            searchers.close();
            writer.close();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            threads.shutdownNow();
        }
    }

    private static int partitions() {
        return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }
}
