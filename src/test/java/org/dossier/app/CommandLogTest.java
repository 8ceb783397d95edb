package org.dossier.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.dossier.accounts.Role;
import org.dossier.app.CommandOutputTest.Finished;
import org.dossier.editing.Editors;
import org.dossier.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a command says on standard error about a catalogue already at this version's schema: its
 * own lines and nothing else. Flyway said "Successfully validated 23 migrations" on every command
 * (its look at the schema before the catalogue is opened), a line an operator's cron mail or
 * {@code 2> backup.log} carried each time, about nothing that happened. Run as an operator runs it,
 * in a JVM of its own with the jar's log configuration ({@link CommandOutputTest#java}), on SQLite
 * and on PostgreSQL.
 */
class CommandLogTest {

    @TempDir
    Path folder;

    @AfterEach
    void dropTheDatabase() {
        TestDatabase.forget(folder);
    }

    @Test
    void aCommandOnACatalogueAtThisVersionSaysOnlyItsOwnLinesOnStandardError() throws Exception {
        // The catalogue, at this version with an account, made here: a JVM of its own (CommandOutputTest
        // runs `user add` in one) would only add its start to the two commands whose lines are read.
        DatabaseAddress address = TestDatabase.in(folder);
        try (Database db = Database.open(address)) {
            Editors.add(db.dsl(), "ada", Role.EDITOR);
        }
        String database = address.text();

        Finished listed = CommandOutputTest.run(folder, List.of("user", "list", "--db", database), null);
        assertEquals(0, listed.status(), listed.toString());
        assertEquals(List.of(), saidBesideWarnings(listed), listed.toString());

        Finished relinked = CommandOutputTest.run(folder, List.of("relink", "--db", database, "--person", "nobody"), null);
        assertEquals(List.of("Nothing was linked: there is no person 'nobody'."),
                saidBesideWarnings(relinked), relinked.toString());
    }

    /**
     * The lines on standard error but the libraries' warnings and errors, which stay (jOOQ's warning
     * that a PostgreSQL server is older than its dialect is one).
     */
    private static List<String> saidBesideWarnings(Finished finished) {
        return finished.err().lines().filter(line -> !warning(line)).toList();
    }

    private static boolean warning(String line) {
        return line.contains(" WARN ") || line.contains(" ERROR ");
    }
}
