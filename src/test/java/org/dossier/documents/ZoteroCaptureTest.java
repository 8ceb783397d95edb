package org.dossier.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import org.dossier.authorities.PersonRole;
import org.dossier.testing.Http;
import org.dossier.testing.SeededCatalogue;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What Zotero captures from the catalogue's pages, by the rules its translators apply
 * (zotero/translators: "Embedded Metadata.js" with the "RDF.js" it hands DC.* and z.* tags to,
 * and "COinS.js" with parseContextObject). The rules are written out here as the translators have
 * them, on exactly the tags they read, so that a tag renamed or a value misformatted shows.
 */
class ZoteroCaptureTest {

    /** Zotero item types the tags may name (a type it does not know is ignored). */
    private static final Set<String> ITEM_TYPES = Set.of("letter", "manuscript", "document", "report", "webpage");

    @RegisterExtension
    static final SeededCatalogue catalogue = SeededCatalogue.sharedForReading();

    private static final Http http = new Http(catalogue);

    /** One creator as Zotero stores it. */
    record Creator(String lastName, String firstName, String creatorType) {
    }

    /** The fields of the item Embedded Metadata would save from a page. */
    record Item(String itemType, String title, List<Creator> creators, String date, String url, String archive,
                String type, String abstractNote) {
    }

    @Test
    void aCableFromStalinIsALetterWithItsAuthorTypeArchiveDateAndVersionedUrl() throws Exception {
        int id = catalogue.recordTitled("Cable, Stalin to Mao Zedong");
        Document page = record(id);
        Item item = embeddedMetadata(page);
        assertEquals("letter", item.itemType(), "sent to someone: a Zotero letter");
        assertEquals("Cable, Stalin to Mao Zedong [via Kovalev]", item.title());
        assertEquals(List.of(new Creator("Stalin", "Joseph", "author")), item.creators());
        assertEquals("1949/05/26", item.date());
        assertEquals(catalogue.baseUrl() + "/documents/" + id + "/v/1", item.url(), "the version the reader saw");
        assertEquals("Dossier", item.archive());
        assertEquals("Cable", item.type(), "the document's type, not 'manuscript'");
        assertTrue(page.select("meta[name=citation_date]").isEmpty(), "citation_date only where it says more");

        JsonNode ld = new ObjectMapper().readTree(page.selectFirst("script[type=application/ld+json]").data());
        assertEquals("[\"ArchiveComponent\",\"Message\"]", ld.get("@type").toString());
        assertEquals("Person", ld.get("author").get(0).get("@type").asText());
        assertEquals("Joseph Stalin", ld.get("author").get(0).get("name").asText());
        assertEquals("Stalin", ld.get("author").get(0).get("familyName").asText());
        assertEquals("Mao Zedong", ld.get("recipient").get(0).get("name").asText());
        assertEquals("Ivan Kovalev", ld.get("about").get(0).get("name").asText(), "the intermediary is mentioned");
    }

    @Test
    void aLetterWithNoKnownAuthorGivesItsRecipientAndAMonthOnlyDate() throws Exception {
        Item item = embeddedMetadata(record(catalogue.recordTitled("Letter to Stalin from the Commanders")));
        assertEquals("letter", item.itemType());
        assertEquals(List.of(new Creator("Stalin", "Joseph", "recipient")), item.creators(),
                "with no citation_author, the RDF creators stand: the recipient");
        assertEquals("1942/02", item.date(), "as partial as known");
        assertEquals("Letter", item.type());
    }

    @Test
    void aConversationIsAManuscriptOfItsType() throws Exception {
        Item item = embeddedMetadata(record(catalogue.recordTitled("Memorandum of Conversation between Anastas Mikoyan")));
        assertEquals("manuscript", item.itemType());
        assertEquals(List.of(), item.creators(), "participants are not its authors");
        assertEquals("Memorandum of Conversation", item.type());
        assertEquals("Dossier", item.archive());
    }

