package org.dossier.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dossier.app.Database;
import org.dossier.app.Protection;
import org.dossier.editing.Editors;
import org.dossier.accounts.Role;
import org.dossier.testing.Http;
import org.dossier.testing.Logged;
import org.dossier.testing.RawHttp;
import org.dossier.testing.SameOnEveryDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.parallel.Isolated;

/** Prometheus metrics on their own port, and the access log, from a real catalogue. */
// Alone: it turns the access log on for the whole process and reads it, so another class's
// requests would be in the lines it reads.
@Isolated
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MetricsAndLogsTest {

    private static OperatedCatalogue catalogue;
    private static ListAppender<ILoggingEvent> accessLog;
    private static Logger access;

    @BeforeAll
    static void start() {
        access = (Logger) LoggerFactory.getLogger(RequestLog.LOGGER);
        access.setLevel(Level.INFO);
        accessLog = new ListAppender<>();
        accessLog.start();
        access.addAppender(accessLog);
        catalogue = OperatedCatalogue.withSeeds(new OperationsSettings(0, "127.0.0.1", 1_000, Duration.ofSeconds(2)));
    }

    @AfterAll
    static void stop() {
        catalogue.close();
        access.detachAppender(accessLog);
        access.setLevel(null);
    }

    private static String scrape() {
        HttpResponse<String> metrics = catalogue.http().get(catalogue.metricsUrl());
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
        return metrics.body();
    }

    /**
     * A scrape once {@code counted} holds of it, or the last one after 10 s: a request is counted once
     * its answer is sent, as it is logged (Jetty's request log), so the client may have its answer,
     * and ask for the metrics, before the node has counted it.
     */
    private static String scrapeOnce(java.util.function.Predicate<String> counted) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        String text = scrape();
        while (!counted.test(text) && System.nanoTime() < deadline) {
            text = scrape();
        }
        return text;
    }

    /** The scraped text without its samples' values: the names, labels and comments, where a series is named. */
    private static String withoutValues(String text) {
        StringBuilder kept = new StringBuilder();
        for (String line : text.split("\n")) {
            int value = line.lastIndexOf(' ');
            kept.append(line.startsWith("#") || value < 0 ? line : line.substring(0, value)).append('\n');
        }
        return kept.toString();
    }

    /** The sum of every sample line of {@code name} carrying all the labels given. */
    private static double total(String text, String name, String... labels) {
        double sum = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith(name + "{") && java.util.Arrays.stream(labels).allMatch(line::contains)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    /** The value of one sample line, {@code name{labels} value}; labels in any order are matched as given. */
    private static double sample(String text, String name, String... labels) {
        for (String line : text.split("\n")) {
            if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
                continue;
            }
            boolean all = true;
            for (String label : labels) {
                all &= line.contains(label);
            }
            if (all) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return Double.NaN;
    }

    // Same on every database: the series are named by the route templates; the pages asked for are read on both
    // by the page classes.
    @SameOnEveryDatabase
    @Test
    void requestsAreCountedPerRouteTemplateNeverPerAddress() {
        Http http = catalogue.http();
        int one = catalogue.recordTitled("Letter to Stalin from the Commanders and Soldiers");
        int another = catalogue.recordTitled("with Polish Professor Lange");
        assertEquals(301, http.get("/documents/" + one).statusCode());
        assertEquals(301, http.get("/documents/" + another).statusCode());
        assertEquals(200, http.get("/search?q=stalin").statusCode());
        assertEquals(404, http.get("/no/such/page/12345").statusCode());
        assertEquals(405, http.send("PUT", "/documents/" + one, "text/plain", "").statusCode());
        String text = scrapeOnce(t -> sample(t, "http_server_requests_seconds_count", "method=\"PUT\"",
                "route=\"/documents/{ref}\"", "status=\"405\"") >= 1);
        assertTrue(sample(text, "http_server_requests_seconds_count", "route=\"/documents/{ref}\"", "status=\"301\"") >= 2,
                text);
        assertTrue(sample(text, "http_server_requests_seconds_bucket", "route=\"/search\"", "le=\"30.0\"") >= 1);
        assertTrue(sample(text, "http_server_requests_seconds_count", "route=\"unmatched\"", "status=\"404\"") >= 1);
        assertEquals(1, sample(text, "http_server_requests_seconds_count", "method=\"PUT\"", "route=\"/documents/{ref}\"",
                "status=\"405\""), "a method the address does not take is counted at its route, as its other answers are");
        assertFalse(text.contains("/documents/" + one), "no series per record");
        // In the names and labels only: a sample's value (a byte count, a time) can hold the digits.
        assertFalse(withoutValues(text).contains("12345"), "no series per address tried");
        assertTrue(sample(text, "dossier_search_engine_seconds_count", "operation=\"search\"") >= 1);
    }

    @Test
    void readersSearchPagesAreCountedAsGivenFromThoseKeptOrRendered() {
        Http reader = catalogue.http().anotherVisitor();
        String before = scrape();
        assertEquals(200, reader.get("/search?q=khrushchev&type=memorandum").statusCode());
        assertEquals(200, reader.get("/search?q=khrushchev&type=memorandum").statusCode());
        assertEquals(200, reader.get("/search?q=khrushchev&type=memorandum").statusCode());
        String after = scrape();
        assertEquals(1, sample(after, "dossier_search_pages_total", "page=\"rendered\"")
                - sample(before, "dossier_search_pages_total", "page=\"rendered\""), "the first, rendered");
        assertEquals(2, sample(after, "dossier_search_pages_total", "page=\"kept\"")
                - sample(before, "dossier_search_pages_total", "page=\"kept\""), "the two asked again, as kept");
    }

    @Test
    void theIndexThePoolAndTheJvmAreGauged() {
        String text = scrape();
        assertEquals(0.0, sample(text, "dossier_index_lag"));
        assertEquals(0.0, sample(text, "dossier_merges_pending"));
        assertEquals(1.0, sample(text, "dossier_index_open"));
        assertTrue(sample(text, "dossier_index_generation") >= 1);
        assertEquals(49.0, sample(text, "dossier_imports_records_total"));
        assertEquals(8.0, sample(text, "hikaricp_connections_max", "pool=\"dossier-sqlite\""));
        // One heap pool (G1 Eden, just after a collection) may well be empty; the heap as a whole is not.
        assertTrue(total(text, "jvm_memory_used_bytes", "area=\"heap\"") > 0);
        assertTrue(sample(text, "jvm_threads_live_threads") > 0);
    }

    @Test
    void failedAndThrottledSignInsAreCounted() {
        try (Database db = Database.open(catalogue.database())) {
            Editors.add(db.dsl(), "metrics-mo", Role.EDITOR);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        double before = sample(scrape(), "dossier_signin_failures_total");
        Http visitor = catalogue.http();
        String csrf = Editors.csrf(visitor.get("/admin/login").body());
        for (int i = 0; i < 5; i++) {
            visitor.post("/admin/login", Map.of("csrf", csrf, "username", "metrics-mo", "password", "wrong password!",
                    "return", "/admin"));
        }
        String text = scrapeOnce(t -> sample(t, "dossier_signin_failures_total") >= before + 5);
        assertEquals(before + 5, sample(text, "dossier_signin_failures_total"), text);
        assertTrue(sample(text, "dossier_signin_throttled_total") >= 0);
    }

    // Same on every database: the two ports' routes, no database read.
    @SameOnEveryDatabase
    @Test
    void theMetricsAreNotOnThePublicPortAndTheMetricsPortServesNothingElse() {
        assertEquals(404, catalogue.http().get("/metrics").statusCode());
        assertEquals(404, catalogue.http().get(catalogue.metricsUrl().replace("/metrics", "/")).statusCode());
    }

    // Same on every database: the access log's lines are made from the requests.
    @SameOnEveryDatabase
    @Test
    void everyRequestLeavesOneAccessLineWithoutItsQueryString() {
        Logged.clear(accessLog);
        HttpResponse<String> page = catalogue.http().get("/search?q=kennan&person=stalin");
        assertEquals(200, page.statusCode());
        ILoggingEvent line = awaitLine("/search");
        String message = line.getFormattedMessage();
        assertTrue(message.startsWith("GET /search 200 "), message);
        assertFalse(message.contains("kennan"), "no query string: " + message);
        Map<String, Object> fields = new java.util.HashMap<>();
        line.getKeyValuePairs().forEach(kv -> fields.put(kv.key, kv.value));
        assertEquals("/search", fields.get("route"));
        assertEquals(200, fields.get("status"));
        assertEquals((long) page.body().getBytes(StandardCharsets.UTF_8).length, fields.get("bytes"));
        assertTrue(((Double) fields.get("ms")) >= 0);
    }

    /**
     * A 500 said that the error had been logged, and the log said "GET /documents/… failed": a
     * reader's report could not be told from any other failure of that page. The page, its JSON and
     * the X-Request-Id header give a reference, and the error's line and the access line carry it.
     */
    @Test
    void aServerErrorIsLoggedUnderTheReferenceItsAnswerGives() throws Exception {
        Logger errors = (Logger) LoggerFactory.getLogger(org.dossier.web.ErrorPages.class);
        ListAppender<ILoggingEvent> errorLog = new ListAppender<>();
        errorLog.start();
        errors.addAppender(errorLog);
        try (OperatedCatalogue broken = OperatedCatalogue.withSeeds(new OperationsSettings(null, null, 1_000,
                Duration.ofSeconds(2)))) {
            int record = broken.recordTitled("Letter to Stalin from the Commanders and Soldiers");
            Http http = broken.http();
            String page = http.get("/documents/" + record).headers().firstValue("Location").orElseThrow()
                    .replaceAll("^https?://[^/]+", "");
            // Something the code does not expect: a table its record pages read is gone.
            try (Database db = Database.open(broken.database())) {
                db.dsl().execute("ALTER TABLE document_place RENAME TO document_place_elsewhere");
            }
            Logged.clear(accessLog);

            HttpResponse<String> html = http.get(page);
            assertEquals(500, html.statusCode(), html.body());
            String reference = html.headers().firstValue("X-Request-Id").orElseThrow();
            assertTrue(reference.matches("[0-9a-f]{12}"), reference);
            assertTrue(html.body().contains("<code>" + reference + "</code>"), html.body());
            HttpResponse<String> json = http.get("/documents/" + record + ".json");
            assertEquals(500, json.statusCode(), json.body());
            String jsonReference = new ObjectMapper().readTree(json.body()).get("reference").asText();
            assertEquals(json.headers().firstValue("X-Request-Id").orElseThrow(), jsonReference);
            assertFalse(jsonReference.equals(reference), "one id a request");

            for (String id : List.of(reference, jsonReference)) {
                assertEquals(1, Logged.events(errorLog).stream().filter(e -> e.getLevel() == Level.ERROR)
                        .filter(e -> e.getFormattedMessage().endsWith(" failed (request " + id + ")")).count(),
                        Logged.events(errorLog).toString());
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (Logged.events(accessLog).stream().noneMatch(e -> e.getFormattedMessage().contains(" 500 ")
                        && e.getFormattedMessage().contains(" id=" + id + " "))) {
                    assertTrue(System.nanoTime() < deadline, Logged.events(accessLog).toString());
                    Thread.sleep(20);
                }
            }
        } finally {
            errors.detachAppender(errorLog);
        }
    }

    // Same on every database: Jetty refuses the request line before any handler runs.
    @SameOnEveryDatabase
    @Test
    void aRequestThatCannotBeParsedIsLoggedAndCountedAsUnparsableNotAsAMadeUpPath() {
        Logged.clear(accessLog);
        assertEquals(400, RawHttp.send(catalogue.app().port(), "GET /a b c HTTP/1.1", "Host: localhost").status());
        long deadline = System.nanoTime() + 10_000_000_000L;
        String message = null;
        while (message == null && System.nanoTime() < deadline) {
            message = Logged.events(accessLog).stream().map(ILoggingEvent::getFormattedMessage)
                    .filter(m -> m.startsWith("- - 400 ")).findFirst().orElse(null);
            Thread.onSpinWait();
        }
        assertTrue(message != null && message.endsWith("route=unparsable"), Logged.events(accessLog).toString());
        assertFalse(Logged.events(accessLog).toString().contains("badMessage"), Logged.events(accessLog).toString());
        String text = scrapeOnce(t -> sample(t, "http_server_requests_seconds_count", "route=\"unparsable\"",
                "status=\"400\"") >= 1);
        assertTrue(sample(text, "http_server_requests_seconds_count", "route=\"unparsable\"", "status=\"400\"") >= 1,
                text);
        assertFalse(text.contains("BAD") || text.contains("badMessage"), text);
    }

    // Same on every database: the access log's lines are made from the requests.
    @SameOnEveryDatabase
    @Test
    void aPathsCharactersThatAreNotPrintableAsciiArePercentEncodedInTheLogNeverWrittenAsTheyCame() {
        Logged.clear(accessLog);
        // Sent as they are, not escaped: a next line (U+0085) and a line separator (U+2028), which
        // many log readers break a line at, and a right-to-left override (U+202E), which shows the
        // rest of the line reversed.
        assertEquals(400, RawHttp.send(catalogue.app().port(), "GET /x\u0085FAKE\u2028line\u202Eevil HTTP/1.1",
                "Host: localhost").status());
        String message = awaitLine("/x%C2%85FAKE%E2%80%A8line%E2%80%AEevil").getFormattedMessage();
        assertTrue(message.chars().allMatch(c -> c >= 0x20 && c < 0x7F), message);
    }

    // Same on every database: the methods are refused before any handler reads the catalogue.
    @SameOnEveryDatabase
    @Test
    void madeUpMethodsAreCountedInOneSeriesNotOneEach() {
        // Jetty takes any word as a method: each new one made a timer kept for the node's life.
        for (int i = 0; i < 20; i++) {
            assertEquals(405, RawHttp.send(catalogue.app().port(), "MADEUP" + i + " / HTTP/1.1", "Host: localhost").status());
        }
        assertEquals(405, RawHttp.send(catalogue.app().port(), "PUT / HTTP/1.1", "Host: localhost").status());
        String text = scrapeOnce(t -> sample(t, "http_server_requests_seconds_count", "method=\"other\"", "status=\"405\"") >= 20
                && sample(t, "http_server_requests_seconds_count", "method=\"PUT\"", "status=\"405\"") >= 1);
        assertFalse(text.contains("MADEUP"), "no series per method tried");
        assertTrue(sample(text, "http_server_requests_seconds_count", "method=\"other\"",
                "status=\"405\"") >= 20, text);
        assertTrue(sample(text, "http_server_requests_seconds_count", "method=\"PUT\"",
                "status=\"405\"") >= 1, "HTTP's own methods keep their names: " + text);
    }

    /**
     * First, before the class's node has answered anything but /ready: it shares the access log, and
     * Jetty writes a request's line once the response is sent, after the client may have it, so on
     * a loaded machine the line of a request an earlier test made ("GET /metrics 404") came after
     * the clear below and was read as the warmed node's. Nothing tells the two nodes' lines apart
     * (both pools' threads are Javalin's "JettyServerThreadPool"; a line names no port).
     */
    // Same on every database: what the warm-up leaves out of the log, the metrics and the limit is the node's
    // own; the pages it asks for are read on both by the page classes.
    @SameOnEveryDatabase
    @Test
    @Order(1)
    void aNodesOwnWarmUpIsNeitherLoggedNorCountedNorHeldToTheSearchLimit() throws Exception {
        Logged.clear(accessLog);
        // 200 searches and pages of its own on a node that allows one client 60 searches a minute and
        // answers one host name only.
        try (OperatedCatalogue warmed = OperatedCatalogue.withSeeds(
                new OperationsSettings(0, "127.0.0.1", 1_000, Duration.ofSeconds(2), 200,
                        Duration.ofSeconds(60)),
                Protection.DEFAULTS.withAllowedHosts(List.of("127.0.0.1")))) {
            JsonNode warmUp = null;
            for (int i = 0; i < 600; i++) {
                HttpResponse<String> ready = warmed.http().get("/ready");
                warmUp = new ObjectMapper().readTree(ready.body()).get("checks").get("warmUp");
                if (ready.statusCode() == 200) {
                    break;
                }
                Thread.sleep(50);
            }
            assertTrue(warmUp.get("ok").asBoolean(), warmUp.toString());
            assertEquals(200, warmUp.get("details").get("asked").asInt());
            assertEquals(0, warmUp.get("details").get("failed").asInt(), "some of the warm-up's requests failed");
            String text = new Http("http://127.0.0.1:" + warmed.app().metricsPort()).get(MetricsServer.PATH).body();
            assertEquals(0, total(text, "http_server_requests_seconds_count", "route=\"/search\""), text);
            assertTrue(total(text, "http_server_requests_seconds_count", "route=\"/ready\"") >= 1, text);
            assertEquals(List.of(), Logged.events(accessLog).stream().map(ILoggingEvent::getFormattedMessage)
                    .filter(line -> !line.startsWith("GET /ready ")).toList());
        }
    }

    // Same on every database: a logger context of its own, no database.
    @SameOnEveryDatabase
    @Test
    void jsonLogsAreOneJsonObjectALineWithTheAccessFields() throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OutputStreamAppender<ILoggingEvent> console = new OutputStreamAppender<>();
        PatternLayoutEncoder text = new PatternLayoutEncoder();
        text.setContext(context);
        text.setPattern("%msg%n");
        text.start();
        console.setContext(context);
        console.setEncoder(text);
        console.setOutputStream(out);
        console.start();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(console);

        LogFormat.json.apply(context);
        context.getLogger(RequestLog.LOGGER).atInfo().addKeyValue("route", "/documents/{ref}").addKeyValue("status", 301)
                .log("GET /documents/3 301"); // a line as the request log writes it: no record is read
        context.getLogger("org.dossier.Example").error("it \"broke\"", new IllegalStateException("why"));

        // System.out is the process's: the class's own catalogue may still be writing its queued,
        // plain-text access lines there. This context's lines are the JSON ones.
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("{")).toList();
        assertEquals(2, lines.size(), out.toString(StandardCharsets.UTF_8));
        ObjectMapper json = new ObjectMapper();
        JsonNode first = json.readTree(lines.get(0));
        assertEquals("INFO", first.get("level").asText());
        assertEquals(RequestLog.LOGGER, first.get("loggerName").asText());
        assertEquals("GET /documents/3 301", first.get("formattedMessage").asText());
        assertTrue(first.get("kvpList").toString().contains("/documents/{ref}"), first.toString());
        JsonNode second = json.readTree(lines.get(1));
        assertEquals("it \"broke\"", second.get("formattedMessage").asText());
        assertTrue(second.get("throwable").toString().contains("why"));
        context.stop();
    }

    // Same on every database: the jar's logging configuration, no database.
    @SameOnEveryDatabase
    @Test
    void theShippedConfigurationQueuesTheAccessLogAndSwitchesItToJsonToo() throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        java.io.PrintStream standardOut = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            new ch.qos.logback.classic.util.ContextInitializer(context).autoConfig(getClass().getClassLoader());
            assertTrue(context.getLogger(RequestLog.LOGGER).getAppender("access")
                    instanceof ch.qos.logback.classic.AsyncAppender, "the access log goes through a queue");
            LogFormat.json.apply(context);
            context.getLogger(RequestLog.LOGGER).setLevel(Level.INFO); // the tests run with dossier.log.level=WARN
            context.getLogger(RequestLog.LOGGER).atInfo().addKeyValue("status", 200).log("GET /search 200");
            context.getLogger("org.dossier.Example").warn("plain");
            context.stop(); // drains the queue
        } finally {
            System.setOut(standardOut);
        }
        // Standard output is the JVM's: a class running beside this one logs there too (its access
        // lines, in plain text). This test's two lines are the ones its own thread wrote, in any format.
        String thread = Thread.currentThread().getName();
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().filter(line -> line.contains(thread)).toList();
        assertEquals(2, lines.size(), out.toString(StandardCharsets.UTF_8));
        ObjectMapper json = new ObjectMapper();
        List<String> messages = new java.util.ArrayList<>();
        for (String line : lines) {
            messages.add(json.readTree(line).get("formattedMessage").asText()); // JSON, also through the queue
        }
        assertTrue(messages.contains("GET /search 200"), messages.toString());
    }

    private static ILoggingEvent awaitLine(String path) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (ILoggingEvent event : Logged.events(accessLog)) {
                Matcher m = Pattern.compile("^GET (\\S+) ").matcher(event.getFormattedMessage());
                if (m.find() && m.group(1).equals(path)) {
                    return event;
                }
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("no access line for " + path + " in " + Logged.events(accessLog));
    }
}
