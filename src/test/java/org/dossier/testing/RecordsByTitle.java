package org.dossier.testing;

import static org.dossier.db.Tables.DOCUMENT;

import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Finds a record by words of its title, so that a test names the record it means instead of an id
 * that depends on the order the seed pages were imported in. The one lookup behind
 * {@link RunningCatalogue#recordTitled}, {@link CatalogueDatabase#recordTitled} and
 * {@link TestDatabase#recordTitled}; called directly only where a test holds nothing but a database.
 */
public final class RecordsByTitle {

    /** Enough matches to show what a too-short phrase also names. */
    private static final int SHOWN = 5;

    private RecordsByTitle() {
    }

    /**
     * The id of the one record, withdrawn or not, whose current title contains {@code words}
     * (case counts). Fails naming the titles when no record or more than one matches.
     */
    public static int idOf(DSLContext dsl, String words) {
        // position() rather than LIKE: SQLite's LIKE ignores case and PostgreSQL's does not, and a
        // phrase must name the same record on both.
        var matches = dsl.select(DOCUMENT.ID, DOCUMENT.TITLE).from(DOCUMENT)
                .where(DSL.position(DOCUMENT.TITLE, DSL.val(words)).gt(0))
                .orderBy(DOCUMENT.ID)
                .limit(SHOWN + 1)
                .fetch();
        if (matches.size() == 1) {
            return matches.get(0).get(DOCUMENT.ID);
        }
        if (matches.isEmpty()) {
            throw new IllegalArgumentException("no record's title contains \"" + words + "\"");
        }
        String titles = matches.stream().limit(SHOWN)
                .map(r -> r.get(DOCUMENT.ID) + " \"" + r.get(DOCUMENT.TITLE) + "\"")
                .collect(Collectors.joining(", "));
        throw new IllegalArgumentException((matches.size() > SHOWN ? "more than " + SHOWN : matches.size())
                + " records' titles contain \"" + words + "\" (" + titles + "): name one with more of its title");
    }
}
