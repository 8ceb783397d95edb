package org.dossier.harvest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.dossier.documents.Attribution;
import org.dossier.documents.DocumentDate;
import org.dossier.documents.RecordDraft;
import org.dossier.testing.CatalogueDatabase;
import org.dossier.testing.SeededCatalogue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.w3c.dom.Document;

/**
 * A selective harvest by decade finds what the search's decade finds: a record dated "1959–1961"
 * is in the 1950s and in the 1960s. The seed records and {@link #SPANS} files of 1959–1961, all
 * added in one second, so that both decades' lists come in pages linked by resumption tokens.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OaiDecadeSetsTest {

    private static final int SPANS = 110;

    @RegisterExtension
    final SeededCatalogue catalogue = SeededCatalogue.ownedByTheClass();
    private final CatalogueDatabase database = CatalogueDatabase.forTheClass(catalogue);
    private final Set<Integer> spans = new TreeSet<>();

    @BeforeAll
    void addSpans() {
        DocumentDate span = DocumentDate.span(DocumentDate.ofYear(1959).start(), DocumentDate.ofYear(1961).start(), false);
        spans.addAll(database.at("2030-01-01T00:00:00Z").write(w -> {
            List<Integer> ids = new ArrayList<>();
            for (int i = 1; i <= SPANS; i++) {
                ids.add(w.create(new RecordDraft("File no. " + i, List.of(), span),
                        Attribution.editor("tester", "Added for the decade tests")));
            }
            return ids;
        }));
    }

    @Test
    void everyDecadesHarvestFindsWhatTheSearchsDecadeFindsThroughEveryPage() throws Exception {
        List<String> decades = XPaths.values(OaiSchema.harvest(catalogue.http(), "verb=ListSets"),
                "//o:set/o:setSpec[starts-with(., 'decade:')]");
        assertEquals(List.of("decade:1940s", "decade:1950s", "decade:1960s", "decade:1970s"), decades);
        for (String set : decades) {
            int decade = Integer.parseInt(set.substring("decade:".length(), set.length() - 1));
            Set<Integer> harvested = harvest(set);
            assertEquals(searched(decade), harvested, set);
            if (decade == 1950 || decade == 1960) {
                assertTrue(harvested.containsAll(spans), set + " holds the spans of 1959–1961");
            }
        }
    }

    @Test
    void aSpansHeaderNamesEachDecadeItCovers() throws Exception {
        int first = spans.iterator().next();
        Document record = OaiSchema.harvest(catalogue.http(),
                "verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:127.0.0.1:" + first);
        assertEquals(List.of("decade:1950s", "decade:1960s"), XPaths.values(record, "//o:header/o:setSpec"));
    }

    /**
     * The ids a harvest of the set gets, following its resumption tokens to the end: every page's
     * {@code completeListSize} is the list's size, and no record comes twice.
     */
    private Set<Integer> harvest(String set) throws Exception {
        Set<Integer> ids = new TreeSet<>();
        int pages = 0;
        long listed = 0;
        String completeListSize = null;
        String query = "verb=ListIdentifiers&metadataPrefix=oai_dc&set=" + set;
        while (query != null) {
            Document page = OaiSchema.harvest(catalogue.http(), query);
            assertEquals(List.of(), XPaths.values(page, "//o:error/@code"), set);
            List<String> identifiers = XPaths.values(page, "//o:header/o:identifier");
            identifiers.forEach(identifier -> ids.add(Integer.parseInt(identifier.substring(identifier.lastIndexOf(':') + 1))));
            listed += identifiers.size();
            pages++;
            String token = XPaths.value(page, "//o:resumptionToken");
            if (XPaths.count(page, "//o:resumptionToken") > 0) {
                String size = XPaths.value(page, "//o:resumptionToken/@completeListSize");
                assertTrue(completeListSize == null || completeListSize.equals(size), set + ": " + completeListSize + " then " + size);
                completeListSize = size;
            }
            query = token.isEmpty() ? null : "verb=ListIdentifiers&resumptionToken=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        }
        assertEquals(listed, ids.size(), set + ": every record once");
        if (ids.size() > OaiPmh.PAGE_SIZE) {
            assertTrue(pages > 1, set);
            assertEquals(String.valueOf(ids.size()), completeListSize, set + ": the list's size, counted on its first page");
        }
        return ids;
    }

    /** The ids the search's link for the decade finds: its years, a record found when its date may fall in them. */
    private Set<Integer> searched(int decade) {
        Set<Integer> ids = new TreeSet<>();
        for (int page = 1; ; page++) {
            JsonNode found = catalogue.http().json("/search.json?from=" + decade + "&to=" + (decade + 9) + "&pageSize=100&page=" + page);
            found.get("documents").forEach(d -> ids.add(d.get("id").asInt()));
            if (!found.has("next")) {
                return ids;
            }
        }
    }
}
