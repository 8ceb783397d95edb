package org.dossier.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.apache.lucene.search.Query;
import org.junit.jupiter.api.Test;

class HighlightsTest {

    private final CatalogueAnalyzer analyzer = new CatalogueAnalyzer();

    private static final Highlights.Stored TELEGRAM = new Highlights.Stored("Telegram from the Embassy in Moscow",
            "The ambassador reports a long talk. The embassy asks for instructions on the grain talks. Nothing else.");
    private static final Highlights.Stored MEMORANDUM = new Highlights.Stored("Memorandum of conversation",
            "Talks on grain went badly. A second telegram follows. The minister left early.");
    private static final Highlights.Stored UNMATCHED = new Highlights.Stored("Letter to the editor",
            "Nothing here is asked for. Another sentence. A third one.");
    private static final Highlights.Stored NO_SUMMARY = new Highlights.Stored("Embassy report", null);

    @Test
    void eachHitOfAPageIsMarkedAsIfItWereAloneOnItsPage() throws IOException {
        Query words = new QueryReader(analyzer).read("telegram embassy \"grain talks\"", Names.NONE).query();
        List<Highlights.Stored> page = List.of(TELEGRAM, MEMORANDUM, UNMATCHED, NO_SUMMARY, TELEGRAM, MEMORANDUM);

        HighlightedText[][] together = Highlights.of(analyzer, words, page);

        for (int i = 0; i < page.size(); i++) {
            HighlightedText[] alone = Highlights.of(analyzer, words, List.of(page.get(i)))[0];
            assertArrayEquals(alone, together[i], "hit " + i + ", " + page.get(i).title());
        }
        assertEquals("<mark>Telegram</mark> from the <mark>Embassy</mark> in Moscow", together[0][0].html());
        assertTrue(together[1][1].html().contains("A second <mark>telegram</mark> follows."), together[1][1].html());
        assertFalse(together[2][0].html().contains("<mark>"), together[2][0].html());
        assertArrayEquals(together[0], together[4]);
    }
}
