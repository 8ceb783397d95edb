package org.dossier.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
