package org.dossier.editing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dossier.accounts.Role;
import org.dossier.testing.Http;
import org.dossier.testing.SeededCatalogue;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The editors' dashboard on a real server: what it says of the latest changes. */
class DashboardTest {

    @RegisterExtension
    static final SeededCatalogue catalogue = SeededCatalogue.ownedByTheClass();
    private static final Http alice = Editors.signedIn(catalogue, "alice", Role.EDITOR);

    @Test
    void anImportedVersionsNoteReadsAsTheRecordsHistoryWritesIt() {
        Document dashboard = Jsoup.parse(alice.get("/admin").body());
        Element latest = dashboard.selectFirst("ol.changes li");
        assertNotNull(latest, "the latest changes:\n" + dashboard.select("main").outerHtml());
        String versionPath = latest.selectFirst("a").attr("href");
        String historyPath = versionPath.substring(0, versionPath.lastIndexOf('/'));

        String noteInHistory = Jsoup.parse(alice.get(historyPath).body()).selectFirst(".revision-note").text();
        assertTrue(noteInHistory.matches("Imported from line \\d+ of the file \\S+\\.txt"), noteInHistory);
        assertEquals(noteInHistory, latest.selectFirst(".change-note").text());
    }
}
