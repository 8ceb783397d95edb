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

/**
 * A real database for tests that need no server, migrated: a SQLite file in a temporary folder, or,
 * when the suite runs on PostgreSQL ({@link TestPostgres#selected}), a fresh database of its own.
 */
public final class TestDatabase implements AutoCloseable {

    private static final Map<Path, DatabaseAddress> ADDRESSES = new ConcurrentHashMap<>();

    private final Path folder;
    private final Database database;

    private TestDatabase(Path folder, Database database) {
        this.folder = folder;
        this.database = database;
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
        StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).forEach(frame -> {
            for (Class<?> c = frame.getDeclaringClass(); c != null; c = c.getEnclosingClass()) {
                if (c.isAnnotationPresent(SameOnEveryDatabase.class)) {
                    throw new IllegalStateException(c.getSimpleName() + " opens the test database, so it must run on "
                            + "PostgreSQL too: take off its @SameOnEveryDatabase");
                }
            }
        });
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

    public static TestDatabase empty() {
        try {
            Path folder = Files.createTempDirectory("dossier-db-");
            return new TestDatabase(folder, Database.open(in(folder)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A database holding the seed pages' catalogue, as importing {@code seeds/} into {@link #empty}
     * makes it (a first start runs that import): a copy of {@link SeededTemplate}'s, a few
     * milliseconds where the import took a second or more on a busy machine.
     */
    public static TestDatabase seeded() {
        try {
            Path folder = Files.createTempDirectory("dossier-db-");
            return new TestDatabase(folder, seededIn(folder));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A database holding the authority lists from seeds/authorities, and no documents. */
    public static TestDatabase withAuthorities() {
        TestDatabase db = empty();
        try {
            var lists = AuthorityLoader.read(TestCatalogue.SEEDS.resolve("authorities"));
            db.dsl().transaction(tx -> AuthorityLoader.store(tx.dsl(), lists));
        } catch (Exception e) {
            db.close();
            throw new IllegalStateException("the authority lists did not load", e);
        }
        return db;
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

    @Override
    public void close() {
        database.close();
        forget(folder);
        TestCatalogue.deleteRecursively(folder);
    }
}
