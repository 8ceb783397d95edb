package org.dossier.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.dossier.testing.SameOnEveryDatabase;
import org.junit.jupiter.api.Test;

/** The other way of writing a compound that a search looks for: as one word, or hyphenated after its prefix. */
@SameOnEveryDatabase
class CompoundsTest {

    @Test
    void hyphenatedPartsAreAlsoSoughtAsOneWord() {
        assertEquals(List.of("cooperation"), Compounds.other(List.of("co", "operation")));
        assertEquals(List.of("nonproliferation"), Compounds.other(List.of("non", "proliferation")));
        assertEquals(List.of("commanderinchief"), Compounds.other(List.of("commander", "in", "chief")));
    }

    @Test
    void aWordIsAlsoSoughtHyphenatedAfterAPrefixThatIsNoWordOfItsOwn() {
        assertEquals(List.of("co", "operation"), Compounds.other(List.of("cooperation")));
        assertEquals(List.of("counter", "revolutionary"), Compounds.other(List.of("counterrevolutionary")));
        assertEquals(List.of("post", "war"), Compounds.other(List.of("postwar")));
        assertEquals(List.of("anti", "aircraft"), Compounds.other(List.of("antiaircraft")));
    }

    @Test
    void wordsThatAreNoCompoundStayAsTheyAre() {
        for (String word : List.of("overall", "resign", "recover", "coup", "korea", "stalin")) {
            assertNull(Compounds.other(List.of(word)), word);
        }
        assertNull(Compounds.other(List.of("ki", "m")), "a letter alone is a cut, not a part");
        assertNull(Compounds.other(List.of("t", "34")), "letters and digits are another matter");
        assertNull(Compounds.other(List.of("mig15")));
        assertNull(Compounds.other(List.of("government", "in", "exile", "london")), "at most three parts");
    }
}
