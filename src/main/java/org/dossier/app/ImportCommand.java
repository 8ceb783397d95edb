package org.dossier.app;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.dossier.importing.ImportRejectedException;
import org.dossier.importing.ImportReport;
import org.dossier.importing.ImportRun;
import org.dossier.importing.NewFileImport;
import org.dossier.web.WriteUnavailable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Imports seed pages: every file is read and checked first, and a file that cannot be read is "
                + "reported as file:line and nothing is written; then the files are read again and every entry is "
                + "written in one transaction, so an import that fails or is stopped leaves nothing. "
                + "A folder means every .txt file in it (.TXT too, hidden files not), in name order, and its authorities/ "
                + "lists; what else it holds is listed as not read.")
final class ImportCommand implements Callable<Integer> {

    private static final NothingWas NOTHING_IMPORTED = new NothingWas("imported");

    @Mixin
    DatabaseOption databaseOption;

    @Mixin
    WriteWaitOption writeWaitOption;

    @Parameters(paramLabel = "FILE_OR_DIR", arity = "1..*", description = "Seed pages, or folders of them.")
    List<Path> inputs;

    @Override
    public Integer call() throws Exception {
        DatabaseAddress database = databaseOption.address();
        try {
            Progress progress = Progress.onConsole("entries", 0);
            ImportReport report = NewSqliteFile.isNew(database) ? intoANewFile(database, progress)
                    : intoTheCatalogue(database, progress);
            progress.finish("Imported " + report.summary());
            if (!report.notRead().isEmpty()) {
                System.out.println("Not read (a folder's pages are its .txt files):");
                report.notRead().forEach(n -> System.out.println("  " + n));
            }
            printHeaded("The authority lists differ from what editors changed (the editors' work is kept):",
                    report.lists().editorsWorkKept());
            printHeaded("Forms of a name the lists give an entry that another entry has already (left with that one, "
                    + "not given to a second):", report.lists().formsLeftWithTheirOwners());
            return 0;
        } catch (ImportRejectedException e) {
            return NOTHING_IMPORTED.becauseOfEach(e.problems());
        } catch (RuntimeException e) {
            // The database stopped, was cut off, filled up or stayed locked while the entries were
            // written: the command said "import failed, nothing more was done" and the driver's words,
            // which left an operator to wonder how much of it was kept.
            System.err.println(cutOff(database, Database.cutOff(e)));
            return 1;
        }
    }

    /** {@code heading} and {@code lines} below it, indented; nothing when there are none. */
    private static void printHeaded(String heading, List<String> lines) {
        if (!lines.isEmpty()) {
            System.out.println(heading);
            lines.forEach(line -> System.out.println("  " + line));
        }
    }

    /**
     * Into a SQLite file that is not there yet: the pages checked, then written into a new file of
     * another name, which nobody else can open, without a journal, and renamed into place once
     * whole, as {@code generate} makes one ({@link NewSqliteFile}); pages refused, or an import
     * that fails or is stopped, leave nothing at the path given (nor the folders made for it).
     */
    private ImportReport intoANewFile(DatabaseAddress database, Progress progress) throws Exception {
        // Checked before anything is made: pages refused leave nothing on the disk.
        NewFileImport pages = NewFileImport.check(inputs, Clock.systemUTC(), ImportRun.Tuning.DEFAULT);
        return NewSqliteFile.build(database.file(), one -> pages.writeInto(one, progress::advanceTo));
    }

    /** Into a catalogue that is there (or on PostgreSQL), in one transaction beside whoever else uses it. */
    private ImportReport intoTheCatalogue(DatabaseAddress database, Progress progress) throws Exception {
        try (Database db = Database.open(database, writeWaitOption.writeWait())) {
            return new ImportRun(db.recordStore(Clock.systemUTC()), Clock.systemUTC()).run(inputs, progress::advanceTo);
        }
    }

    /** What an import the database cut off says: an import is all or nothing, and what to do. */
    static String cutOff(DatabaseAddress database, WriteUnavailable why) {
        String then = why.upgraded() ? "with the version that applied it"
                : why.unreachable() ? "once the database answers again"
                : why.readOnly() ? "once the database can be written again" : "once the writer that holds it is done";
        return NOTHING_IMPORTED.line(why.reason() + " (" + database + ": " + why.why() + "), and an import is one "
                + "transaction, so none of its entries were kept. Run it again " + then + ". (Had the connection broken "
                + "as the import committed, it would have been kept whole; running it again is safe either way: an "
                + "entry the catalogue has already is known and not written twice.)");
    }
}
