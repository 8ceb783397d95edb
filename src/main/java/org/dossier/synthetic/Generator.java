package org.dossier.synthetic;

import static org.dossier.db.Tables.PERSON;
import static org.dossier.db.Tables.PERSON_ALIAS;
import static org.dossier.db.Tables.PLACE_ALIAS;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Supplier;
import org.dossier.authorities.AuthorityFileException;
import org.dossier.authorities.AuthorityKind;
import org.dossier.authorities.AuthorityLists;
import org.dossier.authorities.AuthorityLoader;
import org.dossier.importing.ImportRun;
import org.dossier.importing.SeedEntry;
import org.dossier.importing.SeedFormatException;
import org.dossier.importing.SeedPageParser;
import org.dossier.authorities.PersonRole;
import org.dossier.documents.Attribution;
import org.dossier.documents.BulkWriting;
import org.dossier.documents.CommitClock;
import org.dossier.documents.DocumentDate;
import org.dossier.documents.Languages;
import org.dossier.documents.NewRecords;
import org.dossier.documents.RecordDraft;
import org.dossier.documents.RecordStore;
import org.jooq.DSLContext;

/**
 * Fills a database with made-up records for measuring: words from the seed pages, people, places
 * and types from the authority lists (loaded from the seeds folder first if the database has
 * none), written in large transactions through the write path every import and edit takes
 * ({@link RecordStore}): each transaction's records and revisions are stamped with the time it
 * commits, by the database's clock ({@link CommitClock}), as an import's are.
 */
public final class Generator {

    /** Told how many records have been written of how many. */
    @FunctionalInterface
    public interface Listener {
        void written(long done, long total);
    }

    /**
     * Records a transaction: fewer commits. PostgreSQL once needed 2,000 (each new record's trigger
     * updated document_count's one row, each update walking past the versions before it in the
     * transaction: 20,000 a transaction generated 170 records/s); since V19 it counts a statement
     * of 100 records once, as SQLite, which updates the row in place, never cared.
     */
    private static final int TRANSACTION = 50_000;

    private final DSLContext db;
    private final Clock clock;
    private final boolean unseenUntilWhole;

    /**
     * @param clock this machine's time, which the change feed's entries are written with (what pruning
     *     reads, as every write's); the records' datestamps are the database's time as each transaction commits
     */
    public Generator(DSLContext db, Clock clock) {
        this(db, clock, false);
    }

    private Generator(DSLContext db, Clock clock, boolean unseenUntilWhole) {
        this.db = db;
        this.clock = clock;
        this.unseenUntilWhole = unseenUntilWhole;
    }

    /**
     * The same, into a catalogue nobody reads before it is whole (a new SQLite file, put where it
     * was asked for only at the end: {@code app/NewSqliteFile}). Each transaction's records, their
     * revisions and changes are then stamped with the database's clock as the transaction begins,
     * and not stamped again as it commits ({@link RecordStore#stampedAt}). Its records' rows are written without SQLite checking each one's
     * CHECK constraints or counting it by trigger: {@link BulkWriting#uncheckedIntoANewFile}.
     */
    public Generator unseenUntilWhole() {
        return new Generator(db, clock, true);
    }

    /** Adds {@code count} records; the same {@code seed} makes the same records. */
    public void generate(Path seeds, long count, long seed, Listener listener)
            throws IOException, SeedFormatException, AuthorityFileException {
        Path authorityFolder = seeds.resolve(ImportRun.AUTHORITIES_FOLDER);
        if (!Files.isDirectory(authorityFolder)) {
            throw new IOException("there are no seed pages and authority lists at " + seeds.toAbsolutePath()
                    + " (a folder of seed pages with an authorities/ folder in it)");
        }
        if (db.fetchCount(PERSON) == 0) {
            AuthorityLoader.FolderLists lists = AuthorityLoader.read(authorityFolder);
            db.transaction(tx -> AuthorityLoader.store(tx.dsl(), lists));
        }
        SyntheticCorpus corpus = new SyntheticCorpus(authorities(), vocabulary(seeds));
        SplittableRandom random = new SplittableRandom(seed);
        BulkWriting.onOneConnection(db, false, one -> {
            // For a run at least as large as the catalogue, the secondary indexes are built once at the
            // end. Between the first transaction and the last the file lacks them: a run stopped
            // half-way (killed, not failed: a failure rebuilds them below) leaves a catalogue to make
            // again, as does the synchronous=OFF that onOneConnection asks for.
            List<BulkWriting.SecondaryIndex> dropped = one.transactionResult(tx ->
                    BulkWriting.dropBeforeAdding(tx.dsl(), count));
            CommitClock databaseClock = CommitClock.of(one.dialect());
            RecordStore committing = new RecordStore(one, clock, databaseClock);
            try {
                if (!unseenUntilWhole) {
                    return generateIn(() -> committing, corpus, random, TRANSACTION, count, listener);
                }
                return BulkWriting.uncheckedIntoANewFile(one, () -> generateIn(
                        () -> RecordStore.stampedAt(one, databaseClock.stamp(one)), corpus, random, TRANSACTION, count,
                        listener));
            } finally {
                one.transaction(tx -> BulkWriting.rebuild(tx.dsl(), dropped));
            }
        });
    }

