package org.dossier.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.dossier.documents.Attribution;
import org.dossier.documents.DocumentDate;
import org.dossier.documents.RecordDraft;
import org.dossier.documents.RecordStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a reader's words find, against the seed pages in a real database and a real index; the
 * expected ids were found by reading the seed pages. Tests that change records use words of their
 * own, so that they do not disturb the others.
 */
class SearchBehaviourTest {

    @RegisterExtension
    static final SeedIndex seeds = SeedIndex.forTheClass();

    private static SearchResults search(String text) {
        return seeds.engine.search(SearchRequest.of(text).withPageSize(60));
    }

    private static Set<Integer> ids(SearchResults results) {
        return new TreeSet<>(results.hits().stream().map(SearchHit::id).toList());
    }

    /** The seed records whose titles contain these words, one record each. */
    private static Set<Integer> titled(String... words) {
        return Arrays.stream(words).map(seeds::recordTitled).collect(Collectors.toCollection(TreeSet::new));
    }

    private static int create(String title, String summary) {
        return seeds.store.write(w -> w.create(new RecordDraft(title, List.of(summary), DocumentDate.ofDay(1965, 3, 2)),
                Attribution.editor("tester", "a record for a search test")));
    }

    @Test
    void everySearchableRecordIsInTheIndex() {
        int inCatalogue = seeds.database.dsl().fetchCount(org.dossier.db.Tables.DOCUMENT,
                org.dossier.db.Tables.DOCUMENT.WITHDRAWN_AT.isNull());
        assertTrue(inCatalogue >= 49);
        assertEquals(inCatalogue, seeds.engine.search(SearchRequest.everything(0)).total());
    }

    @Test
    void aPhraseInQuotesMatchesOnlyThoseWordsInThatOrder() {
        assertEquals(titled("Ciphered Telegram No. 405976", "Ciphered Telegram, Shtykov to Deputy Foreign Minister",
                "Pak Heon-yeong to Stalin", "Ciphered Telegram No. 26044", "Ciphered Telegram No. 709",
                "Ciphered Telegram No. 502597", "Ciphered telegram, Filippov (Stalin) to Mao Zedong",
                "Ciphered Telegram No. 21646"), ids(search("\"ciphered telegram\"")));
        assertEquals(Set.of(), ids(search("\"telegram ciphered\"")));
    }

    @Test
    void allWordsMustMatch() {
        // 1, 2, 22 and 27 have both words; 3 and 25 are linked to Korea and to China without both words.
        assertEquals(titled("Letter to Stalin from Korean Political Parties", "Letter to Stalin from Lee Chang-chen",
                "Letter to Stalin from the Commanders", "Mongolian Record of Conversation with Soviet Officials",
                "Ciphered Telegram No. 26044", "Ciphered Telegram No. 502597"), ids(search("korea china")));
        assertEquals(titled("Ciphered Telegram No. 709", "Ciphered Telegram No. 502597",
                "Ciphered telegram, Filippov (Stalin) to Mao Zedong"), ids(search("armistice talks")));
    }

    @Test
    void aWordEndingInAStarFindsEveryWordThatStartsSo() {
        assertEquals(titled("Telegram from Gromyko to Poskrebyshevu", "Ciphered Telegram No. 405976",
                "Telegram from Kim Il Sung to Stalin", "Ciphered Telegram, Shtykov to Deputy Foreign Minister",
                "Pak Heon-yeong to Stalin", "Ciphered Telegram No. 26044", "Ciphered Telegram No. 709",
                "Ciphered Telegram No. 502597", "Ciphered telegram, Filippov (Stalin) to Mao Zedong",
                "Ciphered Telegram No. 21646"), ids(search("telegr*")));
    }

    @Test
    void caseAndDiacriticsDoNotCount() {
        assertEquals(titled("Rola-Żymierski"), ids(search("zymierski")));
        assertEquals(titled("Rola-Żymierski"), ids(search("ŻYMIERSKI")));
        assertEquals(titled("Rola-Żymierski"), ids(search("Żymier*")));
        int leDuan = create("Letter from Lê Duẩn to the Central Committee", "Lê Duẩn asks for advisers.");
        assertEquals(Set.of(leDuan), ids(search("Le Duan")));
        assertEquals(Set.of(leDuan), ids(search("\"LE DUAN\"")));
    }

