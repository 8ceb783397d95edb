package org.dossier.app;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.dossier.authorities.AuthorityFileException;
import org.dossier.importing.SeedFormatException;
import org.dossier.synthetic.Generator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Adds made-up but realistic records to a database, for measuring search at scale: words from "
                + "the seed pages, people, places and types from the authority lists, dates over 1940-1991 (one record in a hundred undated). "
                + "The server rebuilds its search index on the next start (or run reindex).")
final class GenerateCommand implements Callable<Integer> {

    @Option(names = "--db", paramLabel = "DB", required = true, converter = DatabaseAddress.Converter.class,
            description = "The database to add to: a SQLite file or a jdbc:postgresql:// URL.")
    DatabaseAddress database;

    @Mixin
    WriteWaitOption writeWaitOption;

    @Option(names = "--count", paramLabel = "N", required = true, description = "How many records to add.")
    long count;

    @Option(names = "--seeds", paramLabel = "DIR",
            description = "Seed pages (and authorities/) to draw from (default: ${DEFAULT-VALUE}).")
    Path seeds = Settings.DEFAULT_SEEDS;

    @Option(names = "--seed", paramLabel = "N", description = "Random seed: the same seed makes the same records "
            + "(default: ${DEFAULT-VALUE}).")
    long seed = 1950;

    /** Generates {@code count} records with {@code generator}, and returns how many: all of them, or it throws. */
    private long generate(Generator generator, Progress progress)
            throws IOException, SeedFormatException, AuthorityFileException {
        generator.generate(seeds, count, seed, progress::advanceTo);
        return count;
    }

    @Override
    public Integer call() throws Exception {
        if (count < 1) {
            System.err.println("--count must be at least 1");
            return 2;
        }
        Progress progress = Progress.onConsole("records", count);
        try {
            long generated;
            if (NewSqliteFile.isNew(database)) {
                // A catalogue made from nothing is made under another name and renamed when whole.
                generated = NewSqliteFile.build(database.file(),
                        db -> generate(new Generator(db, Clock.systemUTC()).unseenUntilWhole(), progress));
            } else {
                try (Database db = Database.open(database, writeWaitOption.writeWait())) {
                    generated = generate(new Generator(db.dsl(), Clock.systemUTC()), progress);
                    db.identitiesFollowRows();
                }
            }
            progress.finish("Generated " + generated + " records in " + database);
            return 0;
        } catch (IOException | SeedFormatException | AuthorityFileException e) {
            return new NothingWas("generated").because(e.getMessage());
        }
    }
}
