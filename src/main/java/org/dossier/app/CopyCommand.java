package org.dossier.app;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.dossier.ops.Backups;
import org.dossier.ops.CatalogueCopy;
import org.dossier.web.WriteUnavailable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "copy", mixinStandardHelpOptions = true,
        description = "Copies a whole catalogue (records, every revision, slugs, sources, authorities, accounts "
                + "with their password hashes, withdrawn records) into a new, empty database, keeping every id, "
                + "in one transaction; then compares the counts. Both databases are first migrated to this "
                + "version's schema. Stop the server on the source first.")
final class CopyCommand implements Callable<Integer> {

    private static final NothingWas NOTHING_COPIED = new NothingWas("copied");

    @Option(names = "--from", paramLabel = "DB", required = true, converter = DatabaseAddress.Converter.class,
            description = "The catalogue to copy: a SQLite file or a jdbc:postgresql:// URL.")
    DatabaseAddress from;

    @Option(names = "--to", paramLabel = "DB", required = true, converter = DatabaseAddress.Converter.class,
            description = "The empty database to fill: a SQLite file or a jdbc:postgresql:// URL.")
    DatabaseAddress to;

    @Mixin
    WriteWaitOption writeWaitOption;

    @Override
    public Integer call() throws Exception {
        if (sameDatabase(from, to)) {
            return NOTHING_COPIED.because("--from and --to are the same database.");
        }
        if (from.isSqlite() && !java.nio.file.Files.isRegularFile(from.file())) {
            return NOTHING_COPIED.because("there is no database at " + from + ".");
        }
        try {
            // A server (or an import) writing to either SQLite file while the copy reads or fills it
            // would leave a copy that matches neither, and its saves would wait on the copy's lock.
            for (DatabaseAddress database : List.of(from, to)) {
                if (database.isSqlite()) {
                    Backups.requireUnused(database.file());
                }
            }
        } catch (Backups.RefusedException e) {
            return NOTHING_COPIED.because(e.getMessage() + ".");
        }
        // A new SQLite file the copy makes and then keeps nothing in (its disk filled up) is taken away.
        Optional<NewSqliteFile.Made> made = NewSqliteFile.madeByOpening(to);
        int status = copy();
        if (status != 0 && made.isPresent()) {
            made.get().takeAwayUnlessOpened();
        }
        return status;
    }

    private int copy() {
        // Messages name the databases without a password (DatabaseAddress.toString).
        try (Database source = Database.open(from, writeWaitOption.writeWait());
             Database target = Database.open(to, writeWaitOption.writeWait())) {
            List<CatalogueCopy.Count> counts = CatalogueCopy.copy(source.dsl(), target.dsl(), new ConsoleListener());
            System.err.println(table(counts));
            System.err.println("Copied " + from + " to " + to + ": every count matches.");
            return 0;
        } catch (UnsupportedOperationException | CatalogueCopy.TargetNotEmptyException e) {
            return NOTHING_COPIED.because(e.getMessage());
        } catch (CatalogueCopy.CountMismatchException e) {
            System.err.println(table(e.counts()));
            return NOTHING_COPIED.because(e.getMessage());
        } catch (RuntimeException e) {
            // The target's disk filled up (or the database stopped, or another writer held it) as the
            // rows went in: it said "copy failed, nothing more was done" and the driver's words.
            WriteUnavailable cutOff = Database.cutOff(e);
            return NOTHING_COPIED.because(cutOff.reason() + " (" + to + ": " + cutOff.why()
                    + "), and the copy is one transaction, so the target is as empty as it was. "
                    + (cutOff.readOnly() ? "Free space on that disk (or make the target writable), or give --to a file on another, and "
                            + "run it again."
                            : "Run it again once the target database answers and nothing else writes to it."));
        }
    }

    private static boolean sameDatabase(DatabaseAddress a, DatabaseAddress b) {
        if (a.isSqlite() && b.isSqlite()) {
            return a.file().toAbsolutePath().normalize().equals(b.file().toAbsolutePath().normalize());
        }
        return a.text().equals(b.text());
    }

    private static String table(List<CatalogueCopy.Count> counts) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%-24s %12s %12s%n", "table", "source", "copy"));
        for (CatalogueCopy.Count count : counts) {
            text.append(String.format(Locale.ROOT, "%-24s %,12d %,12d%s%n", count.table(), count.source(), count.target(),
                    (count.note().isEmpty() ? "" : "  " + count.note()) + (count.matches() ? "" : "  DIFFERS")));
        }
        return text.toString().stripTrailing();
    }

    /** A line per table, with a live count on a terminal. */
    private static final class ConsoleListener implements CatalogueCopy.Listener {
        private Progress progress;

        @Override
        public void startTable(String table, long rows) {
            progress = Progress.onConsole(table + " rows", rows);
        }

        @Override
        public void copied(long rowsOfTable) {
            progress.advanceTo(rowsOfTable);
        }

        @Override
        public void finishTable(String table, long rows) {
            progress.finish(String.format(Locale.ROOT, "%-24s %,d rows", table, rows));
        }
    }
}
