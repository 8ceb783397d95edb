package org.dossier.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.util.List;
import org.dossier.testing.Logged;
import org.dossier.testing.SameOnEveryDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A background task's failed rounds in the log: each way of failing said once, in one line, until a
 * round goes through, which is said too. (DatabaseOutageTest cuts a real PostgreSQL off.)
 */
@SameOnEveryDatabase
class RoundFailuresTest {

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private RoundFailures failures;

    @BeforeEach
    void log() {
        // A logger of the test's own, so that no other class's lines come in.
        Logger log = new LoggerContext().getLogger("round-failures-test");
        log.setLevel(Level.INFO);
        logged.start();
        log.addAppender(logged);
        failures = new RoundFailures(log, "The search index", "at the next poll");
    }

    private List<String> lines() {
        return Logged.events(logged).stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void aFullDiskAtEveryPollIsOneErrorWithItsStackTraceThenOneLineWhenItIsOver() {
        // What Lucene's writer meets at every poll once the index's disk is full.
        for (int round = 0; round < 25; round++) {
            failures.failed(new UncheckedIOException(new IOException("No space left on device")),
                    "could not apply the changes after " + (50 + round));
        }
        failures.succeeded();
        failures.succeeded();
        assertEquals(List.of("The search index could not apply the changes after 50: No space left on device; trying "
                        + "again at the next poll, quietly while it fails the same way",
                "The search index: going through again"), lines());
        assertNotNull(Logged.events(logged).get(0).getThrowableProxy(), "a fault keeps its stack trace, once");
    }

    @Test
    void anOutageIsOneLineWhateverEachRoundsConnectionSaidAndAnotherFailureIsSaidToo() {
        failures.failed(new RuntimeException(new SQLException("An I/O error occurred while sending to the backend.",
                "08006", new java.io.EOFException())), "could not apply the changes after 7");
        failures.failed(new RuntimeException(new SQLException("Connection to db:5432 refused", "08001",
                new ConnectException("Connection refused"))), "could not apply the changes after 7");
        failures.failed(new IllegalStateException("a fault"), "could not apply the changes after 7");
        failures.succeeded();
        List<String> lines = lines();
        assertEquals(3, lines.size(), lines.toString());
        assertTrue(lines.get(0).contains(": the database cannot be reached (An I/O error occurred while sending to the "
                + "backend.); trying again at the next poll, quietly until it answers"), lines.get(0));
        assertNull(Logged.events(logged).get(0).getThrowableProxy(), "no stack trace for an outage");
        assertTrue(lines.get(1).contains(": a fault;"), lines.get(1));
        assertEquals("The search index: going through again", lines.get(2));
    }

    /** What DatabaseOutageTest waits for: the rounds it cannot otherwise see, each a line at DEBUG and none above. */
    @Test
    void eachRoundThatFailsAsTheLastDidIsALineAtDebugOnly() {
        Logger log = new LoggerContext().getLogger("round-failures-test-debug");
        log.setLevel(Level.DEBUG);
        ListAppender<ILoggingEvent> all = new ListAppender<>();
        all.start();
        log.addAppender(all);
        RoundFailures quiet = new RoundFailures(log, "The search index", "at the next poll");
        for (int round = 0; round < 3; round++) {
            quiet.failed(new RuntimeException(new SQLException("Connection to db:5432 refused", "08001",
                    new ConnectException("Connection refused"))), "could not apply the changes after 7");
        }
        List<String> lines = Logged.events(all).stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
        assertEquals(3, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("WARN The search index could not apply the changes after 7: the database "
                + "cannot be reached"), lines.get(0));
        for (String again : lines.subList(1, 3)) {
            assertEquals("DEBUG The search index could not apply the changes after 7 again: the database cannot be reached "
                    + "(Connection refused)", again);
        }
        assertTrue(Logged.events(all).stream().allMatch(e -> e.getThrowableProxy() == null), "no stack trace");
    }

    @Test
    void aServiceAwayIsOneLineWhateverEachRoundSaidAndItsReturnIsNamed() {
        failures.unreachable("Solr", "Timeout occurred while waiting response from server at: http://10.0.0.5:8983/solr",
                "could not apply the changes after 7");
        failures.unreachable("Solr", "Could not find a healthy node to handle the request.", "could not apply the changes after 7");
        failures.unreachable("Solr", "Connection refused", "could not apply the changes after 7");
        failures.succeeded();
        assertEquals(List.of("The search index could not apply the changes after 7: Solr cannot be reached (Timeout "
                        + "occurred while waiting response from server at: http://10.0.0.5:8983/solr); trying again at the "
                        + "next poll, quietly until it answers",
                "The search index: Solr answers again"), lines());
        assertNull(Logged.events(logged).get(0).getThrowableProxy(), "no stack trace for an outage");
    }
}