    /** Writes the records in transactions of {@code transaction}, each through the store {@code stores} gives for it. */
    private static long generateIn(Supplier<RecordStore> stores, SyntheticCorpus corpus, SplittableRandom random,
                                   int transaction, long count, Listener listener) {
        try (Drafts drafts = new Drafts(corpus, random, count)) {
            long done = 0;
            while (done < count) {
                int size = (int) Math.min(transaction, count - done);
                stores.get().write(writer -> writer.createMany(records -> {
                    for (int i = 0; i < size; i++) {
                        records.add(drafts.next(), ATTRIBUTION);
                    }
                    return null;
                }));
                done += size;
                listener.written(done, count);
            }
            return done;
        }
    }

    /**
     * The records, made on a thread of their own beside the one writing them (two cores:
     * the writer then spends its time in SQLite), each with what its rows need worked out of it
     * ({@link NewRecords#ready}: slug, sort key, summary as stored), handed over in small runs through a
     * bounded queue: only a few thousand are ever held (50,000 held ahead outlived the young
     * generation and made the collector copy them). One thread draws from the one random source in
     * order, so the same seed still makes the same records.
     */
    private static final class Drafts implements AutoCloseable {

        private static final int RUN = 256;
        private static final int RUNS_AHEAD = 16;

        private final BlockingQueue<Object> runs = new ArrayBlockingQueue<>(RUNS_AHEAD);
        private final Thread maker;
        private NewRecords.Ready[] run = new NewRecords.Ready[0];
        private int taken;

        Drafts(SyntheticCorpus corpus, SplittableRandom random, long count) {
            maker = new Thread(() -> make(corpus, random, count), "generate-records");
            maker.setDaemon(true);
            maker.start();
        }

        private void make(SyntheticCorpus corpus, SplittableRandom random, long count) {
            try {
                for (long made = 0; made < count; ) {
                    NewRecords.Ready[] next = new NewRecords.Ready[(int) Math.min(RUN, count - made)];
                    for (int i = 0; i < next.length; i++) {
                        next[i] = NewRecords.ready(draft(corpus.next(random)));
                    }
                    made += next.length;
                    runs.put(next);
                }
            } catch (InterruptedException e) {
                // The writer stopped (it failed, or is done): nobody wants more records.
            } catch (RuntimeException | Error e) {
                // Handed to the writer, which fails with it; the queue has room once the writer takes.
                try {
                    runs.put(e);
                } catch (InterruptedException stopped) {
                    // The writer stopped first.
                }
            }
        }

        NewRecords.Ready next() {
            if (taken == run.length) {
                Object next;
                try {
                    next = runs.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the next records", e);
                }
                if (next instanceof RuntimeException failure) {
                    throw failure;
                }
                if (next instanceof Error failure) {
                    throw failure;
                }
                run = (NewRecords.Ready[]) next;
                taken = 0;
            }
            return run[taken++];
        }