    @Test
    void readersOfOtherScriptsFindWordsTypedWithoutTheirAccentsAndPoints() {
        int russian = create("Письмо Хрущёва о переговорах", "Н. С. Хрущёв сообщает о ходе переговоров.");
        assertEquals(Set.of(russian), ids(search("Хрущев")));
        assertEquals(Set.of(russian), ids(search("ХРУЩЕВ")));
        assertEquals(Set.of(russian), ids(search("хрущёв")));
        int greek = create("Τηλεγράφημα από την Αθήνα", "Ο Ιωάννης Μεταξάς απάντησε «Όχι».");
        assertEquals(Set.of(greek), ids(search("ΑΘΗΝΑ")));
        assertEquals(Set.of(greek), ids(search("αθηνα")));
        assertEquals(Set.of(greek), ids(search("ΜΕΤΑΞΑΣ")));
        assertEquals(Set.of(greek), ids(search("μεταξας")));
        assertEquals(Set.of(greek), ids(search("Αθήν*")));
        int arabic = create("بَرْقِيَّة من القاهرة", "أعلن جمال عبد الناصر تأميم قناة السويس.");
        assertEquals(Set.of(arabic), ids(search("برقية")));
        assertEquals(Set.of(arabic), ids(search("بَرْقِيَّة")));
        assertEquals(Set.of(arabic), ids(search("اعلن")));
        int hebrew = create("מברק על הקמת המדינה", "דָּוִד בֶּן-גּוּרְיוֹן הכריז על הקמת מדינת ישראל.");
        assertEquals(Set.of(hebrew), ids(search("דוד")));
        assertEquals(Set.of(hebrew), ids(search("\"דוד בן-גוריון\"")));
        SearchHit marked = search("בן-גוריון").hits().get(0);
        assertTrue(marked.snippet().html().contains("<mark>בֶּן</mark>-<mark>גּוּרְיוֹן</mark>"),
                "the pointed words are marked whole, points and all: " + marked.snippet().html());
    }

    @Test
    void aSnippetStartsWhereItsSentenceDoesAfterAnEmoji() {
        // The JDK's sentence rules, run backwards from the match, stopped at the last full stop.
        String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67";
        create("Memorandum on the Bokassa question", "First words. Second words. Third words. " + family + family
                + " about Bokassa. Fourth.");
        assertEquals("Third words. " + family + family + " about <mark>Bokassa</mark>.",
                search("bokassa").hits().get(0).snippet().html());
    }

    @Test
    void aPossessiveFindsItsName() {
        SearchResults kims = search("kim");
        assertEquals(titled("Telegram from Gromyko to Poskrebyshevu", "Conversation records between Chairman Mao",
                "A.M. Puzanov", "Foreign Minister of Mongolian People's Republic", "Ciphered Telegram No. 405976",
                "Telegram from Kim Il Sung to Stalin", "Report, Legation of Hungary", "Pak Heon-yeong to Stalin",
                "Letter from Feng Xi (Stalin)", "Ciphered Telegram No. 502597",
                "Ciphered telegram, Filippov (Stalin) to Mao Zedong", "Ciphered Telegram No. 21646", "Bak Uiwan"),
                ids(kims));
        // Record 28 says only "Kim Il Sung's agreement".
        assertTrue(ids(search("sung's")).contains(28));
    }

    @Test
    void aQueryTheSyntaxCannotReadIsSearchedAsPlainWordsAndTheReaderIsTold() {
        SearchResults unbalanced = search("kim)");
        assertEquals(ids(search("kim")), ids(unbalanced));
        assertNotNull(unbalanced.notice());
        assertTrue(unbalanced.notice().contains("searched for instead"), unbalanced.notice());

        SearchResults leadingStar = search("*talin");
        assertNotNull(leadingStar.notice());
        assertTrue(leadingStar.notice().contains("may not start with *"), leadingStar.notice());

        SearchResults noWords = search("!!! ???");
        assertEquals(0, noWords.total());
        assertNotNull(noWords.notice());

        assertNull(search("stalin").notice());
    }

    @Test
    void theNoticeSaysWhatTheSyntaxCouldNotReadAtTheEndOfTheSearch() {
        assertTrue(search("stalin AND").notice().contains("(an operator such as AND, OR or NOT has no word after it)"),
                search("stalin AND").notice());
        assertTrue(search("NOT").notice().contains("(an operator such as AND, OR or NOT has no word after it)"),
                search("NOT").notice());
        assertTrue(search("korea:").notice().contains("(a colon has no word after it)"), search("korea:").notice());
        assertTrue(search("\"north korea").notice().contains("(a quote or bracket is not closed)"),
                search("\"north korea").notice());
        assertTrue(search("(korea OR stalin").notice().contains("(a quote or bracket is not closed)"));
        assertTrue(search("korea/").notice().contains("(a pattern between slashes is not closed)"),
                search("korea/").notice());
        assertTrue(search("kim)").notice().contains("(a bracket is closed that was not opened)"), search("kim)").notice());
    }

