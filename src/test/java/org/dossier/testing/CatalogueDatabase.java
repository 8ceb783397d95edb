package org.dossier.testing;

import static org.dossier.db.Tables.PERSON;
import static org.dossier.db.Tables.PERSON_ALIAS;
import static org.dossier.db.Tables.PLACE;
import static org.dossier.db.Tables.PLACE_ALIAS;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.dossier.app.Database;
import org.dossier.authorities.AuthorityRecords;
import org.dossier.documents.RecordStore;
import org.dossier.documents.RecordWriter;
import org.jooq.DSLContext;

/**
 * A second connection to a test catalogue's SQLite file, for a test to read the database and to
 * change records through the one write path ({@link RecordStore}) at a time of its choosing.
 */
public final class CatalogueDatabase implements AutoCloseable {

    // Set once, when the catalogue has started (see forTheClass); read by the class's tests.
    private volatile Database database;
    private Instant now = Instant.parse("2030-01-01T00:00:00Z");

    private CatalogueDatabase(Database database) {
        this.database = database;
    }

    /** A connection opened now, for the test to close. */
    public static CatalogueDatabase of(RunningCatalogue catalogue) {
        return new CatalogueDatabase(Database.open(catalogue.database()));
    }

    /**
     * A connection for the whole class, opened once {@code catalogue} has started and closed before
     * it stops, so that a class holds it in a static final field beside the catalogue's, as it holds
     * its editors ({@code Editors.signedIn}); the test does not close it.
     */
    public static CatalogueDatabase forTheClass(SeededCatalogue catalogue) {
        CatalogueDatabase opened = new CatalogueDatabase(null);
        catalogue.whenStarted(started -> opened.database = Database.open(started.database()));
        catalogue.closeBeforeStopping(opened);
        return opened;
    }

    public DSLContext dsl() {
        return database.dsl();
    }

    /** Sets the time the next writes are made at. */
    public CatalogueDatabase at(String instant) {
        now = Instant.parse(instant);
        return this;
    }

    /** Runs {@code work} through the write path, in one transaction, at the time set with {@link #at}. */
    public <T> T write(Function<RecordWriter, T> work) {
        return new RecordStore(database.dsl(), Clock.fixed(now, ZoneOffset.UTC)).write(work);
    }

    /**
     * Waits until the records merges and restores left to the catalogue's background thread have
     * moved: a merge or restore moves what it can within a second in its request, and on a busy
     * machine that was not every record, so a test read the survivor's links before the last came.
     */
    public void awaitMergesMoved() {
        AuthorityRecords read = new AuthorityRecords(dsl());
        long waitedUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (read.stillToMove() > 0) {
            if (System.nanoTime() - waitedUntil > 0) {
                throw new AssertionError("the merge's records still to move after 30 s: " + read.stillToMove());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** The id of the one record whose title contains {@code words}: see {@link RunningCatalogue#recordTitled}. */
    public int recordTitled(String words) {
        return RecordsByTitle.idOf(dsl(), words);
    }

    /** The id of the type, person or place with this key in its authority table. */
    public int typeId(String key) {
        return dsl().fetchValue("select id from document_type where key = ?", key) instanceof Number n
                ? n.intValue() : fail("type", key);
    }

    public int personId(String key) {
        return dsl().fetchValue("select id from person where key = ?", key) instanceof Number n
                ? n.intValue() : fail("person", key);
    }

    public int placeId(String key) {
        return dsl().fetchValue("select id from place where key = ?", key) instanceof Number n
                ? n.intValue() : fail("place", key);
    }

    /** The keys of the people who have {@code form}, as it is written, among their forms of the name, in key order. */
    public java.util.List<String> peopleWithForm(String form) {
        return dsl().select(PERSON.KEY).from(PERSON).join(PERSON_ALIAS).on(PERSON_ALIAS.PERSON_ID.eq(PERSON.ID))
                .where(PERSON_ALIAS.ALIAS.eq(form)).orderBy(PERSON.KEY).fetch(PERSON.KEY);
    }

    /** The keys of the places that have {@code form}, as it is written, among their forms of the name, in key order. */
    public java.util.List<String> placesWithForm(String form) {
        return dsl().select(PLACE.KEY).from(PLACE).join(PLACE_ALIAS).on(PLACE_ALIAS.PLACE_ID.eq(PLACE.ID))
                .where(PLACE_ALIAS.ALIAS.eq(form)).orderBy(PLACE.KEY).fetch(PLACE.KEY);
    }

    private static int fail(String what, String key) {
        throw new IllegalArgumentException("no " + what + " has the key " + key);
    }

    @Override
    public void close() {
        if (database != null) { // null when the catalogue of a class's connection never started
            database.close();
        }
    }
}
