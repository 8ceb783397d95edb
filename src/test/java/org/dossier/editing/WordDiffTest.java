package org.dossier.editing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.dossier.testing.SameOnEveryDatabase;

@SameOnEveryDatabase
class WordDiffTest {

    private static String diff(String before, String after) {
        return WordDiff.html(WordDiff.between(before, after));
    }

    @Test
    void aCorrectedWordIsOneDeletionAndOneInsertion() {
        assertEquals("I. Tugarinov to Cde. B.N. Ponomarev, \u2018<del>Concentering</del><ins>Concerning</ins> the Situation",
                diff("I. Tugarinov to Cde. B.N. Ponomarev, \u2018Concentering the Situation",
                        "I. Tugarinov to Cde. B.N. Ponomarev, \u2018Concerning the Situation"));
    }

    @Test
    void aChangedVowelPointChangesItsWordAndAChineseCharacterOnlyItself() {
        assertEquals("<del>דָּוִד</del><ins>דָוִד</ins> בֶּן-גּוּרְיוֹן", diff("דָּוִד בֶּן-גּוּרְיוֹן", "דָוִד בֶּן-גּוּרְיוֹן"));
        assertEquals("كتبَ <del>الرئيسُ</del><ins>الرئيسَ</ins> رسالةً", diff("كتبَ الرئيسُ رسالةً", "كتبَ الرئيسَ رسالةً"));
        assertEquals("毛泽东致斯大林的<del>电报</del><ins>密电</ins>", diff("毛泽东致斯大林的电报", "毛泽东致斯大林的密电"));
        assertEquals("東京からの<del>電報</del><ins>書簡</ins>", diff("東京からの電報", "東京からの書簡"));
    }

    @Test
    void aRewrittenPhraseReadsAsOneChangeNotWordByWord() {
        assertEquals("the 38th <del>peril of</del><ins>parallel in</ins> Korea",
                diff("the 38th peril of Korea", "the 38th parallel in Korea"));
    }

    @Test
    void aWholeNewSentenceDoesNotKeepStrayShortWords() {
        assertEquals("<del>Kim asks the Soviets for aid</del><ins>Mao tells the British to wait</ins>.",
                diff("Kim asks the Soviets for aid.", "Mao tells the British to wait."));
        assertEquals("Stalin <del>writes</del><ins>cables</ins> to Mao <del>about</del><ins>on</ins> Korea",
                diff("Stalin writes to Mao about Korea", "Stalin cables to Mao on Korea"));
    }

    @Test
    void everyTextIsEscapedAndOnlyTheDiffMarkupIsHtml() {
        String html = diff("<script>alert('x')</script> & more", "<b>bold</b> & \"more\"");
        assertEquals("&lt;<del>script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; </del>"
                + "<ins>b&gt;bold&lt;/b&gt; &amp; &quot;</ins>more<ins>&quot;</ins>", html);
        String markupLeft = html.replaceAll("</?(del|ins)>", "");
        assertFalse(markupLeft.contains("<") || markupLeft.contains(">"), markupLeft);
    }

    @Test
    void sameTextHasNoChange() {
        List<WordDiff.Part> parts = WordDiff.between("Soviet Communist Party", "Soviet Communist Party");
        assertFalse(WordDiff.changed(parts));
        assertEquals(List.of(new WordDiff.Part(WordDiff.Kind.SAME, "Soviet Communist Party")), parts);
    }

    @Test
    void addedAndRemovedTextAtTheEnds() {
        assertEquals("<ins>Ciphered telegram</ins>", diff("", "Ciphered telegram"));
        assertEquals("<del>Ciphered telegram</del>", diff("Ciphered telegram", ""));
        assertEquals("Soviet <ins>Communist </ins>Party", diff("Soviet Party", "Soviet Communist Party"));
    }

    @Test
    void caseAndPunctuationChangesAreSeen() {
        assertEquals("<del>SOviet</del><ins>Soviet</ins> Union<del>,</del><ins>.</ins>", diff("SOviet Union,", "Soviet Union."));
    }

    @Test
    void paragraphBreaksAreKeptForThePage() {
        assertEquals("First.\n\n<del>Second</del><ins>Other</ins>.", diff("First.\n\nSecond.", "First.\n\nOther."));
    }

    @Test
    void wordsKeepTheirApostrophes() {
        assertEquals(List.of("Stalin's", " ", "note", ","), WordDiff.words("Stalin's note,"));
    }
}
