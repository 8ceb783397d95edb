package org.dossier.importing;

import static org.dossier.db.Tables.DOCUMENT_COUNT;
import static org.dossier.db.Tables.DOCUMENT_SOURCE;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.dossier.authorities.AuthorityFileException;
import org.dossier.authorities.AuthorityLoader;
import org.dossier.authorities.Extraction;
import org.dossier.authorities.Extractor;
import org.dossier.documents.Attribution;
import org.dossier.documents.BatchInsert;
import org.dossier.documents.BulkWriting;
import org.dossier.documents.NewRecords;
import org.dossier.documents.RecordDraft;
import org.dossier.documents.RecordStore;
import org.jooq.DSLContext;

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
 * chunk, and their people, places and types are found on every core at once.
 *
 * <p>One import at a time: the transaction begins by taking the row of {@code document_count},
 * which every new record's trigger takes anyway, and holds it to its commit. Two imports of the
 * same pages at once (two nodes started together on an empty database, each importing the seeds)
 * therefore write one after the other, and the second finds each entry the first wrote already
 * known: no record is made twice. On SQLite, where writers run one at a time, the same statement
 * costs nothing; on PostgreSQL it is a row lock held to the commit.
 */
public final class ImportRun {

    public static final String AUTHORITIES_FOLDER = "authorities";

    /**
     * How an import writes: how many entries a chunk holds (looked up, extracted and sent to the
     * database together), whether their names are found on every core or on one, and whether SQLite
     * gets a large page cache for the transaction. {@link #DEFAULT} is what measured best
     * (BENCHMARKS.md); the others are there to be measured against it ({@code bench/ImportLevers.java}).
     */
    public record Tuning(int chunk, boolean parallel, boolean largeCache) {

        public static final Tuning DEFAULT = new Tuning(2_000, true, true);

        public Tuning {
            if (chunk < 1) {
                throw new IllegalArgumentException("a chunk holds at least one entry");
            }
        }
    }

    private final RecordStore store;
    private final Clock clock;
    private final Tuning tuning;
    private final SeedPageParser parser = new SeedPageParser();

    public ImportRun(RecordStore store, Clock clock) {
        this(store, clock, Tuning.DEFAULT);
    }

    public ImportRun(RecordStore store, Clock clock, Tuning tuning) {
        this.store = store;
        this.clock = clock;
        this.tuning = tuning;
    }

