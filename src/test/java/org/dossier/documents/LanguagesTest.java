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

    @Test
    void textIsSaidToBeInALanguageOfTheRecordOnlyWhenItsLettersAreOfThatLanguagesScriptAlone() {
        Languages russian = Languages.stored("ru");
        assertEquals("ru", russian.of("Письмо Сталину от командиров, 1942 г."));
        assertEquals(null, russian.of("Letter to Stalin"), "an English description of a Russian document stays English");
        assertEquals(null, russian.of("Letter to Stalin («Письмо Сталину»)"), "Latin and Cyrillic mixed: the page's English");
        assertEquals(null, russian.of("1942 — 1943"), "no letters");
        assertEquals(null, Languages.NONE.of("Письмо Сталину"), "no language recorded: no guess");
        assertEquals(null, Languages.stored("ru uk").of("Лист"), "two languages in Cyrillic: either");
        assertEquals("ru", Languages.stored("zh ru").of("Письмо"), "the one of two written in that script");
        assertEquals("ko", Languages.stored("zh ko").of("김일성이 스탈린에게 보낸 편지"), "Hangul: Korean, not Chinese");
        assertEquals(null, Languages.stored("zh ko").of("金日成"), "Han alone: Chinese or Korean");
        assertEquals("zh", Languages.stored("zh ru").of("金日成致斯大林的信"));
        assertEquals("ar", Languages.stored("ar").of("رسالة إلى ستالين"));
        assertEquals("he", Languages.stored("he").of("מכתב לסטלין"));
        assertEquals(null, Languages.stored("de").of("Brief an Stalin"), "German is not told from English by its letters");
    }
}
