package org.dossier.editing;

import static org.dossier.db.Tables.DOCUMENT;
import static org.dossier.db.Tables.DOCUMENT_PERSON;
import static org.dossier.db.Tables.PERSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.dossier.accounts.Role;
import org.dossier.app.Database;
import org.dossier.testing.AppJvm;
import org.dossier.testing.Http;
import org.dossier.testing.Ports;
import org.dossier.testing.TestCatalogue;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.dossier.testing.StartedFirst;

/**
 * Two app nodes on one database, each with its own search index, as behind a load balancer with no
 * sticky sessions: whatever one node does, the other serves. (On PostgreSQL in the second test run;
 * on one SQLite file, which two processes can share too, in the first.)
 */
@StartedFirst(seconds = 16)
class SeveralNodesTest {

    /** How long a change may take to be found by search on the other node. */
    private static final long SEARCHABLE_WITHIN_MILLIS = 2_000;

    private static TestCatalogue nodeA;
    private static TestCatalogue nodeB;
    private static Database database;

    @BeforeAll
    static void start() throws Exception {
        nodeA = TestCatalogue.withSeeds();
        nodeB = nodeA.anotherNode();
        Editors.add(nodeA, "alice", Role.EDITOR);
        database = Database.open(nodeA.database());
    }

    @AfterAll
    static void stop() {
        database.close();
        nodeB.close();
        nodeA.close();
    }

    private static int version(int id) {
        return database.dsl().select(DOCUMENT.VERSION).from(DOCUMENT).where(DOCUMENT.ID.eq(id)).fetchSingle(DOCUMENT.VERSION);
    }

    private static int hits(Http http, String words) {
        HttpResponse<String> page = http.get("/search.json?q=" + words);
        assertEquals(200, page.statusCode(), page.body());
        return total(page.body());
    }