    @Test
    void anOrganisationIsOneCreatorInOneField() throws Exception {
        Document page = record(catalogue.recordTitled("Report, Legation of Hungary"));
        JsonNode ld = new ObjectMapper().readTree(page.selectFirst("script[type=application/ld+json]").data());
        assertEquals("Organization", ld.get("author").get(0).get("@type").asText());
        assertEquals("Organization", ld.get("recipient").get(0).get("@type").asText());
        assertEquals(List.of(new Creator("Legation of Hungary in the DPRK", null, "author")),
                embeddedMetadata(page).creators(),
                "cited as named, not 'Legation in the DPRK Hungary' (the sort form split at its comma)");
    }

    @Test
    void aNameWrittenFamilyNameFirstIsOneCreatorInOneField() throws Exception {
        Item item = embeddedMetadata(record(catalogue.recordTitled("Ciphered Telegram No. 21646 from Mao Zedong")));
        assertEquals(List.of(new Creator("Mao Zedong", null, "author")), item.creators(),
                "cited 'Mao Zedong' as the catalogue does, where 'Mao, Zedong' is 'Zedong Mao' in a note");
    }

    @Test
    void aLoneAuthorWithWordsOnBothSidesOfTheCommaIsLeftToDublinCore() {
        PersonLink vanFleet = new PersonLink(9, "van-fleet", "James Van Fleet", "Van Fleet, James Alward", false,
                org.dossier.authorities.PersonRole.AUTHOR);
        Citation c = new Citation(9, 1, "Report", Optional.of(DocumentDate.ofYear(1952)), "Report", List.of(), List.of(vanFleet),
                List.of(), "Dossier", "https://dossier.example.org", java.time.LocalDate.of(2026, 5, 4), Languages.NONE);
        assertEquals(List.of(), c.highwireAuthors(), "Zotero would read 'Van Fleet' and 'James Alward'");
        PersonLink stalin = new PersonLink(3, "stalin", "Joseph Stalin", "Stalin, Joseph", false,
                org.dossier.authorities.PersonRole.AUTHOR);
        assertEquals(List.of("Van Fleet, James Alward", "Stalin, Joseph"), new Citation(9, 1, "Report",
                Optional.of(DocumentDate.ofYear(1952)), "Report", List.of(), List.of(vanFleet, stalin), List.of(), "Dossier",
                "https://dossier.example.org", java.time.LocalDate.of(2026, 5, 4), Languages.NONE).highwireAuthors(),
                "with two tags, none is split");
    }

    @Test
    void anOrganisationThatIsTheOnlyAuthorIsOneCreator() throws Exception {
        Document page = record(catalogue.recordTitled("Information from the Communist Party of the Soviet Union"));
        Item item = embeddedMetadata(page);
        assertEquals("letter", item.itemType());
        assertEquals(List.of(new Creator("Central Committee of the Communist Party of the Soviet Union", null, "author")),
                item.creators(), "one author, not 'Communist Party of the Soviet' 'Union' and 'Central' 'Committee'");
    }

    @Test
    void aLetterWithNoKnownAuthorSendsNoDublinCoreContributorForZoteroToTakeForItsAuthor() throws Exception {
        Document page = record(catalogue.recordTitled("Letter to Stalin from the Commanders"));
        assertTrue(page.head().select("meta[name=DC.contributor]").isEmpty());
        assertEquals(List.of("Stalin, Joseph"), page.head().select("meta[name=z.recipients]").eachAttr("content"));
        Document withAuthor = record(catalogue.recordTitled("Cable, Stalin to Mao Zedong"));
        assertEquals(List.of("Mao Zedong,"), withAuthor.head().select("meta[name=DC.contributor]").eachAttr("content"),
                "beside a DC.creator, the recipients stay contributors");
    }

    @Test
    void aSearchPageOffersEveryHitAsCoins() throws Exception {
        HttpResponse<String> response = http.get("/search?q=stalin&pageSize=20");
        assertEquals(200, response.statusCode());
        Document page = Jsoup.parse(response.body());
        List<Element> hits = page.select("li.result");
        List<Element> spans = page.select("span.Z3988[title]");
        assertEquals(hits.size(), spans.size(), "one COinS span per hit");
        assertTrue(spans.size() > 1, "COinS.js offers a list only for more than one");
        List<Map<String, List<String>>> items = new ArrayList<>();
        for (Element span : spans) {
            items.add(contextObject(span.attr("title")));
        }
        for (Map<String, List<String>> co : items) {
            assertEquals(List.of("info:ofi/fmt:kev:mtx:dc"), co.get("rft_val_fmt"));
            assertTrue(ITEM_TYPES.contains(co.get("rft.type").get(0)), co.toString());
            assertTrue(!co.get("rft.title").get(0).isBlank(), "COinS.js needs a title to list an item");
            assertTrue(co.get("rft.identifier").get(0).startsWith("http"), "becomes the item's URL");
        }
        Map<String, List<String>> cable = items.stream()
                .filter(co -> co.get("rft.title").get(0).equals("Cable, Stalin to Mao Zedong [via Kovalev]"))
                .findFirst().orElseThrow();
        assertEquals(List.of(new Creator("Stalin", "Joseph", "author")), coinsAuthors(cable));
        assertEquals(List.of("1949-05-26"), cable.get("rft.date"));
        assertEquals(List.of("letter"), cable.get("rft.type"));
    }

