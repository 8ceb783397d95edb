package org.dossier.importing;

import static org.dossier.db.Tables.DOCUMENT;
import static org.dossier.db.Tables.DOCUMENT_COUNT;
import static org.dossier.db.Tables.DOCUMENT_SOURCE;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.dossier.authorities.AuthorityFileException;
import org.dossier.authorities.AuthorityLoader;
import org.dossier.authorities.ListDifferences;
import org.dossier.authorities.Extraction;
import org.dossier.authorities.Extractor;
import org.dossier.db.Indexes;
import org.dossier.documents.Attribution;
import org.dossier.documents.BatchInsert;
import org.dossier.documents.BulkWriting;
import org.dossier.documents.Languages;
import org.dossier.documents.NewRecords;
import org.dossier.documents.RecordDraft;
import org.dossier.documents.RecordStore;
import org.dossier.documents.RecordWriter;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Imports seed pages in two passes over the files, each a stream, so that memory does not grow
 * with their size: the first reads and checks every entry of every file and writes nothing, so a
 * bad file is reported ({@code file:line: what is wrong}) and leaves the database exactly as it
 * was; the second reads them again and writes every entry in one transaction, so that whatever
 * goes wrong while writing (a full disk, a killed process) leaves nothing of the import either.
 *
 * <p>An entry whose identity (date, title and summary as imported) is already known adds only
 * where it was seen; the record itself, and any correction an editor made to it, is left alone.
 * A folder means every {@code .txt} file in it, in name order, and its {@code authorities/}
 * subfolder, if there is one.
 *
 * <p>Entries are written a chunk at a time through one batched writer of new records
 * ({@link org.dossier.documents.NewRecords}): their identities are looked up in one query per
 * chunk. The second pass reads the pages on a thread of its own beside the one that writes, and
 * finds each entry's identity, people, places and type on two more, a chunk each, a few chunks
 * ahead of the writer at most.
 *
 * <p>One import at a time: the transaction begins by taking the row of {@code document_count},
 * which every new record's trigger takes anyway, and holds it to its commit. Two imports of the
 * same pages at once (two nodes started together on an empty database, each importing the seeds)
 * therefore write one after the other, and the second finds each entry the first wrote already
 * known: no record is made twice. On SQLite, where writers run one at a time, the same statement
 * costs nothing; on PostgreSQL it is a row lock held to the commit.
 *
 * <p>An import into a catalogue that is not there yet ({@link NewFileImport}) writes the same rows
 * into a new SQLite file that nobody else has open, as {@code generate} writes one
 * ({@code app/NewSqliteFile}): no journal, no write-ahead log and no checkpoint copying every page a
 * second time, the secondary indexes built once the rows are in, the records stamped once, as the
 * import begins, and the file renamed into place only when whole, so that an import that fails or
 * is stopped leaves nothing there either.
 */
public final class ImportRun {

    public static final String AUTHORITIES_FOLDER = "authorities";

    /**
     * How an import writes: how many entries a chunk holds (looked up, extracted and sent to the
     * database together), whether the pages are read and their names found on a thread beside the
     * writing one or on the writing one, and whether SQLite gets a large page cache for the transaction. {@link #DEFAULT} is what measured best
     * (BENCHMARKS.md); the others are there to be measured against it ({@code bench/ImportLevers.java}).
     */
    public record Tuning(int chunk, boolean beside, boolean largeCache, int identityBits) {

        public static final Tuning DEFAULT = new Tuning(2_000, true, true);

        /**
         * {@code identityBits}: how many of an identity's first bits an import into a new file keeps in
         * memory to tell the entries it made ({@link IdentitiesMadeHere}), 64; fewer make identities
         * share them, which its answers must survive (a test's); 0 keeps none, and has the index of
         * where records were seen written as the import goes, as before.
         */
        public Tuning {
            if (chunk < 1) {
                throw new IllegalArgumentException("a chunk holds at least one entry");
            }
            if (identityBits < 0 || identityBits > IdentitiesMadeHere.BITS) {
                throw new IllegalArgumentException("an identity's bits kept are 0 to 64, not " + identityBits);
            }
        }

