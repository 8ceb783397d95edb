package org.dossier.harvest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.dossier.documents.Attribution;
import org.dossier.documents.DocumentDate;
import org.dossier.documents.RecordDraft;
import org.dossier.testing.CatalogueDatabase;
import org.dossier.testing.RawHttp;
import org.dossier.testing.SeededCatalogue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestInstance;
import org.w3c.dom.Document;

/**
 * Every verb and every error condition of the OAI-PMH interface, each response validated against
 * the protocol's schema (and oai_dc's). The catalogue holds the 49 seed records, imported now, one
 * record added in 2030, and one seed record withdrawn in 2031: 50 records.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OaiPmhTest {

    @RegisterExtension
    final SeededCatalogue catalogue = SeededCatalogue.ownedByTheClass();
    /** An id no record has. */
    private static final int NO_SUCH_RECORD = 999;

    private final CatalogueDatabase database = CatalogueDatabase.forTheClass(catalogue);
    /** The seed letter of February 1942, read as it was imported. */
    private int letter;
    private int added;
    private int withdrawn;

    @BeforeAll
    void start() {
        letter = database.recordTitled("Letter to Stalin from the Commanders and Soldiers");
        added = database.at("2030-01-01T10:00:00Z").write(w -> w.create(
                new RecordDraft("A record added in 2030", List.of("Its summary."), DocumentDate.ofYear(1961)),
                Attribution.editor("tester", "Added for the harvesting tests")));
        withdrawn = database.recordTitled("Roman Catholic Priest Stanislaus Orlemanski");
        database.at("2031-06-01T08:00:00Z").write(w -> w.withdraw(withdrawn, 1, "A duplicate of document 4.",
                Attribution.editor("tester", "Withdrawn for the harvesting tests")));
    }

    private String host() {
        return "127.0.0.1";
    }

    private String identifier(int id) {
        return "oai:" + host() + ":" + id;
    }

    /** Asks, checks the HTTP side and the schema, and returns the response as a document. */
    private Document oai(String query) throws Exception {
        return valid(catalogue.http().get("/oai?" + query));
    }

    private static Document valid(HttpResponse<String> response) throws Exception {
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/xml"));
        OaiSchema.validate(response.body());
        return OaiSchema.parse(response.body());
    }

    private Document error(String query, String code) throws Exception {
        Document response = oai(query);
        assertEquals(List.of(code), XPaths.values(response, "/o:OAI-PMH/o:error/@code"), query);
        assertTrue(!XPaths.value(response, "/o:OAI-PMH/o:error").isBlank(), "an error says what is wrong");
        return response;
    }

    private void malformed(String query, String code) throws Exception {
        Document response = error(query, code);
        assertEquals(0, XPaths.count(response, "/o:OAI-PMH/o:request/@*"),
                "a badVerb or badArgument response echoes no arguments");
        assertEquals(catalogue.baseUrl() + "/oai", XPaths.value(response, "/o:OAI-PMH/o:request"));
    }

    @Test
    void theSchemaCheckRejectsAResponseTheProtocolForbids() throws Exception {
        String identify = catalogue.http().get("/oai?verb=Identify").body();
        String withoutAdmin = identify.replaceAll("<adminEmail>[^<]*</adminEmail>", "");
        org.junit.jupiter.api.Assertions.assertThrows(org.xml.sax.SAXException.class,
                () -> OaiSchema.validate(withoutAdmin));
        String unknownElement = catalogue.http()
                .get("/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier=" + identifier(letter))
                .body().replaceAll("<dc:title>", "<dc:heading>").replace("</dc:title>", "</dc:heading>");
        org.junit.jupiter.api.Assertions.assertThrows(org.xml.sax.SAXException.class, () -> OaiSchema.validate(unknownElement));
    }

    @Test
    void identifyDescribesTheRepository() throws Exception {
        Document response = oai("verb=Identify");
        assertEquals("Dossier", XPaths.value(response, "//o:Identify/o:repositoryName"));
        assertEquals(catalogue.baseUrl() + "/oai", XPaths.value(response, "//o:Identify/o:baseURL"));
        assertEquals("2.0", XPaths.value(response, "//o:Identify/o:protocolVersion"));
        assertEquals("persistent", XPaths.value(response, "//o:Identify/o:deletedRecord"));
        assertEquals("YYYY-MM-DDThh:mm:ssZ", XPaths.value(response, "//o:Identify/o:granularity"));
        assertEquals(database.dsl().fetchValue("select min(created_at) from revision"),
                XPaths.value(response, "//o:Identify/o:earliestDatestamp"));
        assertEquals("Identify", XPaths.value(response, "/o:OAI-PMH/o:request/@verb"));
    }

    @Test
    void theRequestIsEchoedWithItsArgumentsInTheProtocolsOrderWhateverOrderTheyCameIn() throws Exception {
        // The same request gets the same bytes from every node and after every restart: the echo's
        // order was that of an immutable map's hash, which each JVM salts anew.
        String expected = "<request verb=\"ListIdentifiers\" metadataPrefix=\"oai_dc\" from=\"2000-01-01\" "
                + "until=\"2040-01-01\" set=\"type\">";
        for (String query : List.of("verb=ListIdentifiers&set=type&until=2040-01-01&from=2000-01-01&metadataPrefix=oai_dc",
                "metadataPrefix=oai_dc&from=2000-01-01&until=2040-01-01&set=type&verb=ListIdentifiers",
                "until=2040-01-01&verb=ListIdentifiers&metadataPrefix=oai_dc&set=type&from=2000-01-01")) {
            String body = catalogue.http().get("/oai?" + query).body();
            OaiSchema.validate(body);
            assertTrue(body.contains(expected), query + "\n" + body.substring(0, Math.min(600, body.length())));
        }
        assertTrue(catalogue.http().get("/oai?metadataPrefix=oai_dc&identifier=" + identifier(letter) + "&verb=GetRecord")
                .body().contains("<request verb=\"GetRecord\" identifier=\"" + identifier(letter) + "\" metadataPrefix=\"oai_dc\">"));
    }

    @Test
    void anEmptyPartOfTheQueryIsNoArgumentButAnArgumentWithoutANameIsBad() throws Exception {
        assertEquals("Dossier", XPaths.value(oai("verb=Identify&"), "//o:Identify/o:repositoryName"));
        assertEquals("Dossier", XPaths.value(oai("&verb=Identify&&"), "//o:Identify/o:repositoryName"));
        Document listed = oai("verb=ListIdentifiers&metadataPrefix=oai_dc&set=type:letter&");
        assertTrue(XPaths.count(listed, "//o:ListIdentifiers/o:header") > 0);
        assertEquals(List.of("ListIdentifiers"), XPaths.values(listed, "/o:OAI-PMH/o:request/@verb"));
        assertEquals("oai_dc", XPaths.value(valid(catalogue.http().post("/oai", Map.of("verb", "GetRecord",
                "identifier", identifier(letter), "metadataPrefix", "oai_dc", "", ""))),
                "/o:OAI-PMH/o:request/@metadataPrefix"));
        malformed("verb=Identify&=x", "badArgument");
        malformed("verb=ListRecords&metadataPrefix", "badArgument");
    }

    @Test
    void aRequestPostedAsAFormIsAnsweredAsTheSameRequestByGet() throws Exception {
        Document response = valid(catalogue.http().post("/oai", Map.of("verb", "GetRecord",
                "identifier", identifier(letter), "metadataPrefix", "oai_dc")));
        assertEquals("1942-02", XPaths.value(response, "//oai_dc:dc/dc:date"));
    }

    @Test
    void listMetadataFormatsOffersDublinCoreForTheRepositoryAndForARecord() throws Exception {
        for (String query : List.of("verb=ListMetadataFormats",
                "verb=ListMetadataFormats&identifier=" + identifier(letter))) {
            Document response = oai(query);
            assertEquals(List.of("oai_dc"), XPaths.values(response, "//o:metadataFormat/o:metadataPrefix"));
            assertEquals("http://www.openarchives.org/OAI/2.0/oai_dc/", XPaths.value(response, "//o:metadataNamespace"));
        }
    }

    @Test
    void listSetsOffersTypesAndDecades() throws Exception {
        List<String> specs = XPaths.values(oai("verb=ListSets"), "//o:set/o:setSpec");
        assertTrue(specs.containsAll(List.of("type", "type:letter", "type:ciphered-telegram", "decade", "decade:1940s",
                "decade:1950s", "decade:1960s", "decade:1970s")), specs.toString());
    }

    @Test
    void getRecordGivesDublinCoreWithTheDateAsPreciseAsItIsKnown() throws Exception {
        Document response = oai("verb=GetRecord&metadataPrefix=oai_dc&identifier=" + identifier(letter));
        assertEquals(identifier(letter), XPaths.value(response, "//o:header/o:identifier"));
        assertEquals(database.dsl().fetchValue(
                        "select created_at from revision where document_id = ? order by number desc limit 1", letter),
                XPaths.value(response, "//o:header/o:datestamp"), "the datestamp is the last revision's time");
        assertEquals(List.of("type:letter", "decade:1940s"), XPaths.values(response, "//o:header/o:setSpec"));
        assertEquals("Letter to Stalin from the Commanders and Soldiers of the Korean Army in China",
                XPaths.value(response, "//dc:title"));
        assertEquals("1942-02", XPaths.value(response, "//dc:date"));
        assertEquals(List.of("Text", "Letter"), XPaths.values(response, "//dc:type"));
        assertEquals(List.of("Joseph Stalin"), XPaths.values(response, "//dc:subject"));
        assertEquals(List.of("Stalin, Joseph"), XPaths.values(response, "//dc:contributor"), "the letter's recipient");
        assertEquals(List.of(), XPaths.values(response, "//dc:creator"), "its senders are no person of the lists");
        assertEquals(List.of("China", "Korea"), XPaths.values(response, "//dc:coverage"));
        assertEquals(catalogue.baseUrl() + "/documents/" + letter, XPaths.value(response, "//dc:identifier"));
        assertEquals("Dossier", XPaths.value(response, "//dc:publisher"));
    }

    @Test
    void authorsAreCreatorsAndRecipientsContributors() throws Exception {
        int cable = database.recordTitled("Cable, Stalin to Mao Zedong [via Kovalev]");
        Document response = oai("verb=GetRecord&metadataPrefix=oai_dc&identifier=" + identifier(cable));
        assertEquals(List.of("Stalin, Joseph"), XPaths.values(response, "//dc:creator"));
        assertEquals(List.of("Mao, Zedong"), XPaths.values(response, "//dc:contributor"));
        int report = database.recordTitled("Report, Legation of Hungary");
        response = oai("verb=GetRecord&metadataPrefix=oai_dc&identifier=" + identifier(report));
        assertEquals(List.of("Legation of Hungary in the DPRK"), XPaths.values(response, "//dc:creator"),
                "an organisation is named whole");
        assertEquals(List.of("Hungarian Ministry of Foreign Affairs"), XPaths.values(response, "//dc:contributor"));
    }

    @Test
    void aWithdrawnRecordIsADeletedHeaderWithoutMetadata() throws Exception {
        Document record = oai("verb=GetRecord&metadataPrefix=oai_dc&identifier=" + identifier(withdrawn));
        assertEquals("deleted", XPaths.value(record, "//o:record/o:header/@status"));
        assertEquals("2031-06-01T08:00:00Z", XPaths.value(record, "//o:header/o:datestamp"));
        assertEquals(0, XPaths.count(record, "//o:metadata"));

        Document list = oai("verb=ListRecords&metadataPrefix=oai_dc&from=2031-01-01");
        assertEquals(List.of(identifier(withdrawn)), XPaths.values(list, "//o:header[@status='deleted']/o:identifier"));
        assertEquals(0, XPaths.count(list, "//o:metadata"));
    }

    @Test
    void listIdentifiersAndListRecordsHarvestEveryRecordOnce() throws Exception {
        Document identifiers = oai("verb=ListIdentifiers&metadataPrefix=oai_dc");
        assertEquals(50, XPaths.count(identifiers, "//o:header"));
        assertEquals(0, XPaths.count(identifiers, "//o:resumptionToken"), "50 records fit in one response");
        Document records = oai("verb=ListRecords&metadataPrefix=oai_dc");
        assertEquals(50, XPaths.count(records, "//o:record"));
        assertEquals(49, XPaths.count(records, "//oai_dc:dc"), "the withdrawn record has no metadata");
        assertEquals(50, XPaths.values(records, "//o:header/o:identifier").stream().distinct().count());
    }

    @Test
    void setsSelectByTypeAndByDecade() throws Exception {
        List<String> letters = XPaths.values(oai("verb=ListIdentifiers&metadataPrefix=oai_dc&set=type:letter"),
                "//o:header/o:setSpec[starts-with(., 'type:')]");
        assertTrue(!letters.isEmpty() && letters.stream().allMatch("type:letter"::equals), letters.toString());
        List<String> sixties = XPaths.values(oai("verb=ListIdentifiers&metadataPrefix=oai_dc&set=decade:1960s"),
                "//o:header/o:identifier");
        assertTrue(sixties.contains(identifier(added)), "the record dated 1961");
        int ofSeptember1966 = database.recordTitled("Information from the Communist Party of the Soviet Union Central");
        assertTrue(sixties.contains(identifier(ofSeptember1966)), "the seed record of September 1966");
        assertEquals(50, XPaths.count(oai("verb=ListIdentifiers&metadataPrefix=oai_dc&set=decade"), "//o:header"),
                "the decade set holds every record");
    }

    @Test
    void fromAndUntilSelectByDatestampToTheDayOrTheSecond() throws Exception {
        assertEquals(List.of(identifier(added)), XPaths.values(
                oai("verb=ListIdentifiers&metadataPrefix=oai_dc&from=2030-01-01&until=2030-01-01"), "//o:identifier"));
        assertEquals(List.of(identifier(added)), XPaths.values(
                oai("verb=ListIdentifiers&metadataPrefix=oai_dc&from=2030-01-01T10:00:00Z&until=2030-01-01T10:00:00Z"),
                "//o:identifier"));
        assertEquals(48, XPaths.count(oai("verb=ListIdentifiers&metadataPrefix=oai_dc&until=2029-12-31"), "//o:header"),
                "the seed records bar the withdrawn one, which changed in 2031");
        error("verb=ListIdentifiers&metadataPrefix=oai_dc&from=2030-01-01T10:00:01Z&until=2030-12-31T00:00:00Z",
                "noRecordsMatch");
    }

    @Test
    void aMissingOrUnknownOrRepeatedVerbIsBadVerb() throws Exception {
        malformed("", "badVerb");
        malformed("verb=Frobnicate", "badVerb");
        malformed("verb=Identify&verb=ListSets", "badVerb");
    }

    @Test
    void illegalMissingRepeatedOrMalformedArgumentsAreBadArgument() throws Exception {
        malformed("verb=Identify&metadataPrefix=oai_dc", "badArgument");
        malformed("verb=ListRecords", "badArgument");
        malformed("verb=GetRecord&metadataPrefix=oai_dc", "badArgument");
        malformed("verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_dc", "badArgument");
        malformed("verb=ListRecords&metadataPrefix=oai_dc&from=2026-13-45", "badArgument");
        malformed("verb=ListRecords&metadataPrefix=oai_dc&from=yesterday", "badArgument");
        // What java.time reads but XML Schema's dateTime has not, so the echo would make the response invalid.
        malformed("verb=ListRecords&metadataPrefix=oai_dc&from=0000-01-01", "badArgument");
        malformed("verb=ListIdentifiers&metadataPrefix=oai_dc&until=0000-12-31T23:59:59Z", "badArgument");
        malformed("verb=ListRecords&metadataPrefix=oai_dc&until=2016-12-31T23:59:60Z", "badArgument");
        malformed("verb=ListRecords&metadataPrefix=oai_dc&from=2026-01-01&until=2026-02-01T00:00:00Z", "badArgument");
        malformed("verb=ListRecords&metadataPrefix=oai_dc&from=2026-02-01&until=2026-01-01", "badArgument");
        malformed("verb=ListRecords&metadataPrefix=oai_dc&set=not%20a%20set", "badArgument");
        malformed("verb=ListRecords&metadataPrefix=oai%20dc", "badArgument");
        malformed("verb=ListRecords&metadataPrefix=oai_dc&resumptionToken=abc", "badArgument");
    }

    @Test
    void argumentsWithABrokenPercentEscapeAreAnOaiBadArgumentNotAnHtmlPage() throws Exception {
        int port = catalogue.app().port();
        String host = java.net.URI.create(catalogue.baseUrl()).getAuthority();
        for (String query : new String[] {"verb=Identify&%zz=1", "verb=Identify&set=abc%", "verb=Identify&x=%C3%28"}) {
            // A well-behaved client will not send these: they go on a socket as typed.
            RawHttp.Response get = RawHttp.send(port, "GET /oai?" + query + " HTTP/1.1", "Host: " + host);
            badArgumentWithoutArguments(get.status(), get.header("Content-Type"), get.body(), "GET " + query);
            HttpResponse<String> post = catalogue.http().send("POST", "/oai", "application/x-www-form-urlencoded", query);
            badArgumentWithoutArguments(post.statusCode(), post.headers().firstValue("Content-Type").orElse(""),
                    post.body(), "POST " + query);
        }
    }

    private void badArgumentWithoutArguments(int status, String type, String body, String asked) throws Exception {
        assertEquals(200, status, asked + ": " + body);
        assertTrue(type.startsWith("text/xml"), asked + " is " + type);
        OaiSchema.validate(body);
        Document response = OaiSchema.parse(body);
        assertEquals(List.of("badArgument"), XPaths.values(response, "/o:OAI-PMH/o:error/@code"), asked);
        assertTrue(XPaths.value(response, "/o:OAI-PMH/o:error").contains("%"), asked + ": says what is wrong");
        assertEquals(0, XPaths.count(response, "/o:OAI-PMH/o:request/@*"), asked + ": echoes no arguments");
    }

    @Test
    void anotherMetadataFormatCannotBeDisseminated() throws Exception {
        Document response = error("verb=ListRecords&metadataPrefix=marc21", "cannotDisseminateFormat");
        assertEquals("marc21", XPaths.value(response, "/o:OAI-PMH/o:request/@metadataPrefix"),
                "other errors echo the request's arguments");
        error("verb=GetRecord&metadataPrefix=marc21&identifier=" + identifier(letter), "cannotDisseminateFormat");
    }

    @Test
    void anUnknownIdentifierDoesNotExist() throws Exception {
        Document response = error("verb=GetRecord&metadataPrefix=oai_dc&identifier=" + identifier(NO_SUCH_RECORD),
                "idDoesNotExist");
        assertEquals(identifier(NO_SUCH_RECORD), XPaths.value(response, "/o:OAI-PMH/o:request/@identifier"));
        error("verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:elsewhere.example.org:" + letter, "idDoesNotExist");
        error("verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:" + host() + ":0" + letter, "idDoesNotExist");
        error("verb=ListMetadataFormats&identifier=oai:" + host() + ":0", "idDoesNotExist");
        error("verb=ListMetadataFormats&identifier=" + identifier(NO_SUCH_RECORD), "idDoesNotExist");
    }

    @Test
    void aMalformedIdentifierDoesNotExistEither() throws Exception {
        Document response = error("verb=GetRecord&metadataPrefix=oai_dc&identifier=not%20a%20uri", "idDoesNotExist");
        assertEquals("", XPaths.value(response, "/o:OAI-PMH/o:request/@identifier"),
                "an identifier that is no URI is not echoed: the schema types it as one");
        assertEquals("GetRecord", XPaths.value(response, "/o:OAI-PMH/o:request/@verb"));
        error("verb=GetRecord&metadataPrefix=oai_dc&identifier=%3A%3A", "idDoesNotExist");
        error("verb=ListMetadataFormats&identifier=oai%3Ano%20colon", "idDoesNotExist");
        Document nul = error("verb=GetRecord&metadataPrefix=oai_dc&identifier=" + identifier(letter) + "%00",
                "idDoesNotExist");
        assertTrue(XPaths.value(nul, "/o:OAI-PMH/o:error").contains("'" + identifier(letter) + "U+0000'"),
                "the message shows the character XML cannot carry, not the identifier of a record that exists");
    }

    @Test
    void anEmptySelectionMatchesNoRecords() throws Exception {
        error("verb=ListRecords&metadataPrefix=oai_dc&set=type:no-such-type", "noRecordsMatch");
        error("verb=ListIdentifiers&metadataPrefix=oai_dc&from=2100-01-01", "noRecordsMatch");
    }

    @Test
    void aTokenThisRepositoryDidNotIssueIsBad() throws Exception {
        error("verb=ListRecords&resumptionToken=not-a-token", "badResumptionToken");
        error("verb=ListIdentifiers&resumptionToken=" + new ResumptionToken("oai_dc", "", "", "", "yesterday", 3, 100, 200)
                .encode(), "badResumptionToken");
        error("verb=ListSets&resumptionToken=anything", "badResumptionToken");
        // Well formed, but what no first request that got a page could have had.
        String at = "2030-03-01T12:00:00Z";
        error("verb=ListRecords&resumptionToken=" + new ResumptionToken("marc", "", "", "", at, 3, 100, 200).encode(),
                "badResumptionToken");
        error("verb=ListRecords&resumptionToken=" + new ResumptionToken("oai_dc", "", "2031-01-01", "2030-01-01", at, 3,
                100, 200).encode(), "badResumptionToken");
        error("verb=ListRecords&resumptionToken=" + new ResumptionToken("oai_dc", "", "2030-01-01", "2031-01-01T00:00:00Z",
                at, 3, 100, 200).encode(), "badResumptionToken");
        error("verb=ListRecords&resumptionToken=" + new ResumptionToken("oai_dc", "", "", "", "2030-03-01", 3, 100, 200)
                .encode(), "badResumptionToken");
    }
}
