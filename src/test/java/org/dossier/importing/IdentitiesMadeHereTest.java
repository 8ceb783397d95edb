package org.dossier.importing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dossier.testing.SameOnEveryDatabase;
import org.junit.jupiter.api.Test;

/** What the map of identities made by an import into a new file holds in memory, at most (its answers: ImportIntoANewFileTest). */
@SameOnEveryDatabase
class IdentitiesMadeHereTest {

    @Test
    void aMillionEntriesTake2To21SlotsOf12Bytes() {
        assertEquals(1 << 21, IdentitiesMadeHere.forAtMost(1_000_000, 64).orElseThrow().slots());
        assertEquals(16, IdentitiesMadeHere.forAtMost(0, 64).orElseThrow().slots());
    }

    @Test
    void pagesOfMoreThanThreeMillionEntriesGetNoMapAndKeepTheLiveIndex() {
        assertEquals(IdentitiesMadeHere.MOST_SLOTS,
                IdentitiesMadeHere.forAtMost(IdentitiesMadeHere.MOST_ENTRIES, 64).orElseThrow().slots());
        assertTrue(IdentitiesMadeHere.forAtMost(IdentitiesMadeHere.MOST_ENTRIES + 1, 64).isEmpty());
        assertTrue(IdentitiesMadeHere.forAtMost(10_000_000, 64).isEmpty());
    }

    @Test
    void anImportKeepsOneTo64BitsOfAnIdentityOrNoneAtAll() {
        assertThrows(IllegalArgumentException.class, () -> new ImportRun.Tuning(2_000, true, true, 65));
        assertThrows(IllegalArgumentException.class, () -> new ImportRun.Tuning(2_000, true, true, -1));
        assertEquals(64, ImportRun.Tuning.DEFAULT.identityBits());
    }
}