        public Tuning(int chunk, boolean beside, boolean largeCache) {
            this(chunk, beside, largeCache, IdentitiesMadeHere.BITS);
        }
    }

    /**
     * What a run imports into: the one thing an import into a catalogue in use and an import into a
     * new file ({@link NewFileImport}) differ by, and so a value of its own rather than a store left
     * out and a flag beside it.
     */
    sealed interface Into {

        /**
         * A catalogue in use, which others may read and write meanwhile: written through
         * {@code store}, which is also where entries are looked up among the records imported before.
         */
        record Catalogue(RecordStore store) implements Into {

            public Catalogue {
                java.util.Objects.requireNonNull(store, "an import into a catalogue in use writes through its store");
            }
        }

        /**
         * A SQLite catalogue made for the import, that nobody reads or writes before it is whole, and
         * whose store comes with the file ({@link NewFileImport#writeInto}): no record is there before
         * it, so none is looked up; its records are stamped as the writing begins, not again as it
         * commits, so the indexes on those times are kept; and its one connection checks no foreign key.
         */
        record NewFile() implements Into {
        }
    }

    private final Into into;
    private final Clock clock;
    private final Tuning tuning;
    private final SeedPageParser parser;

    public ImportRun(RecordStore store, Clock clock) {
        this(store, clock, Tuning.DEFAULT);
    }

    public ImportRun(RecordStore store, Clock clock, Tuning tuning) {
        this(new Into.Catalogue(store), clock, tuning);
    }

    /** A run into {@code into}; {@code clock} tells the first pass what day it is. */
    ImportRun(Into into, Clock clock, Tuning tuning) {
        this.into = into;
        this.clock = clock;
        this.parser = new SeedPageParser(java.time.LocalDate.now(clock.withZone(java.time.ZoneOffset.UTC)));
        this.tuning = tuning;
    }

    /** The seed pages a list of files and folders stands for, in the order they will be read. */
    public static List<Path> pagesOf(List<Path> filesAndFolders) throws IOException {
        return listing(filesAndFolders).pages();
    }

    /**
     * What a list of files and folders holds: the seed pages, in the order they will be read, and what
     * the folders hold besides, which is not read ("FOLDER/notes.doc", "FOLDER/1950s/ (a folder …)").
     */
    public record Listing(List<Path> pages, List<String> notRead) {

        public Listing {
            pages = List.copyOf(pages);
            notRead = List.copyOf(notRead);
        }
    }

    /**
     * The seed pages of {@link #pagesOf} and what is not read. In a folder a page is a file named
     * {@code .txt}, in any case ("SEED01.TXT", as DOS and old Windows saved it), that is not hidden:
     * "._page.txt" is what macOS leaves beside a page on a disk of another system, and is no text. A
     * link that leads nowhere is listed as a page, so that it is said to be unreadable, not left out.
     */
    public static Listing listing(List<Path> filesAndFolders) throws IOException {
        List<Path> pages = new ArrayList<>();
        List<String> notRead = new ArrayList<>();
        Set<Path> named = new HashSet<>();
        for (Path path : filesAndFolders) {
            if (Files.isDirectory(path)) {
                List<Path> children;
                try (Stream<Path> listed = Files.list(path)) {
                    children = listed.sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
                }
                for (Path child : children) {
                    String name = child.getFileName().toString();
                    boolean folder = Files.isDirectory(child);
                    if (!folder && isPageName(name)) {
                        addOnce(child, pages, named, notRead);
                    } else if (folder && name.equals(AUTHORITIES_FOLDER)) {
                        continue;
                    } else {
                        notRead.add(child + (folder ? "/ (a folder: name it to import its pages)" : ""));
                    }
                }
            } else {
                addOnce(path, pages, named, notRead);
            }
        }
        return new Listing(pages, notRead);
    }

    /**
     * {@code page} added to the pages unless it was named already (twice on the command, or by
     * itself and by its folder, or through a link): it was read, and its entries counted, once
     * for each naming, and its sources written once for each name it went by.
     */
    private static void addOnce(Path page, List<Path> pages, Set<Path> named, List<String> notRead) {
        if (named.add(sameFile(page))) {
            pages.add(page);
        } else {
            notRead.add(page + " (named more than once: read once)");
        }
    }

