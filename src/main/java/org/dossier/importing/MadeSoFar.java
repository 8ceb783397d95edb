package org.dossier.importing;

import java.util.Collection;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * What an import has made so far, as its writer asks it: which entries, new to the catalogue as it
 * was, came earlier in the same pages and are records of this import already. Answered from the
 * index of where records were seen, past a filter ({@link MadeInThisImport}), or, into a new file, from
 * the identities' first bits kept in memory with the index built at the end ({@link IdentitiesMadeHere}).
 */
interface MadeSoFar {

    /**
     * Of {@code identities}, none known to the catalogue before the import, those this import made a
     * record of, with that record, as the transaction {@code tx} sees them: exactly, never a guess.
     */
    Map<String, Integer> madeAs(DSLContext tx, Collection<String> identities);

    /** Notes that this import made {@code record} of {@code identity}, which it had not made before. */
    void add(String identity, int record);
}
