package org.dossier.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Collections;
import java.util.List;
import org.dossier.testing.SameOnEveryDatabase;
import org.junit.jupiter.api.Test;

/** The ways of writing a designation's letters and digits that a search looks for. */
@SameOnEveryDatabase
class LettersAndDigitsTest {

    private static List<List<String>> together(String... tokens) {
        return LettersAndDigits.forms(List.of(tokens), Collections.nCopies(tokens.length - 1, false));
    }

    private static List<List<String>> apart(String... tokens) {
        return LettersAndDigits.forms(List.of(tokens), Collections.nCopies(tokens.length - 1, true));
    }

    @Test
    void lettersAndDigitsWrittenTogetherAreAlsoSoughtApartAndTheOtherWayRound() {
        assertEquals(List.of(List.of("t34"), List.of("t", "34")), together("t34"));
        assertEquals(List.of(List.of("t", "34"), List.of("t34")), together("t", "34"));
        assertEquals(List.of(List.of("1950", "s"), List.of("1950s")), together("1950", "s"));
        assertEquals(List.of(List.of("no709"), List.of("no", "709")), together("no709"));
    }

    @Test
    void theWayTypedComesFirstAndEachMeetingIsTriedBothWays() {
        assertEquals(List.of(List.of("mig", "15bis"), List.of("mig", "15", "bis"), List.of("mig15", "bis"),
                List.of("mig", "15bis"), List.of("mig15bis")).stream().distinct().toList(), together("mig", "15bis"));
        // T-34/85: 34 and 85 are two numbers, never one.
        assertEquals(List.of(List.of("t", "34", "85"), List.of("t34", "85")), together("t", "34", "85"));
    }

    @Test
    void acrossASpaceOnlyLettersThenDigitsAreJoined() {
        assertEquals(List.of(List.of("no", "709"), List.of("no709")), apart("no", "709"));
        assertEquals(List.of(List.of("34", "tanks")), apart("34", "tanks"));
        assertEquals(List.of(List.of("t", "34", "tanks"), List.of("t34", "tanks")), apart("t", "34", "tanks"));
        assertEquals(List.of(List.of("1950", "korea")), apart("1950", "korea"));
    }

    @Test
    void wordsWithoutLettersMeetingDigitsHaveOneForm() {
        assertEquals(List.of(List.of("kim", "il", "sung")), together("kim", "il", "sung"));
        assertEquals(List.of(List.of("1.5")), together("1.5"));
        assertEquals(List.of(List.of("405976")), together("405976"));
        assertEquals(List.of(List.of("x86_64", "s")), together("x86_64", "s"));
    }

    @Test
    void manyMeetingsAreTriedAllJoinedOrAllApartOnly() {
        List<List<String>> forms = together("a1b2c3d4");
        assertEquals(List.of(List.of("a1b2c3d4"), List.of("a", "1", "b", "2", "c", "3", "d", "4")), forms);
    }

    @Test
    void aGapIsSaidForEachPairOfNeighbours() {
        assertThrows(IllegalArgumentException.class, () -> LettersAndDigits.forms(List.of("t", "34"), List.of()));
    }
}
