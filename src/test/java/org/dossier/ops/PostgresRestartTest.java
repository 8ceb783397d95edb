package org.dossier.ops;

import static org.dossier.db.Tables.DOCUMENT;
import static org.dossier.ops.OperatedCatalogue.awaitReady;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.dossier.accounts.Role;
import org.dossier.app.Database;
import org.dossier.app.DatabaseAddress;
import org.dossier.app.WriteWait;
import org.dossier.documents.RecordStore;
import org.dossier.editing.Editors;
import org.dossier.editing.FormFields;
import org.dossier.importing.ImportRun;
import org.dossier.testing.Http;
import org.dossier.testing.Logged;
import org.dossier.testing.Ports;
import org.dossier.testing.StartedFirst;
import org.dossier.testing.TestCatalogue;
import org.dossier.testing.TestPostgres;
import org.dossier.web.DatabaseUnreachable;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.slf4j.LoggerFactory;

/**
 * Two app nodes on a PostgreSQL server of the test's own, which is stopped as an operator stops it
 * ({@code pg_ctl stop -m fast}: every connection is told the server is shutting down) and started
 * again on the same data: both nodes say so and serve 503s meanwhile, and are back by themselves.
 * DatabaseOutageTest cuts a relay instead, which the shared server of the other tests allows.
 */
@StartedFirst(seconds = 35)
@ResourceLock(DatabaseOutageTest.OUTAGE_LOG)
class PostgresRestartTest {

    /**
     * How long node B's requests wait for a connection, not the 5 s: the 503 page it gives once the
     * wait is over is what this test pins (DatabaseOutageTest, the 5 s); a wait this long still
     * lets B's pool reconnect to a server started again on a loaded machine before the save after.
     */
    private static final WriteWait NODE_B_WAITS = new WriteWait(Duration.ofSeconds(2));

    @TempDir
    Path folder;

    @Test
    void aDatabaseStoppedAndStartedAgainUnderTwoNodesIsA503MeanwhileAndTheyAreBackWithNothingMissed() throws Exception {
        assumeTrue(TestPostgres.selected(), "PostgreSQL only: a SQLite file does not go away");
        int port = Ports.free();
        Path data = folder.resolve("pg");
        EmbeddedPostgres server = startServer(data, port);
        // The connection pool's own warnings, caught where the console would get them.
        Logger pool = (Logger) LoggerFactory.getLogger("com.zaxxer.hikari");
        ListAppender<ILoggingEvent> poolSaid = new ListAppender<>();
        poolSaid.start();
        try {
            execute(server, "CREATE DATABASE dossier");
            DatabaseAddress address = DatabaseAddress.postgresql("jdbc:postgresql://localhost:" + port + "/dossier?user=postgres");
            int id;
            try (Database db = Database.open(address)) {
                new ImportRun(new RecordStore(db.dsl(), Clock.systemUTC()), Clock.systemUTC()).run(List.of(TestCatalogue.SEEDS));
                Editors.add(db.dsl(), "alice", Role.EDITOR);
                id = db.dsl().fetchValue(DSL.select(DSL.min(DOCUMENT.ID)).from(DOCUMENT));
            }
            try (OperatedCatalogue nodeA = OperatedCatalogue.start(address, folder.resolve("a.index"), TestCatalogue.STOPS_AT_ONCE);
                 OperatedCatalogue nodeB = OperatedCatalogue.start(address, folder.resolve("b.index"), TestCatalogue.STOPS_AT_ONCE,
                         NODE_B_WAITS)) {
                Http onA = Editors.signIn(nodeA.http().anotherVisitor(), "alice");
                Http onB = onA.at(nodeB.http().url(""));
                awaitReady(nodeA.http());
                awaitReady(nodeB.http());
                // A save just before the stop: the other node's index has it once it is back, whatever it had applied.
                save(onA, id, "Saved just before the database stopped: prestopword.");
                pool.addAppender(poolSaid);

                server.close();
                server = null;
                for (Http node : List.of(nodeA.http(), nodeB.http())) {
                    HttpResponse<String> ready = node.get(Health.READINESS);
                    assertEquals(503, ready.statusCode(), ready.body());
                    JsonNode database = new com.fasterxml.jackson.databind.ObjectMapper().readTree(ready.body())
                            .get("checks").get("database");
                    assertFalse(database.get("ok").asBoolean(), ready.body());
                }
                // A page waits its node's write wait for a connection (5 s, node B's less): one node's is enough.
                HttpResponse<String> page = onB.get("/documents/" + id);
                assertEquals(503, page.statusCode(), page.body());
                assertEquals(String.valueOf(DatabaseUnreachable.RETRY_AFTER_SECONDS),
                        page.headers().firstValue("Retry-After").orElse(""));
                assertTrue(page.body().contains("cannot reach its database"), page.body());
                assertFalse(page.body().contains("Exception"), page.body());

                server = startServer(data, port);
                awaitReady(nodeA.http());
                awaitReady(nodeB.http());
                assertEquals(1, onB.json("/search.json?q=prestopword").get("total").asInt(),
                        "node B's index has the save made before the stop");
                // The session of before the stop, in the database, signs the editor in on either node still.
                save(onB, id, "Saved once the database was back: poststopword.");
                assertEquals(1, onA.json("/search.json?q=poststopword").get("total").asInt(),
                        "node A's index follows the feed again");
            }
        } finally {
            pool.detachAppender(poolSaid);
            if (server != null) {
                server.close();
            }
        }
        // The nodes say the outage once each, in a line of their own (DatabaseOutageTest). The pool
        // said it again for each connection the stop broke, with a stack trace, and for each idle one
        // it then found dead, advising a shorter maxLifetime, which has nothing to do with it.
        List<String> stackTraces = Logged.events(poolSaid).stream().filter(e -> e.getThrowableProxy() != null)
                .map(ILoggingEvent::getFormattedMessage).toList();
        assertEquals(List.of(), stackTraces, "no stack trace of the pool's for an outage");
        List<String> maxLifetime = Logged.events(poolSaid).stream().map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.contains("maxLifetime")).toList();
        assertEquals(List.of(), maxLifetime, "no advice that does not apply");
    }

    private static void save(Http editor, int id, String summary) {
        HttpResponse<String> form = editor.get("/admin/documents/" + id + "/edit");
        assertEquals(200, form.statusCode(), form.body());
        HttpResponse<String> saved = editor.post("/admin/documents/" + id + "/edit",
                FormFields.of(form.body(), "form.record-form").set("summary", summary).set("note", "Around a restart").entries());
        assertEquals(303, saved.statusCode(), saved.body());
    }

    /** A server on {@code data} (made the first time, kept when it stops) and {@code port}, so that it can be started again. */
    private static EmbeddedPostgres startServer(Path data, int port) throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port)
                .setServerConfig("fsync", "off").start();
    }

    private static void execute(EmbeddedPostgres server, String sql) throws Exception {
        try (Connection connection = server.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
