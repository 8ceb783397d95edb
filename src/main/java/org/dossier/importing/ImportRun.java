package org.dossier.importing;

import static org.dossier.db.Tables.DOCUMENT_COUNT;
import static org.dossier.db.Tables.DOCUMENT_SOURCE;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.dossier.authorities.AuthorityFileException;
import org.dossier.authorities.AuthorityLoader;
import org.dossier.authorities.Extraction;
import org.dossier.authorities.Extractor;
import org.dossier.documents.Attribution;
import org.dossier.documents.RecordDraft;
import org.dossier.documents.RecordStore;
import org.dossier.documents.RecordWriter;
import org.jooq.DSLContext;

/**
 * Imports seed pages: every file is read and checked first, so that a bad file leaves the database
 * exactly as it was; then the entries are written in batches of at most {@link #BATCH} entries and
 * {@link #BATCH_TIME}, each its own transaction, so that a large import beside a live site holds
 * the database for a moment at a time and editors' saves and sign-ins get through between batches. A run stopped midway (killed,
 * a full disk) leaves the batches it wrote; running the same import again completes it, because an
 * entry already written is recognised by its identity and only noted as seen again.
 *
 * <p>An entry whose identity (date, title and summary as imported) is already known adds only
 * where it was seen; the record itself, and any correction an editor made to it, is left alone.
 * A folder means every {@code .txt} file in it, in name order, and its {@code authorities/}
 * subfolder, if there is one.
 *
 * <p>One import at a time: every transaction of an import begins by taking the row of
 * {@code document_count}, which every new record's trigger takes anyway, and holds it to its commit.
 * Two imports of the same pages at once (two nodes started together on an empty database, each
 * importing the seeds) therefore write one after the other, and the second finds each entry the
 * first wrote already known: no record is made twice. On SQLite, where writers run one at a time,
 * the same statement costs nothing; on PostgreSQL it is a row lock held to the commit.
 */
public final class ImportRun {

    public static final String AUTHORITIES_FOLDER = "authorities";

    /** At most this many entries a transaction, and at most {@link #BATCH_TIME} of writing. */
    static final int BATCH = 500;
    static final java.time.Duration BATCH_TIME = java.time.Duration.ofMillis(250);
    private static final long PAUSE_BETWEEN_BATCHES_MS = 20;

    private final RecordStore store;
    private final Clock clock;
    private final SeedPageParser parser = new SeedPageParser();

    public ImportRun(RecordStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
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
        List<SeedEntry> entries = new ArrayList<>();
        List<Path> pages = problems.isEmpty() ? pagesOf(filesAndFolders) : List.of();
        for (Path page : pages) {
            try {
                entries.addAll(parser.parse(page.getFileName().toString(), Files.readAllBytes(page)));
            } catch (SeedFormatException e) {
                e.problems().forEach(p -> problems.add(page.getParent() == null ? p.toString()
                        : page.getParent().resolve(p.file()) + ":" + p.line() + ": " + p.message()));
            }
        }
        if (problems.isEmpty() && pages.isEmpty()) {
            problems.add(String.join(", ", filesAndFolders.stream().map(Path::toString).toList())
                    + ": no .txt seed pages to import");
        }
        if (!problems.isEmpty()) {
            throw new ImportRejectedException(problems);
        }
        List<String> differences = new ArrayList<>();
        Extractor extractor = store.write((writer, tx) -> {
            oneImportAtATime(tx);
            for (AuthorityLoader.AuthorityLists lists : authorities) {
                differences.addAll(AuthorityLoader.store(tx, lists, clock));
                // New names or forms: every node reloads what widens a search.
                writer.authoritiesChanged();
            }
            return Extractor.load(tx);
        });
        int created = 0;
        int[] next = {0};
        while (next[0] < entries.size()) {
            if (next[0] > 0) {
                giveWaitingWritersTheirTurn();
            }
            long until = System.nanoTime() + BATCH_TIME.toNanos();
            created += store.write((writer, tx) -> {
                oneImportAtATime(tx);
                int made = 0;
                int inBatch = 0;
                while (next[0] < entries.size() && inBatch < BATCH && (inBatch == 0 || System.nanoTime() < until)) {
                    if (record(writer, tx, extractor, entries.get(next[0]))) {
                        made++;
                    }
                    next[0]++;
                    inBatch++;
                    progress.written(next[0], entries.size());
                }
                return made;
            });
        }
        return new ImportReport(pages.size(), entries.size(), created, entries.size() - created, differences);
    }

    /** Waits for any other import's transaction to end, and holds off the next until this one ends (see above). */
    private static void oneImportAtATime(DSLContext tx) {
        tx.update(DOCUMENT_COUNT).set(DOCUMENT_COUNT.LIVE, DOCUMENT_COUNT.LIVE).where(DOCUMENT_COUNT.ID.eq(1)).execute();
    }

    /**
     * SQLite's lock is not a queue: a writer waiting for it looks again every few milliseconds (see
     * app/Database), and an import that began its next batch at once would find it free first every
     * time. A short pause lets an editor's save or a sign-in in between batches.
     */
    private static void giveWaitingWritersTheirTurn() {
        try {
            Thread.sleep(PAUSE_BETWEEN_BATCHES_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes one entry; true when it made a new record. */
    private boolean record(RecordWriter writer, DSLContext tx, Extractor extractor, SeedEntry entry) {
        String identity = entry.identity();
        Optional<Integer> known = tx.select(DOCUMENT_SOURCE.DOCUMENT_ID).from(DOCUMENT_SOURCE)
                .where(DOCUMENT_SOURCE.IDENTITY.eq(identity)).limit(1).fetchOptional(DOCUMENT_SOURCE.DOCUMENT_ID);
        int id;
        if (known.isPresent()) {
            id = known.get();
        } else {
            Extraction found = extractor.extract(entry.title(), entry.summary());
            RecordDraft draft = new RecordDraft(entry.title(), entry.summary(), entry.date(), found.typeId(),
                    found.people(), found.places());
            id = writer.create(draft, Attribution.imported(entry.location()));
        }
        tx.insertInto(DOCUMENT_SOURCE)
                .set(DOCUMENT_SOURCE.DOCUMENT_ID, id)
                .set(DOCUMENT_SOURCE.IDENTITY, identity)
                .set(DOCUMENT_SOURCE.FILE, entry.file())
                .set(DOCUMENT_SOURCE.POSITION, entry.position())
                .set(DOCUMENT_SOURCE.LINE, entry.line())
                .set(DOCUMENT_SOURCE.IMPORTED_AT, Instant.now(clock).truncatedTo(ChronoUnit.SECONDS))
                .onConflictDoNothing()
                .execute();
        return known.isEmpty();
    }
}
