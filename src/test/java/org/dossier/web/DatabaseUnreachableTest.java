package org.dossier.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.dossier.testing.SameOnEveryDatabase;
import org.junit.jupiter.api.Test;

/**
 * Which failures mean the database cannot be reached (a 503 saying so), as the pool and the
 * PostgreSQL driver report them; DatabaseOutageTest cuts a real server off.
 */
@SameOnEveryDatabase
class DatabaseUnreachableTest {

    @Test
    void aPoolThatTimedOutBecauseConnectionsFailIsUnreachable() {
        SQLException refused = new SQLException("Connection to db:5432 refused", "08001",
                new ConnectException("Connection refused"));
        SQLTransientConnectionException timedOut = new SQLTransientConnectionException(
                "dossier-postgresql - Connection is not available, request timed out after 5000ms", "08001", refused);
        assertEquals("Connection refused", DatabaseUnreachable.of(new RuntimeException(timedOut)).orElseThrow());
        assertTrue(DatabaseUnreachable.of(new SQLException("terminating connection due to administrator command",
                "57P01")).isPresent());
    }

    @Test
    void aPoolThatWasOnlyBusyAndOtherFailuresAreNot() {
        // Every connection in use for the whole wait, none failing: the database is there.
        assertTrue(DatabaseUnreachable.of(new SQLTransientConnectionException(
                "dossier-postgresql - Connection is not available, request timed out after 5000ms")).isEmpty());
        assertTrue(DatabaseUnreachable.of(new SQLException("duplicate key", "23505")).isEmpty());
        assertTrue(DatabaseUnreachable.of(new IllegalStateException("x")).isEmpty());
    }

    @Test
    void aConnectionBrokenMidQueryIsUnreachableSaysWhyAndIsAWriteThatCannotGoThrough() {
        // A server that went away during a save: the driver's I/O error over an EOFException that says nothing.
        SQLException broken = new SQLException("An I/O error occurred while sending to the backend.", "08006",
                new java.io.EOFException());
        assertEquals("An I/O error occurred while sending to the backend.",
                DatabaseUnreachable.of(new RuntimeException(broken)).orElseThrow());
        // What the forms catch, to show the editor's text again: a 503 that says the database cannot be reached.
        WriteUnavailable unavailable = WriteUnavailable.of(new RuntimeException(broken)).orElseThrow();
        assertTrue(unavailable.unreachable());
        assertFalse(unavailable.readOnly());
        assertEquals(DatabaseUnreachable.RETRY_AFTER_SECONDS, unavailable.retryAfterSeconds());
        assertEquals(DatabaseUnreachable.MESSAGE, unavailable.getMessage());
        assertEquals("An I/O error occurred while sending to the backend.", unavailable.why());
    }

    @Test
    void whyIsTheFirstLineOfWhatTheDatabaseSaidForTheLogSaysItInOne() {
        SQLException lockTimeout = new SQLException("ERROR: canceling statement due to lock timeout\n  Position: 62", "55P03");
        WriteUnavailable busy = WriteUnavailable.of(new RuntimeException(lockTimeout)).orElseThrow();
        assertEquals("ERROR: canceling statement due to lock timeout", busy.why());
        // A reader sent no form: what it is told speaks of a page, not of a save.
        assertFalse(busy.toldReading().contains("saved"), busy.toldReading());
        assertTrue(busy.getMessage().contains("saved"), busy.getMessage());
        SQLException cut = new SQLException("FATAL: terminating connection due to administrator command\n  Where: x", "57P01");
        assertEquals("FATAL: terminating connection due to administrator command",
                DatabaseUnreachable.of(new RuntimeException(cut)).orElseThrow());
    }
}
