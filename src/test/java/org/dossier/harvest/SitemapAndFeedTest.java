package org.dossier.harvest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.dossier.documents.Attribution;
import org.dossier.documents.DocumentDate;
import org.dossier.documents.RecordDraft;
import org.dossier.testing.CatalogueDatabase;
import org.dossier.testing.QueryPlans;
import org.dossier.testing.SeededCatalogue;
import org.dossier.web.PublicUrl;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestInstance;
import org.w3c.dom.Document;

/** The sitemap (and its index past the per-file limit), the Atom feed of changes, and robots.txt. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SitemapAndFeedTest {

    @RegisterExtension
    final SeededCatalogue catalogue = SeededCatalogue.ownedByTheClass();
    private final CatalogueDatabase database = CatalogueDatabase.forTheClass(catalogue);
    /** The record whose title is shortened. */
    private int letter;
    /** The record withdrawn. */
    private int malik;

    @BeforeAll
    void start() {
        letter = database.recordTitled("Letter to Stalin from the Commanders and Soldiers");
        malik = database.recordTitled("Malik, 'On the Question of a United Government in Korea'");
        database.at("2030-03-01T12:00:00Z").write(w -> w.update(letter, 1,
                new RecordDraft("Letter to Stalin from the Korean Army in China", List.of("Corrected."),
                        DocumentDate.ofMonth(1942, 2)),
                Attribution.editor("tester", "Shortened the title")));
        database.at("2030-03-02T12:00:00Z").write(w -> w.withdraw(malik, 1, "Not a Cold War document.",
                Attribution.editor("tester", "Withdrawn: out of scope")));
    }

    private Document xml(String path, String contentType) {
        HttpResponse<String> response = catalogue.http().get(path);
        assertEquals(200, response.statusCode(), path);
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith(contentType), path);
        return OaiSchema.parse(response.body());
    }

    @Test
    void theSitemapListsTheCanonicalAddressOfEveryPublishedRecordWithItsLastChangeAndEveryPersonAndPlace() {
        Document sitemap = xml("/sitemap.xml", "application/xml");
        List<String> locations = XPaths.values(sitemap, "/s:urlset/s:url/s:loc");
        assertEquals(48, locations.stream().filter(l -> l.contains("/documents/")).count(), "49 seed records less the withdrawn one");
        assertEquals(names(), locations.stream().filter(l -> !l.contains("/documents/")).toList(),
                "then every person's and place's page");
        assertTrue(locations.contains(catalogue.baseUrl() + "/documents/" + letter
                + "/letter-to-stalin-from-the-korean-army-in-china"));
        assertTrue(locations.stream().noneMatch(l -> l.contains("/documents/" + malik + "/")));
        assertEquals("2030-03-01T12:00:00Z",
                XPaths.value(sitemap, "/s:urlset/s:url[s:loc='" + catalogue.baseUrl()
                        + "/documents/" + letter + "/letter-to-stalin-from-the-korean-army-in-china']/s:lastmod"));
    }

    @Test
    void pastItsLimitTheSitemapBecomesAnIndexOfChildrenPagedById() {
        Sitemaps sitemaps = new Sitemaps(database.dsl(), PublicUrl.fromRequests(), 20);
        ByteArrayOutputStream root = new ByteArrayOutputStream();
        sitemaps.writeRoot(root, "https://dossier.example.org");
        Document index = OaiSchema.parse(root.toString(StandardCharsets.UTF_8));
        assertEquals(List.of("https://dossier.example.org/sitemaps/1.xml", "https://dossier.example.org/sitemaps/2.xml",
                "https://dossier.example.org/sitemaps/3.xml", "https://dossier.example.org/sitemaps/names.xml"),
                XPaths.values(index, "/s:sitemapindex/s:sitemap/s:loc"));
        assertEquals("2030-03-01T12:00:00Z", XPaths.value(index, "/s:sitemapindex/s:sitemap[1]/s:lastmod"),
                "a child's lastmod is its latest record's");

        // Children hold ids in runs of 20 (the limit above): the ids below are those runs, not records.
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        sitemaps.writeChild(first, "https://dossier.example.org", 1);
        List<String> firstUrls = XPaths.values(OaiSchema.parse(first.toString(StandardCharsets.UTF_8)), "//s:loc");
        assertEquals(19, firstUrls.size(), "ids 1 to 20 less the withdrawn one");
        ByteArrayOutputStream third = new ByteArrayOutputStream();
        sitemaps.writeChild(third, "https://dossier.example.org", 3);
        List<String> thirdUrls = XPaths.values(OaiSchema.parse(third.toString(StandardCharsets.UTF_8)), "//s:loc");
        assertEquals(9, thirdUrls.size(), "ids 41 to 49");
        assertTrue(thirdUrls.get(0).startsWith("https://dossier.example.org/documents/41/"));
    }

    @Test
    void theSitemapIndexReadsEachBlocksLastChangeFromTheLiveRecordsIdIndex() {
        assumeTrue(database.dsl().dialect().family() == SQLDialect.SQLITE, "the plans read are SQLite's");
        QueryPlans plans = new QueryPlans(database.dsl());
        new Sitemaps(plans.dsl(), PublicUrl.fromRequests(), 20).writeRoot(new ByteArrayOutputStream(), "https://dossier.example.org");
        // Not the titles' index, which also holds every live record but not its last change: SQLite
        // walked it and read each record for its date (6-12 s at a million records).
        assertTrue(plans.plans().stream().anyMatch(plan -> plan.uses("document_live_by_id")), plans.plans().toString());
    }

    /** Every person's and place's page not merged away, as the database has them: people first, each list by key. */
    private List<String> names() {
        var db = database.dsl();
        var people = org.dossier.db.Tables.PERSON;
        var places = org.dossier.db.Tables.PLACE;
        List<String> pages = new java.util.ArrayList<>();
        db.select(people.KEY).from(people).where(people.MERGED_INTO.isNull()).orderBy(people.KEY).fetch(people.KEY)
                .forEach(key -> pages.add(catalogue.baseUrl() + "/people/" + key));
        db.select(places.KEY).from(places).where(places.MERGED_INTO.isNull()).orderBy(places.KEY).fetch(places.KEY)
                .forEach(key -> pages.add(catalogue.baseUrl() + "/places/" + key));
        return pages;
    }

    @Test
    void childSitemapsAreServedAndAMissingOneIsNotFound() {
        assertEquals(48, XPaths.count(xml("/sitemaps/1.xml", "application/xml"), "//s:url"));
        Document names = xml("/sitemaps/names.xml", "application/xml");
        assertEquals(names(), XPaths.values(names, "/s:urlset/s:url/s:loc"));
        assertTrue(names().contains(catalogue.baseUrl() + "/people/stalin") && names().contains(catalogue.baseUrl() + "/places/korea"));
        assertTrue(XPaths.value(names, "/s:urlset/s:url[s:loc='" + catalogue.baseUrl() + "/people/stalin']/s:lastmod")
                .matches("\\d{4}-\\d\\d-\\d\\dT.*Z"), "a page's last change is its last version's");
        assertEquals(404, catalogue.http().get("/sitemaps/2.xml").statusCode());
        assertEquals(404, catalogue.http().get("/sitemaps/one.xml").statusCode());
    }

    @Test
    void theFeedListsTheLatestChangesNewestFirstWithTheirNotes() {
        Document feed = xml("/feed.atom", "application/atom+xml");
        assertEquals(catalogue.baseUrl() + "/feed.atom", XPaths.value(feed, "/a:feed/a:id"));
        assertEquals("Dossier: new and corrected records", XPaths.value(feed, "/a:feed/a:title"));
        assertEquals("2030-03-02T12:00:00Z", XPaths.value(feed, "/a:feed/a:updated"));
        assertEquals("Dossier", XPaths.value(feed, "/a:feed/a:author/a:name"));
        assertEquals(catalogue.baseUrl() + "/feed.atom", XPaths.value(feed, "/a:feed/a:link[@rel='self']/@href"));
        assertEquals(AtomFeed.ENTRIES, XPaths.count(feed, "/a:feed/a:entry"));

        String withdrawal = "/a:feed/a:entry[1]";
        assertEquals(catalogue.baseUrl() + "/documents/" + malik + "/v/2", XPaths.value(feed, withdrawal + "/a:id"));
        assertTrue(XPaths.value(feed, withdrawal + "/a:title").startsWith("Withdrawn: "));
        String correction = "/a:feed/a:entry[2]";
        assertEquals("Corrected (version 2): Letter to Stalin from the Korean Army in China",
                XPaths.value(feed, correction + "/a:title"));
        assertEquals("2030-03-01T12:00:00Z", XPaths.value(feed, correction + "/a:updated"));
        assertEquals("Version 2. Shortened the title", XPaths.value(feed, correction + "/a:summary"));
        assertEquals(catalogue.baseUrl() + "/documents/" + letter,
                XPaths.value(feed, correction + "/a:link[@rel='alternate']/@href"));
        assertEquals(catalogue.baseUrl() + "/documents/" + letter + "/v/2",
                XPaths.value(feed, correction + "/a:link[@rel='related']/@href"));
        assertTrue(XPaths.value(feed, "/a:feed/a:entry[3]/a:title").startsWith("New record: "));
        for (String required : List.of("a:id", "a:title", "a:updated", "a:link[@rel='alternate']")) {
            assertEquals(AtomFeed.ENTRIES, XPaths.count(feed, "/a:feed/a:entry/" + required), required);
        }
    }

    @Test
    void pagesAdvertiseTheFeedAndRobotsTheSitemap() {
        assertTrue(catalogue.http().get("/").body().contains("type=\"application/atom+xml\""));
        assertTrue(catalogue.http().get("/robots.txt").body().contains("Sitemap: " + catalogue.baseUrl() + "/sitemap.xml"));
    }
}