    @Test
    void aHitByAnOrganisationOffersItAsOneAuthorInItsPlace() {
        Element span = Jsoup.parse(http.get("/search?q=legation+hungary").body()).selectFirst("span.Z3988[title]");
        Map<String, List<String>> co = contextObject(span.attr("title"));
        assertNull(co.get("rft.aucorp"), "COinS.js puts an rft.aucorp first, whatever its place, with no creator type");
        assertEquals(List.of(new Creator("Legation of Hungary in the DPRK", null, "author")), coinsAuthors(co));
    }

    @Test
    void coinsBringsAnOrganisationNamedWithACommaAndANameWithASuffixWholeInTheirPlaces() {
        PersonRole author = PersonRole.AUTHOR;
        Citation c = new Citation(9, 1, "Directive", Optional.of(DocumentDate.ofYear(1950)), "Directive", List.of(), List.of(
                new PersonLink(1, "stalin", "Joseph Stalin", "Stalin, Joseph", false, author),
                new PersonLink(2, "cc-cpsu", "Central Committee, CPSU", "Central Committee, CPSU", true, author),
                new PersonLink(3, "davies", "John Paton Davies Jr.", "Davies, John Paton, Jr.", false, author),
                new PersonLink(4, "mao", "Mao Zedong", "Mao Zedong", false, author)), List.of(), "Dossier",
                "https://dossier.example.org", java.time.LocalDate.of(2026, 5, 4), Languages.typed("Russian, Chinese"));
        Map<String, List<String>> co = contextObject(Coins.of(c));
        assertEquals(List.of(new Creator("Stalin", "Joseph", "author"),
                        new Creator("Central Committee, CPSU", null, "author"),
                        new Creator("Davies", "John Paton, Jr.", "author"),
                        new Creator("Mao Zedong", null, "author")), coinsAuthors(co),
                "an rft.au would be 'CPSU Central Committee' and 'Davies, John Paton'");
        assertEquals(List.of("ru"), co.get("rft.language"), "the item's language: the main one");
    }

    @Test
    void coinsOfAnUndatedRecordHasNoDateForZoteroToMisread() {
        Citation c = new Citation(9, 1, "Directive", Optional.empty(), "Directive", List.of(), List.of(), List.of(),
                "Dossier", "https://dossier.example.org", java.time.LocalDate.of(2026, 5, 4), Languages.NONE);
        Map<String, List<String>> co = contextObject(Coins.of(c));
        assertNull(co.get("rft.date"), "OpenURL's rft.date is optional; an empty one would be read as a date");
        assertEquals(List.of("Directive"), co.get("rft.title"));
    }

    /**
     * Embedded Metadata's cleanAuthor keeps what lies between a name's first and second commas as
     * its first name, so "Davies, John Paton, Jr." comes in without "Jr.". Written "Davies, John
     * Paton Jr." it would come in as a first name "John Paton Jr.", which Zotero's citeproc-js takes
     * for a given name (it reads a suffix only after a comma) and initials with the others in APA:
     * the page gives the name as the authority heading writes it, and the downloads and COinS bring
     * the suffix.
     */
    @Test
    void aPageCaptureKeepsANamesFamilyAndGivenNamesAndLeavesItsSuffixToTheDownloads() {
        Citation c = new Citation(9, 1, "Memorandum", Optional.of(DocumentDate.ofYear(1949)), "Memorandum", List.of(), List.of(
                new PersonLink(3, "davies", "John Paton Davies Jr.", "Davies, John Paton, Jr.", false, PersonRole.AUTHOR)),
                List.of(), "Dossier", "https://dossier.example.org", java.time.LocalDate.of(2026, 5, 4), Languages.NONE);
        assertEquals(List.of("Davies, John Paton, Jr."), c.highwireAuthors());
        assertEquals(new Creator("Davies", "John Paton", "author"), cleanAuthor(c.highwireAuthors().get(0), "author"),
                "no given name 'Jr.' to be initialled");
    }

