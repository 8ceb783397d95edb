package org.dossier.app;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.dossier.authorities.AuthorityKind;
import org.dossier.authorities.AuthorityRecords;
import org.dossier.authorities.AuthorityWriter;
import org.dossier.authorities.Mentions;
import org.dossier.authorities.StoredAuthority;
import org.dossier.documents.Attribution;
import org.dossier.documents.RecordStore;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "relink", mixinStandardHelpOptions = true,
        description = "Links a person or place to every record whose title or summary names it (by its name or "
                + "any other form) and that is not linked to it yet, each with a new revision saying why: what "
                + "an editor does at /admin/people/KEY/link, for records imported before a name was added. "
                + "Runs beside a live server, linking --batch records a transaction so that editors' saves go "
                + "between them; its index follows through the change feed. Stopped, it links what is left "
                + "when run again.")
final class RelinkCommand implements Callable<Integer> {

    private static final NothingWas NOTHING_LINKED = new NothingWas("linked");

    @Mixin
    DatabaseOption databaseOption;

    @Mixin
    WriteWaitOption writeWaitOption;

    static final class Which {
        @Option(names = "--person", paramLabel = "KEY", required = true, description = "The key of a person (or organisation).")
        String person;

        @Option(names = "--place", paramLabel = "KEY", required = true, description = "The key of a place.")
        String place;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Which which;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "500",
            description = "How many records to link a transaction (default: ${DEFAULT-VALUE}, about half a second "
                    + "of the write lock at a million records).")
    int batch;

    @Override
    public Integer call() throws Exception {
        DatabaseAddress database = databaseOption.address();
        AuthorityKind kind = which.person != null ? AuthorityKind.PERSON : AuthorityKind.PLACE;
        String key = which.person != null ? which.person : which.place;
        try (Database db = Database.openExisting(database, writeWaitOption.writeWait())) {
            StoredAuthority authority = new AuthorityRecords(db.dsl()).find(kind, key).orElse(null);
            if (authority == null) {
                return NOTHING_LINKED.because("there is no " + kind.noun() + " '" + key + "'.");
            }
            if (authority.merged()) {
                return NOTHING_LINKED.because("'" + key + "' was merged into '" + authority.mergedInto()
                        + "'; relink that one.");
            }
            if (batch < 1) {
                return NOTHING_LINKED.becauseOfAnOption("--batch is how many records a transaction links, 1 or more.");
            }
            Clock clock = Clock.systemUTC();
            RecordStore store = db.recordStore(clock);
            // Found once (a scan of every record for each form), then linked a batch a transaction.
            Mentions.Preview found = Mentions.unlinked(db.dsl(), authority, Mentions.scanning(db.dsl()));
            List<Mentions.Mention> mentions = found.mentions();
            int linked = 0;
            for (int from = 0; from < mentions.size(); from += batch) {
                List<Mentions.Mention> some = mentions.subList(from, Math.min(mentions.size(), from + batch));
                linked += store.write((w, tx) -> new AuthorityWriter(w, tx, clock).link(authority, some,
                        Attribution.IMPORT, "relink --" + kind.noun() + " " + key));
            }
            found.byForm().forEach(c -> System.out.println("  '" + c.form() + "': " + c.records()
                    + (c.records() == 1 ? " record" : " records")));
            System.out.println("Linked " + linked + (linked == 1 ? " record" : " records") + " to " + authority.name());
            return 0;
        }
    }
}
