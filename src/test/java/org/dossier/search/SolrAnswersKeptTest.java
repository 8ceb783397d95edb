package org.dossier.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.common.cloud.Replica;
import org.dossier.documents.Attribution;
import org.dossier.documents.DocumentDate;
import org.dossier.documents.RecordDraft;
import org.dossier.documents.RecordStore;
import org.dossier.testing.RecordsByTitle;
import org.dossier.testing.StartedFirst;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestSolrCloud;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SolrCloud engine keeps its answers and totals, a record's related records and a keystroke's
 * suggestions per position of the change feed, as the embedded index keeps them per snapshot
 * ({@link AnswersKeptPerSnapshotTest}): asked again before the next change, they are given without
 * asking the collection, and a change, made through this node or through another node on the same
 * database and collection, is asked again, never answered from before it. Counted by the queries
 * each engine asked the collection.
 */
@StartedFirst(seconds = 20)
class SolrAnswersKeptTest {

    private static TestDatabase database;
    private static SolrAddress collection;
    /** A node that hears of the saves made through it. */
    private static SolrSearchEngine node;
    /** Another node on the same database and collection, which learns of the first's saves from the feed only. */
    private static SolrSearchEngine other;
    private static RecordStore throughNode;
    private static RecordStore throughOther;

    @BeforeAll
    static void open() throws Exception {
        TestSolrCloud.startSoon(); // while the catalogue is copied
        database = TestDatabase.seeded();
        collection = TestSolrCloud.freshCollection(2);
        node = SolrSearchEngine.open(collection, database.dsl());
        other = SolrSearchEngine.open(collection, database.dsl());
        throughNode = database.store();
        throughNode.onChange(node::changed);
        throughOther = database.store();
        throughOther.onChange(other::changed);
    }

    @AfterAll
    static void close() {
        for (SolrSearchEngine engine : new SolrSearchEngine[] {node, other}) {
            if (engine != null) {
                engine.close();
            }
        }
        if (database != null) {
            database.close();
        }
    }

    private static void newKoreaLetter(RecordStore through) {
        through.write(w -> w.create(new RecordDraft("Letter on Korea and the quetzal", List.of("About Korea."),
                DocumentDate.ofYear(1951)), Attribution.editor("tester", "a new letter")));
    }

    @Test
    void theSameSearchBeforeAChangeIsNotAskedAgainAndAChangeOnThisNodeIsAskedAgain() {
        SearchRequest korea = SearchRequest.of("korea").withPageSize(10);
        SearchResults first = node.search(korea);
        long asked = node.queriesAsked();
        assertSame(first, node.search(korea), "asked again: the answer kept");
        assertSame(first, KeptOnly.answer(node, korea), "and given as kept, without a search");
        assertSame(first, node.search(SearchRequest.of("korea").withPageSize(10)),
                "an equal request, however it was made, is the same question");
        assertEquals(asked, node.queriesAsked(), "and the collection not asked again");
        assertNotSame(first, node.search(korea.onPage(2)), "another page is another question");
        assertTrue(node.queriesAsked() > asked, "asked of the collection");

        newKoreaLetter(throughNode);
        assertThrows(KeptOnly.Worked.class, () -> KeptOnly.answer(node, korea),
                "a change on this node: nothing from before it is given as kept");
        long before = node.queriesAsked();
        SearchResults after = node.search(korea);
        assertTrue(node.queriesAsked() > before, "a change on this node: asked of the collection again");
        assertEquals(first.total() + 1, after.total(), "and its answer counts the new letter");
        assertEquals(first.years().getOrDefault(1951, 0L) + 1, after.years().get(1951), "its counts too");
        assertSame(after, node.search(korea), "then kept again, until the next change");
    }

    @Test
    void aChangeThroughAnotherNodeIsAskedAgainByThisOne() {
        SearchRequest korea = SearchRequest.of("korea").withPageSize(10);
        SearchResults first = node.search(korea);
        assertSame(first, node.search(korea), "kept");

        newKoreaLetter(throughOther);
        long before = node.queriesAsked();
        SearchResults after = node.search(korea);
        assertTrue(node.queriesAsked() > before, "a change through the other node: asked of the collection again");
        assertEquals(first.total() + 1, after.total(), "with the other node's letter in");
        assertSame(after, node.search(korea), "then kept again");
    }