        /** Stops the maker, if it is still making, and waits for it. */
        @Override
        public void close() {
            maker.interrupt();
            try {
                maker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static final Attribution ATTRIBUTION = new Attribution("generate", "Synthetic record, made for benchmarks", null);

    private static final PersonRole[] ROLES = {PersonRole.AUTHOR, PersonRole.RECIPIENT, PersonRole.MENTIONED};

    /**
     * The record as a draft. The first person named wrote it, the second received it, the rest are
     * mentioned: the author and recipient facets are then as full at scale as the seeds make them.
     */
    private static RecordDraft draft(SyntheticRecord record) {
        // In the record's order (its people's ids ascending), which is written as their positions.
        Map<Integer, PersonRole> people = new java.util.LinkedHashMap<>();
        int position = 0;
        for (int person : record.people()) {
            people.put(person, ROLES[Math.min(position++, ROLES.length - 1)]);
        }
        return new RecordDraft(record.title(), List.of(record.summary()), record.date(), record.typeId(), people,
                record.places(), languages(record));
    }

    /** Out of 100 generated records, the languages they are written in: no one has said for the last 15. */
    private static final Languages[] LANGUAGES_BY_SHARE = shares(
            50, "ru", 12, "zh", 8, "ko", 6, "en", 5, "ru zh", 3, "ru ko", 1, "ko zh ru");

    private static Languages[] shares(Object... shareAndLanguages) {
        Languages[] byShare = new Languages[100];
        java.util.Arrays.fill(byShare, Languages.NONE);
        int at = 0;
        for (int i = 0; i < shareAndLanguages.length; i += 2) {
            Languages languages = Languages.stored((String) shareAndLanguages[i + 1]);
            for (int n = 0; n < (int) shareAndLanguages[i]; n++) {
                byShare[at++] = languages;
            }
        }
        return byShare;
    }

    /**
     * As the seed archive's documents are written: most in Russian, then Chinese, Korean, English,
     * some in two or three; some not yet said, as in a catalogue being described. Taken from the
     * record's words, not the run's random numbers, so that every other value of a seed's records
     * stays what it was before records had languages.
     */
    private static Languages languages(SyntheticRecord record) {
        // An undated record's from its title and the word for no date, as a dated one's from its title and first day.
        String day = record.date().map(date -> date.earliest().toString()).orElse(DocumentDate.UNDATED);
        return LANGUAGES_BY_SHARE[Math.floorMod((record.title() + day).hashCode(), 100)];
    }

    /**
     * The lists in the one shape every reader holds them in ({@link AuthorityLists}), taken in the
     * order they were loaded (by id: the order of the authority files, the first the most frequent),
     * each name with the other forms the corpus writes it in; those merged into another left out.
     */
    private CorpusAuthorities authorities() {
        AuthorityLists.Lists lists = AuthorityLists.read(db);
        return new CorpusAuthorities(
                named(lists.of(AuthorityKind.PERSON), db.select(PERSON_ALIAS.PERSON_ID, PERSON_ALIAS.ALIAS)
                        .from(PERSON_ALIAS).orderBy(PERSON_ALIAS.PERSON_ID, PERSON_ALIAS.ALIAS)
                        .fetchGroups(PERSON_ALIAS.PERSON_ID, PERSON_ALIAS.ALIAS)),
                named(lists.of(AuthorityKind.PLACE), db.select(PLACE_ALIAS.PLACE_ID, PLACE_ALIAS.ALIAS)
                        .from(PLACE_ALIAS).orderBy(PLACE_ALIAS.PLACE_ID, PLACE_ALIAS.ALIAS)
                        .fetchGroups(PLACE_ALIAS.PLACE_ID, PLACE_ALIAS.ALIAS)),
                named(lists.types(), Map.of()));
    }

    private static List<CorpusAuthorities.Named> named(List<AuthorityLists.Entry> entries,
                                                       Map<Integer, List<String>> aliases) {
        List<CorpusAuthorities.Named> named = new ArrayList<>();
        // Only live entries: a record linked to one merged away would be moved again by the pending
        // merges, a trickle of changes in the feed long after the run.
        entries.stream().filter(entry -> !entry.merged())
                .sorted(Comparator.comparingInt(AuthorityLists.Entry::id)).forEach(entry -> {
            List<String> forms = new ArrayList<>();
            forms.add(entry.name());
            aliases.getOrDefault(entry.id(), List.of()).stream().filter(a -> !a.equals(entry.name())).forEach(forms::add);
            named.add(new CorpusAuthorities.Named(entry.id(), forms));
        });
        return named;
    }

    private static Vocabulary vocabulary(Path seeds) throws IOException, SeedFormatException {
        SeedPageParser parser = new SeedPageParser();
        List<String> texts = new ArrayList<>();
        for (Path page : ImportRun.pagesOf(List.of(seeds))) {
            for (SeedEntry entry : parser.parse(page.getFileName().toString(), Files.readAllBytes(page))) {
                texts.add(entry.title());
                texts.addAll(entry.summary());
            }
        }
        return Vocabulary.of(texts);
    }
}
