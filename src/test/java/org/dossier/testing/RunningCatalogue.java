package org.dossier.testing;

import java.nio.file.Path;
import java.util.function.Consumer;
import org.dossier.app.DatabaseAddress;
import org.dossier.app.DossierApp;

/** A catalogue a test talks to: a real server on a random port over a real database. */
public interface RunningCatalogue {

    Http http();

    String baseUrl();

    /** Its database: a SQLite file in its folder, or a PostgreSQL database of its own. */
    DatabaseAddress database();

    Path folder();

    DossierApp app();

    /**
     * The id of the one record whose title contains {@code words} (case counts), read from the
     * database: tests name the record they mean, not its id. Fails naming the titles when no record
     * or more than one matches.
     */
    int recordTitled(String words);

    /**
     * Runs {@code work} on this catalogue once it has started: at once when it has, as a catalogue
     * made by a test has. A test-class extension ({@link SeededCatalogue}) starts before the class's
     * first test, and runs it then, before the class's {@code @BeforeAll} methods: so that a static
     * final field beside the catalogue's can hold what needs it running, such as an editor signed in.
     */
    default void whenStarted(Consumer<RunningCatalogue> work) {
        work.accept(this);
    }
}