    private static Document record(int id) {
        HttpResponse<String> redirect = http.get("/documents/" + id);
        String location = redirect.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> page = http.get(location);
        assertEquals(200, page.statusCode());
        return Jsoup.parse(page.body(), http.url(location));
    }

    /**
     * The item Embedded Metadata builds: meta tags of the head only; z.* and DC.* tags go to the RDF
     * translator, which takes the item type from z:itemType, the Type field from the first dc:type,
     * the archive from z:archive, authors from dc:creator and (for a letter) recipients from
     * z:recipients, the date from dc:date; then the Highwire tags are applied over it: citation_title,
     * the date from citation_publication_date, citation_cover_date and then citation_date (the later
     * one wins; with none of them or DC.date, the first {@code <time datetime>} of the page's body),
     * citation_public_url,
     * citation_abstract, and creators from citation_author, which replace the RDF ones when there
     * are any.
     */
    static Item embeddedMetadata(Document page) {
        Map<String, List<String>> meta = new LinkedHashMap<>();
        for (Element tag : page.head().select("meta[name][content]")) {
            meta.computeIfAbsent(tag.attr("name"), k -> new ArrayList<>()).add(tag.attr("content"));
        }
        String itemType = first(meta, "z.itemType");
        if (itemType == null || !ITEM_TYPES.contains(itemType)) {
            String dcType = first(meta, "DC.type");
            itemType = dcType != null && ITEM_TYPES.contains(dcType) ? dcType
                    : meta.containsKey("citation_title") ? "journalArticle" : "webpage";
        }
        List<Creator> rdfCreators = new ArrayList<>();
        // RDF.js takes the authors from the first of its properties that has any: dc:creator, then dc:contributor.
        meta.getOrDefault("DC.creator", meta.getOrDefault("DC.contributor", List.of()))
                .forEach(n -> rdfCreators.add(cleanAuthor(n, "author")));
        if (itemType.equals("letter")) {
            meta.getOrDefault("z.recipients", List.of()).forEach(n -> rdfCreators.add(cleanAuthor(n, "recipient")));
        }
        List<Creator> creators = new ArrayList<>();
        List<String> authorTags = meta.getOrDefault("citation_author", List.of());
        for (String value : authorTags) {
            List<String> authors = List.of(value.split("\\s*;\\s*"));
            // processHighwireCreators: a lone tag with one name is a list split at its commas when
            // the words before and after the first comma are more than one each.
            String[] byComma = value.split("\\s*,\\s*");
            if (authors.size() == 1 && authorTags.size() == 1 && byComma.length > 1
                    && byComma[0].contains(" ") && byComma[1].contains(" ")) {
                authors = List.of(byComma);
            }
            for (String author : authors) {
                if (!author.isBlank()) {
                    creators.add(cleanAuthor(author.strip(), "author"));
                }
            }
        }
        if (creators.isEmpty()) {
            creators = rdfCreators;
        }
        // RDF.js puts dc:date in the Date field; processFields then applies HIGHWIRE_MAPPINGS in their
        // order, each over the last: citation_publication_date, citation_cover_date, citation_date.
        String date = first(meta, "DC.date");
        for (String tag : List.of("citation_publication_date", "citation_cover_date", "citation_date")) {
            if (first(meta, tag) != null && !first(meta, tag).isBlank()) {
                date = first(meta, tag).strip();
            }
        }
        if (date == null) {
            date = first(meta, "citation_online_date") != null ? first(meta, "citation_online_date")
                    : first(meta, "citation_year");
        }
        if (date == null) {
            // addLowQualityMetadata: ZU.strToISO of the first <time datetime> anywhere on the page.
            Element time = page.selectFirst("time[datetime]");
            date = time == null ? null : ZoteroDates.strToISO(time.attr("datetime"));
        }
        String title = first(meta, "citation_title") != null ? first(meta, "citation_title") : first(meta, "DC.title");
        return new Item(itemType, title, creators, date, first(meta, "citation_public_url"), first(meta, "z.archive"),
                first(meta, "DC.type"), first(meta, "citation_abstract"));
    }