    /** What tells one file from another: where its links lead, or where it would be if it is no longer there. */
    private static Path sameFile(Path page) {
        try {
            return page.toRealPath();
        } catch (IOException e) {
            return page.toAbsolutePath().normalize();
        }
    }

    /**
     * The name each page's entries are kept under ({@code document_source.file}, and an imported
     * revision's source): its path from the folder all the pages share, '/' between folders. The
     * pages of one folder keep their file names; "a/page1.txt" and "b/page1.txt" are told apart, as
     * their base names did not; and no absolute path of the server goes into a record.
     */
    static Map<Path, String> sourceNames(List<Path> pages) {
        List<Path> absolute = pages.stream().map(page -> page.toAbsolutePath().normalize()).toList();
        Path common = null;
        for (Path page : absolute) {
            Path folder = page.getParent();
            if (common == null) {
                common = folder;
            }
            while (common != null && folder != null && !folder.startsWith(common)) {
                common = common.getParent();
            }
        }
        Map<Path, String> names = new HashMap<>();
        for (int i = 0; i < pages.size(); i++) {
            Path page = absolute.get(i);
            Path relative = common == null ? page.getFileName() : common.relativize(page);
            names.put(pages.get(i), String.join("/", java.util.stream.StreamSupport.stream(relative.spliterator(), false)
                    .map(Path::toString).toList()));
        }
        return names;
    }

    private static boolean isPageName(String name) {
        return !name.startsWith(".") && name.toLowerCase(java.util.Locale.ROOT).endsWith(".txt");
    }

    /** {@link #listing}, with a folder this user may not list added to {@code problems}. */
    private static Listing listed(List<Path> filesAndFolders, List<String> problems) {
        try {
            return listing(filesAndFolders);
        } catch (IOException e) {
            problems.add(cannotBeRead(null, e));
            return new Listing(List.of(), List.of());
        }
    }

    /** "FILE: cannot be read (permission denied)", for a page or folder the run may not read. */
    private static String cannotBeRead(Path path, IOException e) {
        String file = e instanceof java.nio.file.FileSystemException fs && fs.getFile() != null ? fs.getFile()
                : String.valueOf(path);
        String why = e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                : e instanceof java.nio.file.NoSuchFileException && path != null && Files.isSymbolicLink(path)
                ? "a link to " + readLink(path) + ", which is not there"
                : e instanceof java.nio.file.NoSuchFileException ? "it is no longer there"
                : e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null ? fs.getReason()
                : String.valueOf(e.getMessage());
        return file + ": cannot be read (" + why + ")";
    }

