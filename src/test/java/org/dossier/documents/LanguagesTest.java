package org.dossier.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dossier.testing.SameOnEveryDatabase;
import org.junit.jupiter.api.Test;

@SameOnEveryDatabase
class LanguagesTest {

    @Test
    void anEditorWritesLanguagesByNameOrEitherCodeInTheirOrderEachOnce() {
        Languages typed = Languages.typed(" Russian, zh ; rus;KOREAN ");
        assertEquals(List.of("ru", "zh", "ko"), typed.tags());
        assertEquals(List.of("Russian", "Chinese", "Korean"), typed.names());
        assertEquals("Russian, Chinese, Korean", typed.namesText());
        assertEquals(typed, Languages.typed(typed.namesText()), "what the form shows reads back the same");
        assertEquals(List.of("yue"), Languages.typed("Cantonese").tags(), "a language with a three-letter code only");
        assertEquals(List.of("he"), Languages.typed("Hebrew").tags(), "today's code, not Java's old 'iw'");
        assertEquals(Languages.NONE, Languages.typed("  "));
    }

    @Test
    void whatIsNotALanguageIsNamedWithWhatToWriteAndTheRestIsNotTaken() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Languages.typed("Russian, Rusian, Klingon"));
        assertEquals("'Rusian', 'Klingon' are not languages the catalogue knows: write each by its English name"
                + " or its ISO 639 code (Russian or ru), separated by commas.", e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Languages.typed("xx")).getMessage()
                .startsWith("'xx' is not a language"));
    }

    @Test
    void storedTextIsTheCodesOneSpaceApartAndReadsBackTheSame() {
        Languages two = new Languages(List.of("ru", "de"));
        assertEquals("ru de", two.stored());
        assertEquals(two, Languages.stored("ru de"));
        assertEquals(Languages.NONE, Languages.stored(""));
        assertEquals("", Languages.NONE.stored());
        assertThrows(IllegalArgumentException.class, () -> new Languages(List.of("ru", "ru")));
        assertThrows(IllegalArgumentException.class, () -> new Languages(List.of("Russian")));
    }
}
