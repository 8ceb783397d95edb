package org.dossier.search;

import static org.dossier.db.Tables.DOCUMENT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.dossier.documents.Attribution;
import org.dossier.documents.DocumentDate;
import org.dossier.documents.RecordDraft;
import org.dossier.documents.Slugs;
import org.junit.jupiter.api.Test;

/**
 * Text pasted from a PDF or a word processor brings invisible characters inside words (a soft
 * hyphen where a line was broken, a zero-width space or joiner): the word is the same word for
 * search, for its record's address and for its name. "Zanzi\u00ADbar" was not found by "Zanzibar",
 * and its slug was "zanzi-bar".
 */
class InvisibleCharactersTest {

    @Test
    void aWordWithAnInvisibleCharacterInsideIsStoredFoundAndAddressedAsTheWordItIs() throws Exception {
        try (SeedIndex seeds = SeedIndex.open()) {
            int id = seeds.store.write(w -> w.create(new RecordDraft(
                    "Consul\u200B's report from Zanzi\u00ADbar and Plov\u200Ddiv",
                    List.of("The lighthouse\u2060keeper\uFEFF spoke."), DocumentDate.ofYear(1964)),
                    Attribution.editor("tester", "pasted")));

            var row = seeds.database.dsl().selectFrom(DOCUMENT).where(DOCUMENT.ID.eq(id)).fetchSingle();
            assertEquals("Consul's report from Zanzibar and Plov\u200Ddiv", row.getTitle(),
                    "stored without the soft hyphen and the zero-width space; a joiner, which some scripts write words with, stays");
            assertEquals("The lighthousekeeper spoke.", row.getSummary());
            assertEquals("consuls-report-from-zanzibar-and-plovdiv", row.getSlug());

            for (String words : List.of("Zanzibar", "Plovdiv", "Plov\u200Ddiv", "Zanzi\u00ADbar", "lighthousekeeper",
                    "consul's")) {
                assertEquals(List.of(id), seeds.engine.search(SearchRequest.of(words)).hits().stream()
                        .map(SearchHit::id).toList(), words);
            }
        }
    }

    @Test
    void aNameWithAnInvisibleCharacterInsideFilesAsTheNameItIs() {
        assertEquals(Slugs.filingKey("Stalin"), Slugs.filingKey("St\u200Dalin"));
        assertEquals(Slugs.filingKey("Stalin"), Slugs.filingKey("Sta\u00ADlin"));
    }
}
