package org.dossier.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.dossier.app.Database;
import org.dossier.documents.Attribution;
import org.dossier.documents.DocumentDate;
import org.dossier.documents.RecordDraft;
import org.dossier.documents.RecordStore;
import org.dossier.testing.Http;
import org.dossier.testing.SeededCatalogue;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The search page's rule, "every number is what its link finds", for a record dated by a span: the
 * seeds with one record dated "1961–1962" added (a word of its own, so that a search finds it alone).
 */
class SpanNumbersTest {

    @RegisterExtension
    static final SeededCatalogue catalogue = SeededCatalogue.ownedByTheClass();

    private static final Http http = new Http(catalogue);

    @BeforeAll
    static void addASpan() {
        try (Database db = Database.open(catalogue.database())) {
            new RecordStore(db.dsl(), java.time.Clock.systemUTC()).write(w -> w.create(new RecordDraft(
                    "Memorandum on the Zyxwyrd Talks", List.of("The Zyxwyrd talks went on for two years."),
                    DocumentDate.parse("1961–1962")), Attribution.editor("tester", "a span for the decades")));
        }
    }

    @Test
    void aSpanInsideOneDecadeIsCountedOnceByTheDecadeAsItsLinkFindsIt() {
        // Without a range, with one, and with only records dated wholly within it (which leaves the
        // span out of the hits, not out of the decades: they count what each decade holds).
        for (String search : List.of("q=zyxwyrd", "q=zyxwyrd&from=1962-03&to=1962-05",
                "q=zyxwyrd&from=1961-06&to=1963&dated=within")) {
            Element sixties = decade(http.page("/search?" + search), "1960s");
            assertEquals("1", sixties.selectFirst("summary .facet-count").text(), sixties.text() + " on ?" + search);
            assertFinds(1, sixties.selectFirst(".decade-all a").attr("href"), search);
            // Its years each count it, as the year facet does, and each year's link finds it.
            assertEquals(List.of("1961 1", "1962 1"), sixties.select(".years li:not(.decade-all)").eachText(), search);
            for (Element year : sixties.select(".years li:not(.decade-all) a")) {
                assertFinds(1, year.attr("href"), search);
            }
        }
    }

    @Test
    void aSpanInsideOneDecadeIsCountedOnceByTheDecadeAmongTheSeeds() {
        // The 1960s of the whole catalogue, with and without a range: the seeds' records of the
        // decade and the span, once.
        for (String search : List.of("", "from=1961&to=1961", "from=1961&to=1961&dated=within")) {
            Element sixties = decade(http.page("/search?" + search), "1960s");
            long count = Long.parseLong(sixties.selectFirst("summary .facet-count").text().replace(",", ""));
            String all = sixties.selectFirst(".decade-all a").attr("href");
            assertEquals(count, SearchJson.get(http, all.substring(all.indexOf('?') + 1)).total(), all + " on ?" + search);
        }
    }

    @Test
    void aBarOfTheHistogramFindsWhatItCountsWithOnlyRecordsDatedWithinTicked() {
        for (String search : List.of("q=zyxwyrd&from=1961&to=1962&dated=within", "q=zyxwyrd&from=1960&to=1962")) {
            Document page = http.page("/search?" + search);
            for (Element bar : page.select("svg.histogram a")) {
                String label = bar.attr("aria-label");
                long count = Long.parseLong(label.replaceAll("^\\d+: (\\d+) records?$", "$1"));
                String href = bar.attr("href");
                assertEquals(count, SearchJson.get(http, href.substring(href.indexOf('?') + 1)).total(),
                        label + ": " + href + " on ?" + search);
            }
            assertEquals(2, page.select("svg.histogram a").size(), search);
        }
    }

    private static void assertFinds(long count, String href, String on) {
        assertEquals(count, SearchJson.get(http, href.substring(href.indexOf('?') + 1)).total(), href + " on ?" + on);
    }

    private static Element decade(Document page, String name) {
        return page.select("ul.decades > li").stream()
                .filter(d -> d.selectFirst("summary span").text().equals(name)).findFirst().orElseThrow();
    }
}
