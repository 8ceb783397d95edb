import static org.dossier.db.Tables.DOCUMENT;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.dossier.app.Database;
import org.dossier.app.Settings;
import org.dossier.documents.Attribution;
import org.dossier.documents.RecordDraft;
import org.dossier.documents.RecordStore;
import org.dossier.search.LuceneSearchEngine;
import org.dossier.search.SearchRequest;

/**
 * How long the search index takes to open (start-up check included) and to follow a correction:
 * the time from starting a write through the record store to the moment the corrected words are
 * searchable (commit, near-real-time refresh and recounting included). Stop the server first.
 *
 * <pre>java -cp target/dossier.jar bench/IndexUpdateBenchmark.java /tmp/dossier-bench/1000000.db [edits]</pre>
 *
 * Each edit adds a word to a random record's title and the next one takes it away again, so the
 * records end as they began (with two more revisions each).
 */
public class IndexUpdateBenchmark {

    public static void main(String[] args) throws Exception {
        Path db = Path.of(args[0]);
        int edits = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        try (Database database = Database.open(db)) {
            long started = System.nanoTime();
            LuceneSearchEngine engine = LuceneSearchEngine.open(Settings.indexBeside(db), database.dsl());
            System.out.printf(Locale.ROOT, "opened and checked the index of %,d records in %.0f ms%n",
                    engine.size(), (System.nanoTime() - started) / 1e6);
            RecordStore store = new RecordStore(database.dsl(), Clock.systemUTC());
            store.onChange(engine);
            int max = database.dsl().fetchValue(org.jooq.impl.DSL.select(org.jooq.impl.DSL.max(DOCUMENT.ID)).from(DOCUMENT));
            SplittableRandom random = new SplittableRandom(5);
            double[] times = new double[edits];
            for (int i = 0; i < edits; i++) {
                int id = 1 + random.nextInt(max);
                var row = database.dsl().selectFrom(DOCUMENT).where(DOCUMENT.ID.eq(id)).fetchOne();
                if (row.getWithdrawnAt() != null) {
                    i--;
                    continue;
                }
                int version = row.getVersion();
                RecordDraft now = store.write(w -> w.draft(id));
                var draft = new RecordDraft(now.title() + " Quixotic", now.summary(), now.date(), now.typeId(),
                        now.people(), now.places(), now.languages());
                long t = System.nanoTime();
                store.write(w -> w.update(id, version, draft, Attribution.editor("benchmark", "timing an update")));
                long found = engine.search(SearchRequest.of("quixotic").withPageSize(1)).total();
                times[i] = (System.nanoTime() - t) / 1e6;
                if (found != 1) {
                    throw new IllegalStateException("the correction is not searchable: " + found);
                }
                store.write(w -> w.update(id, version + 1, now, Attribution.editor("benchmark", "undo")));
            }
            Arrays.sort(times);
            System.out.printf(Locale.ROOT, "%d corrections, write to searchable: median %.0f ms, p90 %.0f ms, max %.0f ms%n",
                    edits, times[edits / 2], times[edits * 9 / 10], times[edits - 1]);
            engine.close();
        }
    }
}