    @Test
    void matchingWordsAreMarkedInTitleAndSnippetAfterTheTextIsEscaped() {
        int id = create("Memorandum <script>alert('x')</script> on the Quokka question",
                "The quokka & the \"wombat\" are <b>discussed</b>.");
        SearchHit hit = search("quokka").hits().get(0);
        assertEquals(id, hit.id());
        assertEquals("Memorandum &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; on the <mark>Quokka</mark> question",
                hit.title().html());
        assertEquals("The <mark>quokka</mark> &amp; the &quot;wombat&quot; are &lt;b&gt;discussed&lt;/b&gt;.",
                hit.snippet().html());
    }

    @Test
    void aSavedCorrectionIsSearchableAtOnceAndTheOldWordsAreGone() {
        int id = create("Report on the Zanzibar question", "Nothing yet.");
        assertEquals(Set.of(id), ids(search("zanzibar")));
        seeds.store.write(w -> w.update(id, 1, new RecordDraft("Report on the Madagascar question",
                List.of("Corrected."), DocumentDate.ofDay(1965, 3, 2)), Attribution.editor("tester", "fix the island")));
        assertEquals(Set.of(), ids(search("zanzibar")));
        assertEquals(Set.of(id), ids(search("madagascar")));
    }

    @Test
    void aWithdrawnRecordLeavesSearchAndItsCounts() {
        int id = create("Cable on the Tasmania question", "Tasmania.");
        long before = seeds.engine.search(SearchRequest.everything(0)).total();
        assertEquals(Set.of(id), ids(search("tasmania")));
        seeds.store.write(w -> w.withdraw(id, 1, "A duplicate of another record", Attribution.editor("tester", "dup")));
        assertEquals(Set.of(), ids(search("tasmania")));
        assertEquals(before - 1, seeds.engine.search(SearchRequest.everything(0)).total());
    }

    @Test
    void aChangeAnotherProcessWroteIsCaughtUpWithBeforeTheNextSearch() {
        // Another store on the same database, as an import run from the command line has: its writes
        // do not tell this engine.
        RecordStore elsewhere = new RecordStore(seeds.database.dsl(), Clock.systemUTC());
        int id = elsewhere.write(w -> w.create(new RecordDraft("Memorandum on the Tuvalu question",
                List.of("Tuvalu."), DocumentDate.ofYear(1971)), Attribution.editor("tester", "from elsewhere")));
        assertEquals(Set.of(id), ids(search("tuvalu")));
        elsewhere.write(w -> w.withdraw(id, 1, "Withdrawn elsewhere", Attribution.editor("tester", "gone")));
        assertEquals(Set.of(), ids(search("tuvalu")));
    }

    @Test
    void hitsBeyondTheFirstTenThousandAreNotServed() {
        assertThrows(IllegalArgumentException.class,
                () -> SearchRequest.everything(10).onPage(SearchRequest.MAX_WINDOW / 10 + 1));
    }

    @Test
    void onStartAMissingIndexIsRebuilt() throws Exception {
        try (SeedIndex fresh = SeedIndex.open()) {
            fresh.engine.close();
            fresh.engine = null;
            org.dossier.testing.TestCatalogue.deleteRecursively(fresh.indexFolder());
            assertFalse(Files.exists(fresh.indexFolder()));
            fresh.reopen();
            assertEquals(49, fresh.engine.search(SearchRequest.everything(0)).total());
        }
    }

    @Test
    void onStartAnIndexThatMissedAChangeAppliesItFromTheFeedWithoutARebuild() throws Exception {
        try (SeedIndex fresh = SeedIndex.open()) {
            fresh.engine.close();
            fresh.engine = null;
            // A rebuild replaces the whole folder: a file of our own in it shows that none happened.
            Path marker = Files.writeString(fresh.indexFolder().resolve("not-rebuilt.marker"), "kept");
            // A change the index never heard of, as an import run from the command line makes.
            RecordStore elsewhere = new RecordStore(fresh.database.dsl(), Clock.systemUTC());
            elsewhere.write(w -> w.create(new RecordDraft("Letter about the Vanuatu question", List.of("Vanuatu."),
                    DocumentDate.ofYear(1970)), Attribution.editor("tester", "behind the index's back")));
            fresh.reopen();
            assertEquals(50, fresh.engine.search(SearchRequest.everything(0)).total());
            assertEquals(1, fresh.engine.search(SearchRequest.of("vanuatu").withPageSize(10)).total());
            assertTrue(Files.exists(marker), "the index was not rebuilt");
        }
    }

    @Test
    void onStartAnUnreadableIndexIsRebuilt() throws Exception {
        try (SeedIndex fresh = SeedIndex.open()) {
            fresh.engine.close();
            fresh.engine = null;
            try (var files = Files.list(fresh.indexFolder())) {
                for (var file : files.toList()) {
                    Files.writeString(file, "not an index");
                }
            }
            fresh.reopen();
            assertEquals(49, fresh.engine.search(SearchRequest.everything(0)).total());
        }
    }
}
