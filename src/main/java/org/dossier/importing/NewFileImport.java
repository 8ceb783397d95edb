package org.dossier.importing;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.dossier.documents.CommitClock;
import org.dossier.documents.RecordStore;
import org.jooq.DSLContext;

/**
 * An import into a SQLite catalogue that is not there yet, its pages checked: made by {@link #check},
 * before anything is made, so that pages refused leave nothing on the disk; then written
 * ({@link #writeInto}) into the catalogue made for it, migrated and empty, that nobody reads or
 * writes before it is whole (a new file, renamed into place once the import is in it:
 * {@code app/NewSqliteFile}). It writes what an import into a catalogue in use ({@link ImportRun})
 * writes, but: its records, their revisions and changes are stamped with the database's clock as
 * the writing begins, not again as it commits ({@link RecordStore#stampedAt}), so the indexes on
 * those times are kept and filled in order rather than dropped and built after the stamp; and no
 * entry is looked up among records imported before it, there being none (the threads finding names
 * would otherwise ask on the one connection the writer writes on); and those it made itself, seen
 * again later in the pages, are told from the first bits of their identities kept in memory
 * ({@link IdentitiesMadeHere}, pages of up to about three million entries), the index by identity
 * built once at the end with the others rather than written entry by entry in random order.
 */
public final class NewFileImport {

    private final ImportRun run;
    private final ImportRun.Checked pages;

    private NewFileImport(ImportRun run, ImportRun.Checked pages) {
        this.run = run;
        this.pages = pages;
    }

    /**
     * The first pass over {@code filesAndFolders}: every entry read and checked, nothing written;
     * every problem found refuses the import ({@link ImportRejectedException}: each as
     * {@code file:line: what is wrong}). {@code clock} is this machine's, which tells what day it is.
     */
    public static NewFileImport check(List<Path> filesAndFolders, Clock clock, ImportRun.Tuning tuning)
            throws ImportRejectedException, IOException {
        ImportRun run = new ImportRun(new ImportRun.Into.NewFile(), clock, tuning);
        return new NewFileImport(run, run.check(filesAndFolders));
    }

    /**
     * The second pass: the pages written into the catalogue just made for them (a new SQLite file
     * nobody else has open) on its one connection {@code one}. Its records, their revisions and
     * changes, its authority lists and sources are stamped with the database's clock as the writing
     * begins.
     */
    public ImportReport writeInto(DSLContext one, ImportRun.Listener progress) throws ImportRejectedException, IOException {
        Instant at = CommitClock.of(one.dialect()).stamp(one);
        return run.write(RecordStore.stampedAt(one, at), Clock.fixed(at, ZoneOffset.UTC), pages, progress);
    }
}