    @Test
    void aTotalCountedAloneIsKeptUntilAChangeThroughEitherNode() {
        // A decade's link, as a search page with a span among its hits counts it.
        SearchRequest fifties = SearchRequest.of("korea").between(DateBound.year(1950), DateBound.year(1959));
        long total = node.count(fifties);
        long asked = node.queriesAsked();
        assertEquals(total, node.count(fifties), "asked again");
        assertEquals(asked, node.queriesAsked(), "asked again at the same position: the total kept, not counted");
        assertEquals(total, KeptOnly.total(node, fifties), "and given as kept, without a count");

        newKoreaLetter(throughNode);
        assertThrows(KeptOnly.Worked.class, () -> KeptOnly.total(node, fifties),
                "a change on this node: nothing from before it is given as kept");
        assertEquals(total + 1, node.count(fifties), "a change on this node: counted again, the letter in");
        assertEquals(asked + 1, node.queriesAsked());

        newKoreaLetter(throughOther);
        assertThrows(KeptOnly.Worked.class, () -> KeptOnly.total(node, fifties), "a change through the other node: nor after it");
        assertEquals(total + 2, node.count(fifties), "a change through the other node: counted again");
        assertEquals(asked + 2, node.queriesAsked());
        assertEquals(total + 2, node.count(fifties));
        assertEquals(asked + 2, node.queriesAsked(), "then kept again");
    }

    /** Waits until the node's follower has applied every change in the database, as a search does. */
    private static void fenced() {
        node.count(SearchRequest.of("fenced"));
    }

    @Test
    void aRecordsRelatedRecordsAreKeptUntilAChangeThroughEitherNode() {
        int letter = RecordsByTitle.idOf(database.dsl(), "Letter to Stalin from Korean Political Parties");
        fenced();
        List<Integer> first = node.related(letter, 5);
        assertTrue(!first.isEmpty(), "the letter has related records");
        long asked = node.queriesAsked();
        assertSame(first, node.related(letter, 5), "a record page read again: its related records kept");
        assertEquals(asked, node.queriesAsked(), "and the collection not asked again");
        assertNotSame(first, node.related(letter, 3), "fewer of them is another question");

        newKoreaLetter(throughNode);
        long before = node.queriesAsked();
        node.related(letter, 5);
        assertTrue(node.queriesAsked() > before, "a change on this node: asked of the collection again");
        fenced();
        List<Integer> kept = node.related(letter, 5);
        assertSame(kept, node.related(letter, 5), "then kept again, until the next change");

        newKoreaLetter(throughOther);
        before = node.queriesAsked();
        node.related(letter, 5);
        assertTrue(node.queriesAsked() > before, "a change through the other node: asked of the collection again");
    }

    /** How many records the suggestion of "quetzal" says it finds, or 0 when it is not offered. */
    private static int quetzals(List<Suggestion> offered) {
        return offered.stream().filter(s -> s.text().equalsIgnoreCase("quetzal")).mapToInt(Suggestion::records)
                .findFirst().orElse(0);
    }

    @Test
    void aKeystrokesSuggestionsAreKeptUntilAChangeThroughEitherNode() {
        newKoreaLetter(throughNode);
        fenced();
        List<Suggestion> first = node.suggest("quetz", Suggestions.MAX);
        int quetzals = quetzals(first);
        assertTrue(quetzals > 0, "the new letters' word is offered: " + first);
        long asked = node.queriesAsked();
        assertSame(first, node.suggest("quetz", Suggestions.MAX), "typed again: the suggestions kept");
        assertEquals(asked, node.queriesAsked(), "and the collection not asked again");
        assertNotSame(first, node.suggest("quetza", Suggestions.MAX), "another text is another question");

        newKoreaLetter(throughNode);
        fenced();
        long before = node.queriesAsked();
        List<Suggestion> after = node.suggest("quetz", Suggestions.MAX);
        assertTrue(node.queriesAsked() > before, "a change on this node: asked of the collection again");
        assertEquals(quetzals + 1, quetzals(after), "and the new letter counted: " + after);
        assertSame(after, node.suggest("quetz", Suggestions.MAX), "then kept again, until the next change");

        newKoreaLetter(throughOther);
        before = node.queriesAsked();
        node.suggest("quetz", Suggestions.MAX);
        assertTrue(node.queriesAsked() > before, "a change through the other node, not yet applied by this one: asked again");
        fenced();
        before = node.queriesAsked();
        List<Suggestion> applied = node.suggest("quetz", Suggestions.MAX);
        assertTrue(node.queriesAsked() > before, "applied by this one: asked again");
        assertEquals(quetzals + 2, quetzals(applied), "with the other node's letter counted: " + applied);
    }

