package org.dossier.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.dossier.app.Database;
import org.dossier.app.DatabaseAddress;
import org.dossier.authorities.AuthorityLoader;
import org.dossier.documents.RecordStore;
import org.jooq.DSLContext;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real database for tests that need no server, migrated: a SQLite file in a temporary folder, or,
 * when the suite runs on PostgreSQL ({@link TestPostgres#selected}), a fresh database of its own.
 *
 * <p>A test that wants one of its own opens it now ({@link #empty()}, {@link #seeded()},
 * {@link #withAuthorities()}, in a try-with-resources). A class whose every test starts from a fresh
 * one registers it, as it registers its catalogue or its browser:
 *
 * <pre>{@code
 * @RegisterExtension
 * final TestDatabase db = TestDatabase.seededForEachTest();
 * }</pre>
 *
 * <p>which is open from before each test (and its {@code @BeforeEach} methods) until after it (and its
 * {@code @AfterEach} methods); a class whose tests share one registers a static
 * {@link #emptyForTheClass()} or {@link #withAuthoritiesForTheClass()}, open from before its
 * {@code @BeforeAll} methods until after its {@code @AfterAll} methods. Closing drops it on PostgreSQL.
 */
public final class TestDatabase implements AutoCloseable, BeforeEachCallback, AfterEachCallback,
        BeforeAllCallback, AfterAllCallback {

    private static final Map<Path, DatabaseAddress> ADDRESSES = new ConcurrentHashMap<>();

    /** What a test database holds when it is opened. */
    private enum Contents {
        EMPTY, SEEDED, AUTHORITIES
    }

    /** When an extension opens and closes it: around each test, or around the class; never, when opened at once. */
    private enum Span {
        AT_ONCE, EACH_TEST, THE_CLASS
    }

    private final Contents contents;
    private final Span span;
    // Set when it is opened: at once by empty(), seeded() and withAuthorities(), by the extension's callbacks otherwise.
    private Path folder;
    private Database database;

    private TestDatabase(Contents contents, Span span) {
        this.contents = contents;
        this.span = span;
    }

    /**
     * The database that belongs to a test's temporary folder: {@code dossier.db} in it, or on
     * PostgreSQL a fresh database, the same one each time the same folder is asked for.
     */
    public static DatabaseAddress in(Path folder) {
        refuseClassesMarkedSameOnEveryDatabase();
        if (!TestPostgres.selected()) {
            return DatabaseAddress.sqlite(folder.resolve("dossier.db"));
        }
        return ADDRESSES.computeIfAbsent(folder.toAbsolutePath(), f -> TestPostgres.freshDatabase());
    }

    /**
     * Fails when a class marked {@link SameOnEveryDatabase} asks for the test database: the mark
     * takes it out of the PostgreSQL half, so it must not hold a test that a database could change.
     */
    private static void refuseClassesMarkedSameOnEveryDatabase() {
        StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                .forEach(frame -> refuseIfMarkedSameOnEveryDatabase(frame.getDeclaringClass()));
    }

    /** As {@link #refuseClassesMarkedSameOnEveryDatabase}, for one class and the classes it is declared in. */
    private static void refuseIfMarkedSameOnEveryDatabase(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            if (c.isAnnotationPresent(SameOnEveryDatabase.class)) {
                throw new IllegalStateException(c.getSimpleName() + " opens the test database, so it must run on "
                        + "PostgreSQL too: take off its @SameOnEveryDatabase");
            }
        }
    }

    /** Opens {@link #in}. */
    public static Database openIn(Path folder) {
        return Database.open(in(folder));
    }

    /**
     * Opens the seed pages' catalogue copied into {@code folder}: its database, and its up-to-date
     * search index at {@code folder/dossier.index}, as a first start with the seeds leaves them.
     */
    public static Database seededIn(Path folder) {
        SeededTemplate.copyInto(folder, TestCatalogue.STOPS_AT_ONCE);
        return openIn(folder);
    }

    /**
     * Opens a copy, in {@code folder}, of a generated catalogue of 2,500 records (more than one batch
     * of a SolrCloud fill), made once per test JVM ({@link GeneratedTemplate}): the database only.
     */
    public static Database generatedIn(Path folder) {
        GeneratedTemplate.copyInto(folder);
        return openIn(folder);
    }

    /**
     * Makes a copy of the database of {@code from}, which nothing may have open, the database of
     * {@code to}: the SQLite file copied, or on PostgreSQL a database made from it as a template. A
     * catalogue made once (the seeds', a generated one) and copied for each test that changes it.
     */
    public static void copy(Path from, Path to) {
        DatabaseAddress database = in(from);
        if (!database.isSqlite()) {
            adopt(to, TestPostgres.copyOf(database));
            return;
        }
        try {
            Path copy = in(to).file();
            Files.copy(database.file(), copy);
            // SQLite folds the write-ahead log into the file when the last connection closes; should
            // one be left, it is part of the database.
            Path log = database.file().resolveSibling(database.file().getFileName() + "-wal");
            if (Files.exists(log)) {
                Files.copy(log, copy.resolveSibling(copy.getFileName() + "-wal"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes {@code database}, a PostgreSQL database made for it, the database of {@code folder}. */
    static void adopt(Path folder, DatabaseAddress database) {
        if (ADDRESSES.putIfAbsent(folder.toAbsolutePath(), database) != null) {
            throw new IllegalStateException(folder + " has a database already");
        }
    }

    /** Drops the PostgreSQL database of a folder, if it has one (its connections closed first). */
    public static void forget(Path folder) {
        DatabaseAddress address = ADDRESSES.remove(folder.toAbsolutePath());
        if (address != null) {
            TestPostgres.drop(address);
        }
    }

    /** An empty database, migrated, opened now: close it when done (try-with-resources). */
    public static TestDatabase empty() {
        return new TestDatabase(Contents.EMPTY, Span.AT_ONCE).openNow();
    }

    /**
     * A database holding the seed pages' catalogue, as importing {@code seeds/} into {@link #empty}
     * makes it (a first start runs that import): a copy of {@link SeededTemplate}'s, a few
     * milliseconds where the import took a second or more on a busy machine.
     */
    public static TestDatabase seeded() {
        return new TestDatabase(Contents.SEEDED, Span.AT_ONCE).openNow();
    }

    /** A database holding the authority lists from seeds/authorities, and no documents. */
    public static TestDatabase withAuthorities() {
        return new TestDatabase(Contents.AUTHORITIES, Span.AT_ONCE).openNow();
    }

    /** An {@link #empty()} database for each test, a {@code @RegisterExtension} instance field. */
    public static TestDatabase emptyForEachTest() {
        return new TestDatabase(Contents.EMPTY, Span.EACH_TEST);
    }

    /** A {@link #seeded()} database for each test, a {@code @RegisterExtension} instance field. */
    public static TestDatabase seededForEachTest() {
        return new TestDatabase(Contents.SEEDED, Span.EACH_TEST);
    }

    /** A {@link #withAuthorities()} database for each test, a {@code @RegisterExtension} instance field. */
    public static TestDatabase withAuthoritiesForEachTest() {
        return new TestDatabase(Contents.AUTHORITIES, Span.EACH_TEST);
    }

    /** One {@link #empty()} database for the class's tests, a static {@code @RegisterExtension} field. */
    public static TestDatabase emptyForTheClass() {
        return new TestDatabase(Contents.EMPTY, Span.THE_CLASS);
    }

    /** One {@link #withAuthorities()} database for the class's tests, a static {@code @RegisterExtension} field. */
    public static TestDatabase withAuthoritiesForTheClass() {
        return new TestDatabase(Contents.AUTHORITIES, Span.THE_CLASS);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (span == Span.EACH_TEST) {
            openFor(context);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (span == Span.EACH_TEST) {
            close();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (span == Span.THE_CLASS) {
            openFor(context);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (span == Span.THE_CLASS) {
            close();
        }
    }

    private void openFor(ExtensionContext context) {
        // The test class is not on the stack of an extension's callback, so in() cannot see its mark.
        refuseIfMarkedSameOnEveryDatabase(context.getRequiredTestClass());
        openNow();
    }

    private static void storeTheSeedsAuthorityLists(DSLContext dsl) {
        try {
            var lists = AuthorityLoader.read(TestCatalogue.SEEDS.resolve("authorities"));
            dsl.transaction(tx -> AuthorityLoader.store(tx.dsl(), lists));
        } catch (Exception e) {
            throw new IllegalStateException("the authority lists did not load", e);
        }
    }

    private TestDatabase openNow() {
        if (database != null) {
            throw new IllegalStateException("this test database is open already");
        }
        try {
            folder = Files.createTempDirectory("dossier-db-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            database = contents == Contents.SEEDED ? seededIn(folder) : openIn(folder);
            if (contents == Contents.AUTHORITIES) {
                storeTheSeedsAuthorityLists(database.dsl());
            }
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
        return this;
    }

    /** Closes the connection pool and opens another on the same database, as a restart of the server does. */
    public void reopen() {
        database.close();
        database = Database.open(in(folder));
    }

    public DSLContext dsl() {
        return database.dsl();
    }

    /** The id of the one record whose title contains {@code words}: see {@link RunningCatalogue#recordTitled}. */
    public int recordTitled(String words) {
        return RecordsByTitle.idOf(dsl(), words);
    }

    public RecordStore store() {
        return store(Clock.systemUTC());
    }

    /** The write path, its records stamped as they commit by {@code clock}: a test's time, not the database's. */
    public RecordStore store(Clock clock) {
        return new RecordStore(database.dsl(), clock);
    }

    /** The database, to hand to a command's --db. */
    public DatabaseAddress address() {
        return in(folder);
    }

    public Path folder() {
        return folder;
    }

    /** Closes what is open: all of it, or what an opening that failed left; again, nothing. */
    @Override
    public void close() {
        try {
            if (database != null) {
                database.close();
                database = null;
            }
        } finally {
            if (folder != null) {
                forget(folder);
                TestCatalogue.deleteRecursively(folder);
                folder = null;
            }
        }
    }
}
