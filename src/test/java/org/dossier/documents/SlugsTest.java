package org.dossier.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.dossier.testing.SameOnEveryDatabase;

@SameOnEveryDatabase
class SlugsTest {

    @Test
    void aSlugIsTheTitleInLowerCaseAsciiWords() {
        assertEquals("ciphered-telegram-no-405976-from-shtykov-to-feng-xi-stalin",
                Slugs.slugify("Ciphered Telegram No. 405976 from Shtykov to Feng Xi [Stalin]"));
        assertEquals("minutes-relating-to-gen-rola-zymierski",
                Slugs.slugify("Minutes Relating to Gen. Rola-Żymierski"));
        assertEquals("kims-letter-to-le-duan", Slugs.slugify("Kim’s letter to Lê Duẩn"));
    }

    @Test
    void aLongSlugIsCutAtAWordBoundary() {
        String slug = Slugs.slugify("Record of a Conversation between I. V. Stalin and the Roman Catholic Priest "
                + "Stanislaus Orlemanski about the Feelings of the Polish Nationals in the United States");
        assertEquals("record-of-a-conversation-between-i-v-stalin-and-the-roman-catholic-priest", slug);
    }

    @Test
    void aTitleWithoutLettersStillGetsASlug() {
        assertEquals("document", Slugs.slugify("—"));
    }

    @Test
    void wordsThatNameARecordsSubpagesAreNotSlugs() {
        assertEquals("history-document", Slugs.slugify("History"));
        assertEquals("v-document", Slugs.slugify("V"));
    }

    @Test
    void sortKeysIgnoreCaseAccentsAndQuotes() {
        assertEquals("on the question", Slugs.sortKey("‘On the Question’"));
        assertEquals(Slugs.sortKey("Zymierski"), Slugs.sortKey("Żymierski"));
    }

    @Test
    void anAsciiTitleGetsTheSameSlugAndSortKeyAsItsAccentedTwin() {
        // ASCII titles take a path of their own; a leading "é" sends the same title through folding.
        String characters = "aZ9 .,;:'\"-_()[]/?!&\t";
        SplittableRandom random = new SplittableRandom(14);
        for (int i = 0; i < 10_000; i++) {
            StringBuilder title = new StringBuilder();
            for (int n = random.nextInt(120); n > 0; n--) {
                title.append(characters.charAt(random.nextInt(characters.length())));
            }
            String ascii = "e" + title;
            String accented = "\u00e9" + title;
            assertEquals(Slugs.slugify(accented), Slugs.slugify(ascii), ascii);
            assertEquals(Slugs.sortKey(accented), Slugs.sortKey(ascii), ascii);
        }
    }
}
