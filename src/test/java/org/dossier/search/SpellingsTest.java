package org.dossier.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dossier.testing.SameOnEveryDatabase;
import org.junit.jupiter.api.Test;

/** The other spellings, British or American, that a search looks for beside a word. */
@SameOnEveryDatabase
class SpellingsTest {

    @Test
    void aListedBeginningIsSwappedEitherWayWithWhateverFollowsIt() {
        assertEquals(List.of("defense"), Spellings.others("defence"));
        assertEquals(List.of("defence"), Spellings.others("defense"));
        assertTrue(Spellings.others("programmes").contains("programs"), Spellings.others("programmes").toString());
        assertTrue(Spellings.others("programs").contains("programmes"), Spellings.others("programs").toString());
        assertEquals(List.of("favorable"), Spellings.others("favourable"));
        assertEquals(List.of("neighboring"), Spellings.others("neighbouring"));
        assertEquals(List.of("counselor"), Spellings.others("counsellor"));
        assertTrue(Spellings.others("counselor").contains("counsellor"), Spellings.others("counselor").toString());
    }

    @Test
    void iseAndIzeIsationAndIzationYseAndYzeAreOneWord() {
        assertEquals(List.of("recognized"), Spellings.others("recognised"));
        assertEquals(List.of("recognising"), Spellings.others("recognizing"));
        assertEquals(List.of("sovietization"), Spellings.others("sovietisation"));
        assertEquals(List.of("organisational"), Spellings.others("organizational"));
        assertEquals(List.of("realise"), Spellings.others("realize"));
        assertEquals(List.of("analyzed"), Spellings.others("analysed"));
    }

    @Test
    void shortWordsAndWordsThatMerelyLookSoHaveNoOtherSpelling() {
        for (String word : List.of("prize", "prise", "size", "seize", "raise", "rise", "four", "for", "your", "hour",
                "tire", "check", "gray", "draft", "korea", "stalin")) {
            assertEquals(List.of(), Spellings.others(word), word);
        }
    }
}