    /** The seed pages a list of files and folders stands for, in the order they will be read. */
    public static List<Path> pagesOf(List<Path> filesAndFolders) throws IOException {
        List<Path> pages = new ArrayList<>();
        for (Path path : filesAndFolders) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> children = Files.list(path)) {
                    children.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".txt"))
                            .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                            .forEach(pages::add);
                }
            } else {
                pages.add(path);
            }
        }
        return pages;
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
        List<String> problems = new ArrayList<>();
        List<AuthorityLoader.AuthorityLists> authorities = new ArrayList<>();
        for (Path path : filesAndFolders) {
            if (!Files.exists(path)) {
                problems.add(path + ": no such file or folder");
            } else if (Files.isDirectory(path) && Files.isDirectory(path.resolve(AUTHORITIES_FOLDER))) {
                try {
                    authorities.add(AuthorityLoader.read(path.resolve(AUTHORITIES_FOLDER)));
                } catch (AuthorityFileException e) {
                    problems.add(path.resolve(AUTHORITIES_FOLDER) + "/" + e.getMessage());
                }
            }
        }
        List<Path> pages = problems.isEmpty() ? pagesOf(filesAndFolders) : List.of();
        // Pass 1: every entry read and checked, nothing kept but the count.
        int entries = 0;
        for (Path page : pages) {
            int[] inPage = {0};
            try (InputStream in = Files.newInputStream(page)) {
                parser.read(page.getFileName().toString(), in, entry -> inPage[0]++);
                entries += inPage[0];
            } catch (SeedFormatException e) {
                e.problems().forEach(p -> problems.add(located(page, p)));
            }
        }
        if (problems.isEmpty() && pages.isEmpty()) {
            problems.add(String.join(", ", filesAndFolders.stream().map(Path::toString).toList())
                    + ": no .txt seed pages to import");
        }
        if (!problems.isEmpty()) {
            throw new ImportRejectedException(problems);
        }
        // Pass 2: the same entries again, written in one transaction.
        int total = entries;
        List<String> differences = new ArrayList<>();
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS);
        try {
            int created = store.write((writer, tx) -> {
                oneImportAtATime(tx);
                for (AuthorityLoader.AuthorityLists lists : authorities) {
                    differences.addAll(AuthorityLoader.store(tx, lists, clock));
                    // New names or forms: every node reloads what widens a search.
                    writer.authoritiesChanged();
                }
                Extractor extractor = Extractor.load(tx);
                return BulkWriting.withLargeCache(tx, tuning.largeCache(), () -> writer.createMany(records ->
                        tx.connectionResult(connection -> {
                    // Dropped and made again in this transaction: a failed import rolls that back too.
                    List<BulkWriting.SecondaryIndex> dropped = BulkWriting.dropBeforeAdding(tx, total);
                    try (Chunks chunks = new Chunks(tx, connection, records, extractor, now, total, progress,
                            tuning)) {
                        for (Path page : pages) {
                            try (InputStream in = Files.newInputStream(page)) {
                                parser.read(page.getFileName().toString(), in, chunks::add);
                            } catch (SeedFormatException e) {
                                throw new ChangedMeanwhile(page, e);
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        }
                        chunks.write();
                        BulkWriting.rebuild(tx, dropped);
                        return chunks.created;
                    }
                })));
            });
            return new ImportReport(pages.size(), total, created, total - created, differences);
        } catch (ChangedMeanwhile e) {
            throw new ImportRejectedException(e.problems);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static String located(Path page, SeedProblem problem) {
        return page.getParent() == null ? problem.toString()
                : page.getParent().resolve(problem.file()) + ":" + problem.line() + ": " + problem.message();
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

    /** Waits for any other import's transaction to end, and holds off the next until this one ends (see above). */
    private static void oneImportAtATime(DSLContext tx) {
        tx.update(DOCUMENT_COUNT).set(DOCUMENT_COUNT.LIVE, DOCUMENT_COUNT.LIVE).where(DOCUMENT_COUNT.ID.eq(1)).execute();
    }

    /**
     * Entries gathered a chunk at a time, then written: the identities of a chunk computed and
     * looked up in one query, the people, places and types of its new entries found in parallel,
     * then each entry written in order (a new record, or where a known one was seen again).
     */
    private static final class Chunks implements AutoCloseable {

        private final DSLContext tx;
        private final NewRecords records;
        private final Extractor extractor;
        private final BatchInsert sources;
        private final Instant now;
        private final int total;
        private final Listener progress;
        private final Tuning tuning;
        private final List<SeedEntry> chunk;
        private int done;
        int created;

        Chunks(DSLContext tx, Connection connection, NewRecords records, Extractor extractor, Instant now, int total,
               Listener progress, Tuning tuning) {
            this.tuning = tuning;
            this.chunk = new ArrayList<>(tuning.chunk());
            this.tx = tx;
            this.records = records;
            this.extractor = extractor;
            this.now = now;
            this.total = total;
            this.progress = progress;
            this.sources = BatchInsert.intoUnlessThere(tx, connection, DOCUMENT_SOURCE, DOCUMENT_SOURCE.DOCUMENT_ID,
                    DOCUMENT_SOURCE.IDENTITY, DOCUMENT_SOURCE.FILE, DOCUMENT_SOURCE.POSITION, DOCUMENT_SOURCE.LINE,
                    DOCUMENT_SOURCE.IMPORTED_AT);
        }

        void add(SeedEntry entry) {
            chunk.add(entry);
            if (chunk.size() == tuning.chunk()) {
                write();
            }
        }

        void write() {
            if (chunk.isEmpty()) {
                return;
            }
            List<String> identities = (tuning.parallel() ? chunk.parallelStream() : chunk.stream())
                    .map(SeedEntry::identity).toList();
            Map<String, Integer> known = new HashMap<>();
            tx.select(DOCUMENT_SOURCE.IDENTITY, DOCUMENT_SOURCE.DOCUMENT_ID).from(DOCUMENT_SOURCE)
                    .where(DOCUMENT_SOURCE.IDENTITY.in(new HashSet<>(identities)))
                    .forEach(r -> known.putIfAbsent(r.get(DOCUMENT_SOURCE.IDENTITY), r.get(DOCUMENT_SOURCE.DOCUMENT_ID)));
            IntStream indexes = IntStream.range(0, chunk.size());
            List<Extraction> found = (tuning.parallel() ? indexes.parallel() : indexes)
                    .mapToObj(i -> known.containsKey(identities.get(i)) ? null
                            : extractor.extract(chunk.get(i).title(), chunk.get(i).summary()))
                    .toList();
            for (int i = 0; i < chunk.size(); i++) {
                SeedEntry entry = chunk.get(i);
                String identity = identities.get(i);
                Integer id = known.get(identity);
                if (id == null) {
                    Extraction extraction = found.get(i);
                    id = records.add(new RecordDraft(entry.title(), entry.summary(), entry.date(), extraction.typeId(),
                            extraction.people(), extraction.places()), Attribution.imported(entry.location()));
                    known.put(identity, id);
                    created++;
                }
                sources.add(id, identity, entry.file(), entry.position(), entry.line(), now);
                progress.written(++done, total);
            }
            // The records before the sources that name them; the next chunk's look-up then sees both.
            records.flush();
            sources.flush();
            chunk.clear();
        }

        @Override
        public void close() {
            sources.close();
        }
    }
}
