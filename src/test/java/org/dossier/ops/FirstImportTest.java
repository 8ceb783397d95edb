package org.dossier.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.dossier.testing.SameOnEveryDatabase;
import org.junit.jupiter.api.Test;

/**
 * What a first start's import says while it runs: one phase, which {@code /ready} gives and the page a
 * reader meets says in a sentence of its own (FirstStartTest asks both of a real node).
 */
@SameOnEveryDatabase
class FirstImportTest {

    @Test
    void thePageAReaderMeetsSaysThePhaseReadySaysFromReadingThePagesToWritingThem() {
        FirstImport firstImport = new FirstImport();
        firstImport.begin();
        assertEquals("Importing the seed pages: reading and checking them", firstImport.phase());
        assertEquals("This catalogue is starting for the first time and is not open yet. Importing the seed pages:"
                + " reading and checking them. Nothing was changed; please try again in a minute.", firstImport.forReaders());
        firstImport.written(1_200, 4_900);
        assertEquals("Importing the seed pages: 1,200 of 4,900 entries", firstImport.phase());
        assertEquals("This catalogue is starting for the first time and is not open yet. Importing the seed pages:"
                + " 1,200 of 4,900 entries. Nothing was changed; please try again in a minute.", firstImport.forReaders());
    }
}
