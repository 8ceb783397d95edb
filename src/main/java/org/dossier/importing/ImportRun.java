package org.dossier.importing;

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

/**
 * Imports seed pages: every file is read and checked first, then all of them are written in one
 * transaction, so that a bad file leaves the database exactly as it was.
 *
 * <p>An entry whose identity (date, title and summary as imported) is already known adds only
 * where it was seen; the record itself, and any correction an editor made to it, is left alone.
 * A folder means every {@code .txt} file in it, in name order, and its {@code authorities/}
 * subfolder, if there is one.
 */
public final class ImportRun {

    public static final String AUTHORITIES_FOLDER = "authorities";

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
        return store.write(writer -> {
            authorities.forEach(lists -> AuthorityLoader.store(writer.db(), lists));
            Extractor extractor = Extractor.load(writer.db());
            int created = 0;
            int written = 0;
            for (SeedEntry entry : entries) {
                if (record(writer, extractor, entry)) {
                    created++;
                }
                progress.written(++written, entries.size());
            }
            return new ImportReport(pages.size(), entries.size(), created, entries.size() - created);
        });
    }

    /** Writes one entry; true when it made a new record. */
    private boolean record(RecordWriter writer, Extractor extractor, SeedEntry entry) {
        String identity = entry.identity();
        Optional<Integer> known = writer.db().select(DOCUMENT_SOURCE.DOCUMENT_ID).from(DOCUMENT_SOURCE)
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
        writer.db().insertInto(DOCUMENT_SOURCE)
                .set(DOCUMENT_SOURCE.DOCUMENT_ID, id)
                .set(DOCUMENT_SOURCE.IDENTITY, identity)
                .set(DOCUMENT_SOURCE.FILE, entry.file())
                .set(DOCUMENT_SOURCE.POSITION, entry.position())
                .set(DOCUMENT_SOURCE.LINE, entry.line())
                .set(DOCUMENT_SOURCE.IMPORTED_AT, Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString())
                .onConflictDoNothing()
                .execute();
        return known.isEmpty();
    }
}