    @Test
    void withNoAnswersKeptEverySearchAndTotalIsAskedOfTheCollection() throws Exception {
        try (SolrSearchEngine keepingNone = SolrSearchEngine.open(collection, database.dsl(), 0)) {
            SearchRequest korea = SearchRequest.of("korea").withPageSize(10);
            SearchResults first = keepingNone.search(korea);
            long asked = keepingNone.queriesAsked();
            SearchResults again = keepingNone.search(korea);
            assertNotSame(first, again, "nothing kept: asked again");
            assertEquals(first, again, "and the same answer");
            assertEquals(asked + 1, keepingNone.queriesAsked());

            SearchRequest fifties = SearchRequest.of("korea").between(DateBound.year(1950), DateBound.year(1959));
            long total = keepingNone.count(fifties);
            assertEquals(total, keepingNone.count(fifties));
            assertEquals(asked + 3, keepingNone.queriesAsked(), "nothing kept: counted both times");

            int letter = RecordsByTitle.idOf(database.dsl(), "Letter to Stalin from Korean Political Parties");
            List<Integer> related = keepingNone.related(letter, 5);
            asked = keepingNone.queriesAsked();
            assertEquals(related, keepingNone.related(letter, 5));
            assertTrue(keepingNone.queriesAsked() > asked, "nothing kept: related records asked again");
            List<Suggestion> offered = keepingNone.suggest("kor", Suggestions.MAX);
            asked = keepingNone.queriesAsked();
            assertEquals(offered, keepingNone.suggest("kor", Suggestions.MAX));
            assertTrue(keepingNone.queriesAsked() > asked, "nothing kept: suggestions asked again");
        }
    }

    /**
     * A collection that stops answering is a 503 for a search asked before as for any other, not
     * the answer kept from before, once the follower has found it away; answering again, it is
     * asked again.
     */
    @Test
    void aCollectionFoundAwayGivesNothingKeptAndIsAskedAgainOnceItAnswers() throws Exception {
        SolrAddress alone = TestSolrCloud.freshCollection(1);
        try (SolrSearchEngine lone = SolrSearchEngine.open(alone, database.dsl());
             CloudSolrClient admin = SolrClients.of(alone)) {
            SearchRequest korea = SearchRequest.of("korea").withPageSize(10);
            SearchResults first = lone.search(korea);
            assertSame(first, lone.search(korea), "kept");
            SearchRequest fifties = SearchRequest.of("korea").between(DateBound.year(1950), DateBound.year(1959));
            long total = lone.count(fifties);
            long asked = lone.queriesAsked();
            assertEquals(total, lone.count(fifties));
            assertEquals(asked, lone.queriesAsked(), "the total kept");
            int letter = RecordsByTitle.idOf(database.dsl(), "Letter to Stalin from Korean Political Parties");
            List<Integer> related = lone.related(letter, 5);
            assertSame(related, lone.related(letter, 5), "related records kept");
            List<Suggestion> offered = lone.suggest("kor", Suggestions.MAX);
            assertSame(offered, lone.suggest("kor", Suggestions.MAX), "suggestions kept");
            assertTrue(!related.isEmpty() && !offered.isEmpty(), related + " " + offered);

            String live = SolrAlias.liveNow(admin, alone.collection());
            Replica replica = admin.getClusterStateProvider().getCollection(live).getSlice("shard1").iterator().next();
            CollectionAdminRequest.deleteReplica(live, "shard1", replica.getName()).process(admin);
            assertTrue(awaitOpen(lone, false), "the follower found the collection away: " + lone.status());
            assertThrows(KeptOnly.Worked.class, () -> KeptOnly.answer(lone, korea), "nothing kept is given as kept");
            assertThrows(KeptOnly.Worked.class, () -> KeptOnly.total(lone, fifties));
            assertThrows(SearchUnavailableException.class, () -> lone.search(korea), "nothing kept is given");
            assertThrows(SearchUnavailableException.class, () -> lone.count(fifties), "nor any total kept");
            assertEquals(List.of(), lone.related(letter, 5), "nor related records kept");
            assertEquals(List.of(), lone.suggest("kor", Suggestions.MAX), "nor suggestions kept");

            CollectionAdminRequest.addReplicaToShard(live, "shard1").process(admin);
            assertTrue(awaitOpen(lone, true), "open again by itself: " + lone.status());
            long before = lone.queriesAsked();
            SearchResults again = lone.search(korea);
            assertTrue(lone.queriesAsked() > before, "asked of the collection again");
            assertEquals(first.total(), again.total());
            before = lone.queriesAsked();
            assertEquals(related, lone.related(letter, 5));
            assertEquals(offered, lone.suggest("kor", Suggestions.MAX));
            assertTrue(lone.queriesAsked() > before + 1, "related records and suggestions asked again");
        }
    }

    private static boolean awaitOpen(SearchEngine engine, boolean open) throws InterruptedException {
        for (int i = 0; i < 600 && engine.status().open() != open; i++) {
            Thread.sleep(100);
        }
        return engine.status().open() == open;
    }
}