    /**
     * Zotero's cleanAuthor, as its callers here use it (inverted when the name has a comma): the
     * punctuation at either end dropped, then "Last, First" split at the comma, a last name alone
     * when nothing is left after it; without a comma, the last word is the last name.
     */
    private static Creator cleanAuthor(String raw, String type) {
        String name = raw.replaceAll("^[\\s\u00A0.,/\\[\\]:]+|[\\s\u00A0.,/\\[\\]:]+$", "");
        if (raw.indexOf(',') >= 0) {
            String[] parts = name.split(", ?");
            return new Creator(parts[0], parts.length > 1 ? parts[1] : null, type);
        }
        int space = name.lastIndexOf(' ');
        return space < 0 ? new Creator(name, null, type)
                : new Creator(name.substring(space + 1), name.substring(0, space), type);
    }

    /**
     * The authors parseContextObject makes of a ContextObject, in its order of keys: an rft.au is
     * cleanAuthor(value, "author", it has a comma), in turn; an rft.aulast starts a creator of its
     * own, an rft.aufirst after it is its first name, both as written, spliced back in where they
     * came; an rft.aucorp goes first, with no creator type (Zotero saves it as an author).
     */
    private static List<Creator> coinsAuthors(Map<String, List<String>> co) {
        List<Creator> simple = new ArrayList<>();
        List<String[]> complex = new ArrayList<>();
        List<Integer> offsets = new ArrayList<>();
        for (String pair : co.get("pairs")) {
            String key = pair.substring(0, pair.indexOf('='));
            String value = pair.substring(pair.indexOf('=') + 1);
            switch (key) {
                case "rft.au", "rft.creator" -> simple.add(cleanAuthor(value, "author"));
                case "rft.aulast" -> complexName(complex, offsets, simple.size(), 0, value);
                case "rft.aufirst" -> complexName(complex, offsets, simple.size(), 1, value);
                case "rft.aucorp" -> {
                    // Its offset is undefined: spliced at NaN, which is the start.
                    complex.add(new String[] {value, null});
                    offsets.add(null);
                }
                default -> {
                }
            }
        }
        List<Creator> creators = new ArrayList<>(simple);
        for (int i = 0; i < complex.size(); i++) {
            int at = offsets.get(i) == null ? 0 : offsets.get(i) + i;
            creators.add(at, new Creator(complex.get(i)[0], complex.get(i)[1], "author"));
        }
        return creators;
    }

    /**
     * An rft.aulast (part 0) or rft.aufirst (part 1): the last creator's of the kind, when it has
     * none yet, or a new creator's, to be spliced in after the rft.au creators read so far.
     */
    private static void complexName(List<String[]> complex, List<Integer> offsets, int offset, int part, String value) {
        String[] last = complex.isEmpty() ? null : complex.get(complex.size() - 1);
        if (last != null && last[part] == null) {
            last[part] = value;
            return;
        }
        String[] name = new String[2];
        name[part] = value;
        complex.add(name);
        offsets.add(offset);
    }

    /**
     * parseContextObject: pairs split at '&', values decoded with '+' read as a space; every pair in
     * its order is also kept, decoded, under "pairs".
     */
    static Map<String, List<String>> contextObject(String co) {
        Map<String, List<String>> pairs = new LinkedHashMap<>();
        for (String part : co.split("&")) {
            String[] keyValue = part.split("=", 2);
            String value = URLDecoder.decode(keyValue[1].replaceAll("\\+|%2[bB]", " "), StandardCharsets.UTF_8);
            pairs.computeIfAbsent(keyValue[0], k -> new ArrayList<>()).add(value);
            pairs.computeIfAbsent("pairs", k -> new ArrayList<>()).add(keyValue[0] + "=" + value);
        }
        assertNull(pairs.get("rft.btitle"), "no book title: this is no book");
        return pairs;
    }

    private static String first(Map<String, List<String>> meta, String name) {
        List<String> values = meta.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
