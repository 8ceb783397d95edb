package org.dossier.authorities;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.dossier.testing.SameOnEveryDatabase;
import org.junit.jupiter.api.Test;

/**
 * The corners of finding names word by word, pinned on hand-made lists: names are found in every
 * record's title and summary at import, by one pass over the words, and these are the cases where
 * cutting a text into words could go wrong.
 */
@SameOnEveryDatabase
class NameMatcherTest {

    private static final int STALIN = 1;
    private static final int KOREA = 10;
    private static final int NORTH_KOREA = 11;

    private static NameMatcher matcher() {
        NameMatcher names = new NameMatcher();
        names.add("I. V. Stalin", STALIN);
        names.add("Stalin", STALIN);
        names.add("Korea", KOREA);
        names.add("North Korea", NORTH_KOREA);
        return names;
    }

    private static List<Integer> found(NameMatcher names, String text) {
        return List.copyOf(names.find(text));
    }

    @Test
    void namesAreFoundInChineseAndJapaneseWhichPutNoSpaceBetweenWords() {
        NameMatcher names = matcher();
        names.add("毛泽东", 20);
        names.add("斯大林", STALIN);
        names.add("東京", 30);
        names.add("ポツダム", 40);
        assertEquals(List.of(20, STALIN), List.copyOf(names.inOrder(names.cut("毛泽东致斯大林的电报"), Set.of())));
        assertEquals(List.of(30, 40), found(names, "東京からの電報：ポツダム宣言の受諾について"));
        assertEquals(List.of(), found(names, "毛泽致东"), "the characters of a name in its order, one after another");
        assertEquals(List.of(STALIN, KOREA), found(names, "Stalin斯大林 on Korea"));
    }

    @Test
    void initialsAreTheSameWordsWithOrWithoutSpacesAndStops() {
        for (String text : List.of("I.V.Stalin", "I. V. Stalin", "I V Stalin", "(I.V. Stalin)", "“Stalin,”")) {
            assertEquals(List.of(STALIN), found(matcher(), text), text);
        }
    }

    @Test
    void aPossessiveIsTheNameAndAnotherWordButAPluralIsAnotherWord() {
        assertEquals(List.of(STALIN), found(matcher(), "Stalin's reply"));
        assertEquals(List.of(STALIN), found(matcher(), "Stalin’s reply"));
        assertEquals(List.of(), found(matcher(), "the Stalins"));
    }

    @Test
    void theLongestNameAtAWordWinsAndTheWordsItTakesAreNotReadAgain() {
        NameMatcher names = matcher();
        names.add("New York", 30);
        names.add("York Times", 31);
        assertEquals(List.of(NORTH_KOREA), found(names, "North Korea"));
        assertEquals(List.of(NORTH_KOREA), found(names, "north-korea"));
        assertEquals(List.of(KOREA), found(names, "North and Korea"));
        assertEquals(List.of(30), found(names, "the New York Times"));
        assertEquals(List.of(31), found(names, "the York Times"));
    }

    @Test
    void anyKindOfSpaceOrPunctuationSeparatesWords() {
        for (String text : List.of("North\n\tKorea", "North\u00A0Korea", "North  Korea", "North—Korea", "North/Korea")) {
            assertEquals(List.of(NORTH_KOREA), found(matcher(), text), text);
        }
        assertEquals(List.of(), found(matcher(), "— … , ;"));
        assertEquals(List.of(), found(matcher(), ""));
    }

    @Test
    void caseDoesNotCountExceptForAcronyms() {
        NameMatcher names = matcher();
        names.add("US", 40);
        names.add("U.S.", 41);
        assertEquals(List.of(STALIN), found(names, "STALIN"));
        assertEquals(List.of(STALIN), found(names, "stalin"));
        assertEquals(List.of(40), found(names, "the US said"));
        assertEquals(List.of(), found(names, "let us say"));
        assertEquals(List.of(), found(names, "Us"));
        assertEquals(List.of(41), found(names, "U. S. policy"));
        assertEquals(List.of(), found(names, "u.s. policy"));
    }

    @Test
    void accentsDoNotCountWhetherPrecomposedOrCombining() {
        NameMatcher names = new NameMatcher();
        names.add("Żymierski", 50);
        for (String text : List.of("Zymierski", "ŻYMIERSKI", "Z\u0307ymierski", "Rola-Żymierski’s")) {
            assertEquals(List.of(50), found(names, text), text);
        }
    }

    @Test
    void lettersAndDigitsOfAnyScriptMakeWords() {
        NameMatcher names = new NameMatcher();
        names.add("Сталин", 60);
        names.add("Area 51", 70);
        assertEquals(List.of(60), found(names, "СТАЛИН"));
        assertEquals(List.of(), found(names, "Сталина"));
        assertEquals(List.of(70), found(names, "area 51"));
        assertEquals(List.of(), found(names, "Area 510"));
    }

    @Test
    void anApostropheInsideANameSeparatesItsWords() {
        NameMatcher names = new NameMatcher();
        names.add("Ja'far Pishevari", 100);
        assertEquals(List.of(100), found(names, "Ja’far Pishevari"));
        assertEquals(List.of(100), found(names, "JA FAR PISHEVARI"));
        assertEquals(List.of(), found(names, "Jafar Pishevari"));
    }

    @Test
    void aShortFormNamesOnlyWhomTheTextOrTheRecordNamesInFull() {
        NameMatcher names = new NameMatcher();
        names.add("Kim", 80, true);
        names.add("Kim Il Sung", 80);
        names.add("Kim", 81, true);
        assertEquals(List.of(), found(names, "Kim"));
        assertEquals(List.of(80), found(names, "Kim wrote; Kim Il Sung signed"));
        assertEquals(List.of(81), List.copyOf(names.find("Kim", Set.of(81))));
    }

    @Test
    void ofTwoFullFormsOfTheSameWordsTheFirstAddedWins() {
        NameMatcher names = new NameMatcher();
        names.add("Georgia", 90);
        names.add("Georgia", 91);
        assertEquals(List.of(90), found(names, "Georgia"));
    }

    @Test
    void peopleAndPlacesReadOneCutOfATextAndEachFindsOnlyItsOwnNames() {
        NameWords words = new NameWords();
        NameMatcher people = new NameMatcher(words);
        NameMatcher places = new NameMatcher(words);
        people.add("Georgy Zhukov", 1);
        people.add("Kim Il Sung", 2);
        places.add("Georgia", 10);
        places.add("Sung Province", 11);
        places.add("US", 12);
        places.add("Zhukov Street", 13);
        NameWords.Text text = people.cut("Zhukov Street, Georgia: Georgy Zhukov and Kim Il Sung; Sung Province, the US, us");
        assertEquals(List.of(1, 2), people.inOrder(text, Set.of()));
        assertEquals(List.of(13, 10, 11, 12), places.inOrder(text, Set.of()));
    }

    @Test
    void everyFormIsFoundHoweverManyWordsTheNamesHave() {
        NameMatcher names = new NameMatcher();
        for (int i = 0; i < 2_000; i++) {
            names.add("Name" + i + " Word" + i, i);
        }
        for (int i = 0; i < 2_000; i += 7) {
            assertEquals(List.of(i), found(names, "NAME" + i + " word" + i), "form " + i);
        }
        assertEquals(List.of(), found(names, "Name1 Word2"));
    }
}
