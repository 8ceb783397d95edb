package org.dossier.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
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
    void cyrillicAndGreekTitlesAreRomanizedAsArchivesWriteThem() {
        assertEquals("pismo-khrushcheva-mao-tszedunu", Slugs.slugify("Письмо Хрущёва Мао Цзэдуну"));
        assertEquals("nikita-khrushchev", Slugs.slugify("Никита Хрущёв"));
        assertEquals("vyshinskii-i-molotov", Slugs.slugify("ВЫШИНСКИЙ и Молотов"));
        assertEquals("zhovtnevyi-palats-kyiv", Slugs.slugify("Жовтневий палац, Київ"));
        assertEquals("tilegrafima-apo-tin-athina", Slugs.slugify("Τηλεγράφημα από την Αθήνα"));
        assertEquals("ioannis-metaxas-evzonoi-ouranos", Slugs.slugify("Ιωάννης ΜΕΤΑΞΑΣ: εύζωνοι, ουρανός"));
        assertEquals("emodzi-i-e", Slugs.slugify("Ѐмодзи и ё"), "an accent the table lacks is dropped, not its letter");
        assertEquals("document", Slugs.slugify("毛泽东致斯大林的电报"), "no table of Chinese readings");
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
        assertEquals("political situation in korea", Slugs.sortKey("The Political Situation in Korea"));
        assertEquals("appeal", Slugs.sortKey("An appeal"));
        assertEquals("note on the treaty", Slugs.sortKey("A note on the treaty"));
        assertEquals("a bomb tests", Slugs.sortKey("A-bomb tests"), "an article is a word of its own");
        assertEquals("the", Slugs.sortKey("The"), "a title that is only an article keeps it");
        assertEquals("theory of the state", Slugs.sortKey("Theory of the State"));
        assertEquals(Slugs.sortKey("Zymierski"), Slugs.sortKey("Żymierski"));
    }

    @Test
    void titlesInOtherScriptsAreFiledByTheirOwnLettersNotUnderAnEmptyKey() {
        assertEquals("письмо хрущева мао цзэдуну", Slugs.sortKey("«Письмо Хрущёва Мао Цзэдуну»"));
        assertEquals("τηλεγραφημα απο την αθηνα οδυσσευσ", Slugs.sortKey("Τηλεγράφημα από την ΑΘΗΝΑ: Οδυσσεύς"));
        assertEquals("毛泽东致斯大林的电报", Slugs.sortKey("毛泽东致斯大林的电报"));
        assertEquals("برقية من القاهرة", Slugs.sortKey("بَرْقِيَّة من القاهرة"));
        assertEquals("istanbul dan ankara ya telgraf ilani", Slugs.sortKey("İstanbul'dan Ankara'ya telgraf: ilanı"));
        assertEquals("istanbuldan-ankaraya-telgraf-ilani", Slugs.slugify("İstanbul'dan Ankara'ya telgraf: ilanı"));
        assertEquals("sik ota", Slugs.filingKey("Šik, Ota"));
        assertEquals("aero faeroes", Slugs.filingKey("Ærø, Færøes"));
        List<String> titles = new java.util.ArrayList<>(List.of("Письмо", "Zebra", "Αθήνα", "абвгд", "毛泽东", "Abc"));
        titles.sort(java.util.Comparator.comparing(Slugs::sortKey));
        assertEquals(List.of("Abc", "Zebra", "Αθήνα", "абвгд", "Письмо", "毛泽东"), titles,
                "each script after the Latin, in its alphabet's order");
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

    @Test
    void foldingATextCharacterByCharacterIsFoldingItWhole() {
        // Accents precomposed and combining (several on one letter, in any order), quotes, ligatures,
        // Hangul, letters outside the Basic Multilingual Plane, a lone surrogate, and plain ASCII.
        String[] pieces = {"a", "Z", " ", "'", "é", "e\u0301", "\u0316", "\u0301\u0316", "\u0344", "Ż", "ẩ", "Ł", "ø",
                "ß", "\u2018", "\u2019", "\u201C", "\u201D", "ﬁ", "½", "²", "Ⓐ", "한", "\u1100\u1161", "Ǆ", "ı", "İ",
                "\uD835\uDC00", "\uD800", "\u00A0", "—", "Ω", "\u0F73", "\u0F75\u0F71"};
        SplittableRandom random = new SplittableRandom(14);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(12); n > 0; n--) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            assertEquals(Slugs.foldByNormalizing(text.toString()), Slugs.foldToAscii(text.toString()), text.toString());
        }
        for (int c = 0x80; c <= 0xFFFF; c++) {
            if (Character.isSurrogate((char) c)) {
                continue;
            }
            String text = "x" + (char) c + "\u0301" + (char) c;
            assertEquals(Slugs.foldByNormalizing(text), Slugs.foldToAscii(text), Integer.toHexString(c));
        }
    }
}