    /** Milliseconds until search on {@code http} finds {@code words}; fails past the allowed time. */
    private static long untilFound(Http http, String words) throws InterruptedException {
        long started = System.nanoTime();
        while (hits(http, words) == 0) {
            long waited = (System.nanoTime() - started) / 1_000_000;
            assertTrue(waited < SEARCHABLE_WITHIN_MILLIS, "'" + words + "' not found on " + http.url("/") + " after "
                    + waited + " ms");
            Thread.sleep(20);
        }
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static HttpResponse<String> save(Http editor, int id, FormFields form, String summary) {
        return editor.post("/admin/documents/" + id + "/edit", form.set("summary", summary)
                .set("note", "Correction on several nodes").entries());
    }

    @Test
    void aSessionFromOneNodeWorksOnTheOtherAndASaveThereIsFoundAndHasTheSameHistory() throws Exception {
        Http onA = Editors.signIn(nodeA, "alice");
        Http onB = onA.at(nodeB.baseUrl());
        int id = nodeA.recordTitled("(via Shtytkov)");
        assertEquals(0, hits(onB, "zanzibarian"));

        HttpResponse<String> form = onB.get("/admin/documents/" + id + "/edit");
        assertEquals(200, form.statusCode(), "the cookie from node A is a session on node B");
        HttpResponse<String> saved = save(onA, id, FormFields.of(form.body(), "form.record-form"),
                "A zanzibarian correction made through node A with a form opened on node B.");
        assertEquals(303, saved.statusCode(), "node B's CSRF token is good on node A: " + saved.body());

        untilFound(onB, "zanzibarian");
        untilFound(onA, "zanzibarian");
        String historyOnA = historyText(onA, id);
        String historyOnB = historyText(onB, id);
        assertTrue(historyOnA.contains("Correction on several nodes"), historyOnA);
        assertEquals(historyOnA, historyOnB);
    }

    @Test
    void aPersonAddedOnOneNodeIsSearchableByKeyAndOfferedInRecordFormsOnTheOther() throws Exception {
        Http onA = Editors.signIn(nodeA, "alice");
        Http onB = onA.at(nodeB.baseUrl());
        assertEquals(400, onB.get("/search.json?person=central-committee").statusCode(), "no such person yet");

        FormFields blank = FormFields.at(onA, "/admin/people/new", "form.authority-form");
        HttpResponse<String> made = onA.post("/admin/people/new", blank.set("name", "Central Committee")
                .set("kind", "organisation").set("note", "Added through node A").entries());
        assertEquals(303, made.statusCode(), made.body());

        // Node B's lists in memory follow the change feed, as its index does.
        long started = System.nanoTime();
        while (onB.get("/search.json?person=central-committee").statusCode() != 200) {
            long waited = (System.nanoTime() - started) / 1_000_000;
            assertTrue(waited < SEARCHABLE_WITHIN_MILLIS, "node B does not know the new person after " + waited + " ms");
            Thread.sleep(20);
        }
        String form = onB.get("/admin/documents/" + nodeA.recordTitled("(via Shtytkov)") + "/edit").body();
        assertTrue(Jsoup.parse(form).select("#people-choices label").eachText().contains("Central Committee"),
                "node B's record form offers the new person");
    }

    @Test
    void aPersonRenamedOnOneNodeIsFoundByTheNewNameOnTheOtherWhichNamesItSoAndHarvestsItsRecordsAgain() throws Exception {
        Http onA = Editors.signIn(nodeA, "alice");
        Http reader = nodeB.http().anotherVisitor();
        List<Integer> linked = database.dsl().selectDistinct(DOCUMENT_PERSON.DOCUMENT_ID).from(DOCUMENT_PERSON)
                .join(PERSON).on(PERSON.ID.eq(DOCUMENT_PERSON.PERSON_ID)).join(DOCUMENT).on(DOCUMENT.ID.eq(DOCUMENT_PERSON.DOCUMENT_ID))
                .where(PERSON.KEY.eq("shtykov")).and(DOCUMENT.WITHDRAWN_AT.isNull())
                .orderBy(DOCUMENT_PERSON.DOCUMENT_ID).fetch(DOCUMENT_PERSON.DOCUMENT_ID);
        assertTrue(linked.size() >= 2, "the seeds link Shtykov to " + linked);
        String newName = java.net.URLEncoder.encode("\"Terentii Fomich Shtykov\"", java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, hits(reader, newName), "no record is found by a name nobody has yet");
        // A harvest from the next second on: before the rename it lists none of his records.
        Instant from = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), from).toMillis() + 1));
        assertTrue(harvestedFrom(reader, from).stream().noneMatch(linked::contains), "nothing of his changed yet");

        FormFields form = FormFields.at(onA, "/admin/people/shtykov/edit", "form.authority-form");
        HttpResponse<String> renamed = onA.post("/admin/people/shtykov/edit", form.set("name", "Terentii Fomich Shtykov")
                .set("note", "His patronymic, renamed through node A").entries());
        assertEquals(303, renamed.statusCode(), Jsoup.parse(renamed.body()).select(".field-error").text());

        // Node B's names in memory follow the change feed: his new name finds his records there.
        long started = System.nanoTime();
        while (hits(reader, newName) != linked.size()) {
            long waited = (System.nanoTime() - started) / 1_000_000;
            assertTrue(waited < SEARCHABLE_WITHIN_MILLIS, "node B finds " + hits(reader, newName) + " of " + linked
                    + " by the new name after " + waited + " ms");
            Thread.sleep(20);
        }
        String permalink = reader.get("/documents/" + linked.get(0)).headers().firstValue("Location").orElseThrow();
        String page = Jsoup.parse(reader.get(java.net.URI.create(permalink).getPath()).body()).select("main").text();
        assertTrue(page.contains("Terentii Fomich Shtykov"), "node B's record page names him so: " + page);
        assertEquals(linked, harvestedFrom(reader, from).stream().filter(linked::contains).sorted().toList(),
                "node B's harvesters are given every record that shows the new name");
    }

    /** The records an OAI-PMH harvest from {@code from} on lists (one page: the seeds are fewer than a page). */
    private static List<Integer> harvestedFrom(Http http, Instant from) {
        HttpResponse<String> listed = http.get("/oai?verb=ListIdentifiers&metadataPrefix=oai_dc&from=" + from);
        assertEquals(200, listed.statusCode(), listed.body());
        return Jsoup.parse(listed.body(), "", org.jsoup.parser.Parser.xmlParser()).select("header:not([status]) > identifier")
                .eachText().stream().map(id -> Integer.parseInt(id.substring(id.lastIndexOf(':') + 1))).toList();
    }

    @Test
    void ofTenConcurrentSavesOfOneVersionOverBothNodesExactlyOneWins() throws Exception {
        Http onA = Editors.signIn(nodeA, "alice");
        Http onB = onA.at(nodeB.baseUrl());
        int id = nodeA.recordTitled("Political Situation in Korea during the Period of Military Operations");
        int opened = version(id);
        FormFields form = FormFields.at(onA, "/admin/documents/" + id + "/edit", "form.record-form");

        ExecutorService pool = Executors.newFixedThreadPool(10);
        CountDownLatch ready = new CountDownLatch(10);
        List<Future<Integer>> statuses = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                Http node = i % 2 == 0 ? onA : onB;
                String summary = "Concurrent save number " + i + " of one version.";
                statuses.add(pool.submit(() -> {
                    ready.countDown();
                    ready.await();
                    return save(node, id, form, summary).statusCode();
                }));
            }
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> status : statuses) {
                codes.add(status.get());
            }
            assertEquals(1, codes.stream().filter(c -> c == 303).count(), codes.toString());
            assertEquals(9, codes.stream().filter(c -> c == 409).count(), codes.toString());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(opened + 1, version(id));
    }

    @Test
    void killingANodeInTheMiddleOfABurstLosesNoAcknowledgedSave() throws Exception {
        int port = Ports.free();
        Path index = nodeA.folder().resolve("killed-node.index");
        // A JVM of its own ({@link AppJvm}): the node is killed, which no node of this JVM can be.
        Process node = AppJvm.of(List.of("serve",
                "--db", nodeA.database().text(), "--host", "127.0.0.1", "--port", Integer.toString(port),
                "--index", index.toString(), "--seeds", nodeA.folder().resolve("no-seeds").toString(),
                // Nothing waits for it to say it is ready: a warm-up would only take CPU from the burst.
                "--warm-up", "0"))
                .redirectErrorStream(true)
                .redirectOutput(nodeA.folder().resolve("killed-node.log").toFile())
                .start();
        try {
            Http onC = new Http("http://127.0.0.1:" + port);
            // A JVM of its own, started while other test classes run: on a busy machine its start alone
            // took two minutes. This is how long it may take to answer, not a measure of speed.
            long deadline = System.nanoTime() + 300_000_000_000L;
            while (!answers(onC)) {
                assertTrue(System.nanoTime() < deadline && node.isAlive(), () -> "the node in its own process did not "
                        + "start:\n" + log(nodeA.folder().resolve("killed-node.log")));
                Thread.sleep(100);
            }
            Http editorOnC = Editors.signIn(onC, "alice");
            List<Integer> ids = database.dsl().select(DOCUMENT.ID).from(DOCUMENT).where(DOCUMENT.WITHDRAWN_AT.isNull())
                    .orderBy(DOCUMENT.ID).limit(30).fetch(DOCUMENT.ID);

            ExecutorService burst = Executors.newSingleThreadExecutor();
            List<String> acknowledged = new ArrayList<>();
            List<Integer> statuses = java.util.Collections.synchronizedList(new ArrayList<>());
            Future<?> saves = burst.submit((Callable<Void>) () -> {
                for (int i = 0; i < ids.size(); i++) {
                    int id = ids.get(i);
                    String word = "burstword" + (char) ('a' + i % 26) + (char) ('a' + i / 26);
                    try {
                        FormFields form = FormFields.at(editorOnC, "/admin/documents/" + id + "/edit", "form.record-form");
                        int status = save(editorOnC, id, form, "Saved in a burst: " + word + ".").statusCode();
                        statuses.add(status);
                        if (status == 303) {
                            synchronized (acknowledged) {
                                acknowledged.add(word);
                            }
                        }
                    } catch (RuntimeException e) {
                        return null; // the node is gone: nothing after this was acknowledged
                    }
                }
                return null;
            });
            long burstDeadline = System.nanoTime() + 30_000_000_000L;
            while (true) {
                synchronized (acknowledged) {
                    if (acknowledged.size() >= 5) {
                        break;
                    }
                }
                assertTrue(System.nanoTime() < burstDeadline, "the burst did not get going: " + statuses);
                Thread.sleep(5);
            }
            node.destroyForcibly().waitFor();
            saves.get();
            burst.shutdown();

            Http reader = nodeA.http().anotherVisitor();
            List<String> saved;
            synchronized (acknowledged) {
                saved = List.copyOf(acknowledged);
            }
            assertTrue(saved.size() >= 5 && saved.size() < ids.size(), "killed in the middle: " + saved.size());
            for (String word : saved) {
                untilFound(reader, word);
            }
            int live = database.dsl().fetchCount(DOCUMENT, DOCUMENT.WITHDRAWN_AT.isNull());
            assertEquals(live, total(reader.get("/search.json").body()),
                    "the survivor's index holds every record in the database");
            assertEquals(hitsInDatabase(), hits(reader, "burstword*"),
                    "every save that committed, acknowledged or not, is in the survivor's index");
        } finally {
            node.destroyForcibly();
        }
    }

    private static int hitsInDatabase() {
        return database.dsl().fetchCount(DOCUMENT, DOCUMENT.SUMMARY.startsWith("Saved in a burst: burstword"));
    }

    private static String log(Path file) {
        try {
            return java.nio.file.Files.readString(file);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    private static boolean answers(Http http) {
        try {
            return http.get("/robots.txt").statusCode() == 200;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static int total(String json) {
        try {
            return new ObjectMapper().readTree(json).get("total").asInt();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A record's history page as a reader reads it, less the address printed on paper (a node with no public address set writes its own). */
    private static String historyText(Http node, int id) {
        org.jsoup.nodes.Document page = Jsoup.parse(node.get("/documents/" + id + "/history").body());
        page.select(".printed-address").remove();
        return page.select("main").text();
    }
}