    private static String readLink(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return "a file";
        }
    }

    /** Told, as a run goes, how many entries of how many it has written. */
    @FunctionalInterface
    public interface Listener {
        void written(int done, int total);
    }

    public ImportReport run(List<Path> filesAndFolders) throws ImportRejectedException, IOException {
        return run(filesAndFolders, (done, total) -> { });
    }

    public ImportReport run(List<Path> filesAndFolders, Listener progress) throws ImportRejectedException, IOException {
        if (!(into instanceof Into.Catalogue catalogue)) {
            // The public constructors make runs into a catalogue in use; NewFileImport writes its own.
            throw new IllegalStateException("an import into a new file is written into the file made for it");
        }
        return write(catalogue.store(), clock, check(filesAndFolders), progress);
    }

    /**
     * Pass 1: every file and folder read and checked, nothing written; every problem found refuses
     * the run ({@link ImportRejectedException}: each as {@code file:line: what is wrong}).
     */
    Checked check(List<Path> filesAndFolders) throws ImportRejectedException, IOException {
        List<String> problems = new ArrayList<>();
        List<AuthorityLoader.FolderLists> authorities = new ArrayList<>();
        for (Path path : filesAndFolders) {
            if (!Files.exists(path)) {
                problems.add(path + ": no such file or folder");
            } else if (Files.isDirectory(path) && Files.isDirectory(path.resolve(AUTHORITIES_FOLDER))) {
                try {
                    authorities.add(AuthorityLoader.read(path.resolve(AUTHORITIES_FOLDER)));
                } catch (AuthorityFileException e) {
                    problems.add(path.resolve(AUTHORITIES_FOLDER) + "/" + e.getMessage());
                } catch (IOException e) {
                    // A list this user may not read, or no file at all: said with the others, as a page is.
                    problems.add(cannotBeRead(path.resolve(AUTHORITIES_FOLDER), e));
                }
            }
        }
        // The pages that are there are checked too: one run says every problem, not only the first kind.
        Listing listing = listed(filesAndFolders.stream().filter(Files::exists).toList(), problems);
        List<Path> pages = listing.pages();
        Counted counted = firstPass(pages, problems);
        if (problems.isEmpty() && pages.isEmpty()) {
            problems.add(String.join(", ", filesAndFolders.stream().map(Path::toString).toList())
                    + ": no .txt seed pages to import");
        }
        if (!problems.isEmpty()) {
            throw new ImportRejectedException(problems);
        }
        return new Checked(authorities, listing, counted);
    }

    /**
     * Pass 2: the entries of {@code pages} read again and written in one transaction of {@code store}
     * (the catalogue in use's, or the new file's), the times of what it writes beside the records
     * read from {@code clock}.
     */
    ImportReport write(RecordStore store, Clock clock, Checked pages, Listener progress)
            throws ImportRejectedException, IOException {
        boolean newFile = into instanceof Into.NewFile;
        List<AuthorityLoader.FolderLists> authorities = pages.authorities();
        Listing listing = pages.listing();
        Counted checked = pages.counted();
        int total = checked.entries();
        List<ListDifferences> differences = new ArrayList<>();
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS);
        // A run that outgrows the catalogue has its foreign keys checked once, at the end, not at each insert.
        RecordStore.Work<Integer> writing = (writer, tx) -> {
            oneImportAtATime(tx);
            int lastBefore = lastRecord(tx);
            // What the lists stamp on the way (records naming a person they rename, of a type they
            // relabel) is stamped from the second after this one on, a time no record committed
            // before can have (times are whole seconds), so that the end finds those very records.
            // A new file has no record before: its lists are stamped with its records' time.
            Instant onTheWay = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).plusSeconds(newFile ? 0 : 1);
            Clock stamping = Clock.offset(clock, Duration.between(Instant.now(clock), onTheWay));
            for (AuthorityLoader.FolderLists lists : authorities) {
                differences.add(AuthorityLoader.store(tx, lists, stamping));
                // New names or forms: every node reloads what widens a search.
                writer.authoritiesChanged();
            }
            Extractor extractor = Extractor.load(tx);
            // The new records' rows unchecked by SQLite and uncounted by trigger, one by one: they are
            // made from drafts that hold what the checks check, and counted at the end of the run.
            int made = BulkWriting.withLargeCache(tx, tuning.largeCache(), () -> BulkWriting.uncheckedIn(tx,
                    () -> writer.createMany(records -> tx.connectionResult(connection -> {
                // Dropped and made again in this transaction: a failed import rolls that back too.
                // Made again once the records are stamped with the commit's time, which rewrites
                // the times some of them are on: their entries are then made once, not twice. A new
                // file's records are not stamped again: the indexes on their times are kept.
                List<BulkWriting.SecondaryIndex> dropped = new ArrayList<>(BulkWriting.dropBeforeAdding(tx, checked.fresh(),
                        newFile ? BulkWriting.Times.AS_WRITTEN : BulkWriting.Times.STAMPED_AT_COMMIT));
                // Into a new file, what the import made is told from memory, and the index by identity
                // is built with the others at the end, not written entry by entry in random order.
                Optional<IdentitiesMadeHere> inMemory = newFile && tuning.identityBits() > 0
                        ? IdentitiesMadeHere.forAtMost(total, tuning.identityBits()) : Optional.empty();
                if (inMemory.isPresent()) {
                    dropped.add(BulkWriting.dropIndex(tx, Indexes.DOCUMENT_SOURCE_BY_IDENTITY));
                }
                MadeSoFar madeSoFar = inMemory.isPresent() ? inMemory.get() : new MadeInThisImport();
                if (!dropped.isEmpty()) {
                    writer.onceStamped(() -> BulkWriting.withLargeCache(tx, tuning.largeCache(), () -> {
                        BulkWriting.rebuild(tx, dropped);
                        return null;
                    }));
                }
                try (Chunks chunks = new Chunks(tx, connection, records, madeSoFar, now, total, progress)) {
                    new SecondPass(listing.pages(), extractor).into(chunks);
                    return chunks.created;
                }
            }))));
            stampedAtTheEnd(writer, lastBefore, onTheWay);
            return made;
        };
        try {
            // A new file's connection checks no foreign key (app/NewSqliteFile), as generate's: every
            // row is written here, pointing at records numbered here and at people, places and types
            // read from the same file, and checking them all at the end was a seventh of the writing
            // thread's time at 300,000 entries (BENCHMARKS.md, "Imports, twelfth round").
            int created = checked.outgrows() && !newFile ? store.writeInBulk(writing) : store.write(writing);
            return new ImportReport(listing.pages().size(), total, created, total - created,
                    differences.stream().reduce(ListDifferences.NONE, ListDifferences::and), listing.notRead());
        } catch (ChangedMeanwhile e) {
            throw new ImportRejectedException(e.problems);
        } catch (AuthorityLoader.Refused | BulkWriting.ForeignKeysBroken e) {
            throw new ImportRejectedException(List.of(e.getMessage()));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * What the first pass found: how many entries the pages hold, and how many of them at least are
     * new (the indexes are dropped and built again only for runs that at least double the
     * catalogue: entries already there add no record, so they do not count).
     */
    record Counted(int entries, long fresh, boolean outgrows) {
    }

    /** Files and folders checked by the first pass ({@link #check}), to be written: their lists, their pages, their entries counted. */
    record Checked(List<AuthorityLoader.FolderLists> authorities, Listing listing, Counted counted) {

        Checked {
            authorities = List.copyOf(authorities);
        }
    }

    /**
     * Pass 1: every entry of every page read and checked, nothing written and nothing kept but
     * counts, each problem added to {@code problems}. Only when the pages hold at least as many
     * entries as the catalogue has records (on SQLite: on PostgreSQL no index is dropped) can the new
     * ones outgrow it; then the pages are read once more, looking entries up a chunk at a time, until
     * that is settled either way. A smaller import, the usual one into a large catalogue, looks
     * nothing up.
     */
    Counted firstPass(List<Path> pages, List<String> problems) throws IOException {
        int entries = 0;
        Map<Path, String> names = sourceNames(pages);
        for (Path page : pages) {
            int[] inPage = {0};
            try (InputStream in = Files.newInputStream(page)) {
                parser.read(names.get(page), in, entry -> inPage[0]++);
                entries += inPage[0];
            } catch (SeedFormatException e) {
                e.problems().forEach(p -> problems.add(located(page, p)));
            } catch (IOException e) {
                // A page this user may not read, a disk that fails: said with the others, not thrown.
                problems.add(cannotBeRead(page, e));
            }
        }
        if (!(into instanceof Into.Catalogue catalogue)) {
            // A new SQLite file, empty: every entry outgrows it.
            return new Counted(entries, entries, true);
        }
        RecordStore store = catalogue.store();
        if (!problems.isEmpty() || pages.isEmpty() || !BulkWriting.dropsIndexes(store.dialect())) {
            return new Counted(entries, 0, false);
        }
        long records = store.recordCount();
        long fresh = records > 0 && entries >= records ? freshUntilSettled(store, pages, entries, records, problems) : 0;
        return new Counted(entries, fresh, fresh >= records);
    }

    /**
     * How many of the pages' {@code entries} are not in the catalogue, counted until they are known
     * to reach {@code enough}, or known not to (too few entries left to look up: a re-import of
     * pages already there stops after its first chunk). A page that no longer reads as it did a
     * moment ago adds its problems instead.
     */
    private long freshUntilSettled(RecordStore store, List<Path> pages, int entries, long enough, List<String> problems)
            throws IOException {
        long[] fresh = {0};
        long[] read = {0};
        Set<String> pending = new HashSet<>();
        Map<Path, String> names = sourceNames(pages);
        Runnable lookUp = () -> {
            fresh[0] += pending.size() - store.importedAs(pending).size();
            pending.clear();
            if (fresh[0] >= enough || fresh[0] + (entries - read[0]) < enough) {
                throw new Stopped();
            }
        };
        try {
            for (Path page : pages) {
                try (InputStream in = Files.newInputStream(page)) {
                    parser.read(names.get(page), in, entry -> {
                        read[0]++;
                        pending.add(entry.identity());
                        if (pending.size() == tuning.chunk()) {
                            lookUp.run();
                        }
                    });
                } catch (SeedFormatException e) {
                    e.problems().forEach(p -> problems.add(located(page, p)));
                    return 0;
                }
            }
            if (!pending.isEmpty()) {
                lookUp.run();
            }
        } catch (Stopped settled) {
            // the rest need not be looked up
        }
        return fresh[0];
    }

    /**
     * Pass 2: the pages read again, and each chunk's identities and names found, beside the writing
     * thread ({@link Tuning#beside}): one thread reads the pages, {@link #PREPARERS} find the chunks'
     * identities and names, each a chunk at a time, and the writer takes the chunks in the pages'
     * order through a queue of a few, so that memory holds a few chunks whatever the size of the
     * pages; or all on the writing thread.
     */
    private final class SecondPass {

        /** Chunks read ahead of the writer at most: enough to keep both threads busy, few enough to stay small. */
        private static final int AHEAD = 2;
        /**
         * Threads finding names: two, for two cores. The writer waited for the names seconds at a
         * time (BENCHMARKS.md, "Imports, tenth round"), and while it waits its core is free; once
         * the names keep up, more threads would only wait for the writer.
         */
        private static final int PREPARERS = 2;

        private final List<Path> pages;
        private final Map<Path, String> names;
        private final Extractor extractor;
        SecondPass(List<Path> pages, Extractor extractor) {
            this.pages = pages;
            this.names = sourceNames(pages);
            this.extractor = extractor;
        }

        /** Reads every page and hands each chunk, prepared, to {@code chunks}, on this thread: returns once all are written. */
        void into(Chunks chunks) {
            if (!tuning.beside()) {
                read(chunk -> chunks.write(prepare(chunk)));
                return;
            }
            // Each chunk's preparation in the order the pages hold them, done or to be done.
            BlockingQueue<Future<Prepared>> queue = new ArrayBlockingQueue<>(AHEAD);
            AtomicInteger threads = new AtomicInteger();
            ExecutorService preparers = Executors.newFixedThreadPool(PREPARERS, task -> {
                Thread thread = new Thread(task, "import-names-" + threads.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
            Thread reader = new Thread(() -> {
                Prepared last;
                try {
                    read(chunk -> handOver(queue, preparers.submit(() -> prepare(chunk))));
                    last = Prepared.END;
                } catch (Stopped | RejectedExecutionException e) {
                    return;
                } catch (RuntimeException | Error e) {
                    last = Prepared.failed(e);
                }
                try {
                    queue.put(CompletableFuture.completedFuture(last));
                } catch (InterruptedException e) {
                    // The writer has stopped: nobody is waiting for the end.
                }
            }, "import-reader");
            reader.setDaemon(true);
            reader.start();
            try {
                for (Prepared prepared = take(queue); prepared != Prepared.END; prepared = take(queue)) {
                    prepared.rethrowFailure();
                    chunks.write(prepared);
                }
            } finally {
                // The writer failed or is done: the reader stops at its next chunk, the threads finding
                // names at theirs, and all end before the transaction does.
                reader.interrupt();
                preparers.shutdownNow();
                try {
                    reader.join();
                    preparers.awaitTermination(1, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        /** Reads every page and hands each chunk of entries, in order, to {@code next}. */
        private void read(java.util.function.Consumer<List<SeedEntry>> next) {
            List<SeedEntry> chunk = new ArrayList<>(tuning.chunk());
            for (Path page : pages) {
                try (InputStream in = Files.newInputStream(page)) {
                    parser.read(names.get(page), in, entry -> {
                        chunk.add(entry);
                        if (chunk.size() == tuning.chunk()) {
                            next.accept(List.copyOf(chunk));
                            chunk.clear();
                        }
                    });
                } catch (SeedFormatException e) {
                    throw new ChangedMeanwhile(page, e);
                } catch (IOException e) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new Stopped();
                    }
                    throw new UncheckedIOException(e);
                }
            }
            if (!chunk.isEmpty()) {
                next.accept(List.copyOf(chunk));
            }
        }

        /**
         * Each entry's identity, the records of those the catalogue held before the import, and for
         * each of the others the record it would make. Which were there before is read outside the
         * import's transaction (its snapshot is the catalogue as it was), so that a re-import neither
         * finds names for nothing nor has the writer look its entries up; which of the others are
         * known in the transaction (seen earlier in the same pages) is for the writer to look up.
         */
        private Prepared prepare(List<SeedEntry> entries) {
            List<String> identities = entries.stream().map(SeedEntry::identity).toList();
            // A new file holds no record imported before.
            Map<String, Integer> before = into instanceof Into.Catalogue catalogue
                    ? catalogue.store().importedAs(new HashSet<>(identities)) : Map.of();
            List<NewRecords.Ready> records = new ArrayList<>(entries.size());
            List<Attribution> attributions = new ArrayList<>(entries.size());
            for (int i = 0; i < entries.size(); i++) {
                boolean known = before.containsKey(identities.get(i));
                records.add(known ? null : recordOf(extractor, entries.get(i)));
                attributions.add(known ? null : Attribution.imported(entries.get(i).location()));
            }
            return new Prepared(entries, identities, before, records, attributions, null);
        }

        private static void handOver(BlockingQueue<Future<Prepared>> queue, Future<Prepared> prepared) {
            try {
                queue.put(prepared);
            } catch (InterruptedException e) {
                throw new Stopped();
            }
        }

        /** The next chunk, once prepared; what stopped its preparation as a failed chunk. */
        private static Prepared take(BlockingQueue<Future<Prepared>> queue) {
            try {
                return queue.take().get();
            } catch (ExecutionException e) {
                return Prepared.failed(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("the import was interrupted", e);
            }
        }
    }

    /** The writer stopped, so the reader stops too; or the first pass has looked up enough. */
    private static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopped() {
            super(null, null, false, false);
        }
    }

    /**
     * A chunk of entries with each one's identity, the records of those known before the import and
     * the records the others would make; or what stopped the reader; or the end of the pages.
     */
    private record Prepared(List<SeedEntry> entries, List<String> identities, Map<String, Integer> before,
                            List<NewRecords.Ready> records, List<Attribution> attributions, Throwable failure) {

        static final Prepared END = new Prepared(List.of(), List.of(), Map.of(), List.of(), List.of(), null);

        static Prepared failed(Throwable failure) {
            return new Prepared(List.of(), List.of(), Map.of(), List.of(), List.of(), failure);
        }

        void rethrowFailure() {
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            if (failure != null) {
                throw new IllegalStateException(failure);
            }
        }
    }

    /** The record an entry makes: its names found, its slug and sort key made. */
    private static NewRecords.Ready recordOf(Extractor extractor, SeedEntry entry) {
        Extraction extraction = extractor.extract(entry.title(), entry.summary());
        return NewRecords.ready(new RecordDraft(entry.title(), entry.summary(), entry.date(), extraction.typeId(),
                extraction.people(), extraction.places(), Languages.NONE));
    }

    /** A page's problem at the page's path as it was named, which the person importing it can open. */
    private static String located(Path page, SeedProblem problem) {
        return page + ":" + problem.line() + ": " + problem.message();
    }

    /** A page changed between the two passes and no longer reads: the transaction rolls back. */
    private static final class ChangedMeanwhile extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient List<String> problems;

        ChangedMeanwhile(Path page, SeedFormatException e) {
            super(e.getMessage(), e);
            this.problems = e.problems().stream().map(p -> located(page, p) + " (the file changed during the import)")
                    .toList();
        }
    }

    /** The highest record id before the import writes any, read under its lock: those it makes come after. */
    private static int lastRecord(DSLContext tx) {
        Integer last = tx.fetchValue(DSL.select(DSL.max(DOCUMENT.ID)).from(DOCUMENT));
        return last == null ? 0 : last;
    }

    /**
     * The records the import stamped on the way ({@code since} then or later, a time no record
     * committed before it began has: those naming a person its lists renamed, or of a type they gave
     * a new label) get the time its transaction commits (RecordWriter.stampAtCommit), as the
     * records it made and their first versions do: no one sees any of them before the commit. A
     * harvester that asked meanwhile was told a time before that commit (the response date, the next
     * harvest's {@code from}, as the protocol's guidelines have it) and lists them next time; stamped
     * with the time the import began, neither that harvest nor the next would ever have listed them.
     */
    private static void stampedAtTheEnd(RecordWriter writer, int lastBefore, Instant since) {
        writer.stampedAtTheEnd(id -> id.le(lastBefore), since);
    }

    /** Waits for any other import's transaction to end, and holds off the next until this one ends (see above). */
    private static void oneImportAtATime(DSLContext tx) {
        tx.update(DOCUMENT_COUNT).set(DOCUMENT_COUNT.LIVE, DOCUMENT_COUNT.LIVE).where(DOCUMENT_COUNT.ID.eq(1)).execute();
    }

    /**
     * Entries written a chunk at a time: the identities of a chunk that the catalogue did not hold
     * before and that this import may have made looked up in one query, then each entry written in
     * order (a new record, or where a known one was seen again).
     */
    private static final class Chunks implements AutoCloseable {

        private final DSLContext tx;
        private final NewRecords records;
        private final BatchInsert sources;
        private final Instant now;
        private final int total;
        private final Listener progress;
        /** What this import made: where an entry new to the catalogue was seen earlier in the pages. */
        private final MadeSoFar made;
        private int done;
        int created;

        Chunks(DSLContext tx, Connection connection, NewRecords records, MadeSoFar made, Instant now, int total,
               Listener progress) {
            this.tx = tx;
            this.records = records;
            this.made = made;
            this.now = now;
            this.total = total;
            this.progress = progress;
            this.sources = BatchInsert.intoUnlessThere(tx, connection, DOCUMENT_SOURCE, DOCUMENT_SOURCE.DOCUMENT_ID,
                    DOCUMENT_SOURCE.IDENTITY, DOCUMENT_SOURCE.FILE, DOCUMENT_SOURCE.POSITION, DOCUMENT_SOURCE.LINE,
                    DOCUMENT_SOURCE.IMPORTED_AT);
        }

        void write(Prepared chunk) {
            List<String> identities = chunk.identities();
            Map<String, Integer> known = new HashMap<>(chunk.before());
            // Not known before the import: perhaps made by it earlier in the pages.
            Set<String> others = new HashSet<>();
            for (String identity : identities) {
                if (!known.containsKey(identity)) {
                    others.add(identity);
                }
            }
            made.madeAs(tx, others).forEach(known::putIfAbsent);
            for (int i = 0; i < chunk.entries().size(); i++) {
                SeedEntry entry = chunk.entries().get(i);
                String identity = identities.get(i);
                Integer id = known.get(identity);
                if (id == null) {
                    // Not known before the import (those the reader found, with their records, are in known):
                    // the reader prepared its record.
                    id = records.add(chunk.records().get(i), chunk.attributions().get(i));
                    known.put(identity, id);
                    made.add(identity, id);
                    created++;
                }
                sources.add(id, identity, entry.file(), entry.position(), entry.line(), now);
                progress.written(++done, total);
            }
            // The records before the sources that name them; the next chunk's look-up then sees both.
            records.flush();
            sources.flush();
        }

        @Override
        public void close() {
            sources.close();
        }
    }
}
