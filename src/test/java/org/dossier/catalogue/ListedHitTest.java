package org.dossier.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dossier.documents.Languages;
import org.dossier.search.HighlightedText;
import org.dossier.testing.SameOnEveryDatabase;
import org.dossier.web.ResultTrail;
import org.junit.jupiter.api.Test;

/**
 * What a result list prints beside each hit, worked out once: its link (carrying the search, at its
 * position in the whole list), the language of its title and of the summary shown, and its COinS.
 */
@SameOnEveryDatabase
public class ListedHitTest {

    private static ListedDocument document(int id, String title, List<String> summary, String languages) {
        return new ListedDocument(id, title, summary, Optional.empty(), "record-" + id, null, Languages.stored(languages), 1);
    }

    private static final SearchOutcome.Hit RUSSIAN_MARKED = new SearchOutcome.Hit(
            document(7, "Беседа с Молотовым", List.of("Запись беседы.", "Second paragraph"), "ru"),
            HighlightedText.EMPTY, new HighlightedText("Запись <mark>беседы</mark>."));
    private static final SearchOutcome.Hit RUSSIAN_PLAIN = new SearchOutcome.Hit(
            document(8, "Conversation with Molotov", List.of("Запись беседы.", "Second paragraph"), "ru"),
            HighlightedText.EMPTY, HighlightedText.EMPTY);
    private static final SearchOutcome.Hit NO_SUMMARY = new SearchOutcome.Hit(
            document(9, "Telegram", List.of(), ""), HighlightedText.EMPTY, HighlightedText.EMPTY);

    @Test
    void aHitsLinkCarriesTheSearchAndItsPositionInTheWholeList() {
        SearchView.Trail trail = new SearchView.Trail(ResultTrail.carried("q=molotov&person=stalin"), 123);
        List<ListedHit> listed = ListedHit.of(List.of(RUSSIAN_MARKED, RUSSIAN_PLAIN), 21, trail, null);
        assertEquals("/documents/7/record-7?search=q%3Dmolotov%26person%3Dstalin&hit=21&hits=123", listed.get(0).href());
        assertEquals("/documents/8/record-8?search=q%3Dmolotov%26person%3Dstalin&hit=22&hits=123", listed.get(1).href());
        assertEquals("/documents/9/record-9", ListedHit.of(List.of(NO_SUMMARY), 1, null, null).get(0).href(),
                "without a trail, the record's own address");
    }

    @Test
    void aMarkedSnippetIsShownInsteadOfTheFirstParagraphAndTheLanguageIsTheShownTexts() {
        ListedHit marked = ListedHit.of(List.of(RUSSIAN_MARKED), 1, null, null).get(0);
        assertEquals("ru", marked.titleLang());
        assertNull(marked.summary(), "the snippet is printed, not the paragraph");
        assertEquals("ru", marked.summaryLang());
        ListedHit plain = ListedHit.of(List.of(RUSSIAN_PLAIN), 1, null, null).get(0);
        assertNull(plain.titleLang(), "a title in Latin letters stays in the page's English");
        assertEquals("Запись беседы.", plain.summary());
        assertEquals("ru", plain.summaryLang());
        ListedHit none = ListedHit.of(List.of(NO_SUMMARY), 1, null, null).get(0);
        assertNull(none.summary());
        assertNull(none.summaryLang());
    }

    @Test
    void aHitHasTheCoinsThePageGivesForItsRecordOrNone() {
        List<ListedHit> listed = ListedHit.of(List.of(RUSSIAN_MARKED, NO_SUMMARY), 1, null, Map.of(7, "ctx_ver=Z39.88-2004"));
        assertEquals("ctx_ver=Z39.88-2004", listed.get(0).coins());
        assertNull(listed.get(1).coins(), "a record the page has no COinS for (withdrawn meanwhile)");
        assertNull(ListedHit.of(List.of(RUSSIAN_MARKED), 1, null, null).get(0).coins(), "a page that gives none");
    }
}
